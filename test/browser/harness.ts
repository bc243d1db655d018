// Browser test harness (docs/testing.md "Browser tests"): real Chromium through playwright-core, the page
// framed as an ord explorer frames it (<iframe sandbox=allow-scripts src=/preview/<id>>), console errors, uncaught
// errors and CSP violations collected from inside the frame, and window.perceptron read from the frame.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';
import {
  chromium, type Browser, type BrowserContext, type ConsoleMessage, type Frame, type Page, type Request, type Response,
} from 'playwright-core';
import { buildInscription, type BuildOptions, type BuildResult } from '../../tools/build/inscription';
import { CONTENT_CSP } from '../../tools/server/csp';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CHROMIUM = '/usr/bin/chromium';
/** The brain the browser tests bake in and serve: a committed copy of a real 2023 brain, stable across fixture work. */
export const TEST_BRAINS_DIR = join(ROOT, 'test/fixtures/brains');
export const TEST_BRAIN = join(TEST_BRAINS_DIR, 'pfp_classifier_15.json');
/** Fixed build inputs of the browser tests (the screenshot depends on them). */
export const TEST_SEED = '3f1c9a7e5b2d4c6e8f0a1b3c5d7e9f1a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d0e';
export const TEST_BIRTH_HEIGHT = 870000;

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--font-render-hinting=none', '--force-color-profile=srgb', '--hide-scrollbars'],
  });
}

/** Builds the art page into a temp dir (the tests never depend on the committed inscription.html). */
export async function buildTestPage(opts: BuildOptions = {}): Promise<BuildResult & { dir: string; path: string; cleanup(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'perceptrons-browser-'));
  const path = join(dir, 'inscription.html');
  const r = await buildInscription({ root: ROOT, brain: TEST_BRAIN, seed: TEST_SEED, birthHeight: TEST_BIRTH_HEIGHT, ...opts, out: path });
  return { ...r, dir, path, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** What the harness saw while the page ran. */
export interface Framed {
  context: BrowserContext;
  page: Page;
  /** The framed inscription. */
  frame: Frame;
  /** console.error messages from any frame, CSP reports excepted. */
  consoleErrors: string[];
  /** Uncaught exceptions and unhandled rejections in any frame. */
  uncaught: string[];
  /** CSP violations: Chromium's console reports, then (after problems()) the frame's securitypolicyviolation events. */
  cspViolations: string[];
  /** Response headers of the framed document (as an explorer's /preview/<id> sent them). */
  previewHeaders: { name: string; value: string }[];
  /** Every request the frame made (paths when on the server's origin), for asserting "same origin only". */
  requests: string[];
  /** All problems together: console errors, uncaught errors and CSP violations (deduplicated). */
  problems(): Promise<string[]>;
  /** Frees the page (recycled for the next openFramed unless it was isolated). */
  close(): Promise<void>;
}

export interface OpenOptions {
  viewport?: { width: number; height: number };
  /** Runs on the page before anything loads: install page.route() fault injection here (it reaches the iframe). */
  setup?: (page: Page) => Promise<unknown>;
  /** A fresh browser context of its own (needed for page.clock, which cannot be undone). */
  isolated?: boolean;
  /** Wait until the frame's window.perceptron exists (default true). */
  waitForState?: boolean;
  /** Path to frame instead of /preview/<id> (e.g. one served by `serve`). */
  path?: string;
  /**
   * Answer `path` with what the server sends for this other path (e.g. `/content/<id>`): the art outside /content/<id>,
   * so that ?hash= can fix its seed.
   */
  answerFrom?: string;
}

/** ord's two CSP headers on /content and /preview (the preview server's constant). */
export const ORD_CSP = CONTENT_CSP;

// Runs in every frame before its own scripts: records CSP violations and uncaught errors where the harness can read them.
const COLLECTOR = `(() => {
  const log = (kind, msg) => { (window.__harness = window.__harness || []).push(kind + ': ' + msg); };
  document.addEventListener('securitypolicyviolation', (e) => log('csp', e.violatedDirective + ' blocked ' + e.blockedURI + ' (' + (e.sourceFile || '') + ':' + e.lineNumber + ')'), true);
  window.addEventListener('error', (e) => log('uncaught', (e.error && e.error.stack) || e.message), true);
  window.addEventListener('unhandledrejection', (e) => log('uncaught', 'unhandled rejection: ' + ((e.reason && e.reason.stack) || e.reason)));
})();`;

const HARNESS_PATH = '/__harness__/explorer.html';

// One browser per test worker, one shared context, and a pool of idle pages: starting a renderer costs about a second.
let browserPromise: Promise<Browser> | null = null;
let sharedContext: Promise<BrowserContext> | null = null;
const idle: Page[] = [];

export function sharedBrowser(): Promise<Browser> {
  browserPromise ??= launchBrowser();
  return browserPromise;
}

async function newContext(): Promise<BrowserContext> {
  const context = await (await sharedBrowser()).newContext({ viewport: { width: 480, height: 480 }, deviceScaleFactor: 1 });
  await context.addInitScript(COLLECTOR);
  return context;
}

/** Closes the shared browser (call in afterAll). */
export async function closeBrowser(): Promise<void> {
  const b = browserPromise;
  browserPromise = null;
  sharedContext = null;
  idle.length = 0;
  if (b) await (await b).close();
}

/**
 * Frames /preview/<id> (default: the server's art) in an explorer-like page, as ordinals.com does:
 * `<iframe sandbox=allow-scripts>` on the server's origin, the explorer page itself answered by the harness.
 */
export async function openFramed(
  server: { url: string; artId: string },
  id: string = server.artId,
  query = '',
  opts: OpenOptions = {},
): Promise<Framed> {
  const viewport = opts.viewport ?? { width: 480, height: 480 };
  let context: BrowserContext;
  let page: Page;
  if (opts.isolated) {
    context = await newContext();
    page = await context.newPage();
  } else {
    sharedContext ??= newContext();
    context = await sharedContext;
    page = idle.pop() ?? (await context.newPage());
  }
  await page.setViewportSize(viewport);
  const base = server.url.replace(/\/$/, '');
  const framedPath = (opts.path ?? `/preview/${id}`) + (query ? (query.startsWith('?') ? query : `?${query}`) : '');
  await page.route(base + HARNESS_PATH, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><style>html,body{margin:0;background:#000}iframe{border:0;display:block;width:${viewport.width}px;height:${viewport.height}px}</style>` +
        `<iframe sandbox=allow-scripts src="${framedPath}"></iframe>`,
    }),
  );
  if (opts.answerFrom !== undefined) {
    // Continue to the server under another path: a real network answer (ord's headers, loopback address space)
    // while the frame keeps the URL it asked for.
    const from = base + opts.answerFrom;
    await page.route(base + framedPath, (route) => route.continue({ url: from }));
  }
  if (opts.setup) await opts.setup(page);
  const consoleErrors: string[] = [];
  const uncaught: string[] = [];
  const cspConsole: string[] = [];
  const requests: string[] = [];
  const previewHeaders: { name: string; value: string }[] = [];
  const onConsole = (msg: ConsoleMessage) => {
    if (msg.type() !== 'error') return;
    const where = msg.location().url ? ` (${msg.location().url})` : '';
    const text = msg.text() + where;
    if (/Content Security Policy/i.test(text)) cspConsole.push(text);
    else consoleErrors.push(text);
  };
  const onPageError = (err: Error) => uncaught.push(err.stack ?? err.message);
  const onRequest = (req: Request) => {
    if (req.frame() !== page.mainFrame()) requests.push(req.url().startsWith(base) ? req.url().slice(base.length) : req.url());
  };
  const onResponse = async (res: Response) => {
    if (res.request().isNavigationRequest() && res.frame() !== page.mainFrame() && previewHeaders.length === 0) {
      previewHeaders.push(...(await res.headersArray().catch(() => [])));
    }
  };
  page.on('console', onConsole);
  page.on('pageerror', onPageError);
  page.on('request', onRequest);
  page.on('response', onResponse);
  await page.goto(base + HARNESS_PATH, { waitUntil: 'load' });
  const frame = page.mainFrame().childFrames()[0];
  if (!frame) throw new Error(`harness: no iframe for ${framedPath}`);
  let closed = false;
  const framed: Framed = {
    context, page, frame, consoleErrors, uncaught, previewHeaders, requests,
    cspViolations: cspConsole,
    async problems() {
      const inFrame = await readCollector(frame);
      const csp = inFrame.filter((m) => m.startsWith('csp: '));
      const errs = inFrame.filter((m) => m.startsWith('uncaught: '));
      framed.cspViolations = [...cspConsole, ...csp];
      return [...new Set([...consoleErrors, ...uncaught, ...errs, ...framed.cspViolations])];
    },
    async close() {
      if (closed) return;
      closed = true;
      if (opts.isolated) return context.close();
      page.off('console', onConsole);
      page.off('pageerror', onPageError);
      page.off('request', onRequest);
      page.off('response', onResponse);
      await page.unrouteAll({ behavior: 'ignoreErrors' });
      await page.goto('about:blank');
      idle.push(page);
    },
  };
  if (opts.waitForState !== false) await waitForPerceptron(framed, () => true, 15_000);
  return framed;
}

async function readCollector(frame: Frame): Promise<string[]> {
  return frame.evaluate(() => ((window as unknown as { __harness?: string[] }).__harness ?? []).slice()).catch(() => []);
}

/** `window.perceptron` as plain data, or null when the page has not defined it (yet). */
export interface PerceptronState {
  seed: string;
  features: Record<string, string | number>;
  stage: string;
  age: number;
  life: number;
  height: number;
  feeRate: number | null;
  brain: { id: string; name: string; classes: string[]; parameters: number };
  prediction: null | { classes: { name: string; p: number }[] };
  ready: boolean;
  [extra: string]: unknown;
}

export async function readPerceptron(framed: Framed | Frame): Promise<PerceptronState | null> {
  const frame = 'frame' in framed ? framed.frame : framed;
  return frame.evaluate(() => {
    const p = (window as unknown as { perceptron?: unknown }).perceptron;
    return p === undefined ? null : (JSON.parse(JSON.stringify(p)) as never);
  });
}

/** Polls window.perceptron until `until(state)` holds; on timeout, throws with the last state seen. */
export async function waitForPerceptron(
  framed: Framed,
  until: (p: PerceptronState) => boolean = (p) => p.ready,
  timeoutMs = 10_000,
): Promise<PerceptronState> {
  const end = Date.now() + timeoutMs;
  let last: PerceptronState | null = null;
  for (;;) {
    last = await readPerceptron(framed).catch(() => null);
    if (last && until(last)) return last;
    if (Date.now() > end) {
      const problems = await framed.problems();
      throw new Error(`window.perceptron did not reach the expected state within ${timeoutMs} ms; last: ${JSON.stringify(last)?.slice(0, 600)}; problems: ${problems.join(' | ')}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The framed page as pixels (a screenshot of the iframe element: works whatever context the canvas uses). */
export async function framePixels(framed: Framed): Promise<PNG> {
  const png = await framed.page.locator('iframe').screenshot({ animations: 'allow' });
  return PNG.sync.read(png);
}

/** How much is drawn: share of pixels that differ from the top-left pixel, and the number of distinct colours. */
export function pixelStats(img: PNG): { drawn: number; colours: number } {
  const d = img.data;
  const [r0, g0, b0] = [d[0], d[1], d[2]];
  let drawn = 0;
  const colours = new Set<number>();
  for (let i = 0; i < d.length; i += 4) {
    if (Math.abs(d[i] - r0) + Math.abs(d[i + 1] - g0) + Math.abs(d[i + 2] - b0) > 12) drawn++;
    colours.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
  }
  return { drawn: drawn / (img.width * img.height), colours: colours.size };
}

/** Visible text of the framed page (overlays, messages). */
export async function frameText(framed: Framed): Promise<string> {
  return framed.frame.evaluate(() => document.body?.innerText ?? '');
}
