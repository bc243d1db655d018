// How a token's brain is trained, from its genome alone: the genome fixes the network (hidden widths, activation) and
// its epochs, as the paper's trait table says (Sigmoid 8-12 epochs, the others 4-6); the rest are the trainer's levers,
// chosen per family so that the hard genomes (2-unit layers, deep sigmoid stacks) still learn. docs/collection.md and
// the report say what each family reaches.
import type { Activation } from '../../src/nn/index';
import { archFromJson, type ArchSpec } from '../train/arch';

export interface TokenTraining {
  arch: ArchSpec;
  epochs: number;
  learningRate: number;
  batchSize: number;
  /** share of training samples with every neuron alive (the rest: ordered dropout, so it ages along its trained curve) */
  pFull: number;
  /** multiplies the Glorot-uniform init of the hidden-to-hidden layers (sigmoid's small slope needs larger weights) */
  initGain: number;
  /** the hidden layers' initial bias (a small positive one keeps a ReLU unit of a narrow layer from starting dead) */
  biasInit: number;
  /** training runs it may take (from other seeds), while the best so far is under restartBelow training accuracy */
  attempts: number;
  restartBelow: number;
  /** and beyond those, up to `rescueAttempts` runs while the best is still under rescueBelow (a brain that failed) */
  rescueAttempts: number;
  rescueBelow: number;
  /** int4: of the genome's epochs, how many the last ones train through the rounding (0: only the one more after them) */
  gridEpochs: number;
  /** int4: levels -8..7 (4) or -4..3 (3, the same format with fewer distinct values) */
  gridBits: 3 | 4;
}

/** The genome JSON `perceptrons generate` writes: { seed, features, hidden }. */
export interface GenomeDoc {
  seed: string;
  features: Record<string, string | number>;
  hidden: number[];
}

export function trainingConfig(g: GenomeDoc): TokenTraining {
  const arch = archFromJson(g, `genome ${g.seed.slice(0, 8)}`);
  const a: Activation = arch.activation, depth = arch.hidden.length;
  const epochs = arch.epochs ?? 5;
  const sigmoid = a === 'sigmoid';
  // a ReLU stack through a 1-2 unit layer: one unit that dies takes the whole network with it
  const narrowRelu = a === 'relu' && Math.min(...arch.hidden) <= 2;
  // The numbers come from bench/collection-levers.ts on the hard families (docs/collection.md has the tables).
  return {
    arch,
    epochs,
    // sigmoid's gradient is at most 1/4 per layer: a larger step and twice the updates (deep sigmoid stacks through a
    // 2-3 unit layer: 91.2% median at lr 0.01, 95.0% at 0.005; the others keep Adam's usual 0.002)
    learningRate: sigmoid ? 0.005 : 0.002,
    batchSize: sigmoid ? 16 : 32,
    // the share of samples trained with every neuron alive; the rest age along the ordered-dropout curve. A narrow ReLU
    // stack cut to one unit a layer learns little, so it trains mostly whole (1-2 unit ReLU family: 2 of 17 under 90%
    // at 0.9, 5 at 0.75)
    pFull: narrowRelu ? 0.9 : 0.75,
    // Glorot's own advice for the logistic sigmoid: 4x the tanh-scaled init
    initGain: sigmoid && depth > 1 ? 4 : 1,
    biasInit: 0,
    // restarts from another seed while the training images (never the held-out ones) say under 95%
    attempts: narrowRelu ? 6 : 5,
    restartBelow: 0.95,
    // a brain still under 90% after those keeps trying other seeds: only the failures pay for it
    rescueAttempts: 32,
    rescueBelow: 0.9,
    // int4: the genome's epochs in float, then one more through the 4-bit rounding (docs/collection.md: training on
    // the grid from earlier on, or on 3 bits, measured and dropped)
    gridEpochs: 0,
    gridBits: 4,
  };
}
