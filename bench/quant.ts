// npx tsx bench/quant.ts [brain.json ...]: for each brain, the bytes per parameter of its data inscription after ord's
// brotli (quality 11, window 24, text mode, as `ord wallet inscribe --compress`) and the top-1 agreement with the
// float32 brain and the accuracy on the PFP held-out split, for float32, float16, int8, int4 (plain rounding and
// fine-tuned through the rounding on the training split) and 3 bits in the int4 format (fine-tuned). A Markdown table.
// A brain with a smaller input than the dataset's (a collection's 16x16) sees the images scaled down as it was trained.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { decodeDataInscription, encodeDataInscription, parameterCount, type Model } from '../src/nn/index';
import { readDataset } from '../tools/dataset/store';
import { downsample, downsampleFactor } from '../tools/dataset/downsample';
import { predictAll } from '../tools/train/evaluate';
import { tuneForInt4 } from '../tools/quant/tune';

export const ordBrotli = (text: string): number => brotliCompressSync(Buffer.from(text), {
  params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_LGWIN]: 24, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT },
}).length;

const brains = process.argv.slice(2);
if (!brains.length) brains.push('fixtures/brains/pfp_classifier_0000.json');
const dataset = readDataset('data/pfp-seed0-6000x1000');
const pct = (x: number) => (x * 100).toFixed(2) + '%';
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };

console.log('| brain | parameters | encoding | B/param (brotli) | agreement with float32 | held-out accuracy | tuning CPU s |');
console.log('|---|---:|---|---:|---:|---:|---:|');
for (const path of brains) {
  const model = decodeDataInscription(readFileSync(path, 'utf8')), params = parameterCount(model);
  // the images at the brain's input (a collection's brains see them scaled down to 16x16)
  const factor = downsampleFactor(dataset.inputShape[0], model.inputShape[0]), scaled = (s: typeof dataset.test) => downsample(s, dataset.inputShape, factor);
  const data = { train: scaled(dataset.train), test: scaled(dataset.test) };
  const reference = predictAll(model, data.test);
  const row = (encoding: string, doc: object, seconds = NaN) => {
    const text = JSON.stringify(doc), read = decodeDataInscription(text), p = predictAll(read, data.test);
    let agree = 0, right = 0;
    p.forEach((c, i) => { agree += c === reference[i] ? 1 : 0; right += c === data.test.labels[i] ? 1 : 0; });
    console.log(`| ${basename(path, '.json')} | ${params} | ${encoding} | ${(ordBrotli(text) / params).toFixed(3)} | ${pct(agree / p.length)} | ` +
      `${pct(right / p.length)} | ${Number.isNaN(seconds) ? '' : seconds.toFixed(1)} |`);
  };
  for (const dtype of ['float32', 'float16', 'int8'] as const) row(dtype, encodeDataInscription(model, { dtype }));
  row('int4, plain rounding', encodeDataInscription(model, { dtype: 'int4' }));
  for (const bits of [4, 3] as const) {
    const start = cpu(), { model: tuned, grid, fineTuned } = tuneForInt4(model, { bits, train: data.train });
    row(`${bits === 4 ? 'int4' : 'int3 (int4 format)'}, ${fineTuned ? 'fine-tuned' : 'plain rounding kept'}`, encodeDataInscription(tuned, { dtype: 'int4', grid }), cpu() - start);
  }
}
