// Seeded pseudo-random numbers for the dataset and the trainer, from the art's generator (sfc32, src/art/prng.ts):
// a readable string key is hashed (cyrb128) into the 128-bit state, so every sample gets its own independent stream.
import { int, round, type Rng } from '../../src/art/prng';

export type { Rng };
/** Integer in [lo, hi] inclusive. */
export const randInt = int;

/** cyrb128: a string key → four 32-bit words (the sfc32 state a, b, c, d). */
export function hashSeed(key: string): [number, number, number, number] {
  let h1 = 1779033703, h2 = 3144134277, h3 = 1013904242, h4 = 2773480762;
  for (let i = 0; i < key.length; i++) {
    const k = key.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  return [(h1 ^ h2 ^ h3 ^ h4) >>> 0, (h2 ^ h1) >>> 0, (h3 ^ h1) >>> 0, (h4 ^ h1) >>> 0];
}

/** The stream of a key: sfc32 from the key's hash, its first 12 outputs discarded. The counter word starts at d + 1:
 * the datasets on disk were made by a copy that counted before adding, and this keeps them byte for byte. */
export function rngFrom(key: string): Rng {
  const [a, b, c, d] = hashSeed(key);
  const state = [a, b, c, (d + 1) | 0];
  for (let i = 0; i < 12; i++) round(state);
  return () => round(state) / 4294967296;
}

/** In-place Fisher-Yates shuffle. */
export function shuffle<T extends { length: number; [i: number]: unknown }>(rng: Rng, a: T): T {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
  return a;
}
