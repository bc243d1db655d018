// Turns a trained model and its measurements into a data inscription in the paper's format.
import { encodeDataInscription, type Model, type WeightDtype } from '../../src/nn/index';
import type { ArchSpec } from './arch';
import { paperActivation } from './arch';

export interface Measurements {
  dataset: string;
  epochs: number;
  seed: string;
  dropout: string;
  heldoutAccuracy: number;
  trainAccuracy: number;
  trainSamples: number;
  testSamples: number;
  aliveCurve: Record<string, number>;
  neuronOrder: number[][];
  trainingSeconds: number;
  extra?: Record<string, unknown>;
}

const round = (x: number): number => Math.round(x * 10000) / 10000;

export function trainingTraits(arch: ArchSpec, m: Measurements): Record<string, unknown> {
  return {
    structure_gen: arch.structure,
    n_layers: arch.hidden.length,
    max_nodes: arch.maxNodes,
    activation_func: paperActivation(arch.activation),
    epoch_num: m.epochs,
    dataset: m.dataset,
    train_samples: m.trainSamples,
    heldout_samples: m.testSamples,
    heldout_accuracy: round(m.heldoutAccuracy),
    train_accuracy: round(m.trainAccuracy),
    alive_accuracy: Object.fromEntries(Object.entries(m.aliveCurve).map(([k, v]) => [k, round(v)])),
    dropout: m.dropout,
    neuron_order: m.neuronOrder,
    seed: m.seed,
    ...(m.extra ?? {}),
  };
}

export function brainDocument(model: Model, traits: Record<string, unknown>, dtype: WeightDtype = 'float32'): object {
  return encodeDataInscription({ ...model, trainingTraits: traits }, { dtype });
}
