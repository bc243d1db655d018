// Each life a different form, and death as an event, on the portrait lab: lives 1, 2 and 3 of one seed at the same age
// differ visibly (layout, spacing, bow, paper, gradient) while the same height always gives the same pixels; the end of
// a life goes decaying -> dead (the remains scatter) -> rebirth (the next life gathers) -> growing.
// UPDATE_DOCS=1 npx vitest run test/browser/lives writes the strips docs/genome.md shows (docs/images/lives.png, death.png).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pixelmatch from 'pixelmatch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePng, openLab, type Lab, type Spec } from '../../tools/gallery/lab';
import { indexedPng } from '../../tools/gallery/indexed-png';
import { gallerySeed } from '../../tools/gallery/moments';
import { generateGenome } from '../../src/art/traits';
import { lifeAt } from '../../src/art/life';
import { ROOT } from './harness';

const SEED = gallerySeed(286); // the docs' life-cycle strip seed
const genome = generateGenome(SEED);
const BIRTH = 840_000;
const brain = JSON.parse(readFileSync(join(ROOT, 'fixtures/brains/pfp_classifier_0000.json'), 'utf8'));
const hidden = [10, 8, 10];
const TILE = 300;

/** The first block of life n (the clock read at BIRTH says where life 1 began). */
const lifeStart = (n: number): number => {
  const first = lifeAt(genome, BIRTH, BIRTH, hidden);
  return BIRTH - Math.round(first.age * genome.lifeBlocks) + (n - first.life) * genome.lifeBlocks;
};
/** Height at `k` (0..1440 steps of 1/1440 life) into life n. */
const at = (n: number, k: number) => lifeStart(n) + Math.floor((k * genome.lifeBlocks) / 1440);

let lab: Lab;
beforeAll(async () => {
  lab = await openLab();
});
afterAll(() => lab?.close());

const spec = (height: number): Spec => ({ seed: SEED, height, w: TILE, h: TILE, brain, feeRate: 25, t: 5000 });
const render = (height: number) => lab.page.evaluate((s) => window.portraitLab.render(s), spec(height));
const pixels = (url: string) => decodePng(Buffer.from(url.slice(url.indexOf(',') + 1), 'base64'));
const differ = (a: string, b: string) => {
  const [x, y] = [pixels(a), pixels(b)];
  return pixelmatch(x.data, y.data, undefined, x.width, x.height, { threshold: 0.1 }) / (x.width * x.height);
};

async function strip(urls: string[], labels: string[], name: string): Promise<void> {
  if (process.env.UPDATE_DOCS !== '1') return;
  const sheet = await lab.page.evaluate(([u, l, c, t]) => window.portraitLab.sheet(u, l, c, t), [urls, labels, urls.length, TILE] as const);
  writeFileSync(join(ROOT, 'docs/images', name), indexedPng(Buffer.from(sheet.slice(sheet.indexOf(',') + 1), 'base64')));
}

describe('lives', () => {
  it('lives 1, 2 and 3 at the same age are different forms of the same network; a height always draws the same', async () => {
    const heights = [1, 2, 3].map((n) => at(n, 900)); // stable, 37.5 years old
    expect(heights.map((h) => lifeAt(genome, h, BIRTH, hidden).life)).toEqual([1, 2, 3]);
    const urls: string[] = [];
    for (const h of heights) urls.push(await render(h));
    expect(await render(heights[1])).toBe(urls[1]);
    expect(differ(urls[0], urls[1])).toBeGreaterThan(0.05);
    expect(differ(urls[1], urls[2])).toBeGreaterThan(0.05);
    expect(differ(urls[0], urls[2])).toBeGreaterThan(0.05);
    await strip(urls, heights.map((h, i) => `life ${i + 1} · age 37.5 · block ${h}`), 'lives.png');
  });

  it('the end of a life: the remains scatter as they fade, the next life gathers as seeds', async () => {
    const moments: [number, string][] = [[1430, 'decaying'], [1438.2, 'dead'], [1438.7, 'dead'], [1439.3, 'rebirth'], [1439.8, 'rebirth'], [1440 + 60, 'growing']];
    const urls: string[] = [];
    for (const [k, stage] of moments) {
      expect(lifeAt(genome, at(1, k), BIRTH, hidden).stage).toBe(stage);
      urls.push(await render(at(1, k)));
    }
    // each moment its own picture: the scatter moves on, the gathering closes in
    for (let i = 1; i < urls.length; i++) expect(differ(urls[i - 1], urls[i]), moments[i][1]).toBeGreaterThan(0.01);
    await strip(urls, moments.map(([k, stage]) => `${stage} · block ${at(1, k)}`), 'death.png');
  });
});
