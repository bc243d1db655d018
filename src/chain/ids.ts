// ord inscription IDs: the reveal transaction's txid (lowercase hex, as ord shows it), "i", the index in that transaction.
export const ID_PATTERN = /^[0-9a-f]{64}i\d+$/;

export function isInscriptionId(s: unknown): s is string {
  return typeof s === 'string' && ID_PATTERN.test(s);
}
