// Research: bytes per parameter after ord's brotli and top-1 agreement with float32 for rounding variants and text
// encodings of the weight stream. npx tsx bench/quant-research.ts [brain.json]
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants } from 'node:zlib';
import { decodeDataInscription, encodeDataInscription, parameterCount, type Model } from '../src/nn/index';
import { floatToHalf, halfToFloat } from '../src/nn/float16';
import { bytesToBase64 } from '../src/nn/base64';
import { readDataset } from '../tools/dataset/store';
import { predictAll } from '../tools/train/evaluate';
import { unitGrid, dequantise, levelRange } from '../tools/quant/grid';

const brotli = (s: string) => brotliCompressSync(Buffer.from(s), {
  params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_LGWIN]: 24, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT },
}).length;
const f16 = (v: number) => halfToFloat(floatToHalf(v));

const path = process.argv[2] ?? 'fixtures/brains/pfp_classifier_0000.json';
const text = readFileSync(path, 'utf8'), model = decodeDataInscription(text), params = parameterCount(model);
const data = readDataset('data/pfp-seed0-6000x1000').test;
const ref = predictAll(model, data);
const acc = (p: Uint8Array) => p.reduce((n, v, i) => n + (v === data.labels[i] ? 1 : 0), 0) / data.count;
const agree = (p: Uint8Array) => p.reduce((n, v, i) => n + (v === ref[i] ? 1 : 0), 0) / data.count;
const pct = (x: number) => (x * 100).toFixed(2) + '%';
console.log(`${path}: ${params} parameters; float32 held-out ${pct(acc(ref))}`);

function row(label: string, bytes: number, m: Model) {
  const p = predictAll(m, data);
  console.log(label.padEnd(58) + (bytes / params).toFixed(3).padStart(7) + ' B/p  agree ' + pct(agree(p)) + '  acc ' + pct(acc(p)));
}
for (const dtype of ['float32', 'float16', 'int8'] as const) {
  const t = JSON.stringify(encodeDataInscription(model, { dtype }));
  row(dtype, brotli(t), decodeDataInscription(t));
}

/** A quantised copy: per-unit grids of `bits`, biases through `bias`. */
function quantised(bits: number, clip: 'max' | 'mse', bias: (v: number) => number, scaleRound = f16) {
  const grids = model.layers.map((l) => unitGrid(l.kernel, l.inputs, l.units, bits, clip, scaleRound));
  const m: Model = { ...model, layers: model.layers.map((l, i) => ({ ...l, kernel: dequantise(grids[i], l.units), bias: l.bias && l.bias.map(bias) })) };
  return { grids, m };
}

/** The weight stream's text in a few encodings, inside the document (the rest as the float32 document has it). */
function docBytes(grids: ReturnType<typeof quantised>['grids'], bits: number, order: 'keras' | 'unit', enc: 'b64' | 'hex' | 'b64-byte') {
  const lv: number[] = [];
  model.layers.forEach((l, i) => {
    const g = grids[i];
    if (order === 'keras') lv.push(...g.levels);
    else for (let y = 0; y < l.units; y++) for (let x = 0; x < l.inputs; x++) lv.push(g.levels[x * l.units + y]);
  });
  const mask = (1 << bits) - 1;
  let stream: string;
  if (enc === 'hex') stream = lv.map((q) => (q & mask).toString(16)).join('');
  else if (enc === 'b64-byte') stream = bytesToBase64(Int8Array.from(lv) as unknown as Uint8Array);
  else {
    // bits packed little-end first into bytes
    const bytes = new Uint8Array(Math.ceil((lv.length * bits) / 8));
    lv.forEach((q, i) => {
      const at = i * bits;
      const v = (q & mask) << (at & 7);
      bytes[at >> 3] |= v & 255;
      if (v > 255) bytes[(at >> 3) + 1] |= v >> 8;
    });
    stream = bytesToBase64(bytes);
  }
  // scales and biases as float16 base64 (small either way)
  const extra: number[] = [];
  model.layers.forEach((l, i) => { extra.push(...grids[i].scales); if (l.bias) extra.push(...l.bias); });
  const e = new Uint8Array(extra.length * 2), v = new DataView(e.buffer);
  extra.forEach((x, i) => v.setUint16(2 * i, floatToHalf(x), true));
  const doc = JSON.parse(text);
  doc.weight_dtype = 'int' + bits;
  doc.weight_b64 = stream + bytesToBase64(e);
  return brotli(JSON.stringify(doc));
}

for (const bits of [4, 3]) {
  for (const clip of ['max', 'mse'] as const) {
    for (const [bn, bias] of [['f32 bias', (v: number) => v], ['f16 bias', f16]] as const) {
      const { grids, m } = quantised(bits, clip, bias);
      row(`int${bits} ${clip} ${bn} (keras order, b64 packed)`, docBytes(grids, bits, 'keras', 'b64'), m);
    }
  }
  for (const clip of ['max', 'mse'] as const) {
  const { grids } = quantised(bits, clip, f16);
  for (const order of ['keras', 'unit'] as const) for (const enc of ['b64', 'hex', 'b64-byte'] as const) {
    console.log(`  int${bits} ${clip}: ${order} order, ${enc}`.padEnd(58) + (docBytes(grids, bits, order, enc) / params).toFixed(3).padStart(7) + ' B/p');
  }
  }
}
const noWeights = JSON.parse(text);
noWeights.weight_b64 = '';
console.log(`document without weights: ${brotli(JSON.stringify(noWeights))} B brotli (${(brotli(JSON.stringify(noWeights)) / params).toFixed(3)} B/p)`);
console.log('levels', levelRange(4));
