import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_BIRTH_HEIGHT, startServer, type PreviewServer } from '../../tools/server/server';
import { hit, idOf, makeFixture } from './helpers';

const fx = makeFixture();
let s: PreviewServer;

beforeAll(async () => {
  s = await startServer({ port: 0, root: fx.root, collectionDir: 'dist/collection', birthHeight: 875000, height: 876000, quiet: true });
});
afterAll(async () => {
  await s.close();
  rmSync(fx.root, { recursive: true, force: true });
});

describe('collection mode', () => {
  it('serves the shared art and every token under sha256 IDs, tokens in natural order', () => {
    expect(s.artId).toBe(idOf(fx.files.collArt));
    expect(s.tokenIds).toEqual([idOf(fx.files.token1), idOf(fx.files.token2), idOf(fx.files.token10)]);
  });

  it('serves tokens and the art on /content and /preview', async () => {
    for (const id of [s.artId, ...s.tokenIds]) {
      for (const route of ['content', 'preview']) {
        const r = await hit(s.url, `/${route}/${id}`);
        expect(r.status).toBe(200);
        expect(r.headers['content-type']).toBe('text/html;charset=utf-8');
      }
    }
    const r = await hit(s.url, `/content/${s.tokenIds[0]}`);
    expect(r.body.equals(fx.files.token1)).toBe(true);
  });

  it('gives the art the configured birth height and each token the one its manifest says was baked into it', async () => {
    const height = async (id: string) => JSON.parse((await hit(s.url, `/r/inscription/${id}`)).body.toString()).height;
    expect(await height(s.artId)).toBe(875000);
    expect(await height(s.tokenIds[0])).toBe(880001);
    expect(await height(s.tokenIds[1])).toBe(880002);
    expect(await height(s.tokenIds[2])).toBe(875000); // not in the collection's manifest: the art's
  });

  it('frames the first token and lists every token to click through', async () => {
    const html = (await hit(s.url, '/')).body.toString();
    expect(html).toContain(`<iframe sandbox=allow-scripts src=/preview/${s.tokenIds[0]}></iframe>`);
    for (const id of s.tokenIds) expect(html).toContain(`<button class="token" data-id="${id}"`);
    expect(html).toContain('token-10.html');
  });

  it('uses the explicit height', async () => {
    expect((await hit(s.url, '/r/blockheight')).body.toString()).toBe('876000');
  });
});

describe('startup', () => {
  it('fails clearly when the art has not been built', async () => {
    await expect(startServer({ port: 0, root: fx.root, html: 'missing.html', quiet: true })).rejects.toThrow(/no art inscription at .*missing\.html.*npm run build/);
  });

  it('falls back to the default birth height when the art carries none', async () => {
    const srv = await startServer({ port: 0, root: fx.root, html: join('fixtures', 'brains', 'a_brain.json'), quiet: true });
    expect(srv.birthHeight).toBe(DEFAULT_BIRTH_HEIGHT);
    await srv.close();
  });

  it('reports a port in use', async () => {
    const port = Number(new URL(s.url).port);
    await expect(startServer({ port, root: fx.root, quiet: true })).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });
});
