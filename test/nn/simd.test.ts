// The WebAssembly kernel in src/nn/simd.ts: its bytes are reproduced here from readable instructions, and it computes
// dot products like plain JS for every length (SIMD body plus scalar tail).
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

/** d(w, x, n): locals 0..2 = w, x, n (byte offsets, count); 3..6 = four v128 accumulators; 7 = end; 8 = f32 sum. */
function assemble(): Uint8Array {
  const K = 4, get = (i: number) => [0x20, i], set = (i: number) => [0x21, i], tee = (i: number) => [0x22, i], i32 = (v: number) => [0x41, ...sleb(v)];
  const v128load = (off: number) => [0xfd, 0x00, 0x02, ...uleb(off)], f32x4add = [0xfd, 0xe4, 0x01], f32x4mul = [0xfd, 0xe6, 0x01];
  const lane = (i: number) => [...get(3), 0xfd, 0x1f, i]; // f32x4.extract_lane
  const [W, X, N, END, SUM] = [0, 1, 2, 3 + K, 4 + K];
  // while (w < end) { body; w += step; x += step }: block { loop { if (w >= end) break; body; ...; continue } }
  const loop = (body: number[], step: number) => [0x02, 0x40, 0x03, 0x40, ...get(W), ...get(END), 0x4f, 0x0d, 0x01, ...body,
    ...get(W), ...i32(step), 0x6a, ...set(W), ...get(X), ...i32(step), 0x6a, ...set(X), 0x0c, 0x00, 0x0b, 0x0b];
  const code = [
    ...get(W), ...get(N), ...i32(-4 * K), 0x71, ...i32(2), 0x74, 0x6a, ...set(END), // end = w + 4 * (n & -16)
    ...loop(Array.from({ length: K }, (_, k) => [...get(3 + k), ...get(W), ...v128load(16 * k), ...get(X), ...v128load(16 * k), ...f32x4mul, ...f32x4add, ...set(3 + k)]).flat(), 16 * K),
    ...get(3), ...[1, 2, 3].flatMap((k) => [...get(3 + k), ...f32x4add]), ...tee(3), 0xfd, 0x1f, 0, // a0 = a0 + a1 + a2 + a3
    ...lane(1), 0x92, ...lane(2), ...lane(3), 0x92, 0x92, ...set(SUM), // (lane 0 + lane 1) + (lane 2 + lane 3)
    ...get(W), ...get(N), ...i32(4 * K - 1), 0x71, ...i32(2), 0x74, 0x6a, ...set(END), // end = w + 4 * (n & 15)
    ...loop([...get(SUM), ...get(W), 0x2a, 0x02, 0x00, ...get(X), 0x2a, 0x02, 0x00, 0x94, 0x92, ...set(SUM)], 4),
    ...get(SUM), 0x0b,
  ];
  const body = [0x03, K, 0x7b, 0x01, 0x7f, 0x01, 0x7d, ...code]; // locals: K v128, 1 i32, 1 f32
  const section = (id: number, bytes: number[]) => [id, ...uleb(bytes.length), ...bytes];
  return Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [0x01, 0x60, 0x03, 0x7f, 0x7f, 0x7f, 0x01, 0x7d]), // type (i32 i32 i32) -> f32
    ...section(3, [0x01, 0x00]),
    ...section(5, [0x01, 0x00, 0x00]), // memory, empty to start (createKernel grows it)
    ...section(7, [0x02, 0x01, 0x6d, 0x02, 0x00, 0x01, 0x64, 0x00, 0x00]), // exports "m" (memory), "d" (function)
    ...section(10, [0x01, ...uleb(body.length), ...body])]);
}

describe('WebAssembly SIMD kernel', () => {
  it('its bytes are exactly the assembled instructions above', () => {
    const src = readFileSync(new URL('../../src/nn/simd.ts', import.meta.url), 'utf8');
    const hex = /const WASM =\s*'([^']+)'/.exec(src)![1];
    expect(hex).toBe(Buffer.from(assemble()).toString('hex'));
    expect(hex.length / 2).toBe(286);
  });

  it('computes dot products like plain JS for every length and offset', () => {
    const k = createKernel(70000 * 4)!;
    expect(k).not.toBeNull();
    expect(k.memory.buffer.byteLength).toBeGreaterThanOrEqual(70000 * 4);
    const mem = new Float32Array(k.memory.buffer), r = rng(11);
    mem.forEach((_, i) => (mem[i] = r() * 2 - 1));
    let worst = 0;
    for (let n = 0; n <= 70; n++) {
      for (const [w, x] of [[0, 1000], [3, 2001], [777, 5]]) {
        let want = 0;
        for (let i = 0; i < n; i++) want += mem[w + i] * mem[x + i];
        worst = Math.max(worst, Math.abs(k.dot(w * 4, x * 4, n) - want));
      }
    }
    expect(worst).toBeLessThan(1e-5);
    let want = 0;
    for (let i = 0; i < 30000; i++) want += mem[i] * mem[35000 + i];
    expect(Math.abs(k.dot(0, 35000 * 4, 30000) - want)).toBeLessThan(1e-3);
    expect(k.dot(0, 0, 0)).toBe(0);
  });
});
