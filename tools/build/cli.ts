// The build command line, shared by `npm run build` (build.ts) and `perceptrons build`.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { artOverBudget, readBudgets } from './budgets';
import { BuildError, buildInscription, repoRoot, type BuildOptions } from './inscription';
import { formatSizeTable } from './sizes';

export const USAGE = `usage: npm run build -- [options]    (or: perceptrons build [options])
  --brain-id <id>          brain inscription ID baked in (default: ID of fixtures/brains/pfp_classifier_0000.json)
  --brain <file.json>      brain whose ID is the default --brain-id (and which --standalone embeds)
  --seed <64 hex>          genome seed of the art (default: a fixed seed)
  --birth-height <n>       block height of birth (default 870000)
  --fallback-height <n>    height assumed when no block height can be fetched (default: birth height)
  --standalone             embed the brain for file:// demos; writes dist/inscription.standalone.html (no budgets)
  --out <path>             output file (default inscription.html)
  --check                  build in memory and fail if the output file differs from the fresh build
  --modules                also list the bytes each source file adds to the script (esbuild-minified, before terser)`;

interface Parsed {
  opts: BuildOptions;
  out?: string;
  check: boolean;
  modules: boolean;
}

function parse(args: string[]): Parsed {
  const p: Parsed = { opts: {}, check: false, modules: false };
  const int = (flag: string, v: string): number => {
    if (!/^\d+$/.test(v)) throw new BuildError(`${flag} "${v}" must be a non-negative integer`);
    return Number(v);
  };
  for (let i = 0; i < args.length; i++) {
    const flag = args[i];
    const value = (): string => {
      const v = args[++i];
      if (v === undefined || v.startsWith('--')) throw new BuildError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--brain-id': p.opts.brainId = value(); break;
      case '--brain': p.opts.brain = value(); break;
      case '--seed': p.opts.seed = value(); break;
      case '--birth-height': p.opts.birthHeight = int(flag, value()); break;
      case '--fallback-height': p.opts.fallbackHeight = int(flag, value()); break;
      case '--standalone': p.opts.standalone = true; break;
      case '--out': p.out = value(); break;
      case '--collection':
        throw new BuildError('a collection is made by `perceptrons collection` now (tokens delegate to the art, with metadata)');
      case '--check': p.check = true; break;
      case '--modules': p.modules = true; break;
      default: throw new BuildError(`unknown option "${flag}"\n${USAGE}`);
    }
  }
  return p;
}

export async function runBuild(args: string[], root = repoRoot()): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  try {
    const p = parse(args);
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
    if (p.check) {
      let committed: Buffer | null = null;
      try {
        committed = readFileSync(outPath);
      } catch {
        over.push(`${out} does not exist: run npm run build and commit it`);
      }
      if (committed && !committed.equals(r.bytes)) {
        over.push(`${out} differs from a fresh build (${committed.length} vs ${r.bytes.length} bytes): run npm run build and commit it`);
      }
      return fail(over);
    }
    if (over.length > 0) return fail(over);
    mkdirSync(dirname(outPath), { recursive: true });
    writeFileSync(outPath, r.bytes);
    console.log(`wrote ${out} (ID ${r.id})`);
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
