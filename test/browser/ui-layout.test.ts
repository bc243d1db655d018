// Long and hostile names in a 320x320 frame, in real Chromium: every panel and message stays inside the viewport and
// never scrolls sideways; the result's percentage column keeps its width; names are isolated for direction.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Framed } from './harness';
import { classifiable } from './ui-images';
import { closePage, give, openPage, press, type Setup, waitPanel } from './ui-setup';

const noun = classifiable()[0];
let env: Setup;
let f: Framed;

// every neuron alive: it always answers
beforeAll(async () => {
  ({ env, f } = await openPage([noun], { stage: 'stable', open: { viewport: { width: 320, height: 320 } } }));
});
afterAll(() => closePage(env, f));

interface Box { what: string; left: number; top: number; right: number; bottom: number; scrollsSideways: boolean }

/** Every visible panel, message and button bar: its box, and whether its content is wider than it. */
async function boxes(): Promise<{ width: number; height: number; boxes: Box[] }> {
  return f.frame.evaluate(() => ({
    width: innerWidth,
    height: innerHeight,
    boxes: [...document.querySelectorAll<HTMLElement>('[role=dialog], .toast, .hint, .net, .bar, .msg')]
      .filter((e) => e.getClientRects().length > 0)
      .map((e) => {
        const r = e.getBoundingClientRect();
        return { what: e.className || e.tagName, left: r.left, top: r.top, right: r.right, bottom: r.bottom, scrollsSideways: e.scrollWidth > e.clientWidth };
      }),
  }));
}

async function expectInside(label: string): Promise<void> {
  const { width, height, boxes: all } = await boxes();
  expect(all.length, label).toBeGreaterThan(0);
  for (const b of all) {
    const where = `${label}: ${b.what} ${JSON.stringify(b)}`;
    expect(b.left, where).toBeGreaterThanOrEqual(0);
    expect(b.top, where).toBeGreaterThanOrEqual(0);
    expect(b.right, where).toBeLessThanOrEqual(width);
    expect(b.bottom, where).toBeLessThanOrEqual(height);
    expect(b.scrollsSideways, where).toBe(false);
  }
}

describe('a 320x320 frame with long, hostile names', () => {
  it('help and info fit', async () => {
    await press(f, 'Escape', 'h');
    await waitPanel(f.frame, 'help');
    await expectInside('help');
    await press(f, 'Escape', 'i');
    await waitPanel(f.frame, 'info');
    await expectInside('info');
  });

  it('plugging in a brain with a 60-character unbroken name: the message wraps, the panel fits', async () => {
    await press(f, 'Escape', 'u');
    await waitPanel(f.frame, 'upgrade');
    await f.frame.locator('input[name=id]').fill(env.ids.long);
    await f.frame.locator('input[name=id]').press('Enter');
    await f.frame.waitForFunction(() => /Plugged in/.test(document.querySelector('.msg')?.textContent ?? ''), undefined, { timeout: 20_000 });
    await expectInside('upgrade');
    // the name is one <bdi> of the message: its override ends there
    expect(await f.frame.evaluate(() => [...document.querySelectorAll('.msg bdi')].map((b) => b.textContent))).toContain('N'.repeat(59) + '\u202E');
    await press(f, 'Escape', 'i');
    await waitPanel(f.frame, 'info', /N{20}/);
    await expectInside('info with the long brain');
  });

  it('the result panel keeps its percentage column on one line, whatever the class names', async () => {
    await press(f, 'Escape');
    await give(f.frame, noun);
    await waitPanel(f.frame, 'result', /%/);
    await expectInside('result');
    const pct = await f.frame.evaluate(() => [...document.querySelectorAll<HTMLElement>('.pct')].map((e) => {
      const r = e.getBoundingClientRect();
      return { text: e.textContent, width: r.width, height: r.height, line: parseFloat(getComputedStyle(e).lineHeight) || 18 };
    }));
    expect(pct.length).toBeGreaterThan(1);
    for (const p of pct) {
      expect(p.height, JSON.stringify(p)).toBeLessThan(p.line * 1.5); // one line
      expect(p.width, JSON.stringify(p)).toBeGreaterThanOrEqual(35);
    }
  });
});
