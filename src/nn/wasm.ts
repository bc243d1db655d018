// A tiny WebAssembly encoder, just enough to write WebAssembly as readable instruction lists instead of a hex string:
// LEB128 numbers, the handful of opcodes the kernels use, and a module with one imported memory and a list of exported
// functions. The trainer's kernels (tools/train/kernels.ts) are built with it once per process; the page's Dense
// kernel (simd-source.ts, whose bytes simd.ts carries) with its numbers. No dependencies, no DOM, no Node.

export const uleb = (v: number): number[] => {
  const out: number[] = [];
  do { let b = v & 0x7f; v >>>= 7; if (v) b |= 0x80; out.push(b); } while (v);
  return out;
};

export const sleb = (v: number): number[] => {
  const out: number[] = [];
  for (;;) {
    const b = v & 0x7f;
    v >>= 7;
    if ((v === 0 && !(b & 0x40)) || (v === -1 && b & 0x40)) return [...out, b];
    out.push(b | 0x80);
  }
};

const f32bytes = (v: number): number[] => Array.from(new Uint8Array(Float32Array.of(v).buffer));

export const I32 = 0x7f, F32 = 0x7d, V128 = 0x7b;
export type Code = number[];
const simd = (op: number, ...imm: number[]): Code => [0xfd, ...uleb(op), ...imm];
const mem = (align: number, offset: number): Code => [align, ...uleb(offset)];

/** Instructions, each a list of bytes; locals are numbered parameters first. */
export const op = {
  get: (i: number): Code => [0x20, ...uleb(i)],
  set: (i: number): Code => [0x21, ...uleb(i)],
  tee: (i: number): Code => [0x22, ...uleb(i)],
  i32: (v: number): Code => [0x41, ...sleb(v)],
  f32: (v: number): Code => [0x43, ...f32bytes(v)],
  i32add: [0x6a], i32sub: [0x6b], i32mul: [0x6c], i32shl: [0x74], i32shru: [0x76],
  i32load: (offset = 0): Code => [0x28, ...mem(2, offset)],
  f32load: (offset = 0): Code => [0x2a, ...mem(2, offset)],
  f32store: (offset = 0): Code => [0x38, ...mem(2, offset)],
  f32add: [0x92], f32mul: [0x94],
  v128load: (offset = 0): Code => simd(0x00, ...mem(4, offset)),
  v128store: (offset = 0): Code => simd(0x0b, ...mem(4, offset)),
  load32splat: (offset = 0): Code => simd(0x09, ...mem(2, offset)),
  f32x4splat: simd(0x13),
  i16x8extendLowU8: simd(0x89), i16x8extendHighU8: simd(0x8a), i32x4extendLowU16: simd(0xa9), i32x4extendHighU16: simd(0xaa),
  f32x4convertI32: simd(0xfa),
  f32x4extract: (lane: number): Code => simd(0x1f, lane),
  f32x4add: simd(0xe4), f32x4sub: simd(0xe5), f32x4mul: simd(0xe6), f32x4div: simd(0xe7), f32x4sqrt: simd(0xe3),
  v128const0: simd(0x0c, ...new Array(16).fill(0)),
  /** while (local[i] < local[end]) { body; local[i] += step } (unsigned compare) */
  loop: (i: number, end: number, step: number, body: Code): Code => [
    0x02, 0x40, 0x03, 0x40, ...op.get(i), ...op.get(end), 0x49, 0x45, 0x0d, 0x01, // block loop; br_if 1 (!(i < end))
    ...body, ...op.get(i), ...op.i32(step), 0x6a, ...op.set(i), 0x0c, 0x00, 0x0b, 0x0b],
};

export interface Func {
  name: string;
  params: number[]; // value types
  result?: number;
  locals: number[]; // value types of the extra locals, in order
  code: Code;
}

/** A module section: its id, then its length and bytes. */
export const section = (id: number, bytes: Code): Code => [id, ...uleb(bytes.length), ...bytes];
const vec = (items: Code[]): Code => [...uleb(items.length), ...items.flat()];
/** A name as WebAssembly stores it: its UTF-8 length, then its bytes. */
export const name = (s: string): Code => {
  const bytes = new TextEncoder().encode(s);
  return [...uleb(bytes.length), ...bytes];
};

/** A module importing its memory as env.memory and exporting every function by name. */
export function assemble(funcs: Func[]): Uint8Array<ArrayBuffer> {
  const types = funcs.map((f) => [0x60, ...vec(f.params.map((t) => [t])), ...(f.result ? [1, f.result] : [0])]);
  const bodies = funcs.map((f) => {
    const locals = vec(f.locals.map((t) => [1, t]));
    const body = [...locals, ...f.code, 0x0b];
    return [...uleb(body.length), ...body];
  });
  return Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec(types)),
    ...section(2, vec([[...name('env'), ...name('memory'), 0x02, 0x00, 0x00]])), // memory, min 0 pages, no max
    ...section(3, vec(funcs.map((_, i) => uleb(i)))),
    ...section(7, vec(funcs.map((f, i) => [...name(f.name), 0x00, ...uleb(i)]))),
    ...section(10, vec(bodies))]);
}
