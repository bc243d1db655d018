// perceptrons generate --count N --seed S --out DIR
// Writes DIR/<index>.json = {"seed", "features", "hidden"} for tokens 0..N-1 and DIR/rarity.json = {feature: {value: count}},
// and prints every trait value's count and share beside the whitepaper's target, with a chi-square p-value per trait.
// Token i's seed = sha256("<S>:<i>") as 64 hex digits, so a collection is reproducible from S alone.
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ACTIVATIONS, ARCHITECTURES, BIRTH_YEARS, DATASETS, EPOCHS, FRAMEWORKS, HARDWARE, LAYERS, LIFE_CYCLES, LINKS, MAX_NEURONS, PALETTES, PAPERS, PULSES, generateGenome } from '../../src/art/traits';
import { defineCommand, intOption, runCommand, UsageError } from '../args';

export const command = defineCommand({
  name: 'generate',
  summary: 'generate a collection of genomes (DIR/<i>.json) and its rarity report vs the whitepaper',
  synopsis: '--out DIR [--count 10000] [--seed perceptrons]',
  options: {
    out: { type: 'string', arg: 'DIR', help: 'where <i>.json and rarity.json go (required)' },
    count: { type: 'string', arg: 'N', help: 'tokens, 1 to 1000000', default: '10000' },
    seed: { type: 'string', arg: 'S', help: 'the collection seed: token i\'s seed is sha256("<S>:<i>")', default: 'perceptrons' },
  },
});

export const tokenSeed = (collectionSeed: string, index: number): string =>
  createHash('sha256').update(`${collectionSeed}:${index}`).digest('hex');

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

// ln Γ (Lanczos, g = 7) and the regularized upper incomplete gamma Q(a, x) (series / continued fraction).
const LANCZOS = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
function lnGamma(z: number): number {
  if (z < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * z)) - lnGamma(1 - z);
  z -= 1;
  let x = LANCZOS[0];
  for (let i = 1; i < 9; i++) x += LANCZOS[i] / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(x);
}
export function gammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  const lead = -x + a * Math.log(x) - lnGamma(a);
  if (x < a + 1) {
    let sum = 1 / a, term = sum;
    for (let n = 1; n < 1000 && Math.abs(term) > Math.abs(sum) * 1e-15; n++) sum += (term *= x / (a + n));
    return 1 - sum * Math.exp(lead);
  }
  let b = x + 1 - a, c = 1e300, d = 1 / b, h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b; if (Math.abs(d) < 1e-300) d = 1e-300;
    c = b + an / c; if (Math.abs(c) < 1e-300) c = 1e-300;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) break;
  }
  return Math.exp(lead) * h;
}

/** Pearson's chi-square goodness of fit of observed counts against target probabilities. Values absent from the
 * target make p = 0 (a value the spec does not allow). */
export function chiSquare(observed: Record<string, number>, target: Dist): { chi2: number; df: number; p: number } {
  const n = Object.values(observed).reduce((a, b) => a + b, 0);
  if (Object.keys(observed).some((v) => !(v in target))) return { chi2: Infinity, df: 0, p: 0 };
  let chi2 = 0;
  const keys = Object.keys(target);
  for (const v of keys) {
    const e = n * target[v], o = observed[v] ?? 0;
    chi2 += ((o - e) * (o - e)) / e;
  }
  const df = keys.length - 1;
  return { chi2, df, p: gammaQ(df / 2, chi2 / 2) };
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

export function run(args: string[]): Promise<number> {
  return runCommand(command, args, (o) => {
    if (!o.out) throw new UsageError('--out is required');
    return generate(o.out, intOption(o.count, 'count', 1, 1_000_000), o.seed);
  });
}

async function generate(out: string, count: number, seed: string): Promise<number> {
  await mkdir(out, { recursive: true });
  const features: Record<string, string | number>[] = [];
  const seen = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const g = generateGenome(tokenSeed(seed, i));
    const doc = { seed: g.seed, features: g.features, hidden: g.hidden };
    const key = JSON.stringify([g.features, g.hidden, g.visual]);
    if (seen.has(key)) throw new Error(`generate: tokens ${seen.get(key)} and ${i} share a genome`);
    seen.set(key, i);
    features.push(g.features);
    await writeFile(join(out, `${i}.json`), JSON.stringify(doc) + '\n');
  }
  const counts = tally(features);
  await writeFile(join(out, 'rarity.json'), JSON.stringify(counts, null, 1) + '\n');
  console.log(`${count} genomes from collection seed "${seed}" in ${out} (token i: seed = sha256("${seed}:i"))\n`);
  console.log(formatReport(counts, count));
  return 0;
}
