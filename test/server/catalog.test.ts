// The catalog takes baked birth heights from the build's manifests, never from the bundle's text; the server serves the
// page's default test set.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { idOf, loadCatalog } from '../../tools/server/catalog';
import { manifestJson } from '../../tools/build/manifest';
import { startServer } from '../../tools/server/server';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function page(manifest?: (artId: string) => string) {
  const dir = mkdtempSync(join(tmpdir(), 'perceptrons-catalog-'));
  dirs.push(dir);
  // a bundle whose text looks like a baked config: the catalog must not read it
  const html = `<!doctype html><script>var c={seed:"${'ab'.repeat(32)}",birthHeight:777777}</script>`;
  writeFileSync(join(dir, 'page.html'), html);
  if (manifest) writeFileSync(join(dir, 'page.json'), manifest(idOf(Buffer.from(html))));
  return loadCatalog({ html: join(dir, 'page.html'), brainsDir: join(dir, 'none'), compress: false });
}

const manifest = (artId: string, birthHeight = 870123) =>
  manifestJson({ file: 'page.html', artId, seed: 'ab'.repeat(32), birthHeight, fallbackHeight: birthHeight, brainId: 'x' });

describe('baked birth heights', () => {
  it('come from the manifest beside the page', () => {
    expect(page((id) => manifest(id)).art.bakedBirthHeight).toBe(870123);
  });
  it('are unknown without a manifest, whatever the bundle spells', () => {
    expect(page().art.bakedBirthHeight).toBeNull();
  });
  it('are unknown when the manifest describes other bytes (a stale manifest)', () => {
    expect(page(() => manifest('0'.repeat(64) + 'i0')).art.bakedBirthHeight).toBeNull();
  });
  it('refuse a malformed manifest, naming it', () => {
    expect(() => page(() => '{"seed": 1}')).toThrow(/page\.json: not a build manifest/);
    expect(() => page(() => '{oops')).toThrow(/page\.json: not JSON/);
  });
});

describe('the test set', () => {
  it('is served as image/png under its content ID by default (the page\'s default test set), and not when asked for none', async () => {
    const png = readFileSync(new URL('../../fixtures/testset/testset.png', import.meta.url));
    const server = await startServer({ port: 0, quiet: true });
    try {
      expect(server.testSetId).toBe(idOf(png));
      const res = await fetch(`${server.url}content/${server.testSetId}`);
      expect(res.headers.get('content-type')).toBe('image/png');
      expect(Buffer.from(await res.arrayBuffer()).equals(png)).toBe(true);
    } finally {
      await server.close();
    }
    const none = await startServer({ port: 0, quiet: true, testSetFile: '' });
    expect(none.testSetId).toBeNull();
    await none.close();
  });
});
