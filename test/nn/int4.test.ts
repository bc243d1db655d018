// The int4 data inscription: layout (checked against the worked example of docs/format.md), round trips, the 3-bit
// grid inside the same format, and the decoder's strictness about the new fields.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeDataInscription, encodeDataInscription, forward, type Model } from '../../src/nn/index';
import { bytesToBase64 } from '../../src/nn/base64';
import { decodeError, randomModel, randomPixels } from './helpers';
import { tinyModel } from './docs';

const int4Doc = (m: Model, grid?: Parameters<typeof encodeDataInscription>[1]): Record<string, any> =>
  JSON.parse(JSON.stringify(encodeDataInscription(m, { dtype: 'int4', ...grid })));


/** The example of docs/format.md's int4 section with the layers it describes around it. */
function docsExample(): Record<string, any> {
  const text = readFileSync(new URL('../../docs/format.md', import.meta.url), 'utf8');
  const section = text.slice(text.indexOf('### int4'));
  const fields = JSON.parse(/```json\n([\s\S]*?)```/.exec(section)![1]);
  return {
    model_name: 'example',
    layers_config: { config: { layers: [
      { class_name: 'InputLayer', config: { batch_input_shape: [null, 1, 1, 3] } },
      { class_name: 'Flatten' },
      { class_name: 'Dense', config: { units: 2, activation: 'leaky_relu' } },
      { class_name: 'Dense', config: { units: 1, activation: 'linear' } },
    ] } },
    ...fields,
    training_traits: {},
    classes_name: ['only'],
  };
}

describe('int4 layout', () => {
  it('decodes the worked example of docs/format.md to the weights it states', () => {
    const m = decodeDataInscription(docsExample());
    expect(m.dtype).toBe('int4');
    expect(Array.from(m.layers[0].kernel)).toEqual([0.5, -2, -1, 0, 3.5, 0.75]);
    expect(Array.from(m.layers[0].bias!)).toEqual([0.125, -1]);
    expect(Array.from(m.layers[1].kernel)).toEqual([0.5, Math.fround(-0.1)]);
    expect(m.layers[1].bias).toBeNull();
  });

  it('packs two levels a byte, low nibble first, unit after unit', () => {
    // one unit per layer-0 column: scales 1 make the levels the weights themselves
    const m = randomModel({ shape: [1, 1], hidden: [2], activations: ['relu', 'linear'], outputBias: false, classes: 1 }, 1);
    m.layers[0].kernel.set([1, -8, 7, 0, -1, 3]); // Keras order: input 0 → units 0, 1; input 1 → …
    m.layers[1].kernel.set([2, -3]);
    const doc = int4Doc(m, { grid: { scales: [[1, 1], [1]], lo: -8, hi: 7 } });
    // unit 0: 1 7 -1; unit 1: -8 0 3; output: 2 -3 → nibbles 1 7 f 8 0 3 2 d
    expect(Buffer.from(doc.weight_b64, 'base64')).toEqual(Buffer.from([0x71, 0x8f, 0x30, 0xd2]));
    expect(doc.weight_scales).toEqual([[1, 1], [1]]);
    expect(doc.weight_biases[1]).toEqual([]);
  });

  it('takes half a byte a weight: the document is about an eighth of float32', () => {
    const m = randomModel({ shape: [16, 16], hidden: [12, 8], activations: ['relu', 'relu', 'linear'], outputBias: true }, 2);
    const float32 = JSON.stringify(encodeDataInscription(m)).length, int4 = JSON.stringify(int4Doc(m)).length;
    expect(int4 / float32).toBeLessThan(0.15);
    expect(int4 / float32).toBeGreaterThan(0.125);
  });
});

describe('int4 round trip', () => {
  it('each weight within half its unit step (a unit largest weight exact to 4 digits), biases to 5 digits', () => {
    for (const seed of [1, 2, 3]) {
      const m = randomModel({ shape: [3, 2], hidden: [5, 4], activations: ['tanh', 'leaky_relu', 'softmax'], outputBias: seed !== 2, classes: 3 }, seed, 10 ** (seed - 2));
      const doc = int4Doc(m), back = decodeDataInscription(JSON.stringify(doc));
      back.layers.forEach((l, li) => {
        const o = m.layers[li], scales = doc.weight_scales[li] as number[];
        expect(scales).toHaveLength(l.units);
        o.kernel.forEach((w, i) => expect(Math.abs(w - l.kernel[i])).toBeLessThanOrEqual(scales[i % l.units] / 2 + 1e-4 * Math.abs(w)));
        for (let y = 0; y < l.units; y++) {
          let max = 0;
          for (let x = 0; x < l.inputs; x++) max = Math.max(max, Math.abs(o.kernel[x * l.units + y]));
          expect(scales[y] * 7).toBeCloseTo(max, 3 - Math.round(Math.log10(max)));
        }
        if (o.bias) o.bias.forEach((b, i) => expect(Math.abs(b - l.bias![i])).toBeLessThanOrEqual(Math.abs(b) * 5e-5));
        else expect(l.bias).toBeNull();
      });
      const px = randomPixels(18, seed);
      expect(forward(back, px).length).toBe(3);
    }
  });

  it('a brain already on its grid (as fine-tuning leaves it) encodes and decodes bit for bit', () => {
    const m = tinyModel(4), scales = m.layers.map((l) => Array.from({ length: l.units }, (_, y) => [0.0125, 0.5, 3][y % 3]));
    m.layers.forEach((l, li) => l.kernel.forEach((_, i) => (l.kernel[i] = Math.fround((((i * 7) % 16) - 8) * scales[li][i % l.units]))));
    const back = decodeDataInscription(int4Doc(m, { grid: { scales, lo: -8, hi: 7 } }));
    back.layers.forEach((l, li) => expect(Array.from(l.kernel)).toEqual(Array.from(m.layers[li].kernel)));
  });

  it('a 3-bit grid (levels -4..3) is the same format with fewer levels in use', () => {
    const m = tinyModel(5), scales = m.layers.map((l) => Array.from({ length: l.units }, () => 0.05));
    const doc = int4Doc(m, { grid: { scales, lo: -4, hi: 3 } });
    expect(doc.weight_dtype).toBe('int4');
    const levels = [...Buffer.from(doc.weight_b64, 'base64')].flatMap((b) => [b & 15, b >> 4]).map((n) => (n < 8 ? n : n - 16));
    expect(Math.min(...levels)).toBe(-4);
    expect(Math.max(...levels)).toBe(3);
  });

  it('refuses to encode a non-finite weight or a grid of the wrong shape', () => {
    const m = tinyModel(6);
    m.layers[1].kernel[2] = NaN;
    expect(() => encodeDataInscription(m, { dtype: 'int4' })).toThrow(/layer 1 .* non-finite weight/);
    expect(() => encodeDataInscription(tinyModel(6), { dtype: 'int4', grid: { scales: [[1]], lo: -8, hi: 7 } })).toThrow(/grid/);
  });
});

describe('int4 decoder errors name the JSON path', () => {
  const base = () => int4Doc(tinyModel(7)); // 2x3x3 → 3 relu → 2 tanh → 3 linear with bias: 54 + 6 + 6 = 66 levels
  const cases: [string, (d: any) => void, string, RegExp][] = [
    ['scales missing', (d) => delete d.weight_scales, 'weight_scales', /must be an array, got nothing/],
    ['scales per layer', (d) => (d.weight_scales = [1, 1, 1]), 'weight_scales[0]', /must be an array, got 1/],
    ['too few layers of scales', (d) => d.weight_scales.pop(), 'weight_scales', /must be 3 arrays \(one per Dense layer\), got 2/],
    ['too few unit scales', (d) => d.weight_scales[1].pop(), 'weight_scales[1]', /must be 2 scales \(one per unit\), got 1/],
    ['negative scale', (d) => (d.weight_scales[2][0] = -1), 'weight_scales[2][0]', /must be a number from 0 to 10000\/7, got -1/],
    ['string scale', (d) => (d.weight_scales[0][2] = '1'), 'weight_scales[0][2]', /must be a number from 0 to 10000\/7, got "1"/],
    ['biases missing', (d) => delete d.weight_biases, 'weight_biases', /must be an array, got nothing/],
    ['hidden biases short', (d) => d.weight_biases[0].pop(), 'weight_biases[0]', /must be 3 biases \(one per unit\), got 2/],
    ['null bias', (d) => (d.weight_biases[1][1] = null), 'weight_biases[1][1]', /must be a number from -10000 to 10000, got null/],
    ['output biases partial', (d) => d.weight_biases[2].pop(), 'weight_biases[2]', /must be 3 biases \(one per unit\) or none, got 2/],
    ['use_bias true without biases', (d) => { d.weight_biases[2] = []; d.layers_config.config.layers[5].config.use_bias = true; },
      'weight_biases[2]', /must be 3 biases \(one per unit\), got 0/],
    ['use_bias false with biases', (d) => (d.layers_config.config.layers[5].config.use_bias = false), 'weight_biases[2]', /must be none \(use_bias is false\), got 3/],
    ['huge scale', (d) => (d.weight_scales[0][0] = 1e38), 'weight_scales[0][0]', /must be a number from 0 to 10000\/7, got 1e\+38/],
    ['bias beyond float32', (d) => (d.weight_biases[0][0] = 1e39), 'weight_biases[0][0]', /must be a number from -10000 to 10000, got 1e\+39/],
    ['short stream', (d) => (d.weight_b64 = bytesToBase64(new Uint8Array(14))), 'weight_b64', /holds 14 bytes, needs 33 \(66 int4 levels\)/],
    ['int8 scales shape', (d) => { d.weight_dtype = 'int8'; delete d.weight_biases; }, 'weight_scales[0]', /must be a number from 0 to 10000\/127, got an array/],
  ];
  it.each(cases)('%s', (_, edit, path, message) => {
    const d = base();
    edit(d);
    const e = decodeError(d);
    expect(e.path).toBe(path);
    expect(e.message).toMatch(message);
  });

  it('biases and scales are refused in float dtypes', () => {
    const d = JSON.parse(JSON.stringify(encodeDataInscription(tinyModel(8))));
    d.weight_biases = [];
    expect(decodeError(d).path).toBe('weight_biases');
  });

  it('a non-zero padding nibble after an odd number of levels is refused', () => {
    const odd = randomModel({ shape: [1, 1], hidden: [1], activations: ['relu', 'linear'], outputBias: true, classes: 1 }, 9);
    odd.layers.push({ ...odd.layers[1] }); // 3 + 1 + 1 = 5 levels → 3 bytes, the last high nibble padding
    odd.layers[1] = { ...odd.layers[1], activation: 'relu' };
    const d = int4Doc(odd), bytes = Buffer.from(d.weight_b64, 'base64');
    expect(bytes).toHaveLength(3);
    expect(() => decodeDataInscription(d)).not.toThrow();
    bytes[2] |= 0x10;
    d.weight_b64 = bytes.toString('base64');
    const e = decodeError(d);
    expect(e.path).toBe('weight_b64');
    expect(e.message).toMatch(/padding nibble .* must be 0/);
  });
});
