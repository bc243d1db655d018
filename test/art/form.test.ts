import { describe, expect, it } from 'vitest';
import { generateGenome } from '../../src/art/traits';
import { formOf, mix } from '../../src/art/form';
import { paletteNamed } from '../../src/art/palettes';
import { drift, scatterOf } from '../../src/art/death';
import { tokenSeed } from '../../tools/collection/token-seed';

const g = generateGenome(tokenSeed('form', 1));
const counts = [10, 8, 10, 4];

describe('each life a different form', () => {
  it('life 1 is the genome own form, nodes in order', () => {
    const f = formOf(g, 1, counts);
    expect(f.visual).toBe(g.visual);
    expect(f.palette).toBe(paletteNamed(g.palette));
    expect(f.slots).toEqual([10, 8, 10].map((n) => [...Array(n).keys()]));
  });
  it('later lives reseed the layout, the paper and the palette variation, not the traits', () => {
    const [a, b] = [2, 3].map((l) => formOf(g, l, counts));
    for (const f of [a, b]) {
      expect(f.slots.map((s) => [...s].sort((x, y) => x - y))).toEqual([10, 8, 10].map((n) => [...Array(n).keys()]));
      for (const k of ['nodeShape', 'nodeFill', 'paper', 'links', 'pulse', 'stroke'] as const) expect(f.visual[k]).toBe(g.visual[k]);
      expect(f.palette.name).toBe(g.palette);
      expect([...f.palette.nodes].sort()).toEqual([...paletteNamed(g.palette).nodes].sort());
      expect(f.visual.margin).toBeGreaterThanOrEqual(0.05);
      expect(f.visual.margin).toBeLessThanOrEqual(0.11);
    }
    expect(a.slots).not.toEqual(b.slots);
    expect(a.visual.margin).not.toBe(b.visual.margin);
    expect(a.palette.paper).not.toBe(paletteNamed(g.palette).paper);
    expect(formOf(g, 2, counts)).toEqual(a); // same seed and life, same form
  });
  it('mixes colours', () => {
    expect(mix('#000000', '#ffffff', 0.5)).toBe('#808080');
    expect(mix('#102030', '#102030', 0.3)).toBe('#102030');
  });
});

describe('death scatters, rebirth gathers', () => {
  it('scatter runs up through dead and down through rebirth', () => {
    expect(scatterOf('stable', 0.5)).toBe(0);
    expect(scatterOf('dead', 0)).toBeCloseTo(0.15);
    expect(scatterOf('dead', 1)).toBe(1);
    expect(scatterOf('rebirth', 0)).toBeCloseTo(0.9);
    expect(scatterOf('rebirth', 0.95)).toBe(0);
  });
  it('drifts each node away from the centre, seeded, growing with the scatter', () => {
    expect(Math.hypot(...drift(7, 0, 0, 300, 100, 200, 200, 400, 0))).toBe(0);
    const [dx, dy] = drift(7, 1, 2, 300, 100, 200, 200, 400, 1);
    expect(dx * 100 + dy * -100).toBeGreaterThan(0); // outward from the centre (within 46 degrees)
    expect(Math.hypot(dx, dy)).toBeGreaterThanOrEqual(80);
    expect(Math.hypot(dx, dy)).toBeLessThanOrEqual(280);
    expect(drift(7, 1, 2, 300, 100, 200, 200, 400, 1)).toEqual([dx, dy]);
    const half = drift(7, 1, 2, 300, 100, 200, 200, 400, 0.5);
    expect(Math.hypot(...half)).toBeCloseTo(Math.hypot(dx, dy) / 4, 6);
  });
});
