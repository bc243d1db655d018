// A brain ready for an int4 data inscription: its kernels rounded onto a per-unit grid (4 bits, or 3 bits inside the
// same format) and, when training images are given, fine-tuned through that rounding by the one trainer
// (tools/train/loop.ts with a grid) so that it answers as well as it can with the weights it will be inscribed with.
// Two fine-tunings, named by their loss:
// - 'cross-entropy': one more epoch on the labels through the rounding, at half the training rate (what
//   `perceptrons collection` does after each token's own training);
// - 'distillation': three epochs towards the float brain's own outputs (its answers, mistakes included) at a small
//   rate falling to 0, under the brain's neuron masks a quarter of the time.
// bench/int4-tuning.ts measures both side by side (docs/format.md#int4-in-numbers).
import type { Int4Grid, Model } from '../../src/nn/index';
import type { LabelledImages } from '../train/images';
import { predictAll } from '../train/evaluate';
import { train, type TrainOptions } from '../train/loop';
import { maxGrid, mseGrid, rounded } from './grid';

export const INT4_TUNINGS = ['cross-entropy', 'distillation'] as const;
export type Int4Tuning = (typeof INT4_TUNINGS)[number];
/** What `train` and `pack` fine-tune with unless told otherwise (--int4-tuning): a brain handed to them may carry
 * deliberate choices (class weights, a favoured class's bias) that cross-entropy to the plain labels would undo. */
export const DEFAULT_INT4_TUNING: Int4Tuning = 'distillation';

/** What train() is given for each: epochs, learning rate (and its end as a fraction of it), batch size, pFull. */
const SETTINGS: Record<Int4Tuning, Required<Pick<TrainOptions, 'epochs' | 'learningRate' | 'finalLrFraction' | 'batchSize' | 'pFull'>>> = {
  'cross-entropy': { epochs: 1, learningRate: 1e-3, finalLrFraction: 0.1, batchSize: 32, pFull: 0.5 },
  distillation: { epochs: 3, learningRate: 3e-4, finalLrFraction: 0, batchSize: 32, pFull: 0.75 },
};

export interface FineTuneOptions extends Partial<Pick<TrainOptions, 'epochs' | 'learningRate' | 'batchSize' | 'pFull'>> {
  method: Int4Tuning;
  grid: Int4Grid;
  seed: string;
  /** the neuron order of training, for ordered dropout masks (none: every sample trains whole) */
  order?: number[][];
}

/** A model with its own copy of every kernel and bias (training one leaves the other as it was). */
export const copyModel = (m: Model): Model => ({ ...m, layers: m.layers.map((l) => ({ ...l, kernel: l.kernel.slice(), bias: l.bias && l.bias.slice() })) });

/** Trains `model` in place through the rounding onto o.grid; its kernels end on the grid. */
export function fineTuneOnGrid(model: Model, images: LabelledImages, o: FineTuneOptions): void {
  const s = SETTINGS[o.method];
  const teacher = o.method === 'distillation' ? copyModel(model) : null;
  train(model, images, null, {
    seed: o.seed, order: o.order, dropout: o.order ? 'ordered' : 'none', grid: o.grid,
    epochs: o.epochs ?? s.epochs, learningRate: o.learningRate ?? s.learningRate, finalLrFraction: s.finalLrFraction,
    batchSize: o.batchSize ?? s.batchSize, pFull: o.pFull ?? s.pFull,
    loss: teacher ? { kind: 'distillation', teacher } : { kind: 'cross-entropy' },
  });
}

export interface TuneOptions {
  bits: 3 | 4;
  /** training images for quantization-aware fine-tuning; without them the kernels are only rounded */
  train?: LabelledImages;
  /** default DEFAULT_INT4_TUNING */
  method?: Int4Tuning;
  seed?: string;
  /** the neuron order of training, for the masks; default the brain's training_traits.neuron_order */
  order?: number[][];
  epochs?: number;
}

/** The brain's neuron order from its training traits, if it has one that fits its hidden layers. */
function neuronOrder(model: Model): number[][] | undefined {
  const order = model.trainingTraits.neuron_order, hidden = model.layers.slice(0, -1);
  const fits = Array.isArray(order) && order.length === hidden.length && hidden.every((l, i) =>
    Array.isArray(order[i]) && order[i].length === l.units && [...order[i]].sort((a, b) => a - b).every((v: unknown, k: number) => v === k));
  return fits ? (order as number[][]) : undefined;
}

/**
 * 4 bits: each unit's largest weight on ±7 (plain rounding). 3 bits: the clip that minimises each unit's squared
 * error (on ±3 every unit would keep too few levels). Fine-tuning keeps the grid and moves the weights across it.
 */
export function tuneForInt4(model: Model, o: TuneOptions): { model: Model; grid: Int4Grid; fineTuned: boolean } {
  const grid = o.bits === 4 ? maxGrid(model, 4) : mseGrid(model, 3), plain = rounded(model, grid);
  if (!o.train) return { model: plain, grid, fineTuned: false };
  const tuned = copyModel(model);
  fineTuneOnGrid(tuned, o.train, { method: o.method ?? DEFAULT_INT4_TUNING, grid, seed: `${o.seed ?? '0'}/int4`, order: o.order ?? neuronOrder(model), epochs: o.epochs });
  // Fine-tuning can lose to plain rounding on a brain full of close calls (a weak Sigmoid genome did): keep whichever
  // agrees with the float brain on more training images (the held-out images stay out of every choice).
  const reference = predictAll(model, o.train), agree = (m: Model) => predictAll(m, o.train!).reduce((n, c, i) => n + (c === reference[i] ? 1 : 0), 0);
  return agree(tuned) >= agree(plain) ? { model: tuned, grid, fineTuned: true } : { model: plain, grid, fineTuned: false };
}
