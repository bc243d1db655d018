// What a collection's grid page costs a collector: ord's /children/<parent> page (100 tokens, ord's thumbnail iframes,
// about 177 px each) in headless Chromium (software raster, --disable-gpu), against the same page with empty frames in
// the same run (the floor of any page of 100 iframes). Measured:
// - time from navigation until every frame in the viewport has drawn its first frame (each frame's first draw onto its
//   own canvas, recorded inside the frame);
// - CPU of the whole browser (every Chromium process: browser, renderers, GPU/viz) over --seconds after that, as
//   CPU-seconds from /proc: far less sensitive than wall time to the other load of a shared machine;
// - the top page's frame times while it scrolls the grid at 8 px a frame;
// then one token framed at 800 px (ord's main iframe), visible and scrolled out of view, against an empty frame.
// The grid is loaded --runs times (default 3), the empty page and the tokens' page in turn: the table gives the median
// run, and the range after it (wall times on two cores shared with the browser's other processes vary by a second).
// Usage: npm run bench:grid -- --collection <dir> [--art inscription.html] [--seconds 10] [--runs 3] [--picture docs/images/grid.png]
// The collection's tokens delegate to its art; the bench serves --art (default: this checkout's inscription.html) as that
// art, so it measures the page as built now. A small collection is enough:
//   npx perceptrons collection --count 100 --epochs 1 --per-class 100 --test-per-class 20 --out /tmp/grid-coll
import { copyFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { startServer, type PreviewServer } from '../tools/server/server';
import { loadCollectionFiles } from '../tools/server/collection';
import { cpuPercent } from './proc-cpu';
import { launchChromium } from '../tools/gallery/lab';

const arg = (name: string, fallback?: string): string | undefined => {
  const i = process.argv.indexOf('--' + name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const collectionDir = arg('collection');
if (!collectionDir) throw new Error('--collection <dir> is required (a directory written by `perceptrons collection`)');
const art = resolve(arg('art', 'inscription.html')!);
const seconds = Number(arg('seconds', '10'));
if (!(seconds >= 2)) throw new Error(`--seconds must be a number >= 2, got ${arg('seconds')}`);
const picture = arg('picture');
const runs = Number(arg('runs', '3'));
if (!(Number.isInteger(runs) && runs >= 1)) throw new Error(`--runs must be a whole number >= 1, got ${arg('runs')}`);
const VIEWPORT = { width: 1280, height: 900 };

// the collection with this checkout's page as its art (same IDs: the tokens delegate to the manifest's art ID)
const dir = mkdtempSync(join(tmpdir(), 'perceptrons-grid-'));
cpSync(resolve(collectionDir), dir, { recursive: true });
const files = loadCollectionFiles(dir);
copyFileSync(art, files.art.file);

/** In every frame, before its scripts: the time (ms since the epoch) of its first draw onto a canvas in its page. */
const FIRST_DRAW = `(() => {
  const draw = CanvasRenderingContext2D.prototype.drawImage;
  CanvasRenderingContext2D.prototype.drawImage = function (...a) {
    if (this.canvas.isConnected) {
      window.__firstDraw = Date.now();
      CanvasRenderingContext2D.prototype.drawImage = draw; // once is enough: no cost on later frames
    }
    return draw.apply(this, a);
  };
})();`;

const EMPTY = '<!doctype html><html lang=en><title>empty</title><body style="margin:0;background:#111"></body></html>';

const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))] ?? NaN;

/** A fresh page; with empty: every /preview/<id> answered by an empty document instead of the token. */
async function open(browser: Browser, empty: boolean): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  await context.addInitScript(FIRST_DRAW);
  const page = await context.newPage();
  if (empty) await page.route(/\/preview\//, (r) => r.fulfill({ contentType: 'text/html', body: EMPTY }));
  return page;
}

// (strings: tsx would wrap functions in a helper the frames do not have)
const LOADED_AT = `performance.timeOrigin + performance.getEntriesByType('navigation')[0].loadEventEnd || undefined`;
const FIRST_DRAW_AT = 'window.__firstDraw';

/** The promise's value, or undefined when it fails or takes longer than ms (a frame still loading has no context). */
const within = <T>(ms: number, p: Promise<T>): Promise<T | undefined> =>
  Promise.race([p.catch(() => undefined), new Promise<undefined>((r) => setTimeout(r, ms))]);

/** Waits until every frame within the viewport has drawn (or, for the empty baseline, has loaded), and says when
 * each did after `start`. Polled once a second: each frame records its own first draw, so polling only costs (it asks
 * each busy frame for an answer, which delays the frames it measures). */
async function untilVisibleDrawn(page: Page, start: number, empty: boolean, timeoutMs = 120_000): Promise<{ all: number; firsts: number[]; visible: number }> {
  const frames: Frame[] = [];
  for (const f of page.mainFrame().childFrames()) {
    const box = await (await f.frameElement()).boundingBox();
    if (box && box.y < VIEWPORT.height && box.y + box.height > 0) frames.push(f);
  }
  if (!frames.length) throw new Error('no frame in the viewport');
  const firsts = new Map<Frame, number>();
  for (;;) {
    for (const f of frames) {
      if (firsts.has(f)) continue;
      const t = await within(250, f.evaluate<number | undefined>(empty ? LOADED_AT : FIRST_DRAW_AT));
      if (typeof t === 'number') firsts.set(f, t - start);
    }
    if (firsts.size === frames.length) return { all: Math.max(...firsts.values()), firsts: [...firsts.values()], visible: frames.length };
    if (Date.now() - start > timeoutMs) {
      const waiting = frames.filter((f) => !firsts.has(f)).map((f) => f.url().slice(-12));
      throw new Error(`${waiting.length} of ${frames.length} visible frames had not drawn after ${timeoutMs} ms: ${waiting.join(', ')}`);
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** How many of the page's frames have loaded a document (ord's frames are lazy: those far below the fold wait). */
const loadedFrames = async (page: Page): Promise<number> =>
  (await Promise.all(page.mainFrame().childFrames().map((f) => within(5000, f.evaluate(`document.readyState === 'complete'`))))).filter(Boolean).length;

/** CPU of the browser over `seconds` from now, in % of one core. */
const cpu = (page: Page): Promise<number> => cpuPercent(() => page.waitForTimeout(seconds * 1000));

/** The top page's frame times (ms) while it scrolls down 8 px a frame for 3 s, then back to the top. (A string: tsx
 * would wrap a named inner function in a helper the page does not have.) */
const SCROLL = `new Promise((done) => {
  const gaps = [];
  let last = performance.now();
  const end = last + 3000;
  const step = (t) => {
    gaps.push(t - last);
    last = t;
    scrollBy(0, 8);
    if (t < end) requestAnimationFrame(step);
    else {
      scrollTo(0, 0);
      done(gaps.slice(1));
    }
  };
  requestAnimationFrame(step);
})`;
const scrolling = (page: Page): Promise<number[]> => page.evaluate(SCROLL) as Promise<number[]>;

interface GridRun { drawnMs: number; loadMs: number; firsts: number[]; visible: number; loaded: number; cpu: number; scroll: number[] }

async function grid(browser: Browser, server: PreviewServer, parent: string, empty: boolean): Promise<GridRun> {
  const page = await open(browser, empty);
  try {
    const start = Date.now();
    await page.goto(`${server.url}children/${parent}`, { waitUntil: 'load' });
    const loadMs = (await page.evaluate<number>(LOADED_AT)) - start; // the grid page's own load event
    const drawn = await untilVisibleDrawn(page, start, empty);
    if (picture && !empty) {
      await page.waitForTimeout(500);
      // ord's column, the rows in view (the page's dark margins left out)
      const box = (await page.locator('main').boundingBox())!;
      await page.screenshot({ path: picture, clip: { x: box.x, y: 0, width: box.width, height: VIEWPORT.height } });
    }
    const c = await cpu(page);
    const loaded = await loadedFrames(page);
    const scroll = await scrolling(page);
    return { drawnMs: drawn.all, loadMs, firsts: drawn.firsts, visible: drawn.visible, loaded, cpu: c, scroll };
  } finally {
    await page.context().close();
  }
}

/** A fresh page holding one token's frame (ord's iframe markup, `css` sizing it, `after` below it), loaded until the
 * frame has drawn (or, empty, loaded): the page, and how long that took from navigation. */
async function frameAlone(browser: Browser, server: PreviewServer, id: string, empty: boolean, css: string, after = ''): Promise<{ page: Page; drawnMs: number }> {
  const page = await open(browser, empty);
  try {
    const body = `<!doctype html><style>body{margin:0;background:#131516}iframe{border:none;${css}}</style>` +
      `<iframe sandbox=allow-scripts loading=lazy src=/preview/${id}></iframe>${after}`;
    await page.route(`${server.url}__bench__/one.html`, (r) => r.fulfill({ contentType: 'text/html', body }));
    const start = Date.now();
    await page.goto(`${server.url}__bench__/one.html`, { waitUntil: 'load' });
    return { page, drawnMs: (await untilVisibleDrawn(page, start, empty)).all };
  } catch (e) {
    await page.context().close();
    throw e;
  }
}

/** One frame at 800 px (ord's main iframe markup): CPU while in view, then scrolled out of view. */
async function single(browser: Browser, server: PreviewServer, id: string, empty: boolean): Promise<{ visible: number; away: number; drawnMs: number }> {
  const { page, drawnMs } = await frameAlone(browser, server, id, empty, 'aspect-ratio:1/1;width:800px', '<div style="height:4000px"></div>');
  try {
    await page.waitForTimeout(500);
    const visible = await cpu(page);
    await page.evaluate(() => scrollTo(0, 2000));
    await page.waitForTimeout(500);
    const away = await cpu(page);
    return { visible, away, drawnMs };
  } finally {
    await page.context().close();
  }
}

/** Navigation to first drawn frame of one token alone at ord's grid cell size, each token in a fresh page (no cache). */
async function thumbnailFirstFrames(browser: Browser, server: PreviewServer, ids: string[], side: number): Promise<number[]> {
  const out: number[] = [];
  for (const id of ids) {
    const { page, drawnMs } = await frameAlone(browser, server, id, false, `width:${side}px;height:${side}px`);
    out.push(drawnMs);
    await page.context().close();
  }
  return out;
}

const server = await startServer({ collectionDir: dir, port: 0, quiet: true });
const browser = await launchChromium();
try {
  const parent = files.parent?.id;
  if (!parent) throw new Error(`${collectionDir}: the collection has no parent (parent.txt), so no /children page`);
  const n = files.tokens.length;
  console.log(`grid bench: ${n} tokens of ${collectionDir}, art ${art}, viewport ${VIEWPORT.width}x${VIEWPORT.height}, ${seconds} s windows, load average ${loadavg()[0].toFixed(1)}`);
  const cell = async () => {
    const p = await open(browser, true);
    await p.goto(`${server.url}children/${parent}`);
    const w = await p.evaluate(() => document.querySelector('iframe')!.getBoundingClientRect().width);
    await p.context().close();
    return w;
  };
  const side = Math.round(await cell());
  console.log(`cells ${side} px (ord's 23% of a 50rem column)`);
  const bases: GridRun[] = [], ourses: GridRun[] = [];
  for (let r = 0; r < runs; r++) {
    bases.push(await grid(browser, server, parent, true));
    ourses.push(await grid(browser, server, parent, false));
  }
  /** The run of median time to all drawn, and the range of that time over the runs. */
  const median = (rs: GridRun[]) => [...rs].sort((a, b) => a.drawnMs - b.drawnMs)[(rs.length - 1) >> 1];
  const range = (rs: GridRun[], f: (r: GridRun) => number) => `${Math.min(...rs.map(f)).toFixed(0)}–${Math.max(...rs.map(f)).toFixed(0)}`;
  const base = median(bases), ours = median(ourses);
  console.log(`${runs} runs each; median run below. All visible drawn after navigation: empty frames ${range(bases, (r) => r.drawnMs)} ms, ` +
    `tokens ${range(ourses, (r) => r.drawnMs)} ms; after the grid's load event: tokens ${range(ourses, (r) => r.drawnMs - r.loadMs)} ms`);
  const ms = (x: number) => x.toFixed(0).padStart(6);
  console.log('\npage                         visible loaded  all drawn   CPU %   scroll p50   p95   max (ms)');
  for (const [name, r] of [['100 empty frames (peer)', base], [`${n} tokens`, ours]] as const) {
    console.log(`${name.padEnd(28)} ${String(r.visible).padStart(7)} ${String(r.loaded).padStart(6)} ${ms(r.drawnMs)} ms ${r.cpu.toFixed(1).padStart(7)}   ${[0.5, 0.95].map((p) => q(r.scroll, p).toFixed(1).padStart(6)).join(' ')} ${Math.max(...r.scroll).toFixed(1).padStart(6)}`);
  }
  console.log(`grid page's load event: ${base.loadMs.toFixed(0)} ms with empty frames, ${ours.loadMs.toFixed(0)} ms with the tokens`);
  console.log(`tokens' first frames after navigation: median ${q(ours.firsts, 0.5).toFixed(0)} ms, last ${ours.drawnMs.toFixed(0)} ms (${((ours.drawnMs - ours.loadMs) / 1000).toFixed(2)} s after the load event)`);
  console.log(`CPU above the peer: ${(ours.cpu - base.cpu).toFixed(1)}% of one core (target: the page at most 15%); all visible drawn ${(ours.drawnMs / 1000).toFixed(2)} s after navigation, ${((ours.drawnMs - ours.loadMs) / 1000).toFixed(2)} s after load (target: within 3 s of load)`);

  const thumbs = await thumbnailFirstFrames(browser, server, files.tokens.slice(0, 12).map((t) => t.id), side);
  console.log(`\none token alone at ${side} px, navigation to its first drawn frame (12 tokens, each a fresh page): median ${q(thumbs, 0.5).toFixed(0)} ms, slowest ${Math.max(...thumbs).toFixed(0)} ms (target 400 ms)`);

  const id = files.tokens[0].id;
  const e = await single(browser, server, id, true);
  const one = await single(browser, server, id, false);
  console.log('\none token at 800 px            CPU % in view   scrolled away   first frame');
  console.log(`${'empty frame (peer)'.padEnd(30)} ${e.visible.toFixed(1).padStart(13)} ${e.away.toFixed(1).padStart(15)}`);
  console.log(`${'token 0'.padEnd(30)} ${one.visible.toFixed(1).padStart(13)} ${one.away.toFixed(1).padStart(15)} ${ms(one.drawnMs)} ms`);
  console.log(`targets: in view at most 8%, scrolled away under 1%`);
  if (picture) console.log(`\npicture: ${picture}`);
} finally {
  await browser.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
