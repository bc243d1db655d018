// The minibatch trainer (tools/train/minibatch.ts, kernels.ts, loop.ts): its gradients against finite differences and
// against the per-sample reference (src/nn/backward.ts), the WebAssembly SIMD kernels against the plain JS ones,
// the same bytes for the same seed, and a short run on real digits that learns.
import { describe, expect, it } from 'vitest';
import { activations, type Activation, type AliveMask, type Model } from '../../src/nn/index';
import { backward, createGradients } from '../../src/nn/backward';
import { crossEntropy, distillation, softmaxCrossEntropy, type SampleLoss } from '../../tools/train/loss';
import { rngFrom } from '../../tools/dataset/prng';
import { createKernels, simdAvailable } from '../../tools/train/kernels';
import { MinibatchTrainer } from '../../tools/train/minibatch';
import { createModel } from '../../tools/train/init';
import { train } from '../../tools/train/loop';
import { loadMnist } from '../../tools/train/data';
import { accuracy } from '../../tools/train/evaluate';
import { maxGrid, onGrid } from '../../tools/quant/grid';

const SIDE = 3, PIXELS = SIDE * SIDE * 3; // 27 inputs: rows padded to 32 floats, so the padding is exercised too

function randomModel(seed: string, hidden: number[], activation: Activation, output: Activation = 'linear'): Model {
  const m = createModel('check', [SIDE, SIDE, 3], { hidden, activation }, ['a', 'b', 'c'], seed);
  const rng = rngFrom(`${seed}/bias`);
  m.layers.forEach((l) => l.bias?.forEach((_, i, b) => (b[i] = (rng() - 0.5) * 0.4)));
  m.layers[m.layers.length - 1].activation = output;
  return m;
}

function images(seed: string, count: number): { images: Uint8Array; labels: Uint8Array } {
  const rng = rngFrom(seed);
  return { images: Uint8Array.from({ length: count * PIXELS }, () => Math.floor(rng() * 256)), labels: Uint8Array.from({ length: count }, () => Math.floor(rng() * 3)) };
}

const masks = (m: Model, seed: string, n: number): (AliveMask | undefined)[] => {
  const rng = rngFrom(seed);
  return Array.from({ length: n }, (_, s) => (s % 3 === 0 ? undefined : { neurons: m.layers.slice(0, -1).map((l) => Uint8Array.from({ length: l.units }, (_, u) => (u === 0 || rng() < 0.6 ? 1 : 0))) }));
};

/** The batch's summed loss and gradients from the minibatch trainer. */
function batchGradients(m: Model, data: ReturnType<typeof images>, alive: (AliveMask | undefined)[], simd: boolean, loss: SampleLoss = crossEntropy(data.labels)) {
  const t = new MinibatchTrainer(m, data.images, data.labels.length, { batchSize: alive.length, simd });
  alive.forEach((a, s) => t.setSample(s, s, a));
  const r = t.forwardBackward(alive.length, data.labels, loss);
  return { loss: r.loss, trainer: t, kernels: m.layers.map((_, i) => t.kernelGradient(i)), biases: m.layers.map((_, i) => t.biasGradient(i)) };
}

/** The same from the per-sample reference: the engine's activations() and src/nn/backward.ts, summed; the loss written
 * out here (cross-entropy with class weights, or half the squared distance to targets). */
function referenceGradients(m: Model, data: ReturnType<typeof images>, alive: (AliveMask | undefined)[], o: { weights?: number[]; targets?: Float32Array }) {
  const g = createGradients(m);
  let loss = 0;
  alive.forEach((a, s) => {
    const pixels = data.images.subarray(s * PIXELS, (s + 1) * PIXELS), outs = activations(m, pixels, { alive: a }), y = outs[outs.length - 1];
    const d = new Float32Array(3), w = o.weights?.[data.labels[s]] ?? 1;
    if (o.targets) {
      for (let c = 0; c < 3; c++) { d[c] = y[c] - o.targets[s * 3 + c]; loss += d[c] ** 2 / 2; }
    } else {
      loss += w * softmaxCrossEntropy(y, data.labels[s], d);
      d.forEach((_, i) => (d[i] *= w));
    }
    backward(m, pixels, outs, d, g, a);
  });
  return { loss, kernels: g.kernels, biases: g.biases };
}

/** |a - b| <= tol * (1 + |b|) everywhere; names the first element that is not. */
function expectClose(a: ArrayLike<number>, b: ArrayLike<number>, tol: number, what: string): void {
  expect(a.length, what).toBe(b.length);
  const i = Array.prototype.findIndex.call(a, (v: number, i: number) => !(Math.abs(v - b[i]) <= tol * (1 + Math.abs(b[i]))));
  expect(i, i < 0 ? what : `${what}[${i}]: ${a[i]} vs ${b[i]}`).toBe(-1);
}

describe('minibatch gradients', () => {
  const hasSimd = simdAvailable();
  it('WebAssembly SIMD kernels are available on this Node', () => expect(hasSimd).toBe(true));

  for (const act of ['linear', 'relu', 'leaky_relu', 'tanh', 'sigmoid'] as Activation[]) {
    it(`match finite differences of the batch loss (${act}, dead neurons, class weights)`, () => {
      const m = randomModel(`fd/${act}`, [5, 4], act), data = images(`fd/${act}`, 7), alive = masks(m, act, 7), weights = [1, 2.5, 0.5];
      const g = batchGradients(m, data, alive, false, crossEntropy(data.labels, weights));
      const eps = 1e-2;
      let checked = 0;
      m.layers.forEach((layer, li) => {
        const params: [Float32Array, Float32Array][] = [[layer.kernel, g.kernels[li]], [layer.bias!, g.biases[li]!]];
        for (const [w, gw] of params) {
          for (let i = 0; i < w.length; i += 3) {
            const keep = w[i], at = (v: number): number => { w[i] = v; g.trainer.load(m); return g.trainer.forwardBackward(7, data.labels, crossEntropy(data.labels, weights)).loss; };
            const numeric = (at(keep + eps) - at(keep - eps)) / (2 * eps);
            w[i] = keep;
            expect(Math.abs(gw[i] - numeric), `layer ${li} param ${i}: analytic ${gw[i]} numeric ${numeric}`).toBeLessThan(3e-3 + 2e-2 * Math.abs(numeric));
            checked++;
          }
        }
      });
      expect(checked).toBeGreaterThan(40);
    });
  }

  it('equal the per-sample reference (src/nn/backward.ts) summed, in plain JS and in WebAssembly SIMD, for both losses', () => {
    const cases = [['leaky_relu', 'linear', 'cross-entropy'], ['sigmoid', 'softmax', 'cross-entropy'], ['tanh', 'linear', 'cross-entropy'], ['relu', 'linear', 'distillation']] as const;
    for (const [act, out, lossKind] of cases) {
      const m = randomModel(`ref/${act}`, [6, 5, 4], act, out), data = images(`ref/${act}`, 9), alive = masks(m, `ref/${act}`, 9);
      const rng = rngFrom(`ref/${act}/targets`), targets = Float32Array.from({ length: 27 }, () => rng() * 4 - 2);
      const ref = referenceGradients(m, data, alive, lossKind === 'distillation' ? { targets } : { weights: [1, 3, 1] });
      for (const simd of [false, true]) {
        const g = batchGradients(m, data, alive, simd, lossKind === 'distillation' ? distillation(targets) : crossEntropy(data.labels, [1, 3, 1]));
        expect(Math.abs(g.loss - ref.loss)).toBeLessThan(1e-5 * ref.loss);
        m.layers.forEach((_, i) => {
          expectClose(g.kernels[i], ref.kernels[i], 2e-5, `${act} simd=${simd} kernel ${i}`);
          expectClose(g.biases[i]!, ref.biases[i]!, 2e-5, `${act} simd=${simd} bias ${i}`);
        });
      }
    }
  });

  it('a dead neuron gets no gradient, and connection masks are refused', () => {
    const m = randomModel('dead', [4], 'relu'), data = images('dead', 2);
    const t = new MinibatchTrainer(m, data.images, 2, { batchSize: 2, simd: true });
    const dead: AliveMask = { neurons: [Uint8Array.of(1, 0, 1, 1)] };
    t.setSample(0, 0, dead); t.setSample(1, 1, dead);
    t.forwardBackward(2, data.labels);
    const gk = t.kernelGradient(0);
    for (let x = 0; x < PIXELS; x++) expect(gk[x * 4 + 1]).toBe(0);
    expect(t.biasGradient(0)![1]).toBe(0);
    expect(() => t.setSample(0, 0, { neurons: [null], connections: [new Uint8Array(PIXELS * 4).fill(1), null] })).toThrow(/connections/);
  });

  it("a trainer's heap is its own until it releases it: a second trainer on the same images never takes it over", () => {
    const m = randomModel('two', [4], 'relu'), data = images('two', 4);
    const a = new MinibatchTrainer(m, data.images, 4, { batchSize: 4 });
    a.setSample(0, 0);
    const first = a.forwardBackward(1, data.labels).loss;
    expect(first).toBeGreaterThan(0);
    // a is still running: b gets a heap of its own, and both go on giving the same answers
    const b = new MinibatchTrainer(m, data.images, 4, { batchSize: 4 });
    expect(b.kernels.memory).not.toBe(a.kernels.memory);
    b.setSample(0, 0);
    expect(b.forwardBackward(1, data.labels).loss).toBe(first);
    expect(a.forwardBackward(1, data.labels).loss).toBe(first);
    // released, a's heap serves the next trainer on these images (a collection's next brain), zeroed; a may not use it
    a.release();
    const c = new MinibatchTrainer(m, data.images, 4, { batchSize: 4 });
    expect(c.kernels.memory).toBe(a.kernels.memory);
    c.setSample(0, 0);
    expect(c.forwardBackward(1, data.labels).loss).toBe(first);
    expect(() => a.forwardBackward(1, data.labels)).toThrow(/released its heap/);
    expect(() => a.step(1e-3, 1)).toThrow(/released its heap/);
  });

  it('refuses images of the wrong size and a hidden softmax layer', () => {
    const m = randomModel('bad', [4], 'relu');
    expect(() => new MinibatchTrainer(m, new Uint8Array(10), 1, { batchSize: 1 })).toThrow(/not 3x3x3/);
    m.layers[0].activation = 'softmax';
    expect(() => new MinibatchTrainer(m, new Uint8Array(PIXELS), 1, { batchSize: 1 })).toThrow(/softmax on the output layer only/);
  });
});

describe('kernels', () => {
  const simd = createKernels(true), js = createKernels(false);
  const heap = 1 << 20;
  simd.reserve(heap); js.reserve(heap);
  const fill = (seed: string) => {
    const rng = rngFrom(seed), a = new Float32Array(simd.memory.buffer, 0, heap / 4), b = new Float32Array(js.memory.buffer, 0, heap / 4);
    for (let i = 0; i < a.length; i++) a[i] = b[i] = rng() * 2 - 1;
    return [a, b];
  };

  it('dots, outer and gather agree between WebAssembly SIMD and plain JS to float32 rounding', () => {
    const [a, b] = fill('kernels');
    const u8a = new Uint8Array(simd.memory.buffer), u8b = new Uint8Array(js.memory.buffer);
    for (const rowFloats of [16, 48, 3072]) {
      const rowBytes = rowFloats * 4, list = 900000, w = 400000, out = 200000, dz = 700000;
      for (const [n, u] of [[1, 1], [3, 2], [4, 3], [7, 5], [9, 10]]) {
        for (const k of [simd, js]) new Int32Array(k.memory.buffer, list, n).forEach((_, s, rows) => (rows[s] = ((s * 7) % 11) * rowBytes));
        simd.dots(list, n, u, w, rowBytes, out, u); js.dots(list, n, u, w, rowBytes, out, u);
        expectClose(a.subarray(out / 4, out / 4 + n * u), b.subarray(out / 4, out / 4 + n * u), 2e-6 * Math.sqrt(rowFloats), `dots ${rowFloats} ${n}x${u}`);
        simd.outer(list, n, dz, u, u, out, rowBytes); js.outer(list, n, dz, u, u, out, rowBytes);
        expectClose(a.subarray(out / 4, out / 4 + u * rowFloats), b.subarray(out / 4, out / 4 + u * rowFloats), 1e-6 * n, `outer ${rowFloats} ${n}x${u}`);
        simd.gather(list, n, out, rowBytes, 1 / 127.5, -1); js.gather(list, n, out, rowBytes, 1 / 127.5, -1);
        expect(Buffer.from(u8a.subarray(out, out + n * rowBytes)).equals(Buffer.from(u8b.subarray(out, out + n * rowBytes))), `gather ${rowFloats} ${n}`).toBe(true);
        const row = new Int32Array(js.memory.buffer)[list / 4 + n - 1];
        expect(b[out / 4 + (n - 1) * rowFloats + 5]).toBe(Math.fround(Math.fround(u8b[row + 5] * Math.fround(1 / 127.5)) - 1));
      }
    }
  });

  it('adam gives the same bits in WebAssembly SIMD and plain JS', () => {
    const [a, b] = fill('adam');
    const n = 4000, p = 0, g = 4 * n, m = 8 * n, v = 12 * n;
    for (const f of [a, b]) { f.fill(0, m / 4, m / 4 + n); f.fill(0, v / 4, v / 4 + n); }
    for (let t = 1; t <= 5; t++) {
      simd.adam(p, g, m, v, n, 1 / 32, 2e-3 * t, 0.9, 0.999, 1e-8);
      js.adam(p, g, m, v, n, 1 / 32, 2e-3 * t, 0.9, 0.999, 1e-8);
    }
    expect(Buffer.from(a.buffer, 0, 16 * n).equals(Buffer.from(b.buffer, 0, 16 * n))).toBe(true);
    expect(a[0]).not.toBe(new Float32Array(1)[0]); // it moved
  });
});

describe('train', () => {
  const data = images('train', 64);
  const set = { count: 64, images: data.images, labels: data.labels };
  const run = (seed: string, simd: boolean) => {
    const m = createModel('t', [SIDE, SIDE, 3], { hidden: [6, 5], activation: 'tanh' }, ['a', 'b', 'c'], seed);
    const r = train(m, set, set, { seed, epochs: 3, batchSize: 10, simd });
    return { bytes: Buffer.concat(m.layers.flatMap((l) => [Buffer.from(l.kernel.buffer), Buffer.from(l.bias!.buffer)])), r };
  };

  it('gives the same bytes for the same seed (a fresh heap or a reused one), other bytes for another', () => {
    const a = run('1', true), b = run('1', true), c = run('2', true);
    expect(a.bytes.equals(b.bytes)).toBe(true);
    expect(a.bytes.equals(c.bytes)).toBe(false);
    expect(run('1', false).bytes.equals(run('1', false).bytes)).toBe(true);
  });

  it('trains to nearly the same weights with the WebAssembly SIMD and the plain JS kernels', () => {
    const floats = (b: Buffer): Float32Array => new Float32Array(Uint8Array.from(b).buffer);
    const a = floats(run('3', true).bytes), b = floats(run('3', false).bytes);
    expect(a.length).toBe(27 * 6 + 6 + 6 * 5 + 5 + 5 * 3 + 3);
    let worst = 0;
    for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
    expect(worst).toBeLessThan(1e-4);
  });

  it('trains through the rounding (int4): every kernel ends on its grid, and the rounded brain learns', () => {
    const m = createModel('q', [SIDE, SIDE, 3], { hidden: [6, 5], activation: 'relu' }, ['a', 'b', 'c'], 'q');
    train(m, set, null, { seed: 'q', epochs: 2, batchSize: 8 });
    const grid = maxGrid(m, 4), start = m.layers.map((l, i) => onGrid(l.kernel, grid, i));
    const lossOnGrid = (epochs: number) => {
      const copy: Model = { ...m, layers: m.layers.map((l, i) => ({ ...l, kernel: start[i].slice(), bias: l.bias!.slice() })) };
      const r = train(copy, set, null, { seed: 'q/int4', epochs, batchSize: 8, learningRate: 0.01, grid });
      return { copy, loss: r.epochs[r.epochs.length - 1].loss, first: r.epochs[0].loss };
    };
    const { copy, loss, first } = lossOnGrid(12);
    copy.layers.forEach((l, i) => expect(onGrid(l.kernel, grid, i)).toEqual(l.kernel)); // on the grid, exactly
    // the weights crossed grid lines (not stuck at plain rounding) and the loss of the rounded brain fell
    expect(copy.layers.some((l, i) => l.kernel.some((w, k) => w !== start[i][k]))).toBe(true);
    expect(loss).toBeLessThan(first * 0.9);
  });

  it('learns real digits: MNIST, 2 epochs of a 2352-16-10 leaky_relu network, above 85% held-out', () => {
    const mnist = loadMnist('0');
    const m = createModel('digits', mnist.inputShape, { hidden: [16], activation: 'leaky_relu' }, mnist.classes, '0');
    const r = train(m, mnist.train, mnist.test, { seed: '0', epochs: 2 });
    expect(r.epochs[1].loss).toBeLessThan(r.epochs[0].loss);
    expect(r.epochs[1].testAccuracy).toBeGreaterThan(0.85);
    expect(accuracy(m, mnist.test)).toBe(r.epochs[1].testAccuracy); // the model holds the trained weights
  });
});
