// Seeded randomness. One seed = a 64-hex-digit hash (as Art Blocks' tokenData.hash, "0x" prefix allowed).
// Generator: sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, from PractRand), 128-bit state.
// Seeding, so anyone can re-derive a token: split the hash into eight big-endian 32-bit words w0..w7; the state
// (a, b, c, d) starts as (w0, w1, w2, w3), runs 12 rounds, XORs (w4, w5, w6, w7) into (a, b, c, d), runs 12 more.
// A stream then discards 15 outputs after its start. A sub-stream (per-layer or per-life draws that must not shift
// the main draw order) XORs three salts into a, b, c of that state first.

export type Rng = () => number; // uniform in [0, 1)

/** Every sub-stream of a seed, by its first salt (0 is the main stream). Each draw that must not shift another has its
 * own: a number used twice would silently tie two traits together (test/art/traits.test.ts checks they differ). */
export const SUBSTREAMS = {
  /** the hidden layers' widths (traits.ts) */
  hiddenWidths: 1,
  /** the genome's visual numbers (traits.ts) */
  visual: 2,
  /** each life's neuron birth times, per layer (life.ts) */
  births: 3,
  /** each life's connection deaths in decay, per layer (life.ts) */
  linkDeaths: 4,
  /** each later life's form (form.ts) */
  form: 5,
} as const;

const HEX64 = /^(?:0x)?([0-9a-fA-F]{64})$/;

/** The seed as 64 lowercase hex digits; throws naming the bad seed. */
export function normalizeSeed(seed: string): string {
  const m = typeof seed === 'string' ? HEX64.exec(seed.trim()) : null;
  if (!m) throw new Error(`seed must be 64 hex digits (0x allowed), got ${JSON.stringify(seed)}`);
  return m[1].toLowerCase();
}

/** One sfc32 round on state s = [a, b, c, d] (mutated); returns the 32-bit output. */
export function round(s: number[]): number {
  const t = (((s[0] + s[1]) | 0) + s[3]) | 0;
  s[3] = (s[3] + 1) | 0;
  s[0] = s[1] ^ (s[1] >>> 9);
  s[1] = (s[2] + (s[2] << 3)) | 0;
  s[2] = (((s[2] << 21) | (s[2] >>> 11)) + t) | 0;
  return t >>> 0;
}

/** The sfc32 state a seed's 256 bits are absorbed into (see the header). */
export function seedState(seed: string): number[] {
  const hex = normalizeSeed(seed);
  const w = (i: number) => parseInt(hex.slice(i * 8, i * 8 + 8), 16) | 0;
  const s = [w(0), w(1), w(2), w(3)];
  for (let i = 0; i < 12; i++) round(s);
  for (let j = 0; j < 4; j++) s[j] ^= w(4 + j);
  for (let i = 0; i < 12; i++) round(s);
  return s;
}

/** The main stream of a seed, or a sub-stream identified by up to three integer salts: sfc32 from that state, its
 * first 15 outputs discarded. */
export function stream(state: number[], s1 = 0, s2 = 0, s3 = 0): Rng {
  const s = [state[0] ^ Math.imul(s1, 0x9e3779b9), state[1] ^ Math.imul(s2, 0x85ebca6b), state[2] ^ Math.imul(s3, 0xc2b2ae35), state[3] | 0];
  for (let i = 0; i < 15; i++) round(s);
  return () => round(s) / 4294967296;
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

/** Weighted choice of a row, each row as likely as its weight (any positive numbers). */
export function pick<R extends { weight: number }>(r: Rng, rows: readonly R[]): R {
  let x = r() * rows.reduce((sum, row) => sum + row.weight, 0);
  return rows.find((row) => (x -= row.weight) < 0) ?? rows[rows.length - 1];
}
