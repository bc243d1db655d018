// The library inscription (perceptrons build --lib): built from the art's sources within its budget, its API the one
// docs/library.md promises, the same answers as the modules it bundles, and the committed examples import this build.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLibrary, libBudget, staleExamples, type LibResult } from '../../tools/build/lib';
import { generateGenome } from '../../src/art/traits';
import { lifeAt } from '../../src/art/life';
import { classify, decodeDataInscription } from '../../src/nn/index';
import { readFileSync } from 'node:fs';
import { ROOT } from './helpers';
import { encodeCborHex } from '../../tools/collection/cbor';

const API = ['activations', 'blockHeight', 'classify', 'feeRate', 'genome', 'lifeAt', 'loadBrain', 'perceptron', 'pixels', 'version'];
const SEED = '5a'.repeat(32);
let lib: LibResult;
let mod: Record<string, unknown>;
const dir = mkdtempSync(join(tmpdir(), 'perceptrons-lib-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(async () => {
  lib = await buildLibrary(ROOT);
  const file = join(dir, 'perceptrons.js');
  writeFileSync(file, lib.bytes);
  mod = await import(pathToFileURL(file).href);
}, 60_000);

describe('the library inscription', () => {
  it('is one ES module within package.json budgets.libBrotliBytes, reproducible byte for byte', async () => {
    expect(lib.size.brotli).toBeLessThanOrEqual(libBudget(ROOT));
    expect(libBudget(ROOT)).toBe(8960);
    expect((await buildLibrary(ROOT)).bytes.equals(lib.bytes)).toBe(true);
    expect(lib.js).not.toMatch(/\brequire\(|https?:\/\//);
  });

  it('leaves out what a derivative piece does not run: the WebAssembly SIMD kernel, the copy of JavaScript-made brains', () => {
    // the engine alone (nn/index would give it the SIMD kernel) and fetchBrain's decoder of JSON.parse's output
    expect(lib.js).not.toContain('WebAssembly');
    expect(lib.js).not.toContain('must be plain JSON data');
    expect(lib.js, 'the hostile-input checks of the decoder stay').toContain('its sums could reach');
  });

  it('exports exactly the documented API, versioned', () => {
    expect(Object.keys(mod).sort()).toEqual(API);
    expect(mod.version).toMatch(/^1\.\d+\.\d+$/);
    expect(mod.version).toBe(lib.version);
    const doc = readFileSync(join(ROOT, 'docs/library.md'), 'utf8');
    for (const name of API) expect(doc, `docs/library.md documents ${name}`).toContain(`\`${name}`);
    expect(doc).toContain(`version ${lib.version}`);
  });

  it('answers as the modules it is built from: genome, life, classify on HxWx3 pixels', async () => {
    const L = mod as unknown as typeof import('../../src/lib');
    const g = L.genome(SEED);
    expect(g).toEqual(generateGenome(SEED));
    const brain = decodeDataInscription(readFileSync(join(ROOT, 'fixtures/brains/pfp_classifier_0000.json'), 'utf8'));
    const life = L.lifeAt(g, 875_000, 870_000, brain);
    const hidden = brain.layers.slice(0, -1).map((l) => l.units);
    const order = brain.trainingTraits.neuron_order as number[][] | undefined;
    expect(life).toEqual(lifeAt(g, 875_000, 870_000, hidden, brain.layers.at(-1)!.units, order));
    const [h, w] = brain.inputShape;
    const px = Uint8ClampedArray.from({ length: h * w * 3 }, (_, i) => (i * 37) % 256);
    const want = classify(brain, px, { alive: life.alive }).map(({ name, p }) => ({ name, p }));
    expect(await L.classify(brain, px, { alive: life.alive })).toEqual(want);
    expect((await L.activations(brain, px)).length).toBe(brain.layers.length);
    await expect(L.classify(brain, px.subarray(3))).rejects.toThrow(`${px.length - 3} values, but ${brain.name} sees ${h}x${w}x3 = ${px.length}`);
  });

  it('reads a collection token as the art does: perceptron(tokenId) from /r/metadata, /r/inscription and its brain', async () => {
    const L = mod as unknown as typeof import('../../src/lib');
    const brainText = readFileSync(join(ROOT, 'fixtures/brains/pfp_classifier_0000.json'), 'utf8');
    const token = 'ab'.repeat(32) + 'i0', brainId = 'cd'.repeat(32) + 'i0', plain = 'ef'.repeat(32) + 'i0';
    const routes: Record<string, string> = {
      [`/r/metadata/${token}`]: JSON.stringify(encodeCborHex({ name: 'Perceptron #1', seed: SEED, brain: brainId, accuracy: 97.5 })),
      [`/r/inscription/${token}`]: JSON.stringify({ id: token, height: 870_000, delegate: plain }),
      [`/content/${brainId}`]: brainText,
      '/r/blockheight': '875000',
    };
    const real = globalThis.fetch;
    globalThis.fetch = (async (url: string) => (url in routes ? new Response(routes[url]) : new Response('not found', { status: 404 }))) as typeof fetch;
    try {
      const p = await L.perceptron(token);
      const g = generateGenome(SEED), brain = decodeDataInscription(brainText);
      expect(p.seed).toBe(SEED);
      expect(p.features).toEqual(g.features);
      expect(p.brain.id).toBe(brainId);
      expect(p.brain.classes).toEqual(brain.classes);
      expect(p.life).toEqual(L.lifeAt(g, 875_000, 870_000, brain));
      await expect(L.perceptron(plain)).rejects.toThrow(`perceptron ${plain}: no metadata (not a collection token)`);
      routes[`/r/metadata/${plain}`] = JSON.stringify('a1647365656401'); // { seed: 1 }
      await expect(L.perceptron(plain)).rejects.toThrow(/metadata "seed" must be 64 lowercase hex digits/);
    } finally {
      globalThis.fetch = real;
    }
  });

  it('is the library the committed examples import (npm run build points them at it)', () => {
    expect(staleExamples(ROOT, lib.id), 'run npm run build and commit examples/').toEqual([]);
  });
});
