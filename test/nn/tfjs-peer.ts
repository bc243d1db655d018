// The peer the engine is checked and benchmarked against: tfjs' pure-JS CPU backend and a Keras-style model that
// holds the very same weights as one of ours.
import type * as TF from '@tensorflow/tfjs';
import type { Model } from '../../src/nn/index';

/** tfjs on its CPU backend, without the banner it prints to Node users about tfjs-node. */
export async function loadTfjs(): Promise<typeof TF> {
  const warn = console.warn, log = console.log;
  console.warn = console.log = () => {};
  try {
    const tf = await import('@tensorflow/tfjs');
    await tf.setBackend('cpu');
    await tf.ready();
    tf.scalar(0).dispose(); // the banner comes with the backend's first tensor
    return tf;
  } finally {
    console.warn = warn;
    console.log = log;
  }
}

/** An equivalent Keras-style model: Rescaling, Flatten, Dense... ; leaky_relu = Dense(linear) + LeakyReLU(alpha 0.2). */
export function toTfjs(tf: typeof TF, m: Model): TF.Sequential {
  const seq = tf.sequential();
  seq.add(tf.layers.rescaling({ scale: m.scale, offset: m.offset, inputShape: m.inputShape }));
  seq.add(tf.layers.flatten());
  for (const l of m.layers) {
    const leaky = l.activation === 'leaky_relu';
    const activation = (leaky ? 'linear' : l.activation) as Parameters<typeof tf.layers.dense>[0]['activation'];
    const dense = tf.layers.dense({ units: l.units, activation, useBias: !!l.bias });
    seq.add(dense);
    const kernel = tf.tensor2d(l.kernel, [l.inputs, l.units]);
    dense.setWeights(l.bias ? [kernel, tf.tensor1d(l.bias)] : [kernel]);
    if (leaky) seq.add(tf.layers.leakyReLU({ alpha: 0.2 }));
  }
  return seq;
}
