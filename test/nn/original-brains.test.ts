// The three real brains of the 2023 collection must decode and classify (compatibility is not optional).
import { describe, expect, it } from 'vitest';
import { classify, decodeDataInscription, encodeDataInscription, forward, parameterCount } from '../../src/nn/index';
import { ORIGINAL_BRAINS, originalBrain, randomPixels } from './helpers';

const EXPECTED: Record<string, { name: string; units: number[]; acts: string[]; params: number; classes: number }> = {
  pfp_classifier_15: { name: 'pfp_classifier_15', units: [10, 2, 4], acts: ['sigmoid', 'sigmoid', 'linear'], params: 23564, classes: 4 },
  artblock_classifier_triangle: { name: 'artblock_classifier', units: [15, 12, 20], acts: ['relu', 'relu', 'linear'], params: 35747, classes: 20 },
  artblock_classifier_symmetric: {
    name: 'Artblock classifier #1231042147182', units: [16, 14, 10, 8, 10, 14, 16, 20],
    acts: [...Array(7).fill('leaky_relu'), 'linear'], params: 38948, classes: 20,
  },
};

describe('original brains', () => {
  for (const file of ORIGINAL_BRAINS) {
    it(`${file} decodes with its output bias and classifies 28x28x3 images`, () => {
      const text = originalBrain(file), want = EXPECTED[file];
      const m = decodeDataInscription(text);
      expect(m.name).toBe(want.name);
      expect(m.inputShape).toEqual([28, 28, 3]);
      expect(m.scale).toBeCloseTo(1 / 127.5, 12);
      expect(m.offset).toBe(-1);
      expect(m.layers.map((l) => l.units)).toEqual(want.units);
      expect(m.layers.map((l) => l.activation)).toEqual(want.acts);
      expect(m.layers[m.layers.length - 1].bias).not.toBeNull();
      expect(parameterCount(m)).toBe(want.params);
      expect(m.classes).toHaveLength(want.classes);
      // The first weight is the first float32 of weight_b64, read independently.
      const b64 = JSON.parse(text).weight_b64 as string;
      expect(m.layers[0].kernel[0]).toBe(Buffer.from(b64, 'base64').readFloatLE(0));
      const r = classify(m, randomPixels(28 * 28 * 3, 7));
      expect(r).toHaveLength(want.classes);
      expect(r.reduce((s, c) => s + c.p, 0)).toBeCloseTo(1, 5);
      expect(Array.from(forward(m, randomPixels(2352, 8))).every(Number.isFinite)).toBe(true);
      // Re-encoding reproduces the very same weight bytes.
      expect(encodeDataInscription(m).weight_b64).toBe(b64);
    });
  }
});
