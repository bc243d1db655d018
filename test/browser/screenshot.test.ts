// A still frame for a fixed seed, brain, height and fee against a committed PNG (pixelmatch, small tolerance), so an
// accidental visual change is seen. After an intended change: UPDATE_SCREENSHOTS=1 npx vitest run test/browser/screenshot
// and commit test/fixtures/screenshots/still.png (look at it first). On a mismatch the actual image and a diff are
// written to test-results/.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../tools/server/server';
import {
  buildTestPage, closeBrowser, openFramed, pixelStats, ROOT, TEST_BIRTH_HEIGHT, TEST_BRAINS_DIR, TEST_SEED, waitForPerceptron,
} from './harness';

type Server = Awaited<ReturnType<typeof startServer>>;
const EXPECTED = join(ROOT, 'test/fixtures/screenshots/still.png');
const OUT = join(ROOT, 'test-results');
const HEIGHT = TEST_BIRTH_HEIGHT + 1500;
/** pixelmatch's per-pixel colour threshold, and the share of pixels allowed to differ beyond it. */
const THRESHOLD = 0.1;
const MAX_DIFF_SHARE = 0.002;

let server: Server;
let page: Awaited<ReturnType<typeof buildTestPage>>;
beforeAll(async () => {
  page = await buildTestPage();
  server = await startServer({ port: 0, html: page.path, brainsDir: TEST_BRAINS_DIR, height: HEIGHT, fee: 15, quiet: true });
});
afterAll(async () => {
  await closeBrowser();
  await server?.close();
  page?.cleanup();
});

/**
 * The canvas of a still frame (?still=1: drawFrame(0), no animation). The art is served outside /content/<id> so that
 * ?hash= fixes its seed (at /content/<id> the seed is the inscription's own ID, which changes with every build).
 */
async function stillFrame(): Promise<PNG> {
  const f = await openFramed(server, server.artId, `still=1&hash=${TEST_SEED}`, { path: '/__harness__/art/still.html', answerFrom: `/content/${server.artId}` });
  try {
    const p = await waitForPerceptron(f, (s) => s.ready, 15_000);
    expect(p.seed).toBe(TEST_SEED);
    expect(p.height).toBe(HEIGHT);
    expect(p.brain.parameters).toBeGreaterThan(0);
    expect(await f.problems()).toEqual([]);
    const url = await f.frame.evaluate(() => document.querySelector('canvas')!.toDataURL('image/png'));
    return PNG.sync.read(Buffer.from(url.slice(url.indexOf(',') + 1), 'base64'));
  } finally {
    await f.close();
  }
}

describe('still frame', () => {
  it('is deterministic (two loads give the same pixels) and matches the committed PNG', async () => {
    const a = await stillFrame();
    const b = await stillFrame();
    expect([b.width, b.height]).toEqual([a.width, a.height]);
    expect(Buffer.compare(a.data, b.data), 'two loads of the same still frame differ').toBe(0);
    expect(pixelStats(a).colours).toBeGreaterThan(20);

    if (process.env.UPDATE_SCREENSHOTS === '1') {
      mkdirSync(join(ROOT, 'test/fixtures/screenshots'), { recursive: true });
      writeFileSync(EXPECTED, PNG.sync.write(a));
    }
    if (!existsSync(EXPECTED)) {
      throw new Error(`${EXPECTED} is missing: run UPDATE_SCREENSHOTS=1 npx vitest run test/browser/screenshot, look at it, commit it`);
    }
    const want = PNG.sync.read(readFileSync(EXPECTED));
    expect([a.width, a.height], 'canvas size differs from the committed PNG').toEqual([want.width, want.height]);
    const diff = new PNG({ width: a.width, height: a.height });
    const differing = pixelmatch(a.data, want.data, diff.data, a.width, a.height, { threshold: THRESHOLD });
    const share = differing / (a.width * a.height);
    if (share > MAX_DIFF_SHARE) {
      mkdirSync(OUT, { recursive: true });
      writeFileSync(join(OUT, 'still.actual.png'), PNG.sync.write(a));
      writeFileSync(join(OUT, 'still.diff.png'), PNG.sync.write(diff));
    }
    expect(share, `${differing} pixels differ (see test-results/still.diff.png)`).toBeLessThanOrEqual(MAX_DIFF_SHARE);
  });
});
