// Collection mode: the preview server answers for a collection's parent, art, brains and tokens as ord does for
// inscriptions made by `ord wallet batch`: delegation on /content and /preview, CBOR metadata, children and parents
// (100 a page), a token's own (empty) content, and /r/inscription's delegate field.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeCborHex } from '../../src/chain/cbor';
import { startServer, type PreviewServer } from '../../tools/server/server';
import { DEFAULT_BIRTH_HEIGHT } from '../../tools/build/inscription';
import { COLLECTION_TOKENS, hit, idOf, makeFixture } from './helpers';

const fx = makeFixture();
let s: PreviewServer;
const artId = idOf(fx.files.collArt), parentId = idOf(fx.files.parent);
const get = async (path: string) => {
  const r = await hit(s.url, path);
  return { ...r, text: r.body.toString(), json: () => JSON.parse(r.body.toString()) };
};

beforeAll(async () => {
  s = await startServer({ port: 0, root: fx.root, collectionDir: 'dist/collection', birthHeight: 875000, height: 876000, quiet: true });
});
afterAll(async () => {
  await s.close();
  rmSync(fx.root, { recursive: true, force: true });
});

describe('collection mode', () => {
  it('serves the art under the manifest\'s ID and every token in order', () => {
    expect(s.artId).toBe(artId);
    expect(s.tokenIds).toEqual(fx.tokens.map((t) => t.id));
  });

  it('delegates a token\'s /content and /preview to the art: its bytes, content type and headers', async () => {
    for (const route of ['content', 'preview']) {
      const r = await get(`/${route}/${s.tokenIds[3]}`);
      expect(r.status).toBe(200);
      expect(r.headers['content-type']).toBe('text/html;charset=utf-8');
      expect(r.body.equals(fx.files.collArt)).toBe(true);
      expect(r.headers['content-security-policy']).toBeDefined();
    }
  });

  it('answers a token\'s metadata as a JSON string of hex CBOR: name, seed, brain, accuracy; 404 for none', async () => {
    const t = fx.tokens[7];
    const r = await get(`/r/metadata/${t.id}`);
    expect(r.headers['content-type']).toBe('application/json');
    expect(decodeCborHex(r.json())).toEqual({ name: 'Perceptron #7', seed: t.seed, brain: t.brain.id, accuracy: 90.07 });
    expect((await get(`/r/metadata/${artId}`)).status).toBe(404);
    expect((await get(`/r/metadata/${'ab'.repeat(32)}i0`)).status).toBe(404);
    expect((await get('/r/metadata/nonsense')).status).toBe(400);
  });

  it('serves each token\'s brain at /content/<brain id>', async () => {
    const r = await get(`/content/${fx.tokens[5].brain.id}`);
    expect(r.json()).toEqual({ model_name: 'brain 5' });
  });

  it('gives /r/inscription with the delegate and no own content; undelegated content is the token\'s own (none: 404)', async () => {
    const j = (await get(`/r/inscription/${s.tokenIds[0]}`)).json();
    expect(j).toMatchObject({ id: s.tokenIds[0], delegate: artId, content_type: null, content_length: null, height: 875000 });
    expect((await get(`/r/inscription/${artId}`)).json()).toMatchObject({ delegate: null, content_type: 'text/html;charset=utf-8' });
    expect((await get(`/r/undelegated-content/${s.tokenIds[0]}`)).status).toBe(404);
    const art = await get(`/r/undelegated-content/${artId}`);
    expect(art.body.equals(fx.files.collArt)).toBe(true);
  });

  it('lists the parent\'s children 100 a page, and each token\'s parent', async () => {
    const p0 = (await get(`/r/children/${parentId}`)).json(), p1 = (await get(`/r/children/${parentId}/1`)).json();
    expect(p0).toEqual({ ids: s.tokenIds.slice(0, 100), more: true, page: 0 });
    expect(p1).toEqual({ ids: s.tokenIds.slice(100), more: false, page: 1 });
    expect(p1.ids).toHaveLength(COLLECTION_TOKENS - 100);
    expect((await get(`/r/children/${parentId}/2`)).json()).toEqual({ ids: [], more: false, page: 2 });
    expect((await get(`/r/children/${artId}`)).json()).toEqual({ ids: [], more: false, page: 0 });
    expect((await get(`/r/parents/${s.tokenIds[42]}`)).json()).toEqual({ ids: [parentId], more: false, page_index: 0 });
    expect((await get(`/r/parents/${parentId}`)).json()).toEqual({ ids: [], more: false, page_index: 0 });
    expect((await get(`/r/parents/${s.tokenIds[42]}/1`)).json()).toEqual({ ids: [], more: false, page_index: 1 });
    expect((await get(`/r/children/${parentId}/x`)).status).toBe(400);
    expect((await get(`/r/children/${'ab'.repeat(32)}i0`)).status).toBe(404);
  });

  it('uses the explicit height', async () => {
    expect((await get('/r/blockheight')).text).toBe('876000');
  });
});

describe('startup', () => {
  it('fails clearly when the art has not been built', async () => {
    await expect(startServer({ port: 0, root: fx.root, html: 'missing.html', quiet: true })).rejects.toThrow(/no art inscription at .*missing\.html.*npm run build/);
  });

  it('fails clearly when the collection has no manifest', async () => {
    await expect(startServer({ port: 0, root: fx.root, collectionDir: 'fixtures', quiet: true })).rejects.toThrow(/manifest\.json not found: make the collection with `perceptrons collection/);
  });

  it('falls back to the default birth height when the art carries none', async () => {
    const srv = await startServer({ port: 0, root: fx.root, html: 'fixtures/brains/a_brain.json', quiet: true });
    expect(srv.birthHeight).toBe(DEFAULT_BIRTH_HEIGHT);
    await srv.close();
  });

  it('reports a port in use', async () => {
    const port = Number(new URL(s.url).port);
    await expect(startServer({ port, root: fx.root, quiet: true })).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });
});
