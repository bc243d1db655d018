import { beforeAll, describe, expect, it } from 'vitest';
import { InvalidOutputError, activations, classify, forward, forward as forwardWith, parameterCount, simdAvailable, simdPlan, softmax, type Activation, type Model } from '../../src/nn/index';
import { randomModel, randomPixels } from './helpers';

// Straightforward reference: Keras layout, no transposition, doubles throughout.
function reference(m: Model, px: ArrayLike<number>, neurons?: (Uint8Array | null)[], links?: (Uint8Array | null)[]): number[] {
  let x = Array.from(px, (v) => v * m.scale + m.offset);
  m.layers.forEach((l, li) => {
    let y = Array.from({ length: l.units }, (_, u) => {
      let s = l.bias ? l.bias[u] : 0;
      for (let i = 0; i < l.inputs; i++) if (!links?.[li] || links[li]![i * l.units + u]) s += l.kernel[i * l.units + u] * x[i];
      return s;
    });
    const f: Record<Activation, (v: number) => number> = {
      linear: (v) => v, relu: (v) => Math.max(0, v), leaky_relu: (v) => (v > 0 ? v : 0.2 * v),
      tanh: Math.tanh, sigmoid: (v) => 1 / (1 + Math.exp(-v)), softmax: (v) => v,
    };
    const dead = (u: number) => li < m.layers.length - 1 && neurons?.[li] && !neurons[li]![u];
    if (l.activation === 'softmax') { // over the living neurons only
      const mx = Math.max(...y.filter((_, u) => !dead(u))), e = y.map((v, u) => (dead(u) ? 0 : Math.exp(v - mx))), s = e.reduce((a, b) => a + b);
      y = e.map((v) => v / s);
    } else y = y.map(f[l.activation]);
    if (li < m.layers.length - 1 && neurons?.[li]) y = y.map((v, u) => (neurons[li]![u] ? v : 0));
    x = y;
  });
  return x;
}

const ACTS: Activation[] = ['linear', 'relu', 'leaky_relu', 'tanh', 'sigmoid', 'softmax'];

for (const simd of [true, false]) describe(`forward (${simd ? 'WebAssembly SIMD' : 'plain JS'} kernel)`, () => {
  beforeAll(() => expect(simdAvailable()).toBe(true)); // Node 20 has WebAssembly SIMD
  // the kernel is the caller's choice, call by call
  const forward: typeof forwardWith = (m, px, opts) => forwardWith(m, px, { ...opts, kernel: simd ? simdPlan : undefined });
  it('runs the kernel asked for, and only that: without one the plain JS path, whatever was imported', () => {
    const m = randomModel({ shape: [2, 2], hidden: [3], activations: ['relu', 'linear'], outputBias: true }, 4), px = randomPixels(12, 1);
    // the plain JS path's output is a buffer of its own; the SIMD kernel's a view on its WebAssembly memory
    const onWasm = (y: Float32Array) => y.buffer.byteLength >= 65536;
    expect(onWasm(forwardWith(m, px))).toBe(false);
    expect(onWasm(forward(m, px))).toBe(simd);
    expect(onWasm(forwardWith(m, px))).toBe(false);
    expect(Array.from(forwardWith(m, px))).toEqual(Array.from(forward(m, px)).map((v) => expect.closeTo(v, 5)));
  });

  it('matches a plain reference for every activation, odd sizes, with and without output bias', () => {
    ACTS.forEach((act, k) => {
      for (const outputBias of [true, false]) {
        const m = randomModel({ shape: [3, 5], hidden: [7, 5, 6], activations: [act, act, act, k % 2 ? 'linear' : act], outputBias }, 10 + k);
        const px = randomPixels(45, k);
        const got = forward(m, px), want = reference(m, px);
        want.forEach((v, i) => expect(Math.abs(got[i] - v)).toBeLessThan(1e-5));
      }
    });
  });

  it('a 64x64x3 input into 64 units (long dot products, odd tails) matches the reference', () => {
    const m = randomModel({ shape: [64, 64], hidden: [64, 7], activations: ['tanh', 'relu', 'linear'], outputBias: true }, 21, 0.05);
    const px = randomPixels(64 * 64 * 3, 2);
    const got = forward(m, px), want = reference(m, px);
    want.forEach((v, i) => expect(Math.abs(got[i] - v)).toBeLessThan(1e-5));
  });

  it('accepts Uint8Array and Float32Array pixels alike and reuses its output buffer', () => {
    const m = randomModel({ shape: [2, 2], hidden: [3], activations: ['relu', 'linear'], outputBias: true }, 3);
    const px = randomPixels(12, 1);
    const a = forward(m, px).slice();
    expect(Array.from(forward(m, new Uint8Array(px)))).toEqual(Array.from(a));
    expect(Array.from(forward(m, Float32Array.from(px)))).toEqual(Array.from(a));
    expect(forward(m, px)).toBe(forward(m, randomPixels(12, 2)));
  });

  it('rejects pixels of the wrong length, naming the expected size', () => {
    const m = randomModel({ shape: [4, 4], hidden: [3], activations: ['relu', 'linear'], outputBias: true }, 3);
    expect(() => forward(m, new Uint8ClampedArray(47))).toThrow(/^pixels: must be 4x4x3 = 48 values, got 47$/);
  });

  it('a dead neuron outputs 0 and a dead connection carries nothing', () => {
    const m = randomModel({ shape: [2, 3], hidden: [6, 5], activations: ['sigmoid', 'tanh', 'linear'], outputBias: true }, 5);
    const px = randomPixels(18, 9);
    const neurons = [Uint8Array.from([1, 0, 1, 1, 0, 1]), Uint8Array.from([0, 1, 1, 1, 1])];
    const links = [null, new Uint8Array(30).map((_, i) => i % 3 ? 1 : 0), new Uint8Array(20).map((_, i) => i % 4 ? 1 : 0)];
    const acts = activations(m, px, { alive: { neurons, connections: links } });
    expect(acts[0][1]).toBe(0);
    expect(acts[0][4]).toBe(0);
    expect(acts[1][0]).toBe(0);
    reference(m, px, neurons, links).forEach((v, i) => expect(acts[2][i]).toBeCloseTo(v, 5));
    // the mask really changes the computation
    const full = forward(m, px).slice();
    expect(Array.from(full)).not.toEqual(Array.from(acts[2]));
    // an all-alive mask equals no mask
    const allAlive = { neurons: [new Uint8Array(6).fill(1), new Uint8Array(5).fill(1)] };
    expect(Array.from(forward(m, px, { alive: allAlive }))).toEqual(Array.from(full));
    expect(() => forward(m, px, { alive: { neurons: [new Uint8Array(5), null] } })).toThrow(/^alive\.neurons\[0\]: must be 6 long, got 5$/);
  });

  it('a softmax hidden layer normalises over its living neurons only, whatever ran before', () => {
    const m = randomModel({ shape: [2, 2], hidden: [5], activations: ['softmax', 'linear'], outputBias: true }, 31, 2);
    const alive = { neurons: [Uint8Array.from([1, 0, 1, 0, 1])] }, px = randomPixels(12, 1);
    forward(m, randomPixels(12, 2));
    const a = activations(m, px, { alive });
    forward(m, randomPixels(12, 3), { alive });
    const b = activations(m, px, { alive });
    expect(Array.from(b[0])).toEqual(Array.from(a[0]));
    expect([a[0][1], a[0][3]]).toEqual([0, 0]);
    expect(a[0][0] + a[0][2] + a[0][4]).toBeCloseTo(1, 6);
    reference(m, px, alive.neurons).forEach((v, i) => expect(Math.abs(a[1][i] - v)).toBeLessThan(1e-5));
  });

  it('activations returns fresh copies of every layer, the last being the logits', () => {
    const m = randomModel({ shape: [2, 2], hidden: [4, 3], activations: ['leaky_relu', 'relu', 'linear'], outputBias: false }, 8);
    const px = randomPixels(12, 4);
    const acts = activations(m, px);
    expect(acts.map((a) => a.length)).toEqual([4, 3, 4]);
    expect(Array.from(acts[2])).toEqual(Array.from(forward(m, px)));
    const saved = Array.from(acts[2]);
    expect(Array.from(forward(m, randomPixels(12, 5)))).not.toEqual(saved);
    expect(Array.from(acts[2])).toEqual(saved);
  });

  it('sees kernels and biases changed in place at once, as a trainer changes them, and replaced ones', () => {
    const m = randomModel({ shape: [2, 2], hidden: [3], activations: ['linear', 'linear'], outputBias: true }, 2);
    const px = randomPixels(12, 3);
    const buffer = forward(m, px);
    const before = Array.from(buffer);
    m.layers[0].kernel.forEach((v, i, k) => (k[i] = v * 2)); // in place, as a trainer would, with no call in between
    m.layers[1].kernel[5] += 1;
    m.layers[1].bias![2] -= 0.5;
    const after = forward(m, px);
    expect(Array.from(after)).not.toEqual(before);
    reference(m, px).forEach((v, i) => expect(after[i]).toBeCloseTo(v, 5));
    expect(after).toBe(buffer); // the buffers are reused: training does not allocate per sample
    m.layers[0].kernel = m.layers[0].kernel.map((v) => -v);
    reference(m, px).forEach((v, i) => expect(forward(m, px)[i]).toBeCloseTo(v, 5));
    m.layers[0].kernel[0] = 7; // and the replaced array, edited in place in turn
    reference(m, px).forEach((v, i) => expect(forward(m, px)[i]).toBeCloseTo(v, 5));
  });
});

describe('softmax and classify', () => {
  it('softmax subtracts the maximum: huge logits stay finite', () => {
    const p = softmax(Float32Array.from([1e30, 1e30 - 1e24, -1e30]), new Float32Array(3));
    expect(Array.from(p).every(Number.isFinite)).toBe(true);
    expect(p[0] + p[1] + p[2]).toBeCloseTo(1, 6);
    const q = softmax(Float32Array.from([1000, 999]), new Float32Array(2));
    expect(q[0]).toBeCloseTo(1 / (1 + Math.exp(-1)), 6);
  });

  it('classify returns every class once, sorted by probability, summing to 1', () => {
    const m = randomModel({ shape: [3, 3], hidden: [5], activations: ['relu', 'linear'], outputBias: true, classes: 6 }, 4, 3);
    const px = randomPixels(27, 6);
    const r = classify(m, px);
    expect(r.map((c) => c.index).sort()).toEqual([0, 1, 2, 3, 4, 5]);
    r.forEach((c) => expect(c.name).toBe(`class_${c.index}`));
    for (let i = 1; i < r.length; i++) expect(r[i - 1].p).toBeGreaterThanOrEqual(r[i].p);
    expect(r.reduce((s, c) => s + c.p, 0)).toBeCloseTo(1, 5);
    const logits = forward(m, px);
    expect(r[0].index).toBe(logits.indexOf(Math.max(...logits)));
  });

  it('does not softmax twice when the output layer already is softmax', () => {
    const m = randomModel({ shape: [1, 2], hidden: [4], activations: ['relu', 'softmax'], outputBias: true }, 12, 2);
    const px = randomPixels(6, 1);
    const probs = forward(m, px).slice();
    const r = classify(m, px);
    r.forEach((c) => expect(c.p).toBe(probs[c.index]));
  });

  it('classify throws InvalidOutputError rather than answer a non-finite probability', () => {
    // a model built in code, not decoded (the decoder bounds what a brain can reach): float32 overflows to Infinity
    const m = randomModel({ shape: [1, 2], hidden: [3], activations: ['linear', 'linear'], outputBias: true }, 3);
    m.layers[0].kernel.fill(3e38);
    const px = Uint8ClampedArray.from([255, 255, 255, 255, 255, 255]);
    expect(Array.from(forward(m, px)).some((v) => !Number.isFinite(v))).toBe(true);
    expect(() => classify(m, px)).toThrow(InvalidOutputError);
    expect(() => classify(m, px)).toThrow(`This brain (${m.name}) produced no valid output.`);
    // pixels outside 0..255 (a Float32Array holding NaN) as well
    const fine = randomModel({ shape: [1, 2], hidden: [3], activations: ['tanh', 'linear'], outputBias: true }, 4);
    expect(() => classify(fine, Float32Array.from([1, 2, NaN, 4, 5, 6]))).toThrow(InvalidOutputError);
    expect(classify(fine, px).reduce((s, c) => s + c.p, 0)).toBeCloseTo(1, 6);
  });

  it('parameterCount counts kernels and biases', () => {
    const withBias = randomModel({ shape: [32, 32], hidden: [10, 8, 10], activations: ['leaky_relu', 'leaky_relu', 'leaky_relu', 'linear'], outputBias: true }, 1);
    expect(parameterCount(withBias)).toBe(3072 * 10 + 10 + 10 * 8 + 8 + 8 * 10 + 10 + 10 * 4 + 4);
    const without = randomModel({ shape: [32, 32], hidden: [10, 8, 10], activations: ['leaky_relu', 'leaky_relu', 'leaky_relu', 'linear'], outputBias: false }, 1);
    expect(parameterCount(without)).toBe(parameterCount(withBias) - 4);
  });
});
