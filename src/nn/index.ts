// Public surface of the codec and engine (see docs/CONTRACTS.md, section src/nn).
export type { Activation, AliveMask, Dense, Model } from './model';
export { DataInscriptionError } from './errors';
export { decodeDataInscription } from './decode';
export { encodeDataInscription, type WeightDtype } from './encode';
export { forward, classify, activations, parameterCount, softmax, invalidate, useSimd, type ForwardOptions } from './engine';
export { MAX_PARAMETERS, MAX_UNITS, MAX_SIDE, MAX_LAYERS, ACTIVATIONS } from './limits';
