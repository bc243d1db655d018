// Builds the library inscription (src/lib.ts): one ES module for `text/javascript`, bundled by esbuild from the art's
// own sources and minified by terser (local names shortened; exported names and every property kept: they are the API).
// Deterministic: same sources, same bytes. The build fails over package.json budgets.libBrotliBytes.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { minify } from 'terser';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleEntry } from './esbuild';
import { BuildError } from './errors';
import { contentId } from './ids';
import { findExternalReferences } from './references';
import { measure, type SizeReport } from './sizes';

export const LIB_ENTRY = 'src/lib.ts';
export const DEFAULT_LIB_OUT = 'dist/perceptrons.js';

export interface LibResult {
  js: string;
  bytes: Buffer;
  size: SizeReport;
  /** The preview server's ID for it: sha256 + i0. */
  id: string;
  /** The version the module exports. */
  version: string;
}

export async function buildLibrary(root: string, entry = LIB_ENTRY): Promise<LibResult> {
  const entryPath = resolve(root, entry);
  const result = await bundleEntry(root, entry, 'library', { format: 'esm' });
  const min = await minify(result.outputFiles[0].text, { ecma: 2020, module: true, compress: { passes: 3 }, mangle: true, format: { comments: false } });
  if (min.code === undefined) throw new BuildError('terser produced no code for the library');
  const js = min.code + '\n';
  const external = findExternalReferences(js);
  if (external.length) throw new BuildError(`the library reaches outside ord's CSP: ${external.map((r) => `${r.rule} at "${r.excerpt}"`).join('; ')}`);
  const { version } = (await import(pathToFileURL(entryPath).href)) as { version: string };
  const bytes = Buffer.from(js, 'utf8');
  return { js, bytes, size: measure(bytes), id: contentId(bytes), version };
}

/** package.json budgets.libBrotliBytes: the library's brotli budget, 8.75 KiB (its first budget was 8 KiB;
 * docs/library.md says what the rest holds). */
export function libBudget(root: string): number {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { budgets?: { libBrotliBytes?: unknown } };
  const b = pkg.budgets?.libBrotliBytes;
  if (!Number.isInteger(b) || (b as number) <= 0) throw new BuildError(`package.json budgets.libBrotliBytes must be a positive integer (found ${JSON.stringify(b)})`);
  return b as number;
}

/** Messages when the library is over its budget; empty when within. */
export function libOverBudget(name: string, size: SizeReport, budget: number): string[] {
  return size.brotli > budget ? [`${name}: ${size.brotli} brotli bytes > budget ${budget} (package.json budgets.libBrotliBytes)`] : [];
}

/** Where the derivative examples live; each imports the library by /content/<its ID>. */
export const EXAMPLES_DIR = 'examples';
// An ES import of an inscription: `from '/content/<id>'` or `import('/content/<id>')`, either quote.
const LIB_IMPORT = /(\bfrom\s*|\bimport\s*\(\s*)(["'])\/content\/([0-9a-f]{64}i\d+)\2/g;

/** The examples that import a library ID other than `id` (as the tree builds it), with their text pointed at `id`. */
export function staleExamples(root: string, id: string): { file: string; from: string[]; text: string }[] {
  const dir = join(root, EXAMPLES_DIR);
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.html')).sort().flatMap((f) => {
    const file = join(dir, f), old = readFileSync(file, 'utf8'), from: string[] = [];
    const text = old.replace(LIB_IMPORT, (_, lead: string, q: string, was: string) => {
      if (was !== id) from.push(was);
      return `${lead}${q}/content/${id}${q}`;
    });
    return from.length ? [{ file: join(EXAMPLES_DIR, f), from, text }] : [];
  });
}
