// A collection token learns who it is from ord: its CBOR metadata (/r/metadata/<own id>: { name, seed, brain, accuracy })
// and its birth height (/r/inscription/<own id>'s height). A single inscription has no metadata (404) and is unchanged.
import { CborError, decodeCborHex } from './cbor';
import { ROUTE, routePath } from './routes';
import { get, type ChainOptions } from './http';
import { isInscriptionId } from './ids';

/** What a collection token's metadata says (see tools/collection/metadata.ts, which writes it). */
export interface TokenMetadata {
  name: string;
  /** 64 hex digits: the genome's seed. */
  seed: string;
  /** The token's own brain: a data inscription ID. */
  brain: string;
  /** Held-out accuracy of that brain at full life, in percent (informational). */
  accuracy: number | null;
}

export type MetadataResult =
  | { kind: 'none' } // 404: an inscription without metadata
  | { kind: 'ok'; metadata: TokenMetadata }
  | { kind: 'bad'; message: string }; // unreadable or wrong metadata, or the endpoint failing

/** Checks decoded metadata against the token shape; throws a message naming the field. */
export function tokenMetadata(doc: unknown): TokenMetadata {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new Error('metadata is not a map');
  const m = doc as Record<string, unknown>;
  const { name = '', seed, brain, accuracy = null } = m;
  if (typeof seed !== 'string' || !/^[0-9a-f]{64}$/.test(seed)) throw new Error(`metadata "seed" must be 64 lowercase hex digits (found ${JSON.stringify(seed)?.slice(0, 80)})`);
  if (!isInscriptionId(brain)) throw new Error(`metadata "brain" must be an inscription ID (found ${JSON.stringify(brain)?.slice(0, 80)})`);
  if (typeof name !== 'string') throw new Error('metadata "name" must be text');
  if (accuracy !== null && !(typeof accuracy === 'number' && accuracy >= 0 && accuracy <= 100)) throw new Error('metadata "accuracy" must be a percentage');
  return { name: name.slice(0, 80), seed, brain, accuracy: accuracy as number | null };
}

/** The inscription's own metadata, read and checked. Never throws. */
export async function fetchMetadata(id: string, opts: ChainOptions = {}): Promise<MetadataResult> {
  const got = await get(routePath(ROUTE.rMetadata, id), opts);
  if (!got.ok) return got.status === 404 ? { kind: 'none' } : { kind: 'bad', message: `cannot read the metadata: ${got.message}` };
  try {
    const hex: unknown = JSON.parse(got.body); // ord answers a JSON string of hex
    if (typeof hex !== 'string') throw new CborError('the metadata endpoint did not answer a JSON string');
    return { kind: 'ok', metadata: tokenMetadata(decodeCborHex(hex)) };
  } catch (e) {
    return { kind: 'bad', message: `bad metadata: ${(e as Error).message}` };
  }
}

/** What ord records about an inscription that the page uses: its block height and its delegate (null when none). */
export interface InscriptionRecord {
  height: number | null;
  delegate: string | null;
}

/** /r/inscription/<id>; all null when it cannot be read. Never throws. */
export async function inscriptionRecord(id: string, opts: ChainOptions = {}): Promise<InscriptionRecord> {
  const got = await get(routePath(ROUTE.rInscription, id), opts);
  try {
    const r: unknown = got.ok ? JSON.parse(got.body) : null;
    const { height, delegate } = (r && typeof r === 'object' ? r : {}) as Record<string, unknown>;
    return {
      height: Number.isSafeInteger(height) && (height as number) >= 0 ? (height as number) : null,
      delegate: isInscriptionId(delegate) ? delegate : null,
    };
  } catch {
    return { height: null, delegate: null };
  }
}
