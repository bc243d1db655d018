// An ord-compatible preview server on node:http: the recursive endpoints an inscription uses, with ord's headers,
// over a simulated chain the viewer controls from the home page. See docs/server.md for what it does and does not mimic.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { join, resolve } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { loadCatalog, type Inscription } from './catalog';
import { TESTSET_FIXTURE } from '../testset/defaults';
import { blockHash, blockTime, createSimChain, heightOfHash, MAX_HEIGHT, type ChainSettings } from './chain';
import { renderHome } from './home';
import { GRID_CSP, renderChildren } from './grid';
import { CONTENT_CSP, HOME_CSP, PREVIEW_PAGE_CSP } from './csp';
import { dispatch, type Request, type Route } from './routes';
import { ROUTE } from '../../src/chain/routes';
import { CHILDREN_PAGE_SIZE } from '../../src/chain/children';
import { DEFAULT_BIRTH_HEIGHT } from '../build/inscription';
export { CONTENT_CSP, PREVIEW_PAGE_CSP } from './csp';

export const CONTENT_CACHE = 'public, max-age=1209600, immutable';
/** Default tip: two weeks (one difficulty period) after birth, a young network. */
export const DEFAULT_AGE_BLOCKS = 2016;
export const DEFAULT_FEE = 10;
export const DEFAULT_BLOCKS_PER_SECOND = 10;

export interface ServerOptions {
  port?: number;
  /** Interface to listen on (default 127.0.0.1: loopback only). */
  host?: string;
  root?: string;
  html?: string;
  brainsDir?: string;
  /** A collection made by `perceptrons collection`: its parent, art, brains and tokens (delegates with metadata). */
  collectionDir?: string;
  /** The library inscription to serve (perceptrons build --lib's output). */
  libFile?: string;
  /** The test-set PNG to serve (default fixtures/testset/testset.png when present; '' none). */
  testSetFile?: string;
  /** Serve every file under this directory as an inscription too (ID sha256 + i0, content type as ord infers it). */
  inscriptionsDir?: string;
  /** Upgrade batch files (perceptrons upgrade) to serve as children inscribed at the starting tip; default for a
   * collection: its upgrades/ folder. */
  upgradesDir?: string;
  /** Birth height of the art (its /r/inscription height); default: the art's baked config, else the build's
   * DEFAULT_BIRTH_HEIGHT. */
  birthHeight?: number;
  height?: number;
  fee?: number;
  blocksPerSecond?: number;
  /** Start with the chain advancing at blocksPerSecond. */
  playing?: boolean;
  compress?: boolean;
  quiet?: boolean;
}

export interface PreviewServer {
  url: string;
  close(): Promise<void>;
  artId: string;
  brainIds: Record<string, string>;
  tokenIds: string[];
  /** The library's ID, when served. */
  libraryId: string | null;
  /** The test set's ID, when served (the page's default test set: fixtures/testset/testset.png). */
  testSetId: string | null;
  /** --inscriptions: each file's path under the directory → its ID. */
  inscriptionIds: Record<string, string>;
  birthHeight: number;
  /** The route table's rows (method and pattern), in matching order. */
  routes: { method: string; pattern: string }[];
  setHeight(h: number): void;
  setFee(f: number): void;
  state(): ChainSettings;
}

const TEXT = 'text/plain; charset=utf-8';
const JSON_TYPE = 'application/json';
const HEIGHT_IN_PATH = /^\d{1,10}$/;

/** ord's InscriptionId::from_str (ord: src/inscriptions/inscription_id.rs): 64 hex digits (either case), a lower-case
 * "i" (an upper-case "I" is an invalid separator), a u32 as Rust parses it (leading zeros and "+" allowed). The ID in
 * the form ord prints it, or null. */
export function parseId(s: string): string | null {
  const txid = s.slice(0, 64), index = s.slice(65);
  if (s[64] !== 'i' || !/^[0-9a-fA-F]{64}$/.test(txid) || !/^\+?\d+$/.test(index) || Number(index) > 0xffffffff) return null;
  return `${txid.toLowerCase()}i${Number(index)}`;
}

/** Whether ord serves a br-encoded body for this Accept-Encoding (ord: src/subcommand/server/accept_encoding.rs): some
 * comma-separated entry, cut at ";" and trimmed, is exactly `br`. q-values are not read (`br;q=0` admits br) and `*` is
 * not `br`; ord reads only the first Accept-Encoding header. */
export function acceptsBr(header: string | undefined): boolean {
  return (header ?? '').split(',').some((entry) => entry.split(';')[0].trim() === 'br');
}

const isIframeMedia = (type: string): boolean => type.startsWith('text/html') || type.startsWith('image/svg+xml');

const esc = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function send(res: ServerResponse, status: number, body: string | Buffer, type = TEXT, headers: Record<string, string | string[]> = {}): void {
  const buf = typeof body === 'string' ? Buffer.from(body) : body;
  // an error body may echo the request (a path, a query): a browser must never sniff it into something it would run
  const noSniff = status >= 400 ? { 'X-Content-Type-Options': 'nosniff' } : {};
  res.writeHead(status, { ...headers, ...noSniff, 'Content-Type': type, 'Content-Length': String(buf.length) });
  res.end(buf); // node drops the body of HEAD responses itself
}

export async function startServer(opts: ServerOptions = {}): Promise<PreviewServer> {
  const root = resolve(opts.root ?? process.cwd());
  const collection = opts.collectionDir ? resolve(root, opts.collectionDir) : undefined;
  const catalog = loadCatalog({
    html: resolve(root, opts.html ?? 'inscription.html'),
    brainsDir: resolve(root, opts.brainsDir ?? join('fixtures', 'brains')),
    collectionDir: collection,
    libFile: opts.libFile && resolve(root, opts.libFile),
    inscriptionsDir: opts.inscriptionsDir && resolve(root, opts.inscriptionsDir),
    testSetFile: opts.testSetFile === '' ? '' : resolve(root, opts.testSetFile ?? TESTSET_FIXTURE),
    upgradesDir: opts.upgradesDir && resolve(root, opts.upgradesDir),
    compress: !!opts.compress,
  });
  const birthHeight = opts.birthHeight ?? catalog.art.bakedBirthHeight ?? DEFAULT_BIRTH_HEIGHT;
  const chain = createSimChain({
    height: opts.height ?? Math.min(MAX_HEIGHT, birthHeight + DEFAULT_AGE_BLOCKS),
    fee: opts.fee ?? DEFAULT_FEE,
    blocksPerSecond: opts.blocksPerSecond ?? DEFAULT_BLOCKS_PER_SECOND,
    playing: !!opts.playing,
  });
  // the upgrade children are inscribed at the tip the server starts with: the time slider hides them below it
  const upgradeHeight = chain.tip();
  const birthOf = (ins: Inscription): number => (ins.role === 'upgrade' ? upgradeHeight : birthHeight);
  /** A token or an upgrade child that delegates: no body of its own (ord answers null content and 404 on /r/undelegated-content). */
  const bodyless = (ins: Inscription): boolean => ins.role === 'token' || (ins.role === 'upgrade' && !ins.file);
  /** Inscribed by the simulated tip (ord knows nothing of an inscription before its block). */
  const inscribed = (ins: Inscription): boolean => birthOf(ins) <= chain.tip();
  /** ord's delegation: a delegating inscription's content, content type and encoding are its delegate's. */
  const delegated = (ins: Inscription): Inscription | undefined => (ins.delegate ? catalog.byId.get(ins.delegate) : ins);

  function content(req: IncomingMessage, res: ServerResponse, ins: Inscription): void {
    if (ins.role === 'token' && !ins.delegate) return send(res, 404, `inscription ${ins.id} content not found`);
    const headers: Record<string, string | string[]> = { 'Content-Security-Policy': CONTENT_CSP, 'Cache-Control': CONTENT_CACHE };
    if (ins.encoding === 'br') {
      if (!acceptsBr(req.headersDistinct['accept-encoding']?.[0])) {
        return send(res, 406, 'inscription content encoding `br` is not acceptable. `Accept-Encoding` header not present or does not include `br`');
      }
      headers['Content-Encoding'] = 'br';
    }
    send(res, 200, ins.body, ins.contentType, headers);
  }

  /** ord renders its own page for non-HTML media; ours is a minimal equivalent without ord's CDN scripts. */
  function previewPage(res: ServerResponse, ins: Inscription): void {
    const src = `/content/${ins.id}`;
    let inner: string;
    if (ins.contentType.startsWith('image/')) inner = `<img src="${src}" style="max-width:100%;image-rendering:pixelated">`;
    else if (/^text\/|json|javascript/.test(ins.contentType)) {
      const raw = ins.encoding === 'br' ? brotliDecompressSync(ins.body) : ins.body;
      inner = `<pre style="white-space:pre-wrap;word-break:break-all">${esc(raw.toString('utf8'))}</pre>`;
    } else inner = `<p>${esc(ins.contentType)}, ${ins.rawBytes} bytes</p>`;
    send(res, 200, `<!doctype html><html lang=en><meta charset=utf-8><title>Inscription ${ins.id}</title><body style="margin:0">${inner}</body></html>`,
      'text/html; charset=utf-8', { 'Content-Security-Policy': PREVIEW_PAGE_CSP });
  }

  function inscriptionJson(ins: Inscription): object {
    const txid = ins.id.slice(0, 64);
    const h = birthOf(ins);
    const vbytes = Math.ceil(ins.body.length / 4) + 150;
    return {
      charms: [],
      content_type: bodyless(ins) ? null : ins.contentType,
      content_length: bodyless(ins) ? null : ins.body.length,
      delegate: ins.delegate,
      fee: vbytes * Math.max(1, chain.feeRateAt(h)),
      height: h,
      id: ins.id,
      number: ins.number,
      output: `${txid}:0`,
      sat: null,
      satpoint: `${txid}:0:0`,
      timestamp: blockTime(h),
      value: 546,
      address: null,
    };
  }

  const sendState = (res: ServerResponse) => send(res, 200, JSON.stringify(chain.settings()), JSON_TYPE, { 'Cache-Control': 'no-store' });

  function changeState({ res, query }: Request): void {
    const q = new URLSearchParams(query);
    const change: Partial<ChainSettings> = {};
    const num = (k: string): number | undefined => (q.has(k) ? Number(q.get(k)) : undefined);
    change.height = num('height');
    change.fee = num('fee');
    change.blocksPerSecond = num('blocksPerSecond') ?? num('bps');
    const playing = q.get('playing');
    if (playing !== null) {
      if (!['true', 'false', '1', '0'].includes(playing)) return send(res, 400, `playing must be true or false (got ${playing.slice(0, 20)})`);
      change.playing = playing === 'true' || playing === '1';
    }
    try {
      chain.update(Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)));
    } catch (e) {
      return send(res, 400, e instanceof Error ? e.message : String(e));
    }
    sendState(res);
  }

  const heightArg = (s: string): number | null => (HEIGHT_IN_PATH.test(s) && Number(s) <= MAX_HEIGHT ? Number(s) : null);
  const text = (res: ServerResponse, s: string) => send(res, 200, s, TEXT);
  const json = (res: ServerResponse, v: unknown) => send(res, 200, JSON.stringify(v), JSON_TYPE);

  /** The inscription a route names, or the 400/404 answer already sent (null). */
  function named(res: ServerResponse, raw: string): Inscription | null {
    const id = parseId(raw);
    if (!id) return send(res, 400, `invalid inscription ID: ${raw.slice(0, 100)}`), null;
    const ins = catalog.byId.get(id);
    if (!ins || !inscribed(ins)) return send(res, 404, `inscription ${id} not found`), null;
    return ins;
  }

  function home({ res }: Request): void {
    send(res, 200, renderHome({
      art: { id: catalog.art.id, name: catalog.art.name },
      brains: catalog.brains.map((i) => ({ id: i.id, name: i.name })),
      tokens: catalog.tokens.map((i) => ({ id: i.id, name: i.name })),
      parent: catalog.tokens[0]?.parents[0],
      birthHeight,
      state: chain.settings(),
      sliderMax: Math.max(birthHeight + 210_000, chain.tip() + 1_000),
    }), 'text/html; charset=utf-8', { 'Content-Security-Policy': HOME_CSP, 'Cache-Control': 'no-store' });
  }

  /** /content and /preview: a delegating inscription answers with its delegate's content (ord: server/r.rs). */
  function contentOrPreview(preview: boolean) {
    return ({ req, res, params }: Request): void => {
      const own = named(res, params.inscription_id);
      if (!own) return;
      const ins = delegated(own);
      if (!ins) return send(res, 404, `delegate ${own.delegate} of inscription ${own.id} not found`);
      return !preview || isIframeMedia(ins.contentType) ? content(req, res, ins) : previewPage(res, ins);
    };
  }

  function blockhash(asJson: boolean) {
    return ({ res, params }: Request): void => {
      const tip = chain.tip(), h = params.height === undefined ? tip : heightArg(params.height);
      if (h === null) return send(res, 400, `invalid height: ${params.height.slice(0, 100)}`);
      if (h > tip) return send(res, 404, `block ${h} not found`);
      return asJson ? json(res, blockHash(h)) : text(res, blockHash(h));
    };
  }

  function blockinfo({ res, params: { query } }: Request): void {
    const h = /^[0-9a-f]{64}$/.test(query) ? heightOfHash(query) ?? MAX_HEIGHT + 1 : heightArg(query);
    if (h === null) return send(res, 400, `invalid block query: ${query.slice(0, 100)}`);
    if (h > chain.tip()) return send(res, 404, `block ${query} not found`);
    json(res, chain.blockInfo(h));
  }

  function metadata({ res, params }: Request): void {
    const ins = named(res, params.inscription_id);
    if (!ins) return;
    if (!ins.metadata) return send(res, 404, `inscription ${ins.id} metadata not found`);
    json(res, ins.metadata.toString('hex'));
  }

  function undelegatedContent({ req, res, params }: Request): void {
    const ins = named(res, params.inscription_id);
    if (!ins) return;
    if (bodyless(ins)) return send(res, 404, `inscription ${ins.id} content not found`);
    content(req, res, ins);
  }

  /** /r/children and /r/parents, 100 IDs a page (ord: src/subcommand/server/r.rs, `children_paginated`, `parents_paginated`). */
  function relatives(which: 'children' | 'parents') {
    return ({ res, params }: Request): void => {
      const ins = named(res, params.inscription_id);
      if (!ins) return;
      const page = params.page === undefined ? 0 : HEIGHT_IN_PATH.test(params.page) ? Number(params.page) : null;
      if (page === null) return send(res, 400, `invalid page: ${params.page.slice(0, 100)}`);
      const all = (which === 'children' ? catalog.children.get(ins.id) ?? [] : ins.parents).filter((id) => {
        const other = catalog.byId.get(id);
        return !other || inscribed(other);
      });
      const ids = all.slice(page * CHILDREN_PAGE_SIZE, (page + 1) * CHILDREN_PAGE_SIZE), more = all.length > (page + 1) * CHILDREN_PAGE_SIZE;
      // ord answers children as api::Children { page } and parents as api::Inscriptions { page_index } (ord: src/api.rs)
      json(res, which === 'children' ? { ids, more, page } : { ids, more, page_index: page });
    };
  }

  /** ord's children page: the children 100 a page as thumbnail iframes, as a collector sees a collection (grid.ts). */
  function childrenPage({ res, params }: Request): void {
    const ins = named(res, params.inscription_id);
    if (!ins) return;
    const page = params.page === undefined ? 0 : HEIGHT_IN_PATH.test(params.page) ? Number(params.page) : null;
    if (page === null) return send(res, 400, `invalid page: ${params.page.slice(0, 100)}`);
    const html = renderChildren({ parent: ins.id, parentNumber: ins.number, children: catalog.children.get(ins.id) ?? [], page });
    send(res, 200, html, 'text/html; charset=utf-8', { 'Content-Security-Policy': GRID_CSP });
  }

  /** The one route table: docs/server.md lists it row for row. */
  const routes: Route[] = [
    { method: 'GET', pattern: '/', handler: home },
    { method: 'GET', pattern: ROUTE.content, handler: contentOrPreview(false) },
    { method: 'GET', pattern: ROUTE.preview, handler: contentOrPreview(true) },
    { method: 'GET', pattern: ROUTE.blockheight, handler: ({ res }) => text(res, String(chain.tip())) },
    { method: 'GET', pattern: ROUTE.rBlockheight, handler: ({ res }) => text(res, String(chain.tip())) },
    { method: 'GET', pattern: '/blocktime', handler: ({ res }) => text(res, String(blockTime(chain.tip()))) },
    { method: 'GET', pattern: '/r/blocktime', handler: ({ res }) => text(res, String(blockTime(chain.tip()))) },
    { method: 'GET', pattern: '/blockhash', handler: blockhash(false) },
    { method: 'GET', pattern: '/blockhash/{height}', handler: blockhash(false) },
    { method: 'GET', pattern: '/r/blockhash', handler: blockhash(true) },
    { method: 'GET', pattern: '/r/blockhash/{height}', handler: blockhash(true) },
    { method: 'GET', pattern: ROUTE.rBlockinfo, handler: blockinfo },
    { method: 'GET', pattern: ROUTE.rInscription, handler: ({ res, params }) => {
      const ins = named(res, params.inscription_id);
      if (ins) json(res, inscriptionJson(ins));
    } },
    { method: 'GET', pattern: ROUTE.rMetadata, handler: metadata },
    { method: 'GET', pattern: '/r/undelegated-content/{inscription_id}', handler: undelegatedContent },
    { method: 'GET', pattern: '/r/children/{inscription_id}', handler: relatives('children') },
    { method: 'GET', pattern: '/r/children/{inscription_id}/{page}', handler: relatives('children') },
    { method: 'GET', pattern: '/r/parents/{inscription_id}', handler: relatives('parents') },
    { method: 'GET', pattern: '/r/parents/{inscription_id}/{page}', handler: relatives('parents') },
    { method: 'GET', pattern: '/children/{inscription_id}', handler: childrenPage },
    { method: 'GET', pattern: '/children/{inscription_id}/{page}', handler: childrenPage },
    { method: 'GET', pattern: '/-/state', handler: ({ res }) => sendState(res) },
    { method: 'POST', pattern: '/-/state', handler: changeState },
  ];

  function handle(req: IncomingMessage, res: ServerResponse): void {
    res.setHeader('Access-Control-Allow-Origin', '*'); // on every answer: the sandboxed frame's fetches are cross-origin
    const target = req.url ?? '';
    if (!target.startsWith('/')) return send(res, 400, 'bad request target');
    const cut = target.indexOf('?');
    const path = cut < 0 ? target : target.slice(0, cut);
    const query = cut < 0 ? '' : target.slice(cut + 1);
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { 'Access-Control-Allow-Methods': 'GET, HEAD', 'Access-Control-Allow-Headers': '*', 'Content-Length': '0' });
      return void res.end();
    }
    const found = dispatch(routes, req.method ?? '', path);
    if (found.kind === 'method') return send(res, 405, 'method not allowed', TEXT, { Allow: [...found.allow, 'OPTIONS'].join(', ') });
    if (found.kind === 'none') return send(res, 404, 'not found');
    found.route.handler({ req, res, params: found.params, query });
  }

  const server = createServer((req, res) => {
    try {
      handle(req, res);
    } catch (e) {
      if (!res.headersSent) send(res, 500, `internal error: ${e instanceof Error ? e.message : String(e)}`);
      else res.destroy();
    }
  });
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable || err.code === 'ECONNRESET') return void socket.destroy();
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\nAccess-Control-Allow-Origin: *\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen({ port: opts.port ?? 8080, host: opts.host ?? '127.0.0.1', backlog: 4096 }, () => {
      server.off('error', fail);
      ok();
    });
  });
  const addr = server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  const url = `http://${host}:${addr.port}/`;

  const brainIds: Record<string, string> = {};
  for (const b of catalog.brains) brainIds[b.name] = b.id;
  if (!opts.quiet) {
    console.log(`ord-compatible preview server: ${url}`);
    console.log(`  art     ${catalog.art.name.padEnd(28)} ${url}preview/${catalog.art.id}${catalog.art.encoding ? ' (br)' : ''}`);
    for (const i of catalog.tokens.slice(0, 20)) console.log(`  token   ${i.name.padEnd(28)} ${url}preview/${i.id}`);
    if (catalog.tokens.length > 20) console.log(`  ...     ${catalog.tokens.length - 20} more tokens (listed on ${url})`);
    for (const i of catalog.brains.slice(0, 20)) console.log(`  brain   ${i.name.padEnd(28)} ${url}content/${i.id}${i.encoding ? ' (br)' : ''}`);
    for (const u of catalog.upgrades) console.log(`  upgrade ${u.name.padEnd(28)} ${url}content/${u.id} (child of ${u.parents[0].slice(0, 8)}…, block ${upgradeHeight})`);
    if (catalog.library) console.log(`  library ${catalog.library.name.padEnd(28)} ${url}content/${catalog.library.id}`);
    if (catalog.testSet) console.log(`  testset ${catalog.testSet.name.padEnd(28)} ${url}content/${catalog.testSet.id}`);
    for (const i of catalog.inscriptions) {
      console.log(`  inscr.  ${i.name.padEnd(28)} ${url}${i.contentType.startsWith('text/html') ? 'preview' : 'content'}/${i.id}  ${i.contentType}`);
    }
    const s = chain.settings();
    console.log(`  chain   tip ${s.height} (art born at ${birthHeight}), fee ${s.fee} sat/vB, ${s.blocksPerSecond} blocks/s${s.playing ? ', playing' : ''}`);
  }
  return {
    url,
    artId: catalog.art.id,
    brainIds,
    tokenIds: catalog.tokens.map((i) => i.id),
    libraryId: catalog.library?.id ?? null,
    testSetId: catalog.testSet?.id ?? null,
    inscriptionIds: Object.fromEntries(catalog.inscriptions.map((i) => [i.name, i.id])),
    birthHeight,
    routes: routes.map(({ method, pattern }) => ({ method, pattern })),
    setHeight: (h) => void chain.update({ height: h }),
    setFee: (f) => void chain.update({ fee: f }),
    state: () => chain.settings(),
    close: () =>
      new Promise<void>((ok, fail) => {
        server.close((e) => (e ? fail(e) : ok()));
        server.closeAllConnections();
      }),
  };
}
