// The ord recursive-endpoint client: runs inside the inscription, zero dependencies, same-origin relative paths only.
export { isInscriptionId, isSeed } from './ids';
export { fetchBrain, type BrainResult, type BrainError } from './brain';
export { blockHeight, feeRate, parseBlockInfo, type FeeInfo } from './block';
export { createChainWatcher, type ChainWatcher, type ChainState, type WatcherOptions } from './watcher';
export { fetchMetadata, inscriptionRecord, tokenMetadata, type InscriptionRecord, type MetadataResult, type TokenMetadata } from './metadata';
export { ownIdentity, seedOf, type Identity } from './identity';
export { safeStorage, createSafeStorage, type SafeStorage } from './storage';
export type { ChainOptions, Timers } from './http';
export { childrenPage, newestChildren, CHILDREN_PAGE_SIZE, type ChildrenPage, type NewestChildren } from './children';
export { findUpgrade, MAX_UPGRADE_CANDIDATES, type SkippedChild, type UpgradeChild, type UpgradeSearch } from './upgrade';
export { upgradeBatch, type UpgradeContent } from './upgrade-batch';
