// The training loop: softmax cross-entropy, Adam, shuffled minibatches, neuron dropout in a seed-given order.
// Each minibatch runs forward and backward at once (tools/train/minibatch.ts, on WebAssembly SIMD kernels when
// available); after each epoch the parameters go back into the model and the engine's own forward() measures it.
// Everything random comes from streams keyed by the seed, so the same seed trains the same bits.
import type { Int4Grid, Model } from '../../src/nn/index';
import type { LabelledImages } from '../dataset/generate';
import { rngFrom, shuffle } from '../dataset/prng';
import { createDropoutSampler, neuronOrder, type DropoutMode } from './dropout';
import { accuracy } from './evaluate';
import { MinibatchTrainer } from './minibatch';

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
  /** loss weight per class (default 1 each), e.g. to favour recall of one class */
  classWeights?: number[];
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
  if (o.grid) trainer.trainOnGrid(o.grid);
  const rng = rngFrom(`${o.seed}/train`);
  const indices = Uint32Array.from({ length: trainSet.count }, (_, i) => i);
  const labels = new Uint8Array(batch);
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
        trainer.setSample(s, i, sampleMask(rng)); // the mask is copied: a sampler may reuse its object
      }
      const r = trainer.forwardBackward(n, labels, o.classWeights);
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
}
