import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants } from 'node:zlib';
import { decodeDataInscription } from '../src/nn/index';
import { bytesToBase64 } from '../src/nn/base64';
import { packInt4, storedBias } from '../src/nn/int4';
import { maxGrid, mseGrid } from '../tools/quant/grid';
const brotli = (s: string) => brotliCompressSync(Buffer.from(s), { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_LGWIN]: 24, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } }).length;
const text = readFileSync('fixtures/brains/pfp_classifier_0000.json', 'utf8'), model = decodeDataInscription(text);
const params = model.layers.reduce((n, l) => n + l.kernel.length + (l.bias?.length ?? 0), 0);
for (const [name, grid] of [['int4 max', maxGrid(model, 4)], ['int4 mse', mseGrid(model, 4)], ['int3 max', maxGrid(model, 3)], ['int3 mse', mseGrid(model, 3)]] as const) {
  const doc = JSON.parse(text);
  doc.weight_dtype = 'int4';
  doc.weight_scales = grid.scales.map((s) => Array.from(s));
  doc.weight_biases = model.layers.map((l) => Array.from(l.bias ?? [], storedBias));
  doc.weight_b64 = bytesToBase64(packInt4(model.layers.map((l, i) => ({ ...l, scales: grid.scales[i] })), grid.lo, grid.hi));
  const t = JSON.stringify(doc);
  console.log(name, t.length, brotli(t), (brotli(t) / params).toFixed(3));
}
