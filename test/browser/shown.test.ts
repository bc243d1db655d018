// How the page is shown decides what it draws (src/ui/shown.ts), in real Chromium with the art framed as an explorer
// frames it: a frame out of view fetches nothing, draws nothing and asks for no animation frame, and starts when scrolled
// into view (src/ui/first-seen.ts); a
// hidden tab stops and resumes; a thumbnail (an explorer's grid cell) draws exactly one still frame, the same pixels as
// still mode, with no controls until the viewer hovers or focuses it, and comes alive while hovered.
// Counted inside the frame: requestAnimationFrame calls, and frames begun (the portrait's copy of its still image onto
// the page's canvas: drawImage(image, x, y)). The test's waits poll on a timer: Playwright's default polling asks the
// frame for animation frames itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Frame, Page } from 'playwright-core';
import { startServer, type PreviewServer } from '../../tools/server/server';
import { buildTestPage, sharedBrowser, closeBrowser, TEST_BRAINS_DIR, TEST_BIRTH_HEIGHT } from './harness';
import { generateGenome } from '../../src/art/traits';
import { lifeAt, type Stage } from '../../src/art/life';
import { seedOf } from '../../src/chain/identity';

const COUNT = `(() => {
  const n = (window.__count = { raf: 0, frames: 0, draws: 0 });
  const raf = window.requestAnimationFrame;
  window.requestAnimationFrame = function (cb) { n.raf++; return raf.call(this, cb); };
  const draw = CanvasRenderingContext2D.prototype.drawImage;
  CanvasRenderingContext2D.prototype.drawImage = function (...a) {
    if (this.canvas.isConnected) {
      n.draws++;
      if (a.length === 3) n.frames++;
    }
    return draw.apply(this, a);
  };
})();`;

interface Count { raf: number; frames: number; draws: number }

let server: PreviewServer;
let page: Awaited<ReturnType<typeof buildTestPage>>;
let context: BrowserContext;

beforeAll(async () => {
  page = await buildTestPage();
  server = await startServer({ port: 0, html: page.path, brainsDir: TEST_BRAINS_DIR, height: TEST_BIRTH_HEIGHT + 1500, fee: 15, quiet: true });
  context = await (await sharedBrowser()).newContext({ viewport: { width: 640, height: 480 }, deviceScaleFactor: 1 });
  await context.addInitScript(COUNT);
});
afterAll(async () => {
  await context?.close();
  await closeBrowser();
  await server?.close();
  page?.cleanup();
});

/** A top page holding the art in one iframe of `side` px, `below` px down the page (the viewport is 480 px high). */
async function explorer(side: number, below = 0, query = '', ready = true, ctx = context): Promise<{ top: Page; frame: Frame }> {
  const top = await ctx.newPage();
  const path = `/__test__/explorer-${side}-${below}.html`;
  await top.route(server.url.replace(/\/$/, '') + path, (r) =>
    r.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><style>body{margin:0;background:#000}iframe{display:block;border:0;width:${side}px;height:${side}px}</style>` +
        `<div style="height:${below}px"></div><iframe sandbox=allow-scripts src="/preview/${server.artId}${query}"></iframe><div style="height:2000px"></div>`,
    }),
  );
  await top.mouse.move(630, 470); // the pointer away from the frame: only a test's own move hovers it
  await top.goto(server.url.replace(/\/$/, '') + path);
  const frame = top.mainFrame().childFrames()[0];
  if (ready) await waitReady(frame);
  return { top, frame };
}

const waitReady = (frame: Frame) =>
  frame.waitForFunction(() => (window as unknown as { perceptron?: { ready: boolean } }).perceptron?.ready, null, { timeout: 20_000, polling: 100 });

const count = (f: Frame): Promise<Count> => f.evaluate(() => ({ ...(window as unknown as { __count: Count }).__count }));
const settle = (top: Page, ms = 600) => top.waitForTimeout(ms);
const canvasPng = (f: Frame): Promise<string> => f.evaluate(() => document.querySelector('canvas')!.toDataURL('image/png'));
const shows = (f: Frame, sel: string): Promise<boolean> => f.evaluate((s) => document.querySelector(s)!.getClientRects().length > 0, sel);

/** Makes the frame's tab hidden or visible again, as the browser would when the viewer switches tabs. */
const tab = (f: Frame, state: 'hidden' | 'visible') =>
  f.evaluate((state) => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => state === 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
  }, state);

describe('a large frame', () => {
  it('out of view: nothing fetched, no frame drawn, no animation frame asked for; scrolled into view: it animates', async () => {
    const { top, frame } = await explorer(480, 1500, '', false);
    try {
      await frame.waitForFunction(() => document.readyState === 'complete', null, { polling: 100 });
      await settle(top, 1000);
      expect(await count(frame)).toEqual({ raf: 0, frames: 0, draws: 0 });
      const fetched = () => frame.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
      expect(await fetched(), 'nothing asked of the chain').toEqual([]);
      await top.evaluate(() => scrollTo(0, 1400));
      await waitReady(frame);
      expect(await fetched(), 'then its record, brain, block…').not.toEqual([]);
      await frame.waitForFunction(() => (window as unknown as { __count: Count }).__count.raf > 5, null, { timeout: 10_000, polling: 100 });
      const a = await count(frame);
      await settle(top);
      const b = await count(frame);
      expect(b.raf, 'the animation runs').toBeGreaterThan(a.raf);
      expect(b.draws, 'and draws').toBeGreaterThan(a.draws);
      // and out of view again: it stops
      await top.evaluate(() => scrollTo(0, 0));
      await settle(top);
      const c = await count(frame);
      await settle(top);
      expect(await count(frame)).toEqual(c);
    } finally {
      await top.close();
    }
  });

  it('in a hidden tab: no animation frames; visible again: it resumes', async () => {
    const { top, frame } = await explorer(480);
    try {
      await frame.waitForFunction(() => (window as unknown as { __count: Count }).__count.raf > 5, null, { timeout: 10_000, polling: 100 });
      await tab(frame, 'hidden');
      await settle(top, 200);
      const a = await count(frame);
      await settle(top);
      expect(await count(frame), 'nothing asked for or drawn while hidden').toEqual(a);
      await tab(frame, 'visible');
      await settle(top);
      const b = await count(frame);
      expect(b.raf).toBeGreaterThan(a.raf);
      expect(b.draws).toBeGreaterThan(a.draws);
    } finally {
      await top.close();
    }
  });
});

describe('a thumbnail (200 px)', () => {
  it('draws exactly one still frame, the pixels of still mode, and no controls until hovered', async () => {
    const still = await explorer(200, 0, '?still=1');
    const expected = await canvasPng(still.frame);
    await still.top.close();
    const { top, frame } = await explorer(200);
    try {
      await settle(top, 1000);
      const c = await count(frame);
      expect(c.frames, 'one frame').toBe(1);
      expect(c.draws, 'and nothing else drawn').toBe(1);
      expect(c.raf, 'no animation').toBe(0);
      expect(await canvasPng(frame), 'the still mode pixels').toBe(expected);
      for (const sel of ['.bar', '.hint']) expect(await shows(frame, sel), `${sel} hidden`).toBe(false);
      // the viewer's pointer over it: the controls, and the animation
      await top.mouse.move(100, 100);
      await frame.waitForFunction(() => (window as unknown as { __count: Count }).__count.raf > 5, null, { timeout: 10_000, polling: 100 });
      expect(await shows(frame, '.bar'), 'buttons while hovered').toBe(true);
      expect(await shows(frame, '.hint'), 'the hint is longer than the frame: never').toBe(false);
      // and away again (headless Chromium tells the frame nothing: the hover lapses): still, and the art alone
      await top.mouse.move(400, 400);
      await frame.waitForFunction(() => document.querySelector('.bar')!.getClientRects().length === 0, null, { timeout: 10_000, polling: 100 });
      await settle(top, 200);
      const a = await count(frame);
      await settle(top);
      expect(await count(frame)).toEqual(a);
    } finally {
      await top.close();
    }
  });

  it('focused (a tap or Tab): the controls show and work', async () => {
    const { top, frame } = await explorer(200);
    try {
      await frame.evaluate(() => document.querySelector('canvas')!.focus());
      await frame.waitForFunction(() => document.querySelector('.bar')!.getClientRects().length > 0, null, { timeout: 5000, polling: 100 });
      await top.keyboard.press('h');
      await frame.waitForFunction(() => (document.querySelector('[role=dialog]') as HTMLElement | null)?.dataset.panel === 'help', null, { timeout: 5000, polling: 100 });
    } finally {
      await top.close();
    }
  });
});

describe('the dead', () => {
  /** A height from `from` on at which the art is at `stage`, in steps of 1/2000 of a life (its seed comes from its
   * ID, its hidden widths from the test brain: 10, 2). */
  const find = (stage: Stage, from: number): number => {
    const genome = generateGenome(seedOf(server.artId)), step = Math.ceil(genome.lifeBlocks / 2000);
    let h = from;
    while (lifeAt(genome, h, TEST_BIRTH_HEIGHT, [10, 2]).stage !== stage) h += step;
    return h;
  };

  it('asks for no animation frames while dead (nothing moves); alive again on a new block, it animates again', async () => {
    const dead = find('dead', TEST_BIRTH_HEIGHT);
    const alive = find('stable', dead); // the next life's

    server.setHeight(dead);
    // a clock of its own: the block watcher's minute passes at once
    const ctx = await (await sharedBrowser()).newContext({ viewport: { width: 640, height: 480 }, deviceScaleFactor: 1 });
    await ctx.clock.install(); // first: COUNT then wraps the clock's own requestAnimationFrame
    await ctx.addInitScript(COUNT);
    const { top, frame } = await explorer(480, 0, '', true, ctx);
    try {
      expect(await frame.evaluate(() => (window as unknown as { perceptron: { stage: string } }).perceptron.stage)).toBe('dead');
      // the page's time runs only as the test moves it: a running loop would ask for 60 frames a second of it
      await ctx.clock.runFor(500);
      const a = await count(frame);
      expect(a.raf, 'the loop ran (its one frame)').toBeGreaterThan(0);
      await ctx.clock.runFor(1000);
      expect(await count(frame), 'no frames asked for or drawn').toEqual(a);
      server.setHeight(alive);
      await ctx.clock.fastForward(70_000); // past the watcher's poll (60 s ± 20 %)
      await frame.waitForFunction(() => (window as unknown as { perceptron: { stage: string } }).perceptron.stage === 'stable', null, { timeout: 10_000, polling: 100 });
      const b = await count(frame);
      await ctx.clock.runFor(1000);
      const c = await count(frame);
      expect(c.raf - b.raf, 'the animation runs again').toBeGreaterThan(30);
      expect(c.draws).toBeGreaterThan(b.draws);
    } finally {
      await ctx.close();
      server.setHeight(TEST_BIRTH_HEIGHT + 1500);
    }
  });
});
