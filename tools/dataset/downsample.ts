// A smaller input for a brain: every image of a set scaled down by a whole factor, each output pixel the rounded mean
// of its factor x factor block (a box filter, what a browser's 'high' quality resize of a small image is close to).
// A collection's brains see 16x16 instead of 32x32: the first layer, nearly all of a brain's parameters, is 4x smaller.
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
  const [h, w, ch] = shape, oh = h / factor, ow = w / factor, n = factor * factor;
  const inPixels = h * w * ch, outPixels = oh * ow * ch, images = new Uint8Array(set.count * outPixels);
  for (let k = 0; k < set.count; k++) {
    const src = k * inPixels, dst = k * outPixels;
    for (let y = 0; y < oh; y++) for (let x = 0; x < ow; x++) for (let c = 0; c < ch; c++) {
      let sum = 0;
      for (let dy = 0; dy < factor; dy++) for (let dx = 0; dx < factor; dx++) sum += set.images[src + ((y * factor + dy) * w + x * factor + dx) * ch + c];
      images[dst + (y * ow + x) * ch + c] = Math.floor((sum + (n >> 1)) / n);
    }
  }
  return { count: set.count, images, labels: set.labels };
}
