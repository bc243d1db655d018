// The life cycle, clocked by Bitcoin block height so every viewer sees the same state at the same block.
// A life is 60 "Perceptron years" (a year = 144, 1008, 4320 or 52560 blocks for 60 Days/Weeks/Months/Years), cut in
// 1440 equal steps (1/24 year, an integer number of blocks). Stages, as the 2023 original's rhythm:
//   growing [0, 600) = years 0-25, stable [600, 1200) = 25-50, decaying [1200, 1438) = 50-59 11/12,
//   dead [1438, 1439) = 1/24 year, rebirth [1439, 1440) = the last 1/24 year; then life n+1 begins, growing anew.
// Position: blocks since birth (never negative) + the birth-year offset, mod the life. The birth height is taken as the
// start of 2024 and a Perceptron was born mid birth year, so it is already 2023.5 - year Perceptron years old: 2023 starts
// at year 0.5, 1988 at year 35.5 (stable), 1969 at 54.5 (decaying); 1943-1957 are past 60, already in their second life.
// Neurons (per life, seeded): neuron j of hidden layer i (of L) is born at t = (i + 2u) / (L + 1), u uniform from the
// seed, a wave from the input side that overlaps the next layer; it is alive in growing once growth g(x) = 1 - (1-x)^P
// passes t (P makes g = 0.8 at x = 0.4, as the original). In decay (x linear 0..1) it dies at D = 1 - t (last born,
// first to go: the wave runs back toward the input); a brain's neuron_order, when given, decides which neuron takes which
// of these birth times. Each connection out of a hidden neuron dies before both its ends,
// at min(D_a, D_b) * (0.5 + 0.5v), v seeded: a neuron loses its links one by one, then dies. Dead and rebirth: nothing lives.
import type { AliveMask } from '../nn/model';
import type { Genome } from './traits';
import { seedState, stream, SUBSTREAMS } from './prng';

export type Stage = 'growing' | 'stable' | 'decaying' | 'dead' | 'rebirth';
export const STAGES: readonly Stage[] = ['growing', 'stable', 'decaying', 'dead', 'rebirth'];
/** End of each stage in 1/1440 of a life. */
export const STAGE_ENDS = [600, 1200, 1438, 1439, 1440];

export interface Life {
  stage: Stage;
  age: number; // 0..1 of the current life
  life: number; // 1, 2, ...
  alive: AliveMask;
  neuronLevel: Float32Array[]; // per hidden layer, 0..1 visual presence (> 0 exactly when alive)
  connectionLevel: (Float32Array | null)[]; // per Dense layer like alive.connections
  progress: number; // 0..1 through the current stage
  born: Float32Array[]; // per hidden layer, each neuron's birth time t (0..1 of growth; it dies at 1 - t of decay)
}

const P = Math.log(0.2) / Math.log(0.6);
const FADE = 0.04; // a neuron fades in/out over 4% of its stage
const clamp = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x);
const mask = (lv: Float32Array) => Uint8Array.from(lv, (v) => +(v > 0));

/** Blocks the birth year adds to the clock: (2023.5 - year) Perceptron years (exact for lives divisible by 120). */
export const birthOffsetBlocks = (birthYear: number, lifeBlocks: number): number => Math.round(((4047 - 2 * birthYear) * lifeBlocks) / 120);

/** The stage (index into STAGES) at step k (0..1440) of a life, and how far through it (0..1). */
const stageAt = (k: number): [number, number] => {
  let s = 0;
  while (k >= STAGE_ENDS[s]) s++;
  const start = s ? STAGE_ENDS[s - 1] : 0;
  return [s, (k - start) / (STAGE_ENDS[s] - start)];
};

/** Presence 0..1 at step k of a life of the neuron born at t: it fades in as growth passes t and out as decay
 * passes 1 - t; stable: 1; dead and rebirth: 0. Alive exactly when (as a Float32) it is above 0. */
export const presence = (k: number, t: number): number => {
  const [s, x] = stageAt(k);
  return s === 0 ? clamp((1 - (1 - x) ** P - t) / FADE) : s === 1 ? 1 : s === 2 ? clamp((1 - t - x) / FADE) : 0;
};

/** Life at a block height, for the hidden widths of the brain actually loaded; outputs = units of its output layer
 * (without it the output layer's connection mask is null); order = per hidden layer, the brain's neuron_order (a
 * permutation of 0..units-1, else ignored): its neurons take the layer's seeded birth slots in that order, so the alive
 * ones are always a prefix of it, as trained. Pure function of (genome.seed, its traits, arguments). */
export function lifeAt(
  genome: Genome, height: number, birthHeight: number, hidden: number[], outputs?: number, order?: (ArrayLike<number> | null)[],
): Life {
  const int = (n: unknown) => Number.isInteger(n) && (n as number) > 0;
  if (!(Number.isFinite(height) && Number.isFinite(birthHeight) && hidden.every(int) && (outputs === undefined || int(outputs))))
    throw new Error(`lifeAt: height ${height}, birthHeight ${birthHeight} (finite), hidden widths [${hidden}], outputs ${outputs} (positive integers)`);
  const span = genome.lifeBlocks, unit = span / 1440;
  const total = Math.max(0, Math.floor(height) - Math.floor(birthHeight)) + birthOffsetBlocks(genome.birthYear, span);
  const life = Math.floor(total / span) + 1, pos = total - (life - 1) * span, k = pos / unit;
  const [s, x] = stageAt(k), stage = STAGES[s];

  const st = seedState(genome.seed), L = hidden.length;
  const born: Float32Array[] = hidden.map((w, i) => {
    const r = stream(st, SUBSTREAMS.births, life, i), t = new Float32Array(w);
    for (let j = 0; j < w; j++) t[j] = (i + 2 * r()) / (L + 1);
    // A given order takes the same birth times, sorted: order[0] is born first and dies last. A typed array ignores
    // writes at non-integer or out-of-range indices, so a slot left at -1 means the order is no permutation: keep t.
    const o = order?.[i], sorted = t.slice().sort(), u = t.map(() => -1);
    if (o?.length === w) sorted.forEach((v, k) => (u[o[k]] = v));
    return u.includes(-1) ? t : u;
  });
  const neuronLevel = born.map((t) => t.map((v) => presence(k, v)));
  const neurons = neuronLevel.map(mask);

  const connections: (Uint8Array | null)[] = [null], connectionLevel: (Float32Array | null)[] = [null];
  for (let i = 1; i <= L; i++) {
    const units = i < L ? hidden[i] : outputs;
    const a = born[i - 1], la = neuronLevel[i - 1], b = born[i], lb = neuronLevel[i];
    const r = s === 2 ? stream(st, SUBSTREAMS.linkDeaths, life, i) : null, lv = units === undefined ? null : new Float32Array(a.length * units);
    if (lv && s < 3)
      for (let p = 0; p < a.length; p++)
        for (let q = 0; q < units!; q++) {
          let c = Math.min(la[p], b ? lb[q] : 1);
          if (r) c = Math.min(c, clamp(((1 - Math.max(a[p], b ? b[q] : 0)) * (0.5 + 0.5 * r()) - x) / FADE));
          lv[p * units! + q] = c;
        }
    connectionLevel.push(lv);
    connections.push(lv && mask(lv));
  }
  return {
    stage, age: pos / span, life, alive: { neurons, connections }, neuronLevel, connectionLevel, progress: x, born,
  };
}
