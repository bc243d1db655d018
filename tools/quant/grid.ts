// Low-bit grids for a brain's kernels (one scale per unit, Keras layout kernel[x * units + y]) and the rounding onto
// them, for the trainer's quantization-aware step and the research bench.
// The grid type is the encoder's own (Int4Grid in src/nn/int4.ts): what a grid here gives is what gets inscribed.
import type { Int4Grid, Model } from '../../src/nn/index';
import { INT4_HIGH, INT4_LOW, levelOf, storedScale, unitScales } from '../../src/nn/int4';

/** The grids of plain rounding: 4 bits (levels -8..7, a unit's largest magnitude on ±7) or 3 bits (-4..3, on ±3). */
export function maxGrid(model: Model, bits: 3 | 4 = 4): Int4Grid {
  const top = bits === 4 ? INT4_HIGH : 3;
  return { scales: model.layers.map((l) => unitScales(l.kernel, l.units, top)), lo: bits === 4 ? INT4_LOW : -4, hi: top };
}

/** Grids whose clip minimises each unit's squared rounding error (clips from 20% to 100% of its largest magnitude). */
export function mseGrid(model: Model, bits: 3 | 4 = 4): Int4Grid {
  const g = maxGrid(model, bits);
  model.layers.forEach(({ kernel, units }, li) => {
    const scales = Float64Array.from(g.scales[li]);
    g.scales[li] = scales;
    for (let y = 0; y < units; y++) {
      let best = scales[y], bestError = Infinity;
      for (let k = 20; k <= 100 && scales[y] > 0; k++) {
        const s = storedScale((scales[y] * k) / 100);
        let e = 0;
        for (let i = y; i < kernel.length; i += units) e += (kernel[i] - levelOf(kernel[i], s, g.lo, g.hi) * s) ** 2;
        if (e < bestError) [best, bestError] = [s, e];
      }
      scales[y] = best;
    }
  });
  return g;
}

/** values (a kernel of layer `layer`) rounded onto its grid, written into `out` (a new array by default). */
export function onGrid(values: Float32Array, grid: Int4Grid, layer: number, out: Float32Array = new Float32Array(values.length)): Float32Array {
  const scales = grid.scales[layer], units = scales.length;
  for (let i = 0; i < values.length; i++) out[i] = levelOf(values[i], scales[i % units], grid.lo, grid.hi) * scales[i % units];
  return out;
}

/** A copy of the model with every kernel on the grid (biases as they are). */
export function rounded(model: Model, grid: Int4Grid): Model {
  return { ...model, layers: model.layers.map((l, i) => ({ ...l, kernel: onGrid(l.kernel, grid, i) })) };
}
