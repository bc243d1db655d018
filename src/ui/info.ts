// The info panel's rows, computed from the page state (pure: no DOM).
import { HISTORY } from '../art/history';
import { cap } from './dom';

export interface InfoInput {
  brain: {
    id: string;
    model: { name: string; classes: string[]; trainingTraits: Record<string, unknown> } | null;
  };
  genome: { features: Record<string, string | number>; birthYear: number };
  state: { brain: { parameters: number }; stage: string; age: number; life: number; height: number; feeRate: number | null };
  offline: boolean;
  /** Where the brain comes from (brain-source.ts), shown under its ID. */
  source?: InfoRow[];
}

/** The held-out accuracy recorded in training_traits, as a percentage string, or '' when there is none. */
export function heldOutAccuracy(traits: Record<string, unknown>): string {
  const keys = Object.keys(traits).filter((k) => /acc/i.test(k) && typeof traits[k] === 'number');
  const key = keys.find((k) => /test|held|val/i.test(k)) ?? keys[0], v = traits[key] as number;
  return key ? (v <= 1 ? v * 100 : v).toFixed(1) + '%' : '';
}

/** Class names the info panel lists before it says how many more there are. */
export const MAX_CLASSES_SHOWN = 10;

/** The panel's rows: [label, text], or [label, names] for a list of untrusted names (the view isolates each). */
export type InfoRow = [string, string | string[]];

/** The class names, each capped, at most MAX_CLASSES_SHOWN of them and then how many more. */
function classList(classes: readonly string[]): string[] {
  const shown = classes.slice(0, MAX_CLASSES_SHOWN).map((c) => cap(c, 24));
  return classes.length > MAX_CLASSES_SHOWN ? [...shown, `${classes.length - MAX_CLASSES_SHOWN} more`] : shown;
}

export function infoRows({ brain, genome: g, state: s, offline, source = [] }: InfoInput): InfoRow[] {
  const m = brain.model;
  const rows: [string, string | string[] | false | null][] = [
    ['brain', m ? cap(m.name, 60) : 'none: no brain could be loaded'],
    ['brain ID', brain.id],
    ...source,
    ['classes', m && m.classes.length > 0 && classList(m.classes)],
    ['parameters', m && s.brain.parameters.toLocaleString('en-US')],
    ['held-out accuracy', m && heldOutAccuracy(m.trainingTraits)],
    ['stage', s.stage],
    ['age', `${Math.round(s.age * 100)}% of life ${s.life}`],
    ['block height', s.height + (offline ? ' (offline)' : '')],
    ['fee rate', s.feeRate === null ? 'unknown' : `${s.feeRate} sat/vB`],
    // the birth year's line of history and the traits come from the artwork's own tables: trusted, short
    ['birth year', g.birthYear + (HISTORY[g.birthYear] ? ': ' + HISTORY[g.birthYear] : '')],
    ...Object.entries(g.features).map(([k, v]): [string, string] => [k, '' + v]),
  ];
  return rows.filter((r): r is InfoRow => !!r[1]);
}
