// Seeded randomness. One seed = a 64-hex-digit hash (as Art Blocks' tokenData.hash, "0x" prefix allowed).
// Generator: sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, from PractRand), 128-bit state.
// Seeding, so anyone can re-derive a token: split the hash into eight big-endian 32-bit words w0..w7,
// fold them to a = w0^w4, b = w1^w5, c = w2^w6, d = w3^w7, then discard the first 15 outputs.
// A sub-stream (for per-layer or per-life draws that must not shift the main draw order) XORs three salts into a, b, c.

export type Rng = () => number; // uniform in [0, 1)

const HEX64 = /^(?:0x)?([0-9a-fA-F]{64})$/;

/** The seed as 64 lowercase hex digits; throws naming the bad seed. */
export function normalizeSeed(seed: string): string {
  const m = typeof seed === 'string' ? HEX64.exec(seed.trim()) : null;
  if (!m) throw new Error(`seed must be 64 hex digits (optionally 0x-prefixed), got ${JSON.stringify(seed)}`);
  return m[1].toLowerCase();
}

/** The folded 4-word sfc32 state of a seed. */
export function seedState(seed: string): number[] {
  const hex = normalizeSeed(seed);
  const w = (i: number) => parseInt(hex.slice(i * 8, i * 8 + 8), 16);
  return [w(0) ^ w(4), w(1) ^ w(5), w(2) ^ w(6), w(3) ^ w(7)];
}

export function sfc32(a: number, b: number, c: number, d: number): Rng {
  const next = (): number => {
    a |= 0; b |= 0; c |= 0; d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) next();
  return next;
}

/** The main stream of a seed, or a sub-stream identified by up to three integer salts. */
export function stream(state: number[], s1 = 0, s2 = 0, s3 = 0): Rng {
  return sfc32(state[0] ^ Math.imul(s1, 0x9e3779b9), state[1] ^ Math.imul(s2, 0x85ebca6b), state[2] ^ Math.imul(s3, 0xc2b2ae35), state[3]);
}

/** A stateless hash of three integers to [0, 1) (murmur3 finaliser), for per-node noise in the renderer. */
export function hash01(a: number, b: number, c = 0): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x632be5ab, 0xc2b2ae35) ^ Math.imul(c + 0x27d4eb2f, 0x165667b1);
  h ^= h >>> 16; h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13; h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

/** Integer in [lo, hi] inclusive. */
export const int = (r: Rng, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));

/** Weighted choice from [value, weight] rows (weights are any positive numbers). */
export function pick<T>(r: Rng, table: readonly (readonly [T, number])[]): T {
  let total = 0;
  for (const row of table) total += row[1];
  let x = r() * total;
  for (const row of table) if ((x -= row[1]) < 0) return row[0];
  return table[table.length - 1][0];
}
