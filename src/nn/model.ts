// The in-memory form of a data inscription ("brain"): what the codec produces and the engine runs.

import type { Activation } from './activations';
import type { WeightDtype } from './weight-types';

export type { Activation };

/** One Dense layer. kernel is Keras' layout: kernel[x * units + y] = weight from input x to unit y. */
export interface Dense {
  inputs: number;
  units: number;
  activation: Activation;
  kernel: Float32Array;
  /** null only for an output layer stored without bias (the paper's formula); hidden layers always have one. */
  bias: Float32Array | null;
}

export interface Model {
  name: string;
  /** [height, width, channels] from InputLayer.batch_input_shape; channels is always 3. */
  inputShape: [number, number, number];
  /** Rescaling layer: x * scale + offset (1 and 0 when the document has none). */
  scale: number;
  offset: number;
  /** Hidden Dense layers in order, then the output layer (last). */
  layers: Dense[];
  classes: string[];
  /** training_traits as found (validated to be a plain object), kept for the info panel and re-encoding. */
  trainingTraits: Record<string, unknown>;
  /** How the weights were stored (the document's weight_dtype, default float32); informative only. */
  dtype?: WeightDtype;
}

/**
 * Which parts of the network are alive (the life cycle drives it).
 * neurons[i]: hidden layer i (one entry per hidden Dense layer, layers.length - 1 of them), 1 = alive, 0 = dead
 * (a dead neuron outputs 0); null = all alive. The output layer is never masked.
 * connections[i]: Dense layer i (including the output layer), indexed exactly like its kernel; 0 = the connection
 * carries nothing; null or missing = all alive.
 */
export interface AliveMask {
  neurons: (Uint8Array | null)[];
  connections?: (Uint8Array | null)[];
}
