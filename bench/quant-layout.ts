// npx tsx bench/quant-layout.ts [brain.json]: why int4 stores each unit's levels together. The same levels (plain
// 4-bit rounding, one scale per unit) in a few orders and text encodings inside the brain's document, in bytes per
// parameter after ord's brotli (quality 11, window 24, text mode).
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants } from 'node:zlib';
import { decodeDataInscription, encodeDataInscription, parameterCount } from '../src/nn/index';
import { bytesToBase64 } from '../src/nn/base64';
import { levelOf } from '../src/nn/int4';
import { maxGrid } from '../tools/quant/grid';

const ordBrotli = (text: string): number => brotliCompressSync(Buffer.from(text), {
  params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_LGWIN]: 24, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT },
}).length;

const path = process.argv[2] ?? 'fixtures/brains/pfp_classifier_0000.json';
const model = decodeDataInscription(readFileSync(path, 'utf8')), params = parameterCount(model), grid = maxGrid(model);
const doc = encodeDataInscription(model, { dtype: 'int4' });

/** Every level in Keras order (input-major) or unit order (each unit's weights together). */
const levels = (order: 'keras' | 'unit'): number[] => model.layers.flatMap((l, li) => {
  const at = (x: number, y: number) => levelOf(l.kernel[x * l.units + y], grid.scales[li][y]);
  const out: number[] = [];
  if (order === 'keras') for (let x = 0; x < l.inputs; x++) for (let y = 0; y < l.units; y++) out.push(at(x, y));
  else for (let y = 0; y < l.units; y++) for (let x = 0; x < l.inputs; x++) out.push(at(x, y));
  return out;
});
const nibbles = (v: number[]) => Uint8Array.from({ length: (v.length + 1) >> 1 }, (_, i) => (v[2 * i] & 15) | ((v[2 * i + 1] ?? 0) & 15) << 4);
const encodings: Record<string, (v: number[]) => string> = {
  'two levels a byte, base64 (the format)': (v) => bytesToBase64(nibbles(v)),
  'one level a byte, base64': (v) => bytesToBase64(Uint8Array.from(v, (q) => q & 255)),
  'one hex digit a level': (v) => v.map((q) => (q & 15).toString(16)).join(''),
};
console.log(`${path}: ${params} parameters; B/param after brotli of the whole document`);
for (const order of ['unit', 'keras'] as const) {
  for (const [name, encode] of Object.entries(encodings)) {
    const text = JSON.stringify({ ...doc, weight_b64: encode(levels(order)) });
    console.log(`${order} order, ${name}`.padEnd(56) + (ordBrotli(text) / params).toFixed(3));
  }
}
