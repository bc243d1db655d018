// Gradient check: the analytic gradients of backward() against central finite differences of the engine's
// own forward pass, for every activation, with and without output bias, with dead neurons and connections.
import { describe, expect, it } from 'vitest';
import { ACTIVATIONS, activations, type Activation, type AliveMask, type Model } from '../../src/nn/index';
import { backward, createGradients } from '../../src/nn/backward';
import { softmaxCrossEntropy } from '../../tools/train/loss';
import { rngFrom } from '../../tools/dataset/prng';

function randomModel(seed: string, hidden: number[], activation: Activation, outBias: boolean, output: Activation = 'linear'): Model {
  const rng = rngFrom(seed);
  const widths = [2 * 2 * 3, ...hidden, 3];
  return {
    name: 'check',
    inputShape: [2, 2, 3],
    scale: 1 / 127.5,
    offset: -1,
    classes: ['a', 'b', 'c'],
    trainingTraits: {},
    layers: widths.slice(1).map((units, i) => {
      const inputs = widths[i];
      const last = i === widths.length - 2;
      return {
        inputs, units,
        activation: last ? output : activation,
        kernel: Float32Array.from({ length: inputs * units }, () => (rng() - 0.5) * 1.6),
        bias: last && !outBias ? null : Float32Array.from({ length: units }, () => (rng() - 0.5) * 0.4),
      };
    }),
  };
}

function loss(model: Model, pixels: Float32Array, label: number, alive?: AliveMask): number {
  const acts = activations(model, pixels, { alive });
  const out = acts[acts.length - 1];
  if (model.layers[model.layers.length - 1].activation === 'softmax') return -Math.log(out[label]);
  return softmaxCrossEntropy(out, label, new Float32Array(out.length));
}

function analytic(model: Model, pixels: Float32Array, label: number, alive?: AliveMask) {
  const acts = activations(model, pixels, { alive });
  const out = acts[acts.length - 1];
  const d = new Float32Array(out.length);
  if (model.layers[model.layers.length - 1].activation === 'softmax') d[label] = -1 / out[label];
  else softmaxCrossEntropy(out, label, d);
  const g = createGradients(model);
  backward(model, pixels, acts, d, g, alive);
  return g;
}

function check(model: Model, label: number, alive?: AliveMask): number {
  const rng = rngFrom(`pixels/${model.layers[0].activation}`);
  const pixels = Float32Array.from({ length: 12 }, () => rng() * 255);
  const g = analytic(model, pixels, label, alive);
  const eps = 1e-2;
  let checked = 0;
  model.layers.forEach((layer, li) => {
    const params: [Float32Array, Float32Array][] = [[layer.kernel, g.kernels[li]]];
    if (layer.bias) params.push([layer.bias, g.biases[li]!]);
    for (const [w, gw] of params) {
      for (let i = 0; i < w.length; i++) {
        const keep = w[i];
        w[i] = keep + eps; const up = loss(model, pixels, label, alive);
        w[i] = keep - eps; const down = loss(model, pixels, label, alive);
        w[i] = keep;
        const numeric = (up - down) / (2 * eps);
        expect(Math.abs(gw[i] - numeric), `layer ${li} param ${i}: analytic ${gw[i]} numeric ${numeric}`)
          .toBeLessThan(2e-3 + 2e-2 * Math.abs(numeric));
        checked++;
      }
    }
  });
  return checked;
}

describe('backward', () => {
  // every activation of the table, so that a new one is checked as soon as it is added
  for (const act of ACTIVATIONS) {
    it(`matches finite differences (${act} hidden, output bias)`, () => {
      expect(check(randomModel(`m/${act}`, [5, 4], act, true), 1)).toBe(12 * 5 + 5 + 5 * 4 + 4 + 4 * 3 + 3);
    });
  }
  it('matches finite differences without output bias and with a softmax output', () => {
    check(randomModel('nobias', [6], 'tanh', false), 2);
    check(randomModel('softmax', [4, 4], 'sigmoid', true, 'softmax'), 0);
  });
  it('gives dead neurons and dead connections no gradient, and still matches finite differences', () => {
    const model = randomModel('dead', [5, 4], 'leaky_relu', true);
    const connections = model.layers.map((l, i) => (i === 1 ? Uint8Array.from({ length: l.kernel.length }, (_, k) => (k % 3 ? 1 : 0)) : null));
    const alive: AliveMask = { neurons: [Uint8Array.from([1, 0, 1, 1, 0]), null], connections };
    check(model, 0, alive);
    const g = analytic(model, new Float32Array(12).fill(100), 0, alive);
    for (let i = 0; i < 12; i++) expect([g.kernels[0][i * 5 + 1], g.kernels[0][i * 5 + 4]]).toEqual([0, 0]);
    expect(g.biases[0]![1]).toBe(0);
    for (let k = 0; k < g.kernels[1].length; k++) if (k % 3 === 0) expect(g.kernels[1][k]).toBe(0);
  });
});
