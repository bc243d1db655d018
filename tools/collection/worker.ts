// Worker thread of the collection pool: loads the training data once, then trains each token it is sent.
import { parentPort, workerData } from 'node:worker_threads';
import { readDataset } from '../dataset/store';
import type { TrainingData } from '../train/data';
import { stratified, trainToken, type TokenJob } from './train-token';

const { dataDir, perClass, testPerClass } = workerData as { dataDir: string; perClass: number; testPerClass: number };
const d = readDataset(dataDir);
const pixels = d.inputShape[0] * d.inputShape[1] * d.inputShape[2];
const data: TrainingData = {
  name: 'pfp', description: 'PFP dataset', classes: d.classes, inputShape: d.inputShape,
  train: stratified(d.train, perClass, pixels), test: stratified(d.test, testPerClass, pixels),
};
parentPort!.on('message', (job: TokenJob) => {
  try {
    parentPort!.postMessage({ ok: true, brain: trainToken(data, job) });
  } catch (e) {
    parentPort!.postMessage({ ok: false, index: job.index, error: (e as Error).message });
  }
});
parentPort!.postMessage({ ready: true });
