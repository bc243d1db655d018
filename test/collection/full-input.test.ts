// A brain that stays weak on the collection's smaller input is trained again on the dataset's own input, and keeps
// whichever run is better on the training images (train-token.ts FULL_INPUT_BELOW).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeDataInscription } from '../../src/nn/index';
import { generateGenome } from '../../src/art/traits';
import { tokenSeed } from '../../tools/collection/token-seed';
import { stratified, trainToken } from '../../tools/collection/train-token';
import { downsample } from '../../tools/dataset/downsample';
import { readDataset } from '../../tools/dataset/store';
import type { TrainingData } from '../../tools/train/data';
import { tinyDataset } from './helpers';

let dir: string, full: TrainingData, small: TrainingData;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'full-input-'));
  const d = readDataset(await tinyDataset(dir, 24, 8));
  const pixels = d.inputShape[0] * d.inputShape[1] * d.inputShape[2];
  full = { name: 'pfp', description: 'PFP dataset', classes: d.classes, inputShape: d.inputShape, train: stratified(d.train, 24, pixels), test: stratified(d.test, 8, pixels) };
  small = {
    ...full, inputShape: [16, 16, 3],
    train: downsample(full.train, d.inputShape, 2), test: downsample(full.test, d.inputShape, 2),
  };
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const job = (index: number) => {
  const g = generateGenome(tokenSeed('full-input', index));
  return { index, genome: { seed: g.seed, features: g.features, hidden: g.hidden }, dtype: 'int4' as const, epochs: 2 };
};

describe('the full-input fallback', () => {
  it('trains a brain weak on blank small images again on the full input, and keeps the better run', () => {
    // the small input made useless: every image black, so no run can beat chance on it
    const blank: TrainingData = { ...small, train: { ...small.train, images: new Uint8Array(small.train.images.length) } };
    const brain = trainToken(blank, job(0), full);
    const model = decodeDataInscription(brain.text);
    expect(model.inputShape).toEqual(full.inputShape);
    const traits = JSON.parse(brain.text).training_traits as { train_accuracy: number };
    expect(traits.train_accuracy).toBeGreaterThan(0.3); // blank images can do no better than a class share, 0.25
  });

  it('keeps the small input without the full one, and when the full-input run is the worse', () => {
    const blank: TrainingData = { ...small, train: { ...small.train, images: new Uint8Array(small.train.images.length) } };
    expect(decodeDataInscription(trainToken(blank, job(0)).text).inputShape).toEqual([16, 16, 3]);
    const blankFull: TrainingData = { ...full, train: { ...full.train, images: new Uint8Array(full.train.images.length) } };
    expect(decodeDataInscription(trainToken(small, job(1), blankFull).text).inputShape).toEqual([16, 16, 3]);
  });
});
