// The engine runs unchanged in a browser: src/nn bundled by esbuild into a Chromium page (WebAssembly SIMD and plain
// JS kernels, and a page where WebAssembly is forbidden) gives the same logits as Node.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { decodeDataInscription, forward } from '../../src/nn/index';
import { originalBrain, randomPixels } from './helpers';

let browser: Browser, bundle: string;
beforeAll(async () => {
  const out = await build({
    entryPoints: [new URL('../../src/nn/index.ts', import.meta.url).pathname],
    bundle: true, minify: true, format: 'iife', globalName: 'nn', write: false, platform: 'browser', target: 'es2020',
  });
  bundle = out.outputFiles[0].text;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
});
afterAll(async () => browser?.close());

async function runInPage(csp: string | null, brain: string, pixels: number[][]) {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.route('https://nn.test/', (route) => route.fulfill({
    contentType: 'text/html', headers: csp ? { 'content-security-policy': csp } : {},
    body: `<!doctype html><script>${bundle}</script>`,
  }));
  await page.goto('https://nn.test/');
  const result = await page.evaluate(({ brain, pixels }) => {
    const nn = (globalThis as any).nn, m = nn.decodeDataInscription(brain);
    const run = (simd: boolean) => ({
      simd: simd && nn.simdAvailable(),
      logits: pixels.map((p: number[]) => Array.from(nn.forward(m, Uint8ClampedArray.from(p), { kernel: simd ? nn.simdPlan : undefined }) as Float32Array)),
    });
    return { on: run(true), off: run(false), top: nn.classify(m, Uint8ClampedArray.from(pixels[0]))[0].name };
  }, { brain, pixels });
  await page.close();
  return { ...result, errors };
}

describe('src/nn in Chromium', () => {
  it('decodes an original brain and computes the same logits as Node, with and without SIMD, and without WebAssembly', async () => {
    const text = originalBrain('artblock_classifier_symmetric'), model = decodeDataInscription(text);
    const pixels = [1, 2, 3].map((k) => Array.from(randomPixels(2352, k)));
    const want = pixels.map((p) => Array.from(forward(model, Uint8ClampedArray.from(p))));
    const close = (got: number[][]) => got.forEach((row, i) => row.forEach((v, j) => expect(Math.abs(v - want[i][j])).toBeLessThan(1e-4)));

    const open = await runInPage(null, text, pixels);
    expect(open.errors).toEqual([]);
    expect([open.on.simd, open.off.simd]).toEqual([true, false]);
    close(open.on.logits);
    close(open.off.logits);

    // ord's CSP allows 'unsafe-eval' (so WebAssembly); a stricter page must still work, on the JS kernel
    const strict = await runInPage("default-src 'self' 'unsafe-inline'", text, pixels);
    expect(strict.errors).toEqual([]);
    expect(strict.on.simd).toBe(false);
    close(strict.on.logits);
    expect(strict.top).toBe(open.top);
  });
});
