// Small valid data inscriptions for codec and fuzz tests.
import { encodeDataInscription, type Model } from '../../src/nn/index';
import { randomModel } from './helpers';

/** The paper's section-2 example, verbatim in shape (32x32x3, 10-8-10 LeakyReLU, linear output without bias). */
export function paperDocument(seed = 1): Record<string, any> {
  const m = randomModel({ shape: [32, 32], hidden: [10, 8, 10], activations: ['leaky_relu', 'leaky_relu', 'leaky_relu', 'linear'], outputBias: false }, seed);
  const doc = encodeDataInscription(m) as Record<string, any>;
  doc.model_name = 'pfp_classifier_0000';
  doc.training_traits = { structure_gen: 'Symmetric', n_layers: 7, max_nodes: 16, activation_func: 'LeakyReLU', epoch_num: 5 };
  doc.classes_name = ['Cryptoadz', 'Cryptopunks', 'Moonbirds', 'Nouns'];
  return doc;
}

export function tinyModel(seed = 1, outputBias = true): Model {
  return randomModel({ shape: [2, 3], hidden: [3, 2], activations: ['relu', 'tanh', 'linear'], outputBias, classes: 3 }, seed);
}

export const tinyDocument = (seed = 1, outputBias = true): Record<string, any> =>
  JSON.parse(JSON.stringify(encodeDataInscription(tinyModel(seed, outputBias))));
