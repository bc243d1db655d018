import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_CACHE, CONTENT_CSP, DEFAULT_AGE_BLOCKS, PREVIEW_PAGE_CSP, startServer, type PreviewServer } from '../../tools/server/server';
import { matchPattern } from '../../tools/server/routes';
import { ROUTE } from '../../src/chain/routes';
import { SECRET, headerValues, hit, idOf, makeFixture, rawHit } from './helpers';

const CSP_SELF = "default-src 'self' 'unsafe-eval' 'unsafe-inline' data: blob:";
const CSP_RECURSIVE =
  "default-src *:*/content/ *:*/blockheight *:*/blockhash *:*/blockhash/ *:*/blocktime *:*/r/ 'unsafe-eval' 'unsafe-inline' data: blob:";

const fx = makeFixture();
let s: PreviewServer;
let artId: string;
let brainA: string;

beforeAll(async () => {
  s = await startServer({ port: 0, root: fx.root, quiet: true, fee: 25 });
  artId = s.artId;
  brainA = s.brainIds['a_brain.json'];
});
afterAll(async () => {
  await s.close();
  rmSync(fx.root, { recursive: true, force: true });
});

describe('inscriptions and IDs', () => {
  it('gives every file sha256(bytes) + "i0", skipping dotfiles, brains listed by path', () => {
    expect(artId).toBe(idOf(fx.files.art));
    expect(s.brainIds).toEqual({
      'a_brain.json': idOf(fx.files.brainA),
      [join('nested', 'b_brain.json')]: idOf(fx.files.brainB),
      'pic.png': idOf(fx.files.image),
    });
    expect(s.tokenIds).toEqual([]);
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('takes the birth height from the built art and starts two weeks later', () => {
    expect(s.birthHeight).toBe(871000);
    expect(s.state()).toMatchObject({ height: 871000 + DEFAULT_AGE_BLOCKS, fee: 25, playing: false });
  });
});

describe('/content and /preview', () => {
  it('serves the art with both of ord\'s CSP headers, immutable caching and its content type', async () => {
    for (const route of ['content', 'preview']) {
      const r = await hit(s.url, `/${route}/${artId}`);
      expect(r.status).toBe(200);
      expect(headerValues(r, 'content-security-policy')).toEqual([CSP_SELF, CSP_RECURSIVE]);
      expect(CONTENT_CSP).toEqual([CSP_SELF, CSP_RECURSIVE]);
      expect(r.headers['cache-control']).toBe('public, max-age=1209600, immutable');
      expect(CONTENT_CACHE).toBe(r.headers['cache-control']);
      expect(r.headers['content-type']).toBe('text/html;charset=utf-8');
      expect(r.headers['content-encoding']).toBeUndefined();
      expect(r.body.equals(fx.files.art)).toBe(true);
    }
  });

  it('serves brains raw on /content with their content type', async () => {
    const r = await hit(s.url, `/content/${brainA}`);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/json');
    expect(r.body.equals(fx.files.brainA)).toBe(true);
    const png = await hit(s.url, `/content/${s.brainIds['pic.png']}`);
    expect(png.headers['content-type']).toBe('image/png');
  });

  it('renders a preview page (not the raw bytes) for non-HTML media, escaped', async () => {
    const r = await hit(s.url, `/preview/${brainA}`);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(headerValues(r, 'content-security-policy')).toEqual([PREVIEW_PAGE_CSP]);
    expect(r.body.toString()).toContain('&quot;model_name&quot;:&quot;fixture&quot;');
    const img = await hit(s.url, `/preview/${s.brainIds['pic.png']}`);
    expect(img.body.toString()).toContain(`<img src="/content/${s.brainIds['pic.png']}"`);
  });

  it('404s an unknown ID and 400s a malformed one', async () => {
    expect((await hit(s.url, `/content/${'0'.repeat(64)}i0`)).status).toBe(404);
    expect((await hit(s.url, `/content/${artId.replace('i0', 'i1')}`)).status).toBe(404);
    const upperI = `${artId.slice(0, 64)}I0`; // ord: InscriptionId::from_str refuses any separator but "i"
    for (const bad of ['abc', artId.slice(2), `${artId.slice(0, 64)}i`, `${artId.slice(0, 64)}i4294967296`, `${artId}x`, '%00', upperI]) {
      const r = await hit(s.url, `/content/${bad}`);
      expect(r.status, bad).toBe(400);
      expect((await hit(s.url, `/preview/${bad}`)).status).toBe(400);
    }
  });

  it('marks error bodies nosniff (they echo the request as text/plain)', async () => {
    for (const path of ['/content/<script>alert(1)</script>', `/content/${'0'.repeat(64)}i0`, '/r/blockinfo/abc']) {
      const r = await hit(s.url, path);
      expect(r.status, path).toBeGreaterThanOrEqual(400);
      expect(r.headers['x-content-type-options'], path).toBe('nosniff');
      expect(r.headers['content-type'], path).toMatch(/^text\/plain/);
    }
  });

  it('accepts an uppercase txid as ord does', async () => {
    const r = await hit(s.url, `/content/${artId.slice(0, 64).toUpperCase()}i0`);
    expect(r.status).toBe(200);
  });

  it('answers HEAD with the headers and no body', async () => {
    const r = await hit(s.url, `/content/${artId}`, { method: 'HEAD' });
    expect(r.status).toBe(200);
    expect(r.headers['content-length']).toBe(String(fx.files.art.length));
    expect(r.body.length).toBe(0);
  });

  it('serves from memory: a file deleted after start is still served, nothing is read per request', async () => {
    const t = makeFixture();
    const srv = await startServer({ port: 0, root: t.root, quiet: true });
    rmSync(t.root, { recursive: true, force: true });
    const r = await hit(srv.url, `/content/${srv.artId}`);
    expect(r.status).toBe(200);
    expect(r.body.equals(t.files.art)).toBe(true);
    await srv.close();
  });
});

describe('path traversal and malformed requests', () => {
  const attempts = [
    '/content/../../etc/passwd',
    '/content/../secret.txt',
    '/content/..%2F..%2Fsecret.txt',
    '/content/%2e%2e/%2e%2e/secret.txt',
    '/preview/..%5C..%5Csecret.txt',
    '/../secret.txt',
    '/secret.txt',
    '//secret.txt',
    '/fixtures/brains/a_brain.json',
    '/inscription.html',
    '/r/inscription/../../secret.txt',
    '/r/blockinfo/..%2f..%2fsecret.txt',
    '/content/%00',
    '/content/secret.txt%00.json',
  ];

  it('answers 400 or 404 and never the bytes of a file outside the served ones', async () => {
    for (const p of [...attempts, `/content/${artId}/../../secret.txt`, `/content/${artId}/..%2F..%2Fsecret.txt`]) {
      const r = await hit(s.url, p);
      expect([400, 404], p).toContain(r.status);
      expect(r.body.toString()).not.toContain(SECRET);
      expect(r.headers['access-control-allow-origin']).toBe('*');
    }
  });

  it('refuses request targets that are not a path, and oversized headers', async () => {
    const abs = await rawHit(s.url, 'GET http://example.com/secret.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(abs).toMatch(/^HTTP\/1\.1 400 /);
    const star = await rawHit(s.url, 'GET * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(star).toMatch(/^HTTP\/1\.1 400 /);
    const huge = await rawHit(s.url, `GET /r/blockheight HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(40_000)}\r\nConnection: close\r\n\r\n`);
    expect(huge).toMatch(/^HTTP\/1\.1 431 /);
    expect(huge.toLowerCase()).toContain('access-control-allow-origin: *');
    const garbage = await rawHit(s.url, 'NOT HTTP AT ALL\r\n\r\n');
    expect(garbage).toMatch(/^HTTP\/1\.1 400 /);
  });

  it('allows only GET and HEAD on ord routes, naming them in Allow; an unknown path is 404 whatever the method', async () => {
    for (const m of ['POST', 'PUT', 'DELETE']) {
      const r = await hit(s.url, `/content/${artId}`, { method: m });
      expect(r.status).toBe(405);
      expect(r.headers.allow).toBe('GET, HEAD, OPTIONS');
    }
    expect((await hit(s.url, '/-/state', { method: 'PUT' })).headers.allow).toBe('GET, HEAD, POST, OPTIONS');
    expect((await hit(s.url, '/nope', { method: 'POST' })).status).toBe(404);
  });
});

describe('the route table', () => {
  it('is listed row for row, in order, in docs/server.md', () => {
    const doc = readFileSync(new URL('../../docs/server.md', import.meta.url), 'utf8');
    const section = doc.slice(doc.indexOf('## Routes and headers at a glance'), doc.indexOf('**Content-Security-Policy.**'));
    const rows = [...section.matchAll(/^\| (GET|POST) \| `([^`]+)` \|/gm)].map(([, method, pattern]) => ({ method, pattern }));
    expect(rows).toEqual(s.routes);
    expect(s.routes.length).toBeGreaterThan(15);
  });

  it('routes the paths the page builds from src/chain/routes.ts', () => {
    for (const pattern of Object.values(ROUTE)) expect(s.routes.map((r) => r.pattern)).toContain(pattern);
  });

  it('matches {name} to exactly one non-empty segment', () => {
    expect(matchPattern('/r/children/{inscription_id}/{page}', '/r/children/abc/2')).toEqual({ inscription_id: 'abc', page: '2' });
    expect(matchPattern('/r/children/{inscription_id}', '/r/children/abc/2')).toBeNull();
    expect(matchPattern('/content/{inscription_id}', '/content/')).toBeNull();
    expect(matchPattern('/blockheight', '/blockheight/')).toBeNull();
  });
});

describe('CORS', () => {
  it('sends Access-Control-Allow-Origin: * on every route and status', async () => {
    const routes = [
      '/', '/-/state', `/content/${artId}`, `/preview/${artId}`, `/preview/${brainA}`, '/r/blockheight', '/blockheight',
      '/r/blocktime', '/blocktime', '/r/blockhash', '/blockhash', '/r/blockhash/5', '/blockhash/5', '/r/blockinfo/5',
      `/r/inscription/${artId}`, '/nope', '/r/nope', '/content/bad', '/r/blockinfo/99999999', '/r/blockinfo/x',
    ];
    for (const p of routes) {
      for (const method of ['GET', 'HEAD', 'OPTIONS']) {
        const r = await hit(s.url, p, { method, headers: { Origin: 'null' } });
        expect(r.headers['access-control-allow-origin'], `${method} ${p} (${r.status})`).toBe('*');
      }
    }
    const pre = await hit(s.url, '/r/blockheight', { method: 'OPTIONS', headers: { Origin: 'null', 'Access-Control-Request-Method': 'GET' } });
    expect(pre.status).toBe(204);
    expect(pre.headers['access-control-allow-methods']).toContain('GET');
  });
});

describe('block endpoints', () => {
  it('serves the tip as plain text on /blockheight and /r/blockheight, and follows setHeight', async () => {
    s.setHeight(880123);
    for (const p of ['/blockheight', '/r/blockheight']) {
      const r = await hit(s.url, p);
      expect(r.status).toBe(200);
      expect(r.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(r.body.toString()).toBe('880123');
    }
    const t = Number((await hit(s.url, '/r/blocktime')).body.toString());
    expect(Number((await hit(s.url, '/blocktime')).body.toString())).toBe(t);
    expect(t).toBeGreaterThan(1_700_000_000);
  });

  it('serves block hashes: plain on /blockhash, a JSON string on /r/blockhash', async () => {
    s.setHeight(880200);
    const plain = (await hit(s.url, '/blockhash')).body.toString();
    expect(plain).toMatch(/^0{16}[0-9a-f]{48}$/);
    const r = await hit(s.url, '/r/blockhash');
    expect(r.headers['content-type']).toBe('application/json');
    expect(JSON.parse(r.body.toString())).toBe(plain);
    expect(JSON.parse((await hit(s.url, '/r/blockhash/880200')).body.toString())).toBe(plain);
    expect((await hit(s.url, '/blockhash/880199')).body.toString()).not.toBe(plain);
    expect((await hit(s.url, '/r/blockhash/880201')).status).toBe(404);
  });

  it("answers /r/blockinfo/<h> with ord's field names and types", async () => {
    s.setHeight(880300);
    s.setFee(25);
    const r = await hit(s.url, '/r/blockinfo/880300');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/json');
    const b = JSON.parse(r.body.toString());
    expect(Object.keys(b).sort()).toEqual([
      'average_fee', 'average_fee_rate', 'bits', 'chainwork', 'confirmations', 'difficulty', 'feerate_percentiles', 'hash',
      'height', 'max_fee', 'max_fee_rate', 'max_tx_size', 'median_fee', 'median_time', 'merkle_root', 'min_fee', 'min_fee_rate',
      'next_block', 'nonce', 'previous_block', 'subsidy', 'target', 'timestamp', 'total_fee', 'total_size', 'total_weight',
      'transaction_count', 'version',
    ]);
    for (const k of ['average_fee', 'average_fee_rate', 'bits', 'confirmations', 'height', 'max_fee', 'max_fee_rate', 'max_tx_size',
      'median_fee', 'median_time', 'min_fee', 'min_fee_rate', 'nonce', 'subsidy', 'timestamp', 'total_fee', 'total_size',
      'total_weight', 'transaction_count', 'version']) {
      expect(Number.isSafeInteger(b[k]) && b[k] >= 0, k).toBe(true);
    }
    for (const k of ['chainwork', 'hash', 'merkle_root', 'previous_block', 'target']) expect(b[k], k).toMatch(/^[0-9a-f]{64}$/);
    expect(typeof b.difficulty).toBe('number');
    expect(b.feerate_percentiles).toHaveLength(5);
    expect([...b.feerate_percentiles].sort((x: number, y: number) => x - y)).toEqual(b.feerate_percentiles);
    expect(b).toMatchObject({ height: 880300, average_fee_rate: 25, confirmations: 1, next_block: null, subsidy: 312500000 });
    expect(b.hash).toBe((await hit(s.url, '/blockhash')).body.toString());
    // the block below links forward, the one at 0 has no predecessor
    const below = JSON.parse((await hit(s.url, '/r/blockinfo/880299')).body.toString());
    expect(below.next_block).toBe(b.hash);
    expect(b.previous_block).toBe(below.hash);
    expect(below.timestamp).toBeLessThan(b.timestamp);
    const genesis = JSON.parse((await hit(s.url, '/r/blockinfo/0')).body.toString());
    expect(genesis).toMatchObject({ previous_block: null, subsidy: 5_000_000_000, height: 0 });
  });

  it('looks blocks up by hash too, deterministically, and 404s above the tip', async () => {
    s.setHeight(880400);
    const byHeight = (await hit(s.url, '/r/blockinfo/880000')).body.toString();
    const hash = JSON.parse(byHeight).hash;
    expect((await hit(s.url, `/r/blockinfo/${hash}`)).body.toString()).toBe(byHeight);
    expect((await hit(s.url, '/r/blockinfo/880000')).body.toString()).toBe(byHeight);
    expect((await hit(s.url, '/r/blockinfo/880401')).status).toBe(404);
    expect((await hit(s.url, `/r/blockinfo/${'0'.repeat(16)}ffffffff${'0'.repeat(40)}`)).status).toBe(404);
    expect((await hit(s.url, `/r/blockinfo/${'f'.repeat(64)}`)).status).toBe(404);
    for (const bad of ['-1', '1.5', 'abc', '99999999999']) expect((await hit(s.url, `/r/blockinfo/${bad}`)).status, bad).toBe(400);
  });

  it('varies older blocks around the set fee and keeps the tip at it', async () => {
    s.setHeight(880500);
    s.setFee(40);
    const rates = [];
    for (let h = 880400; h <= 880500; h += 10) rates.push(JSON.parse((await hit(s.url, `/r/blockinfo/${h}`)).body.toString()).average_fee_rate);
    expect(rates.at(-1)).toBe(40);
    expect(new Set(rates).size).toBeGreaterThan(3);
    for (const r of rates) expect(r).toBeGreaterThanOrEqual(24), expect(r).toBeLessThanOrEqual(56);
  });
});

describe('/r/inscription', () => {
  it('describes an inscription with ord\'s fields; height is its birth height', async () => {
    const r = await hit(s.url, `/r/inscription/${artId}`);
    expect(r.status).toBe(200);
    const j = JSON.parse(r.body.toString());
    expect(j).toMatchObject({
      id: artId, height: 871000, content_type: 'text/html;charset=utf-8', content_length: fx.files.art.length,
      delegate: null, charms: [], sat: null, output: `${artId.slice(0, 64)}:0`, satpoint: `${artId.slice(0, 64)}:0:0`,
    });
    for (const k of ['fee', 'number', 'timestamp', 'value']) expect(Number.isSafeInteger(j[k]), k).toBe(true);
    expect((await hit(s.url, `/r/inscription/${'1'.repeat(64)}i0`)).status).toBe(404);
    expect((await hit(s.url, '/r/inscription/zzz')).status).toBe(400);
  });
});

describe('control endpoint /-/state (not an ord route)', () => {
  it('reads and changes the simulated chain, and refuses bad values', async () => {
    let r = await hit(s.url, '/-/state?height=881000&fee=3', { method: 'POST' });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body.toString())).toMatchObject({ height: 881000, fee: 3 });
    expect((await hit(s.url, '/r/blockheight')).body.toString()).toBe('881000');
    expect(JSON.parse((await hit(s.url, '/r/blockinfo/881000')).body.toString()).average_fee_rate).toBe(3);
    for (const q of ['height=-5', 'height=1.5', 'height=abc', 'fee=-1', 'blocksPerSecond=0', 'playing=maybe']) {
      r = await hit(s.url, `/-/state?${q}`, { method: 'POST' });
      expect(r.status, q).toBe(400);
    }
    r = await hit(s.url, '/-/state');
    expect(JSON.parse(r.body.toString())).toMatchObject({ height: 881000, fee: 3, playing: false });
  });
});

describe('home page', () => {
  it('frames the art as ordinals.com does, with controls and the brain IDs outside the frame', async () => {
    const r = await hit(s.url, '/');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    const html = r.body.toString();
    expect(html).toContain(`<iframe sandbox=allow-scripts src=/preview/${artId}></iframe>`);
    for (const id of Object.values(s.brainIds)) expect(html).toContain(`data-id="${id}"`);
    for (const c of ['id="range"', 'id="play"', 'id="fee"', 'id="bps"']) expect(html).toContain(c);
    expect(html).toContain("fetch('/-/state");
    expect(html).not.toContain('button class="token"');
  });
});

describe('1,000 concurrent requests', () => {
  it('answers every one without an error', async () => {
    s.setHeight(882000);
    const paths = ['/r/blockheight', `/content/${artId}`, `/content/${brainA}`, '/r/blockinfo/881999', `/r/inscription/${artId}`, '/nope', '/blocktime', `/preview/${artId}`];
    const want: Record<string, number> = { '/nope': 404 };
    const replies = await Promise.allSettled(Array.from({ length: 1000 }, (_, i) => hit(s.url, paths[i % paths.length])));
    const failed = replies.filter((r) => r.status === 'rejected');
    expect(failed.map((f) => String((f as PromiseRejectedResult).reason))).toEqual([]);
    replies.forEach((r, i) => {
      const p = paths[i % paths.length];
      const v = (r as PromiseFulfilledResult<{ status: number; body: Buffer }>).value;
      expect(v.status, p).toBe(want[p] ?? 200);
    });
    const art = replies.filter((_, i) => paths[i % paths.length] === `/content/${artId}`);
    for (const r of art) expect((r as PromiseFulfilledResult<{ body: Buffer }>).value.body.equals(fx.files.art)).toBe(true);
  });
});

describe('brotli (--compress)', () => {
  let c: PreviewServer;
  beforeAll(async () => {
    c = await startServer({ port: 0, root: fx.root, compress: true, quiet: true });
  });
  afterAll(() => c.close());

  it('keeps IDs those of the original bytes', () => {
    expect(c.artId).toBe(artId);
    expect(c.brainIds).toEqual(s.brainIds);
  });

  it('sends Content-Encoding: br to clients that accept it', async () => {
    // ord matches the literal token: q-values are not read, so even br;q=0 admits it (accept_encoding.rs)
    for (const ae of ['br', 'gzip, deflate, br', 'gzip, br;q=0.5', ' br ;q=0', '*, br;q=0']) {
      const r = await hit(c.url, `/content/${brainA}`, { headers: { 'Accept-Encoding': ae } });
      expect(r.status, ae).toBe(200);
      expect(r.headers['content-encoding']).toBe('br');
      expect(r.body.length).toBeLessThan(fx.files.brainA.length);
      expect(brotliDecompressSync(r.body).equals(fx.files.brainA)).toBe(true);
    }
    const p = await hit(c.url, `/preview/${artId}`, { headers: { 'Accept-Encoding': 'br' } });
    expect(p.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(p.body).equals(fx.files.art)).toBe(true);
    expect(headerValues(p, 'content-security-policy')).toEqual([CSP_SELF, CSP_RECURSIVE]);
  });

  it('reads only the first Accept-Encoding header, as ord does', async () => {
    const first = await rawHit(c.url, `GET /content/${brainA} HTTP/1.1\r\nHost: x\r\nAccept-Encoding: br\r\nAccept-Encoding: gzip\r\nConnection: close\r\n\r\n`);
    expect(first).toMatch(/^HTTP\/1\.1 200 /);
    const second = await rawHit(c.url, `GET /content/${brainA} HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\nAccept-Encoding: br\r\nConnection: close\r\n\r\n`);
    expect(second).toMatch(/^HTTP\/1\.1 406 /);
  });

  it('answers 406 to clients that do not', async () => {
    for (const ae of [undefined, 'gzip, deflate', '*', 'BR', 'identity', 'brotli']) {
      const r = await hit(c.url, `/content/${brainA}`, { headers: ae === undefined ? {} : { 'Accept-Encoding': ae } });
      expect(r.status, String(ae)).toBe(406);
      expect(r.headers['access-control-allow-origin']).toBe('*');
      expect(r.body.toString()).toContain('br');
    }
  });

  it('stores a file raw when brotli would not make it smaller, as ord does', async () => {
    const id = c.brainIds[join('nested', 'b_brain.json')];
    const r = await hit(c.url, `/content/${id}`);
    expect(r.status).toBe(200);
    expect(r.headers['content-encoding']).toBeUndefined();
    expect(r.body.equals(fx.files.brainB)).toBe(true);
  });

  it('still previews compressed text readably', async () => {
    const r = await hit(c.url, `/preview/${brainA}`);
    expect(r.status).toBe(200);
    expect(r.body.toString()).toContain('&quot;model_name&quot;');
  });
});
