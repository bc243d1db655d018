// Prior shift for one class: raises that class's output bias by the smallest amount that makes the model
// recognise at least `recall` of the given images of that class (a validation split, never the held-out one), trading a little
// precision elsewhere for recall of the class the art cares about (the Nouns of the default brain).
import { forward, simdPlan, type Model } from '../../src/nn/index';
import type { LabelledImages } from './images';

export function favourClass(model: Model, data: LabelledImages, classIndex: number, recall: number): number {
  const out = model.layers[model.layers.length - 1];
  if (!out.bias) throw new Error('--favour needs an output layer with a bias');
  const pixels = model.inputShape[0] * model.inputShape[1] * 3, margins: number[] = [];
  for (let i = 0; i < data.count; i++) {
    if (data.labels[i] !== classIndex) continue;
    const z = forward(model, data.images.subarray(i * pixels, (i + 1) * pixels), { kernel: simdPlan });
    let other = -Infinity;
    for (let j = 0; j < z.length; j++) if (j !== classIndex && z[j] > other) other = z[j];
    margins.push(other - z[classIndex]); // > 0: misclassified by that much
  }
  margins.sort((a, b) => a - b);
  const k = Math.min(margins.length - 1, Math.ceil(recall * margins.length) - 1);
  const shift = margins.length && margins[k] > 0 ? margins[k] + 1e-3 : 0;
  out.bias[classIndex] += shift;
  return shift;
}
