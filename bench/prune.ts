// npx tsx bench/prune.ts DIR: what pruning the first layer of int4 brains gives (nearly all of a brain's parameters are
// its first layer). For each share p, each unit's p smallest first-layer levels are set to 0 (no retraining): the
// brains' bytes after ord's brotli (quality 11, window 24, text mode) and their median held-out accuracy. DIR holds
// int4 brains, e.g. `bench/collection-levers.ts --save DIR`'s.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeDataInscription, encodeDataInscription, type Model } from '../src/nn/index';
import { INT4_HIGH, INT4_LOW } from '../src/nn/int4';
import { downsample, downsampleFactor } from '../tools/dataset/downsample';
import { readDataset } from '../tools/dataset/store';
import { accuracy } from '../tools/train/evaluate';
import { median } from '../tools/collection/report';
import { brotli } from '../tools/build/sizes';

const dir = process.argv[2];
if (!dir) throw new Error('usage: npx tsx bench/prune.ts DIR (int4 brains)');
const dataset = readDataset('data/pfp-seed0-6000x1000');
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

/** A copy with each first-layer unit's smallest `share` of weights set to 0. */
function pruned(model: Model, share: number): Model {
  const [first, ...rest] = model.layers, kernel = first.kernel.slice(), U = first.units;
  for (let y = 0; y < U; y++) {
    const idx = Array.from({ length: first.inputs }, (_, x) => x * U + y).sort((a, b) => Math.abs(kernel[a]) - Math.abs(kernel[b]));
    for (const i of idx.slice(0, Math.floor(share * idx.length))) kernel[i] = 0;
  }
  return { ...model, layers: [{ ...first, kernel }, ...rest] };
}

console.log(`${files.length} brains of ${dir}; each unit's smallest first-layer levels set to 0, no retraining`);
console.log('| first layer pruned | brotli B (all brains) | B a parameter | median held-out | lowest | under 90% |');
console.log('|---:|---:|---:|---:|---:|---:|');
const brains = files.map((f) => {
  const text = readFileSync(join(dir, f), 'utf8'), doc = JSON.parse(text) as { weight_scales: number[][] };
  const model = decodeDataInscription(text), factor = downsampleFactor(dataset.inputShape[0], model.inputShape[0]);
  return { model, grid: { scales: doc.weight_scales, lo: INT4_LOW, hi: INT4_HIGH }, test: downsample(dataset.test, dataset.inputShape, factor) };
});
const params = brains.reduce((n, b) => n + b.model.layers.reduce((k, l) => k + l.kernel.length + (l.bias?.length ?? 0), 0), 0);
for (const share of [0, 0.25, 0.5, 0.75]) {
  let bytes = 0;
  const acc = brains.map(({ model, grid, test }) => {
    const m = pruned(model, share), text = JSON.stringify(encodeDataInscription(m, { dtype: 'int4', grid }));
    bytes += brotli(Buffer.from(text)).length;
    return accuracy(decodeDataInscription(text), test);
  });
  console.log(`| ${share * 100}% | ${bytes} | ${(bytes / params).toFixed(3)} | ${(median(acc) * 100).toFixed(2)}% | ${(Math.min(...acc) * 100).toFixed(2)}% | ${acc.filter((a) => a < 0.9).length} |`);
}
