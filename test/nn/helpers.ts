// Shared test helpers: a seeded PRNG and random models, so every test is deterministic.
import { expect } from 'vitest';
import { DataInscriptionError, decodeDataInscription, type Activation, type Dense, type Model } from '../../src/nn/index';
import { readFileSync } from 'node:fs';

export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface ModelSpec {
  shape: [number, number];
  hidden: number[];
  activations: Activation[]; // one per Dense layer (hidden, then output)
  outputBias: boolean;
  classes?: number;
}

export function randomModel(spec: ModelSpec, seed: number, amplitude = 0.5): Model {
  const r = rng(seed);
  const [h, w] = spec.shape;
  const widths = [...spec.hidden, spec.classes ?? 4];
  let n = h * w * 3;
  const layers: Dense[] = widths.map((units, i) => {
    const kernel = new Float32Array(n * units).map(() => (r() * 2 - 1) * amplitude);
    const bias = i === widths.length - 1 && !spec.outputBias ? null : new Float32Array(units).map(() => (r() * 2 - 1) * amplitude);
    const layer = { inputs: n, units, activation: spec.activations[i], kernel, bias };
    n = units;
    return layer;
  });
  return {
    name: `random_${seed}`,
    inputShape: [h, w, 3],
    scale: 1 / 127.5,
    offset: -1,
    layers,
    classes: Array.from({ length: widths[widths.length - 1] }, (_, i) => `class_${i}`),
    trainingTraits: { seed },
  };
}

export function randomPixels(n: number, seed: number): Uint8ClampedArray {
  const r = rng(seed);
  return new Uint8ClampedArray(n).map(() => Math.floor(r() * 256));
}

export const ORIGINAL_BRAINS = ['pfp_classifier_15', 'artblock_classifier_triangle', 'artblock_classifier_symmetric'];
export const originalBrain = (name: string): string =>
  readFileSync(new URL(`../../fixtures/original-brains/${name}.json`, import.meta.url), 'utf8');

/** The DataInscriptionError decoding `doc` throws; fails the test when it decodes or throws anything else. */
export function decodeError(doc: unknown): DataInscriptionError {
  try {
    decodeDataInscription(doc);
  } catch (e) {
    expect(e).toBeInstanceOf(DataInscriptionError);
    return e as DataInscriptionError;
  }
  throw new Error('decoded without error');
}
