// What `perceptrons build` and `npm run build` do once their options are read (tools/commands/build.ts): build the
// inscription or the library, print the size report, enforce the budgets, write the files or --check them.
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { artOverBudget, readBudgets } from './budgets';
import { BuildError, buildInscription, type BuildOptions } from './inscription';
import { buildLibrary, DEFAULT_LIB_OUT, EXAMPLES_DIR, LIB_ENTRY, libBudget, libOverBudget, staleExamples } from './lib';
import { manifestJson, manifestPathOf } from './manifest';
import { formatSizeTable } from './sizes';

export interface BuildRequest {
  opts: BuildOptions;
  out?: string;
  check: boolean;
  modules: boolean;
  lib: boolean;
}

/** Builds what p asks for in the repository at root; the exit code (1: over budget, stale or a build error). */
export async function build(p: BuildRequest, root: string): Promise<number> {
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
