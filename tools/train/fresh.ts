// "Fresh" Nouns: newly composed, un-augmented Nouns exactly as the art renders them (on a key space of their own),
// and the fraction of them a model classifies as Nouns.
import type { Model } from '../../src/nn/index';
import { PFP_CLASSES } from '../dataset/classes';
import { renderChunk, PIXELS } from '../dataset/generate';
import { predictAll } from './evaluate';

export function freshNounsRecall(model: Model, classes: string[], seed: string, count: number): number {
  const nouns = classes.indexOf('Nouns');
  if (nouns < 0) throw new Error(`the model has no "Nouns" class (classes: ${classes.join(', ')})`);
  const images = renderChunk(seed, { classIndex: PFP_CLASSES.findIndex((c) => c.name === 'Nouns'), split: 'fresh', start: 0, count });
  if (model.inputShape[0] * model.inputShape[1] * 3 !== PIXELS) throw new Error(`fresh Nouns are 32x32x3, the model takes ${model.inputShape.join('x')}`);
  const predicted = predictAll(model, { count, images, labels: new Uint8Array(count) });
  return predicted.reduce((n, p) => n + (p === nouns ? 1 : 0), 0) / count;
}
