// The weight types a data inscription can store (its `weight_dtype`, docs/format.md), one row each. The decoder, the
// encoder and every command read this table: a new type is a row here and its layout. A values type's writer sits
// beside the encoder (WRITE in encode.ts, which the compiler makes cover every values row), so that the page and the
// library, which only read brains, carry no writer.
import { halfToFloat } from './float16';

/** One value after another, layer by layer, kernel then bias, `bytes` each: read value i of the bytes.
 * scaled: the value stored is the weight divided by its layer's scale (weight_scales, one per Dense layer). */
export interface ValuesLayout {
  layout: 'values';
  bytes: number;
  scaled: boolean;
  read: (view: DataView, i: number) => number;
}

/** Each kernel weight a signed level times its unit's scale (weight_scales, one per unit), the levels packed a nibble
 * each, two a byte (int4.ts), the biases as numbers (weight_biases). bits: the levels' width, -2^(bits-1)..2^(bits-1)-1
 * (4: every level a nibble holds). */
export interface GridLayout {
  layout: 'grid';
  bits: number;
}

export const WEIGHT_TYPES = {
  float32: {
    layout: 'values', bytes: 4, scaled: false,
    read: (view, i) => view.getFloat32(4 * i, true),
  },
  float16: {
    layout: 'values', bytes: 2, scaled: false,
    read: (view, i) => halfToFloat(view.getUint16(2 * i, true)),
  },
  int8: {
    layout: 'values', bytes: 1, scaled: true,
    read: (view, i) => view.getInt8(i),
  },
  int4: { layout: 'grid', bits: 4 },
} as const satisfies Record<string, ValuesLayout | GridLayout>;

export type WeightDtype = keyof typeof WEIGHT_TYPES;
export type WeightType = ValuesLayout | GridLayout;
/** The weight types stored value by value. */
export type ValuesDtype = { [K in WeightDtype]: (typeof WEIGHT_TYPES)[K] extends { layout: 'values' } ? K : never }[WeightDtype];

/** Every weight_dtype, in the table's order. */
export const WEIGHT_DTYPES = Object.keys(WEIGHT_TYPES) as WeightDtype[];

/** The row of a weight_dtype, or undefined for anything the table does not hold. */
export const weightType = (dtype: unknown): WeightType | undefined =>
  typeof dtype == 'string' && Object.hasOwn(WEIGHT_TYPES, dtype) ? WEIGHT_TYPES[dtype as WeightDtype] : undefined;
