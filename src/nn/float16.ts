// IEEE 754 half precision, the optional `weight_dtype: "float16"` of a data inscription.

export function halfToFloat(h: number): number {
  const e = (h >> 10) & 31, m = h & 1023, s = h & 0x8000 ? -1 : 1;
  // Exponent 31: infinities and NaN. Exponent 0: subnormals, without the implicit leading 1 but with the exponent of 1.
  return e === 31 ? (m ? NaN : s * Infinity) : s * (e ? 1024 + m : m) * 2 ** ((e || 1) - 25);
}

/** The IEEE bits of Math.fround(v). (Pure, so bundles that only decode drop it.) */
const bitsOf = /* @__PURE__ */ (() => {
  const f = new Float32Array(1), u = new Uint32Array(f.buffer);
  return (v: number) => {
    f[0] = v;
    return u[0];
  };
})();

/** Nearest half (ties to even) of Math.fround(v); overflow gives ±Infinity. */
export function floatToHalf(v: number): number {
  const x = bitsOf(v), s = (x >>> 16) & 0x8000, e = (x >>> 23) & 255, m = x & 0x7fffff;
  if (e === 255) return s | 0x7c00 | (m ? 0x200 : 0);
  const he = e - 112;
  if (he >= 31) return s | 0x7c00;
  // Normal halves keep 10 of 23 mantissa bits; subnormals shift the implicit 1 in too.
  const mm = he > 0 ? m : m | 0x800000, shift = he > 0 ? 13 : 14 - he;
  if (shift > 24) return s;
  let h = (he > 0 ? he << 10 : 0) | (mm >>> shift);
  const rem = mm & ((1 << shift) - 1), half = 1 << (shift - 1);
  if (rem > half || (rem === half && h & 1)) h++; // a carry into the exponent is the right rounding
  return s | h;
}
