// The test set in a collection: written once into the collection directory beside the art (its bytes, and so its ID,
// must not change once inscribed), and every token's brain measured on it for the report, as the page measures it.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simdPlan, type Model } from '../../src/nn/index';
import { measureBrain, notComparable } from '../../src/nn/measure';
import { readDataset } from '../dataset/read';
import { writeAtomic } from '../collection/files';
import { decodeTestSet, testImage } from './read';
import { TESTSET_COLUMNS, TESTSET_FILE, TESTSET_PER_CLASS } from './defaults';

/** DIR/testset.png: kept when there, else made from the dataset the brains train on (none of its images in it). */
export async function ensureTestSet(out: string, dataDir: string): Promise<Buffer> {
  const path = join(out, TESTSET_FILE);
  if (!existsSync(path)) {
    const { datasetHashes, makeTestSet } = await import('./make'); // the renderers take a second to load: only when needed
    const data = readDataset(dataDir);
    writeAtomic(path, makeTestSet({ seed: data.seed, perClass: TESTSET_PER_CLASS, columns: TESTSET_COLUMNS }, datasetHashes(data)).png);
  }
  return readFileSync(path);
}

/** Each brain's accuracy on the test set (0..1), or null for a brain whose classes are not the test set's. */
export function measureAll(png: Uint8Array, brains: Model[]): (number | null)[] {
  const t = decodeTestSet(png, TESTSET_FILE);
  const imagesAt = new Map<string, Uint8ClampedArray[]>(); // the images at each input size, made once
  return brains.map((m) => {
    if (notComparable(m, t)) return null;
    const [h, w] = m.inputShape, size = `${h}x${w}`;
    if (!imagesAt.has(size)) imagesAt.set(size, Array.from({ length: t.count }, (_, i) => testImage(t, i, h, w)));
    const images = imagesAt.get(size)!;
    return measureBrain(m, t, (i) => images[i], { kernel: simdPlan }).accuracy;
  });
}
