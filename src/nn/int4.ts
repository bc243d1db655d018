// The `weight_dtype: "int4"` grid: every kernel weight is a signed 4-bit level (-8..7) times one scale per unit.
// The encoder's side: a scale per unit, levels and their packing (two a byte, each unit's weights contiguous).
// The layout is documented in docs/format.md; the decoder's side is in decode.ts.
import type { Model } from './model';
import { DataInscriptionError } from './errors';
import { bytesToBase64 } from './base64';

/** Where each kernel's levels lie: scales[layer][unit], and the lowest and highest level used. */
export interface Int4Grid {
  scales: ArrayLike<number>[];
  lo: number;
  hi: number;
}

/** The levels a nibble holds: two's complement -8..7. */
export const INT4_LOW = -8, INT4_HIGH = 7;

/** A scale as inscribed: 4 significant digits (its JSON text stays short; the reader uses the number as written). */
export const storedScale = (s: number): number => Number(s.toPrecision(4));

/** A bias as inscribed: 5 significant digits. */
export const storedBias = (b: number): number => Number(b.toPrecision(5));

/**
 * One scale per unit of a Keras kernel (kernel[x * units + y]): the unit's largest weight magnitude lands on level
 * ±top (7 for the full 4-bit grid; 3 puts every weight on -4..3, a 3-bit grid in the same format). 0 for a unit of zeros.
 */
export function unitScales(kernel: Float32Array, units: number, top = INT4_HIGH): Float64Array {
  const max = new Float64Array(units);
  for (let i = 0; i < kernel.length; i++) max[i % units] = Math.max(max[i % units], Math.abs(kernel[i]));
  return max.map((m) => storedScale(m / top));
}

/** The level of weight w on a grid of step `scale` (0 when the scale is 0), clamped to lo..hi; never -0, so that a
 * weight put on the grid is exactly what the reader computes (level × scale). */
export const levelOf = (w: number, scale: number, lo = INT4_LOW, hi = INT4_HIGH): number =>
  scale > 0 ? Math.min(hi, Math.max(lo, Math.round(w / scale))) + 0 : 0;

/**
 * Every kernel's levels as one nibble stream, layer after layer, unit after unit (unit y's weights from input 0 to
 * inputs-1), two a byte: the even-numbered level in the low nibble. A final odd level leaves the last high nibble 0.
 */
export function packInt4(layers: { kernel: Float32Array; units: number; inputs: number; scales: ArrayLike<number> }[], lo = INT4_LOW, hi = INT4_HIGH): Uint8Array {
  const bytes = new Uint8Array((layers.reduce((n, l) => n + l.kernel.length, 0) + 1) >> 1);
  let at = 0;
  for (const { kernel, units, inputs, scales } of layers) {
    for (let y = 0; y < units; y++) {
      for (let x = 0; x < inputs; x++, at++) bytes[at >> 1] |= (levelOf(kernel[x * units + y], scales[y], lo, hi) & 15) << ((at & 1) * 4);
    }
  }
  return bytes;
}

/**
 * The int4 fields of a data inscription. Without a grid every unit's largest magnitude lands on ±7 (plain rounding);
 * a grid (e.g. the one a quantization-aware fine-tuning kept) must have one scale per unit of every layer.
 */
export function int4Fields(model: Model, grid?: Int4Grid): { weight_scales: number[][]; weight_biases: number[][]; weight_b64: string } {
  model.layers.forEach((l, li) => {
    for (const t of [l.kernel, l.bias ?? []]) {
      if (!t.every(Number.isFinite)) throw new DataInscriptionError('weight_b64', `layer ${li} of "${model.name}" has a non-finite weight`);
    }
    if (grid && grid.scales[li]?.length !== l.units) throw new DataInscriptionError('weight_scales', `the grid has no scale for every unit of layer ${li}`);
  });
  const scales = model.layers.map((l, li) => Array.from(grid ? grid.scales[li] : unitScales(l.kernel, l.units)));
  const layers = model.layers.map((l, li) => ({ ...l, scales: scales[li] }));
  return {
    weight_scales: scales,
    weight_biases: model.layers.map((l) => Array.from(l.bias ?? [], storedBias)),
    weight_b64: bytesToBase64(packInt4(layers, grid?.lo, grid?.hi)),
  };
}
