// The info panel's rows, computed from the page state (pure: no DOM).
import { cap } from './dom';

export interface InfoInput {
  brain: {
    id: string;
    model: { name: string; classes: string[]; trainingTraits: Record<string, unknown> } | null;
  };
  genome: { features: Record<string, string | number>; birthYear: number; history: string };
  state: { brain: { parameters: number }; stage: string; age: number; life: number; height: number; feeRate: number | null };
  offline: boolean;
}

/** The held-out accuracy recorded in training_traits, as a percentage string, or '' when there is none. */
export function heldOutAccuracy(traits: Record<string, unknown>): string {
  const keys = Object.keys(traits).filter((k) => /acc/i.test(k) && typeof traits[k] === 'number');
  const key = keys.find((k) => /test|held|val/i.test(k)) ?? keys[0], v = traits[key] as number;
  return key ? (v <= 1 ? v * 100 : v).toFixed(1) + '%' : '';
}

export function infoRows({ brain, genome: g, state: s, offline }: InfoInput): [string, string][] {
  const m = brain.model;
  const rows: [string, string | false | null][] = [
    ['brain', m ? cap(m.name, 60) : 'none: no brain could be loaded'],
    ['brain ID', brain.id],
    ['classes', m && cap(m.classes.map((c) => cap(c, 24)).join(', '), 240)],
    ['parameters', m && s.brain.parameters.toLocaleString('en-US')],
    ['held-out accuracy', m && heldOutAccuracy(m.trainingTraits)],
    ['stage', s.stage],
    ['age', `${Math.round(s.age * 100)}% of life ${s.life}`],
    ['block height', s.height + (offline ? ' (offline)' : '')],
    ['fee rate', s.feeRate === null ? 'unknown' : `${s.feeRate} sat/vB`],
    // the genome's history line and traits come from the artwork's own tables: trusted, short
    ['birth year', g.birthYear + (g.history ? ': ' + g.history : '')],
    ...Object.entries(g.features).map(([k, v]): [string, string] => [k, '' + v]),
  ];
  return rows.filter((r): r is [string, string] => !!r[1]);
}
