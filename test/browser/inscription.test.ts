// The inscription under ord's rules: framed like an explorer (<iframe sandbox=allow-scripts src=/preview/<id>>) with
// ord's CSP, it loads with no error and no CSP violation, draws, reports its brain, and ages with the block height.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateGenome, type Genome } from '../../src/art/traits';
import { lifeAt } from '../../src/art/life';
import { seedOf } from '../../src/chain/index';
import { decodeDataInscription, parameterCount } from '../../src/nn/index';
import { startServer } from '../../tools/server/server';
import {
  buildTestPage, framePixels, closeBrowser, openFramed, ORD_CSP, sharedBrowser, pixelStats, readPerceptron, TEST_BIRTH_HEIGHT, TEST_BRAIN,
  TEST_BRAINS_DIR, waitForPerceptron, type Framed,
} from './harness';

type Server = Awaited<ReturnType<typeof startServer>>;
let server: Server;
let page: Awaited<ReturnType<typeof buildTestPage>>;
const HEIGHT = TEST_BIRTH_HEIGHT + 2000;
const model = decodeDataInscription(JSON.parse(readFileSync(TEST_BRAIN, 'utf8')));
/** Served at /preview/<id>, the page takes its seed from its own inscription ID (ord's self-reference convention). */
let genome: Genome;
let seed: string;
const hidden = model.layers.slice(0, -1).map((l) => l.units);

beforeAll(async () => {
  page = await buildTestPage();
  server = await startServer({ port: 0, html: page.path, brainsDir: TEST_BRAINS_DIR, height: HEIGHT, fee: 12, quiet: true });
  seed = seedOf(server.artId);
  genome = generateGenome(seed);
});
afterAll(async () => {
  await closeBrowser();
  await server?.close();
  page?.cleanup();
});

/** Opens the art and waits until it has its brain and height. */
async function openReady(query = ''): Promise<Framed> {
  const f = await openFramed(server, server.artId, query);
  await waitForPerceptron(f, (p) => p.ready, 15_000);
  return f;
}

describe('the harness', () => {
  it('sees CSP violations, uncaught errors and console errors inside the sandboxed frame', async () => {
    const f = await openReady();
    try {
      await f.frame.evaluate(() => {
        void fetch('https://example.com/x.json').catch(() => undefined);
        setTimeout(() => {
          throw new Error('probe-uncaught');
        });
        console.error('probe-console');
      });
      await new Promise((r) => setTimeout(r, 300));
      const problems = (await f.problems()).join('\n');
      expect(problems).toMatch(/csp: connect-src blocked https:\/\/example\.com\/x\.json/);
      expect(problems).toMatch(/probe-uncaught/);
      expect(problems).toMatch(/probe-console/);
    } finally {
      await f.close();
    }
  });
});

describe('inscription.html in an explorer frame', () => {
  let f: Framed;
  beforeAll(async () => {
    f = await openReady();
  });
  afterAll(async () => f?.close());

  it('is served with ord\'s two CSP headers, and loads with zero console errors and zero CSP violations', async () => {
    const csp = f.previewHeaders.filter((h) => h.name.toLowerCase() === 'content-security-policy').map((h) => h.value);
    expect(csp).toEqual(ORD_CSP);
    await new Promise((r) => setTimeout(r, 500)); // let the first frames run
    expect(await f.problems()).toEqual([]);
  });

  it('requests only ord recursive paths on its own origin', () => {
    expect(f.requests.length).toBeGreaterThan(1);
    for (const r of f.requests) expect(r).toMatch(/^\/(preview|content|r|blockheight|blocktime|blockhash)\//);
  });

  it('draws a non-blank portrait', async () => {
    const stats = pixelStats(await framePixels(f));
    expect(stats.colours).toBeGreaterThan(20);
    expect(stats.drawn).toBeGreaterThan(0.01);
  });

  it('window.perceptron reports the seed, traits, brain and height', async () => {
    const p = (await readPerceptron(f))!;
    expect(p.ready).toBe(true);
    expect(p.seed).toBe(seed);
    expect(p.features).toEqual(JSON.parse(JSON.stringify(genome.features)));
    expect(p.brain).toEqual({
      id: server.brainIds['pfp_classifier_15.json'],
      name: model.name,
      classes: model.classes,
      parameters: parameterCount(model),
    });
    expect(p.height).toBe(HEIGHT);
    expect(p.feeRate).toBe(12);
    expect(p.prediction).toBeNull();
    expect(await f.frame.evaluate(() => (window as unknown as { $features: unknown }).$features)).toEqual(p.features);
  });
});

describe('inscribed with --compress', () => {
  it('loads the same when ord serves the art and the brain brotli-encoded (Content-Encoding: br)', async () => {
    const br = await startServer({ port: 0, html: page.path, brainsDir: TEST_BRAINS_DIR, height: HEIGHT, fee: 12, compress: true, quiet: true });
    const f = await openFramed(br, br.artId);
    try {
      const p = await waitForPerceptron(f, (s) => s.ready, 15_000);
      expect(f.previewHeaders.find((h) => h.name.toLowerCase() === 'content-encoding')?.value).toBe('br');
      expect(p.brain.parameters).toBe(parameterCount(model));
      expect(await f.problems()).toEqual([]);
    } finally {
      await f.close();
      await br.close();
    }
  });
});

describe('life follows the simulated block height', () => {
  // One whole life of this genome, sampled in each stage; the page must agree with lifeAt computed here.
  const at = (h: number) => lifeAt(genome, h, TEST_BIRTH_HEIGHT, hidden, model.classes.length);
  let heights: number[];
  beforeAll(() => {
    // Spread over one life so that several stages are seen (checked below, so a change of life.ts cannot hide it).
    heights = [0, 0.3, 0.55, 0.8, 0.97].map((k) => TEST_BIRTH_HEIGHT + Math.round(genome.lifeBlocks * k));
  });

  it('has a stage, age and life that match lifeAt at each height (page reloaded per height)', async () => {
    const stages = new Set(heights.map((h) => at(h).stage));
    expect(stages.size).toBeGreaterThan(1); // the heights really cover different stages
    for (const h of heights) {
      server.setHeight(h);
      const f = await openReady();
      try {
        const p = (await readPerceptron(f))!;
        const want = at(h);
        expect({ height: p.height, stage: p.stage, life: p.life }).toEqual({ height: h, stage: want.stage, life: want.life });
        expect(p.age).toBeCloseTo(want.age, 9);
        expect(await f.problems()).toEqual([]);
      } finally {
        await f.close();
      }
    }
    server.setHeight(HEIGHT);
  });

  it('follows a new block while running (the page polls the tip)', async () => {
    server.setHeight(heights[0]);
    const f = await openFramed(server, server.artId, '', {
      isolated: true,
      setup: async (p) => {
        await p.clock.install();
      },
    });
    try {
      await waitForPerceptron(f, (p) => p.ready && p.height === heights[0], 15_000);
      server.setHeight(heights[1]);
      await f.page.clock.fastForward(90_000); // past the chain watcher's poll interval (60 s ± 20 %), timers fire once
      const p = await waitForPerceptron(f, (s) => s.height === heights[1], 10_000);
      expect(p.stage).toBe(at(heights[1]).stage);
      expect(p.age).toBeCloseTo(at(heights[1]).age, 9);
    } finally {
      await f.close();
      server.setHeight(HEIGHT);
    }
  });
});

describe('the --standalone build', () => {
  it('runs from file:// with its embedded brain', async () => {
    const alone = await buildTestPage({ standalone: true });
    const context = await (await sharedBrowser()).newContext();
    try {
      const tab = await context.newPage();
      const errors: string[] = [];
      tab.on('pageerror', (e) => errors.push(e.message));
      await tab.goto('file://' + alone.path);
      await tab.waitForFunction(() => (window as unknown as { perceptron?: { ready: boolean } }).perceptron?.ready, null, { timeout: 15_000 });
      const p = await tab.evaluate(() => JSON.parse(JSON.stringify((window as unknown as { perceptron: unknown }).perceptron)));
      expect(p.brain).toMatchObject({ name: model.name, classes: model.classes, parameters: parameterCount(model) });
      expect(p.height).toBe(TEST_BIRTH_HEIGHT); // no chain on file://: the fallback height
      expect(errors).toEqual([]);
    } finally {
      await context.close();
      alone.cleanup();
    }
  });
});
