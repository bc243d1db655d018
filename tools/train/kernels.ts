// The trainer's kernels: the first layer's matrix products (nearly all the work of training), the gather that scales
// a minibatch's images to float32, and Adam, in WebAssembly SIMD (assembled below with src/nn/wasm.ts) and in plain JS, the reference and the fallback.
// Both work on one heap of float32 (a WebAssembly memory, or an ArrayBuffer for plain JS) addressed in bytes.
// The rows they read are whole multiples of 16 floats (64 bytes; the trainer pads them with zeros).
//
//   dots(xs, b, u, w, rowBytes, out, outStride): for samples s < b and units k < u,
//     out[s * outStride + k] = sum_i x_s[i] * w_k[i], x_s at the byte offset xs[s] (an i32 list in the heap),
//     w_k = w + k * rowBytes: the forward product X·W of one minibatch, W stored one row per unit.
//   outer(xs, b, dz, dzStride, u, out, rowBytes): for units k < u, out_k[i] = sum_s dz[s * dzStride + k] * x_s[i]
//     (out_k = out + k * rowBytes): the weight gradient Xᵀ·dZ of one minibatch.
//   gather(list, n, dst, rowBytes, scale, offset): for rows s < n, the bytes at the offset list[s] (an i32 list in the
//     heap) as float32 x * scale + offset (each operation rounded to float32) into dst + s * rowBytes: a minibatch
//     of images, rowBytes / 4 of them per row, taken from the training set kept as bytes.
//   adam(p, g, m, v, count, gradScale, stepSize, beta1, beta2, eps): one Adam step over count floats (a multiple
//     of 4), in float32, operation by operation the same in both (so both give the same bits).
import { assemble, F32, I32, V128, op, type Func } from '../../src/nn/wasm';

export interface Kernels {
  simd: boolean;
  memory: { buffer: ArrayBuffer };
  /** grows the heap to at least `bytes` (views on the old buffer are then stale) */
  reserve(bytes: number): void;
  dots(xs: number, b: number, u: number, w: number, rowBytes: number, out: number, outStride: number): void;
  outer(xs: number, b: number, dz: number, dzStride: number, u: number, out: number, rowBytes: number): void;
  gather(list: number, n: number, dst: number, rowBytes: number, scale: number, offset: number): void;
  adam(p: number, g: number, m: number, v: number, count: number, gradScale: number, stepSize: number, beta1: number, beta2: number, eps: number): void;
}

// ---- WebAssembly SIMD -----------------------------------------------------------------------------------------

const { get, set, tee, i32, loop } = op;

/** Horizontal sum of the v128 in local a: (lane 0 + lane 1) + (lane 2 + lane 3), as the engine's kernel sums. */
const hsum = (a: number): number[] => [...get(a), ...op.f32x4extract(0), ...get(a), ...op.f32x4extract(1), ...op.f32add,
  ...get(a), ...op.f32x4extract(2), ...get(a), ...op.f32x4extract(3), ...op.f32add, ...op.f32add];

/**
 * dotsSxK(x_0 .. x_{S-1}, w, rowBytes, out, outStride): S samples x K units of dot products, 16 floats per step
 * (four v128 loads per row), one v128 accumulator per (sample, unit).
 */
function dotsTile(S: number, K: number): Func {
  const X = (s: number) => s, W = S, ROW = S + 1, OUT = S + 2, STRIDE = S + 3;
  let n = S + 4;
  const wk = Array.from({ length: K }, (_, k) => (k === 0 ? W : n++)); // row pointers w_k
  const I = n++, acc = Array.from({ length: S * K }, () => n++), wv = Array.from({ length: K }, () => n++), xv = n++;
  const locals = [...Array(K - 1).fill(I32), I32, ...Array(S * K + K + 1).fill(V128)];
  const code: number[] = [];
  for (let k = 1; k < K; k++) code.push(...get(wk[k - 1]), ...get(ROW), ...op.i32add, ...set(wk[k]));
  for (const a of acc) code.push(...op.v128const0, ...set(a));
  const body: number[] = [];
  for (let j = 0; j < 4; j++) {
    for (let k = 0; k < K; k++) body.push(...get(wk[k]), ...get(I), ...op.i32add, ...op.v128load(16 * j), ...set(wv[k]));
    for (let s = 0; s < S; s++) {
      body.push(...get(X(s)), ...get(I), ...op.i32add, ...op.v128load(16 * j), ...set(xv));
      for (let k = 0; k < K; k++) body.push(...get(acc[s * K + k]), ...get(xv), ...get(wv[k]), ...op.f32x4mul, ...op.f32x4add, ...set(acc[s * K + k]));
    }
  }
  code.push(...i32(0), ...set(I), ...loop(I, ROW, 64, body));
  for (let s = 0; s < S; s++) {
    for (let k = 0; k < K; k++) {
      // out + 4 * (s * outStride + k)
      code.push(...get(OUT), ...get(STRIDE), ...i32(s), ...op.i32mul, ...i32(k), ...op.i32add, ...i32(2), ...op.i32shl, ...op.i32add,
        ...hsum(acc[s * K + k]), ...op.f32store());
    }
  }
  return { name: `d${S}x${K}`, params: Array(S + 4).fill(I32), locals, code };
}

/**
 * outerK(xs, b, dz, dzStride, out, rowBytes): K rows of the gradient, 16 floats at a time: for each block of 16
 * inputs, over the minibatch's samples, acc[k][j] += dz[s][k] * x_s[16 block + 4j].
 */
function outerTile(K: number): Func {
  const XS = 0, B = 1, DZ = 2, DZS = 3, OUT = 4, ROW = 5;
  let n = 6;
  const I = n++, P = n++, END = n++, D = n++, ROWP = n++;
  const acc = Array.from({ length: 4 * K }, () => n++), dv = Array.from({ length: K }, () => n++), xv = n++;
  const locals = [I32, I32, I32, I32, I32, ...Array(4 * K + K + 1).fill(V128)];
  const sample: number[] = [
    ...get(P), ...op.i32load(), ...get(I), ...op.i32add, ...set(ROWP),
    ...Array.from({ length: K }, (_, k) => [...get(D), ...op.load32splat(4 * k), ...set(dv[k])]).flat(),
  ];
  for (let j = 0; j < 4; j++) {
    sample.push(...get(ROWP), ...op.v128load(16 * j), ...set(xv));
    for (let k = 0; k < K; k++) sample.push(...get(acc[4 * k + j]), ...get(dv[k]), ...get(xv), ...op.f32x4mul, ...op.f32x4add, ...set(acc[4 * k + j]));
  }
  sample.push(...get(D), ...get(DZS), ...op.i32add, ...set(D));
  const block: number[] = [];
  for (const a of acc) block.push(...op.v128const0, ...set(a));
  block.push(...get(XS), ...set(P), ...get(DZ), ...set(D), ...loop(P, END, 4, sample));
  for (let k = 0; k < K; k++) {
    for (let j = 0; j < 4; j++) {
      // out + k * rowBytes + i + 16 j
      block.push(...get(OUT), ...get(ROW), ...i32(k), ...op.i32mul, ...op.i32add, ...get(I), ...op.i32add, ...get(acc[4 * k + j]), ...op.v128store(16 * j));
    }
  }
  const code = [...get(XS), ...get(B), ...i32(2), ...op.i32shl, ...op.i32add, ...set(END), ...i32(0), ...set(I), ...loop(I, ROW, 64, block)];
  return { name: `o${K}`, params: Array(6).fill(I32), locals, code };
}

/** gather(list, n, dst, rowBytes, scale, offset): 16 bytes -> 16 floats per step. */
function gatherFunc(): Func {
  const LIST = 0, N = 1, DST = 2, ROW = 3, SCALE = 4, OFFSET = 5;
  let n = 6;
  const P = n++, END = n++, SRC = n++, IEND = n++, OUT = n++, sv = n++, ov = n++, bytes = n++, half = n++;
  // four of the 16 bytes, widened to i32, as float32 x * scale + offset, stored at out + at
  const quarter = (extend: number[], at: number): number[] => [
    ...get(OUT), ...get(half), ...extend, ...op.f32x4convertI32, ...get(sv), ...op.f32x4mul, ...get(ov), ...op.f32x4add, ...op.v128store(at)];
  const row = [
    ...get(P), ...op.i32load(), ...tee(SRC), ...get(ROW), ...i32(2), ...op.i32shru, ...op.i32add, ...set(IEND), // end = src + rowBytes / 4
    ...loop(SRC, IEND, 16, [
      ...get(SRC), ...op.v128load(), ...set(bytes),
      ...get(bytes), ...op.i16x8extendLowU8, ...set(half),
      ...quarter(op.i32x4extendLowU16, 0), ...quarter(op.i32x4extendHighU16, 16),
      ...get(bytes), ...op.i16x8extendHighU8, ...set(half),
      ...quarter(op.i32x4extendLowU16, 32), ...quarter(op.i32x4extendHighU16, 48),
      ...get(OUT), ...i32(64), ...op.i32add, ...set(OUT),
    ]),
    ...get(DST), ...get(ROW), ...op.i32add, ...tee(DST), ...set(OUT),
  ];
  const code = [
    ...get(SCALE), ...op.f32x4splat, ...set(sv), ...get(OFFSET), ...op.f32x4splat, ...set(ov),
    ...get(LIST), ...tee(P), ...get(N), ...i32(2), ...op.i32shl, ...op.i32add, ...set(END), ...get(DST), ...set(OUT),
    ...loop(P, END, 4, row),
  ];
  return { name: 'gather', params: [I32, I32, I32, I32, F32, F32], locals: [I32, I32, I32, I32, I32, V128, V128, V128, V128], code };
}

/** adam(p, g, m, v, count, gradScale, stepSize, beta1, beta2, eps), four floats per step. */
function adamFunc(): Func {
  const P = 0, G = 1, M = 2, VV = 3, COUNT = 4, GS = 5, STEP = 6, B1 = 7, B2 = 8, EPS = 9;
  let n = 10;
  const O = n++, END = n++;
  const [gs, step, b1, c1, b2, c2, eps, gi, mm, vv] = Array.from({ length: 10 }, () => n++);
  const splat = (src: number[], dst: number): number[] => [...src, ...op.f32x4splat, ...set(dst)];
  const at = (base: number): number[] => [...get(base), ...get(O), ...op.i32add];
  const code = [
    ...get(COUNT), ...i32(2), ...op.i32shl, ...set(END),
    ...splat(get(GS), gs), ...splat(get(STEP), step), ...splat(get(B1), b1), ...splat(get(B2), b2), ...splat(get(EPS), eps),
    ...splat([...op.f32(1), ...get(B1), 0x93], c1), ...splat([...op.f32(1), ...get(B2), 0x93], c2), // 1 - beta (f32.sub)
    ...i32(0), ...set(O),
    ...loop(O, END, 16, [
      ...at(G), ...op.v128load(), ...get(gs), ...op.f32x4mul, ...set(gi),
      // m = beta1 * m + (1 - beta1) * g
      ...at(M), ...get(b1), ...at(M), ...op.v128load(), ...op.f32x4mul, ...get(c1), ...get(gi), ...op.f32x4mul, ...op.f32x4add, ...tee(mm), ...op.v128store(),
      // v = beta2 * v + ((1 - beta2) * g) * g
      ...at(VV), ...get(b2), ...at(VV), ...op.v128load(), ...op.f32x4mul, ...get(c2), ...get(gi), ...op.f32x4mul, ...get(gi), ...op.f32x4mul, ...op.f32x4add, ...tee(vv), ...op.v128store(),
      // p = p - (stepSize * m) / (sqrt(v) + eps)
      ...at(P), ...at(P), ...op.v128load(), ...get(step), ...get(mm), ...op.f32x4mul, ...get(vv), ...op.f32x4sqrt, ...get(eps), ...op.f32x4add, ...op.f32x4div, ...op.f32x4sub, ...op.v128store(),
    ]),
  ];
  return { name: 'adam', params: [I32, I32, I32, I32, I32, F32, F32, F32, F32, F32], locals: [I32, I32, ...Array(10).fill(V128)], code };
}

/** Largest tiles: 4 samples x 2 units for dots, 2 units (x 16 inputs) for outer. Among tiles of 2x2 to 4x4 these were
 * fastest or within a few percent of it on the bench machine; larger ones run out of x64's 16 vector registers. */
export const TILE_S = 4, TILE_K = 2;
export const OUTER_K = 2;

let wasmModule: WebAssembly.Module | null | undefined;

/** The assembled module's bytes (every tile size up to the largest). */
export function kernelBytes(): Uint8Array<ArrayBuffer> {
  const funcs: Func[] = [adamFunc(), gatherFunc()];
  for (let s = 1; s <= TILE_S; s++) for (let k = 1; k <= TILE_K; k++) funcs.push(dotsTile(s, k));
  for (let k = 1; k <= OUTER_K; k++) funcs.push(outerTile(k));
  return assemble(funcs);
}

type Exports = Record<string, (...args: number[]) => void>;

function simdKernels(): Kernels | null {
  try {
    wasmModule ??= new WebAssembly.Module(kernelBytes());
  } catch {
    wasmModule = null; // no WebAssembly SIMD here
  }
  if (!wasmModule) return null;
  const memory = new WebAssembly.Memory({ initial: 1 });
  const e = new WebAssembly.Instance(wasmModule, { env: { memory } }).exports as Exports;
  const d = (s: number, k: number) => e[`d${s}x${k}`];
  const o = (k: number) => e[`o${k}`];
  let i32 = new Int32Array(memory.buffer);
  return {
    simd: true,
    memory,
    reserve(bytes) {
      const have = memory.buffer.byteLength;
      if (bytes > have) memory.grow(Math.ceil((bytes - have) / 65536));
      i32 = new Int32Array(memory.buffer);
    },
    dots(xs, b, u, w, rowBytes, out, outStride) {
      for (let s = 0; s < b; s += TILE_S) {
        const ns = Math.min(TILE_S, b - s), at = (xs >> 2) + s;
        for (let k = 0; k < u; k += TILE_K) {
          const nk = Math.min(TILE_K, u - k), wk = w + k * rowBytes, ok = out + 4 * (s * outStride + k);
          if (ns === 4) d(4, nk)(i32[at], i32[at + 1], i32[at + 2], i32[at + 3], wk, rowBytes, ok, outStride);
          else if (ns === 3) d(3, nk)(i32[at], i32[at + 1], i32[at + 2], wk, rowBytes, ok, outStride);
          else if (ns === 2) d(2, nk)(i32[at], i32[at + 1], wk, rowBytes, ok, outStride);
          else d(1, nk)(i32[at], wk, rowBytes, ok, outStride);
        }
      }
    },
    outer(xs, b, dz, dzStride, u, out, rowBytes) {
      for (let k = 0; k < u; k += OUTER_K) o(Math.min(OUTER_K, u - k))(xs, b, dz + 4 * k, 4 * dzStride, out + k * rowBytes, rowBytes);
    },
    gather: e.gather as Kernels['gather'],
    adam: e.adam as Kernels['adam'],
  };
}

// ---- plain JS (the reference) -----------------------------------------------------------------------------------

function jsKernels(): Kernels {
  let buffer = new ArrayBuffer(65536), f = new Float32Array(buffer), i32 = new Int32Array(buffer), u8 = new Uint8Array(buffer);
  const memory = { get buffer() { return buffer; } };
  return {
    simd: false,
    memory,
    reserve(bytes) {
      if (bytes <= buffer.byteLength) return;
      const grown = new ArrayBuffer(Math.ceil(bytes / 65536) * 65536);
      new Uint8Array(grown).set(new Uint8Array(buffer));
      buffer = grown;
      f = new Float32Array(buffer);
      i32 = new Int32Array(buffer);
      u8 = new Uint8Array(buffer);
    },
    dots(xs, b, u, w, rowBytes, out, outStride) {
      const n = rowBytes >> 2;
      for (let s = 0; s < b; s++) {
        const x = i32[(xs >> 2) + s] >> 2;
        for (let k = 0; k < u; k++) {
          const wk = (w >> 2) + k * n;
          let a0 = 0, a1 = 0, a2 = 0, a3 = 0;
          for (let i = 0; i < n; i += 4) {
            a0 += f[x + i] * f[wk + i];
            a1 += f[x + i + 1] * f[wk + i + 1];
            a2 += f[x + i + 2] * f[wk + i + 2];
            a3 += f[x + i + 3] * f[wk + i + 3];
          }
          f[(out >> 2) + s * outStride + k] = a0 + a1 + (a2 + a3);
        }
      }
    },
    outer(xs, b, dz, dzStride, u, out, rowBytes) {
      const n = rowBytes >> 2;
      f.fill(0, out >> 2, (out >> 2) + u * n);
      for (let s = 0; s < b; s++) {
        const x = i32[(xs >> 2) + s] >> 2;
        for (let k = 0; k < u; k++) {
          const d = f[(dz >> 2) + s * dzStride + k], row = (out >> 2) + k * n;
          if (d !== 0) for (let i = 0; i < n; i++) f[row + i] += d * f[x + i];
        }
      }
    },
    gather(list, n, dst, rowBytes, scale, offset) {
      const r = Math.fround, s32 = r(scale), o32 = r(offset), count = rowBytes >> 2;
      for (let s = 0; s < n; s++) {
        const src = i32[(list >> 2) + s], out = (dst >> 2) + s * count;
        for (let i = 0; i < count; i++) f[out + i] = r(r(u8[src + i] * s32) + o32);
      }
    },
    adam(p, g, m, v, count, gradScale, stepSize, beta1, beta2, eps) {
      const r = Math.fround;
      const gs = r(gradScale), step = r(stepSize), b1 = r(beta1), b2 = r(beta2), e = r(eps), c1 = r(1 - b1), c2 = r(1 - b2);
      for (let i = 0; i < count; i++) {
        const gi = r(f[(g >> 2) + i] * gs);
        const mi = (f[(m >> 2) + i] = r(r(b1 * f[(m >> 2) + i]) + r(c1 * gi)));
        const vi = (f[(v >> 2) + i] = r(r(b2 * f[(v >> 2) + i]) + r(r(c2 * gi) * gi)));
        f[(p >> 2) + i] = r(f[(p >> 2) + i] - r(r(step * mi) / r(r(Math.sqrt(vi)) + e)));
      }
    },
  };
}

/** The WebAssembly SIMD kernels when available and wanted, else the plain JS ones. */
export function createKernels(simd = true): Kernels {
  return (simd && simdKernels()) || jsKernels();
}

/** Whether WebAssembly SIMD kernels can be used here. */
export function simdAvailable(): boolean {
  return createKernels(true).simd;
}
