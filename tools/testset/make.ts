// The test set's images: perClass fresh samples of every PFP class from the dataset generator's own "testset" split
// (augmented as the held-out split is, so the figure measured on it estimates the same thing as a brain's held-out
// accuracy), with any sample whose pixels equal a training or held-out image skipped, laid out in a sprite sheet.
import { createHash } from 'node:crypto';
import { PFP_CLASSES, SIZE } from '../dataset/classes';
import { PIXELS, renderChunk } from '../dataset/generate';
import type { PfpDataset } from '../dataset/generate';
import { TESTSET_FORMAT, type TestSet } from '../../src/nn/testset';
import { asciiJson, encodeSheet } from './png';
import { randInt, rngFrom } from '../dataset/prng';

export interface TestSetOptions {
  /** The dataset's generator seed (the test set is that generator's "testset" split). */
  seed: string;
  perClass: number;
  columns: number;
}

export interface MadeTestSet {
  header: TestSet;
  /** count x SIZE x SIZE x 3 RGB, in sheet order. */
  images: Uint8Array;
  png: Buffer;
  /** generator samples skipped because their pixels equal a dataset image */
  skipped: number;
}

const hashOf = (b: Uint8Array): string => createHash('sha256').update(b).digest('base64');

/** The pixels of every image of both splits, hashed: what the test set must not contain. */
export function datasetHashes(d: Pick<PfpDataset, 'train' | 'test'>): Set<string> {
  const seen = new Set<string>();
  for (const s of [d.train, d.test]) for (let i = 0; i < s.count; i++) seen.add(hashOf(s.images.subarray(i * PIXELS, (i + 1) * PIXELS)));
  return seen;
}

/** Samples of one class from the "testset" split, in generator order, none equal to a dataset image. */
function samplesOf(seed: string, classIndex: number, count: number, taken: Set<string>): { images: Uint8Array[]; skipped: number } {
  const images: Uint8Array[] = [];
  let skipped = 0;
  for (let start = 0; images.length < count; start += count) {
    const got = renderChunk(seed, { classIndex, split: 'testset', start, count });
    for (let k = 0; k < count && images.length < count; k++) {
      const img = got.subarray(k * PIXELS, (k + 1) * PIXELS), h = hashOf(img);
      if (taken.has(h)) skipped++;
      else {
        taken.add(h); // nor twice in the test set
        images.push(img);
      }
    }
  }
  return { images, skipped };
}

/** The classes in a seeded shuffled order (each class perClass times), so a row of the sheet mixes them. */
function shuffledLabels(seed: string, classes: number, perClass: number): number[] {
  const labels = Array.from({ length: classes * perClass }, (_, i) => i % classes), rng = rngFrom(`${seed}/testset/order`);
  for (let i = labels.length - 1; i > 0; i--) {
    const j = randInt(rng, 0, i);
    [labels[i], labels[j]] = [labels[j], labels[i]];
  }
  return labels;
}

export function makeTestSet(o: TestSetOptions, exclude: Set<string>): MadeTestSet {
  const taken = new Set(exclude);
  const perClass = PFP_CLASSES.map((_, c) => samplesOf(o.seed, c, o.perClass, taken));
  const count = o.perClass * PFP_CLASSES.length, labels = shuffledLabels(o.seed, PFP_CLASSES.length, o.perClass);
  const images = new Uint8Array(count * PIXELS), next = PFP_CLASSES.map(() => 0);
  labels.forEach((c, i) => images.set(perClass[c].images[next[c]++], i * PIXELS));
  const header: TestSet = {
    count, tile: [SIZE, SIZE], columns: o.columns, classes: PFP_CLASSES.map((c) => c.name), labels,
    source: `PFP generator, seed ${JSON.stringify(o.seed)}, split "testset", ${o.perClass} a class; none equal to a training or held-out image`,
  };
  const rows = Math.ceil(count / o.columns), width = o.columns * SIZE, height = rows * SIZE;
  const rgba = new Uint8Array(width * height * 4).fill(255);
  for (let i = 0; i < count; i++) {
    const x0 = (i % o.columns) * SIZE, y0 = Math.floor(i / o.columns) * SIZE;
    for (let y = 0; y < SIZE; y++) for (let x = 0; x < SIZE; x++) {
      const s = i * PIXELS + (y * SIZE + x) * 3, d = ((y0 + y) * width + x0 + x) * 4;
      rgba[d] = images[s];
      rgba[d + 1] = images[s + 1];
      rgba[d + 2] = images[s + 2];
    }
  }
  const json = asciiJson({ format: TESTSET_FORMAT, ...header });
  return { header, images, png: encodeSheet(rgba, width, height, json), skipped: perClass.reduce((n, p) => n + p.skipped, 0) };
}
