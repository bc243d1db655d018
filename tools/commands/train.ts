// perceptrons train: trains a brain (a data inscription) for an architecture on the PFP, MNIST or Fashion-MNIST data.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Int4Grid } from '../../src/nn/index';
import { archFromFile, archFromJson, archFromSeed, type ArchSpec } from '../train/arch';
import { choiceOption, defineCommand, intOption, numberOption, runCommand, UsageError, type Values } from '../args';
import { brainDocument, trainingTraits } from '../train/brain';
import { int4Brain, STORAGE } from '../quant/pack';
import { loadDataset, DATASETS } from '../train/data';
import type { DropoutMode } from '../train/dropout';
import { aliveCurve, accuracy } from '../train/evaluate';
import { createModel } from '../train/init';
import { train } from '../train/loop';
import { createProgress, progressBar } from '../train/progress';
import { freshNounsRecall } from '../train/fresh';
import { favourClass } from '../train/favour';
import { PFP_CLASSES } from '../dataset/classes';
import { renderChunk, type LabelledImages } from '../dataset/generate';

export const command = defineCommand({
  name: 'train',
  summary: 'train a brain (a data inscription) on the PFP, MNIST or Fashion-MNIST data',
  synopsis: '(--arch ARCH.json | --seed SEED | --hidden 10,8,10) --out brain.json [options]',
  options: {
    arch: { type: 'string', arg: 'ARCH.json', help: 'the architecture from a file ({"hidden": [...], "activation": ...})' },
    seed: { type: 'string', arg: 'SEED', help: "the architecture of a genome's seed (64 hex digits), with its epochs" },
    hidden: { type: 'string', arg: 'N,N,...', help: 'the hidden layers\' sizes' },
    activation: { type: 'string', arg: 'NAME', help: 'with --hidden: the hidden activation', default: 'leaky_relu' },
    out: { type: 'string', arg: 'FILE', help: 'where the brain goes (required)' },
    epochs: { type: 'string', arg: 'N', help: "passes over the training data (default 5, or the genome's)" },
    data: { type: 'string', arg: 'pfp|mnist|fashion', help: 'the data set', default: 'pfp' },
    name: { type: 'string', arg: 'NAME', help: "the brain's name (default <data>_classifier)" },
    'train-seed': { type: 'string', arg: 'S', help: 'seed of the initial weights, shuffles and dropout', default: '0' },
    dtype: { type: 'string', arg: Object.keys(STORAGE).join('|'), help: 'how the weights are stored (int4/int3: after a last run through the rounding;\nint3 is the int4 format with levels -4..3)', default: 'float32' },
    batch: { type: 'string', arg: 'N', help: 'mini-batch size', default: '32' },
    lr: { type: 'string', arg: 'RATE', help: 'Adam learning rate', default: '0.002' },
    dropout: { type: 'string', arg: 'ordered|random|none', help: 'neuron dropout (ordered: the order neurons grow in)', default: 'ordered' },
    'p-full': { type: 'string', arg: 'P', help: 'share of batches trained with every neuron alive', default: '0.5' },
    'per-class': { type: 'string', arg: 'N', help: 'PFP training images per class', default: '6000' },
    'test-per-class': { type: 'string', arg: 'N', help: 'PFP held-out images per class', default: '1000' },
    workers: { type: 'string', arg: 'N', help: 'worker threads rendering the PFP data, 1 to 16', default: '2' },
    fresh: { type: 'string', arg: 'N', help: 'fresh Nouns to measure recall on (pfp)', default: '2000' },
    'class-weight': { type: 'string', arg: 'CLASS=W', help: 'loss weight of one class' },
    favour: { type: 'string', arg: 'CLASS=RECALL', help: "raise that class's output bias until it recognises RECALL of its validation images" },
  },
});

function classOption(value: string | undefined, classes: string[], key: string): [number, number] | null {
  if (value === undefined) return null;
  const m = /^(.+)=([0-9.]+)$/.exec(value);
  const index = m ? classes.indexOf(m[1]) : -1;
  if (!m || index < 0 || !(Number(m[2]) > 0)) throw new UsageError(`--${key} must be CLASS=NUMBER with CLASS one of ${classes.join(', ')}, got "${value}"`);
  return [index, Number(m[2])];
}

function validationImages(classes: string[], classIndex: number): LabelledImages {
  const c = PFP_CLASSES.findIndex((k) => k.name === classes[classIndex]);
  const count = 2000;
  return { count, images: renderChunk('0', { classIndex: c, split: 'valid', start: 0, count }), labels: new Uint8Array(count).fill(classIndex) };
}

export function run(args: string[]): Promise<number> {
  return runCommand(command, args, trainBrain);
}

async function trainBrain(o: Values<typeof command>): Promise<number> {
  const out = o.out;
  const sources = (['arch', 'seed', 'hidden'] as const).filter((k) => o[k] !== undefined);
  if (!out) throw new UsageError('--out is required');
  if (sources.length !== 1) throw new UsageError('give exactly one of --arch, --seed, --hidden');
  let arch: ArchSpec;
  if (o.arch) arch = archFromFile(o.arch);
  else if (o.seed) arch = await archFromSeed(o.seed);
  else arch = archFromJson({ hidden: o.hidden!.split(',').map(Number), activation: o.activation }, '--hidden');
  const data = choiceOption(o.data, 'data', DATASETS);
  const storage = STORAGE[choiceOption(o.dtype, 'dtype', Object.keys(STORAGE))];
  const dropout = choiceOption<DropoutMode>(o.dropout, 'dropout', ['ordered', 'random', 'none']);
  const epochs = intOption(o.epochs, 'epochs', 1, 1000) ?? arch.epochs ?? 5;
  const seed = o['train-seed'];
  const batchSize = intOption(o.batch, 'batch'), learningRate = numberOption(o.lr, 'lr'), pFull = numberOption(o['p-full'], 'p-full');
  const trainPerClass = intOption(o['per-class'], 'per-class'), testPerClass = intOption(o['test-per-class'], 'test-per-class');
  const workers = intOption(o.workers, 'workers', 1, 16), fresh = intOption(o.fresh, 'fresh');
  const log = (s: string): void => console.error(s);

  const dataset = await loadDataset(data, {
    seed: '0', trainPerClass, testPerClass, workers, log,
  });
  const name = o.name ?? `${data}_classifier`;
  let model = createModel(name, dataset.inputShape, arch, dataset.classes, seed);
  log(`training ${name}: ${dataset.inputShape.join('x')}-${arch.hidden.join('-')}-${dataset.classes.length} ${arch.activation}, ` +
    `${epochs} epochs on ${dataset.train.count} images (${dataset.description}), dropout ${dropout}`);
  const weight = classOption(o['class-weight'], dataset.classes, 'class-weight');
  const favour = classOption(o.favour, dataset.classes, 'favour');
  const classWeights = weight ? dataset.classes.map((_, i) => (i === weight[0] ? weight[1] : 1)) : undefined;
  const bar = createProgress();
  const result = train(model, dataset.train, dataset.test, { seed, epochs, dropout, batchSize, learningRate, classWeights, pFull },
    (epoch, f, loss, acc) => bar.update(progressBar(`epoch ${epoch}/${epochs}`, f, `loss ${loss.toFixed(4)} acc ${(acc * 100).toFixed(2)}%`)),
    (r) => bar.done(progressBar(`epoch ${r.epoch}/${epochs}`, 1, `loss ${r.loss.toFixed(4)} acc ${(r.trainAccuracy * 100).toFixed(2)}% held-out ${(r.testAccuracy * 100).toFixed(2)}% (${r.seconds.toFixed(1)} s)`)));
  const extra: Record<string, unknown> = {};
  if (classWeights) extra.class_weights = Object.fromEntries(dataset.classes.map((c, i) => [c, classWeights[i]]));
  if (favour) {
    // on a validation split of the favoured class (its own key space: neither training nor held-out images);
    // other data sets have no generator, so their training images stand in
    const valid = data === 'pfp' ? validationImages(dataset.classes, favour[0]) : dataset.train;
    const shift = favourClass(model, valid, favour[0], Math.min(1, favour[1]));
    extra.favoured = { class: dataset.classes[favour[0]], validation_recall: favour[1], validation_images: valid.count, bias_shift: Math.round(shift * 1e4) / 1e4 };
    log(`favoured ${dataset.classes[favour[0]]}: output bias +${shift.toFixed(4)} for ${favour[1] * 100}% recall on ${valid.count} validation images`);
  }
  let grid: Int4Grid | undefined;
  if (storage.bits) {
    // a last run through the rounding; what follows measures the brain as inscribed
    const q = int4Brain(model, { bits: storage.bits, data: { name: data, train: dataset.train, test: dataset.test }, seed, order: result.order, log });
    ({ model, grid } = q);
    extra.quantization = q.quantization;
  }
  const curve = aliveCurve(model, dataset.test, result.order);
  const last = result.epochs[result.epochs.length - 1];
  if (data === 'pfp') extra.fresh_nouns_recognised = Math.round(freshNounsRecall(model, dataset.classes, 'fresh-check', fresh) * 10000) / 10000;
  const traits = trainingTraits(arch, {
    dataset: dataset.description.replace(/ \(.*$/, '') + (data === 'pfp' ? ` (${dataset.classes.join(', ')})` : ''),
    epochs, seed, dropout, heldoutAccuracy: accuracy(model, dataset.test), trainAccuracy: last.trainAccuracy,
    trainSamples: dataset.train.count, testSamples: dataset.test.count, aliveCurve: curve, neuronOrder: result.order, trainingSeconds: result.seconds, extra,
  });
  const doc = brainDocument(model, traits, storage.dtype, grid);
  const text = JSON.stringify(doc);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, text);
  log(`trained in ${result.seconds.toFixed(1)} s; held-out accuracy ${(Number(traits.heldout_accuracy) * 100).toFixed(2)}%` +
    (extra.fresh_nouns_recognised !== undefined ? `, fresh Nouns recognised ${(Number(extra.fresh_nouns_recognised) * 100).toFixed(2)}%` : ''));
  log(`accuracy by neurons alive: ${Object.entries(curve).map(([k, v]) => `${k} ${(v * 100).toFixed(1)}%`).join(', ')}`);
  console.log(`${out}: ${text.length} bytes`);
  return 0;
}
