// fetchBrain: a data inscription ("brain") by ID through ord's /content/<id>, decoded by the nn codec.
import { decodeDataInscription } from '../nn/index';
import type { Model } from '../nn/model';
import { isInscriptionId } from './ids';
import { get, text, why, type ChainOptions } from './http';

export type BrainError = {
  kind: 'bad-id' | 'http' | 'timeout' | 'network' | 'not-json' | 'invalid-brain';
  status?: number;
  message: string;
};
export type BrainResult =
  | { ok: true; id: string; model: Model; bytes: number }
  | { ok: false; id: string; error: BrainError };

export async function fetchBrain(id: string, opts: ChainOptions = {}): Promise<BrainResult> {
  const fail = (kind: BrainError['kind'], message: string, status?: number): BrainResult => ({ ok: false, id, error: { kind, status, message } });
  if (!isInscriptionId(id)) return fail('bad-id', `not an inscription ID (<64 hex>i<n>): ${JSON.stringify(String(id).slice(0, 80))}`);
  const got = await get(`/content/${id}`, opts);
  if (!got.ok) return fail(got.kind, got.message, got.status);
  let kind: BrainError['kind'] = 'not-json';
  try {
    const doc: unknown = JSON.parse(text(got.body));
    kind = 'invalid-brain';
    return { ok: true, id, model: decodeDataInscription(doc), bytes: got.body.byteLength };
  } catch (e) {
    return fail(kind, kind === 'not-json' ? `/content/${id} is not JSON: ${why(e)}` : why(e));
  }
}
