// The drawn graph: the brain's real layers folded into at most 24 nodes a column, with each drawn edge's signed weight
// (block mean of the kernel, scaled to -1..1 per layer) and its life (0..1) from the life cycle. Pure, no DOM.
import type { Model } from '../nn/model';
import { grouping } from './layout';
import { hash01 } from './prng';

export interface Graph {
  /** real neurons per hidden layer, then the output layer */
  units: number[];
  /** drawn nodes per hidden layer, then the output layer */
  counts: number[];
  /** real neurons per drawn node, per column */
  sizes: number[];
  /** presence 0..1 of every drawn node, per column (the output column is never masked) */
  level: Float32Array[];
  /** edges into column k, indexed [from * counts[k] + to]; from = input band for k = 0 */
  w: Float32Array[];
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

/** mean of v over [a, b) of a layer, or 1 when the array is missing or of the wrong length */
function mean(v: Float32Array | null | undefined, len: number, a: number, b: number): number {
  if (!v || v.length !== len) return 1;
  let s = 0;
  for (let i = a; i < b; i++) s += v[i];
  return s / (b - a);
}

export function buildGraph(hidden: number[], model: Model | null, life: LifeLevels, seedHex: string): Graph {
  const units = model ? model.layers.map((l) => l.units) : [...hidden, 1];
  const [inH, inW] = model ? model.inputShape : [32, 32];
  const bands = Math.min(inH, 16);
  const g = units.map((u) => grouping(u));
  const counts = g.map((x) => x.n);
  const sizes = g.map((x) => x.size);
  const span = (k: number, j: number) => [j * sizes[k], Math.min(units[k], (j + 1) * sizes[k])];
  const level = counts.map((n, k) => {
    const out = new Float32Array(n);
    for (let j = 0; j < n; j++) {
      const [a, b] = span(k, j);
      out[j] = k < units.length - 1 ? mean(life.neuronLevel[k], units[k], a, b) : 1;
    }
    return out;
  });
  const seed = parseInt(seedHex.slice(0, 8), 16) | 0;
  const w: Float32Array[] = [];
  const live: Float32Array[] = [];
  for (let k = 0; k < units.length; k++) {
    const nFrom = k ? counts[k - 1] : bands;
    const nTo = counts[k];
    const wk = new Float32Array(nFrom * nTo);
    const lk = new Float32Array(nFrom * nTo);
    const layer = model?.layers[k];
    const cl = life.connectionLevel[k];
    const fanIn = k ? units[k - 1] : inH * inW * 3;
    const rowLen = inW * 3; // input values per image row
    for (let f = 0; f < nFrom; f++) {
      // the span of real inputs this drawn source stands for
      const [a, b] = k ? span(k - 1, f) : [Math.floor((f * inH) / bands) * rowLen, Math.floor(((f + 1) * inH) / bands) * rowLen];
      for (let t = 0; t < nTo; t++) {
        const [c, d] = span(k, t);
        let s = 0;
        let alive = 0;
        for (let x = a; x < b; x++) {
          for (let y = c; y < d; y++) {
            s += layer ? layer.kernel[x * units[k] + y] : 0;
            alive += k && cl && cl.length === fanIn * units[k] ? cl[x * units[k] + y] : 1;
          }
        }
        const i = f * nTo + t;
        const n = (b - a) * (d - c);
        wk[i] = layer ? s / n : hash01(seed, k, i) * 2 - 1; // no brain: seeded stand-in weights
        const ends = Math.min(k ? level[k - 1][f] : 1, level[k][t]);
        lk[i] = Math.min(ends, alive / n);
      }
    }
    let max = 0;
    for (const v of wk) max = Math.max(max, Math.abs(v));
    if (max > 0) for (let i = 0; i < wk.length; i++) wk[i] /= max;
    w.push(wk);
    live.push(lk);
  }
  return {
    units,
    counts,
    sizes,
    level,
    w,
    live,
    bands,
    inH,
    inW,
    field: model ? receptiveField(model, life.neuronLevel[0]) : null,
    labels: model ? model.classes : ['no brain'],
  };
}

/** Per input pixel: sum over living first-layer neurons and channels of |weight|, scaled to 0..1 by the fully
 * alive network's maximum, so the field fades as the first layer dies. */
export function receptiveField(model: Model, lv: Float32Array | undefined): Float32Array {
  const [h, wd] = model.inputShape;
  const L = model.layers[0];
  const out = new Float32Array(h * wd);
  let max = 0;
  for (let p = 0; p < h * wd; p++) {
    let s = 0;
    let full = 0;
    for (let c = 0; c < 3; c++) {
      const row = (p * 3 + c) * L.units;
      for (let u = 0; u < L.units; u++) {
        const a = Math.abs(L.kernel[row + u]);
        full += a;
        s += a * (lv && lv.length === L.units ? lv[u] : 1);
      }
    }
    out[p] = s;
    max = Math.max(max, full);
  }
  if (max > 0) for (let p = 0; p < out.length; p++) out[p] /= max;
  return out;
}
