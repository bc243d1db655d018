// A brain ready for an int4 data inscription: its kernels rounded onto a per-unit grid (4 bits, or 3 bits inside the
// same format) and, when training images are given, fine-tuned through that rounding to answer as the float brain did.
import type { Model } from '../../src/nn/index';
import type { LabelledImages } from '../dataset/generate';
import { createDropoutSampler } from '../train/dropout';
import { quantizationAwareTuning } from '../train/qat';
import { maxGrid, mseGrid, rounded, type Grid } from './grid';
import { predictAll } from '../train/evaluate';

export interface TuneOptions {
  bits: 3 | 4;
  /** training images for quantization-aware fine-tuning; without them the kernels are only rounded */
  train?: LabelledImages;
  seed?: string;
  /** the neuron order of training, for the masks; default the brain's training_traits.neuron_order */
  order?: number[][];
  epochs?: number;
  learningRate?: number;
  onProgress?: (fraction: number, loss: number) => void;
}

/** The brain's neuron order from its training traits, if it has one that fits its hidden layers. */
function neuronOrder(model: Model): number[][] | null {
  const order = model.trainingTraits.neuron_order, hidden = model.layers.slice(0, -1);
  const fits = Array.isArray(order) && order.length === hidden.length && hidden.every((l, i) =>
    Array.isArray(order[i]) && order[i].length === l.units && [...order[i]].sort((a, b) => a - b).every((v: unknown, k: number) => v === k));
  return fits ? (order as number[][]) : null;
}

/**
 * 4 bits: each unit's largest weight on ±7 (plain rounding). 3 bits: the clip that minimises each unit's squared
 * error (on ±3 every unit would keep too few levels). Fine-tuning keeps the grid and moves the weights across it,
 * under the ordered neuron masks of training a quarter of the time when the brain names its neuron order (a Perceptron
 * spends much of its life part-alive).
 */
export function tuneForInt4(model: Model, o: TuneOptions): { model: Model; grid: Grid; fineTuned: boolean } {
  const grid = o.bits === 4 ? maxGrid(model, 4) : mseGrid(model, 3), plain = rounded(model, grid);
  if (!o.train) return { model: plain, grid, fineTuned: false };
  const order = o.order ?? neuronOrder(model);
  const tuned = quantizationAwareTuning(model, o.train, {
    grid, seed: o.seed ?? '0', epochs: o.epochs ?? (o.bits === 4 ? 3 : 4), learningRate: o.learningRate ?? 3e-4,
    sampleMask: order ? createDropoutSampler('ordered', order, 0.75) : undefined, onProgress: o.onProgress,
  });
  // Fine-tuning can lose to plain rounding on a brain full of close calls (a weak Sigmoid genome did): keep whichever
  // agrees with the float brain on more training images (the held-out images stay out of every choice).
  const reference = predictAll(model, o.train), agree = (m: Model) => predictAll(m, o.train!).reduce((n, c, i) => n + (c === reference[i] ? 1 : 0), 0);
  return agree(tuned) >= agree(plain) ? { model: tuned, grid, fineTuned: true } : { model: plain, grid, fineTuned: false };
}
