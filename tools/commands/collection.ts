// perceptrons collection: a whole collection, each token with its own trained brain (tools/collection/*), and
// perceptrons collection link: the real inscription IDs from ord's output, written into the later batches.
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import type { WeightDtype } from '../../src/nn/index';
import { CollectionError } from '../collection/files';
import { linkCollection } from '../collection/link';
import { formatDuration, runCollection } from '../collection/run';
import { pfpCacheDir } from '../train/data';

export const summary = 'a collection with per-token trained brains: --count N --seed S --out DIR [--workers W] [--dtype int8]; link DIR --ids FILE...';

const DTYPES: WeightDtype[] = ['int8', 'float16', 'float32'];

export const USAGE = `usage: perceptrons collection --count N --out DIR [options]
       perceptrons collection link DIR --ids FILE [FILE ...]

Generates N genomes (token i: seed sha256("<seed>:i"), as perceptrons generate), trains each token's brain from its
own genome on the PFP dataset, and writes DIR/genomes/<i>.json, DIR/brains/<i>.json, DIR/art.html, DIR/parent.txt,
DIR/manifest.json, DIR/batches/NN-*.yaml (for ord wallet batch) and DIR/report.md. Interrupted? Run the same command
again: finished brains are kept.
  --count N             tokens (1..10000)
  --seed S              collection seed (default "perceptrons")
  --out DIR             output directory
  --workers W           training threads (default: the machine's cores, ${availableParallelism()} here)
  --dtype T             brain weights: ${DTYPES.join(', ')} (default int8)
  --per-class N         training images per class (default 6000: the whole PFP dataset)
  --test-per-class N    held-out images per class (default 1000)
  --epochs N            train every brain N epochs instead of its genome's (quick looks, tests)
  --art FILE            the art page (default: the repository's built inscription.html)
  --data DIR            the PFP dataset (default data/pfp-seed0-6000x1000, made by perceptrons dataset)

link: after \`ord wallet batch ... --batch DIR/batches/NN-x.yaml > DIR/batches/NN-x.json\`, records the real IDs of
those inscriptions and rewrites manifest.json, the later batches and the report with them.`;

function int(name: string, v: string | undefined, fallback: number | undefined, min: number, max: number): number {
  if (v === undefined) {
    if (fallback === undefined) throw new CollectionError(`--${name} is required`);
    return fallback;
  }
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < min || n > max) throw new CollectionError(`--${name} must be an integer from ${min} to ${max}, got "${v}"`);
  return n;
}

export async function run(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  try {
    if (args[0] === 'link') {
      const { values, positionals } = parseArgs({ args: args.slice(1), options: { ids: { type: 'string', multiple: true } }, allowPositionals: true });
      const rest = positionals.slice(1);
      if (positionals.length < 1) throw new CollectionError('link needs the collection directory: perceptrons collection link DIR --ids FILE...');
      const idFiles = [...(values.ids ?? []), ...rest]; // --ids a.json b.json: the shell gives the rest as positionals
      if (!idFiles.length) throw new CollectionError('link needs --ids FILE (ord wallet batch\'s JSON output of a batch)');
      const r = await linkCollection(positionals[0], idFiles);
      console.log(`linked ${r.linked.join(', ')}; wrote ${positionals[0]}/ids.json, manifest.json and the batches`);
      console.log(r.waiting.length ? `still waiting for brains or art: ${r.waiting.join(', ')}` : 'every token batch names real IDs: ready to inscribe');
      return 0;
    }
    const { values, positionals } = parseArgs({
      args,
      options: {
        count: { type: 'string' }, seed: { type: 'string' }, out: { type: 'string' }, workers: { type: 'string' },
        dtype: { type: 'string' }, 'per-class': { type: 'string' }, 'test-per-class': { type: 'string' }, epochs: { type: 'string' },
        data: { type: 'string' }, art: { type: 'string' },
      },
      allowPositionals: true,
    });
    if (positionals.length) throw new CollectionError(`unexpected argument "${positionals[0]}"`);
    if (!values.out) throw new CollectionError('--out DIR is required');
    const dtype = (values.dtype ?? 'int8') as WeightDtype;
    if (!DTYPES.includes(dtype)) throw new CollectionError(`--dtype must be one of ${DTYPES.join(', ')}, got "${values.dtype}"`);
    const count = int('count', values.count, undefined, 1, 10_000);
    const r = await runCollection({
      count, seed: values.seed ?? 'perceptrons', out: values.out, dtype,
      workers: int('workers', values.workers, availableParallelism(), 1, 256),
      perClass: int('per-class', values['per-class'], 6000, 1, 6000),
      testPerClass: int('test-per-class', values['test-per-class'], 1000, 1, 1000),
      epochs: values.epochs === undefined ? undefined : int('epochs', values.epochs, undefined, 1, 1000),
      dataDir: values.data ?? pfpCacheDir({}), art: values.art,
      log: (s) => console.error(s),
    });
    console.log(`${count} tokens in ${values.out}: ${r.trained} trained, ${r.kept} kept; ${formatDuration(r.wallSeconds)} wall, ` +
      `${r.cpuSeconds.toFixed(0)} CPU s (${r.trained ? (r.workerSeconds / r.trained).toFixed(1) : '-'} s a brain in its worker)`);
    console.log(`see ${values.out}/report.md and ${values.out}/batches/`);
    return 0;
  } catch (e) {
    if (e instanceof CollectionError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`perceptrons collection: ${(e as Error).message}`);
      return 2;
    }
    throw e;
  }
}
