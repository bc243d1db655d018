// Upgrades on chain in the browser, each page in a fresh context (no storage): a token with an upgrade child opens with
// the child's brain and says so, never its old brain first; its sibling keeps its own; a newer child that is not a
// brain is skipped silently, a broken brain child with a note in the info panel; U still plugs in a brain for this
// browser only, says so, and offers the batch file that makes it permanent. The children are batch files in the
// collection's upgrades/ folder, served by the preview server as ord serves what it inscribes.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upgradeBatch } from '../../src/chain/upgrade-batch';
import { contentId } from '../../tools/build/ids';
import type { Manifest } from '../../tools/collection/manifest';
import { startServer, type PreviewServer } from '../../tools/server/server';
import { tempDir } from '../build/helpers';
import { tinyCollection, tinyDataset } from '../collection/helpers';
import { closeBrowser, openFramed, ROOT, waitForPerceptron, type Framed } from './harness';
import { press, waitPanel } from './ui-setup';

const tmp = tempDir('perceptrons-upgrade-browser-');
const out = join(tmp.dir, 'collection');
const mnistFile = join(ROOT, 'fixtures/brains/mnist_digits.json');
const mnist = contentId(readFileSync(mnistFile));
let server: PreviewServer;
let manifest: Manifest;
/** The ID ord gives the one inscription of a batch file (here: the file's sha256, then i0). */
const childOf = (file: string) => contentId(readFileSync(file));

beforeAll(async () => {
  await tinyCollection(await tinyDataset(tmp.dir), out, { count: 3, epochs: 1 });
  manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
  const extra = join(tmp.dir, 'extra');
  mkdirSync(extra);
  copyFileSync(mnistFile, join(extra, 'mnist.json')); // the brain the upgrades delegate to
  copyFileSync(join(ROOT, 'fixtures/brains/pfp_classifier_0000.json'), join(extra, 'default.json'));
  const ups = join(out, 'upgrades');
  mkdirSync(ups);
  const [t0, , t2] = manifest.tokens;
  // token 0: one upgrade delegating to the MNIST brain
  writeFileSync(join(ups, '1-t0.yaml'), upgradeBatch(t0.id, { delegate: mnist }));
  // token 2: the MNIST brain (its own file), then newer: a text child and a broken brain child (files are read from
  // the batch file's folder, where ord is run)
  copyFileSync(mnistFile, join(ups, 'mnist.json'));
  writeFileSync(join(ups, 'note.txt'), 'a note, not a brain');
  writeFileSync(join(ups, 'broken.json'), '{"model_name": "broken", "layers_config": {}}');
  writeFileSync(join(ups, '2-t2-brain.yaml'), upgradeBatch(t2.id, { file: 'mnist.json' }));
  writeFileSync(join(ups, '3-t2-note.yaml'), upgradeBatch(t2.id, { file: 'note.txt' }));
  writeFileSync(join(ups, '4-t2-broken.yaml'), upgradeBatch(t2.id, { file: 'broken.json' }));
  server = await startServer({ port: 0, collectionDir: out, brainsDir: extra, quiet: true });
}, 180_000);
afterAll(async () => {
  await closeBrowser();
  await server?.close();
  tmp.cleanup();
});

/** Opens a token in a fresh context, recording every brain name window.perceptron showed until it was ready. */
async function open(id: string): Promise<{ f: Framed; shown: string[] }> {
  const f = await openFramed(server, id, '', { isolated: true, waitForState: false });
  const shown: string[] = [];
  await waitForPerceptron(f, (p) => {
    if (p.brain.name && shown[shown.length - 1] !== p.brain.name) shown.push(p.brain.name);
    return p.ready;
  }, 30_000);
  return { f, shown };
}

async function info(f: Framed): Promise<string> {
  await press(f, 'i');
  const text = await waitPanel(f.frame, 'info');
  await press(f, 'Escape');
  return text;
}

describe('an upgrade on chain', () => {
  it('a token with an upgrade child opens with the child\'s brain (never its own first) and says so', async () => {
    const t0 = manifest.tokens[0], child = childOf(join(out, 'upgrades/1-t0.yaml'));
    const { f, shown } = await open(t0.id);
    try {
      const p = await waitForPerceptron(f);
      expect(shown).toEqual(['mnist_digits']);
      expect([p.brain.id, p.brain.classes.length, p.brainSource, p.brainChild]).toEqual([child, 10, 'child', { id: child, height: server.state().height }]);
      expect(await info(f)).toContain(`upgraded on chain by child ${child.slice(0, 8)}… at block ${server.state().height}`);
      expect(await f.problems()).toEqual([]);
    } finally {
      await f.close();
    }
  });

  it('its sibling keeps its own brain', async () => {
    const t1 = manifest.tokens[1];
    const { f } = await open(t1.id);
    try {
      const p = await waitForPerceptron(f);
      expect([p.brain.id, p.brainSource, p.brainChild]).toEqual([t1.brain.id, 'metadata', null]);
      expect(await info(f)).toMatch(/brain source\s+its own brain/);
    } finally {
      await f.close();
    }
  });

  it('skips a newer non-brain child silently and a broken brain child with a note in the info panel', async () => {
    const t2 = manifest.tokens[2], good = childOf(join(out, 'upgrades/2-t2-brain.yaml')), broken = childOf(join(out, 'upgrades/4-t2-broken.yaml'));
    const { f, shown } = await open(t2.id);
    try {
      const p = await waitForPerceptron(f);
      expect(shown).toEqual(['mnist_digits']);
      expect([p.brain.id, p.brainSource]).toEqual([good, 'child']);
      const text = await info(f);
      expect(text).toMatch(new RegExp(`skipped upgrade\\s+child ${broken.slice(0, 8)}…: Not a valid brain: layers_config.config: must be an object`));
      expect(text).not.toContain(childOf(join(out, 'upgrades/3-t2-note.yaml')).slice(0, 8));
      expect(await f.problems()).toEqual([]);
    } finally {
      await f.close();
    }
  });

  it('the time slider before the upgrade: the token runs its own brain again', async () => {
    const t0 = manifest.tokens[0], tip = server.state().height;
    server.setHeight(tip - 1);
    const { f } = await open(t0.id);
    try {
      const p = await waitForPerceptron(f);
      expect([p.brain.id, p.brainSource]).toEqual([t0.brain.id, 'metadata']);
    } finally {
      server.setHeight(tip);
      await f.close();
    }
  });

  it('U still plugs in a brain here only, says so, and offers the batch file that makes it permanent', async () => {
    const t0 = manifest.tokens[0], def = contentId(readFileSync(join(ROOT, 'fixtures/brains/pfp_classifier_0000.json')));
    const { f } = await open(t0.id);
    try {
      await press(f, 'u');
      await waitPanel(f.frame, 'upgrade');
      await f.frame.fill('input[name=id]', def);
      await f.frame.click('text=plug in');
      await waitPanel(f.frame, 'upgrade', /Plugged in/);
      const batch = await f.frame.inputValue('.perm textarea');
      expect(batch).toBe(upgradeBatch(t0.id, { delegate: def }));
      const p = await waitForPerceptron(f, (s) => s.brain.id === def);
      expect([p.brainSource, p.brainChild]).toEqual(['local', null]);
      await press(f, 'Escape');
      expect(await info(f)).toContain('plugged in here with U: only in this browser');
    } finally {
      await f.close();
    }
  });
});
