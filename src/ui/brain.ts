// Which brain the page runs: the brain plugged in here with U, else the newest upgrade child on chain, else the
// token's own brain (its metadata), else the art's default, else the copy embedded at build time.
import type { Model } from '../nn/model';
import { isInscriptionId, type BrainError, type BrainResult } from '../chain/index';
export type { BrainError, BrainResult };

/** Where the brain in use comes from (window.perceptron.brainSource). */
export type BrainSource = 'child' | 'metadata' | 'default' | 'embedded' | 'local';

/** A brain the page may run, in the order tried: its ID, where it comes from, and its model when already fetched (an
 * upgrade child, with the block it was inscribed in). */
export interface Candidate {
  id: string;
  source: BrainSource;
  model?: Model;
  height?: number | null;
}

export interface Resolved {
  id: string;
  model: Model | null;
  /** Why a wanted brain was not used ('' when it was). */
  problem: string;
  source: BrainSource;
  /** The upgrade child in use: its ID and the block it was inscribed in (null when the brain is not a child's). */
  child: { id: string; height: number | null } | null;
}

/** The brains to try, in order: plugged in here, the newest upgrade child, the token's metadata brain, the art's
 * default (an ID given twice is tried once, where it first comes). */
export function brainCandidates(c: { local?: string | null; child?: Candidate | null; metadata?: string | null; artDefault: string }): Candidate[] {
  const list: Candidate[] = [];
  if (c.local) list.push({ id: c.local, source: 'local' });
  if (c.child) list.push(c.child);
  if (c.metadata) list.push({ id: c.metadata, source: 'metadata' });
  list.push({ id: c.artDefault, source: 'default' });
  return list.filter((x, i) => list.findIndex((y) => y.id == x.id) == i);
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
          'too-large': 'Too large to be a brain (more than any brain within the parameter cap needs): stopped downloading.',
          'not-json': 'Not a brain: not JSON.',
        }[e.kind];
}

/** The first candidate whose brain loads (the first failure is the problem to tell), else the embedded copy. */
export async function resolveBrain(
  candidates: Candidate[],
  fetchBrain: (id: string) => Promise<BrainResult>,
  embedded: () => Model | null,
): Promise<Resolved> {
  let problem = '';
  for (const c of candidates) {
    const r = c.model ? { ok: true as const, model: c.model } : await fetchBrain(c.id);
    const child = c.source == 'child' ? { id: c.id, height: c.height ?? null } : null;
    if (r.ok) return { id: c.id, model: r.model, problem, source: c.source, child };
    if (!problem) problem = `Brain ${c.id.slice(0, 8)}…: ${explain(r.error)}`;
  }
  const last = candidates[candidates.length - 1];
  return { id: last.id, model: embedded(), problem, source: 'embedded', child: null };
}
