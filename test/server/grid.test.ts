// ord's children page (/children/<parent>[/<page>]) on the preview server: a collection's tokens 100 a page in ord's
// thumbnail markup (ord src/templates/iframe.rs), prev and next as ord writes them, ord's errors for bad and unknown IDs.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type PreviewServer } from '../../tools/server/server';
import { GRID_CSP } from '../../tools/server/grid';
import { COLLECTION_TOKENS, hit, idOf, makeFixture } from './helpers';

const fx = makeFixture();
let s: PreviewServer;
const parentId = idOf(fx.files.parent);
const get = async (path: string) => {
  const r = await hit(s.url, path);
  return { ...r, text: r.body.toString() };
};
/** The IDs of the thumbnails on a page, checking each is exactly ord's Iframe::thumbnail markup. */
const thumbnails = (html: string): string[] => {
  const all = [...html.matchAll(/<a href=\/inscription\/(\w+)><iframe ([^>]*)><\/iframe><\/a>/g)];
  for (const [, id, attrs] of all) expect(attrs).toBe(`sandbox=allow-scripts scrolling=no loading=lazy src=/preview/${id}`);
  return all.map((m) => m[1]);
};

beforeAll(async () => {
  s = await startServer({ port: 0, root: fx.root, collectionDir: 'dist/collection', quiet: true });
});
afterAll(async () => {
  await s.close();
  rmSync(fx.root, { recursive: true, force: true });
});

describe('/children/<parent>', () => {
  it('puts the first 100 tokens on page 0, in order, in ord\'s markup, with a next link', async () => {
    expect(COLLECTION_TOKENS).toBeGreaterThan(100);
    const r = await get(`/children/${parentId}`);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers['content-security-policy']).toBe(GRID_CSP);
    expect(thumbnails(r.text)).toEqual(s.tokenIds.slice(0, 100));
    expect(r.text).toContain(`<a class=next href=/children/${parentId}/1>next</a>`);
    expect(r.text).toMatch(/\nprev\n/); // no page before the first: the word, not a link
    expect(r.text).toMatch(/<title>Inscription \d+ Children<\/title>/);
    expect(await get(`/children/${parentId}/0`).then((x) => x.text)).toBe(r.text);
  });

  it('puts the rest on page 1 with a prev link, and says "No children" past the end', async () => {
    const r = await get(`/children/${parentId}/1`);
    expect(thumbnails(r.text)).toEqual(s.tokenIds.slice(100));
    expect(r.text).toContain(`<a class=prev href=/children/${parentId}/0>prev</a>`);
    expect(r.text).toMatch(/\nnext\n/);
    const past = await get(`/children/${parentId}/2`);
    expect(past.status).toBe(200);
    expect(past.text).toContain('<h3>No children</h3>');
    expect(thumbnails(past.text)).toEqual([]);
  });

  it('answers an inscription without children, an unknown one and bad input as ord does', async () => {
    expect((await get(`/children/${s.artId}`)).text).toContain('<h3>No children</h3>');
    const unknown = await get(`/children/${'ab'.repeat(32)}i0`);
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain(`inscription ${'ab'.repeat(32)}i0`);
    expect((await get('/children/nonsense')).status).toBe(400);
    expect((await get(`/children/${parentId}/x`)).status).toBe(400);
  });

  it('is linked from the home page in collection mode', async () => {
    expect((await get('/')).text).toContain(`<a href="/children/${parentId}"`);
  });

  it('answers HEAD like GET, without a body', async () => {
    const r = await hit(s.url, `/children/${parentId}`, { method: 'HEAD' });
    expect(r.status).toBe(200);
    expect(r.body.length).toBe(0);
  });
});
