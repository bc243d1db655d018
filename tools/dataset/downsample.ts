// A smaller input for a brain: every image of a set scaled down by a whole factor, each output pixel the rounded mean
// of its factor x factor block: src/nn/resize.ts's area averaging, the resize the page and the CLI measure with, so a
// brain is measured on the pixels it was trained on.
// A collection's brains see 16x16 instead of 32x32: the first layer, nearly all of a brain's parameters, is 4x smaller.
import { resizeRgb } from '../../src/nn/resize';
import type { LabelledImages } from '../train/images';

/** The factor `from`-pixel-square images scale down by to `side`: a whole one, or an error naming the sides that are. */
export function downsampleFactor(from: number, side: number): number {
  if (!Number.isInteger(side) || side < 1 || from % side) throw new Error(`the dataset's ${from}x${from} images scale down only by a whole factor: to ${divisors(from).reverse().map((d) => from / d).join(', ')}, not ${side}`);
  return from / side;
}

const divisors = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1).filter((d) => n % d === 0);

/** HxWx3 images (HWC, RGB) scaled to (H/f)x(W/f)x3 by the mean of each f x f block. */
export function downsample(set: LabelledImages, shape: [number, number, number], factor: number): LabelledImages {
  if (factor === 1) return set;
  const [h, w] = shape, oh = h / factor, ow = w / factor;
  const inPixels = h * w * 3, outPixels = oh * ow * 3, images = new Uint8Array(set.count * outPixels);
  for (let k = 0; k < set.count; k++) images.set(resizeRgb(set.images.subarray(k * inPixels, (k + 1) * inPixels), w, h, ow, oh), k * outPixels);
  return { count: set.count, images, labels: set.labels };
}
