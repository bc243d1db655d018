// The backward pass of the dense engine, one sample at a time: given one input and the layer outputs that
// activations() returned for it, accumulates dLoss/dWeight into a Gradients buffer. Pure maths, no dependencies.
// Derivatives are taken from each layer's output (after activation), which is all the forward pass keeps.
// The trainer (tools/train/minibatch.ts) works on whole minibatches; this plain per-sample pass is the reference the
// tests check it and every activation's derivative against.
import type { AliveMask, Model } from './model';
import { ACTIVATION_RULES } from './activations';

export interface Gradients {
  kernels: Float32Array[]; // like each layer's kernel
  biases: (Float32Array | null)[]; // like each layer's bias
  /** scratch: the rescaled input and one delta buffer per layer */
  input: Float32Array;
  deltas: Float32Array[];
}

export function createGradients(model: Model): Gradients {
  return {
    kernels: model.layers.map((l) => new Float32Array(l.kernel.length)),
    biases: model.layers.map((l) => (l.bias ? new Float32Array(l.bias.length) : null)),
    input: new Float32Array(model.layers[0].inputs),
    deltas: model.layers.map((l) => new Float32Array(l.units)),
  };
}

/**
 * Accumulates the gradients of one sample into g (adds to what g holds).
 * pixels: the input as given to forward; outputs: activations(model, pixels, {alive}) for the same alive mask;
 * dOutput: dLoss/d(last layer's output). Dead neurons and dead connections get and pass no gradient.
 */
export function backward(model: Model, pixels: ArrayLike<number>, outputs: Float32Array[], dOutput: Float32Array, g: Gradients, alive?: AliveMask): void {
  const layers = model.layers, last = layers.length - 1, x0 = g.input;
  for (let i = 0; i < x0.length; i++) x0[i] = pixels[i] * model.scale + model.offset;
  g.deltas[last].set(dOutput);
  for (let li = last; li >= 0; li--) {
    const l = layers[li], units = l.units, inputs = l.inputs, delta = g.deltas[li];
    ACTIVATION_RULES[l.activation].backward(outputs[li], delta);
    const live = li < last ? alive?.neurons[li] : null;
    if (live) for (let u = 0; u < units; u++) if (!live[u]) delta[u] = 0;
    const links = alive?.connections?.[li];
    const x = li === 0 ? x0 : outputs[li - 1], gk = g.kernels[li], gb = g.biases[li], kernel = l.kernel;
    const prev = li > 0 ? g.deltas[li - 1] : null;
    if (gb) for (let u = 0; u < units; u++) gb[u] += delta[u];
    for (let i = 0; i < inputs; i++) {
      const xi = x[i], base = i * units;
      if (links) {
        let back = 0;
        for (let u = 0; u < units; u++) {
          if (!links[base + u]) continue;
          gk[base + u] += xi * delta[u];
          back += kernel[base + u] * delta[u];
        }
        if (prev) prev[i] = back;
      } else if (prev) {
        let back = 0;
        for (let u = 0; u < units; u++) {
          gk[base + u] += xi * delta[u];
          back += kernel[base + u] * delta[u];
        }
        prev[i] = back;
      } else if (xi !== 0) {
        // first layer: nothing to pass back to the pixels
        for (let u = 0; u < units; u++) gk[base + u] += xi * delta[u];
      }
    }
  }
}
