// Measuring a brain on a test set (src/nn/testset.ts): each image through the engine as classify runs it, the brain's
// top class against the label. The whole brain is measured (every neuron alive): what is measured is the brain, not
// the art's age. The page's worker and `perceptrons measure` both call measureBrain, so they agree image for image.
import { classify, type ForwardOptions } from './engine';
import type { Model } from './model';
import type { TestSet } from './testset';

export interface Measurement {
  /** correct / total, 0..1 */
  accuracy: number;
  correct: number;
  total: number;
  /** Per image, the test set's index of the class the brain ranked first. */
  predicted: number[];
}

/** Why a brain cannot be measured on a test set ('' when it can): its classes must be the test set's (any order). */
export function notComparable(model: Pick<Model, 'classes'>, t: Pick<TestSet, 'classes'>): string {
  const mine = model.classes, theirs = t.classes;
  if (mine.length !== theirs.length) {
    return `Not comparable: this brain has ${mine.length} classes, the test set ${theirs.length} (${theirs.slice(0, 6).join(', ')}${theirs.length > 6 ? ', …' : ''}).`;
  }
  const missing = theirs.filter((c) => !mine.includes(c));
  return missing.length ? `Not comparable: this brain has no class named ${JSON.stringify(missing[0].slice(0, 40))} (the test set's classes are not its).` : '';
}

/** The brain on every image: pixelsOf(i) gives image i as the brain's input (HxWx3 at its input shape); opts.kernel as
 * classify takes it (the page and the tools pass simdPlan, as their classify does). */
export function measureBrain(model: Model, t: TestSet, pixelsOf: (i: number) => Uint8ClampedArray, opts: ForwardOptions = {}): Measurement {
  const why = notComparable(model, t);
  if (why) throw new Error(why);
  const indexOf = new Map(t.classes.map((c, i) => [c, i]));
  const predicted = t.labels.map((_, i) => indexOf.get(classify(model, pixelsOf(i), opts)[0].name)!);
  const correct = predicted.reduce((n, p, i) => n + (p === t.labels[i] ? 1 : 0), 0);
  return { accuracy: correct / t.count, correct, total: t.count, predicted };
}

/** The 95% interval's half-width (normal approximation) of an accuracy measured on n images, in points. */
export const marginPoints = (accuracy: number, n: number): number => 196 * Math.sqrt((accuracy * (1 - accuracy)) / n);
