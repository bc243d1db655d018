// One training run of our trainer for bench/train.bench.ts (run as its own process, so that the bench can measure the
// whole process's CPU time): reads the cached dataset, trains, evaluates on the held-out split after every epoch
// (as bench/train_torch.py does), prints one JSON line: the CPU seconds of the whole train() call, of each epoch's
// training alone (epoch 1 includes copying the images into the kernels' memory), and the held-out accuracies.
// usage: tsx bench/train_ours.ts DATASET_DIR HIDDEN ACTIVATION EPOCHS BATCH LR SEED
import { readDataset } from '../tools/dataset/read';
import { createModel } from '../tools/train/init';
import { train } from '../tools/train/loop';
import { accuracy } from '../tools/train/evaluate';
import type { Activation } from '../src/nn/index';

const cpu = (): number => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
const [dir, hidden, activation, epochs, batch, lr, seed] = process.argv.slice(2);
const data = readDataset(dir);
const model = createModel('bench', data.inputShape, { hidden: hidden.split(',').map(Number), activation: activation as Activation }, data.classes, seed);
const before = cpu(), epochCpu: number[] = [], accuracies: number[] = [];
let mark = before;
// the held-out set is evaluated here, after each epoch (the model holds that epoch's weights), to time it apart
train(model, data.train, null, { seed, epochs: Number(epochs), batchSize: Number(batch), learningRate: Number(lr) }, undefined, () => {
  epochCpu.push(cpu() - mark);
  accuracies.push(accuracy(model, data.test));
  mark = cpu();
});
const trainCpu = cpu() - before;
console.log(JSON.stringify({ trainCpu, epochCpu, heldout: accuracies[accuracies.length - 1], epochs: accuracies }));
