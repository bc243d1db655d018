// Which brain the page runs: the remembered upgrade, else the default, else the copy embedded at build time.
import type { Model } from '../nn/model';
import { isInscriptionId, type BrainError, type BrainResult } from '../chain/index';
export type { BrainError, BrainResult };

export interface Resolved {
  id: string;
  model: Model | null;
  /** Why a wanted brain was not used ('' when it was). */
  problem: string;
}

/** What a viewer pasted, as an ID: a bare ID or the end of a /content/ or /preview/ URL, lowercased (ord shows IDs
 * lowercase and accepts either case). Anything else comes back unchanged, for isInscriptionId to refuse. */
export function pastedId(s: string): string {
  const last = s.trim().split('/').pop()!.toLowerCase();
  return isInscriptionId(last) ? last : s;
}

/** A viewer-facing sentence for a failed fetch. */
export function explain(e: BrainError): string {
  return e.kind === 'http'
    ? e.status === 404 ? 'No inscription with that ID (404).' : `The server answered ${e.status}.`
    : e.kind === 'invalid-brain'
      ? 'Not a valid brain: ' + e.message.slice(0, 160)
      : {
          'bad-id': 'Not an inscription ID (64 hex digits, i, index).',
          timeout: 'The request timed out.',
          network: 'The network failed.',
          'not-json': 'Not a brain: not JSON.',
        }[e.kind];
}

export async function resolveBrain(
  wanted: string | null | undefined,
  defaultId: string,
  fetchBrain: (id: string) => Promise<BrainResult>,
  embedded: () => Model | null,
): Promise<Resolved> {
  let problem = '';
  for (const id of new Set([wanted || defaultId, defaultId])) {
    const r = await fetchBrain(id);
    if (r.ok) return { id, model: r.model, problem };
    if (!problem) problem = `Brain ${id.slice(0, 8)}…: ${explain(r.error)}`;
  }
  const model = embedded();
  return { id: defaultId, model, problem };
}
