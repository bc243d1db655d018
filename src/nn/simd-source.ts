// The source of simd.ts's WebAssembly SIMD Dense kernel, as readable instructions: simd.ts carries the bytes this
// assembles to (so the page holds no assembler), and test/nn/simd.test.ts checks that the two agree. Change the kernel
// here, then paste the new hex (Buffer.from(denseKernelBytes()).toString('hex')) into simd.ts.
import { name, section, sleb, uleb } from './wasm';

/** dense(k, x, y, n, units): y = x · K for K in Keras' layout (row i: the weights from input i to every unit), all
 * byte offsets into the module's memory. Per block of four units, four f32x4 accumulators each take every fourth input
 * (x[i] splatted times four lanes of K's row i), then their sum is stored as four units of y. */
export function denseKernelBytes(): Uint8Array {
  const get = (i: number) => [0x20, i], set = (i: number) => [0x21, i], i32 = (v: number) => [0x41, ...sleb(v)];
  const add = [0x6a], geU = [0x4f], and = [0x71], shl = [0x74];
  const splat = (off: number) => [0xfd, 0x09, 0x02, ...uleb(off)], load = [0xfd, 0x00, 0x02, 0x00], store = [0xfd, 0x0b, 0x02, 0x00];
  const f32x4add = [0xfd, 0xe4, 0x01], f32x4mul = [0xfd, 0xe6, 0x01], zero = [0xfd, 0x0c, ...Array(16).fill(0)];
  // params: k, x, y (byte offsets), n, units; locals: four v128 accumulators, then stride, p, q, end, yEnd
  const [K, X, Y, N, UNITS, A, S, P, Q, END, YEND] = [0, 1, 2, 3, 4, 5, 9, 10, 11, 12, 13];
  // while (a < b) body: block { loop { if (a >= b) break; body; continue } }
  const whileBelow = (a: number, b: number, body: number[]) => [0x02, 0x40, 0x03, 0x40, ...get(a), ...get(b), ...geU, 0x0d, 0x01, ...body, 0x0c, 0x00, 0x0b, 0x0b];
  const inc = (l: number, by: number[]) => [...get(l), ...by, ...add, ...set(l)];
  // a_j += splat(x at q + off) * v128.load(k at p); p += stride (the next input's row)
  const macAt = (j: number, off: number) => [...get(A + j), ...get(Q), ...splat(off), ...get(P), ...load, ...f32x4mul, ...f32x4add, ...set(A + j), ...inc(P, get(S))];
  const code = [
    ...get(UNITS), ...i32(2), ...shl, ...set(S), // stride = 4 * units bytes: one input's row of the kernel
    ...get(Y), ...get(S), ...add, ...set(YEND),
    ...whileBelow(Y, YEND, [ // four units at a time
      ...[0, 1, 2, 3].flatMap((j) => [...zero, ...set(A + j)]),
      ...get(K), ...set(P), ...get(X), ...set(Q),
      ...get(X), ...get(N), ...i32(-4), ...and, ...i32(2), ...shl, ...add, ...set(END), // end = x + 4 * (n & -4)
      ...whileBelow(Q, END, [...[0, 1, 2, 3].flatMap((j) => macAt(j, 4 * j)), ...inc(Q, i32(16))]),
      ...get(X), ...get(N), ...i32(2), ...shl, ...add, ...set(END), // end = x + 4 * n
      ...whileBelow(Q, END, [...macAt(0, 0), ...inc(Q, i32(4))]),
      ...get(Y), ...get(A), ...get(A + 1), ...f32x4add, ...get(A + 2), ...get(A + 3), ...f32x4add, ...f32x4add, ...store,
      ...inc(Y, i32(16)), ...inc(K, i32(16)),
    ]),
    0x0b,
  ];
  const body = [0x02, 0x04, 0x7b, 0x05, 0x7f, ...code]; // locals: 4 v128, 5 i32
  return Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [0x01, 0x60, 0x05, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x00]), // type (i32 i32 i32 i32 i32) -> ()
    ...section(3, [0x01, 0x00]),
    ...section(5, [0x01, 0x00, 0x00]), // memory, empty to start
    ...section(7, [0x02, ...name('memory'), 0x02, 0x00, ...name('dense'), 0x00, 0x00]),
    ...section(10, [0x01, ...uleb(body.length), ...body])]);
}
