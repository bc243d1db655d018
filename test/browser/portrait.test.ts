// The portrait in real Chromium: every stage, node shape, fill, paper pattern, link style and palette renders;
// the same state gives the same pixels; different traits give visibly different pixels; motion, fee, replay, HiDPI,
// aspect ratios and pausing when hidden.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pixelmatch from 'pixelmatch';
import { readFileSync } from 'node:fs';
import { decodePng, openLab, type Lab, type Spec } from '../../tools/gallery/lab';
import { lifeMoments } from '../../tools/gallery/moments';
import { generateGenome } from '../../src/art/traits';
import { PALETTE_COLOURS } from '../../src/art/palettes';

const SEED = '3c'.repeat(32);
const SIZE = 200;
const BASE: Spec = { seed: SEED, height: 0, w: SIZE, h: SIZE, brain: 'glorot', feeRate: 12, t: 4200, visual: { tilt: 0 } };
const genome = generateGenome(SEED);
const moments = lifeMoments(SEED, 840_000, genome.hidden);
const at = (label: string) => moments.find((m) => m.label.startsWith(label))!.height;
const STABLE = at('stable');

let lab: Lab;
beforeAll(async () => {
  lab = await openLab();
});
afterAll(async () => {
  await lab?.close();
});

async function rgba(spec: Partial<Spec>): Promise<{ data: Uint8Array; width: number; height: number }> {
  const png = decodePng(await lab.render({ ...BASE, height: STABLE, ...spec, visual: { ...BASE.visual, ...spec.visual } }));
  return { data: new Uint8Array(png.data), width: png.width, height: png.height };
}

/** Fraction of pixels that differ visibly (pixelmatch, YIQ threshold 0.05). */
async function difference(a: Partial<Spec>, b: Partial<Spec>): Promise<number> {
  const [x, y] = await Promise.all([rgba(a), rgba(b)]);
  return pixelmatch(x.data, y.data, undefined, x.width, x.height, { threshold: 0.05 }) / (x.width * x.height);
}

/** Pixels of the sheet that are not paper: ink, links, nodes (the caption strip at the bottom excluded). */
async function inked(spec: Partial<Spec>): Promise<number> {
  const { data, width } = await rgba({ ...spec, visual: { paper: 'plain', ...spec.visual } });
  // the paper as this life tints it (form.ts), read off the sheet's top-left corner
  const corner = (Math.round(SIZE * 0.12) * width + Math.round(SIZE * 0.12)) * 4;
  const [pr, pg, pb] = data.slice(corner, corner + 3);
  let n = 0;
  for (let y = Math.round(SIZE * 0.12); y < SIZE * 0.66; y++)
    for (let x = Math.round(SIZE * 0.12); x < SIZE * 0.88; x++) {
      const i = (y * width + x) * 4;
      if (Math.abs(data[i] - pr) + Math.abs(data[i + 1] - pg) + Math.abs(data[i + 2] - pb) > 24) n++;
    }
  return n;
}

describe('portrait in Chromium', () => {
  it('renders the same state to the same pixels', async () => {
    for (const spec of [{}, { input: true, replayAgo: 1200 }, { height: at('decaying'), feeRate: 300 }, { brain: 'none' as const }]) {
      const [a, b] = await Promise.all([lab.render({ ...BASE, height: STABLE, ...spec }), lab.render({ ...BASE, height: STABLE, ...spec })]);
      expect(Buffer.compare(a, b)).toBe(0);
    }
  });

  it('draws every stage: growing fills in, decay thins out, the dead remains scatter, rebirth gathers a new network', async () => {
    const ink: Record<string, number> = {};
    for (const m of moments) ink[m.label] = await inked({ height: m.height, feeRate: null, t: 0 });
    const [g1, g2, g3, stable, d1, d2, d3, dead, rebirth, again] = moments.map((m) => ink[m.label]);
    expect(g1).toBeLessThan(g2);
    expect(g2).toBeLessThan(g3);
    expect(g3).toBeLessThanOrEqual(stable * 1.02);
    expect(d1).toBeLessThan(stable);
    expect(d3).toBeLessThan(d1);
    expect(d2).toBeLessThanOrEqual(d1);
    expect(dead).toBeGreaterThan(0);
    expect(dead).toBeLessThan(stable);
    expect(rebirth).toBeGreaterThan(0);
    expect(rebirth).toBeLessThan(stable); // faint seeds and links, which growing then fills
    expect(again).toBeGreaterThan(g1);
  });

  it('gives every node shape, fill, paper, link style and pulse its own look', async () => {
    const axes: [keyof NonNullable<Spec['visual']>, readonly string[], number][] = [
      ['nodeShape', ['ellipse', 'square', 'diamond'], 0.004],
      ['nodeFill', ['solid', 'outline', 'xray'], 0.01],
      ['paper', ['plain', 'dotted', 'squared'], 0.01],
      ['links', ['straight', 'curved', 'stepped'], 0.02],
      ['pulse', ['sine', 'heartbeat', 'square', 'sawtooth'], 0.0005],
    ];
    for (const [key, values, min] of axes)
      for (let i = 0; i < values.length; i++)
        for (let j = i + 1; j < values.length; j++) {
          const busy = key === 'pulse' ? { feeRate: 400, w: 400, h: 400 } : {}; // many pulses in flight, big enough to see their shape
          const d = await difference({ ...busy, visual: { [key]: values[i] } }, { ...busy, visual: { [key]: values[j] } });
          expect(d, `${key}: ${values[i]} vs ${values[j]}`).toBeGreaterThan(min);
        }
  });

  it('gives every palette its own colours', async () => {
    const names = PALETTE_COLOURS.map((p) => p.name);
    const shots = await Promise.all(names.map((palette) => rgba({ palette })));
    for (let i = 0; i < shots.length; i++)
      for (let j = i + 1; j < shots.length; j++) {
        const d = pixelmatch(shots[i].data, shots[j].data, undefined, SIZE, SIZE, { threshold: 0.05 }) / SIZE ** 2;
        expect(d, `${names[i]} vs ${names[j]}`).toBeGreaterThan(0.03);
      }
  });

  it('draws a different seed differently, and a plugged-in brain as a new face', async () => {
    expect(await difference({}, { seed: 'c3'.repeat(32) })).toBeGreaterThan(0.05);
    expect(await difference({}, { brain: { hidden: [20, 20, 20, 20, 20, 20, 20, 20, 20, 20], classes: 10 } })).toBeGreaterThan(0.05);
    expect(await difference({}, { brain: 'none' })).toBeGreaterThan(0.01);
    // a 2023 brain: 28x28x3 input, 16-14-10-8-10-14-16 leaky, 20 classes, replaying an answer
    const original = JSON.parse(readFileSync('fixtures/original-brains/artblock_classifier_symmetric.json', 'utf8'));
    const spec = { ...BASE, height: STABLE, brain: original, input: true, replayAgo: 2600 };
    const [a, b] = await Promise.all([lab.render(spec), lab.render(spec)]);
    expect(Buffer.compare(a, b)).toBe(0);
    expect(await difference({}, spec)).toBeGreaterThan(0.05);
  });

  it('moves: pulses travel while alive, a busy mempool moves more, the dead lie still', async () => {
    const motion = async (spec: Partial<Spec>) => {
      let sum = 0;
      for (const t of [1000, 3000, 5000]) sum += await difference({ ...spec, t }, { ...spec, t: t + 250 });
      return sum;
    };
    const calm = await motion({ feeRate: null });
    const busy = await motion({ feeRate: 400 });
    expect(calm).toBeGreaterThan(0);
    expect(busy).toBeGreaterThan(calm * 1.5);
    expect(await motion({ height: at('dead') })).toBe(0);
  });

  it('replays a classification: the input image, lit layers and the answer', async () => {
    expect(await difference({ input: true }, { input: true, replayAgo: 2500 })).toBeGreaterThan(0.005);
    expect(await difference({}, { input: true })).toBeGreaterThan(0.002);
  });

  it('fills any aspect ratio', async () => {
    for (const [w, h] of [[320, 120], [120, 320], [64, 64]]) {
      const png = decodePng(await lab.render({ ...BASE, height: STABLE, w, h }));
      expect([png.width, png.height]).toEqual([w, h]);
    }
  });

  it('is crisp on HiDPI (devicePixelRatio pixels per CSS pixel) and follows resizes', async () => {
    const hi = await openLab({ dpr: 2, browser: lab.browser });
    try {
      const png = decodePng(await hi.render({ ...BASE, height: STABLE }));
      expect([png.width, png.height]).toEqual([2 * SIZE, 2 * SIZE]);
      // a CSS-sized canvas follows its box; an unstyled one keeps its size instead of doubling on every resize
      const r = await hi.page.evaluate((s) => window.portraitLab.resizing!(s), { ...BASE, height: STABLE });
      expect(r.before).toEqual([600, 400]);
      expect(r.after).toEqual([1000, 400]);
      expect(r.unstyled).toEqual([600, 300, 300]);
    } finally {
      await hi.close();
    }
  });

  it('pauses while the page is hidden and resumes when shown', async () => {
    const r = await lab.page.evaluate((s) => window.portraitLab.visibility!(s), { ...BASE, height: STABLE });
    expect(r.visible).toBeGreaterThan(1);
    expect(r.hidden).toBe(0);
    expect(r.again).toBeGreaterThan(1);
  });
});
