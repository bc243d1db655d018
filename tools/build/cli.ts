// The build command line, shared by `npm run build` (build.ts) and `perceptrons build`.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { basename, dirname, relative, resolve } from 'node:path';
import { artOverBudget, readBudgets } from './budgets';
import { BuildError, buildInscription, repoRoot, type BuildOptions } from './inscription';
import { manifestJson, manifestPathOf } from './manifest';
import { formatSizeTable } from './sizes';
import { defineCommand, intOption, runCommand, UsageError, type Values } from '../args';

export const command = defineCommand({
  name: 'build',
  summary: 'build inscription.html (size report, budgets); a collection is `perceptrons collection`',
  synopsis: '[options]    (or: npm run build -- [options])',
  options: {
    'brain-id': { type: 'string', arg: 'ID', help: 'brain inscription ID baked in (default: ID of fixtures/brains/pfp_classifier_0000.json)' },
    brain: { type: 'string', arg: 'FILE.json', help: 'brain whose ID is the default --brain-id (and which --standalone embeds)' },
    seed: { type: 'string', arg: 'HEX64', help: 'genome seed of the art (default: a fixed seed)' },
    'birth-height': { type: 'string', arg: 'N', help: 'block height of birth (default 870000)' },
    'fallback-height': { type: 'string', arg: 'N', help: 'height assumed when no block height can be fetched (default: birth height)' },
    standalone: { type: 'boolean', help: 'embed the brain for file:// demos; writes dist/inscription.standalone.html (no budgets)' },
    out: { type: 'string', arg: 'PATH', help: 'output file (default inscription.html)' },
    check: { type: 'boolean', help: 'build in memory and fail if the output file or its manifest (.json) differs from the fresh build' },
    modules: { type: 'boolean', help: 'also list the bytes each source file adds to the script (esbuild-minified, before terser)' },
  },
});

interface Parsed {
  opts: BuildOptions;
  out?: string;
  check: boolean;
  modules: boolean;
}

function parse(v: Values<typeof command>): Parsed {
  const p: Parsed = {
    opts: {
      brainId: v['brain-id'], brain: v.brain, seed: v.seed, standalone: v.standalone,
      birthHeight: intOption(v['birth-height'], 'birth-height', 0), fallbackHeight: intOption(v['fallback-height'], 'fallback-height', 0),
    },
    out: v.out, check: v.check ?? false, modules: v.modules ?? false,
  };
  return p;
}

export function runBuild(args: string[], root = repoRoot()): Promise<number> {
  return runCommand(command, args, (v) => build(parse(v), root));
}

async function build(p: Parsed, root: string): Promise<number> {
  try {
    const opts: BuildOptions = { ...p.opts, root };
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
      return fail(over);
    }
    if (over.length > 0) return fail(over);
    mkdirSync(dirname(outPath), { recursive: true });
    writeFileSync(outPath, r.bytes);
    writeFileSync(manifestPath, manifest);
    console.log(`wrote ${out} (ID ${r.id}) and ${relative(root, manifestPath)}`);
    return 0;
  } catch (e) {
    if (e instanceof BuildError) {
      console.error(`build: ${e.message}`);
      return 1;
    }
    throw e;
  }
}

function fail(messages: string[]): number {
  for (const m of messages) console.error(`build: ${m}`);
  return messages.length > 0 ? 1 : 0;
}
