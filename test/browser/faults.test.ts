// Fault injection through Playwright routing (it reaches the sandboxed frame's requests): the brain 404s, 500s, hangs,
// is cut short or has the wrong number of weights; the height or fee endpoints are gone; everything is offline.
// Each time the art keeps running, says what went wrong, and throws nothing uncaught.
import { readFileSync } from 'node:fs';
import type { Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TIMEOUT_MS } from '../../src/chain/http';
import { startServer } from '../../tools/server/server';
import {
  buildTestPage, framePixels, frameText, closeBrowser, openFramed, pixelStats, TEST_BIRTH_HEIGHT, TEST_BRAIN,
  TEST_BRAINS_DIR, waitForPerceptron, type PerceptronState,
} from './harness';

type Server = Awaited<ReturnType<typeof startServer>>;
let server: Server;
let page: Awaited<ReturnType<typeof buildTestPage>>;
let brainId: string;
const HEIGHT = TEST_BIRTH_HEIGHT + 3000;
const brainText = readFileSync(TEST_BRAIN, 'utf8');

beforeAll(async () => {
  page = await buildTestPage();
  server = await startServer({ port: 0, html: page.path, brainsDir: TEST_BRAINS_DIR, height: HEIGHT, fee: 7, quiet: true });
  brainId = server.brainIds['pfp_classifier_15.json'];
});
afterAll(async () => {
  await closeBrowser();
  await server?.close();
  page?.cleanup();
});

/** The browser's own log lines for a failed request: expected when we make requests fail, not the page's errors. */
const NETWORK_NOISE = /Failed to load resource|net::ERR_/;

interface Outcome {
  state: PerceptronState;
  text: string;
  /** Paths the frame requested. */
  requests: string[];
}

/** Frames the art with `routes` installed, waits for it to finish booting, and checks it degraded gracefully.
 * isolated: in a browser context of its own (a fake clock, installed for the whole context, must not reach the others). */
async function underFault(routes: (ctx: Page) => Promise<unknown>, isolated = false): Promise<Outcome> {
  const f = await openFramed(server, server.artId, '', { setup: routes, waitForState: false, isolated });
  try {
    const state = await waitForPerceptron(f, (p) => p.ready, 15_000);
    const text = await frameText(f);
    const problems = (await f.problems()).filter((m) => !NETWORK_NOISE.test(m));
    expect(problems, 'no uncaught error, no console error of the page, no CSP violation').toEqual([]);
    const stats = pixelStats(await framePixels(f));
    expect(stats.colours, 'the portrait is still drawn').toBeGreaterThan(20);
    return { state, text, requests: f.requests };
  } finally {
    await f.close();
  }
}

const brainRoute = (handler: (route: Route) => Promise<void>) => async (ctx: Page) =>
  ctx.route(`**/content/${brainId}`, handler);

describe.concurrent('faults: the brain', () => {
  it('404: no brain, a message saying 404, the portrait drawn from the genome', async () => {
    const { state, text } = await underFault(brainRoute((r) => r.fulfill({ status: 404, body: 'not found' })));
    expect(state.brain.parameters).toBe(0);
    expect(state.brain.classes).toEqual([]);
    expect(text).toMatch(/404/);
  });

  it('500: says the server answered 500', async () => {
    const { state, text } = await underFault(brainRoute((r) => r.fulfill({ status: 500, body: 'boom' })));
    expect(state.brain.parameters).toBe(0);
    expect(text).toMatch(/500/);
  });

  it('no answer: gives up after the client timeout and says so', async () => {
    // The page's clock is Playwright's: when the brain's request arrives, the clock jumps past the client's timeout,
    // so the test waits for no timer (the request itself is never answered).
    const { state, text } = await underFault(async (ctx) => {
      await ctx.clock.install();
      await ctx.route(`**/content/${brainId}`, () => ctx.clock.fastForward(DEFAULT_TIMEOUT_MS + 1_000));
    }, true);
    expect(state.brain.parameters).toBe(0);
    expect(text).toMatch(/timed out/i);
  });

  it('truncated JSON: says it is not JSON', async () => {
    const { state, text } = await underFault(
      brainRoute((r) => r.fulfill({ status: 200, contentType: 'application/json', body: brainText.slice(0, brainText.length >> 1) })),
    );
    expect(state.brain.parameters).toBe(0);
    expect(text).toMatch(/not JSON/i);
  });

  it('wrong weight length: says the brain is not valid and why', async () => {
    const doc = JSON.parse(brainText) as { weight_b64: string };
    doc.weight_b64 = doc.weight_b64.slice(0, -16); // 12 bytes = 3 float32 weights short
    const { state, text } = await underFault(
      brainRoute((r) => r.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(doc) })),
    );
    expect(state.brain.parameters).toBe(0);
    expect(text).toMatch(/not a valid brain/i);
    expect(text).toMatch(/weight/i);
  });
});

describe.concurrent('faults: the chain', () => {
  it('/r/blockheight missing: falls back to /blockheight and still loads the brain', async () => {
    const { state, requests } = await underFault(async (ctx) => ctx.route('**/r/blockheight', (r) => r.fulfill({ status: 404, body: '' })));
    expect(requests).toContain('/r/blockheight');
    expect(requests).toContain('/blockheight');
    expect(state.height).toBe(HEIGHT);
    expect(state.brain.parameters).toBeGreaterThan(0);
  });

  it('both height endpoints missing: uses the baked fallback height', async () => {
    const { state } = await underFault(async (ctx) => {
      await ctx.route('**/r/blockheight', (r) => r.fulfill({ status: 404, body: '' }));
      await ctx.route('**/blockheight', (r) => r.fulfill({ status: 404, body: '' }));
    });
    expect(state.height).toBe(TEST_BIRTH_HEIGHT);
    expect(state.brain.parameters).toBeGreaterThan(0);
  });

  it('/r/blockinfo missing: no fee rate, everything else works', async () => {
    const { state } = await underFault(async (ctx) => ctx.route('**/r/blockinfo/**', (r) => r.fulfill({ status: 404, body: '' })));
    expect(state.feeRate).toBeNull();
    expect(state.height).toBe(HEIGHT);
    expect(state.brain.parameters).toBeGreaterThan(0);
  });

  it('everything offline: the art runs on its genome and fallback height, and says the network failed', async () => {
    const { state, text } = await underFault(async (ctx) => {
      for (const glob of ['**/content/**', '**/r/**', '**/blockheight', '**/blocktime', '**/blockhash**']) {
        await ctx.route(glob, (r) => r.abort('internetdisconnected'));
      }
    });
    expect(state.height).toBe(TEST_BIRTH_HEIGHT);
    expect(state.feeRate).toBeNull();
    expect(state.brain.parameters).toBe(0);
    expect(text).toMatch(/network/i);
    expect(text).toMatch(/chain unreachable/); // the status line says so outside the info panel
  });

  it('a height far beyond the birth height (9,999,999,999) is unknown: the baked height, and the chain note', async () => {
    const { state, text } = await underFault(async (ctx) => {
      for (const glob of ['**/r/blockheight', '**/blockheight']) await ctx.route(glob, (r) => r.fulfill({ status: 200, body: '9999999999' }));
    });
    expect(state.height).toBe(TEST_BIRTH_HEIGHT);
    expect(text).toMatch(/chain unreachable/);
    expect(state.brain.parameters).toBeGreaterThan(0);
  });

  it('a fee rate beyond what Bitcoin has seen (1e308) is unknown', async () => {
    const { state, text } = await underFault(async (ctx) => ctx.route('**/r/blockinfo/**', (r) =>
      r.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ height: HEIGHT, average_fee_rate: 1e308 }) })));
    expect(state.height).toBe(HEIGHT);
    expect(state.feeRate).toBeNull();
    expect(text).not.toMatch(/chain unreachable/);
  });
});

describe.concurrent('faults: storage', () => {
  for (const [what, value] of [['a number', '42'], ['an object', '({ id: 1 })'], ['a function', '(() => 0)']] as const) {
    it(`storage answering ${what}: still ready, the art drawn, the default brain loaded`, async () => {
      const { state } = await underFault(async (ctx) => ctx.addInitScript(`Object.defineProperty(window, 'localStorage', {
        get: () => ({ getItem: () => ${value}, setItem() {}, removeItem() {} }) });`));
      expect(state.ready).toBe(true);
      expect(state.brain.parameters).toBeGreaterThan(0);
    });
  }
});
