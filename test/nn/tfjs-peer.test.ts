// Correctness against a peer: the same weights in an equivalent @tensorflow/tfjs (CPU) model give the same logits.
import { beforeAll, describe, expect, it } from 'vitest';
import type * as TF from '@tensorflow/tfjs';
import { decodeDataInscription, encodeDataInscription, forward, simdAvailable, simdPlan, type Activation, type Model } from '../../src/nn/index';
import { ORIGINAL_BRAINS, originalBrain, randomModel, randomPixels, rng } from './helpers';
import { paperDocument } from './docs';
import { loadTfjs, toTfjs } from './tfjs-peer';

let tf: typeof TF;
beforeAll(async () => {
  tf = await loadTfjs();
});

/** The largest |difference| between tfjs and our engine, over both our kernels (WebAssembly SIMD and plain JS). */
function maxDiff(m: Model, tfm: TF.LayersModel, inputs: Uint8ClampedArray[]): number {
  const [h, w] = m.inputShape;
  const batch = tf.tensor4d(Float32Array.from(inputs.flatMap((p) => Array.from(p))), [inputs.length, h, w, 3]);
  const want = (tfm.predict(batch) as TF.Tensor).dataSync();
  batch.dispose();
  let max = 0;
  expect(simdAvailable()).toBe(true);
  for (const kernel of [simdPlan, undefined]) {
    inputs.forEach((px, b) => forward(m, px, { kernel }).forEach((v, i) => (max = Math.max(max, Math.abs(v - want[b * m.classes.length + i])))));
  }
  return max;
}

const ACTS: Activation[] = ['linear', 'relu', 'leaky_relu', 'tanh', 'sigmoid', 'softmax'];

describe('same logits as tfjs-cpu', () => {
  it('60 random models: 1-10 hidden layers of 5-20 units, every activation, with and without output bias', () => {
    const r = rng(2024), hiddenSeen = new Set<string>(), outSeen = new Set<string>(), biasSeen = new Set<boolean>();
    let worst = 0;
    for (let i = 0; i < 60; i++) {
      const depth = 1 + Math.floor(r() * 10), hidden = Array.from({ length: depth }, () => 5 + Math.floor(r() * 16));
      const acts = hidden.map((_, j) => ACTS[(i + j) % ACTS.length]);
      const out = ACTS[Math.floor(r() * ACTS.length)], outputBias = i % 4 < 2, side = 2 + Math.floor(r() * 7);
      acts.forEach((a) => hiddenSeen.add(a));
      outSeen.add(out);
      biasSeen.add(outputBias);
      const m = randomModel({ shape: [side, side], hidden, activations: [...acts, out], outputBias, classes: 2 + Math.floor(r() * 9) }, 100 + i, 0.45);
      const tfm = toTfjs(tf, m);
      const d = maxDiff(m, tfm, [0, 1, 2].map((k) => randomPixels(side * side * 3, i * 10 + k)));
      tfm.dispose();
      worst = Math.max(worst, d);
      expect(d, `model ${i}: ${hidden.join('-')} ${acts.join(',')} -> ${out}`).toBeLessThan(1e-4);
    }
    expect([...hiddenSeen].sort()).toEqual([...ACTS].sort());
    expect([...outSeen].sort()).toEqual([...ACTS].sort());
    expect([...biasSeen].sort()).toEqual([false, true]);
    expect(worst).toBeGreaterThan(0); // the comparison really compared two computations
  });

  it("the paper's example architecture, 3072-10-8-10-4 leaky_relu with linear output, read from its document", () => {
    const m = decodeDataInscription(JSON.stringify(paperDocument(77)));
    expect(m.layers.map((l) => l.units)).toEqual([10, 8, 10, 4]);
    const tfm = toTfjs(tf, m);
    expect(tfm.layers.map((l) => l.getClassName())).toEqual(['Rescaling', 'Flatten', 'Dense', 'LeakyReLU', 'Dense', 'LeakyReLU', 'Dense', 'LeakyReLU', 'Dense']);
    expect(maxDiff(m, tfm, [0, 1, 2, 3, 4].map((k) => randomPixels(3072, 500 + k)))).toBeLessThan(1e-4);
    tfm.dispose();
  });

  it('the three original brains, and their float16 and int8 copies, agree with tfjs', () => {
    for (const file of ORIGINAL_BRAINS) {
      const orig = decodeDataInscription(originalBrain(file));
      for (const dtype of ['float32', 'float16', 'int8'] as const) {
        const m = dtype === 'float32' ? orig : decodeDataInscription(JSON.stringify(encodeDataInscription(orig, { dtype })));
        const tfm = toTfjs(tf, m);
        expect(maxDiff(m, tfm, [randomPixels(2352, 9), randomPixels(2352, 10)]), `${file} ${dtype}`).toBeLessThan(1e-4);
        tfm.dispose();
      }
    }
  });
});
