// Neuron dropout in a fixed, seed-given order ("nested dropout"): every hidden layer has a permutation of its
// neurons, and a network that is a fraction f alive keeps the first ceil(f * units) neurons of each order alive.
// Training on random fractions teaches the first neurons of each order to carry the most, so accuracy rises
// smoothly as more neurons come alive, as the life cycle grows or decays a Perceptron.
import type { AliveMask } from '../../src/nn/index';
import { rngFrom, shuffle, type Rng } from '../dataset/prng';

export function neuronOrder(seed: string, hidden: number[]): number[][] {
  const rng = rngFrom(`${seed}/neuron-order`);
  return hidden.map((units) => shuffle(rng, Array.from({ length: units }, (_, i) => i)));
}

/** The mask with the first ceil(fraction * units) neurons of each layer's order alive (at least one). */
export function aliveFraction(order: number[][], fraction: number): AliveMask {
  return {
    neurons: order.map((perm) => {
      const live = new Uint8Array(perm.length);
      const n = Math.min(perm.length, Math.max(1, Math.ceil(fraction * perm.length - 1e-9)));
      for (let i = 0; i < n; i++) live[perm[i]] = 1;
      return live;
    }),
  };
}

export type DropoutMode = 'ordered' | 'random' | 'none';

/**
 * Draws the mask of one training sample: all alive with probability pFull, else a uniform fraction alive,
 * 'ordered': the first neurons of the seed-given order; 'random': a random subset of that size (any order).
 */
export function createDropoutSampler(mode: DropoutMode, order: number[][], pFull = 0.5, levels = 20): (rng: Rng) => AliveMask | undefined {
  if (mode === 'none') return () => undefined;
  const masks = Array.from({ length: levels }, (_, i) => aliveFraction(order, (i + 1) / levels));
  const scratch = masks[0].neurons.map((m) => new Uint8Array(m!.length));
  const randomMask: AliveMask = { neurons: scratch };
  return (rng) => {
    if (rng() < pFull) return undefined;
    const level = Math.floor(rng() * levels);
    if (mode === 'ordered') return masks[level];
    const fraction = (level + 1) / levels;
    for (const live of scratch) {
      live.fill(0);
      const n = Math.max(1, Math.ceil(fraction * live.length - 1e-9));
      for (let k = 0, chosen = 0; k < live.length; k++) {
        // selection sampling: each neuron joins with probability (needed / remaining)
        if (rng() * (live.length - k) < n - chosen) { live[k] = 1; chosen++; }
      }
    }
    return randomMask;
  };
}
