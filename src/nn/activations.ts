// Every activation a Dense layer may have, in one table: the function, its derivative and its names. The engine, the
// backward pass, the decoder, the trainer and the TensorFlow.js packer all read this table, so adding a row here is the
// whole of adding an activation (a row without a derivative does not compile).

/** LeakyReLU's slope below zero (Keras' LeakyReLU layer with alpha 0.2, as the paper's brains were trained). */
export const LEAKY_SLOPE = 0.2;

export interface ActivationRule {
  /** Applies the activation to a layer's pre-activations, in place. */
  apply(y: Float32Array): void;
  /** Multiplies delta (dLoss/dOutput) in place by dOutput/dPreactivation, from the layer's output y (after apply). */
  backward(y: Float32Array, delta: Float32Array): void;
  /** The largest |output| it gives for inputs of magnitude at most b (how the decoder bounds a brain's values). */
  bound(b: number): number;
  /** How the paper writes it: the genome's Activation trait (src/art/traits.ts) and a brain's activation_func. */
  paperName: string;
}

/** A rule for an activation applied to each unit on its own; dfdy is its derivative written in terms of its output. */
const elementwise = (f: (v: number) => number, dfdy: (y: number) => number, bound: (b: number) => number, paperName: string): ActivationRule => ({
  apply(y) {
    for (let i = 0; i < y.length; i++) y[i] = f(y[i]);
  },
  backward(y, delta) {
    for (let i = 0; i < y.length; i++) delta[i] *= dfdy(y[i]);
  },
  bound,
  paperName,
});

/** out = softmax(v), subtracting the maximum first so that large values cannot overflow. */
export function softmax(v: Float32Array, out: Float32Array): Float32Array {
  let max = -Infinity, sum = 0;
  for (let i = 0; i < v.length; i++) if (v[i] > max) max = v[i];
  for (let i = 0; i < v.length; i++) sum += out[i] = Math.exp(v[i] - max);
  for (let i = 0; i < v.length; i++) out[i] /= sum;
  return out;
}

export const ACTIVATION_RULES = {
  linear: elementwise((v) => v, () => 1, (b) => b, 'Linear'),
  relu: elementwise((v) => (v > 0 ? v : 0), (y) => (y > 0 ? 1 : 0), (b) => b, 'ReLU'),
  leaky_relu: elementwise((v) => (v > 0 ? v : LEAKY_SLOPE * v), (y) => (y > 0 ? 1 : LEAKY_SLOPE), (b) => b, 'LeakyReLU'),
  tanh: elementwise(Math.tanh, (y) => 1 - y * y, () => 1, 'tanh'),
  sigmoid: elementwise((v) => 1 / (1 + Math.exp(-v)), (y) => y * (1 - y), () => 1, 'Sigmoid'),
  softmax: {
    apply: (y) => softmax(y, y),
    // The Jacobian of softmax is diag(y) - y yᵀ, so delta becomes y * (delta - delta·y).
    backward(y, delta) {
      let dot = 0;
      for (let i = 0; i < y.length; i++) dot += delta[i] * y[i];
      for (let i = 0; i < y.length; i++) delta[i] = y[i] * (delta[i] - dot);
    },
    bound: () => 1,
    paperName: 'Softmax',
  },
} satisfies Record<string, ActivationRule>;

export type Activation = keyof typeof ACTIVATION_RULES;

/** The activation names a data inscription may use, in the table's order. */
export const ACTIVATIONS = Object.keys(ACTIVATION_RULES) as Activation[];

/** The activation a name stands for, in any letter case; Keras' class name "LeakyReLU" counts as leaky_relu.
 * undefined when it names none. */
export function activationNamed(name: string): Activation | undefined {
  const low = name.toLowerCase(), key = low == 'leakyrelu' ? 'leaky_relu' : low;
  return ACTIVATIONS.find((a) => a == key);
}
