// The WebAssembly kernel in src/nn/simd.ts: its bytes are reproduced here from readable instructions, and it computes
// Dense layers like plain JS for every width and length (blocks of four units, SIMD body plus scalar tail).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createKernel } from '../../src/nn/simd';
import { rng } from './helpers';

const uleb = (v: number): number[] => { const o = []; do { let b = v & 0x7f; v >>>= 7; if (v) b |= 0x80; o.push(b); } while (v); return o; };
const sleb = (v: number): number[] => {
  const o = [];
  for (;;) {
    const b = v & 0x7f;
    v >>= 7;
    if ((v === 0 && !(b & 0x40)) || (v === -1 && b & 0x40)) return [...o, b];
    o.push(b | 0x80);
  }
};

/** dense(k, x, y, n, units): y = x · K for K in Keras' layout (row i: the weights from input i to every unit), all
 * byte offsets into the module's memory. Per block of four units, four f32x4 accumulators each take every fourth input
 * (x[i] splatted times four lanes of K's row i), then their sum is stored as four units of y. */
function assemble(): Uint8Array {
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
  const section = (id: number, bytes: number[]) => [id, ...uleb(bytes.length), ...bytes];
  const name = (s: string) => [s.length, ...Array.from(s, (c) => c.charCodeAt(0))];
  return Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [0x01, 0x60, 0x05, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x00]), // type (i32 i32 i32 i32 i32) -> ()
    ...section(3, [0x01, 0x00]),
    ...section(5, [0x01, 0x00, 0x00]), // memory, empty to start
    ...section(7, [0x02, ...name('memory'), 0x02, 0x00, ...name('dense'), 0x00, 0x00]),
    ...section(10, [0x01, ...uleb(body.length), ...body])]);
}
describe('WebAssembly SIMD kernel', () => {
  it('its bytes are exactly the assembled instructions above', () => {
    const src = readFileSync(new URL('../../src/nn/simd.ts', import.meta.url), 'utf8');
    const hex = /const WASM =\s*'([^']+)'/.exec(src)![1];
    expect(hex).toBe(Buffer.from(assemble()).toString('hex'));
    expect(hex.length / 2).toBe(426);
  });

  it('computes Dense layers like plain JS for every width, length and offset', () => {
    const k = createKernel(70000 * 4)!;
    expect(k).not.toBeNull();
    expect(k.memory.buffer.byteLength).toBeGreaterThanOrEqual(70000 * 4);
    const mem = new Float32Array(k.memory.buffer), r = rng(11);
    mem.forEach((_, i) => (mem[i] = r() * 2 - 1));
    let worst = 0;
    for (let units = 1; units <= 13; units++) {
      for (const n of [0, 1, 2, 3, 4, 5, 7, 16, 33]) {
        for (const [w, x, y] of [[0, 40000, 50000], [3, 40001, 50001], [777, 45555, 60003]]) {
          const around = mem.slice(y - 8, y + 24);
          k.dense(w * 4, x * 4, y * 4, n, units);
          for (let u = 0; u < units; u++) {
            let want = 0;
            for (let i = 0; i < n; i++) want += mem[x + i] * mem[w + i * units + u];
            worst = Math.max(worst, Math.abs(mem[y + u] - want));
          }
          // it writes whole blocks of four units and nothing around them
          const end = Math.ceil(units / 4) * 4;
          around.forEach((v, i) => (i < 8 || i >= 8 + end) && expect(mem[y - 8 + i]).toBe(v));
        }
      }
    }
    expect(worst).toBeLessThan(1e-5);
    // the paper's first layer: 3072 inputs, 10 units
    mem.forEach((_, i) => (mem[i] = r() * 2 - 1));
    k.dense(0, 40000 * 4, 50000 * 4, 3072, 10);
    for (let u = 0; u < 10; u++) {
      let want = 0;
      for (let i = 0; i < 3072; i++) want += mem[40000 + i] * mem[i * 10 + u];
      expect(Math.abs(mem[50000 + u] - want)).toBeLessThan(1e-3);
    }
  });
});
