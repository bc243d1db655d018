// Reading the dataset files that store.ts writes (the format is described there). Apart from store.ts so that a
// trainer on a cached dataset loads no renderer (DiceBear, resvg, the Nouns art), and without copying the file.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PfpDataset } from './generate';
import type { LabelledImages } from '../train/images';

export const MANIFEST = 'manifest.json';
export const BINARY = 'dataset.bin';
export const FORMAT = 'perceptrons-dataset/1';

export interface SplitEntry { count: number; imagesOffset: number; labelsOffset: number }
export interface Manifest {
  format: string;
  seed: string;
  inputShape: [number, number, number];
  layout: string;
  classes: { name: string; source: string; licence: string; flip: boolean; train: number; test: number }[];
  splits: { train: SplitEntry; test: SplitEntry };
  bytes: number;
  sha256: string;
}

export function readDataset(dir: string): PfpDataset {
  const manifestPath = join(dir, MANIFEST);
  if (!existsSync(manifestPath)) throw new Error(`no dataset at ${dir}: ${MANIFEST} is missing (create it with perceptrons dataset --out ${dir})`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  if (manifest.format !== FORMAT) throw new Error(`${manifestPath}: format is ${JSON.stringify(manifest.format)}, expected ${FORMAT}`);
  const file = readFileSync(join(dir, BINARY)), buf = new Uint8Array(file.buffer, file.byteOffset, file.byteLength);
  if (buf.length !== manifest.bytes) throw new Error(`${join(dir, BINARY)}: ${buf.length} bytes, the manifest says ${manifest.bytes}`);
  const [h, w, ch] = manifest.inputShape;
  const split = (s: SplitEntry): LabelledImages => ({
    count: s.count,
    images: buf.subarray(s.imagesOffset, s.imagesOffset + s.count * h * w * ch),
    labels: buf.subarray(s.labelsOffset, s.labelsOffset + s.count),
  });
  return { seed: manifest.seed, classes: manifest.classes.map((c) => c.name), inputShape: manifest.inputShape, train: split(manifest.splits.train), test: split(manifest.splits.test) };
}
