// A validation split of one PFP class: images from the generator's own key space for it ('valid'), neither training
// nor held-out images, for choices made after training (`perceptrons train --favour`).
import type { LabelledImages } from '../train/images';
import { PFP_CLASSES } from './classes';
import { renderChunk } from './generate';

/** The first `count` validation images of the PFP class `className`, labelled `label` (its index in the brain's classes). */
export function pfpValidationImages(className: string, label: number, count = 2000): LabelledImages {
  const classIndex = PFP_CLASSES.findIndex((k) => k.name === className);
  return { count, images: renderChunk('0', { classIndex, split: 'valid', start: 0, count }), labels: new Uint8Array(count).fill(label) };
}
