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
}

/** The genome JSON `perceptrons generate` writes: { seed, features, hidden }. */
export interface GenomeDoc {
  seed: string;
  features: Record<string, string | number>;
  hidden: number[];
}

export function trainingConfig(g: GenomeDoc): TokenTraining {
  const arch = archFromJson(g, `genome ${g.seed.slice(0, 8)}`);
  const a: Activation = arch.activation, depth = arch.hidden.length, narrowest = Math.min(...arch.hidden);
  const epochs = arch.epochs ?? 5;
  const sigmoid = a === 'sigmoid';
  return {
    arch,
    epochs,
    // sigmoid's gradient is at most 1/4 per layer: a larger step; deep stacks of any kind a little larger too
    learningRate: sigmoid ? 0.005 : depth >= 5 ? 0.003 : 0.002,
    batchSize: 32,
    // a 2-unit layer cut to one neuron carries almost nothing: fewer dropout steps for bottlenecked networks
    pFull: narrowest <= 2 ? 0.7 : 0.5,
    initGain: sigmoid && depth > 1 ? 4 : 1,
  };
}
