// A fresh, untrained model: Glorot-uniform kernels (as Keras initialises Dense layers) from a seeded stream,
// zero biases, the paper's Rescaling from 0..255 to [-1, 1], a linear output layer with bias.
import type { Activation, Model } from '../../src/nn/index';
import { rngFrom } from '../dataset/prng';

export interface Architecture {
  hidden: number[];
  activation: Activation;
}

export function createModel(name: string, inputShape: [number, number, number], arch: Architecture, classes: string[], seed: string): Model {
  const rng = rngFrom(`${seed}/init`);
  const widths = [inputShape[0] * inputShape[1] * inputShape[2], ...arch.hidden, classes.length];
  return {
    name,
    inputShape,
    scale: 1 / 127.5,
    offset: -1,
    classes: [...classes],
    trainingTraits: {},
    layers: widths.slice(1).map((units, i) => {
      const inputs = widths[i];
      const limit = Math.sqrt(6 / (inputs + units));
      return {
        inputs,
        units,
        activation: i === widths.length - 2 ? 'linear' : arch.activation,
        kernel: Float32Array.from({ length: inputs * units }, () => (2 * rng() - 1) * limit),
        bias: new Float32Array(units),
      };
    }),
  };
}
