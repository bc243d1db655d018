// Collection mode in the browser: a ~500-byte token framed at /preview/<token-id> fetches the shared art through
// /content/<art-id>, writes it into its own document, and the art runs with the token's brain and birth height, under
// ord's CSP, without an error.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateGenome } from '../../src/art/traits';
import { lifeAt } from '../../src/art/life';
import { decodeDataInscription } from '../../src/nn/index';
import { buildCollection, type CollectionResult } from '../../tools/build/collection';
import { startServer } from '../../tools/server/server';
import {
  closeBrowser, framePixels, openFramed, pixelStats, ROOT, TEST_BIRTH_HEIGHT, TEST_BRAIN, TEST_BRAINS_DIR, waitForPerceptron,
} from './harness';
import { tempDir } from '../build/helpers';

type Server = Awaited<ReturnType<typeof startServer>>;
const tmp = tempDir('perceptrons-collection-browser-');
const SEEDS = ['5a'.repeat(32), 'c3'.repeat(32)];
const HEIGHT = TEST_BIRTH_HEIGHT + 5000;
const model = decodeDataInscription(JSON.parse(readFileSync(TEST_BRAIN, 'utf8')));
const hidden = model.layers.slice(0, -1).map((l) => l.units);
let server: Server;
let built: CollectionResult;

beforeAll(async () => {
  const genomes = join(tmp.dir, 'genomes');
  mkdirSync(genomes);
  SEEDS.forEach((seed, i) => writeFileSync(join(genomes, `${i + 1}.json`), JSON.stringify({ seed, features: {}, hidden: [] })));
  writeFileSync(join(genomes, '2.json'), JSON.stringify({ seed: SEEDS[1], birthHeight: TEST_BIRTH_HEIGHT + 100 }));
  built = await buildCollection({ root: ROOT, brain: TEST_BRAIN, birthHeight: TEST_BIRTH_HEIGHT, genomes, outDir: join(tmp.dir, 'out') });
  server = await startServer({ port: 0, collectionDir: join(tmp.dir, 'out'), brainsDir: TEST_BRAINS_DIR, height: HEIGHT, quiet: true });
});
afterAll(async () => {
  await closeBrowser();
  await server?.close();
  tmp.cleanup();
});

describe('a collection token', () => {
  it('has the IDs the preview server computes', () => {
    expect(server.artId).toBe(built.artId);
    expect(server.tokenIds).toEqual(built.tokens.map((t) => t.id));
  });

  it('loads the shared art with its brain and height, and draws, with no error or CSP violation', async () => {
    for (const token of built.tokens) {
      const f = await openFramed(server, token.id);
      try {
        const p = await waitForPerceptron(f, (s) => s.ready, 15_000);
        expect(f.requests).toContain(`/content/${built.artId}`);
        expect(p.brain.id).toBe(built.art.config.brainId);
        expect(p.brain.parameters).toBeGreaterThan(0);
        expect(p.height).toBe(HEIGHT);
        // The token's birth height reached the art: its age is the one lifeAt gives for that birth height.
        const want = lifeAt(generateGenome(p.seed), HEIGHT, token.birthHeight, hidden, model.classes.length);
        expect({ stage: p.stage, life: p.life }).toEqual({ stage: want.stage, life: want.life });
        expect(p.age).toBeCloseTo(want.age, 9);
        expect(pixelStats(await framePixels(f)).colours).toBeGreaterThan(20);
        expect(await f.problems()).toEqual([]);
      } finally {
        await f.close();
      }
    }
  });

  it('says so, without an uncaught error, when the art cannot be fetched', async () => {
    const f = await openFramed(server, built.tokens[0].id, '', {
      waitForState: false,
      setup: (page) => page.route(`**/content/${built.artId}`, (r) => r.fulfill({ status: 404, body: '' })),
    });
    try {
      await expect.poll(() => f.frame.evaluate(() => document.body?.textContent ?? ''), { timeout: 10_000 })
        .toMatch(new RegExp(`cannot load the art /content/${built.artId}: HTTP 404`));
      const problems = (await f.problems()).filter((m) => !/Failed to load resource/.test(m));
      expect(problems).toEqual([]);
    } finally {
      await f.close();
    }
  });

  // A token's own seed picks the genome (config.seedFromId = false), not the token's inscription ID.
  it('runs the genome of the token\'s seed', async () => {
    const f = await openFramed(server, built.tokens[0].id);
    try {
      const p = await waitForPerceptron(f, (s) => s.ready, 15_000);
      expect(p.seed).toBe(SEEDS[0]);
    } finally {
      await f.close();
    }
  });
});
