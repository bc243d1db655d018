// perceptrons train: trains a brain (a data inscription) for an architecture on the PFP, MNIST or Fashion-MNIST data.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Int4Grid, WeightDtype } from '../../src/nn/index';
import { int4Brain, QUANTISED, type Quantised } from '../quant/pack';
import { archFromFile, archFromJson, archFromSeed, type ArchSpec } from '../train/arch';
import { parseArgs, intOption, numberOption, stringOption } from '../train/args';
import { brainDocument, trainingTraits } from '../train/brain';
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

export const summary = 'train a brain: --arch ARCH.json | --seed SEED | --hidden 10,8,10, --epochs N --out brain.json';

const USAGE = `usage: perceptrons train (--arch ARCH.json | --seed SEED | --hidden 10,8,10 [--activation leaky_relu]) --out brain.json
  [--epochs N (default 5, or the genome's)] [--data pfp|mnist|fashion] [--name NAME] [--train-seed S]
  [--dtype float32|float16|int8|int4|int3] [--batch 32] [--lr 0.002] [--dropout ordered|random|none] [--p-full 0.5]
  [--per-class 6000] [--test-per-class 1000] [--workers 2]
  [--class-weight CLASS=W] (loss weight of one class) [--favour CLASS=RECALL] (raise that class's output bias until it
  recognises RECALL of its validation images)`;

function classOption(value: string | undefined, classes: string[], key: string): [number, number] | null {
  if (value === undefined) return null;
  const m = /^(.+)=([0-9.]+)$/.exec(value);
  const index = m ? classes.indexOf(m[1]) : -1;
  if (!m || index < 0 || !(Number(m[2]) > 0)) throw new Error(`--${key} must be CLASS=NUMBER with CLASS one of ${classes.join(', ')}, got "${value}"`);
  return [index, Number(m[2])];
}

function validationImages(classes: string[], classIndex: number): LabelledImages {
  const c = PFP_CLASSES.findIndex((k) => k.name === classes[classIndex]);
  const count = 2000;
  return { count, images: renderChunk('0', { classIndex: c, split: 'valid', start: 0, count }), labels: new Uint8Array(count).fill(classIndex) };
}

export async function run(args: string[]): Promise<number> {
  let o: Record<string, string | true>;
  try {
    o = parseArgs(args, ['arch', 'seed', 'hidden', 'activation', 'epochs', 'out', 'data', 'name', 'train-seed', 'dtype', 'batch', 'lr', 'dropout', 'per-class', 'test-per-class', 'workers', 'fresh', 'class-weight', 'favour', 'p-full']);
  } catch (e) {
    console.error(`perceptrons train: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const out = stringOption(o, 'out');
  const sources = ['arch', 'seed', 'hidden'].filter((k) => o[k] !== undefined);
  if (!out || sources.length !== 1) {
    console.error(`perceptrons train: ${!out ? '--out is required' : 'give exactly one of --arch, --seed, --hidden'}\n${USAGE}`);
    return 2;
  }
  let arch: ArchSpec;
  if (o.arch) arch = archFromFile(String(o.arch));
  else if (o.seed) arch = await archFromSeed(String(o.seed));
  else arch = archFromJson({ hidden: String(o.hidden).split(',').map(Number), activation: o.activation ?? 'leaky_relu' }, '--hidden');
  const data = stringOption(o, 'data') ?? 'pfp';
  if (!(DATASETS as readonly string[]).includes(data)) throw new Error(`--data must be one of ${DATASETS.join(', ')}, got "${data}"`);
  const dtype = (stringOption(o, 'dtype') ?? 'float32') as WeightDtype | Quantised;
  if (!['float32', 'float16', 'int8', ...QUANTISED].includes(dtype)) throw new Error(`--dtype must be float32, float16, int8, int4 or int3, got "${dtype}"`);
  const dropout = (stringOption(o, 'dropout') ?? 'ordered') as DropoutMode;
  if (!['ordered', 'random', 'none'].includes(dropout)) throw new Error(`--dropout must be ordered, random or none, got "${dropout}"`);
  const epochs = intOption(o, 'epochs', arch.epochs ?? 5, 1, 1000);
  const seed = stringOption(o, 'train-seed') ?? '0';
  const log = (s: string): void => console.error(s);

  const dataset = await loadDataset(data, {
    seed: '0', trainPerClass: intOption(o, 'per-class', 6000), testPerClass: intOption(o, 'test-per-class', 1000),
    workers: intOption(o, 'workers', 2, 1, 16), log,
  });
  const name = stringOption(o, 'name') ?? `${data}_classifier`;
  let model = createModel(name, dataset.inputShape, arch, dataset.classes, seed);
  log(`training ${name}: ${dataset.inputShape.join('x')}-${arch.hidden.join('-')}-${dataset.classes.length} ${arch.activation}, ` +
    `${epochs} epochs on ${dataset.train.count} images (${dataset.description}), dropout ${dropout}`);
  const weight = classOption(stringOption(o, 'class-weight'), dataset.classes, 'class-weight');
  const favour = classOption(stringOption(o, 'favour'), dataset.classes, 'favour');
  const classWeights = weight ? dataset.classes.map((_, i) => (i === weight[0] ? weight[1] : 1)) : undefined;
  const bar = createProgress();
  const result = train(model, dataset.train, dataset.test, { seed, epochs, dropout, batchSize: intOption(o, 'batch', 32), learningRate: numberOption(o, 'lr', 2e-3), classWeights, pFull: numberOption(o, 'p-full', 0.5) },
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
  if ((QUANTISED as readonly string[]).includes(dtype)) {
    // a last run through the rounding; what follows measures the brain as inscribed
    const q = int4Brain(model, { dtype: dtype as Quantised, data: { name: data, train: dataset.train, test: dataset.test }, seed, order: result.order, log });
    ({ model, grid } = q);
    extra.quantization = q.quantization;
  }
  const curve = aliveCurve(model, dataset.test, result.order);
  const last = result.epochs[result.epochs.length - 1];
  if (data === 'pfp') extra.fresh_nouns_recognised = Math.round(freshNounsRecall(model, dataset.classes, 'fresh-check', intOption(o, 'fresh', 2000)) * 10000) / 10000;
  const traits = trainingTraits(arch, {
    dataset: dataset.description.replace(/ \(.*$/, '') + (data === 'pfp' ? ` (${dataset.classes.join(', ')})` : ''),
    epochs, seed, dropout, heldoutAccuracy: accuracy(model, dataset.test), trainAccuracy: last.trainAccuracy,
    trainSamples: dataset.train.count, testSamples: dataset.test.count, aliveCurve: curve, neuronOrder: result.order, trainingSeconds: result.seconds, extra,
  });
  const doc = brainDocument(model, traits, grid ? 'int4' : (dtype as WeightDtype), grid);
  const text = JSON.stringify(doc);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, text);
  log(`trained in ${result.seconds.toFixed(1)} s; held-out accuracy ${(Number(traits.heldout_accuracy) * 100).toFixed(2)}%` +
    (extra.fresh_nouns_recognised !== undefined ? `, fresh Nouns recognised ${(Number(extra.fresh_nouns_recognised) * 100).toFixed(2)}%` : ''));
  log(`accuracy by neurons alive: ${Object.entries(curve).map(([k, v]) => `${k} ${(v * 100).toFixed(1)}%`).join(', ')}`);
  console.log(`${out}: ${text.length} bytes`);
  return 0;
}
