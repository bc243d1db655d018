// A worker_threads pool that trains tokens: each worker loads the data once and takes the next token when it is done.
// Results arrive in completion order; the caller writes each brain as it comes (so an interrupted run keeps them).
import { spawnTsWorker } from '../dataset/generate';
import type { TokenBrain, TokenJob } from './train-token';
import { CollectionError } from './files';

export interface PoolOptions {
  workers: number;
  dataDir: string;
  perClass: number;
  testPerClass: number;
  /** the brains' input side: the dataset's images scaled down to input x input */
  input: number;
}

export async function trainAll(jobs: TokenJob[], o: PoolOptions, onBrain: (b: TokenBrain) => void): Promise<void> {
  let next = 0;
  const run = (): Promise<void> => new Promise((resolve, reject) => {
    const worker = spawnTsWorker(new URL('./worker.ts', import.meta.url), { dataDir: o.dataDir, perClass: o.perClass, testPerClass: o.testPerClass, input: o.input });
    let current: TokenJob | null = null, finished = false;
    const fail = (e: Error) => {
      if (finished) return;
      finished = true;
      void worker.terminate();
      reject(e);
    };
    const feed = () => {
      if (next >= jobs.length) {
        finished = true;
        current = null;
        void worker.terminate().then(() => resolve());
        return;
      }
      current = jobs[next++];
      worker.postMessage(current);
    };
    worker.on('message', (m: { ready?: true; ok?: boolean; brain?: TokenBrain; index?: number; error?: string }) => {
      if (m.ready) return feed();
      if (!m.ok) return fail(new CollectionError(`token ${m.index}: ${m.error}`));
      try {
        onBrain(m.brain!);
      } catch (e) {
        return fail(e as Error);
      }
      feed();
    });
    worker.on('error', (e) => fail(new CollectionError(`a training worker failed${current ? ` on token ${current.index}` : ''}: ${e.message}`)));
    worker.on('exit', (code) => {
      if (!finished) fail(new CollectionError(`a training worker stopped (exit code ${code})${current ? ` while training token ${current.index}` : ''}`));
    });
  });
  await Promise.all(Array.from({ length: Math.max(1, Math.min(o.workers, jobs.length)) }, run));
}
