// Trains one token's brain from its genome: the network the genome describes, on the PFP classes, with ordered
// dropout; quantizes it to the collection's dtype and measures the quantized brain (what is inscribed) on the held-out
// images at full life and along its alive curve. Deterministic: the token's seed seeds init, shuffling and dropout.
import { decodeDataInscription, WEIGHT_TYPES, type Int4Grid, type Model, type WeightDtype } from '../../src/nn/index';
import { brainDocument, trainingTraits } from '../train/brain';
import type { TrainingData } from '../train/data';
import { accuracy, aliveCurve } from '../train/evaluate';
import { createModel } from '../train/init';
import { train, type TrainResult } from '../train/loop';
import type { LabelledImages } from '../train/images';
import { maxGrid, mseGrid } from '../quant/grid';
import { fineTuneOnGrid } from '../quant/tune';
import { trainingConfig, type GenomeDoc, type TokenTraining } from './config';

export interface TokenJob {
  index: number;
  genome: GenomeDoc;
  dtype: WeightDtype;
  /** override the genome's epochs (tests) */
  epochs?: number;
  /** override the trainer's levers (bench/collection-levers.ts tries them on the hard genomes) */
  levers?: Partial<Omit<TokenTraining, 'arch' | 'epochs'>>;
}

export interface TokenBrain {
  index: number;
  /** the data inscription, as written to brains/<i>.json */
  text: string;
  heldoutAccuracy: number;
  parameters: number;
  /** wall-clock seconds in its worker (one worker a core: about its CPU time) */
  seconds: number;
  /** of which: training runs (with restarts), their int4 epochs, measuring and writing the brain kept */
  phases: { train: number; int4: number; measure: number };
  /** training runs taken (1 + restarts) */
  runs: number;
}

/** The first `perClass` images of each class (the cache stores each class's images together). */
export function stratified(set: LabelledImages, perClass: number, pixels: number): LabelledImages {
  const seen = new Map<number, number>(), keep: number[] = [];
  for (let i = 0; i < set.count; i++) {
    const c = set.labels[i], n = seen.get(c) ?? 0;
    if (n < perClass) keep.push(i);
    seen.set(c, n + 1);
  }
  if (keep.length === set.count) return set;
  const images = new Uint8Array(keep.length * pixels);
  keep.forEach((i, k) => images.set(set.images.subarray(i * pixels, (i + 1) * pixels), k * pixels));
  return { count: keep.length, images, labels: Uint8Array.from(keep, (i) => set.labels[i]) };
}

/** int4: epochs trained through the rounding after the genome's own, and their learning rate (x the token's) */
export const INT4_EPOCHS = 1;
export const INT4_LR = 0.5;

export const datasetLabel = (data: TrainingData): string => `PFP dataset (${data.classes.join(', ')})`;

/** A run kept: the trained model, its seed, its neuron order and grid, and its accuracy on the training images. */
interface Run {
  model: Model;
  seed: string;
  result: TrainResult;
  grid?: Int4Grid;
  trainAccuracy: number;
  data: TrainingData;
}

/**
 * A brain whose best run on the collection's input stays under this accuracy on the training images is trained again on
 * the dataset's own input (32x32x3: four times the first layer), and keeps whichever run is better on the training
 * images. The narrowest ReLU stacks (a 2-unit layer) lose too much to the 2x2 averaging; for the few it takes, the
 * bytes are a rounding error of the collection's.
 */
export const FULL_INPUT_BELOW = 0.92;

export function trainToken(data: TrainingData, job: TokenJob, fullInput?: TrainingData): TokenBrain {
  const started = performance.now(), type: { layout: string; bits?: 3 | 4 } = WEIGHT_TYPES[job.dtype];
  const cfg = { ...trainingConfig(job.genome), ...job.levers };
  const epochs = job.epochs ?? cfg.epochs;
  let runs = 0, int4Seconds = 0;
  // a grid type's last genome epochs are trained on the grid (lever: gridEpochs)
  const gridEpochs = type.bits ? Math.min(cfg.gridEpochs, epochs - 1) : 0;
  // A restart from another seed when the run ends under cfg.restartBelow training accuracy (a ReLU unit of a 2-unit layer
  // that died early cannot come back); chosen on the training images only, never the held-out ones, and on the brain as
  // it will be inscribed (a narrow brain can train well and still break when rounded to 4 bits).
  const bestRun = (data: TrainingData): Run => {
    let best: Run | null = null;
    const another = (attempt: number): boolean => !best ||
      (attempt < cfg.attempts && best.trainAccuracy < cfg.restartBelow) || (attempt < cfg.rescueAttempts && best.trainAccuracy < cfg.rescueBelow);
    for (let attempt = 0; another(attempt); attempt++) {
      const seed = attempt ? `${job.genome.seed}/restart-${attempt}` : job.genome.seed;
      const model = createModel(`perceptron_${job.index}`, data.inputShape, cfg.arch, data.classes, seed);
      if (cfg.initGain !== 1) {
        for (const l of model.layers.slice(1, -1)) for (let k = 0; k < l.kernel.length; k++) l.kernel[k] *= cfg.initGain;
      }
      if (cfg.biasInit) for (const l of model.layers.slice(0, -1)) l.bias?.fill(cfg.biasInit);
      const result = train(model, data.train, null, {
        seed, epochs: epochs - gridEpochs, dropout: 'ordered', learningRate: cfg.learningRate, batchSize: cfg.batchSize, pFull: cfg.pFull,
      });
      // a grid type (int4): a last epoch through the rounding onto the grid of the trained kernels (each unit's largest
      // weight on the top level, ±7 for int4), so the brain learns to answer with the weights it will be inscribed with
      // (the 'cross-entropy' fine-tuning, at the token's own batch size and share of whole samples)
      const int4Start = performance.now();
      // lever (bench): 3 bits in the int4 format, each unit's clip the one of least squared error
      const grid = type.bits ? (cfg.gridBits === 3 ? mseGrid(model, 3) : maxGrid(model, type.bits)) : undefined;
      if (grid && gridEpochs) {
        // lever: the genome's last epochs already on the grid, at the token's own learning rate
        train(model, data.train, null, {
          seed: `${seed}/grid`, order: result.order, epochs: gridEpochs, dropout: 'ordered', grid,
          learningRate: cfg.learningRate, batchSize: cfg.batchSize, pFull: cfg.pFull,
        });
      }
      if (grid) {
        fineTuneOnGrid(model, data.train, {
          method: 'cross-entropy', grid, seed: `${seed}/int4`, order: result.order, epochs: INT4_EPOCHS,
          learningRate: cfg.learningRate * INT4_LR, batchSize: cfg.batchSize, pFull: cfg.pFull,
        });
      }
      int4Seconds += (performance.now() - int4Start) / 1000;
      const trainAccuracy = accuracy(model, data.train);
      runs++;
      if (!best || trainAccuracy > best.trainAccuracy) best = { model, seed, result, grid, trainAccuracy, data };
    }
    return best!;
  };
  let best = bestRun(data);
  if (fullInput && best.trainAccuracy < FULL_INPUT_BELOW) {
    const full = bestRun(fullInput);
    if (full.trainAccuracy > best.trainAccuracy) best = full;
  }
  // the input the kept run was trained on: the collection's, or the dataset's own for a brain that needed it
  const { model, seed, result, grid, data: input } = best;
  const trained = performance.now();
  // measure what will be inscribed: the quantized weights
  const quantized: Model = decodeDataInscription(brainDocument(model, {}, job.dtype, grid));
  const heldout = accuracy(quantized, input.test);
  const traits = trainingTraits({ ...cfg.arch, epochs }, {
    dataset: datasetLabel(input), epochs, seed, dropout: 'ordered', heldoutAccuracy: heldout,
    trainAccuracy: best.trainAccuracy, trainSamples: input.train.count, testSamples: input.test.count,
    aliveCurve: aliveCurve(quantized, input.test, result.order), neuronOrder: result.order, trainingSeconds: 0,
    extra: {
      learning_rate: cfg.learningRate, batch_size: cfg.batchSize, p_full: cfg.pFull, init_gain: cfg.initGain,
      ...(grid ? { quantization: { weight_dtype: job.dtype, bits: cfg.gridBits === 3 ? 3 : type.bits, trained_on_grid: { epochs: INT4_EPOCHS, learning_rate: cfg.learningRate * INT4_LR, ...(gridEpochs ? { genome_epochs_before: gridEpochs } : {}) } } } : {}),
    },
  });
  const text = JSON.stringify(brainDocument(model, traits, job.dtype, grid)); // the same quantization as measured
  // validate: the file decodes strictly and is the network the genome describes
  const back = decodeDataInscription(text);
  const widths = back.layers.slice(0, -1).map((l) => l.units);
  if (widths.join() !== cfg.arch.hidden.join() || back.layers[0].activation !== cfg.arch.activation) {
    throw new Error(`token ${job.index}: the brain is ${widths.join('-')} ${back.layers[0].activation}, its genome ${cfg.arch.hidden.join('-')} ${cfg.arch.activation}`);
  }
  const parameters = back.layers.reduce((n, l) => n + l.kernel.length + (l.bias?.length ?? 0), 0);
  const now = performance.now();
  return {
    index: job.index, text, heldoutAccuracy: heldout, parameters, seconds: (now - started) / 1000, runs,
    phases: { train: (trained - started) / 1000 - int4Seconds, int4: int4Seconds, measure: (now - trained) / 1000 },
  };
}
