// Property tests: decodeDataInscription is total (a Model or a DataInscriptionError naming a real place, nothing else),
// and encode/decode round-trips. 12,000 cases in all, on tiny documents so the suite stays fast.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DataInscriptionError, decodeDataInscription, encodeDataInscription, forward, type Activation } from '../../src/nn/index';
import { randomModel } from './helpers';
import { tinyDocument } from './docs';

const base = [tinyDocument(1, true), tinyDocument(2, false), JSON.parse(JSON.stringify(encodeDataInscription(randomModel(
  { shape: [1, 2], hidden: [2], activations: ['sigmoid', 'softmax'], outputBias: true, classes: 2 }, 3), { dtype: 'int8' }))),
JSON.parse(JSON.stringify(encodeDataInscription(randomModel(
  { shape: [2, 1], hidden: [3], activations: ['leaky_relu', 'linear'], outputBias: false, classes: 2 }, 4), { dtype: 'float16' }))),
// int4: nested weight_scales and weight_biases (the output layer's empty), an odd number of levels (a padding nibble)
JSON.parse(JSON.stringify(encodeDataInscription(randomModel(
  { shape: [1, 1], hidden: [3, 2], activations: ['tanh', 'relu', 'linear'], outputBias: false, classes: 3 }, 5), { dtype: 'int4' })))];

/** Every path to a value inside a JSON document, as [container path segments]. */
function paths(v: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...at, i], out));
  else if (v && typeof v === 'object') for (const k of Object.keys(v)) paths((v as any)[k], [...at, k], out);
  return out;
}
const format = (p: (string | number)[]) => p.map((s, i) => (typeof s === 'number' ? `[${s}]` : i ? '.' + s : s)).join('');

/** The decoder's outcome must be a Model, or a DataInscriptionError whose path exists in the document (up to its last step). */
const seen = { model: 0, error: 0 };
function check(doc: unknown): void {
  let model;
  try {
    model = decodeDataInscription(doc);
  } catch (e) {
    expect(e).toBeInstanceOf(DataInscriptionError);
    const { path, message } = e as DataInscriptionError;
    expect(message).toContain(path);
    if (path && doc && typeof doc === 'object') {
      const known = new Set(paths(doc).map(format));
      const parent = path.replace(/(^|\.)[^.[\]]+$|\[\d+\]$/, '');
      expect(known.has(path) || known.has(parent) || parent === '').toBe(true);
    }
    seen.error++;
    return;
  }
  const [h, w] = model.inputShape;
  expect(forward(model, new Uint8ClampedArray(h * w * 3)).length).toBe(model.classes.length);
  seen.model++;
}

const json = fc.jsonValue({ maxDepth: 3 });
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), value: json }),
  fc.record({ kind: fc.constant('delete' as const) }),
  fc.record({ kind: fc.constant('number' as const), value: fc.oneof(fc.integer({ min: -5, max: 70000 }), fc.double(), fc.constantFrom(0, -1, 4096, 4097, 64, 65, 1e9)) }),
  fc.record({ kind: fc.constant('string' as const), value: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('Dense', 'Flatten', 'Rescaling', 'InputLayer', 'relu', 'LeakyReLU', 'softmax', 'int8', 'int4', 'float16', 'float32', '__proto__', 'constructor')) }),
  fc.record({ kind: fc.constant('splice' as const), value: fc.nat(12) }),
);

function mutate(doc: any, target: (string | number)[], m: { kind: string; value?: unknown }): any {
  if (doc === undefined) return doc;
  const copy = JSON.parse(JSON.stringify(doc));
  if (!target.length) return m.kind === 'delete' ? undefined : m.value;
  const parent = target.slice(0, -1).reduce((o, k) => o[k], copy), key = target[target.length - 1];
  if (m.kind === 'delete') Array.isArray(parent) ? parent.splice(key as number, 1) : delete parent[key];
  else if (m.kind === 'splice' && typeof parent[key] === 'string') parent[key] = parent[key].slice(0, m.value as number) + parent[key].slice((m.value as number) + 1);
  else if (m.kind === 'splice' && Array.isArray(parent[key])) parent[key].splice(m.value as number, 0, parent[key][0]);
  else parent[key] = m.value;
  return copy;
}

describe('decodeDataInscription is total', () => {
  it('random JSON values and documents (4,000 cases)', () => {
    fc.assert(fc.property(fc.oneof(fc.jsonValue(), fc.anything()), (v) => check(v)), { numRuns: 2000, seed: 1 });
    fc.assert(fc.property(fc.record({
      model_name: json, layers_config: fc.oneof(json, fc.record({ config: fc.record({ layers: fc.array(fc.record({ class_name: fc.constantFrom('InputLayer', 'Rescaling', 'Flatten', 'Dense', 'X'), config: json })) }) })),
      weight_b64: fc.oneof(fc.string(), fc.base64String()), training_traits: json, classes_name: fc.array(fc.string()),
    }, { requiredKeys: [] }), (v) => check(v)), { numRuns: 2000, seed: 2 });
  });

  it('one or two mutations of valid documents (5,000 cases)', () => {
    const target = fc.nat({ max: base.length - 1 }).chain((b) => fc.constantFrom(...paths(base[b])).map((p) => [b, p] as const));
    fc.assert(fc.property(target, mutation, ([b, p], m) => check(mutate(base[b], p, m))), { numRuns: 3500, seed: 3 });
    fc.assert(fc.property(target, mutation, mutation, ([b, p], m1, m2) => {
      const once = mutate(base[b], p, m1);
      const where = paths(once);
      check(mutate(once, where[(p.length * 7 + 3) % where.length], m2));
    }), { numRuns: 1500, seed: 4 });
    // both outcomes really occur: harmless mutations (names, traits) decode, the rest are rejected
    expect(seen.model).toBeGreaterThan(200);
    expect(seen.error).toBeGreaterThan(2500);
  });

  it('truncated or corrupted JSON text (1,000 cases)', () => {
    const text = JSON.stringify(base[0]);
    fc.assert(fc.property(fc.nat(text.length), fc.string({ maxLength: 3 }), (cut, junk) => {
      check(text.slice(0, cut) + junk + text.slice(cut + 1));
    }), { numRuns: 1000, seed: 5 });
  });
});

describe('encode/decode round trip (2,000 cases)', () => {
  const acts: Activation[] = ['linear', 'relu', 'leaky_relu', 'tanh', 'sigmoid', 'softmax'];
  const spec = fc.record({
    h: fc.integer({ min: 1, max: 4 }), w: fc.integer({ min: 1, max: 4 }),
    hidden: fc.array(fc.integer({ min: 1, max: 6 }), { maxLength: 4 }),
    act: fc.constantFrom(...acts), out: fc.constantFrom(...acts), bias: fc.boolean(), classes: fc.integer({ min: 1, max: 5 }),
    seed: fc.nat(), amplitude: fc.constantFrom(1e-3, 1, 50, 1e4),
  });
  it('float32 bit-exact; float16, int8 and int4 within their rounding', () => {
    fc.assert(fc.property(spec, fc.constantFrom('float32', 'float16', 'int8', 'int4' as const), (s, dtype) => {
      const m = randomModel({ shape: [s.h, s.w], hidden: s.hidden, activations: [...s.hidden.map(() => s.act), s.out], outputBias: s.bias, classes: s.classes }, s.seed, s.amplitude);
      const doc = encodeDataInscription(m, { dtype: dtype as 'float32' | 'float16' | 'int8' | 'int4' });
      const back = decodeDataInscription(JSON.stringify(doc));
      expect(back.layers.map((l) => [l.inputs, l.units, l.activation, l.bias === null])).toEqual(m.layers.map((l) => [l.inputs, l.units, l.activation, l.bias === null]));
      let worst = 0; // the largest error beyond the dtype's rounding tolerance
      back.layers.forEach((l, li) => {
        const o = m.layers[li], scale = ((doc.weight_scales as number[]) ?? [])[li];
        // int4: a kernel weight within half its unit's step (the scale has 4 significant digits), a bias to 5 digits
        const int4 = (v: number, i: number, kernel: boolean) => kernel ? (doc.weight_scales as number[][])[li][i % l.units] / 2 + Math.abs(v) * 1e-3 : Math.abs(v) * 5e-5;
        [[o.kernel, l.kernel], [o.bias, l.bias]].forEach(([a, b]) => a && a.forEach((v, i) => {
          const tol = dtype === 'float32' ? 0 : dtype === 'float16' ? Math.abs(v) * 2 ** -11 + 2 ** -25 : dtype === 'int4' ? int4(v, i, a === o.kernel) : scale / 2 + Math.abs(v) * 1e-7;
          worst = Math.max(worst, Math.abs(v - b![i]) - tol);
        }));
      });
      expect(worst).toBeLessThanOrEqual(0);
    }), { numRuns: 2000, seed: 6 });
  });
});
