import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { grouping, layout, NODE_W, type Layout } from '../../src/art/layout';

const HALF_H = 1.2; // the diamond is the tallest node: 1.2 r above and below its centre

interface Rect { x0: number; y0: number; x1: number; y1: number }
const nodeRect = (x: number, y: number, r: number): Rect => ({ x0: x - NODE_W * r, y0: y - HALF_H * r, x1: x + NODE_W * r, y1: y + HALF_H * r });
const overlap = (a: Rect, b: Rect) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
const inside = (a: Rect, B: { x: number; y: number; w: number; h: number }) =>
  a.x0 >= B.x - 1e-9 && a.y0 >= B.y - 1e-9 && a.x1 <= B.x + B.w + 1e-9 && a.y1 <= B.y + B.h + 1e-9;

function nodes(L: Layout): Rect[] {
  return L.cols.flatMap((c) => c.xs.map((x, j) => nodeRect(x, c.ys[j], L.r)));
}

const arb = fc.record({
  w: fc.integer({ min: 120, max: 4000 }),
  h: fc.integer({ min: 120, max: 4000 }),
  counts: fc.array(fc.integer({ min: 1, max: 24 }), { minLength: 2, maxLength: 11 }),
  chars: fc.integer({ min: 1, max: 24 }),
  margin: fc.double({ min: 0.05, max: 0.11, noNaN: true }),
  jitter: fc.double({ min: 0, max: 0.22, noNaN: true }),
  nodeScale: fc.double({ min: 0.75, max: 1.25, noNaN: true }),
  noise: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
});

const noiseOf = (n: number) => (k: number, j: number) => {
  let h = Math.imul(n ^ (k * 0x9e3779b1), 0x85ebca6b) ^ Math.imul(j + 7, 0xc2b2ae35);
  h ^= h >>> 15;
  return (Math.imul(h, 0x2c1b3c6d) >>> 0) / 4294967296;
};

type Params = typeof arb extends fc.Arbitrary<infer T> ? T : never;
function build(p: Params): Layout {
  return layout(p.w, p.h, p.counts, p.chars, { margin: p.margin, jitter: p.jitter, nodeScale: p.nodeScale }, noiseOf(p.noise));
}

describe('grouping', () => {
  it('folds wide layers into at most 24 drawn nodes that cover every neuron', () => {
    for (const units of [1, 5, 20, 24, 25, 100, 128, 1000]) {
      const { count: n, size } = grouping(units);
      expect(n).toBeLessThanOrEqual(24);
      expect(n * size).toBeGreaterThanOrEqual(units);
      expect((n - 1) * size).toBeLessThan(units);
      if (units <= 24) expect([n, size]).toEqual([units, 1]);
    }
  });
});

describe('layout', () => {
  it('insets the sheet by the margin on every side', () => {
    const L = layout(1000, 600, [10, 8, 4], 11, { margin: 0.08 });
    expect(L.sheet).toEqual({ x: 48, y: 48, w: 904, h: 504 });
  });

  it('keeps nodes apart, on the sheet and off the input, for any aspect ratio, widths and jitter', () => {
    fc.assert(
      fc.property(arb, (p) => {
        const L = build(p);
        expect(L.r).toBeGreaterThan(0);
        const all = nodes(L);
        for (const n of all) expect(inside(n, L.sheet)).toBe(true);
        const I = { x0: L.input.x, y0: L.input.y, x1: L.input.x + L.input.w, y1: L.input.y + L.input.h };
        expect(inside(I, L.sheet)).toBe(true);
        const clashes: string[] = [];
        for (let a = 0; a < all.length; a++) {
          if (overlap(all[a], I)) clashes.push(`node ${a} / input`);
          for (let b = a + 1; b < all.length; b++) if (overlap(all[a], all[b])) clashes.push(`node ${a} / node ${b}`);
        }
        expect(clashes).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('gives every output label its row and room on the sheet', () => {
    fc.assert(
      fc.property(arb, (p) => {
        const L = build(p);
        const out = L.cols[L.cols.length - 1];
        const right = L.sheet.x + L.sheet.w;
        out.xs.forEach((x, j) => {
          expect(x + 2 * L.r + p.chars * 0.6 * L.label).toBeLessThanOrEqual(right);
          if (j) expect(out.ys[j] - out.ys[j - 1]).toBeGreaterThanOrEqual(L.label * 0.99);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('puts the caption on the sheet, a line of paper below the nodes', () => {
    fc.assert(
      fc.property(arb, (p) => {
        const L = build(p);
        const C = L.caption;
        expect(C.x).toBeGreaterThanOrEqual(L.sheet.x);
        expect(C.y + C.h).toBeLessThanOrEqual(L.sheet.y + L.sheet.h + 1e-9);
        for (const n of nodes(L)) expect(n.y1 + L.cap).toBeLessThanOrEqual(C.y + 1e-9);
      }),
      { numRuns: 200 },
    );
  });

  it('scales with the canvas: a resize keeps the composition', () => {
    fc.assert(
      // from 430 px up: below it the caption font stops shrinking (a 6 px floor keeps it legible)
      fc.property(arb, fc.double({ min: 1, max: 4, noNaN: true }), (p, k) => {
        p = { ...p, w: Math.max(430, p.w), h: Math.max(430, p.h) };
        const a = build(p);
        const b = build({ ...p, w: p.w * k, h: p.h * k });
        const close = (x: number, y: number) => expect(Math.abs(x * k - y)).toBeLessThan(1e-6 * Math.max(1, y));
        close(a.r, b.r);
        close(a.caption.y, b.caption.y);
        a.cols.forEach((c, i) => c.ys.forEach((y, j) => (close(c.xs[j], b.cols[i].xs[j]), close(y, b.cols[i].ys[j]))));
        close(a.input.x, b.input.x);
        close(a.input.w, b.input.w);
      }),
      { numRuns: 100 },
    );
  });

  it('centres each column and spaces columns evenly left to right', () => {
    const L = layout(1200, 800, [12, 6, 12, 3], 9);
    const xs = L.cols.map((c) => c.x);
    const d = xs[1] - xs[0];
    for (let i = 1; i < xs.length; i++) expect(xs[i] - xs[i - 1]).toBeCloseTo(d, 9);
    expect(xs[0] - (L.input.x + L.input.w)).toBeCloseTo(d, 9);
    const mid = (c: { ys: number[] }) => (c.ys[0] + c.ys[c.ys.length - 1]) / 2;
    for (const c of L.cols) expect(mid(c)).toBeCloseTo(mid(L.cols[0]), 9);
    expect(L.input.y + L.input.h / 2).toBeCloseTo(mid(L.cols[0]), 9);
  });

  it('moves nodes with the seeded noise, never more than the jitter allows', () => {
    const still = layout(1000, 1000, [10, 10], 5, { jitter: 0 });
    const moved = layout(1000, 1000, [10, 10], 5, { jitter: 0.2 }, noiseOf(42));
    let most = 0;
    moved.cols[0].ys.forEach((y, j) => (most = Math.max(most, Math.abs(y - still.cols[0].ys[j]))));
    expect(most).toBeGreaterThan(0);
    expect(most).toBeLessThanOrEqual(0.2 * moved.pitch + 1e-9);
  });
});
