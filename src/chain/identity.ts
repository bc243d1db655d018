// Who am I? ord serves an inscription at /content/<id> and /preview/<id> (its documented self-reference convention);
// elsewhere a ?id= or ?hash= query parameter names it; else the seed baked in at build time.
import { isInscriptionId, isSeed } from './ids';

export interface Identity {
  /** 64 hex digits for generateGenome. */
  seed: string;
  /** The inscription ID when known. */
  id: string | null;
  source: 'path' | 'query' | 'baked';
}

// An ID-like last step of the path, in any case (ord accepts either): isInscriptionId decides after lowercasing.
const PATH_ID = /\/(?:content|preview)\/(\w+i\d+)\/?$/;

/** The txid is the seed; a later inscription of the same transaction (index n > 0) folds n into the last 32 bits. */
export function seedOf(id: string): string {
  const txid = id.slice(0, 64), n = +id.slice(65);
  return n ? txid.slice(0, 56) + ((parseInt(txid.slice(56), 16) ^ n) >>> 0).toString(16).padStart(8, '0') : txid;
}

export function ownIdentity(loc: { pathname: string; search: string }, bakedSeed: string): Identity {
  const q = new URLSearchParams(loc.search);
  // The path names an inscription ID; ?id= and ?hash= an ID or a bare 64-hex seed.
  for (const [v, source] of [[PATH_ID.exec(loc.pathname)?.[1], 'path'], [q.get('id'), 'query'], [q.get('hash'), 'query']] as const) {
    const s = (v ?? '').trim().toLowerCase();
    if (isInscriptionId(s)) return { seed: seedOf(s), id: s, source };
    if (isSeed(s)) return { seed: s, id: null, source };
  }
  return { seed: bakedSeed, id: null, source: 'baked' };
}
