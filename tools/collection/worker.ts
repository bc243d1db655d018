// Worker thread of the collection pool: loads the training data once, then trains each token it is sent.
import { parentPort, workerData } from 'node:worker_threads';
import { downsample, downsampleFactor } from '../dataset/downsample';
import { readDataset } from '../dataset/store';
import type { TrainingData } from '../train/data';
import { stratified, trainToken, type TokenJob } from './train-token';

const { dataDir, perClass, testPerClass, input } = workerData as { dataDir: string; perClass: number; testPerClass: number; input: number };
const d = readDataset(dataDir);
const pixels = d.inputShape[0] * d.inputShape[1] * d.inputShape[2], factor = downsampleFactor(d.inputShape[0], input);
const train = stratified(d.train, perClass, pixels), test = stratified(d.test, testPerClass, pixels);
// the brains' input: the dataset's images scaled down to input x input
const data: TrainingData = {
  name: 'pfp', description: 'PFP dataset', classes: d.classes, inputShape: [input, input, 3],
  train: downsample(train, d.inputShape, factor),
  test: downsample(test, d.inputShape, factor),
};
// and at the dataset's own size, for the few brains that stay weak on the smaller input (train-token.ts FULL_INPUT_BELOW)
const fullInput: TrainingData | undefined = factor === 1 ? undefined : { ...data, inputShape: d.inputShape, train, test };
parentPort!.on('message', (job: TokenJob) => {
  try {
    parentPort!.postMessage({ ok: true, brain: trainToken(data, job, fullInput) });
  } catch (e) {
    parentPort!.postMessage({ ok: false, index: job.index, error: (e as Error).message });
  }
});
parentPort!.postMessage({ ready: true });
