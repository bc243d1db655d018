// The info panel's rows, computed from the page state (pure: no DOM).
import { cap } from './dom';

export interface InfoInput {
  brain: {
    id: string;
    model: { name: string; classes: string[]; trainingTraits: Record<string, unknown> } | null;
    /** Where it came from: the chain, or the copy embedded at build time (endpoints missing). */
    source: 'chain' | 'embedded' | 'none';
  };
  genome: { features: Record<string, string | number>; birthYear: number; history: string };
  state: { brain: { parameters: number }; stage: string; age: number; life: number; height: number; feeRate: number | null };
  offline: boolean;
}

/** The held-out accuracy recorded in training_traits, as a percentage string, or '' when there is none. */
export function heldOutAccuracy(traits: Record<string, unknown>): string {
  const keys = Object.keys(traits).filter((k) => /acc/i.test(k) && typeof traits[k] === 'number');
  const key = keys.find((k) => /test|held|val|eval/i.test(k)) ?? keys[0];
  if (!key) return '';
  const v = traits[key] as number;
  return (v <= 1 ? (v * 100).toFixed(1) : v.toFixed(1)) + '%';
}

export function infoRows({ brain, genome: g, state: s, offline }: InfoInput): [string, string][] {
  const m = brain.model;
  const rows: [string, string][] = [['brain', m ? cap(m.name, 60) : 'none: no brain could be loaded'], ['brain ID', brain.id || '—']];
  if (brain.source === 'embedded') rows.push(['source', 'offline: embedded default']);
  if (m) {
    rows.push(['classes', cap(m.classes.map((c) => cap(c, 24)).join(', '), 240)]);
    rows.push(['parameters', s.brain.parameters.toLocaleString('en-US')]);
    const acc = heldOutAccuracy(m.trainingTraits);
    if (acc) rows.push(['held-out accuracy', acc]);
  }
  rows.push(['stage', s.stage]);
  rows.push(['age', `${Math.round(s.age * 100)}% of life ${s.life}`]);
  rows.push(['block height', offline ? `${s.height} (offline)` : String(s.height)]);
  rows.push(['fee rate', s.feeRate === null ? 'unknown' : `${s.feeRate} sat/vB`]);
  rows.push(['birth year', g.history ? `${g.birthYear}: ${cap(g.history, 200)}` : String(g.birthYear)]);
  for (const [k, v] of Object.entries(g.features)) rows.push([cap(k, 30), cap(v, 60)]);
  return rows;
}
