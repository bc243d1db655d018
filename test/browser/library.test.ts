// The derivative example (examples/draw.html) in real Chromium, framed as an explorer frames it under ord's CSP, served
// by `perceptrons serve --inscriptions examples`: it imports the library by /content/<lib id>, loads a brain, and a
// drawing on its canvas gets the answer Node's engine gives for the pixels the library read.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLibrary } from '../../tools/build/lib';
import { startServer } from '../../tools/server/server';
import { classify, decodeDataInscription } from '../../src/nn/index';
import { buildTestPage, closeBrowser, openFramed, ROOT } from './harness';

type Server = Awaited<ReturnType<typeof startServer>>;
let server: Server;
let page: Awaited<ReturnType<typeof buildTestPage>>;
let libId: string;
const dir = mkdtempSync(join(tmpdir(), 'perceptrons-example-'));
const BRAIN_FILE = join(ROOT, 'fixtures/brains/pfp_classifier_0000.json');

beforeAll(async () => {
  const lib = await buildLibrary(ROOT);
  writeFileSync(join(dir, 'perceptrons.js'), lib.bytes);
  page = await buildTestPage();
  server = await startServer({
    port: 0, html: page.path, brainsDir: join(ROOT, 'fixtures/brains'), libFile: join(dir, 'perceptrons.js'),
    inscriptionsDir: join(ROOT, 'examples'), quiet: true,
  });
  libId = lib.id;
}, 120_000);
afterAll(async () => {
  await closeBrowser();
  await server?.close();
  page?.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

describe('examples/draw.html', () => {
  it('serves the library and the example as inscriptions, with the content types ord gives them', async () => {
    expect(server.libraryId).toBe(libId);
    const lib = await fetch(`${server.url}content/${libId}`);
    expect(lib.headers.get('content-type')).toBe('text/javascript');
    expect(lib.headers.get('content-security-policy')).toContain("default-src 'self'");
    const example = await fetch(`${server.url}content/${server.inscriptionIds['draw.html']}`);
    expect(example.headers.get('content-type')).toBe('text/html;charset=utf-8');
    expect(Buffer.from(await example.arrayBuffer()).equals(readFileSync(join(ROOT, 'examples/draw.html')))).toBe(true);
  });

  it('classifies a drawing in the sandboxed frame as Node classifies the same pixels', async () => {
    const f = await openFramed(server, server.inscriptionIds['draw.html'], '', { waitForState: false });
    try {
      const output = f.frame.locator('output');
      const canvas = f.frame.locator('canvas');
      await canvas.waitFor();
      // the module has run once the brain is loaded: wait for its handler, then draw a closed loop and a bar
      await f.frame.waitForFunction(() => typeof document.querySelector('canvas')?.onpointerup === 'function', undefined, { timeout: 30_000 });
      const box = (await canvas.boundingBox())!;
      const at = (x: number, y: number) => f.page.mouse.move(box.x + x * box.width, box.y + y * box.height, { steps: 4 });
      await at(0.3, 0.3);
      await f.page.mouse.down();
      for (const [x, y] of [[0.7, 0.3], [0.7, 0.7], [0.3, 0.7], [0.3, 0.3], [0.5, 0.9]]) await at(x, y);
      await f.page.mouse.up();
      await expect.poll(() => output.textContent(), { timeout: 15_000 }).toMatch(/%$/);
      const shown = await output.textContent();

      // the pixels the library read from the canvas, and its whole answer, read in the frame through the same module
      // (a string, so that the test runner's transform leaves this import() alone)
      const seen: { px: number[]; fromBlob: number[]; ranked: { name: string; p: number }[] } = await f.frame.evaluate(`(async () => {
        const L = await import('/content/${libId}');
        const brain = await L.loadBrain('${server.brainIds['pfp_classifier_0000.json']}');
        const c = document.querySelector('canvas');
        const px = await L.pixels(brain, c);
        const blob = await new Promise((ok) => c.toBlob(ok, 'image/png'));
        return { px: Array.from(px), fromBlob: Array.from(await L.pixels(brain, blob)), ranked: await L.classify(brain, c) };
      })()`);

      const model = decodeDataInscription(readFileSync(BRAIN_FILE, 'utf8'));
      const want = classify(model, Uint8ClampedArray.from(seen.px));
      expect(seen.ranked.map((r) => r.name)).toEqual(want.map((r) => r.name));
      seen.ranked.forEach((r, i) => expect(r.p).toBeCloseTo(want[i].p, 6));
      expect(shown).toBe(`${want[0].name} ${(want[0].p * 100).toFixed(1)}%`);
      expect(new Set(seen.px).size, 'the drawing reached the pixels').toBeGreaterThan(2);
      expect(seen.fromBlob, 'a PNG of the canvas reads as the canvas itself (the page\'s drop path)').toEqual(seen.px);
      expect(await f.problems(), 'no CSP violation, console error or uncaught error').toEqual([]);
      expect(f.requests.every((r) => r.startsWith('/')), `same-origin requests only: ${f.requests}`).toBe(true);
    } finally {
      await f.close();
    }
  }, 90_000);
});
