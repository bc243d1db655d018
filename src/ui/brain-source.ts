// Where the brain in use comes from, as the info panel says it, and the upgrade children skipped on the way (pure).
import type { SkippedChild } from '../chain/index';
import { explain, type Resolved } from './brain';
import type { InfoRow } from './info';

const short = (id: string): string => id.slice(0, 8) + '…';

export function sourceText(r: Pick<Resolved, 'source' | 'child' | 'model'>): string {
  if (r.source == 'child' && r.child) return `upgraded on chain by child ${short(r.child.id)}` + (r.child.height === null ? '' : ` at block ${r.child.height}`);
  return {
    child: 'upgraded on chain',
    metadata: 'its own brain',
    default: "the art's default",
    embedded: r.model ? 'the copy inside the art (no brain could be fetched)' : '',
    local: 'plugged in here with U: only in this browser',
  }[r.source];
}

/** The info panel's rows about the brain's origin: where it comes from, and each newer child skipped and why. */
export function sourceRows(r: Pick<Resolved, 'source' | 'child' | 'model'>, skipped: readonly SkippedChild[]): InfoRow[] {
  const rows: InfoRow[] = [['brain source', sourceText(r)]];
  for (const s of skipped) rows.push(['skipped upgrade', `child ${short(s.id)}: ${explain(s.error)}`]);
  return rows.filter((row) => row[1]);
}
