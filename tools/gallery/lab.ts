// Node side of the portrait lab: bundle lab-page.ts with esbuild (in memory), open it in headless Chromium, and call
// window.portraitLab. Used by `perceptrons gallery`, the browser tests and bench/render.bench.ts.
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';
import type { Spec } from './lab-page';

export type { Spec };

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'];

/** Debian's Chromium with those flags (the tools' and benches' browser). */
export const launchChromium = (): Promise<Browser> => chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });

export interface Lab {
  browser: Browser;
  page: Page;
  /** the PNG of one rendered state */
  render(spec: Spec): Promise<Buffer>;
  close(): Promise<void>;
}

export async function bundlePage(): Promise<string> {
  const out = await build({
    entryPoints: [fileURLToPath(new URL('./lab-page.ts', import.meta.url))],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2022',
    logLevel: 'silent',
  });
  return out.outputFiles[0].text;
}

/** A page with the portrait lab; in `browser` if given (then close() closes only the page). */
export async function openLab(opts: { dpr?: number; browser?: Browser } = {}): Promise<Lab> {
  const js = await bundlePage();
  const browser = opts.browser ?? (await launchChromium());
  const page = await browser.newPage({ viewport: { width: 1200, height: 1200 }, deviceScaleFactor: opts.dpr ?? 1 });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body style="margin:0"></body></html>');
  await page.addScriptTag({ content: js });
  if (errors.length) throw new Error(`portrait page failed: ${errors.join('; ')}`);
  return {
    browser,
    page,
    async render(spec) {
      const url = await page.evaluate((s) => window.portraitLab.render(s), spec);
      return Buffer.from(url.slice(url.indexOf(',') + 1), 'base64');
    },
    close: () => (opts.browser ? page.close() : browser.close()),
  };
}

export function decodePng(buf: Buffer): PNG {
  return PNG.sync.read(buf);
}
