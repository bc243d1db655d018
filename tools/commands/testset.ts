// perceptrons testset --out DIR: writes the test-set inscription (testset.png: N held-out PFP images no brain of the
// collection trained on, their labels and class names in its tEXt header; docs/format.md#the-test-set).
import { join, resolve } from 'node:path';
import { mkdirSync, writeFileSync } from 'node:fs';
import { readDataset } from '../dataset/read';
import { contentId } from '../build/ids';
import { brotli } from '../build/sizes';
import { marginPoints } from '../../src/nn/measure';
import { datasetHashes, makeTestSet } from '../testset/make';
import { TESTSET_FILE, TESTSET_PER_CLASS, TESTSET_COLUMNS } from '../testset/defaults';
import { defineCommand, intOption, runCommand, UsageError } from '../args';

export const command = defineCommand({
  name: 'testset',
  summary: 'write the test-set inscription: a PNG of held-out PFP images with their labels',
  synopsis: '--out DIR [--data DIR] [--per-class 75] [--columns 20]',
  options: {
    out: { type: 'string', arg: 'DIR', help: `where ${TESTSET_FILE} goes (required)` },
    data: { type: 'string', arg: 'DIR', help: 'the PFP dataset whose images the test set must not contain', default: 'data/pfp-seed0-6000x1000' },
    'per-class': { type: 'string', arg: 'N', help: 'images of each class', default: String(TESTSET_PER_CLASS) },
    columns: { type: 'string', arg: 'N', help: 'images in a row of the sheet', default: String(TESTSET_COLUMNS) },
  },
});

export function run(args: string[]): Promise<number> {
  return runCommand(command, args, async (o) => {
    if (!o.out) throw new UsageError('--out is required');
    const perClass = intOption(o['per-class'], 'per-class', 1, 2500), columns = intOption(o.columns, 'columns', 1, 200);
    const file = writeTestSet(resolve(o.out), o.data, perClass, columns);
    console.log(file);
    return 0;
  });
}

/** Writes DIR/testset.png from the dataset at dataDir; returns a one-line description. */
export function writeTestSet(out: string, dataDir: string, perClass: number, columns: number): string {
  const data = readDataset(dataDir);
  const made = makeTestSet({ seed: data.seed, perClass, columns }, datasetHashes(data));
  mkdirSync(out, { recursive: true });
  const path = join(out, TESTSET_FILE);
  writeFileSync(path, made.png);
  const n = made.header.count;
  return `${path}: ${n} images (${perClass} a class, ${made.skipped} generator samples skipped as equal to a dataset image), ` +
    `${made.png.length.toLocaleString('en-US')} bytes, ${brotli(made.png).length.toLocaleString('en-US')} as inscribed with --compress; a 97% accuracy measured on it is known within ±${marginPoints(0.97, n).toFixed(2)} points (95%); preview ID ${contentId(made.png)}`;
}
