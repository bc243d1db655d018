// U: plugging another brain into the Perceptron, in real Chromium. Good IDs swap brain and portrait together; bad
// IDs, 404s, broken and non-JSON inscriptions keep the current brain; the choice survives a reload where storage works;
// hostile text in a brain stays text. With UI_SCREENSHOTS=1 it also writes the README's two screenshots.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pixelmatch from 'pixelmatch';
import { seedOf } from '../../src/chain/index';
import type { Page, Route } from 'playwright-core';
import { buildTestPage, framePixels, openFramed, ORD_CSP, readPerceptron, ROOT, sharedBrowser, waitForPerceptron, type Framed } from './harness';
import { classifiable } from './ui-images';
import { chosenHeights, closePage, give, imageId, openPage, panel, press, setUp, type Setup, waitPanel, waitToast, XSS } from './ui-setup';

const noun = classifiable()[0];
let env: Setup;
let f: Framed;

// every neuron alive: it always answers
beforeAll(async () => {
  ({ env, f } = await openPage([noun], { stage: 'stable' }));
});
afterAll(() => closePage(env, f));

async function typeId(fr: Framed, id: string): Promise<string> {
  await press(fr, 'Escape', 'u');
  await waitPanel(fr.frame, 'upgrade');
  await fr.frame.locator('input[name=id]').fill(id);
  await fr.frame.locator('input[name=id]').press('Enter');
  const h = await fr.frame.waitForFunction(() => {
    const t = document.querySelector('.msg')?.textContent ?? '';
    return t && !/^Fetching/.test(t) ? t : false;
  }, undefined, { timeout: 20_000 });
  return (await h.jsonValue()) as string;
}

describe('upgrade (U)', () => {
  it('keeps the current brain and says why for a bad ID (no request), a 404, a broken brain and a non-JSON inscription', async () => {
    const before = (await readPerceptron(f))!;
    const cases: [string, RegExp][] = [
      ['not-an-id', /64 hex digits/],
      [`${env.ids.default}0`.slice(1), /64 hex digits/],
      [`${'a'.repeat(63)}i0`, /64 hex digits/],
      [env.ids.missing, /404/],
      [env.ids.invalid, /Not a valid brain: .*weight_b64/],
      [env.ids.notjson, /not JSON/],
    ];
    for (const [id, why] of cases) {
      const asked = f.requests.length;
      const msg = await typeId(f, id);
      expect(msg, id).toMatch(why);
      expect(msg, id).toMatch(/Kept the current brain|64 hex/);
      if (/64 hex/.test(why.source)) expect(f.requests.slice(asked).filter((r) => r.includes(id)), id).toEqual([]);
      const now = (await readPerceptron(f))!;
      expect(now.brain, id).toEqual(before.brain);
    }
    expect((await f.problems()).filter((p) => !/404|Failed to load resource/.test(p))).toEqual([]);
  });

  it('a valid ID swaps the brain and the portrait together, and the classifier uses the new brain', async () => {
    await press(f, 'Escape');
    const before = await framePixels(f);
    // pasted as an explorer URL, in upper case: the page reads the ID out of it
    const msg = await typeId(f, `https://ordinals.com/content/${env.ids.other.toUpperCase()}`);
    expect(msg).toMatch(/Plugged in: artblock_classifier \(20 classes\)/);
    const p = (await readPerceptron(f))!;
    expect(p.brain.id).toBe(env.ids.other);
    expect(p.brain.name).toBe('artblock_classifier');
    expect(p.brain.classes).toHaveLength(20);
    expect(p.prediction).toBeNull();
    await press(f, 'Escape');
    const after = await framePixels(f);
    const changed = pixelmatch(before.data, after.data, undefined, before.width, before.height, { threshold: 0.1 });
    expect(changed / (before.width * before.height)).toBeGreaterThan(0.01);
    await give(f.frame, noun);
    await waitPanel(f.frame, 'result');
    const q = (await readPerceptron(f))!;
    expect(q.prediction!.classes).toHaveLength(20);
    expect(new Set(q.prediction!.classes.map((c) => c.name))).toEqual(new Set(p.brain.classes));
  });

  it('Shift+U and the dialog button restore the default brain', async () => {
    await press(f, 'Escape', 'Shift+U');
    expect(await waitToast(f.frame, /default/)).toMatch(/Restored the default brain/);
    expect((await readPerceptron(f))!.brain.id).toBe(env.ids.default);
    await typeId(f, env.ids.other);
    await f.frame.getByRole('button', { name: /restore default/ }).click();
    await f.frame.waitForFunction(() => /Restored/.test(document.querySelector('.msg')?.textContent ?? ''));
    expect((await readPerceptron(f))!.brain.id).toBe(env.ids.default);
    await press(f, 'Escape');
  });

  it('text from a brain (model name, class names) stays inert text, capped', async () => {
    expect(await typeId(f, env.ids.xss)).toMatch(/Plugged in/);
    await press(f, 'Escape');
    await give(f.frame, noun);
    const result = await waitPanel(f.frame, 'result');
    for (const x of XSS) expect(result).toContain(x.slice(0, 20));
    await press(f, 'Escape', 'i');
    const info = await waitPanel(f.frame, 'info');
    expect(info).toContain(XSS[0].slice(0, 30));
    const inert = await f.frame.evaluate(() => ({
      pwned: (window as unknown as { __pwned?: number }).__pwned ?? null,
      tags: document.querySelectorAll('img, svg, iframe').length + document.scripts.length - 1, // the shell's own script
      longest: Math.max(...Array.from(document.querySelectorAll('dd, dt'), (e) => (e.textContent ?? '').length)),
    }));
    expect(inert).toEqual({ pwned: null, tags: 0, longest: expect.any(Number) });
    expect(inert.longest).toBeLessThanOrEqual(240);
    await new Promise((r) => setTimeout(r, 300));
    expect(await f.frame.evaluate(() => (window as unknown as { __pwned?: number }).__pwned ?? null)).toBeNull();
    await press(f, 'Escape', 'Shift+U');
    await waitToast(f.frame, /default/);
  });
});

describe('remembering the upgrade', () => {
  async function openDirect(page: Page): Promise<{ brain: { id: string } }> {
    await page.goto(`${env.server.url.replace(/\/$/, '')}/content/${env.server.artId}?still=1`);
    await page.waitForFunction(() => (window as unknown as { perceptron?: { ready: boolean } }).perceptron?.ready);
    return page.evaluate(() => JSON.parse(JSON.stringify((window as unknown as { perceptron: unknown }).perceptron)));
  }

  it('survives a reload at /content/<id> (storage works there) until Shift+U', async () => {
    const ctx = await (await sharedBrowser()).newContext({ viewport: { width: 640, height: 480 } });
    try {
      const page = await ctx.newPage();
      expect((await openDirect(page)).brain.id).toBe(env.ids.default);
      await page.locator('canvas').focus();
      await page.keyboard.press('u');
      await page.locator('input[name=id]').fill(env.ids.other);
      await page.keyboard.press('Enter');
      await page.waitForFunction((id) => (window as unknown as { perceptron: { brain: { id: string } } }).perceptron.brain.id === id, env.ids.other);
      expect((await openDirect(page)).brain.id).toBe(env.ids.other);
      await page.locator('canvas').focus();
      await page.keyboard.press('Shift+U');
      await page.waitForFunction((id) => (window as unknown as { perceptron: { brain: { id: string } } }).perceptron.brain.id === id, env.ids.default);
      expect((await openDirect(page)).brain.id).toBe(env.ids.default);
    } finally {
      await ctx.close();
    }
  });

  it('a remembered brain that no longer loads falls back to the default and says why', async () => {
    const ctx = await (await sharedBrowser()).newContext();
    try {
      const page = await ctx.newPage();
      await openDirect(page);
      await page.evaluate((id) => {
        for (const k of Object.keys(localStorage)) if (k.startsWith('perceptron.brain.')) localStorage.removeItem(k);
        localStorage.setItem(`perceptron.brain.${id}`, 'f'.repeat(64) + 'i0');
      }, env.server.artId);
      expect((await openDirect(page)).brain.id).toBe(env.ids.default);
      expect(await page.locator('.toast').textContent()).toMatch(/^Brain ffffffff…: No inscription with that ID \(404\)\. Using the default brain\.$/);
    } finally {
      await ctx.close();
    }
  });

  it('in the sandboxed frame (no storage) it lasts for the visit and the page says nothing breaks', async () => {
    await typeId(f, env.ids.other);
    expect((await readPerceptron(f))!.brain.id).toBe(env.ids.other);
    await f.frame.goto(f.frame.url());
    const p = await waitForPerceptron(f);
    expect(p.brain.id).toBe(env.ids.default);
    expect((await f.problems()).filter((x) => !/404|Failed to load resource/.test(x))).toEqual([]);
  });

  /** Frames `html` at a path the test answers, with every recursive endpoint and the default brain missing. */
  async function offline(html: string): Promise<Framed> {
    const at = `/content/${'e'.repeat(64)}i0`;
    const missing = async (route: Route) => route.fulfill({ status: 404, body: 'not found', headers: { 'Access-Control-Allow-Origin': '*' } });
    return openFramed(env.server, env.server.artId, 'still=1', {
      path: at, isolated: true,
      setup: async (page) => {
        await page.route(`**${at}?still=1`, (route) => route.fulfill({ body: html,
          headers: { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': ORD_CSP.join(', '), 'Access-Control-Allow-Origin': '*' } }));
        await page.route('**/r/**', missing);
        await page.route('**/blockheight', missing);
        await page.route(`**/content/${env.ids.default}`, missing);
        // a page answered by the test (not the server) may not reach loopback (Private Network Access): the image too
        await page.route(`**/content/${imageId(noun)}`, (route) => route.fulfill({ body: noun.bytes, headers: { 'Access-Control-Allow-Origin': '*' } }));
      },
    });
  }

  it('offline (no recursive endpoints): the embedded default brain, the baked height, and the info panel says offline', async () => {
    const standalone = await buildTestPage({ standalone: true });
    const g = await offline(standalone.html);
    try {
      const p = await waitForPerceptron(g);
      expect(p.brain).toMatchObject({ id: env.ids.default, name: 'pfp_classifier_15' });
      expect([p.height, p.feeRate]).toEqual([standalone.config.fallbackHeight, null]);
      await press(g, 'i');
      const info = await waitPanel(g.frame, 'info');
      expect(info).toContain('pfp_classifier_15');
      expect(info).toContain(`${standalone.config.fallbackHeight} (offline)`);
      await press(g, 'Escape');
      await give(g.frame, noun);
      await waitPanel(g.frame, 'result', /%/);
    } finally {
      await g.close();
      standalone.cleanup();
    }
  });

  it('offline without an embedded brain: still ready (the genome drawn), and it says it has no brain', async () => {
    const g = await offline(env.html);
    try {
      const p = await waitForPerceptron(g);
      expect(p.brain).toEqual({ id: env.ids.default, name: '', classes: [], parameters: 0 });
      await give(g.frame, noun);
      expect(await waitToast(g.frame, /No brain/)).toMatch(/nothing to classify with/);
      expect((await framePixels(g)).width).toBeGreaterThan(0);
      await press(g, 'i');
      const info = await waitPanel(g.frame, 'info');
      expect(info).toContain('none: no brain could be loaded');
      expect(info).not.toContain('embedded');
    } finally {
      await g.close();
    }
  });

  it.runIf(process.env.UI_SCREENSHOTS)('writes docs/images/classify.png and docs/images/upgrade.png (with the real default brain)', async () => {
    const shots = await setUp([noun], join(ROOT, 'fixtures/brains/pfp_classifier_0000.json'));
    shots.server.setHeight(chosenHeights(seedOf(shots.server.artId)).stable);
    const g = await openFramed(shots.server, shots.server.artId, 'still=1', { viewport: { width: 800, height: 560 } });
    try {
      await waitForPerceptron(g);
      await give(g.frame, noun);
      await waitPanel(g.frame, 'result', /Nouns/);
      writeFileSync(join(ROOT, 'docs/images/classify.png'), await g.page.locator('iframe').screenshot());
      await press(g, 'Escape', 'u');
      await waitPanel(g.frame, 'upgrade');
      await g.frame.locator('input[name=id]').fill(shots.ids.other);
      await g.frame.locator('input[name=id]').press('Enter');
      await g.frame.waitForFunction(() => /Plugged in/.test(document.querySelector('.msg')?.textContent ?? ''));
      writeFileSync(join(ROOT, 'docs/images/upgrade.png'), await g.page.locator('iframe').screenshot());
      expect((await panel(g.frame)).name).toBe('upgrade');
    } finally {
      await g.close();
      await shots.close();
    }
  });
});
