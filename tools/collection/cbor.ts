// CBOR as ord writes metadata: `ord wallet batch` reads each entry's `metadata:` as YAML (serde_yaml) and serialises it
// with ciborium: definite-length maps in the YAML's key order, text strings, integers in their shortest form, floats in
// the shortest of half/single/double that holds them exactly, bool and null. The page reads it with src/chain/cbor.ts.

export type Metadata = string | number | boolean | null | Metadata[] | { [key: string]: Metadata };

/** Major type + argument in the shortest form (RFC 8949 §3). */
export function head(major: number, n: number): number[] {
  const m = major << 5;
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`CBOR argument ${n} is not a non-negative safe integer`);
  if (n < 24) return [m | n];
  if (n < 0x100) return [m | 24, n];
  if (n < 0x10000) return [m | 25, n >> 8, n & 255];
  if (n < 0x100000000) return [m | 26, n >>> 24, (n >> 16) & 255, (n >> 8) & 255, n & 255];
  const big = BigInt(n), out = [m | 27];
  for (let s = 56n; s >= 0n; s -= 8n) out.push(Number((big >> s) & 255n));
  return out;
}

/** ciborium's float: half if exact, else single if exact, else double. */
function float(x: number): number[] {
  const b = Buffer.alloc(8);
  const single = Math.fround(x);
  if (single === x || Number.isNaN(x)) {
    const half = toHalf(x);
    if (half !== null) return [0xf9, half >> 8, half & 255];
    b.writeFloatBE(x);
    return [0xfa, ...b.subarray(0, 4)];
  }
  b.writeDoubleBE(x);
  return [0xfb, ...b];
}

/** The half-precision bits of x when x is exactly a half, else null. */
function toHalf(x: number): number | null {
  if (Number.isNaN(x)) return 0x7e00;
  const sign = x < 0 || Object.is(x, -0) ? 0x8000 : 0, a = Math.abs(x);
  if (a === Infinity) return sign | 0x7c00;
  if (a === 0) return sign;
  for (let exp = 1; exp < 31; exp++) { // normal halves: (1 + m/1024) * 2^(exp-15)
    const mant = (a / 2 ** (exp - 15) - 1) * 1024;
    if (mant >= 0 && mant < 1024 && Number.isInteger(mant)) return sign | (exp << 10) | mant;
  }
  const sub = a / 2 ** -24; // subnormal: m * 2^-24
  return Number.isInteger(sub) && sub < 1024 ? sign | sub : null;
}

export function encodeCbor(v: Metadata): Uint8Array {
  const out: number[] = [];
  const put = (x: Metadata): void => {
    if (x === null) out.push(0xf6);
    else if (x === true) out.push(0xf5);
    else if (x === false) out.push(0xf4);
    else if (typeof x === 'number') {
      if (Number.isSafeInteger(x)) out.push(...(x >= 0 ? head(0, x) : head(1, -1 - x)));
      else out.push(...float(x));
    } else if (typeof x === 'string') {
      const bytes = Buffer.from(x, 'utf8');
      out.push(...head(3, bytes.length), ...bytes);
    } else if (Array.isArray(x)) {
      out.push(...head(4, x.length));
      x.forEach(put);
    } else if (typeof x === 'object') {
      const entries = Object.entries(x);
      out.push(...head(5, entries.length));
      for (const [k, val] of entries) {
        put(k);
        put(val);
      }
    } else throw new Error(`metadata cannot hold ${typeof x}`);
  };
  put(v);
  return Uint8Array.from(out);
}

export const encodeCborHex = (v: Metadata): string => Buffer.from(encodeCbor(v)).toString('hex');

/** The same value as YAML that `ord wallet batch` turns into exactly encodeCbor(v): JSON is YAML's flow style, with
 * every string double-quoted (a hex seed like 1e5… unquoted would be read as a number) and numbers as JSON prints
 * them (an integer without a point: a YAML int; a fraction with one: a YAML float). */
export function toYaml(v: Metadata): string {
  JSON.stringify(v, (_, x) => {
    if (typeof x === 'number' && !Number.isFinite(x)) throw new Error(`metadata number ${x} has no YAML form`);
    return x;
  });
  return JSON.stringify(v);
}
