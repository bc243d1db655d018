// The build command line, shared by `npm run build` (build.ts) and `perceptrons build`.
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { artOverBudget, readBudgets } from './budgets';
import { BuildError, buildInscription, repoRoot, type BuildOptions } from './inscription';
import { buildLibrary, DEFAULT_LIB_OUT, EXAMPLES_DIR, LIB_ENTRY, libBudget, libOverBudget, staleExamples } from './lib';
import { manifestJson, manifestPathOf } from './manifest';
import { formatSizeTable } from './sizes';
import { defineCommand, intOption, runCommand, UsageError, type Values } from '../args';

export const command = defineCommand({
  name: 'build',
  summary: 'build inscription.html (size report, budgets) or the library; a collection is `perceptrons collection`',
  synopsis: '[options]    (or: npm run build -- [options])',
  options: {
    'brain-id': { type: 'string', arg: 'ID', help: 'brain inscription ID baked in (default: ID of fixtures/brains/pfp_classifier_0000.json)' },
    brain: { type: 'string', arg: 'FILE.json', help: 'brain whose ID is the default --brain-id (and which --standalone embeds)' },
    seed: { type: 'string', arg: 'HEX64', help: 'genome seed of the art (default: a fixed seed)' },
    'test-set': { type: 'string', arg: 'FILE.png', help: 'test set whose preview ID the page measures brains on when a token names none\n(default: fixtures/testset/testset.png when present)' },
    'birth-height': { type: 'string', arg: 'N', help: 'block height of birth (default 870000)' },
    'fallback-height': { type: 'string', arg: 'N', help: 'height assumed when no block height can be fetched (default: birth height)' },
    standalone: { type: 'boolean', help: 'embed the brain for file:// demos; writes dist/inscription.standalone.html (no budgets)' },
    out: { type: 'string', arg: 'PATH', help: 'output file (default inscription.html)' },
    check: { type: 'boolean', help: 'build in memory and fail if the output file or its manifest (.json) differs from the fresh build' },
    modules: { type: 'boolean', help: 'also list the bytes each source file adds to the script (esbuild-minified, before terser)' },
    lib: { type: 'boolean', help: `build the library inscription instead: ${LIB_ENTRY} as one ES module (text/javascript) for\nderivative pieces (docs/library.md); --out defaults to ${DEFAULT_LIB_OUT}` },
  },
});

interface Parsed {
  opts: BuildOptions;
  out?: string;
  check: boolean;
  modules: boolean;
  lib: boolean;
}

function parse(v: Values<typeof command>): Parsed {
  const p: Parsed = {
    opts: {
      brainId: v['brain-id'], brain: v.brain, seed: v.seed, standalone: v.standalone, testSet: v['test-set'],
      birthHeight: intOption(v['birth-height'], 'birth-height', 0), fallbackHeight: intOption(v['fallback-height'], 'fallback-height', 0),
    },
    out: v.out, check: v.check ?? false, modules: v.modules ?? false, lib: v.lib ?? false,
  };
  if (p.lib && p.opts.standalone) throw new UsageError('--lib builds the library alone: no --standalone');
  return p;
}

export function runBuild(args: string[], root = repoRoot()): Promise<number> {
  return runCommand(command, args, (v) => build(parse(v), root));
}

async function build(p: Parsed, root: string): Promise<number> {
  try {
    const opts: BuildOptions = { ...p.opts, root };
    if (p.lib) return await library(root, p.out ?? DEFAULT_LIB_OUT, p.check);
    const budgets = readBudgets(root);
    const out = p.out ?? (p.opts.standalone ? 'dist/inscription.standalone.html' : 'inscription.html');
    const r = await buildInscription(opts);
    if (p.modules) {
      for (const m of r.modules) console.log(`${String(m.bytes).padStart(7)}  ${m.path}`);
      console.log('');
    }
    console.log(formatSizeTable([{ name: out, size: r.size }]));
    console.log(`seed ${r.config.seed}  birth height ${r.config.birthHeight}  brain ID ${r.config.brainId}`);
    const over = p.opts.standalone ? [] : artOverBudget(out, r.size, budgets);
    const outPath = resolve(root, out);
    // inscription.json beside inscription.html: what the build baked in, for the preview server and other tools
    const manifestPath = manifestPathOf(outPath), manifest = manifestJson({ ...r.manifest, file: basename(outPath) });
    if (p.check) {
      for (const [path, fresh] of [[outPath, r.bytes], [manifestPath, Buffer.from(manifest)]] as const) {
        const name = relative(root, path);
        let committed: Buffer | null = null;
        try {
          committed = readFileSync(path);
        } catch {
          over.push(`${name} does not exist: run npm run build and commit it`);
        }
        if (committed && !committed.equals(fresh)) {
          over.push(`${name} differs from a fresh build (${committed.length} vs ${fresh.length} bytes): run npm run build and commit it`);
        }
      }
      return fail([...over, ...(await examplesImportLibrary(root, true))]);
    }
    if (over.length > 0) return fail(over);
    mkdirSync(dirname(outPath), { recursive: true });
    writeFileSync(outPath, r.bytes);
    writeFileSync(manifestPath, manifest);
    console.log(`wrote ${out} (ID ${r.id}) and ${relative(root, manifestPath)}`);
    return fail(await examplesImportLibrary(root, false));
  } catch (e) {
    if (e instanceof BuildError) {
      console.error(`build: ${e.message}`);
      return 1;
    }
    throw e;
  }
}

/** --lib: the library inscription, within its budget; with --check, compared with the file instead of written. */
async function library(root: string, out: string, check: boolean): Promise<number> {
  const r = await buildLibrary(root);
  console.log(formatSizeTable([{ name: out, size: r.size }]));
  console.log(`library version ${r.version}`);
  const over = libOverBudget(out, r.size, libBudget(root));
  const outPath = resolve(root, out);
  if (check) {
    const committed = existsSync(outPath) ? readFileSync(outPath) : null;
    if (!committed?.equals(r.bytes)) over.push(`${out} ${committed ? 'differs from a fresh build' : 'does not exist'}: run npm run build -- --lib --out ${out}`);
    return fail(over);
  }
  if (over.length > 0) return fail(over);
  mkdirSync(dirname(outPath), { recursive: true });
  writeFileSync(outPath, r.bytes);
  console.log(`wrote ${out} (ID ${r.id}): import it as /content/${r.id} in the preview server`);
  return fail(await examplesImportLibrary(root, false));
}

/**
 * The examples (examples/*.html) import the library by its ID, which changes with every change to the sources it is
 * built from: the default build points them at the library the tree builds (as it rewrites inscription.html), and
 * --check reports the ones that do not. Also enforces the library's budget. Nothing to do in a tree without examples/.
 */
async function examplesImportLibrary(root: string, check: boolean): Promise<string[]> {
  if (!existsSync(join(root, EXAMPLES_DIR))) return [];
  const lib = await buildLibrary(root);
  const stale = staleExamples(root, lib.id);
  if (check) return stale.map((x) => `${x.file} imports library ${x.from[0]}, but the tree builds ${lib.id}: run npm run build and commit it`);
  for (const x of stale) {
    writeFileSync(join(root, x.file), x.text);
    console.log(`${x.file}: now imports the library ${lib.id}`);
  }
  return libOverBudget(`the library (${LIB_ENTRY})`, lib.size, libBudget(root));
}

function fail(messages: string[]): number {
  for (const m of messages) console.error(`build: ${m}`);
  return messages.length > 0 ? 1 : 0;
}
