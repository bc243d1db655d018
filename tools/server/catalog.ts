// The inscriptions a preview server holds: each file gets ord-style ID sha256(file bytes) + "i0", a content type from
// its extension, and (with --compress) brotli bytes as `ord wallet inscribe --compress` stores them, when smaller.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, relative } from 'node:path';
import { contentId } from '../build/ids';
import { readManifest } from '../build/manifest';
import { brotli } from '../build/sizes';
import { ordContentType } from './media';

export type Role = 'art' | 'brain' | 'token' | 'library' | 'inscription';

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
}

export interface Catalog {
  art: Inscription;
  brains: Inscription[];
  tokens: Inscription[];
  /** The library inscription (perceptrons build --lib), when served. */
  library: Inscription | null;
  /** Every file of --inscriptions DIR: other inscriptions (derivative pieces) to preview beside the art. */
  inscriptions: Inscription[];
  byId: Map<string, Inscription>;
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

/**
 * The birth heights the builds baked in, by inscription ID: the art's from its manifest beside it (inscription.json,
 * art.json), each token's from the collection's manifest.json (the folder above tokens/). Pages built elsewhere have none.
 */
function bakedBirthHeights(html: string, tokensDir: string | undefined): Map<string, number> {
  const out = new Map<string, number>();
  const art = readManifest(html);
  if (art) out.set(art.artId, art.birthHeight);
  const collection = tokensDir && join(dirname(tokensDir), 'manifest.json');
  if (collection && existsSync(collection)) {
    let doc: { tokens?: unknown };
    try {
      doc = JSON.parse(readFileSync(collection, 'utf8')) as { tokens?: unknown };
    } catch (e) {
      throw new Error(`${collection}: not JSON (${(e as Error).message}): rebuild the collection`);
    }
    for (const t of Array.isArray(doc?.tokens) ? doc.tokens as { id?: unknown; birthHeight?: unknown }[] : []) {
      if (typeof t?.id === 'string' && Number.isSafeInteger(t.birthHeight)) out.set(t.id, t.birthHeight as number);
    }
  }
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

export function loadCatalog(o: { html: string; brainsDir: string; tokensDir?: string; libFile?: string; inscriptionsDir?: string; compress: boolean }): Catalog {
  if (!existsSync(o.html) || !statSync(o.html).isFile()) {
    throw new Error(`no art inscription at ${o.html} (run \`npm run build\` first, or pass its path)`);
  }
  const byId = new Map<string, Inscription>();
  const births = bakedBirthHeights(o.html, o.tokensDir);
  let number = 0;
  const add = (file: string, role: Role, name: string): Inscription => {
    const raw = readFileSync(file);
    const contentType = role === 'inscription' ? ordContentType(name) : contentTypeOf(file);
    const packed = o.compress ? brotli(raw) : null;
    const smaller = packed !== null && packed.length < raw.length;
    const id = idOf(raw);
    const ins: Inscription = {
      id, role, name, file, contentType,
      body: smaller ? packed : raw,
      encoding: smaller ? 'br' : null,
      rawBytes: raw.length,
      bakedBirthHeight: births.get(id) ?? null,
      number: number++,
    };
    if (!byId.has(id)) byId.set(id, ins); // identical bytes share one ID: the first file answers for it
    return ins;
  };
  const art = add(o.html, 'art', basename(o.html));
  const fromDir = (dir: string | undefined, role: Role): Inscription[] =>
    dir && existsSync(dir) ? listFiles(dir).map((f) => add(f, role, relative(dir, f))) : [];
  const brains = fromDir(o.brainsDir, 'brain');
  const tokens = fromDir(o.tokensDir, 'token');
  const library = o.libFile ? add(o.libFile, 'library', basename(o.libFile)) : null;
  if (o.inscriptionsDir && !(existsSync(o.inscriptionsDir) && statSync(o.inscriptionsDir).isDirectory())) {
    throw new Error(`--inscriptions ${o.inscriptionsDir}: no such directory`);
  }
  const inscriptions = fromDir(o.inscriptionsDir, 'inscription');
  return { art, brains, tokens, library, inscriptions, byId };
}
