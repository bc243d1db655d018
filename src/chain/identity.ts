// Who am I? ord serves an inscription at /content/<id> and /preview/<id> (its documented self-reference convention);
// elsewhere a ?id= or ?hash= query parameter names it; else the seed baked in at build time.
import { isInscriptionId } from './ids';

export interface Identity {
  /** 64 hex digits for generateGenome. */
  seed: string;
  /** The inscription ID when known. */
  id: string | null;
  source: 'path' | 'query' | 'baked';
}

const PATH_ID = /\/(?:content|preview)\/([0-9a-fA-F]{64}i\d+)\/?$/;
const HEX64 = /^[0-9a-f]{64}$/;

/** The txid is the seed; a later inscription of the same transaction (index n > 0) folds n into the last 32 bits. */
export function seedOf(id: string): string {
  const txid = id.slice(0, 64);
  const n = Number(id.slice(65));
  if (!n) return txid;
  const tail = ((parseInt(txid.slice(56), 16) ^ n) >>> 0).toString(16).padStart(8, '0');
  return txid.slice(0, 56) + tail;
}

export function ownIdentity(loc: { pathname: string; search: string }, bakedSeed: string): Identity {
  const m = PATH_ID.exec(loc.pathname);
  if (m) {
    const id = m[1].toLowerCase();
    return { seed: seedOf(id), id, source: 'path' };
  }
  const q = new URLSearchParams(loc.search);
  for (const key of ['id', 'hash']) {
    const v = (q.get(key) ?? '').trim().toLowerCase();
    if (isInscriptionId(v)) return { seed: seedOf(v), id: v, source: 'query' };
    if (HEX64.test(v)) return { seed: v, id: null, source: 'query' };
  }
  return { seed: bakedSeed, id: null, source: 'baked' };
}
