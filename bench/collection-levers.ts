// What the trainer's levers do for the collection's hard genomes (narrow ReLU stacks, deep Sigmoid stacks, ...):
// trains a sample of each hard family of the 580 under each lever setting and prints held-out accuracy (int4, as
// inscribed). The collection's choices in tools/collection/config.ts come from runs of this bench (docs/collection.md).
//   npx tsx bench/collection-levers.ts [--per-family N] [--workers W] [--only 'NAME|NAME...'] [--family PREFIX] [--tokens I,J,...] [--input SIDE] [--save DIR] [--dtype int4|float32]
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateGenome } from '../src/art/traits';
import type { WeightDtype } from '../src/nn/index';
import { tokenSeed } from '../tools/collection/token-seed';
import type { GenomeDoc } from '../tools/collection/config';
import { trainAll } from '../tools/collection/pool';
import { median } from '../tools/collection/report';
import type { TokenBrain, TokenJob } from '../tools/collection/train-token';
import { pfpCacheDir } from '../tools/train/data';
import { brotli } from '../tools/build/sizes';

const { values: v } = parseArgs({ options: { 'per-family': { type: 'string', default: '6' }, workers: { type: 'string' }, only: { type: 'string' }, family: { type: 'string' }, tokens: { type: 'string' }, input: { type: 'string', default: '32' }, save: { type: 'string' }, dtype: { type: 'string', default: 'int4' } } });
const perFamily = Number(v['per-family']);

/** The genomes' families that train worst (docs/collection.md), by activation, depth and narrowest layer. */
const family = (g: { activation: string; hidden: number[] }): string | null => {
  const deep = g.hidden.length >= 3, narrow = Math.min(...g.hidden);
  if (g.activation === 'relu' && narrow <= 2) return deep ? 'relu deep, a 1-2 unit layer' : 'relu shallow, a 1-2 unit layer';
  if (g.activation === 'sigmoid' && deep) return narrow <= 3 ? 'sigmoid deep, a 2-3 unit layer' : 'sigmoid deep';
  if (g.activation === 'tanh' && deep && narrow <= 2) return 'tanh deep, a 2-unit layer';
  if (g.activation === 'leaky_relu' && deep && narrow <= 2) return 'leaky_relu deep, a 2-unit layer';
  return null;
};

const sample = new Map<string, { index: number; activation: string; genome: GenomeDoc }[]>();
for (let index = 0; index < 580; index++) {
  const g = generateGenome(tokenSeed('perceptrons', index));
  // --tokens: just these (e.g. the weakest of a run), whatever their family
  const f = v.tokens ? (v.tokens.split(',').includes(String(index)) ? family(g) ?? 'other' : null) : family(g);
  if (!f || (v.family && !f.startsWith(v.family))) continue;
  const list = sample.get(f) ?? sample.set(f, []).get(f)!;
  if (v.tokens || list.length < perFamily) list.push({ index, activation: g.activation, genome: { seed: g.seed, features: g.features, hidden: g.hidden } });
}

/** Lever settings to compare, for a genome's activation, each on top of the collection's own config (its first row).
 * docs/collection.md's tables were measured as the config moved; the settings the config took are not repeated here. */
type Levers = NonNullable<TokenJob['levers']>;
const SETTINGS: Record<string, (activation: string) => Levers> = {
  'config.ts': () => ({}),
  'ReLU: He init (x1.4)': (a) => (a === 'relu' ? { initGain: 1.4 } : {}),
  'ReLU: 90% of samples full': (a) => (a === 'relu' ? { pFull: 0.9 } : {}),
  'ReLU: lr 0.001, batch 16': (a) => (a === 'relu' ? { learningRate: 0.001, batchSize: 16 } : {}),
  'ReLU: bias 0.5': (a) => (a === 'relu' ? { biasInit: 0.5 } : {}),
  'ReLU: 90% full, bias 0.5': (a) => (a === 'relu' ? { pFull: 0.9, biasInit: 0.5 } : {}),
  'int4: every epoch but the first on the grid': () => ({ gridEpochs: 99 }),
  'int3 (int4 format, levels -4..3)': () => ({ gridBits: 3 }),
  'rescue: up to 64 runs': () => ({ rescueAttempts: 64 }),
};
const names = v.only ? v.only.split('|') : Object.keys(SETTINGS);

const jobsOf = (levers: (activation: string) => Levers): TokenJob[] =>
  [...sample.values()].flat().map(({ index, activation, genome }) => ({ index, genome, dtype: v.dtype as WeightDtype, levers: levers(activation) }));
const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

console.log(`${[...sample.values()].flat().length} genomes, ${perFamily} a family, ${v.dtype}, ${v.input}x${v.input} input, the whole PFP dataset`);
console.log(`| setting | ${[...sample.keys()].join(' | ')} | all: median / lowest / under 90% | CPU s a brain | brotli B a brain / a parameter |`);
console.log(`|---|${[...sample.keys()].map(() => '---').join('|')}|---|---:|---:|`);
for (const name of names) {
  const acc = new Map<number, number>();
  let seconds = 0, bytes = 0, parameters = 0;
  await trainAll(jobsOf(SETTINGS[name]), { workers: Number(v.workers ?? availableParallelism()), dataDir: pfpCacheDir({}), perClass: 6000, testPerClass: 1000, input: Number(v.input) }, (b: TokenBrain) => {
    acc.set(b.index, b.heldoutAccuracy);
    // --save DIR: the brains, for the benches that read them (bench/quant.ts, bench/quant-layout.ts, bench/prune.ts)
    if (v.save) {
      mkdirSync(join(v.save, slug(name)), { recursive: true });
      writeFileSync(join(v.save, slug(name), `${b.index}.json`), b.text);
    }
    seconds += b.seconds;
    bytes += brotli(Buffer.from(b.text)).length; // as ord stores it (--compress)
    parameters += b.parameters;
  });
  const cells = [...sample.values()].map((list) => {
    const a = list.map((t) => acc.get(t.index)!);
    return `${pct(median(a))} (${pct(Math.min(...a))})`;
  });
  const all = [...acc.values()];
  console.log(`| ${name} | ${cells.join(' | ')} | ${pct(median(all))} / ${pct(Math.min(...all))} / ${all.filter((x) => x < 0.9).length} | ${(seconds / all.length).toFixed(1)} | ${Math.round(bytes / all.length)} / ${(bytes / parameters).toFixed(3)} |`);
}
