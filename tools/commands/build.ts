// `perceptrons build` and `npm run build` (build.ts): the inscription (default) or, with --lib, the library inscription.
// A collection's art and tokens are `perceptrons collection`. The work is tools/build/run.ts.
import { defineCommand, intOption, runCommand, UsageError, type Values } from '../args';
import { DEFAULT_LIB_OUT, LIB_ENTRY } from '../build/lib';
import { DEFAULT_BIRTH_HEIGHT, repoRoot } from '../build/inscription';
import { build, type BuildRequest } from '../build/run';

export const command = defineCommand({
  name: 'build',
  summary: 'build inscription.html (size report, budgets) or the library; a collection is `perceptrons collection`',
  synopsis: '[options]    (or: npm run build -- [options])',
  options: {
    'brain-id': { type: 'string', arg: 'ID', help: 'brain inscription ID baked in (default: ID of fixtures/brains/pfp_classifier_0000.json)' },
    brain: { type: 'string', arg: 'FILE.json', help: 'brain whose ID is the default --brain-id (and which --standalone embeds)' },
    seed: { type: 'string', arg: 'HEX64', help: 'genome seed of the art (default: a fixed seed)' },
    'birth-height': { type: 'string', arg: 'N', help: `block height of birth (default ${DEFAULT_BIRTH_HEIGHT})` },
    'fallback-height': { type: 'string', arg: 'N', help: 'height assumed when no block height can be fetched (default: birth height)' },
    standalone: { type: 'boolean', help: 'embed the brain for file:// demos; writes dist/inscription.standalone.html (no budgets)' },
    out: { type: 'string', arg: 'PATH', help: 'output file (default inscription.html)' },
    check: { type: 'boolean', help: 'build in memory and fail if the output file or its manifest (.json) differs from the fresh build' },
    modules: { type: 'boolean', help: 'also list the bytes each source file adds to the script (esbuild-minified, before terser)' },
    lib: { type: 'boolean', help: `build the library inscription instead: ${LIB_ENTRY} as one ES module (text/javascript) for\nderivative pieces (docs/library.md); --out defaults to ${DEFAULT_LIB_OUT}` },
  },
});

function parse(v: Values<typeof command>): BuildRequest {
  const p: BuildRequest = {
    opts: {
      brainId: v['brain-id'], brain: v.brain, seed: v.seed, standalone: v.standalone,
      birthHeight: intOption(v['birth-height'], 'birth-height', 0), fallbackHeight: intOption(v['fallback-height'], 'fallback-height', 0),
    },
    out: v.out, check: v.check ?? false, modules: v.modules ?? false, lib: v.lib ?? false,
  };
  if (p.lib && p.opts.standalone) throw new UsageError('--lib builds the library alone: no --standalone');
  return p;
}

/** root: the repository to build (tests build a copy) */
export function run(args: string[], root = repoRoot()): Promise<number> {
  return runCommand(command, args, (v) => build(parse(v), root));
}
