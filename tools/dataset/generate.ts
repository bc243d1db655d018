// Deterministic generation of the PFP dataset: sample i of class c in a split is a pure function of
// (seed, class name, split, i), so the data does not depend on chunking, worker count or order of work.
import { Worker } from 'node:worker_threads';
import { PFP_CLASSES, SIZE } from './classes';
import { compose, randomAugmentation, NO_AUGMENTATION } from './augment';
import { rngFrom } from './prng';
import type { LabelledImages } from '../train/images';

export type Split = 'train' | 'test' | 'valid' | 'fresh';
export const PIXELS = SIZE * SIZE * 3;

export interface Chunk { classIndex: number; split: Split; start: number; count: number }


export interface PfpDataset {
  seed: string;
  classes: string[];
  inputShape: [number, number, number];
  train: LabelledImages;
  test: LabelledImages;
}

/** Renders one chunk of samples into a fresh buffer. 'fresh' samples are un-augmented, as the art renders. */
export function renderChunk(seed: string, chunk: Chunk): Uint8Array {
  const cls = PFP_CLASSES[chunk.classIndex];
  if (!cls) throw new Error(`no class with index ${chunk.classIndex}`);
  const out = new Uint8Array(chunk.count * PIXELS);
  for (let k = 0; k < chunk.count; k++) {
    const key = `${seed}/${cls.name}/${chunk.split}/${chunk.start + k}`;
    const rng = rngFrom(key);
    const fg = cls.draw(rng, key);
    const aug = chunk.split === 'fresh' ? NO_AUGMENTATION : randomAugmentation(rng, cls.flip);
    compose(fg, aug, SIZE, out, k * PIXELS);
  }
  return out;
}

/** A worker thread running a TypeScript module through tsx (Node 20 workers do not inherit tsx's loader). */
export function spawnTsWorker(url: URL, workerData: unknown): Worker {
  const api = import.meta.resolve('tsx/esm/api');
  const code = `import(${JSON.stringify(api)}).then((m) => m.tsImport(${JSON.stringify(url.href)}, ${JSON.stringify(import.meta.url)}))`;
  return new Worker(code, { eval: true, workerData });
}

function chunksOf(classIndex: number, split: Split, count: number, size: number): Chunk[] {
  const chunks: Chunk[] = [];
  for (let start = 0; start < count; start += size) chunks.push({ classIndex, split, start, count: Math.min(size, count - start) });
  return chunks;
}

/** Runs chunks on up to `workers` worker threads (1 = in this thread), results in chunk order. */
export async function renderChunks(seed: string, chunks: Chunk[], workers: number, onChunk?: (done: number) => void): Promise<Uint8Array[]> {
  const results: Uint8Array[] = new Array(chunks.length);
  let done = 0;
  if (workers <= 1) {
    chunks.forEach((c, i) => { results[i] = renderChunk(seed, c); onChunk?.(++done); });
    return results;
  }
  let next = 0;
  const runWorker = (): Promise<void> => new Promise((resolve, reject) => {
    const worker = spawnTsWorker(new URL('./worker.ts', import.meta.url), { seed });
    const feed = (): void => {
      if (next >= chunks.length) { void worker.terminate().then(() => resolve()); return; }
      const i = next++;
      worker.once('message', (buf: Uint8Array) => { results[i] = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength); onChunk?.(++done); feed(); });
      worker.postMessage(chunks[i]);
    };
    worker.once('error', reject);
    feed();
  });
  await Promise.all(Array.from({ length: Math.min(workers, chunks.length) }, runWorker));
  return results;
}

function concat(parts: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}

/** Builds labelled images of one split: `perClass` samples of every class, grouped by class. */
export async function generateSplit(seed: string, split: Split, perClass: number, workers = 1, onProgress?: (fraction: number) => void): Promise<LabelledImages> {
  const chunks = PFP_CLASSES.flatMap((_, c) => chunksOf(c, split, perClass, 250));
  const parts = await renderChunks(seed, chunks, workers, (d) => onProgress?.(d / chunks.length));
  const count = perClass * PFP_CLASSES.length;
  const labels = new Uint8Array(count);
  PFP_CLASSES.forEach((_, c) => labels.fill(c, c * perClass, (c + 1) * perClass));
  return { count, images: concat(parts, count * PIXELS), labels };
}

export async function generateDataset(seed: string, trainPerClass: number, testPerClass: number, workers = 1, onProgress?: (fraction: number) => void): Promise<PfpDataset> {
  const total = trainPerClass + testPerClass;
  const train = await generateSplit(seed, 'train', trainPerClass, workers, (f) => onProgress?.((f * trainPerClass) / total));
  const test = await generateSplit(seed, 'test', testPerClass, workers, (f) => onProgress?.((trainPerClass + f * testPerClass) / total));
  return { seed, classes: PFP_CLASSES.map((c) => c.name), inputShape: [SIZE, SIZE, 3], train, test };
}
