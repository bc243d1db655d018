// perceptrons serve --inscriptions DIR: every file in DIR served as an inscription, ID = sha256 + i0, the content type
// ord infers from its extension, ord's CSP; listed with its URL; an extension ord would refuse is refused by name.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { CONTENT_CSP, startServer } from '../../tools/server/server';
import { ordContentType } from '../../tools/server/media';
import { buildTestPage, TEST_BRAINS_DIR } from '../browser/harness';

const dir = mkdtempSync(join(tmpdir(), 'perceptrons-inscriptions-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const sha = (b: string | Buffer) => createHash('sha256').update(b).digest('hex') + 'i0';

describe('serve --inscriptions', () => {
  it('serves each file by its ID with ord\'s content type and CSP, and lists them', async () => {
    const files: Record<string, string> = { 'piece.html': '<!doctype html><p>hi', 'lib/code.js': 'export const x = 1;', 'notes.TXT': 'plain', 'data.json': '{"a":1}' };
    mkdirSync(join(dir, 'ok/lib'), { recursive: true });
    for (const [f, text] of Object.entries(files)) writeFileSync(join(dir, 'ok', f), text);
    const page = await buildTestPage();
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const server = await startServer({ port: 0, html: page.path, brainsDir: TEST_BRAINS_DIR, inscriptionsDir: join(dir, 'ok') });
    try {
      const listed = log.mock.calls.map((c) => String(c[0])).join('\n');
      const types = { 'piece.html': 'text/html;charset=utf-8', 'lib/code.js': 'text/javascript', 'notes.TXT': 'text/plain;charset=utf-8', 'data.json': 'application/json' };
      for (const [f, type] of Object.entries(types)) {
        const id = server.inscriptionIds[f];
        expect(id).toBe(sha(files[f]));
        const res = await fetch(`${server.url}content/${id}`);
        expect([res.status, res.headers.get('content-type'), await res.text()]).toEqual([200, type, files[f]]);
        expect(res.headers.get('content-security-policy')).toBe(CONTENT_CSP.join(', '));
        expect(listed).toContain(`${server.url}${f.endsWith('.html') ? 'preview' : 'content'}/${id}`);
      }
    } finally {
      log.mockRestore();
      await server.close();
      page.cleanup();
    }
  });

  it('refuses what ord would not inscribe, and a missing directory, by name', async () => {
    expect(ordContentType('a/b.WEBP')).toBe('image/webp');
    expect(() => ordContentType('x.htm')).toThrow(/x\.htm: unsupported file extension `\.htm`, supported extensions: apng asc bin/);
    expect(() => ordContentType('Makefile')).toThrow(/Makefile: file must have extension/);
    mkdirSync(join(dir, 'bad'));
    writeFileSync(join(dir, 'bad/piece.foo'), 'x');
    const page = await buildTestPage();
    try {
      await expect(startServer({ port: 0, html: page.path, brainsDir: TEST_BRAINS_DIR, inscriptionsDir: join(dir, 'bad'), quiet: true }))
        .rejects.toThrow(/piece\.foo: unsupported file extension `\.foo`/);
      await expect(startServer({ port: 0, html: page.path, brainsDir: TEST_BRAINS_DIR, inscriptionsDir: join(dir, 'none'), quiet: true }))
        .rejects.toThrow(/--inscriptions .*none: no such directory/);
    } finally {
      page.cleanup();
    }
  });
});
