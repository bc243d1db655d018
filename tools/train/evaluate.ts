// Accuracy of a model on labelled images, through the engine's own forward pass (src/nn), optionally with only
// part of the network alive; and the curve of accuracy against the fraction of neurons alive.
import { forward, simdPlan, type AliveMask, type Model } from '../../src/nn/index';
import type { LabelledImages } from './images';
import { aliveFraction } from './dropout';

export function argmax(v: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < v.length; i++) if (v[i] > v[best]) best = i;
  return best;
}

/** Top-1 prediction of every image. */
export function predictAll(model: Model, data: LabelledImages, alive?: AliveMask): Uint8Array {
  const pixels = model.inputShape[0] * model.inputShape[1] * model.inputShape[2];
  const out = new Uint8Array(data.count);
  for (let i = 0; i < data.count; i++) out[i] = argmax(forward(model, data.images.subarray(i * pixels, (i + 1) * pixels), { alive, kernel: simdPlan }));
  return out;
}

export function accuracy(model: Model, data: LabelledImages, alive?: AliveMask): number {
  const predicted = predictAll(model, data, alive);
  let right = 0;
  for (let i = 0; i < data.count; i++) if (predicted[i] === data.labels[i]) right++;
  return right / data.count;
}

export const CURVE_FRACTIONS = [0.1, 0.25, 0.5, 0.75, 1];

/** Accuracy with the first fraction of each hidden layer's neuron order alive, for each fraction. */
export function aliveCurve(model: Model, data: LabelledImages, order: number[][], fractions = CURVE_FRACTIONS): Record<string, number> {
  const curve: Record<string, number> = {};
  for (const f of fractions) curve[`${Math.round(f * 100)}%`] = accuracy(model, data, f === 1 ? undefined : aliveFraction(order, f));
  return curve;
}
