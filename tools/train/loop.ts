// The training loop: Adam on shuffled minibatches, neuron dropout in a seed-given order, and a loss: softmax
// cross-entropy to the labels, or distillation to a teacher's outputs under the same neuron mask; optionally through
// the rounding onto an int4 grid (quantization-aware training).
// Each minibatch runs forward and backward at once (tools/train/minibatch.ts, on WebAssembly SIMD kernels when
// available); after each epoch the parameters go back into the model and the engine's own forward() measures it.
// Everything random comes from streams keyed by the seed, so the same seed trains the same bits.
import { forward, simdPlan, type Int4Grid, type Model } from '../../src/nn/index';
import type { LabelledImages } from './images';
import { rngFrom, shuffle } from '../dataset/prng';
import { createDropoutSampler, neuronOrder, type DropoutMode } from './dropout';
import { accuracy } from './evaluate';
import { crossEntropy, distillation, type SampleLoss } from './loss';
import { MinibatchTrainer } from './minibatch';

/** What training minimises: cross-entropy to the labels (each class's loss weighted, default 1 each), or half the
 * squared distance to a teacher's outputs for the same image and neuron mask (its answers, mistakes included). */
export type LossChoice = { kind: 'cross-entropy'; classWeights?: number[] } | { kind: 'distillation'; teacher: Model };

export interface TrainOptions {
  seed: string;
  epochs: number;
  batchSize?: number;
  learningRate?: number;
  /** the learning rate decays linearly to lr * finalLrFraction over the run */
  finalLrFraction?: number;
  dropout?: DropoutMode;
  /** probability that a sample trains with every neuron alive */
  pFull?: number;
  /** default cross-entropy to the labels */
  loss?: LossChoice;
  /** WebAssembly SIMD kernels (default) or the plain JS reference kernels */
  simd?: boolean;
  /** the neuron order of ordered dropout (default: drawn from the seed), e.g. to go on training a trained brain */
  order?: number[][];
  /** train through the rounding onto this grid (quantization-aware); the model's kernels end on the grid */
  grid?: Int4Grid;
}

export interface EpochReport { epoch: number; loss: number; trainAccuracy: number; testAccuracy: number; seconds: number }

export interface TrainResult { order: number[][]; epochs: EpochReport[]; seconds: number }

export function train(
  model: Model,
  trainSet: LabelledImages,
  testSet: LabelledImages | null,
  o: TrainOptions,
  onProgress?: (epoch: number, fraction: number, loss: number, acc: number) => void,
  onEpoch?: (r: EpochReport) => void,
): TrainResult {
  const batch = o.batchSize ?? 32, lr0 = o.learningRate ?? 2e-3, lrEnd = lr0 * (o.finalLrFraction ?? 0.1);
  const hidden = model.layers.slice(0, -1).map((l) => l.units);
  const order = o.order ?? neuronOrder(o.seed, hidden);
  const sampleMask = createDropoutSampler(o.dropout ?? 'ordered', order, o.pFull ?? 0.5);
  const started = Date.now();
  const trainer = new MinibatchTrainer(model, trainSet.images, trainSet.count, { batchSize: batch, simd: o.simd });
  // the trainer holds its training set's heap for this run, and gives it back for the next one (a collection's next brain)
  try {
    if (o.grid) trainer.trainOnGrid(o.grid);
    const rng = rngFrom(`${o.seed}/train`);
    const indices = Uint32Array.from({ length: trainSet.count }, (_, i) => i);
    const labels = new Uint8Array(batch), pixels = trainSet.images.length / trainSet.count;
    const lossChoice = o.loss ?? { kind: 'cross-entropy' }, teacher = lossChoice.kind === 'distillation' ? lossChoice.teacher : null;
    const classes = model.layers[model.layers.length - 1].units, targets = teacher ? new Float32Array(batch * classes) : null;
    const loss: SampleLoss = targets ? distillation(targets) : crossEntropy(labels, lossChoice.kind === 'cross-entropy' ? lossChoice.classWeights : undefined);
    const totalSteps = o.epochs * Math.ceil(trainSet.count / batch);
    const reports: EpochReport[] = [];
    let step = 0;
    for (let epoch = 1; epoch <= o.epochs; epoch++) {
      const epochStart = Date.now();
      shuffle(rng, indices);
      let lossSum = 0, right = 0, seen = 0;
      for (let b = 0; b < trainSet.count; b += batch) {
        const n = Math.min(trainSet.count, b + batch) - b;
        for (let s = 0; s < n; s++) {
          const i = indices[b + s];
          labels[s] = trainSet.labels[i];
          const alive = sampleMask(rng);
          trainer.setSample(s, i, alive); // the mask is copied: a sampler may reuse its object
          if (teacher) targets!.set(forward(teacher, trainSet.images.subarray(i * pixels, (i + 1) * pixels), { alive, kernel: simdPlan }), s * classes);
        }
        const r = trainer.forwardBackward(n, labels, loss);
        lossSum += r.loss; right += r.right; seen += r.seen;
        trainer.step(lr0 + (lrEnd - lr0) * (step++ / Math.max(1, totalSteps - 1)), 1 / n);
        onProgress?.(epoch, (b + n) / trainSet.count, lossSum / (b + n), seen ? right / seen : 0);
      }
      trainer.store(model);
      const report = {
        epoch, loss: lossSum / trainSet.count, trainAccuracy: seen ? right / seen : 0,
        testAccuracy: testSet ? accuracy(model, testSet) : NaN, seconds: (Date.now() - epochStart) / 1000,
      };
      reports.push(report);
      onEpoch?.(report);
    }
    return { order, epochs: reports, seconds: (Date.now() - started) / 1000 };
  } finally {
    trainer.release();
  }
}
