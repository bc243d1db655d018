// The two identifiers of the project, each written once (tools import them from here).
// An ord inscription ID: the reveal transaction's txid (64 hex digits, lowercase as ord shows it), "i", the index of
// the inscription in that transaction. A seed: 64 lowercase hex digits (a txid, as seedOf derives it from an ID).
export const ID_PATTERN = /^[0-9a-f]{64}i\d+$/;
export const SEED_PATTERN = /^[0-9a-f]{64}$/;

export function isInscriptionId(s: unknown): s is string {
  return typeof s === 'string' && ID_PATTERN.test(s);
}

export function isSeed(s: unknown): s is string {
  return typeof s === 'string' && SEED_PATTERN.test(s);
}
