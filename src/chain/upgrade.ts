// The newest upgrade on chain: a child of this inscription (only its holder can inscribe one) whose content is a brain
// the page can run, either a body-less child delegating to a brain inscribed before (ord's /content/<child> answers the
// delegate's bytes) or a child whose body is the brain. At most MAX_UPGRADE_CANDIDATES children are fetched, newest
// first, each under the codec's download cap, so a parent with thousands of children costs a handful of requests.
import { fetchBrain, type BrainError } from './brain';
import { newestChildren } from './children';
import type { ChainOptions } from './http';
import { inscriptionRecord } from './metadata';
import type { Model } from '../nn/model';

/** How many of the newest children are fetched before the page gives up on an upgrade. */
export const MAX_UPGRADE_CANDIDATES = 3;

export interface UpgradeChild {
  id: string;
  model: Model;
  /** The block it was inscribed in (null when ord's record cannot be read). */
  height: number | null;
}

/** A newer child that looked like a brain but could not be run, and why. */
export interface SkippedChild {
  id: string;
  error: BrainError;
}

export interface UpgradeSearch {
  /** The newest child that is a runnable brain, or null. */
  child: UpgradeChild | null;
  /** Newer children skipped with a reason to show (JSON that is no valid brain, a failed fetch), newest first. */
  skipped: SkippedChild[];
}

/** A child whose content is not JSON (an image, text) or longer than any brain is not an upgrade: skipped silently. */
const notABrain = (e: BrainError): boolean => e.kind == 'not-json' || e.kind == 'too-large';

/** The parent's newest runnable brain child. Never throws; /r/children failing or absent means no upgrade, no note. */
export async function findUpgrade(parent: string, opts: ChainOptions = {}): Promise<UpgradeSearch> {
  const found: UpgradeSearch = { child: null, skipped: [] };
  const list = await newestChildren(parent, MAX_UPGRADE_CANDIDATES, opts);
  for (const id of list?.ids ?? []) {
    const r = await fetchBrain(id, opts);
    if (r.ok) {
      found.child = { id, model: r.model, height: (await inscriptionRecord(id, opts)).height };
      break;
    }
    if (!notABrain(r.error)) found.skipped.push({ id, error: r.error });
  }
  return found;
}
