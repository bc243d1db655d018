// A collection's trait rarity: how often each feature value occurs over its genomes, beside the share the whitepaper (or
// the trait tables in src/art/traits.ts) targets, with a chi-square p-value per trait. perceptrons generate prints it;
// the collection report and test/art/traits.test.ts read it.
import { ACTIVATIONS, ARCHITECTURES, BIRTH_YEARS, DATASETS, EPOCHS, FRAMEWORKS, HARDWARE, LAYERS, LIFE_CYCLES, LINKS, MAX_NEURONS, PALETTES, PAPERS, PULSES } from '../../src/art/traits';
import { chiSquare } from '../stats/chi-square';

type Dist = Record<string, number>;
const share = (rows: readonly { value: string | number; weight: number }[]): Dist => {
  const total = rows.reduce((a, r) => a + r.weight, 0), out: Dist = {};
  for (const { value, weight } of rows) out[value] = weight / total;
  return out;
};
const uniform = (lo: number, hi: number, mass: number, into: Dist = {}): Dist => {
  for (let k = lo; k <= hi; k++) into[k] = (into[k] ?? 0) + mass / (hi - lo + 1);
  return into;
};

/** The target probability of every value of every feature the whitepaper (or our tables) fixes. */
export function expectedDistribution(): Record<string, Dist> {
  const sig = share(ACTIVATIONS).Sigmoid;
  return {
    'Hidden Layers': uniform(LAYERS.other[0], LAYERS.other[1], 1 - sig, uniform(LAYERS.Sigmoid[0], LAYERS.Sigmoid[1], sig)),
    'Max Neurons': uniform(MAX_NEURONS[0], MAX_NEURONS[1], 1),
    Architecture: share(ARCHITECTURES),
    Activation: share(ACTIVATIONS),
    Epochs: uniform(EPOCHS.other[0], EPOCHS.other[1], 1 - sig, uniform(EPOCHS.Sigmoid[0], EPOCHS.Sigmoid[1], sig)),
    Dataset: share(DATASETS),
    Framework: share(FRAMEWORKS),
    'Hardware Acceleration': share(HARDWARE),
    'Paper Pattern': share(PAPERS),
    Palette: share(PALETTES),
    'Birth Year': share(BIRTH_YEARS),
    'Life Cycle': share(LIFE_CYCLES),
    Pulse: share(PULSES),
    Links: share(LINKS),
  };
}

export type Counts = Record<string, Record<string, number>>;

/** Count every feature value over genomes' features. */
export function tally(features: Iterable<Record<string, string | number>>): Counts {
  const counts: Counts = {};
  for (const f of features) for (const [k, v] of Object.entries(f)) (counts[k] ??= {})[v] = (counts[k][v] ?? 0) + 1;
  return counts;
}

/** The printed report: every value's count and share beside its target, and the chi-square p of each trait. */
export function formatReport(counts: Counts, n: number): string {
  const expected = expectedDistribution(), lines: string[] = [];
  const pct = (x: number) => (100 * x).toFixed(2).padStart(6) + '%';
  lines.push(`${'Trait'.padEnd(22)}${'Value'.padEnd(18)}${'Count'.padStart(7)}${'Share'.padStart(9)}${'Target'.padStart(9)}`);
  for (const [trait, target] of Object.entries(expected)) {
    const obs = counts[trait] ?? {};
    const { p } = chiSquare(obs, target);
    const values = [...new Set([...Object.keys(target), ...Object.keys(obs)])];
    for (const v of values) {
      const c = obs[v] ?? 0;
      lines.push(`${trait.padEnd(22)}${v.padEnd(18)}${String(c).padStart(7)}${pct(c / n).padStart(9)}${(v in target ? pct(target[v]) : 'not allowed').padStart(9)}`);
    }
    lines.push(`${trait.padEnd(22)}chi-square p = ${p.toFixed(3)}${p < 0.001 ? '  << OFF TARGET' : ''}`, '');
  }
  const neurons = Object.entries(counts.Neurons ?? {}).map(([k, c]) => [Number(k), c]);
  if (neurons.length) {
    const mean = neurons.reduce((a, [k, c]) => a + k * c, 0) / n;
    lines.push(`Neurons (total hidden): ${Math.min(...neurons.map((x) => x[0]))}..${Math.max(...neurons.map((x) => x[0]))}, mean ${mean.toFixed(1)}`);
  }
  return lines.join('\n');
}
