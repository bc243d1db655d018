// One training run of our trainer for bench/train.bench.ts (run as its own process, so that the bench can measure the
// whole process's CPU time): reads the cached dataset, trains, evaluates on the held-out split after every epoch
// (as bench/train_torch.py does), prints one JSON line.
// usage: tsx bench/train_ours.ts DATASET_DIR HIDDEN ACTIVATION EPOCHS BATCH LR SEED
import { readDataset } from '../tools/dataset/store';
import { createModel } from '../tools/train/init';
import { train } from '../tools/train/loop';
import type { Activation } from '../src/nn/index';

const cpu = (): number => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
const [dir, hidden, activation, epochs, batch, lr, seed] = process.argv.slice(2);
const data = readDataset(dir);
const model = createModel('bench', data.inputShape, { hidden: hidden.split(',').map(Number), activation: activation as Activation }, data.classes, seed);
const before = cpu();
const r = train(model, data.train, data.test, { seed, epochs: Number(epochs), batchSize: Number(batch), learningRate: Number(lr) });
const trainCpu = cpu() - before;
console.log(JSON.stringify({ trainCpu, heldout: r.epochs[r.epochs.length - 1].testAccuracy, epochs: r.epochs.map((e) => e.testAccuracy) }));
