// perceptrons train: trains a brain (a data inscription) for an architecture on the PFP, MNIST or Fashion-MNIST data.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { archFromFile, archFromJson, archFromSeed, type ArchSpec } from '../train/arch';
import { choiceOption, defineCommand, intOption, numberOption, runCommand, UsageError, type Values } from '../args';
import { STORAGE } from '../quant/pack';
import { DEFAULT_INT4_TUNING, INT4_TUNINGS } from '../quant/tune';
import { loadDataset, DATASETS } from '../train/data';
import type { DropoutMode } from '../train/dropout';
import { createProgress, progressBar } from '../train/progress';
import { trainBrain } from '../train/train-brain';

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
    'int4-tuning': { type: 'string', arg: INT4_TUNINGS.join('|'), help: `int4/int3: how to fine-tune through the rounding: distillation to the float\nbrain's outputs (keeps its answers) or cross-entropy to the labels (as collection does)`, default: DEFAULT_INT4_TUNING },
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

export function run(args: string[]): Promise<number> {
  return runCommand(command, args, trainCommand);
}

async function trainCommand(o: Values<typeof command>): Promise<number> {
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

  const dataset = await loadDataset(data, { seed: '0', trainPerClass, testPerClass, workers, log });
  const bar = createProgress();
  const brain = trainBrain(dataset, {
    arch, name: o.name ?? `${data}_classifier`, seed, epochs, dropout, batchSize, learningRate, pFull, storage,
    int4Tuning: choiceOption(o['int4-tuning'], 'int4-tuning', INT4_TUNINGS), freshNouns: fresh,
    classWeight: classOption(o['class-weight'], dataset.classes, 'class-weight') ?? undefined,
    favour: classOption(o.favour, dataset.classes, 'favour') ?? undefined,
  }, {
    log,
    onProgress: (epoch, f, loss, acc) => bar.update(progressBar(`epoch ${epoch}/${epochs}`, f, `loss ${loss.toFixed(4)} acc ${(acc * 100).toFixed(2)}%`)),
    onEpoch: (r) => bar.done(progressBar(`epoch ${r.epoch}/${epochs}`, 1, `loss ${r.loss.toFixed(4)} acc ${(r.trainAccuracy * 100).toFixed(2)}% held-out ${(r.testAccuracy * 100).toFixed(2)}% (${r.seconds.toFixed(1)} s)`)),
  });
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, brain.text);
  log(`trained in ${brain.seconds.toFixed(1)} s; held-out accuracy ${(brain.heldoutAccuracy * 100).toFixed(2)}%` +
    (brain.freshNounsRecognised !== undefined ? `, fresh Nouns recognised ${(brain.freshNounsRecognised * 100).toFixed(2)}%` : ''));
  log(`accuracy by neurons alive: ${Object.entries(brain.aliveCurve).map(([k, v]) => `${k} ${(v * 100).toFixed(1)}%`).join(', ')}`);
  console.log(`${out}: ${brain.text.length} bytes`);
  return 0;
}
