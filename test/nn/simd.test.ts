// The WebAssembly kernel in src/nn/simd.ts: its bytes are those its source (src/nn/simd-source.ts) assembles to, and it
// computes Dense layers like plain JS for every width and length (blocks of four units, SIMD body plus scalar tail).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createKernel } from '../../src/nn/simd';
import { denseKernelBytes } from '../../src/nn/simd-source';
import { rng } from './helpers';

describe('WebAssembly SIMD kernel', () => {
  it('its bytes are exactly what its source assembles to', () => {
    const src = readFileSync(new URL('../../src/nn/simd.ts', import.meta.url), 'utf8');
    const hex = /const WASM =\s*'([^']+)'/.exec(src)![1];
    expect(hex).toBe(Buffer.from(denseKernelBytes()).toString('hex'));
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
