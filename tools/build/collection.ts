// Collection mode: the art is inscribed once (art.html); each token is a tiny HTML inscription that sets its seed,
// birth height and brain ID in a global, fetches the art through /content/<art-id> and writes it into its document.
// document.open() keeps the window (and so the global) and location stays the token's, so the art sees the token's
// config and its own ID.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { artOverBudget, readBudgets, tokenOverBudget } from './budgets';
import { isInscriptionId, isSeed } from '../../src/chain/ids';
import { contentId } from './ids';
import { BuildError, buildInscription, TOKEN_GLOBAL, type BuildOptions, type BuildResult } from './inscription';

export interface TokenInput {
  name: string;
  seed: string;
  birthHeight: number;
  brainId: string;
}

/** The token inscription. Kept by hand at its smallest: every byte is paid once per token. */
export function tokenHtml(t: TokenInput, artId: string): string {
  if (!isSeed(t.seed)) throw new BuildError(`token ${t.name}: seed "${t.seed}" must be 64 lowercase hex digits`);
  if (!isInscriptionId(t.brainId)) throw new BuildError(`token ${t.name}: brain ID "${t.brainId}" is not an inscription ID`);
  if (!isInscriptionId(artId)) throw new BuildError(`art ID "${artId}" is not an inscription ID`);
  if (!Number.isSafeInteger(t.birthHeight) || t.birthHeight < 0) {
    throw new BuildError(`token ${t.name}: birth height ${t.birthHeight} must be a non-negative integer`);
  }
  const cfg = `{seed:"${t.seed}",birthHeight:${t.birthHeight},fallbackHeight:${t.birthHeight},brainId:"${t.brainId}"}`;
  return (
    `<!doctype html><meta charset=utf-8><script>${TOKEN_GLOBAL}=${cfg};u="/content/${artId}";d=document;` +
    `fetch(u).then(r=>{if(!r.ok)throw"HTTP "+r.status;return r.text()})` +
    `.then(h=>{d.open();d.write(h);d.close()},e=>d.body.textContent="Perceptron: cannot load the art "+u+": "+e)</script>`
  );
}

export interface CollectionOptions extends Omit<BuildOptions, 'mode' | 'out' | 'standalone'> {
  /** Directory of genome JSON files from `perceptrons generate` ({"seed","features","hidden"}). */
  genomes: string;
  outDir: string;
  /**
   * The art's real inscription ID, once art.html is inscribed (ord assigns <reveal txid>i0). Default: the preview
   * server's ID for art.html (sha256 + i0), for previewing before inscribing.
   */
  artId?: string;
}

export interface CollectionToken {
  name: string;
  file: string;
  seed: string;
  birthHeight: number;
  brainId: string;
  id: string;
  bytes: number;
}

export interface CollectionResult {
  art: BuildResult;
  /** The ID the tokens load (opts.artId, else art.id: the preview server's). */
  artId: string;
  tokens: CollectionToken[];
  tokenSize: { min: number; max: number; mean: number };
  overBudget: string[];
}

function readGenomes(dir: string): { name: string; seed: string; birthHeight?: number }[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  } catch (e) {
    throw new BuildError(`--collection ${dir}: ${(e as Error).message}`);
  }
  if (files.length === 0) throw new BuildError(`--collection ${dir}: no genome .json files (make them with perceptrons generate)`);
  const genomes: { name: string; seed: string; birthHeight?: number }[] = [];
  for (const f of files) {
    const path = join(dir, f);
    let doc: unknown;
    try {
      doc = JSON.parse(readFileSync(path, 'utf8'));
    } catch (e) {
      throw new BuildError(`${path}: not JSON: ${(e as Error).message}`);
    }
    const g = doc as { seed?: unknown; birthHeight?: unknown; features?: unknown };
    // Other JSON that `perceptrons generate` writes beside the genomes (rarity.json) is not a token.
    if (typeof g === 'object' && g !== null && !('seed' in g) && !('features' in g)) continue;
    if (typeof g !== 'object' || g === null || typeof g.seed !== 'string' || !isSeed(g.seed)) {
      throw new BuildError(`${path}: "seed" must be 64 lowercase hex digits (found ${JSON.stringify(g?.seed)})`);
    }
    if (g.birthHeight !== undefined && (!Number.isSafeInteger(g.birthHeight) || (g.birthHeight as number) < 0)) {
      throw new BuildError(`${path}: "birthHeight" must be a non-negative integer (found ${JSON.stringify(g.birthHeight)})`);
    }
    genomes.push({ name: basename(f, '.json'), seed: g.seed, birthHeight: g.birthHeight as number | undefined });
  }
  if (genomes.length === 0) throw new BuildError(`--collection ${dir}: no genome (a JSON with "seed") among ${files.join(', ')}`);
  return genomes;
}

export async function buildCollection(opts: CollectionOptions): Promise<CollectionResult> {
  const root = resolve(opts.root ?? process.cwd());
  const outDir = resolve(root, opts.outDir);
  const genomes = readGenomes(resolve(root, opts.genomes));
  const art = await buildInscription({ ...opts, root, mode: 'collection', out: join(outDir, 'art.html') });
  const artId = opts.artId ?? art.id;
  if (!isInscriptionId(artId)) throw new BuildError(`--art-id "${artId}" is not an inscription ID (<64 hex>i<n>)`);
  const budgets = readBudgets(root);
  const overBudget = artOverBudget('art.html', art.size, budgets);
  mkdirSync(join(outDir, 'tokens'), { recursive: true });
  const tokens: CollectionToken[] = genomes.map((g) => {
    const input: TokenInput = {
      name: g.name,
      seed: g.seed,
      birthHeight: g.birthHeight ?? art.config.birthHeight,
      brainId: art.config.brainId,
    };
    const html = tokenHtml(input, artId);
    const file = join('tokens', `${g.name}.html`);
    writeFileSync(join(outDir, file), html);
    const bytes = Buffer.byteLength(html);
    overBudget.push(...tokenOverBudget(file, bytes, budgets));
    return { ...input, file, id: contentId(html), bytes };
  });
  const sizes = tokens.map((t) => t.bytes);
  const tokenSize = {
    min: Math.min(...sizes),
    max: Math.max(...sizes),
    mean: Math.round(sizes.reduce((a, b) => a + b, 0) / sizes.length),
  };
  const manifest = { artId, artSha256Id: art.id, brainId: art.config.brainId, art: 'art.html', tokens };
  writeFileSync(join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  return { art, artId, tokens, tokenSize, overBudget };
}
