import { describe, expect, it } from 'vitest';
import { DataInscriptionError, decodeDataInscription, encodeDataInscription, forward, WEIGHT_DTYPES, WEIGHT_TYPES, type Model } from '../../src/nn/index';
import { base64ToBytes, bytesToBase64 } from '../../src/nn/base64';
import { floatToHalf, halfToFloat } from '../../src/nn/float16';
import { decodeError, randomModel, randomPixels, rng } from './helpers';
import { paperDocument, tinyDocument, tinyModel } from './docs';

const weights = (m: Model) => m.layers.flatMap((l) => [...l.kernel, ...(l.bias ?? [])]);


describe('decode: the paper format', () => {
  it('reads the paper example (no output bias), its LeakyReLU spelling and a JSON string alike', () => {
    const doc = paperDocument();
    doc.layers_config.config.layers[3].config.activation = 'LeakyReLU';
    doc.layers_config.config.layers[4].config.activation = 'leakyrelu';
    doc.layers_config.config.layers[5].config.activation = 'Leaky_ReLU';
    const m = decodeDataInscription(JSON.stringify(doc));
    expect(m.name).toBe('pfp_classifier_0000');
    expect(m.inputShape).toEqual([32, 32, 3]);
    expect(m.layers.map((l) => [l.inputs, l.units, l.activation])).toEqual([
      [3072, 10, 'leaky_relu'], [10, 8, 'leaky_relu'], [8, 10, 'leaky_relu'], [10, 4, 'linear'],
    ]);
    expect(m.layers[3].bias).toBeNull();
    expect(m.trainingTraits.activation_func).toBe('LeakyReLU');
    expect(doc.layers_config.config.layers[2]).toEqual({ class_name: 'Flatten' });
    expect(Object.keys(doc)).toEqual(['model_name', 'layers_config', 'weight_b64', 'training_traits', 'classes_name']);
  });

  it('takes the output bias from the byte length and reports expected and actual counts otherwise', () => {
    const withBias = tinyDocument(2, true), without = tinyDocument(2, false);
    expect(decodeDataInscription(withBias).layers[2].bias).toHaveLength(3);
    expect(decodeDataInscription(without).layers[2].bias).toBeNull();
    // 18*3+3 + 3*2+2 + 2*3+3 = 74 with output bias, 71 without
    const e = decodeError({ ...withBias, weight_b64: bytesToBase64(new Uint8Array(72 * 4)) });
    expect(e.path).toBe('weight_b64');
    expect(e.message).toBe('weight_b64: holds 72 float32 values, needs 74 (with output bias) or 71 (without output bias)');
    const e2 = decodeError({ ...withBias, weight_b64: bytesToBase64(new Uint8Array(75 * 4)) });
    expect(e2.message).toContain('holds 75 float32 values, needs 74 (with output bias) or 71 (without output bias)');
  });

  it('honours an explicit use_bias on the output layer', () => {
    const doc = tinyDocument(3, false);
    doc.layers_config.config.layers[5].config.use_bias = true;
    expect(decodeError(doc).message).toMatch(/needs 74 \(with output bias\)$/);
    const hidden = tinyDocument(3, true);
    hidden.layers_config.config.layers[3].config.use_bias = false;
    expect(decodeError(hidden).path).toBe('layers_config.config.layers[3].config.use_bias');
    expect(decodeError(hidden).message).toMatch(/must be true in a hidden layer, got false$/);
    hidden.layers_config.config.layers[3].config.use_bias = 'yes';
    expect(decodeError(hidden).message).toMatch(/layers\[3\]\.config\.use_bias: must be true or false, got "yes"$/);
  });

  it('accepts Keras extras (Sequential wrapper, names, dtypes, batch_shape) and Rescaling after Flatten', () => {
    const doc = tinyDocument(4);
    doc.layers_config = { class_name: 'Sequential', keras_version: '2.11.0', config: { name: 's', layers: doc.layers_config.config.layers } };
    const [input, rescale, flatten, ...dense] = doc.layers_config.config.layers;
    input.config = { batch_shape: input.config.batch_input_shape, dtype: 'float32', name: 'x' };
    doc.layers_config.config.layers = [input, flatten, rescale, ...dense];
    expect(decodeDataInscription(doc).inputShape).toEqual([2, 3, 3]);
    // Rescaling is optional: identity when absent
    doc.layers_config.config.layers = [input, flatten, ...dense];
    const m = decodeDataInscription(doc);
    expect([m.scale, m.offset]).toEqual([1, 0]);
  });
});

describe('encode/decode round trip', () => {
  it('float32 is bit-exact, with and without output bias', () => {
    for (const bias of [true, false]) {
      const m = randomModel({ shape: [5, 4], hidden: [6, 7], activations: ['sigmoid', 'softmax', 'tanh'], outputBias: bias }, 9, 40);
      m.layers[0].kernel[3] = -0; m.layers[0].kernel[4] = 1e-42; m.layers[0].kernel[5] = 10_000; // the largest weight a brain may hold
      const back = decodeDataInscription(JSON.parse(JSON.stringify(encodeDataInscription(m))));
      expect(back.layers.map((l) => l.activation)).toEqual(['sigmoid', 'softmax', 'tanh']);
      const a = weights(m), b = weights(back);
      expect(b.length).toBe(a.length);
      a.forEach((v, i) => expect(Object.is(v, b[i])).toBe(true));
      expect([back.name, back.scale, back.offset, back.classes, back.trainingTraits]).toEqual([m.name, m.scale, m.offset, m.classes, m.trainingTraits]);
    }
  });

  it('float16 halves the bytes and rounds each weight to the nearest half', () => {
    const m = randomModel({ shape: [8, 8], hidden: [12], activations: ['relu', 'linear'], outputBias: true }, 5, 3);
    const f32 = JSON.stringify(encodeDataInscription(m)), doc = encodeDataInscription(m, { dtype: 'float16' });
    expect(doc.weight_dtype).toBe('float16');
    expect((doc.weight_b64 as string).length).toBeLessThan(0.51 * (JSON.parse(f32).weight_b64 as string).length);
    const back = decodeDataInscription(JSON.stringify(doc));
    const a = weights(m), b = weights(back);
    a.forEach((v, i) => expect(Math.abs(v - b[i])).toBeLessThanOrEqual(Math.abs(v) * 2 ** -11 + 2 ** -25));
  });

  it('int8 quarters the bytes, with one symmetric scale per layer, error at most half a step', () => {
    const m = randomModel({ shape: [8, 8], hidden: [12, 5], activations: ['relu', 'relu', 'linear'], outputBias: false }, 6, 2);
    const doc = encodeDataInscription(m, { dtype: 'int8' });
    const scales = doc.weight_scales as number[];
    expect(scales).toHaveLength(3);
    const back = decodeDataInscription(JSON.parse(JSON.stringify(doc)));
    back.layers.forEach((l, li) => {
      const orig = m.layers[li];
      expect(Math.max(...orig.kernel.map(Math.abs), ...(orig.bias ?? []).map(Math.abs))).toBeCloseTo(scales[li] * 127, 5);
      orig.kernel.forEach((v, i) => expect(Math.abs(v - l.kernel[i])).toBeLessThanOrEqual(scales[li] / 2 + 1e-7));
    });
    expect(back.layers[2].bias).toBeNull();
    // quantised brains still classify like the original on these inputs
    const px = randomPixels(192, 3);
    const a = Array.from(forward(m, px)), b = Array.from(forward(back, px));
    expect(b.indexOf(Math.max(...b))).toBe(a.indexOf(Math.max(...a)));
  });

  it('every weight type of the table is written by the encoder and read back by the decoder as the same network', () => {
    expect(WEIGHT_DTYPES).toEqual(Object.keys(WEIGHT_TYPES));
    const m = randomModel({ shape: [6, 6], hidden: [9, 5], activations: ['relu', 'tanh', 'linear'], outputBias: true }, 11, 2);
    const px = randomPixels(108, 4), top = (y: ArrayLike<number>) => Array.from(y).indexOf(Math.max(...Array.from(y)));
    for (const dtype of WEIGHT_DTYPES) {
      const doc = encodeDataInscription(m, { dtype }), back = decodeDataInscription(JSON.stringify(doc));
      expect(doc.weight_dtype ?? 'float32').toBe(dtype);
      expect(back.dtype).toBe(dtype);
      expect(back.layers.map((l) => [l.inputs, l.units, l.activation])).toEqual(m.layers.map((l) => [l.inputs, l.units, l.activation]));
      // each weight within half a step of its type's grid (float types: their rounding; int8 a layer's scale; int4 a unit's)
      back.layers.forEach((l, li) => {
        const max = Math.max(...m.layers[li].kernel.map(Math.abs));
        m.layers[li].kernel.forEach((v, i) => expect(Math.abs(v - l.kernel[i])).toBeLessThanOrEqual(max / 7 / 2 + 1e-6));
      });
      if (dtype !== 'int4') expect(top(forward(back, px))).toBe(top(forward(m, px)));
    }
    expect(() => encodeDataInscription(m, { dtype: 'float64' as never })).toThrow(/cannot encode as "float64": one of float32,float16,int8,int4/);
  });

  it('rejects weights that cannot be encoded', () => {
    const m = tinyModel();
    m.layers[1].kernel[0] = NaN;
    expect(() => encodeDataInscription(m)).toThrow(DataInscriptionError);
    // the decoder's bounds (so every dtype, float16's ±65504 included, holds what may be encoded)
    const big = tinyModel();
    big.layers[0].kernel[0] = 10_001;
    for (const dtype of ['float32', 'float16', 'int8'] as const) expect(() => encodeDataInscription(big, { dtype })).toThrow(/beyond ±10000/);
    big.layers[0].kernel[0] = 10_000;
    for (const dtype of ['float32', 'float16', 'int8'] as const) expect(decodeDataInscription(encodeDataInscription(big, { dtype })).layers[0].kernel[0]).toBe(10_000);
    const wild = tinyModel();
    wild.scale = 2;
    expect(() => encodeDataInscription(wild)).toThrow(/Rescaling scale 2/);
  });
});

describe('float16 and base64 primitives', () => {
  it('every finite half survives half -> float -> half', () => {
    const wrong: number[] = [];
    for (let h = 0; h < 0x10000; h++) {
      const f = halfToFloat(h);
      if (Number.isNaN(f) ? ((h >> 10) & 31) !== 31 : floatToHalf(f) !== h) wrong.push(h);
    }
    expect(wrong).toEqual([]);
  });

  it('rounds to the nearest half, ties to even, and overflows to infinity', () => {
    expect(floatToHalf(1 + 2 ** -11)).toBe(0x3c00); // tie, even stays down
    expect(floatToHalf(1 + 3 * 2 ** -11)).toBe(0x3c02); // tie, odd goes up
    expect(floatToHalf(65520)).toBe(0x7c00);
    expect(floatToHalf(65519)).toBe(0x7bff);
    expect(floatToHalf(2 ** -25)).toBe(0); // tie with zero
    expect(floatToHalf(2 ** -25 * 1.5)).toBe(1);
    const r = rng(3), wrong: number[] = [];
    for (let i = 0; i < 5000; i++) {
      const v = Math.fround((r() - 0.5) * 2 ** (r() * 40 - 24)), h = floatToHalf(v), got = halfToFloat(h);
      // the neighbour of the chosen half on v's side is not closer to v
      const next = halfToFloat(got > v === v > 0 ? h - 1 : h + 1);
      if (Math.abs(got - v) > Math.abs(next - v)) wrong.push(v);
    }
    expect(wrong).toEqual([]);
  });

  it('base64 agrees with Node on every length and every character, padded or not', () => {
    const r = rng(4);
    for (let n = 0; n < 40; n++) {
      const bytes = new Uint8Array(n).map(() => Math.floor(r() * 256)), s = bytesToBase64(bytes);
      expect(s).toBe(Buffer.from(bytes).toString('base64'));
      expect(Array.from(base64ToBytes(s))).toEqual(Array.from(bytes));
      expect(Array.from(base64ToBytes(s.replace(/=+$/, '')))).toEqual(Array.from(bytes));
    }
    const all = Uint8Array.from({ length: 192 }, (_, i) => (i * 85) & 255), s = Buffer.from(all).toString('base64');
    expect(new Set(s).size).toBe(64); // all 64 characters occur
    expect(Array.from(base64ToBytes(s))).toEqual(Array.from(all));
  });
});

describe('decode: strict validation names the JSON path', () => {
  const L = 'layers_config.config.layers';
  const cases: [string, (d: any) => void, string, RegExp][] = [
    ['not an object', (d) => Object.keys(d).forEach((k) => delete d[k]), 'model_name', /must be a string, got nothing/],
    ['model_name type', (d) => (d.model_name = 7), 'model_name', /must be a string, got 7/],
    ['layers missing', (d) => delete d.layers_config.config.layers, L, /must be an array/],
    ['first layer not input', (d) => d.layers_config.config.layers.shift(), `${L}[0]`, /must be in the order InputLayer, Rescaling\/Flatten, Dense…, got "Rescaling"/],
    ['input shape', (d) => (d.layers_config.config.layers[0].config.batch_input_shape = [null, 2, 3, 1]), `${L}[0].config.batch_input_shape[3]`, /must be an integer 3\.\.3, got 1/],
    ['input too big', (d) => (d.layers_config.config.layers[0].config.batch_input_shape = [null, 65, 3, 3]), `${L}[0].config.batch_input_shape[1]`, /must be an integer 1\.\.64, got 65/],
    ['shape not batch', (d) => (d.layers_config.config.layers[0].config.batch_input_shape = [1, 2, 3, 3]), `${L}[0].config.batch_input_shape`, /must be \[null, height, width, 3\], got an array/],
    ['rescaling scale', (d) => (d.layers_config.config.layers[1].config.scale = '2'), `${L}[1].config.scale`, /must be a number from -1 to 1, got "2"/],
    ['unknown layer', (d) => (d.layers_config.config.layers[2].class_name = 'Conv2D'), `${L}[2].class_name`, /must be one of InputLayer,Rescaling,Flatten,Dense, got "Conv2D"/],
    ['dense before flatten', (d) => d.layers_config.config.layers.splice(2, 1), `${L}[2]`, /in the order .*, got "Dense"/],
    ['two flattens', (d) => d.layers_config.config.layers.splice(2, 0, { class_name: 'Flatten' }), `${L}[3]`, /in the order .*, got "Flatten"/],
    ['units zero', (d) => (d.layers_config.config.layers[4].config.units = 0), `${L}[4].config.units`, /must be an integer 1\.\.4096, got 0/],
    ['units fractional', (d) => (d.layers_config.config.layers[4].config.units = 2.5), `${L}[4].config.units`, /got 2.5/],
    ['units too many', (d) => (d.layers_config.config.layers[3].config.units = 4097), `${L}[3].config.units`, /1\.\.4096, got 4097/],
    ['unknown activation', (d) => (d.layers_config.config.layers[4].config.activation = 'swish'), `${L}[4].config.activation`, /must be one of linear,relu,leaky_relu,tanh,sigmoid,softmax, got "swish"/],
    ['prototype activation', (d) => (d.layers_config.config.layers[4].config.activation = 'constructor'), `${L}[4].config.activation`, /must be one of .*, got "constructor"/],
    ['no dense', (d) => d.layers_config.config.layers.splice(3), L, /no Dense layer/],
    ['too many layers', (d) => d.layers_config.config.layers.push(...Array(251).fill(d.layers_config.config.layers[5])), L, /must be at most 256 layers, got 257/],
    ['class count', (d) => d.classes_name.pop(), 'classes_name', /must be 3 names \(one per output\), got 2/],
    ['class type', (d) => (d.classes_name[1] = null), 'classes_name[1]', /must be a string, got null/],
    ['traits', (d) => (d.training_traits = []), 'training_traits', /must be an object, got an array/],
    ['dtype', (d) => (d.weight_dtype = 'float64'), 'weight_dtype', /must be one of float32,float16,int8,int4, got "float64"/],
    ['scales without int8', (d) => (d.weight_scales = [1, 1, 1]), 'weight_scales', /must be absent unless int8 or int4, got an array/],
    ['bad base64', (d) => (d.weight_b64 = '*' + d.weight_b64.slice(1)), 'weight_b64', /must be base64, got "\*/],
    ['b64 not string', (d) => (d.weight_b64 = [1]), 'weight_b64', /must be a string, got an array/],
    ['truncated weights', (d) => (d.weight_b64 = d.weight_b64.slice(0, 100)), 'weight_b64', /holds 18.75 float32 values, needs /],
  ];
  for (const [name, mutate, path, message] of cases) {
    it(name, () => {
      const doc = tinyDocument(7);
      mutate(doc);
      const e = decodeError(doc);
      expect(e.path).toBe(path);
      expect(e.message).toMatch(message);
      expect(e.message).toContain(path);
    });
  }

  it('int8 needs one finite scale per Dense layer', () => {
    const doc = JSON.parse(JSON.stringify(encodeDataInscription(tinyModel(), { dtype: 'int8' })));
    expect(decodeError({ ...doc, weight_scales: [1, 2] }).message).toMatch(/must be 3 scales \(one per Dense layer\), got 2/);
    expect(decodeError({ ...doc, weight_scales: [1, 'x', 2] }).path).toBe('weight_scales[1]');
    expect(decodeError({ ...doc, weight_scales: [1, 1, -0.5] }).message).toMatch(/weight_scales\[2\]: must be a number from 0 to 10000\/127, got -0.5/);
    expect(decodeError({ ...doc, weight_scales: undefined }).path).toBe('weight_scales');
    expect(decodeError({ ...doc, weight_scales: [1, 1, 1e30] }).message).toMatch(/weight_scales\[2\]: must be a number from 0 to 10000\/127, got 1e\+30/);
  });

  it('non-finite weights are named by position and layer', () => {
    const doc = tinyDocument(8);
    const bytes = Buffer.from(doc.weight_b64, 'base64');
    bytes.writeFloatLE(NaN, 4 * 60);
    const e = decodeError({ ...doc, weight_b64: bytes.toString('base64') });
    expect(e.message).toContain('value 60 (layers_config.config.layers[4] kernel) is not finite');
    const f16 = JSON.parse(JSON.stringify(encodeDataInscription(tinyModel(), { dtype: 'float16' })));
    const hb = Buffer.from(f16.weight_b64, 'base64');
    hb.writeUInt16LE(0x7c00, 2 * 73);
    expect(decodeError({ ...f16, weight_b64: hb.toString('base64') }).message).toContain('value 73 (layers_config.config.layers[5] bias)');
  });

  it('caps the parameter count before allocating anything', () => {
    const doc = tinyDocument(9);
    const layers = doc.layers_config.config.layers;
    layers[0].config.batch_input_shape = [null, 64, 64, 3];
    layers[3].config.units = 400; // 12288*400 > 4M
    const e = decodeError(doc);
    expect(e.path).toBe('layers_config.config.layers[3].config.units');
    expect(e.message).toMatch(/units: must be at most 4000000 parameters in all, got 4915600$/);
  });

  it('rejects non-JSON text, non-objects and hostile objects with DataInscriptionError only', () => {
    expect(decodeError('{"model_name": ').message).toMatch(/^not valid JSON \(.*JSON/);
    expect(decodeError(null).message).toMatch(/must be an object, got null/);
    expect(decodeError([]).path).toBe('');
    const hostile = { get model_name(): string { throw new TypeError('boom'); } };
    expect(decodeError(hostile).message).toBe('model_name: must be plain JSON data, got a getter or setter');
  });
});
