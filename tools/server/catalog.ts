// The inscriptions a preview server holds: each file gets ord-style ID sha256(file bytes) + "i0", a content type from
// its extension, and (with --compress) brotli bytes as `ord wallet inscribe --compress` stores them, when smaller.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, relative } from 'node:path';
import { contentId } from '../build/ids';
import { readManifest } from '../build/manifest';
import { brotli } from '../build/sizes';
import { loadCollectionFiles, type CollectionFiles } from './collection';
import { ordContentType } from './media';
import { loadUpgrades } from './upgrades';

export type Role = 'art' | 'brain' | 'token' | 'parent' | 'library' | 'inscription' | 'upgrade';

export interface Inscription {
  id: string;
  role: Role;
  /** Path relative to its folder (brains, tokens) or the file name (art). */
  name: string;
  file: string;
  contentType: string;
  /** The bytes as stored on chain (brotli when `encoding` is 'br'). */
  body: Buffer;
  encoding: 'br' | null;
  /** The file's own size. */
  rawBytes: number;
  /** The birth height its build baked in (from the build's manifest), else null. */
  bakedBirthHeight: number | null;
  /** Index in the catalog: stands in for ord's inscription number. */
  number: number;
  /** ord's tag 11: the inscription whose content, content type and encoding /content serves instead of its own. */
  delegate: string | null;
  /** ord's tag 5: CBOR metadata. */
  metadata: Buffer | null;
  /** ord's tag 3: parent inscription IDs. */
  parents: string[];
}

export interface Catalog {
  art: Inscription;
  brains: Inscription[];
  tokens: Inscription[];
  /** The library inscription (perceptrons build --lib), when served. */
  library: Inscription | null;
  /** Every file of --inscriptions DIR: other inscriptions (derivative pieces) to preview beside the art. */
  inscriptions: Inscription[];
  /** Upgrade children from the batch files in the upgrades folder (upgrades.ts): inscribed at the tip the server
   * starts with. */
  upgrades: Inscription[];
  byId: Map<string, Inscription>;
  /** Children of each parent, in inscription order. */
  children: Map<string, string[]>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html;charset=utf-8',
  '.htm': 'text/html;charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.txt': 'text/plain;charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
};

export const contentTypeOf = (file: string): string => TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';

// ord-style IDs and ord's --compress (quality 11, 2^24 window, text mode): the build's own, so both always agree.
export const idOf = contentId;
export { brotli };

/** The birth height the build baked into the art, from its manifest beside it (inscription.json), by its ID. Pages
 * built elsewhere (and a collection's art.html) have none. Collection tokens take theirs from ord: /r/inscription. */
function bakedBirthHeights(html: string): Map<string, number> {
  const out = new Map<string, number>();
  const art = readManifest(html);
  if (art) out.set(art.artId, art.birthHeight);
  return out;
}

/** Every regular file under dir, recursively, dotfiles skipped, sorted naturally (token 2 before token 10). */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.name.startsWith('.')) continue;
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out.push(p);
    }
  };
  walk(dir);
  return out.sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

export function loadCatalog(o: { html: string; brainsDir: string; collectionDir?: string; libFile?: string; inscriptionsDir?: string; upgradesDir?: string; compress: boolean }): Catalog {
  const coll: CollectionFiles | null = o.collectionDir ? loadCollectionFiles(o.collectionDir) : null;
  const html = coll ? coll.art.file : o.html;
  if (!existsSync(html) || !statSync(html).isFile()) {
    throw new Error(`no art inscription at ${html} (run \`npm run build\` first, or pass its path)`);
  }
  const byId = new Map<string, Inscription>();
  const births = bakedBirthHeights(html);
  let number = 0;
  const enter = (ins: Inscription): Inscription => {
    if (!byId.has(ins.id)) byId.set(ins.id, ins); // identical bytes share one ID: the first file answers for it
    return ins;
  };
  const add = (file: string, role: Role, name: string, id?: string): Inscription => {
    const raw = readFileSync(file);
    const contentType = role === 'inscription' ? ordContentType(name) : contentTypeOf(file);
    const packed = o.compress ? brotli(raw) : null;
    const smaller = packed !== null && packed.length < raw.length;
    const ownId = id ?? idOf(raw);
    return enter({
      id: ownId, role, name, file, contentType,
      body: smaller ? packed : raw,
      encoding: smaller ? 'br' : null,
      rawBytes: raw.length,
      bakedBirthHeight: births.get(ownId) ?? null,
      number: number++,
      delegate: null, metadata: null, parents: [],
    });
  };
  if (coll?.parent) add(coll.parent.file, 'parent', basename(coll.parent.file), coll.parent.id);
  const art = add(html, 'art', basename(html), coll?.art.id);
  const fromDir = (dir: string | undefined, role: Role): Inscription[] =>
    dir && existsSync(dir) ? listFiles(dir).map((f) => add(f, role, relative(dir, f))) : [];
  const brains = [...(coll?.brains.map((b) => add(b.file, 'brain', b.name, b.id)) ?? []), ...fromDir(o.brainsDir, 'brain')];
  // a token: no body of its own (an empty one, as ord stores a delegating inscription), its delegate, metadata, parent
  const tokens = (coll?.tokens ?? []).map((t) => enter({
    id: t.id, role: 'token', name: t.name, file: '', contentType: '', body: Buffer.alloc(0), encoding: null, rawBytes: 0,
    bakedBirthHeight: null, number: number++, delegate: t.delegate, metadata: t.metadata, parents: t.parents,
  }));
  const children = new Map<string, string[]>();
  for (const t of tokens) for (const p of t.parents) children.set(p, [...(children.get(p) ?? []), t.id]);
  const library = o.libFile ? add(o.libFile, 'library', basename(o.libFile)) : null;
  if (o.inscriptionsDir && !(existsSync(o.inscriptionsDir) && statSync(o.inscriptionsDir).isDirectory())) {
    throw new Error(`--inscriptions ${o.inscriptionsDir}: no such directory`);
  }
  const inscriptions = fromDir(o.inscriptionsDir, 'inscription');
  // a collection's upgrades live in its upgrades/ folder; a single art's in --upgrades DIR
  const upgradesDir = o.upgradesDir ?? (o.collectionDir && join(o.collectionDir, 'upgrades'));
  const upgrades = (upgradesDir ? loadUpgrades(upgradesDir) : []).map((u) => {
    const body = u.file ? readFileSync(u.file) : Buffer.alloc(0); // a delegating child has no body, as a token
    return enter({
      id: u.id, role: 'upgrade', name: u.name, file: u.file ?? '', contentType: u.file ? contentTypeOf(u.file) : '', body,
      encoding: null, rawBytes: body.length, bakedBirthHeight: null, number: number++, delegate: u.delegate, metadata: null, parents: u.parents,
    });
  });
  for (const u of upgrades) for (const p of u.parents) children.set(p, [...(children.get(p) ?? []), u.id]);
  return { art, brains, tokens, library, inscriptions, upgrades, byId, children };
}
