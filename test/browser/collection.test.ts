// A collection in the browser: three tokens of a tiny collection (each a delegate of the one art, with CBOR metadata),
// framed as an explorer frames them, each run the genome of its own seed, draw and classify with their own trained
// brain (on its own 16x16 input, as Node does), and show its held-out accuracy; a token whose metadata is broken runs the default brain and says why.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateGenome } from '../../src/art/traits';
import { lifeAt } from '../../src/art/life';
import { classify, decodeDataInscription } from '../../src/nn/index';
import { contentId } from '../../tools/build/ids';
import type { Manifest } from '../../tools/collection/manifest';
import { startServer, type PreviewServer } from '../../tools/server/server';
import { tempDir } from '../build/helpers';
import { tinyCollection, tinyDataset } from '../collection/helpers';
import { closeBrowser, framePixels, openFramed, readPerceptron, ROOT, waitForPerceptron } from './harness';
import { give, press, seen, waitPanel, waitToast } from './ui-setup';
import { nounPng, type TestImage } from './ui-images';

const tmp = tempDir('perceptrons-collection-browser-');
const out = join(tmp.dir, 'collection');
const noun: TestImage = { name: 'noun.png', type: 'image/png', bytes: nounPng() };
let server: PreviewServer;
let manifest: Manifest;

beforeAll(async () => {
  await tinyCollection(await tinyDataset(tmp.dir), out, { count: 3, epochs: 2 });
  manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
  // the art's default brain (for the broken token) and the image the viewer drops
  const extra = join(tmp.dir, 'extra');
  mkdirSync(extra);
  copyFileSync(join(ROOT, 'fixtures/brains/pfp_classifier_0000.json'), join(extra, 'default.json'));
  writeFileSync(join(extra, 'noun.png'), noun.bytes);
  server = await startServer({ port: 0, collectionDir: out, brainsDir: extra, quiet: true });
}, 180_000);
afterAll(async () => {
  await closeBrowser();
  await server?.close();
  tmp.cleanup();
});

/** A height where this token's network is stable (every neuron alive). */
function stableHeight(t: Manifest['tokens'][number]): number {
  const g = generateGenome(t.seed);
  for (let h = server.birthHeight; ; h += Math.max(1, Math.floor(g.lifeBlocks / 2880))) {
    if (lifeAt(g, h, server.birthHeight, t.hidden, 4).stage === 'stable') return h;
  }
}

describe('collection tokens', () => {
  it('each runs its own genome and brain, draws its own network and classifies with its brain', async () => {
    const drawn: string[] = [];
    for (const t of manifest.tokens) {
      server.setHeight(stableHeight(t));
      const f = await openFramed(server, t.id);
      try {
        const p = await waitForPerceptron(f, (s) => s.ready, 20_000);
        expect(f.requests).toContain(`/r/metadata/${t.id}`);
        expect(p.seed).toBe(t.seed);
        expect(p.features).toEqual(t.features);
        expect(p.brain.id).toBe(t.brain.id);
        expect(p.brain.parameters).toBe(t.brain.parameters);
        expect(p.stage).toBe('stable');
        // the portrait is this token's: its palette and its network
        drawn.push((await framePixels(f)).data.toString('base64'));
        // its info panel: its genome's architecture and its brain's held-out accuracy
        await press(f, 'i');
        const info = await waitPanel(f.frame, 'info');
        expect(info).toContain(t.brain.id);
        expect(info).toContain(`${(t.brain.heldoutAccuracy * 100).toFixed(1)}%`);
        expect(info).toMatch(new RegExp(`Hidden Layers\\s+${t.hidden.length}\\b`));
        await press(f, 'Escape');
        // classify: what the token's own brain says about the same pixels with the same neurons alive
        await give(f.frame, noun);
        await waitPanel(f.frame, 'result');
        const { birthHeight, input } = await seen(f.frame);
        const model = decodeDataInscription(readFileSync(join(out, t.brain.file), 'utf8'));
        // a collection brain's own input (16x16x3): the page scaled the image to it, not to the default brain's 32x32
        expect(model.inputShape).toEqual([16, 16, 3]);
        expect(input!.pixels.length).toBe(16 * 16 * 3);
        const life = lifeAt(generateGenome(t.seed), p.height, birthHeight, t.hidden, 4, model.trainingTraits.neuron_order as number[][]);
        const ref = classify(model, Uint8ClampedArray.from(input!.pixels), { alive: life.alive });
        const got = (await readPerceptron(f))!.prediction!.classes;
        expect(got.map((c) => c.name)).toEqual(ref.map((c) => c.name));
        for (const [k, c] of got.entries()) expect(Math.abs(c.p - ref[k].p)).toBeLessThan(1e-3);
        expect(await f.problems()).toEqual([]);
      } finally {
        await f.close();
      }
    }
    expect(new Set(drawn).size).toBe(3);
  }, 180_000); // three tokens, each opened, read, classified

  it('falls back to the default brain with a message when its metadata is broken', async () => {
    const t = manifest.tokens[1];
    const f = await openFramed(server, t.id, '', {
      setup: (page) => page.route(`**/r/metadata/${t.id}`, (r) => r.fulfill({ status: 200, contentType: 'application/json', body: '"a1ff"' })),
    });
    try {
      const p = await waitForPerceptron(f, (s) => s.ready, 20_000);
      await waitToast(f.frame, /This token's bad metadata: CBOR byte 1: break .* Using the default brain\./);
      expect(p.brain.id).toBe(contentId(readFileSync(join(ROOT, 'fixtures/brains/pfp_classifier_0000.json'))));
      expect(p.brain.parameters).toBeGreaterThan(0);
      expect(await f.problems()).toEqual([]);
    } finally {
      await f.close();
    }
  });
});
