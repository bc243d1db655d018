// A tiny PFP dataset (a few images a class) and tiny collections trained on it in seconds, for the collection tests.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateDataset } from '../../tools/dataset/generate';
import { writeDataset } from '../../tools/dataset/store';
import { runCollection, type CollectionOptions } from '../../tools/collection/run';

/** Writes a dataset of `perClass` training and `testPerClass` held-out images per class into dir/data. */
export async function tinyDataset(dir: string, perClass = 8, testPerClass = 4): Promise<string> {
  const data = join(dir, 'data');
  writeDataset(data, await generateDataset('tiny', perClass, testPerClass, 1));
  return data;
}

export function tinyCollection(dataDir: string, out: string, o: Partial<CollectionOptions> = {}) {
  return runCollection({
    count: 3, seed: 'tiny', out, workers: 1, dtype: 'int4', perClass: 6000, testPerClass: 1000, input: 16, epochs: 1, dataDir,
    log: () => {}, ...o,
  });
}

/** Every file under dir → its bytes (base64). */
export function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, rel: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name), rel + e.name + '/');
      else out[rel + e.name] = readFileSync(join(d, e.name)).toString('base64');
    }
  };
  walk(dir, '');
  return out;
}
