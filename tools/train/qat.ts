// Quantization-aware fine-tuning: a short last run that trains through the rounding of a low-bit grid, so that the
// rounded brain answers as the float brain did. The forward and backward passes see the rounded kernels; the updates
// go to a float "shadow" copy that is rounded again after every step (the straight-through estimator). The loss is
// the squared distance to the float brain's own outputs (distillation on the logits), not to the labels: agreement
// with the float brain is the goal, and its mistakes are part of the brain being packed. (Measured on the default
// brain: the logits' distance kept top-1 agreement higher than cross-entropy against the float brain's probabilities.)
import { activations, forward, type AliveMask, type Model } from '../../src/nn/index';
import { backward, createGradients, zeroGradients } from '../../src/nn/backward';
import type { LabelledImages } from '../dataset/generate';
import { rngFrom, shuffle } from '../dataset/prng';
import { Adam } from '../quant/adam';
import { onGrid, type Grid } from '../quant/grid';

export interface QatOptions {
  /** the grid: one scale per unit of every layer, and the lowest and highest level */
  grid: Grid;
  seed: string;
  epochs?: number;
  batchSize?: number;
  /** Adam's learning rate at the start; it falls linearly to 0 */
  learningRate?: number;
  /** neuron masks to train under (e.g. the training's ordered dropout), so part-alive brains agree too */
  sampleMask?: (rng: () => number) => AliveMask | undefined;
  onProgress?: (fraction: number, loss: number) => void;
}

/** Returns a copy of `teacher` whose kernels lie on the grid (biases stay float), fine-tuned to agree with it. */
export function quantizationAwareTuning(teacher: Model, data: LabelledImages, o: QatOptions): Model {
  const epochs = o.epochs ?? 1, batch = o.batchSize ?? 32, lr0 = o.learningRate ?? 3e-4;
  const shadow = teacher.layers.map((l) => l.kernel.slice());
  const student: Model = { ...teacher, layers: teacher.layers.map((l, i) => ({ ...l, kernel: onGrid(shadow[i], o.grid, i), bias: l.bias && l.bias.slice() })) };
  const g = createGradients(student), params: Float32Array[] = [], grads: Float32Array[] = [];
  student.layers.forEach((l, i) => {
    params.push(shadow[i]); grads.push(g.kernels[i]);
    if (l.bias) { params.push(l.bias); grads.push(g.biases[i]!); }
  });
  const adam = new Adam(params, lr0), pixels = teacher.layers[0].inputs;
  const rng = rngFrom(`${o.seed}/qat`), order = Uint32Array.from({ length: data.count }, (_, i) => i);
  const dOut = new Float32Array(student.layers[student.layers.length - 1].units);
  const steps = epochs * Math.ceil(data.count / batch);
  let step = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    shuffle(rng, order);
    let lossSum = 0;
    for (let b = 0; b < data.count; b += batch) {
      const end = Math.min(data.count, b + batch);
      zeroGradients(g);
      for (let k = b; k < end; k++) {
        const input = data.images.subarray(order[k] * pixels, (order[k] + 1) * pixels), alive = o.sampleMask?.(rng);
        const want = forward(teacher, input, { alive }), outs = activations(student, input, { alive }), y = outs[outs.length - 1];
        for (let c = 0; c < dOut.length; c++) lossSum += (dOut[c] = y[c] - want[c]) ** 2 / 2;
        backward(student, input, outs, dOut, g, alive);
      }
      adam.lr = lr0 * (1 - step++ / steps);
      adam.step(grads, 1 / (end - b));
      student.layers.forEach((l, i) => onGrid(shadow[i], o.grid, i, l.kernel));
      o.onProgress?.((epoch + end / data.count) / epochs, lossSum / end);
    }
  }
  return student;
}
