// Builds the art inscription: esbuild bundles src/ui/main.ts, html-minifier-terser minifies src/page.html,
// and the script is inlined into one self-contained HTML file. Deterministic: same inputs, same bytes.
import { transform, type Plugin } from 'esbuild';
import { minify } from 'html-minifier-terser';
import { minify as terser } from 'terser';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isInscriptionId, isSeed } from '../../src/chain/ids';
import { bundleEntry } from './esbuild';
import { BuildError } from './errors';
import { contentId } from './ids';
import { findExternalReferences } from './references';
import { manifestJson, manifestPathOf, type BuildManifest } from './manifest';
import { measure, type SizeReport } from './sizes';
import type { PerceptronConfig } from '../../src/ui/config';

/** The default genome seed baked into inscription.html. */
export const DEFAULT_SEED = 'c40ef5131cac06898087c14e33b6111013c1652384c7e58fd60b4c0ed94e187c';
/** The default block height of birth baked into inscription.html; the preview server falls back to it too. */
export const DEFAULT_BIRTH_HEIGHT = 870_000;
/** The default brain, whose preview-server ID (sha256 + i0) becomes the default --brain-id. */
export const DEFAULT_BRAIN = 'fixtures/brains/pfp_classifier_0000.json';
export const SCRIPT_MARKER = '/*@SCRIPT@*/';


export interface BuildOptions {
  /** Repository root (default: cwd). Paths below are relative to it. */
  root?: string;
  entry?: string;
  shell?: string;
  /** Brain JSON whose ID is the default brainId (and which --standalone embeds). */
  brain?: string;
  brainId?: string;
  seed?: string;
  birthHeight?: number;
  /** Height the page assumes when no block height can be fetched (default: birthHeight). */
  fallbackHeight?: number;
  /** Embed the brain JSON (file:// demos); never inscribed. */
  standalone?: boolean;
  /** Where to write the file; nothing is written when absent. */
  out?: string;
}

export interface BuildResult {
  html: string;
  bytes: Buffer;
  manifest: BuildManifest;
  config: PerceptronConfig;
  size: SizeReport;
  id: string;
  outPath: string | null;
  modules: ModuleBytes;
}

export { BuildError } from './errors';

// `__PERCEPTRON__`, typed by the page itself (src/ui/config.ts).
function resolveConfig(root: string, opts: BuildOptions): PerceptronConfig {
  const brainPath = resolve(root, opts.brain ?? DEFAULT_BRAIN);
  let brainId = opts.brainId;
  if (brainId === undefined) {
    if (!existsSync(brainPath)) {
      throw new BuildError(`default brain ${brainPath} not found: pass --brain-id <id> or --brain <file.json>`);
    }
    brainId = contentId(readFileSync(brainPath));
  }
  if (!isInscriptionId(brainId)) throw new BuildError(`--brain-id "${brainId}" is not an inscription ID (<64 hex>i<n>)`);
  const seed = opts.seed ?? DEFAULT_SEED;
  if (!isSeed(seed)) throw new BuildError(`--seed "${seed}" must be 64 lowercase hex digits`);
  const birthHeight = opts.birthHeight ?? DEFAULT_BIRTH_HEIGHT;
  const fallbackHeight = opts.fallbackHeight ?? birthHeight;
  for (const [flag, h] of [['--birth-height', birthHeight], ['--fallback-height', fallbackHeight]] as const) {
    if (!Number.isSafeInteger(h) || h < 0) throw new BuildError(`${flag} ${h} must be a non-negative integer block height`);
  }
  let embeddedBrain: object | null = null;
  if (opts.standalone) {
    if (!existsSync(brainPath)) throw new BuildError(`--standalone needs the brain file ${brainPath}`);
    try {
      embeddedBrain = JSON.parse(readFileSync(brainPath, 'utf8')) as object;
    } catch (e) {
      throw new BuildError(`--standalone: ${brainPath} is not JSON: ${(e as Error).message}`);
    }
  }
  return { brainId, seed, birthHeight, fallbackHeight, embeddedBrain };
}

/** Bytes each source file contributes to the minified script (before compression). */
export type ModuleBytes = { path: string; bytes: number }[];

/** `import text from './x.css'`: the stylesheet's text, minified by esbuild's CSS minifier (the source stays readable). */
const cssAsText: Plugin = {
  name: 'css-as-text',
  setup(b) {
    b.onLoad({ filter: /\.css$/ }, async (args) => {
      const css = await transform(readFileSync(args.path, 'utf8'), { loader: 'css', minify: true, target: ['chrome80', 'safari13'] });
      return { contents: css.code.trim(), loader: 'text' };
    });
  },
};

async function bundle(root: string, entry: string, define: string): Promise<{ js: string; modules: ModuleBytes }> {
  const result = await bundleEntry(root, entry, 'page', { format: 'iife', define: { __PERCEPTRON__: define }, plugins: [cssAsText] });
  const inputs = Object.values(result.metafile.outputs)[0]?.inputs ?? {};
  const modules = Object.entries(inputs)
    .map(([path, v]) => ({ path, bytes: v.bytesInOutput }))
    .sort((a, b) => b.bytes - a.bytes || (a.path < b.path ? -1 : 1));
  return { js: result.outputFiles[0].text.trim(), modules };
}

/**
 * A second, plain terser pass over esbuild's output: about 4 % fewer brotli bytes than esbuild alone, with no effect on
 * the source. Property names are never shortened (brain JSON, ord's JSON and the DOM all read them by name).
 * Deterministic, like esbuild.
 */
async function squeeze(js: string): Promise<string> {
  const out = await terser(js, {
    ecma: 2020,
    compress: { passes: 2 },
    format: { comments: false, inline_script: true },
  });
  if (out.code === undefined) throw new BuildError('terser produced no code');
  return out.code.trim();
}

async function minifyShell(shellHtml: string): Promise<string> {
  return minify(shellHtml, {
    collapseWhitespace: true,
    removeComments: true,
    removeAttributeQuotes: true,
    removeOptionalTags: true,
    removeRedundantAttributes: true,
    useShortDoctype: true,
    minifyCSS: true,
    minifyJS: false,
  });
}

/** `</script` inside the bundle would end the inline script early; `<\/script` means the same in JS strings and regexes. */
function inlineSafe(js: string): string {
  return js.replace(/<\/(script)/gi, '<\\/$1');
}

export async function buildInscription(opts: BuildOptions = {}): Promise<BuildResult> {
  const root = resolve(opts.root ?? process.cwd());
  const config = resolveConfig(root, opts);
  const bundled = await bundle(root, opts.entry ?? 'src/ui/main.ts', JSON.stringify(config));
  let js = bundled.js;
  // The standalone page is never inscribed: skip terser, slow on the embedded brain.
  if (!opts.standalone) js = await squeeze(js);
  const shellPath = resolve(root, opts.shell ?? 'src/page.html');
  const shell = await minifyShell(readFileSync(shellPath, 'utf8'));
  const at = shell.indexOf(SCRIPT_MARKER);
  if (at < 0 || shell.indexOf(SCRIPT_MARKER, at + 1) >= 0) {
    throw new BuildError(`${shellPath} must contain the marker ${SCRIPT_MARKER} exactly once (inside a <script>)`);
  }
  const html = shell.slice(0, at) + inlineSafe(js) + shell.slice(at + SCRIPT_MARKER.length);
  const refs = findExternalReferences(html);
  if (refs.length > 0) {
    throw new BuildError(
      'the inscription would reference something outside ord\'s CSP:\n' +
        refs.map((r) => `  ${r.rule} at byte ${r.index}: …${r.excerpt}…`).join('\n'),
    );
  }
  const bytes = Buffer.from(html, 'utf8');
  const id = contentId(bytes);
  const { seed, birthHeight, fallbackHeight, brainId } = config;
  const file = basename(opts.out ?? 'inscription.html');
  const manifest: BuildManifest = { file, artId: id, seed, birthHeight, fallbackHeight, brainId };
  let outPath: string | null = null;
  if (opts.out) {
    outPath = resolve(root, opts.out);
    mkdirSync(dirname(outPath), { recursive: true });
    writeFileSync(outPath, bytes);
    writeFileSync(manifestPathOf(outPath), manifestJson(manifest));
  }
  return { html, bytes, manifest, config, size: measure(bytes), id, outPath, modules: bundled.modules };
}

/** The repository this file lives in (tools/build/ → ../..). */
export function repoRoot(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
}
