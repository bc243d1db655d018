// The training loop: softmax cross-entropy, Adam, shuffled minibatches, neuron dropout in a seed-given order.
// Forward passes run through the engine (src/nn activations()), gradients through src/nn/backward.ts.
// Everything random comes from streams keyed by the seed, so the same seed trains the same bits.
import { activations, type Model } from '../../src/nn/index';
import { backward, createGradients, softmaxCrossEntropy, zeroGradients } from '../../src/nn/backward';
import type { LabelledImages } from '../dataset/generate';
import { rngFrom, shuffle } from '../dataset/prng';
import { Adam } from './adam';
import { createDropoutSampler, neuronOrder, type DropoutMode } from './dropout';
import { accuracy, argmax } from './evaluate';

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
  const order = neuronOrder(o.seed, hidden);
  const sampleMask = createDropoutSampler(o.dropout ?? 'ordered', order, o.pFull ?? 0.5);
  const params: Float32Array[] = [], g = createGradients(model), grads: Float32Array[] = [];
  model.layers.forEach((l, i) => {
    params.push(l.kernel); grads.push(g.kernels[i]);
    if (l.bias) { params.push(l.bias); grads.push(g.biases[i]!); }
  });
  const adam = new Adam(params, lr0);
  const pixels = model.inputShape[0] * model.inputShape[1] * model.inputShape[2];
  if (trainSet.images.length !== trainSet.count * pixels) throw new Error(`training images are not ${model.inputShape.join('x')}`);
  const rng = rngFrom(`${o.seed}/train`);
  const indices = Uint32Array.from({ length: trainSet.count }, (_, i) => i);
  const dOut = new Float32Array(model.layers[model.layers.length - 1].units);
  const totalSteps = o.epochs * Math.ceil(trainSet.count / batch);
  const reports: EpochReport[] = [];
  const started = Date.now();
  let step = 0;
  for (let epoch = 1; epoch <= o.epochs; epoch++) {
    const epochStart = Date.now();
    shuffle(rng, indices);
    let lossSum = 0, right = 0, seen = 0;
    for (let b = 0; b < trainSet.count; b += batch) {
      const end = Math.min(trainSet.count, b + batch);
      zeroGradients(g);
      for (let k = b; k < end; k++) {
        const i = indices[k], label = trainSet.labels[i];
        const input = trainSet.images.subarray(i * pixels, (i + 1) * pixels);
        const alive = sampleMask(rng);
        const outs = activations(model, input, alive ? { alive } : undefined);
        const logits = outs[outs.length - 1];
        if (!alive) { if (argmax(logits) === label) right++; seen++; }
        const weight = o.classWeights?.[label] ?? 1;
        lossSum += weight * softmaxCrossEntropy(logits, label, dOut);
        if (weight !== 1) for (let u = 0; u < dOut.length; u++) dOut[u] *= weight;
        backward(model, input, outs, dOut, g, alive);
      }
      adam.lr = lr0 + (lrEnd - lr0) * (step++ / Math.max(1, totalSteps - 1));
      adam.step(grads, 1 / (end - b));
      onProgress?.(epoch, end / trainSet.count, lossSum / end, seen ? right / seen : 0);
    }
    const report = {
      epoch, loss: lossSum / trainSet.count, trainAccuracy: seen ? right / seen : 0,
      testAccuracy: testSet ? accuracy(model, testSet) : NaN, seconds: (Date.now() - epochStart) / 1000,
    };
    reports.push(report);
    onEpoch?.(report);
  }
  return { order, epochs: reports, seconds: (Date.now() - started) / 1000 };
}
