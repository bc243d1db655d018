// The smaller input of a collection's brains: images scaled down by a whole factor, each pixel the rounded mean of
// its block, channel by channel; any other size is refused naming the sizes that work.
import { describe, expect, it } from 'vitest';
import { downsample, downsampleFactor } from '../../tools/dataset/downsample';

describe('downsample', () => {
  it('averages each block of each channel, rounding halves up', () => {
    // two 4x4x3 images: the first's red a 0..15 ramp, green 255, blue 0 except one pixel of 3; the second all 10
    const first = Array.from({ length: 16 }, (_, p) => [p, 255, p === 5 ? 3 : 0]).flat();
    const set = { count: 2, images: Uint8Array.from([...first, ...new Array(48).fill(10)]), labels: Uint8Array.from([1, 3]) };
    const small = downsample(set, [4, 4, 3], 2);
    expect(small.count).toBe(2);
    expect(small.labels).toEqual(set.labels);
    // red blocks: (0+1+4+5)/4 = 2.5 → 3, (2+3+6+7)/4 = 4.5 → 5, (8+9+12+13)/4 = 10.5 → 11, (10+11+14+15)/4 = 12.5 → 13
    // blue: 3/4 → 1 in the first block only
    expect([...small.images.subarray(0, 12)]).toEqual([3, 255, 1, 5, 255, 0, 11, 255, 0, 13, 255, 0]);
    expect([...small.images.subarray(12)]).toEqual(new Array(12).fill(10));
  });

  it('keeps the set as it is at factor 1', () => {
    const set = { count: 1, images: new Uint8Array(12).fill(7), labels: Uint8Array.from([0]) };
    expect(downsample(set, [2, 2, 3], 1)).toBe(set);
  });

  it('takes a whole factor of the side only', () => {
    expect(downsampleFactor(32, 16)).toBe(2);
    expect(downsampleFactor(32, 32)).toBe(1);
    expect(downsampleFactor(32, 8)).toBe(4);
    expect(() => downsampleFactor(32, 12)).toThrow("the dataset's 32x32 images scale down only by a whole factor: to 1, 2, 4, 8, 16, 32, not 12");
    expect(() => downsampleFactor(32, 64)).toThrow(/not 64/);
  });
});
