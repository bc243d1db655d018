// Property tests: decodeDataInscription is total (a Model or a DataInscriptionError naming a real place, nothing else),
// every brain it accepts classifies any image to finite probabilities summing to 1, and encode/decode round-trips.
// The hostile families (huge finite numbers, weights past float32's range, sparse arrays, getters, symbols, null
// prototypes, proxies) hold to the same bar: 0 crashes, 0 accepted-but-wrong. About 20,000 cases on tiny documents.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ACTIVATIONS, DataInscriptionError, classify, decodeDataInscription, encodeDataInscription, forward, type Model } from '../../src/nn/index';
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
  runsToProbabilities(model);
  seen.model++;
}

/** An accepted brain answers every image, the extremes included, with finite probabilities summing to 1. */
function runsToProbabilities(model: Model): void {
  const n = model.inputShape[0] * model.inputShape[1] * 3;
  expect(forward(model, new Uint8ClampedArray(n)).length).toBe(model.classes.length);
  for (const image of [new Uint8ClampedArray(n), new Uint8ClampedArray(n).fill(255), Uint8ClampedArray.from({ length: n }, (_, i) => (i % 2) * 255)]) {
    const ranked = classify(model, image);
    expect(ranked.every((c) => Number.isFinite(c.p) && c.p >= 0 && c.p <= 1)).toBe(true);
    expect(Math.abs(ranked.reduce((s, c) => s + c.p, 0) - 1)).toBeLessThan(1e-5);
  }
}

/** For documents whose reading may throw (getters, proxies): the outcome is a DataInscriptionError with a plain string
 * message, or a brain that runs to probabilities; nothing else. */
const hostileSeen = { model: 0, error: 0 };
function checkHostile(doc: unknown): DataInscriptionError | Model {
  let model: Model;
  try {
    model = decodeDataInscription(doc);
  } catch (e) {
    expect(e).toBeInstanceOf(DataInscriptionError);
    expect(typeof (e as DataInscriptionError).message).toBe('string');
    expect(typeof (e as DataInscriptionError).path).toBe('string');
    hostileSeen.error++;
    return e as DataInscriptionError;
  }
  runsToProbabilities(model);
  hostileSeen.model++;
  return model;
}

const json = fc.jsonValue({ maxDepth: 3 });
/** Finite numbers that overflow float32 on their own or once multiplied (values the decoder once accepted). */
const HUGE = fc.constantFrom(3e36, -1e38, 1e20, 3.4e38, -3.4e38, 1e30, 1e308, -1e308, 65504, 10_000, 10_001, 1, -1, 0.5, 255, 256);
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), value: json }),
  fc.record({ kind: fc.constant('delete' as const) }),
  fc.record({ kind: fc.constant('number' as const), value: fc.oneof(fc.integer({ min: -5, max: 70000 }), fc.double(), fc.constantFrom(0, -1, 4096, 4097, 64, 65, 1e9), HUGE) }),
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

/** The document with its node at `target` replaced by make(node) (a JSON copy otherwise). */
function replaced(doc: unknown, target: (string | number)[], make: (node: any, parent: any, key: string | number) => unknown): unknown {
  const copy = JSON.parse(JSON.stringify(doc));
  if (!target.length) return make(copy, null, '');
  const parent = target.slice(0, -1).reduce((o: any, k) => o[k], copy), key = target[target.length - 1];
  const value = make(parent[key], parent, key);
  if (value !== KEEP) parent[key] = value;
  return copy;
}
const KEEP = Symbol('keep'); // make() changed the parent itself

const thrown = fc.constantFrom<unknown>(Symbol('boom'), undefined, null, 42, { toString() { throw Symbol('again'); } }, Object.create(null), new Error('x'));
const allTraps = ['ownKeys', 'getOwnPropertyDescriptor', 'getPrototypeOf', 'get', 'has'] as const;

describe('hostile documents: 0 crashes, 0 accepted-but-wrong', () => {
  const target = fc.nat({ max: base.length - 1 }).chain((b) => fc.constantFrom(...paths(base[b])).map((p) => [b, p] as const));
  const arrayTarget = fc.nat({ max: base.length - 1 }).chain((b) => fc.constantFrom(...paths(base[b]).filter((p) => Array.isArray(p.reduce((o: any, k) => o?.[k], base[b])))).map((p) => [b, p] as const));
  const objectTarget = fc.nat({ max: base.length - 1 }).chain((b) => fc.constantFrom(...paths(base[b]).filter((p) => {
    const v = p.reduce((o: any, k) => o?.[k], base[b]);
    return v && typeof v === 'object';
  })).map((p) => [b, p] as const));

  it('huge finite numbers anywhere (2,000 cases) and in the weights themselves (2,000 cases)', () => {
    fc.assert(fc.property(target, HUGE, ([b, p], v) => check(mutate(base[b], p, { kind: 'number', value: v }))), { numRuns: 2000, seed: 7 });
    // write a huge value into the weight bytes in the document's own dtype (int8: into weight_scales)
    fc.assert(fc.property(fc.nat({ max: base.length - 1 }), fc.nat(), HUGE, (b, at, v) => {
      const doc = JSON.parse(JSON.stringify(base[b])), bytes = Buffer.from(doc.weight_b64, 'base64');
      const dtype = doc.weight_dtype ?? 'float32';
      if (dtype === 'float32') bytes.writeFloatLE(v, 4 * (at % (bytes.length / 4)));
      else if (dtype === 'float16') bytes.writeUInt16LE([0x7bff, 0xfbff, 0x7c00, 0x3c00][at % 4], 2 * (at % (bytes.length / 2)));
      else doc.weight_scales[at % doc.weight_scales.length] = v;
      doc.weight_b64 = bytes.toString('base64');
      check(doc);
    }), { numRuns: 2000, seed: 8 });
  });

  it('weights each within bounds that compound, layer after layer, past float32 (1,500 cases)', () => {
    const spec = fc.record({
      hidden: fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 8 }), act: fc.constantFrom(...ACTIVATIONS),
      out: fc.constantFrom(...ACTIVATIONS), weight: fc.constantFrom(0.5, 30, 1000, 10_000), seed: fc.nat(),
      scale: fc.constantFrom(1 / 127.5, 1), offset: fc.constantFrom(-1, 0, -255, 255),
    });
    fc.assert(fc.property(spec, (s) => {
      const m = randomModel({ shape: [2, 2], hidden: s.hidden, activations: [...s.hidden.map(() => s.act), s.out], outputBias: true, classes: 3 }, s.seed, 1);
      const doc = JSON.parse(JSON.stringify(encodeDataInscription({ ...m, scale: s.scale, offset: s.offset })));
      // the same layout with every weight ±s.weight (the encoder would refuse to write what compounds too far)
      const bytes = Buffer.from(doc.weight_b64, 'base64');
      for (let i = 0; i < bytes.length / 4; i++) bytes.writeFloatLE(bytes.readFloatLE(4 * i) < 0 ? -s.weight : s.weight, 4 * i);
      doc.weight_b64 = bytes.toString('base64');
      checkHostile(doc);
    }), { numRuns: 1500, seed: 9 });
  });

  it('sparse arrays refused, and named properties on arrays left out of the copy (1,000 cases)', () => {
    fc.assert(fc.property(arrayTarget, fc.nat(8), fc.boolean(), ([b, p], at, extra) => {
      const doc = replaced(base[b], p, (a: unknown[]) => {
        const sparse = [...a];
        if (extra) (sparse as any).note = 'x';
        else if (at < sparse.length) delete sparse[at];
        else sparse.length += 1 + at;
        return sparse;
      });
      const e = checkHostile(doc);
      // a named property on an array is left out of the copy (never read), so the document decodes as the original
      if (extra) expect(e instanceof DataInscriptionError ? e.message : '').toBe(errorOf(base[b]));
      else expect((e as DataInscriptionError).message).toMatch(/plain JSON data/);
    }), { numRuns: 1000, seed: 10 });
  });

  it('getters (throwing symbols and worse, or returning the value), symbol keys, null prototypes (3,000 cases)', () => {
    fc.assert(fc.property(target, thrown, fc.boolean(), ([b, p], t, returns) => {
      if (!p.length) return;
      const doc = replaced(base[b], p, (v, parent, key) => {
        Object.defineProperty(parent, key, { enumerable: true, get: () => { if (returns) return v; throw t; } });
        return KEEP;
      });
      expect((checkHostile(doc) as DataInscriptionError).message).toMatch(/getter/);
    }), { numRuns: 1500, seed: 11 });
    fc.assert(fc.property(objectTarget, ([b, p]) => {
      expect((checkHostile(replaced(base[b], p, (v) => Object.assign(Object.create(Array.isArray(v) ? Array.prototype : null), v))) as DataInscriptionError).message).toMatch(/plain JSON data/);
    }), { numRuns: 1000, seed: 12 });
    fc.assert(fc.property(objectTarget, ([b, p]) => {
      expect((checkHostile(replaced(base[b], p, (v) => Object.assign(v, { [Symbol('s')]: 1 }))) as DataInscriptionError).message).toMatch(/symbol key/);
    }), { numRuns: 500, seed: 13 });
  });

  it('proxies: throwing traps are refused, revoked ones too, transparent ones decode as the original (2,000 cases)', () => {
    fc.assert(fc.property(objectTarget, fc.constantFrom(...allTraps), thrown, ([b, p], trap, t) => {
      const doc = replaced(base[b], p, (v) => new Proxy(v, { [trap]: () => { throw t; } }));
      const outcome = checkHostile(doc);
      // 'get' and 'has' are never used: the decoder reads through property descriptors, so such a proxy is plain data
      if (trap === 'get' || trap === 'has') expect(outcome instanceof DataInscriptionError ? outcome.message : '').toBe(errorOf(base[b]));
      else expect((outcome as DataInscriptionError).message).toMatch(/reading it threw/);
    }), { numRuns: 1000, seed: 14 });
    fc.assert(fc.property(objectTarget, fc.boolean(), ([b, p], revoke) => {
      const doc = replaced(base[b], p, (v) => {
        const r = Proxy.revocable(v, {});
        if (revoke) r.revoke();
        return r.proxy;
      });
      const outcome = checkHostile(doc);
      if (revoke) expect((outcome as DataInscriptionError).message).toMatch(/reading it threw/);
      else expect(outcome instanceof DataInscriptionError ? outcome.message : '').toBe(errorOf(base[b]));
    }), { numRuns: 1000, seed: 15 });
    // both outcomes occur in the hostile families
    expect(hostileSeen.model).toBeGreaterThan(200);
    expect(hostileSeen.error).toBeGreaterThan(1000);
  });
});

/** The decoder's message for a document ('' when it decodes). */
function errorOf(doc: unknown): string {
  try {
    decodeDataInscription(doc);
    return '';
  } catch (e) {
    return (e as Error).message;
  }
}

describe('encode/decode round trip (2,000 cases)', () => {
  const acts = ACTIVATIONS;
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
