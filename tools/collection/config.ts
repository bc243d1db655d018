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
  const a: Activation = arch.activation, depth = arch.hidden.length;
  const epochs = arch.epochs ?? 5;
  const sigmoid = a === 'sigmoid';
  return {
    arch,
    epochs,
    // sigmoid's gradient is at most 1/4 per layer: a 5x larger step and twice the updates (5-4-3-2 sigmoid, 10 epochs:
    // 72.1% held-out at lr 0.002, batch 32, Glorot init; 91.0% at lr 0.01, batch 16, hidden-to-hidden init x4)
    learningRate: sigmoid ? 0.01 : 0.002,
    batchSize: sigmoid ? 16 : 32,
    pFull: 0.5,
    // Glorot's own advice for the logistic sigmoid: 4x the tanh-scaled init
    initGain: sigmoid && depth > 1 ? 4 : 1,
  };
}
