// Shared set-up of the UI browser tests: the test page built once per file, a brains directory with good, bad and
// hostile brains, the preview server, and helpers that act like a viewer (keys, drop, paste) on the framed page.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { decodeDataInscription, encodeDataInscription, type Model } from '../../src/nn/index';
import { generateGenome } from '../../src/art/traits';
import { lifeAt } from '../../src/art/life';
import { startServer, type PreviewServer } from '../../tools/server/server';
import { contentId } from '../../tools/build/ids';
import { seedOf } from '../../src/chain/index';
import { buildTestPage, closeBrowser, openFramed, ROOT, TEST_BIRTH_HEIGHT, TEST_BRAIN, waitForPerceptron, type Framed, type OpenOptions } from './harness';
import type { TestImage } from './ui-images';

export const XSS = ['<img src=x onerror="window.__pwned=1">', '<script>window.__pwned=2</script>', '"><svg onload="window.__pwned=3">',
  '<iframe src="javascript:window.__pwned=4">'];

/** The ID the preview server gives a file's bytes (sha256 + i0). */
export const imageId = (img: TestImage): string => contentId(img.bytes);

export const defaultModel = (): Model => decodeDataInscription(readFileSync(TEST_BRAIN, 'utf8'));

/** Brains the server offers besides the default: another real brain, broken ones and one with hostile text. */
function writeBrains(dir: string, brain: string): void {
  copyFileSync(brain, join(dir, 'default.json'));
  copyFileSync(join(ROOT, 'fixtures/original-brains/artblock_classifier_triangle.json'), join(dir, 'other.json'));
  const bad = JSON.parse(readFileSync(TEST_BRAIN, 'utf8'));
  delete bad.weight_b64;
  writeFileSync(join(dir, 'invalid.json'), JSON.stringify(bad));
  writeFileSync(join(dir, 'notjson.txt'), 'this is not a brain');
  const m = defaultModel();
  writeFileSync(join(dir, 'xss.json'), JSON.stringify(encodeDataInscription({ ...m, name: XSS[0] + 'x'.repeat(300), classes: XSS })));
  // long unbroken names and an unterminated right-to-left override (layout and direction tests)
  const classes = m.classes.map((c, i) => (i === 0 ? 'C'.repeat(60) : i === 1 ? 'Nouns\u202E' : c));
  writeFileSync(join(dir, 'long.json'), JSON.stringify(encodeDataInscription({ ...m, name: 'N'.repeat(59) + '\u202E', classes })));
}

/** Heights where the test genome decays with some (not all) neurons of every hidden layer alive, is dead, is stable (all alive). */
export function chosenHeights(seed: string): { partial: number; dead: number; stable: number } {
  const g = generateGenome(seed);
  const hidden = defaultModel().layers.slice(0, -1).map((l) => l.units);
  let partial = -1;
  let dead = -1;
  let stable = -1;
  // A life is 1440 steps; the shortest stage (dead) lasts one. Half-step strides find every stage in a few thousand
  // calls whatever the life cycle (60 days to 60 years).
  const stride = Math.max(1, Math.floor(g.lifeBlocks / 2880));
  for (let h = TEST_BIRTH_HEIGHT; h < TEST_BIRTH_HEIGHT + 2 * g.lifeBlocks && (partial < 0 || dead < 0 || stable < 0); h += stride) {
    const life = lifeAt(g, h, TEST_BIRTH_HEIGHT, hidden, 4);
    const alive = life.alive.neurons.map((n) => (n ? n.reduce((a, b) => a + b, 0) : Infinity));
    if (partial < 0 && life.stage === 'decaying' && alive.every((a) => a > 0) && alive.some((a, i) => a < hidden[i])) partial = h;
    if (dead < 0 && life.stage === 'dead') dead = h;
    if (stable < 0 && life.stage === 'stable') stable = h;
  }
  if (partial < 0 || dead < 0 || stable < 0) throw new Error('test genome: no partial, dead or stable height found');
  return { partial, dead, stable };
}

export interface Setup {
  server: PreviewServer;
  /** The built page (no embedded brain). */
  html: string;
  ids: { default: string; other: string; invalid: string; notjson: string; xss: string; long: string; missing: string };
  close(): Promise<void>;
}

/** Builds the page with `brain` as its default and serves it with the test brains, `images` (given to the page by
 * give()) and any `extra` files (served as inscriptions too: server.brainIds[name]). */
export async function setUp(images: TestImage[], brain = TEST_BRAIN, extra: Record<string, Uint8Array> = {}): Promise<Setup> {
  const page = await buildTestPage({ brain });
  const brainsDir = mkdtempSync(join(tmpdir(), 'perceptrons-ui-brains-'));
  writeBrains(brainsDir, brain);
  for (const [name, bytes] of Object.entries(extra)) writeFileSync(join(brainsDir, name), bytes);
  mkdirSync(join(brainsDir, 'images'));
  for (const [i, img] of images.entries()) writeFileSync(join(brainsDir, 'images', `${i}-${img.name}`), img.bytes);
  const server = await startServer({ html: page.path, brainsDir, fee: 12, port: 0, quiet: true });
  const b = server.brainIds;
  const ids = { default: b['default.json'], other: b['other.json'], invalid: b['invalid.json'], notjson: b['notjson.txt'], xss: b['xss.json'], long: b['long.json'],
    missing: 'f'.repeat(64) + 'i0' };
  if (ids.default !== page.config.brainId) throw new Error('the served default brain is not the one baked in');
  return {
    server, ids, html: page.html,
    async close() {
      await server.close();
      page.cleanup();
      rmSync(brainsDir, { recursive: true, force: true });
    },
  };
}

/**
 * A test file's page: setUp() with these images (and brain), the chain at the `stage` height of the page's own seed
 * (chosenHeights), the art opened framed in still mode and ready. closePage() ends it all.
 */
export async function openPage(images: TestImage[], o: { stage: 'partial' | 'stable'; brain?: string; open?: OpenOptions; extra?: Record<string, Uint8Array> }): Promise<{ env: Setup; f: Framed }> {
  const env = await setUp(images, o.brain, o.extra);
  env.server.setHeight(chosenHeights(seedOf(env.server.artId))[o.stage]);
  const f = await openFramed(env.server, env.server.artId, 'still=1', o.open);
  await waitForPerceptron(f);
  return { env, f };
}

export async function closePage(env: Setup | undefined, f: Framed | undefined): Promise<void> {
  await f?.close();
  await closeBrowser();
  await env?.close();
}

/** Focuses the artwork as a viewer's click would (without the click's tap action), then presses keys. */
export async function press(f: Framed, ...keys: string[]): Promise<void> {
  await f.frame.evaluate(() => {
    const a = document.activeElement;
    if (!a || a === document.body) document.querySelector('canvas')!.focus();
  });
  for (const k of keys) await f.page.keyboard.press(k);
}

/**
 * Drops (or pastes) a file onto the artwork, as a drag from the desktop does. The bytes come from the server
 * (the test images are served like inscriptions), so the test itself does no heavy work on the page's thread.
 */
export async function give(frame: Frame, img: TestImage, how: 'drop' | 'paste' = 'drop'): Promise<void> {
  const url = `/content/${imageId(img)}`;
  await frame.evaluate(async ([url, name, type, how]) => {
    const bytes = await (await fetch(url)).arrayBuffer();
    const dt = new DataTransfer();
    dt.items.add(new File([bytes], name, { type }));
    const canvas = document.querySelector('canvas')!;
    if (how === 'paste') canvas.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    else {
      canvas.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
      canvas.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }
  }, [url, img.name, img.type, how] as const);
}

/** The open panel's name and text ('' when none). */
export async function panel(frame: Frame): Promise<{ name: string; text: string }> {
  return frame.evaluate(() => {
    const p = document.querySelector<HTMLElement>('[role=dialog]');
    return { name: p?.dataset.panel ?? '', text: p?.innerText ?? '' };
  });
}

export async function waitPanel(frame: Frame, name: string, text: RegExp = /./, timeout = 20_000): Promise<string> {
  const h = await frame.waitForFunction(([name, src]) => {
    const p = document.querySelector<HTMLElement>('[role=dialog]');
    return p && p.dataset.panel === name && new RegExp(src).test(p.innerText) ? p.innerText : false;
  }, [name, text.source] as const, { timeout });
  return (await h.jsonValue()) as string;
}

/** Waits until the status line (toast) matches. */
export async function waitToast(frame: Frame, text: RegExp): Promise<string> {
  const h = await frame.waitForFunction((src) => {
    const t = document.querySelector('.toast')?.textContent ?? '';
    return new RegExp(src).test(t) ? t : false;
  }, text.source, { timeout: 20_000 });
  return (await h.jsonValue()) as string;
}

/** The pixels the page says the network last saw (the non-enumerable test hook), and its birth height. The test
 * brains take square RGB images, so the side is sqrt(pixels / 3). */
export async function seen(frame: Frame): Promise<{ birthHeight: number; input: { width: number; height: number; pixels: number[] } | null }> {
  return frame.evaluate(() => {
    const d = (window as unknown as { perceptron: { _debug: { birthHeight: number; pixels?: Uint8ClampedArray | null } } }).perceptron._debug;
    const side = Math.sqrt((d.pixels?.length ?? 0) / 3);
    return { birthHeight: d.birthHeight, input: d.pixels ? { width: side, height: side, pixels: [...d.pixels] } : null };
  });
}
