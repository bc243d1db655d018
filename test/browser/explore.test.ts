// Ask a neuron, in real Chromium: window.perceptron.neurons lands on the drawn nodes, explain() gives the brain's own
// kernel column, the neuron panel opens by click, by touch and by keyboard as a labelled dialog; the touch hint; death,
// rebirth and three lives as still frames (same height, same pixels; each life its own form).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import pixelmatch from 'pixelmatch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame } from 'playwright-core';
import { startServer } from '../../tools/server/server';
import { decodeDataInscription } from '../../src/nn/index';
import { generateGenome } from '../../src/art/traits';
import { lifeAt } from '../../src/art/life';
import { tokenSeed } from '../../tools/collection/token-seed';
import {
  buildTestPage, closeBrowser, openFramed, ROOT, sharedBrowser, TEST_BIRTH_HEIGHT, TEST_BRAIN, TEST_BRAINS_DIR, waitForPerceptron, type Framed,
} from './harness';
import { panel, waitPanel } from './ui-setup';

type Server = Awaited<ReturnType<typeof startServer>>;
interface N { layer: number; index: number; x: number; y: number; r: number; alive: boolean }

/** Solid square nodes, a 60-day life: a seed whose nodes a pixel check can find (tools/collection/token-seed.ts). */
const SEED = tokenSeed('explain', 8);
const genome = generateGenome(SEED);
const model = decodeDataInscription(readFileSync(TEST_BRAIN, 'utf8'));
const hidden = model.layers.slice(0, -1).map((l) => l.units);
const OUT = join(ROOT, 'test-results');

/** The first height at or after `from` where the page's genome is in `stage` of life `life`, `into` (0..1) through it. */
function heightOf(stage: string, life: number, into = 0.5): number {
  let first = -1;
  for (let h = TEST_BIRTH_HEIGHT; h < TEST_BIRTH_HEIGHT + (life + 1) * genome.lifeBlocks; h += 1) {
    const l = lifeAt(genome, h, TEST_BIRTH_HEIGHT, hidden, 4);
    if (l.life === life && l.stage === stage) {
      if (first < 0) first = h;
      if (l.progress >= into) return h;
    } else if (first >= 0) return h - 1;
  }
  throw new Error(`no ${stage} in life ${life}`);
}

let server: Server;
let page: Awaited<ReturnType<typeof buildTestPage>>;
beforeAll(async () => {
  page = await buildTestPage();
  server = await startServer({ port: 0, html: page.path, brainsDir: TEST_BRAINS_DIR, height: heightOf('stable', 1), fee: 15, quiet: true });
});
afterAll(async () => {
  await closeBrowser();
  await server?.close();
  page?.cleanup();
});

/** The art with SEED (served outside /content/<id> so that ?hash= fixes its seed), still, at `height`. */
async function open(height: number): Promise<Framed> {
  server.setHeight(height);
  const f = await openFramed(server, server.artId, `still=1&hash=${SEED}`, { path: '/__harness__/art/still.html', answerFrom: `/content/${server.artId}` });
  await waitForPerceptron(f, (s) => s.ready && s.height === height, 15_000);
  return f;
}

async function canvasPng(frame: Frame): Promise<PNG> {
  const url = await frame.evaluate(() => document.querySelector('canvas')!.toDataURL('image/png'));
  return PNG.sync.read(Buffer.from(url.slice(url.indexOf(',') + 1), 'base64'));
}

const neurons = (frame: Frame): Promise<N[]> => frame.evaluate(() => (window as unknown as { perceptron: { neurons: N[] } }).perceptron.neurons);

describe('ask a neuron', () => {
  let f: Framed;
  beforeAll(async () => {
    f = await open(heightOf('stable', 1));
  });
  afterAll(() => f?.close());

  it('lists every hidden neuron where it is drawn: each position lands on a solid node (pixel check)', async () => {
    const ns = await neurons(f.frame);
    expect(ns.map((n) => [n.layer, n.index])).toEqual(hidden.flatMap((u, l) => Array.from({ length: u }, (_, i) => [l, i])));
    expect(ns.every((n) => n.alive && n.r > 2)).toBe(true);
    const png = await canvasPng(f.frame);
    const at = (x: number, y: number) => {
      const i = (Math.round(y) * png.width + Math.round(x)) * 4;
      return [png.data[i], png.data[i + 1], png.data[i + 2]];
    };
    const paper = at(png.width * 0.15, png.height * 0.15);
    const far = (c: number[], d: number[]) => Math.abs(c[0] - d[0]) + Math.abs(c[1] - d[1]) + Math.abs(c[2] - d[2]);
    for (const n of ns) {
      // the node's inside: one colour, not the paper; half a node further out on every side the colours change
      const inside = [[0, 0], [0.4, 0], [-0.4, 0], [0, 0.4], [0, -0.4]].map(([dx, dy]) => at(n.x + dx * n.r, n.y + dy * n.r));
      expect(far(inside[0], paper), `neuron ${n.layer},${n.index} at ${n.x},${n.y}`).toBeGreaterThan(60);
      for (const c of inside) expect(far(c, inside[0])).toBeLessThan(30);
    }
    // a test that can fail: a position off by two radii is not on a node
    const off = ns.filter((n) => far(at(n.x, n.y + 2 * n.r), at(n.x, n.y)) < 30 && far(at(n.x, n.y + 2 * n.r), paper) > 60);
    expect(off.length).toBeLessThan(ns.length);
  });

  it('explain(layer, index) gives the first layer kernel column exactly, and says what it pushes', async () => {
    const { kernel, units, inputs } = model.layers[0];
    for (const j of [0, 7]) {
      const e = await f.frame.evaluate((j) => (window as unknown as { perceptron: { explain(l: number, i: number): unknown } }).perceptron.explain(0, j), j) as {
        field: number[]; activation: number | null; rank: number | null; contributions: { name: string; value: number }[]; bornAt: number; diesAt: number; alive: boolean;
      };
      expect(e.field).toHaveLength(inputs);
      expect(e.field).toEqual(Array.from({ length: inputs }, (_, x) => kernel[x * units + j]));
      expect(e.contributions.map((c) => c.name)).toEqual(model.classes);
      expect([e.activation, e.rank, e.alive]).toEqual([null, null, true]);
      expect(e.bornAt).toBeLessThan(e.diesAt);
    }
    const bad = await f.frame.evaluate(() => {
      try {
        (window as unknown as { perceptron: { explain(l: number, i: number): unknown } }).perceptron.explain(2, 0);
        return '';
      } catch (e) {
        return (e as Error).message;
      }
    });
    expect(bad).toMatch(/no hidden neuron \(2, 0\)/);
  });

  it('opens the neuron panel, a labelled dialog, by a click on the node; Escape closes it', async () => {
    const [n] = (await neurons(f.frame)).filter((n) => n.layer === 1);
    const box = (await f.page.locator('iframe').boundingBox())!;
    const before = await canvasPng(f.frame);
    await f.page.mouse.click(box.x + n.x, box.y + n.y);
    const text = await waitPanel(f.frame, 'neuron', /Pushes up/);
    expect(await f.frame.locator('.hint').isVisible()).toBe(false);
    expect(text).toMatch(/Life\s*alive · born at block/);
    const d = f.frame.locator('[role=dialog]');
    expect([await d.getAttribute('aria-modal'), await d.getAttribute('aria-label')]).toEqual(['true', `Neuron ${n.index + 1} of layer 2`]);
    expect(await f.frame.locator('[role=dialog] canvas[role=img]').getAttribute('aria-label')).toMatch(/receptive field/);
    expect(Buffer.compare((await canvasPng(f.frame)).data, before.data), 'the asked neuron is highlighted').not.toBe(0);
    await f.page.keyboard.press('Escape');
    expect((await panel(f.frame)).name).toBe('');
    expect(Buffer.compare((await canvasPng(f.frame)).data, before.data), 'closing the panel a click opened ends the highlight').toBe(0);
    // and so does its ×
    await f.page.mouse.click(box.x + n.x, box.y + n.y);
    await waitPanel(f.frame, 'neuron', /Pushes up/);
    await f.frame.locator('[role=dialog] .x').click();
    expect((await panel(f.frame)).name).toBe('');
    expect(Buffer.compare((await canvasPng(f.frame)).data, before.data), 'the × ends the highlight too').toBe(0);
    // a click beside the nodes is the old tap: info
    await f.page.mouse.click(box.x + 30, box.y + 30);
    await waitPanel(f.frame, 'info');
    await f.page.keyboard.press('Escape');
  });

  it('by keyboard: E explores (highlight drawn), arrows move, Enter opens, the panel follows the arrows, Escape twice leaves', async () => {
    await f.frame.locator('canvas').focus();
    const before = await canvasPng(f.frame);
    await f.page.keyboard.press('e');
    const lit = await canvasPng(f.frame);
    expect(pixelmatch(before.data, lit.data, undefined, before.width, before.height, { threshold: 0.1 })).toBeGreaterThan(50);
    await f.page.keyboard.press('ArrowDown');
    await f.page.keyboard.press('ArrowDown');
    await f.page.keyboard.press('Enter');
    await waitPanel(f.frame, 'neuron');
    expect(await f.frame.locator('[role=dialog]').getAttribute('aria-label')).toBe('Neuron 3 of layer 1');
    await f.page.keyboard.press('ArrowRight');
    await f.frame.waitForFunction(() => document.querySelector('[role=dialog]')?.getAttribute('aria-label') === 'Neuron 1 of layer 2');
    await f.page.keyboard.press('Escape');
    expect((await panel(f.frame)).name).toBe('');
    await f.page.keyboard.press('Escape');
    const after = await canvasPng(f.frame);
    expect(Buffer.compare(after.data, before.data)).toBe(0); // the highlight is gone
    // arrows and Enter do nothing outside explore mode
    await f.page.keyboard.press('Enter');
    expect((await panel(f.frame)).name).toBe('');
    expect(await f.problems()).toEqual([]);
  });
});

describe('on a touch screen', () => {
  it('the hint says what a finger does, and a tap on a node opens its panel', async () => {
    const context = await (await sharedBrowser()).newContext({ viewport: { width: 480, height: 480 }, hasTouch: true, isMobile: true, deviceScaleFactor: 1 });
    try {
      server.setHeight(heightOf('stable', 1));
      const p = await context.newPage();
      await p.goto(`${server.url.replace(/\/$/, '')}/content/${server.artId}?still=1`);
      await p.waitForFunction(() => (window as unknown as { perceptron?: { ready: boolean } }).perceptron?.ready);
      expect(await p.locator('.hint').textContent()).toMatch(/tap a neuron to ask what it does · tap: info · long press/);
      const [n] = await p.evaluate(() => (window as unknown as { perceptron: { neurons: N[] } }).perceptron.neurons);
      await p.touchscreen.tap(n.x, n.y);
      await waitPanel(p.mainFrame(), 'neuron', /Pushes down/);
    } finally {
      await context.close();
    }
  });
});

describe('death, rebirth and each life a new form (still frames)', () => {
  /** The canvas at a height, loaded twice: the same height gives the same pixels. */
  async function frameAt(height: number, name: string): Promise<PNG> {
    const shots: PNG[] = [];
    for (let i = 0; i < 2; i++) {
      const f = await open(height);
      shots.push(await canvasPng(f.frame));
      expect(await f.problems()).toEqual([]);
      await f.close();
    }
    expect(Buffer.compare(shots[0].data, shots[1].data), `${name}: two loads differ`).toBe(0);
    mkdirSync(OUT, { recursive: true });
    writeFileSync(join(OUT, `explore-${name}.png`), PNG.sync.write(shots[0]));
    return shots[0];
  }
  const differ = (a: PNG, b: PNG) => pixelmatch(a.data, b.data, undefined, a.width, a.height, { threshold: 0.1 }) / (a.width * a.height);

  it('dead scatters the remains, rebirth gathers a network, and lives 1, 2, 3 at the same age look different', async () => {
    const stable = await frameAt(heightOf('stable', 1), 'life1');
    const dead = await frameAt(heightOf('dead', 1, 0.5), 'dead');
    const rebirth = await frameAt(heightOf('rebirth', 1, 0.6), 'rebirth');
    // the same age in the next lives: as many blocks after their first block
    const age = Math.round(lifeAt(genome, heightOf('stable', 1), TEST_BIRTH_HEIGHT, hidden).age * genome.lifeBlocks);
    const life2 = await frameAt(heightOf('growing', 2, 0) + age, 'life2');
    const life3 = await frameAt(heightOf('growing', 3, 0) + age, 'life3');
    expect(differ(stable, dead)).toBeGreaterThan(0.02);
    expect(differ(dead, rebirth)).toBeGreaterThan(0.02);
    expect(differ(stable, life2)).toBeGreaterThan(0.1);
    expect(differ(life2, life3)).toBeGreaterThan(0.1);
    expect(differ(stable, life3)).toBeGreaterThan(0.1);
  });
});
