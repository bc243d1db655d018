// The chain client, bundled as the inscription bundles it, running in Chromium inside <iframe sandbox=allow-scripts>
// served by the preview server: what ordinals.com does to a page, end to end (CORS from an opaque origin, both CSPs,
// localStorage throwing, self-identification from /preview/<id>).
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type PreviewServer } from '../../tools/server/server';
import { tinyBrainDoc } from '../chain/helpers';

const CHROMIUM = '/usr/bin/chromium';

const probe = `
import { fetchBrain, blockHeight, feeRate, ownIdentity, safeStorage } from './src/chain/index';
declare const BRAIN: string;
(async () => {
  const out: Record<string, unknown> = {};
  try { localStorage.getItem('x'); out.localStorage = 'works'; } catch (e) { out.localStorage = (e as Error).name; }
  safeStorage.set('k', 'v');
  out.storage = safeStorage.get('k');
  out.identity = ownIdentity(location, 'ab'.repeat(32));
  out.height = await blockHeight();
  out.fee = await feeRate(out.height as number);
  const b = await fetchBrain(BRAIN);
  out.brain = b.ok ? { name: b.model.name, bytes: b.bytes } : b.error;
  out.missing = await fetchBrain('0'.repeat(64) + 'i0');
  const c = await fetch('/-/state').then(() => 'reachable', () => 'blocked');
  const x = await fetch('https://example.com/').then(() => 'reachable', () => 'blocked');
  out.outside = { control: c, external: x };
  (window as any).result = out;
})();
`;

let dir: string;
let server: PreviewServer;
let browser: Browser;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'perceptrons-sandbox-'));
  mkdirSync(join(dir, 'brains'));
  const brain = JSON.stringify(tinyBrainDoc());
  writeFileSync(join(dir, 'brains', 'tiny.json'), brain);
  const brainId = (await import('node:crypto')).createHash('sha256').update(brain).digest('hex') + 'i0';
  const js = await build({
    stdin: { contents: probe, resolveDir: process.cwd(), loader: 'ts' },
    bundle: true, write: false, format: 'iife', minify: true, define: { BRAIN: JSON.stringify(brainId) },
  });
  writeFileSync(join(dir, 'inscription.html'), `<!doctype html><meta charset=utf-8><script>${js.outputFiles[0].text}</script>`);
  server = await startServer({ port: 0, root: dir, brainsDir: join(dir, 'brains'), height: 880100, fee: 33, compress: true, quiet: true });
  if (!existsSync(CHROMIUM)) return; // the suite below is skipped then
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!existsSync(CHROMIUM))('the chain client in an explorer-style sandboxed frame', () => {
  it('reaches every ord endpoint it needs, and nothing else', async () => {
    const page = await browser.newPage();
    const csp: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) csp.push(m.text());
    });
    await page.goto(server.url);
    const frame = page.frames().find((f) => f.url().includes(`/preview/${server.artId}`))!;
    expect(frame).toBeTruthy();
    await frame.waitForFunction(() => (window as any).result, null, { timeout: 20_000 });
    const r = await frame.evaluate(() => (window as any).result);
    expect(r.localStorage).toBe('SecurityError');
    expect(r.storage).toBe('v'); // kept in memory: the frame's localStorage throws
    expect(r.identity).toEqual({ seed: server.artId.slice(0, 64), id: server.artId, source: 'path' });
    expect(r.height).toBe(880100);
    expect(r.fee).toEqual({ height: 880100, rate: 33 });
    expect(r.brain).toMatchObject({ name: 'tiny' });
    expect(r.missing).toMatchObject({ ok: false, error: { kind: 'http', status: 404 } });
    expect(r.outside).toEqual({ control: 'blocked', external: 'blocked' });
    expect(csp.join('\n')).toMatch(/-\/state/);
    await page.close();
  });
});
