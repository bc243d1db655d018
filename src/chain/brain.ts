// fetchBrain: a data inscription ("brain") by ID through ord's /content/<id>, decoded by the nn codec.
import { decodeParsedJson } from '../nn/decode';
import { MAX_DOCUMENT_BYTES } from '../nn/limits';
import type { Model } from '../nn/model';
import { isInscriptionId } from './ids';
import { ROUTE, routePath } from './routes';
import { get, type ChainOptions } from './http';

export type BrainError = {
  kind: 'bad-id' | 'http' | 'timeout' | 'network' | 'too-large' | 'not-json' | 'invalid-brain';
  status?: number;
  message: string;
};
export type BrainResult =
  | { ok: true; id: string; model: Model; bytes: number }
  | { ok: false; id: string; error: BrainError };

export async function fetchBrain(id: string, opts: ChainOptions = {}): Promise<BrainResult> {
  const fail = (kind: BrainError['kind'], message: string, status?: number): BrainResult => ({ ok: false, id, error: { kind, status, message } });
  if (!isInscriptionId(id)) return fail('bad-id', `not an inscription ID: ${JSON.stringify(String(id).slice(0, 80))}`);
  // no brain within the codec's parameter cap is longer than MAX_DOCUMENT_BYTES: a longer body is not downloaded
  const got = await get(routePath(ROUTE.content, id), opts, undefined, MAX_DOCUMENT_BYTES);
  if (!got.ok) return fail(got.kind, got.message, got.status);
  let kind: BrainError['kind'] = 'not-json';
  try {
    const doc: unknown = JSON.parse(got.body);
    kind = 'invalid-brain';
    return { ok: true, id, model: decodeParsedJson(doc), bytes: got.bytes };
  } catch (e) {
    return fail(kind, (e as Error).message); // JSON.parse's SyntaxError, or the codec's DataInscriptionError
  }
}
