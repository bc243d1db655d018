// The drawn graph: the brain's real layers folded into at most 24 nodes a column, with each drawn edge's signed weight
// (block mean of the kernel, scaled to -1..1 per layer) and its life (0..1) from the life cycle. Pure, no DOM.
import type { Model } from '../nn/model';
import { grouping } from './layout';
import { hash01 } from './prng';

export interface Graph {
  /** drawn nodes per hidden layer, then the output layer */
  counts: number[];
  /** real neurons per drawn node, per column */
  sizes: number[];
  /** presence 0..1 of every drawn node, per column (the output column is never masked) */
  level: Float32Array[];
  /** edges into column k, indexed [from * counts[k] + to]; from = input band for k = 0 */
  weights: Float32Array[];
  live: Float32Array[];
  /** input image rows folded into this many bands, each one edge source */
  bands: number;
  inH: number;
  inW: number;
  /** first-layer receptive field per input pixel, 0..1 (how much living neurons listen to it); null without a brain */
  field: Float32Array | null;
  labels: string[];
}

export interface LifeLevels {
  neuronLevel: Float32Array[];
  connectionLevel: (Float32Array | null)[];
}

/** a divided by top (by default its largest magnitude, so that it spans -1..1); all zeros stay as they are. */
export const scaled = (a: Float32Array, top = Math.max(...a.map(Math.abs))): Float32Array => (top > 0 ? a.map((x) => x / top) : a);

export const buildGraph = (hidden: number[], model: Model | null, life: LifeLevels, seedHex: string): Graph => {
  const units = model ? model.layers.map((l) => l.units) : [...hidden, 1];
  const [inH, inW] = model ? model.inputShape : [32, 32];
  const groups = [grouping(inH, 16), ...units.map((u) => grouping(u))];
  // index 0 is the input, as row bands of inW * 3 values; then the layers. Drawn node j of column k stands for [lo, hi).
  const U = [inH * inW * 3, ...units];
  const Z = groups.map((g, k) => g.size * (k ? 1 : inW * 3));
  const N = groups.map((g) => g.count);
  const lo = (k: number, j: number) => j * Z[k];
  const hi = (k: number, j: number) => Math.min(U[k], (j + 1) * Z[k]);
  // node presence: the mean level of its neurons (the input and the output are never masked)
  const level = N.map((n, k) =>
    Float32Array.from({ length: n }, (_, j) => {
      const v = life.neuronLevel[k - 1];
      let s = 0;
      for (let i = lo(k, j); i < hi(k, j); i++) s += v?.length === U[k] && k < units.length ? v[i] : 1;
      return s / (hi(k, j) - lo(k, j));
    }),
  );
  const seed = parseInt(seedHex.slice(0, 8), 16) | 0;
  const weights: Float32Array[] = [];
  const live: Float32Array[] = [];
  units.forEach((u, k) => {
    const layer = model?.layers[k];
    const cl = life.connectionLevel[k];
    const wk = new Float32Array(N[k] * N[k + 1]);
    const lk = wk.map((_, i) => {
      const f = (i / N[k + 1]) | 0;
      const t = i % N[k + 1];
      let s = 0;
      let alive = 0;
      let n = 0;
      // the block of the kernel between the two drawn nodes
      for (let x = lo(k, f); x < hi(k, f); x++)
        for (let y = lo(k + 1, t); y < hi(k + 1, t); y++, n++) {
          s += layer ? layer.kernel[x * u + y] : 0;
          alive += k && cl?.length === U[k] * u ? cl[x * u + y] : 1;
        }
      wk[i] = layer ? s / n : hash01(seed, k, i) * 2 - 1; // no brain: seeded stand-in weights
      return Math.min(level[k][f], level[k + 1][t], alive / n);
    });
    weights.push(scaled(wk));
    live.push(lk);
  });
  return {
    counts: N.slice(1),
    sizes: Z.slice(1),
    level: level.slice(1),
    weights,
    live,
    bands: N[0],
    inH,
    inW,
    field: model ? receptiveField(model, life.neuronLevel[0]) : null,
    labels: model ? model.classes : ['no brain'],
  };
};

/** Per input pixel: sum over living first-layer neurons and channels of |weight|, scaled to 0..1 by the fully
 * alive network's maximum, so the field fades as the first layer dies. */
export const receptiveField = (model: Model, lv: Float32Array | undefined): Float32Array => {
  const [h, wd] = model.inputShape;
  const { units, kernel } = model.layers[0];
  let top = 0;
  const out = Float32Array.from({ length: h * wd }, (_, p) => {
    let s = 0;
    let full = 0;
    // the pixel's 3 channels are rows p * 3 .. p * 3 + 2 of the kernel
    for (let i = p * 3 * units; i < (p + 1) * 3 * units; i++) {
      const a = Math.abs(kernel[i]);
      full += a;
      s += a * (lv?.length === units ? lv[i % units] : 1);
    }
    top = Math.max(top, full);
    return s;
  });
  return scaled(out, top);
};
