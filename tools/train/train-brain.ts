// A brain trained end to end, as `perceptrons train` makes it: the network of an architecture, trained on a data set
// (with class weights if asked), a favoured class's output bias raised on a validation split, an int4/int3 copy fine-tuned
// through the rounding when the storage is a grid, and measured as it will be inscribed (held-out accuracy, the alive
// curve, fresh Nouns for PFP brains): the data inscription's text.
import type { Int4Grid, WeightDtype } from '../../src/nn/index';
import { pfpValidationImages } from '../dataset/validation';
import { int4Brain } from '../quant/pack';
import type { Int4Tuning } from '../quant/tune';
import type { ArchSpec } from './arch';
import { brainDocument, trainingTraits } from './brain';
import type { TrainingData } from './data';
import type { DropoutMode } from './dropout';
import { accuracy, aliveCurve } from './evaluate';
import { favourClass } from './favour';
import { freshNounsRecall } from './fresh';
import { createModel } from './init';
import { train, type EpochReport } from './loop';

export interface BrainRequest {
  arch: ArchSpec;
  name: string;
  /** seed of the initial weights, shuffles and dropout */
  seed: string;
  epochs: number;
  dropout: DropoutMode;
  batchSize: number;
  learningRate: number;
  pFull: number;
  /** how it is stored: a dtype, and the level width of a grid type (int4, int3) */
  storage: { dtype: WeightDtype; bits?: 3 | 4 };
  int4Tuning: Int4Tuning;
  /** a class's loss weight (index into the data's classes) */
  classWeight?: [number, number];
  /** a class (index) whose output bias rises until it recognises this share of its validation images */
  favour?: [number, number];
  /** fresh Nouns to measure recall on (PFP data) */
  freshNouns: number;
}

export interface TrainedBrain {
  text: string;
  seconds: number;
  heldoutAccuracy: number;
  aliveCurve: Record<string, number>;
  freshNounsRecognised?: number;
}

export interface TrainCallbacks {
  log(line: string): void;
  onProgress?(epoch: number, fraction: number, loss: number, accuracy: number): void;
  onEpoch?(r: EpochReport): void;
}

export function trainBrain(data: TrainingData, r: BrainRequest, cb: TrainCallbacks): TrainedBrain {
  const pfp = data.name === 'pfp';
  let model = createModel(r.name, data.inputShape, r.arch, data.classes, r.seed);
  cb.log(`training ${r.name}: ${data.inputShape.join('x')}-${r.arch.hidden.join('-')}-${data.classes.length} ${r.arch.activation}, ` +
    `${r.epochs} epochs on ${data.train.count} images (${data.description}), dropout ${r.dropout}`);
  const weight = r.classWeight, favour = r.favour;
  const classWeights = weight ? data.classes.map((_, i) => (i === weight[0] ? weight[1] : 1)) : undefined;
  const result = train(model, data.train, data.test, {
    seed: r.seed, epochs: r.epochs, dropout: r.dropout, batchSize: r.batchSize, learningRate: r.learningRate, pFull: r.pFull,
    loss: { kind: 'cross-entropy', classWeights },
  }, cb.onProgress, cb.onEpoch);
  const extra: Record<string, unknown> = {};
  if (classWeights) extra.class_weights = Object.fromEntries(data.classes.map((c, i) => [c, classWeights[i]]));
  if (favour) {
    // on a validation split of the favoured class (its own key space: neither training nor held-out images);
    // other data sets have no generator, so their training images stand in
    const valid = pfp ? pfpValidationImages(data.classes[favour[0]], favour[0]) : data.train;
    const shift = favourClass(model, valid, favour[0], Math.min(1, favour[1]));
    extra.favoured = { class: data.classes[favour[0]], validation_recall: favour[1], validation_images: valid.count, bias_shift: Math.round(shift * 1e4) / 1e4 };
    cb.log(`favoured ${data.classes[favour[0]]}: output bias +${shift.toFixed(4)} for ${favour[1] * 100}% recall on ${valid.count} validation images`);
  }
  let grid: Int4Grid | undefined;
  if (r.storage.bits) {
    // a last run through the rounding; what follows measures the brain as inscribed
    const q = int4Brain(model, { bits: r.storage.bits, tuning: r.int4Tuning, data: { name: data.name, train: data.train, test: data.test }, seed: r.seed, order: result.order, log: cb.log });
    ({ model, grid } = q);
    extra.quantization = q.quantization;
  }
  const curve = aliveCurve(model, data.test, result.order);
  const last = result.epochs[result.epochs.length - 1];
  if (pfp) extra.fresh_nouns_recognised = Math.round(freshNounsRecall(model, data.classes, 'fresh-check', r.freshNouns) * 10000) / 10000;
  const heldoutAccuracy = accuracy(model, data.test);
  const traits = trainingTraits(r.arch, {
    dataset: data.description.replace(/ \(.*$/, '') + (pfp ? ` (${data.classes.join(', ')})` : ''),
    epochs: r.epochs, seed: r.seed, dropout: r.dropout, heldoutAccuracy, trainAccuracy: last.trainAccuracy,
    trainSamples: data.train.count, testSamples: data.test.count, aliveCurve: curve, neuronOrder: result.order, trainingSeconds: result.seconds, extra,
  });
  return {
    text: JSON.stringify(brainDocument(model, traits, r.storage.dtype, grid)), seconds: result.seconds,
    heldoutAccuracy: Number(traits.heldout_accuracy), aliveCurve: curve,
    freshNounsRecognised: extra.fresh_nouns_recognised as number | undefined,
  };
}
