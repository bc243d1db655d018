// Real HTTP on loopback for the preview-server tests: raw request targets (no URL normalisation), raw header lines.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request, Agent } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Header lines as sent: [name, value, name, value, ...]. */
  raw: string[];
  body: Buffer;
}

export const agent = new Agent({ keepAlive: false, maxSockets: Infinity });

export function hit(base: string, path: string, opts: { method?: string; headers?: Record<string, string> } = {}): Promise<Reply> {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, path, method: opts.method ?? 'GET', headers: opts.headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, raw: res.rawHeaders, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** Writes raw bytes to the server and returns the raw answer (for request lines no client library would send). */
export function rawHit(base: string, data: string): Promise<string> {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const s = connect(Number(u.port), u.hostname, () => s.end(data));
    const chunks: Buffer[] = [];
    s.on('data', (c) => chunks.push(c));
    s.on('end', () => resolve(Buffer.concat(chunks).toString('latin1')));
    s.on('error', reject);
  });
}

export function headerValues(r: Reply, name: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < r.raw.length; i += 2) if (r.raw[i].toLowerCase() === name) out.push(r.raw[i + 1]);
  return out;
}

export const idOf = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex') + 'i0';

export const COLLECTION_TOKENS = 150;

export const SECRET = 'TOP-SECRET-do-not-serve';

/** A repo-like folder: inscription.html, fixtures/brains (with a subfolder and a dotfile), a collection, a secret outside. */
export function makeFixture() {
  const root = mkdtempSync(join(tmpdir(), 'perceptrons-serve-'));
  const w = (rel: string, data: string | Buffer): Buffer => {
    const p = join(root, rel);
    mkdirSync(join(p, '..'), { recursive: true });
    const b = Buffer.isBuffer(data) ? data : Buffer.from(data);
    writeFileSync(p, b);
    return b;
  };
  const brainDoc = JSON.stringify({ model_name: 'fixture', weight_b64: 'A'.repeat(4000), note: 'x'.repeat(2000) });
  const files = {
    art: w('inscription.html', `<!doctype html><meta charset=utf-8><title>art</title><script>var f={seed:"0".repeat(64),birthHeight:0};var c={brainId:"x",seed:"${'c4'.repeat(32)}",birthHeight:871e3,fallbackHeight:871e3};${'/* padding */'.repeat(200)}</script>`),
    brainA: w('fixtures/brains/a_brain.json', brainDoc),
    brainB: w('fixtures/brains/nested/b_brain.json', '{"tiny":1}'),
    image: w('fixtures/brains/pic.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3])),
    hidden: w('fixtures/brains/.DS_Store', 'junk'),
    secret: w('secret.txt', SECRET),
    collArt: w('dist/collection/art.html', `<!doctype html><title>shared art</title><script>${'/* art */'.repeat(100)}</script>`),
    parent: w('dist/collection/parent.txt', 'Perceptrons: a test collection\n'),
  };
  // What the build writes beside what it built: the art's manifest.
  w('inscription.json', JSON.stringify({ file: 'inscription.html', artId: idOf(files.art), seed: 'c4'.repeat(32),
    birthHeight: 871000, fallbackHeight: 871000, brainId: 'x' }));
  // a collection as `perceptrons collection` writes it, without batches: 150 tokens (two pages of children)
  const tokens = Array.from({ length: COLLECTION_TOKENS }, (_, index) => {
    const brain = w(`dist/collection/brains/${index}.json`, JSON.stringify({ model_name: `brain ${index}` }));
    return { index, id: idOf(`token ${index}`), seed: (index % 256).toString(16).padStart(2, '0').repeat(32), brain: { file: `brains/${index}.json`, id: idOf(brain), heldoutAccuracy: 0.9 + index / 10000 } };
  });
  w('dist/collection/manifest.json', JSON.stringify({ art: { file: 'art.html', id: idOf(files.collArt) }, tokens }));
  return { root, files, tokens };
}
