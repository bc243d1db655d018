// Upgrade children in the preview server: every batch file in an upgrades folder (as `perceptrons upgrade` writes it)
// is served as ord serves the children it inscribes: listed by /r/children/<parent>[/<page>] after the parent's other
// children, /content/<child> through delegation (or its own file), /r/inscription/<child> with its height (the tip the
// server started with) and delegate; the time slider hides a child below that height, as ord knows nothing of it yet.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upgradeBatch } from '../../src/chain/upgrade-batch';
import { startServer, type PreviewServer } from '../../tools/server/server';
import { hit, idOf, makeFixture } from './helpers';

const fx = makeFixture();
const art = idOf(fx.files.art), brainA = idOf(fx.files.brainA), token0 = fx.tokens[0].id;
const up = (dir: string, name: string, text: string): string => {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, name), text);
  return createHash('sha256').update(text).digest('hex');
};
// the single art: one child delegating to a brain, one holding its own file (read from the batch file's folder)
const artDir = join(fx.root, 'art-upgrades');
mkdirSync(artDir, { recursive: true });
writeFileSync(join(artDir, 'own.json'), '{"own": true}');
const delegating = up(artDir, 'a.yaml', upgradeBatch(art, { delegate: brainA })) + 'i0';
const holding = up(artDir, 'b.yaml', upgradeBatch(art, { file: 'own.json' })) + 'i0';
const missing = up(artDir, 'c.yaml', upgradeBatch(art, { delegate: 'f'.repeat(64) + 'i0' })) + 'i0';
// a collection: an upgrade of token 0 in its upgrades/ folder
const tokenChild = up(join(fx.root, 'dist/collection/upgrades'), 'upgrade.yaml', upgradeBatch(token0, { delegate: brainA })) + 'i0';

let s: PreviewServer, coll: PreviewServer;
beforeAll(async () => {
  s = await startServer({ port: 0, root: fx.root, quiet: true, upgradesDir: 'art-upgrades', height: 880_000 });
  coll = await startServer({ port: 0, root: fx.root, quiet: true, collectionDir: 'dist/collection', height: 880_000 });
});
afterAll(async () => {
  await s?.close();
  await coll?.close();
});
const getJson = async (server: PreviewServer, path: string) => {
  const r = await hit(server.url, path);
  return { status: r.status, body: r.status === 200 ? JSON.parse(r.body.toString()) : r.body.toString() };
};

describe('upgrade children', () => {
  it('lists the batches as the parent\'s children, oldest first, on ord\'s pages', async () => {
    expect(await getJson(s, `/r/children/${art}`)).toEqual({ status: 200, body: { ids: [delegating, holding, missing], more: false, page: 0 } });
    expect((await getJson(s, `/r/children/${art}/1`)).body).toEqual({ ids: [], more: false, page: 1 });
    expect((await getJson(s, `/r/parents/${delegating}`)).body).toEqual({ ids: [art], more: false, page_index: 0 });
  });

  it('serves a delegating child\'s content as its delegate\'s, a file child\'s as its own, a missing delegate as 404', async () => {
    const d = await hit(s.url, `/content/${delegating}`);
    expect([d.status, d.headers['content-type']]).toEqual([200, 'application/json']);
    expect(d.body.equals(fx.files.brainA)).toBe(true);
    expect((await hit(s.url, `/content/${holding}`)).body.toString()).toBe('{"own": true}');
    expect((await hit(s.url, `/content/${missing}`)).status).toBe(404);
    expect((await hit(s.url, `/r/undelegated-content/${delegating}`)).status).toBe(404);
  });

  it('records each child at the tip the server started with, its delegate, no body of its own when it delegates', async () => {
    const { body } = await getJson(s, `/r/inscription/${delegating}`);
    expect(body).toMatchObject({ id: delegating, height: 880_000, delegate: brainA, content_type: null, content_length: null });
    expect((await getJson(s, `/r/inscription/${holding}`)).body).toMatchObject({ height: 880_000, delegate: null, content_type: 'application/json' });
  });

  it('hides the children below the height they were inscribed at (the time slider), and shows them again', async () => {
    s.setHeight(879_999);
    expect((await getJson(s, `/r/children/${art}`)).body).toEqual({ ids: [], more: false, page: 0 });
    expect((await hit(s.url, `/r/inscription/${delegating}`)).status).toBe(404);
    expect((await hit(s.url, `/content/${delegating}`)).status).toBe(404);
    s.setHeight(880_000);
    expect((await getJson(s, `/r/children/${art}`)).body.ids).toHaveLength(3);
  });

  it('a collection serves its upgrades/ folder: the token\'s children', async () => {
    expect((await getJson(coll, `/r/children/${token0}`)).body).toEqual({ ids: [tokenChild], more: false, page: 0 });
    expect((await getJson(coll, `/r/children/${fx.tokens[1].id}`)).body.ids).toEqual([]);
    expect((await hit(coll.url, `/content/${tokenChild}`)).body.equals(fx.files.brainA)).toBe(true);
  });

  it('refuses a batch file that is not an upgrade, naming it', async () => {
    const bad = join(fx.root, 'bad-upgrades');
    up(bad, 'x.yaml', 'mode: separate-outputs\ninscriptions:\n- file: "nope.json"\n');
    await expect(startServer({ port: 0, root: fx.root, quiet: true, upgradesDir: 'bad-upgrades' })).rejects.toThrow(/x\.yaml: an upgrade batch names its parent/);
  });
});
