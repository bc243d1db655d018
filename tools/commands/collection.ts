// perceptrons collection: a whole collection, each token with its own trained brain (tools/collection/*), and
// perceptrons collection link: the real inscription IDs from ord's output, written into the later batches.
import { availableParallelism } from 'node:os';
import { WEIGHT_DTYPES } from '../../src/nn/index';
import { choiceOption, defineCommand, intOption, runCommand, UsageError } from '../args';
import { CollectionError } from '../collection/files';
import { linkCollection } from '../collection/link';
import { COLLECTION_INPUT, formatDuration, runCollection } from '../collection/run';
import { pfpCacheDir } from '../train/data';

export const command = defineCommand({
  name: 'collection',
  summary: 'a collection where every token has its own brain trained from its genome, with the ord batches to inscribe it',
  synopsis: '--count N --out DIR [options]    (or: perceptrons collection link DIR --ids FILE...)',
  positionals: true,
  options: {
    count: { type: 'string', arg: 'N', help: 'tokens (1..10000)' },
    seed: { type: 'string', arg: 'S', help: 'collection seed: token i has seed sha256("S:i"), as perceptrons generate', default: 'perceptrons' },
    out: { type: 'string', arg: 'DIR', help: 'output directory' },
    workers: { type: 'string', arg: 'W', help: `training threads (default: the machine's cores, ${availableParallelism()} here)` },
    dtype: { type: 'string', arg: 'T', help: `brain weights: ${WEIGHT_DTYPES.join(', ')}`, default: 'int4' },
    'per-class': { type: 'string', arg: 'N', help: 'training images per class (6000: the whole PFP dataset)', default: '6000' },
    'test-per-class': { type: 'string', arg: 'N', help: 'held-out images per class', default: '1000' },
    input: { type: 'string', arg: 'SIDE', help: "the brains' input: the dataset's 32x32 images scaled to SIDE x SIDE (32, 16, 8...)", default: String(COLLECTION_INPUT) },
    epochs: { type: 'string', arg: 'N', help: "train every brain N epochs instead of its genome's (quick looks, tests)" },
    art: { type: 'string', arg: 'FILE', help: "the art page (default: the repository's built inscription.html)" },
    data: { type: 'string', arg: 'DIR', help: 'the PFP dataset, made by perceptrons dataset', default: pfpCacheDir({}) },
    ids: { type: 'string', arg: 'FILE', multiple: true, help: "with link: ord wallet batch's JSON output of a batch, saved as batches/NN-<label>.json" },
  },
  notes: `Writes DIR/genomes/<i>.json, DIR/brains/<i>.json, DIR/art.html, DIR/parent.txt, DIR/manifest.json,
DIR/batches/NN-*.yaml (for ord wallet batch) and DIR/report.md. Interrupted? Run the same command again: finished
brains are kept. link: after \`ord wallet batch ... --batch DIR/batches/NN-x.yaml > DIR/batches/NN-x.json\`, records
the real IDs of those inscriptions and rewrites manifest.json, the later batches and the report (docs/collection.md).`,
});

export function run(args: string[]): Promise<number> {
  return runCommand(command, args, async (v, positionals) => {
    try {
      if (positionals[0] === 'link') {
        const [, dir, ...rest] = positionals;
        if (!dir) throw new UsageError('link needs the collection directory: perceptrons collection link DIR --ids FILE...');
        const idFiles = [...(v.ids ?? []), ...rest]; // --ids a.json b.json: the shell gives the rest as positionals
        if (!idFiles.length) throw new UsageError("link needs --ids FILE (ord wallet batch's JSON output of a batch)");
        const r = await linkCollection(dir, idFiles);
        console.log(`linked ${r.linked.join(', ')}; wrote ${dir}/ids.json, manifest.json and the batches`);
        console.log(r.waiting.length ? `still waiting for brains or art: ${r.waiting.join(', ')}` : 'every token batch names real IDs: ready to inscribe');
        return 0;
      }
      if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
      if (v.count === undefined) throw new UsageError('--count N is required');
      if (!v.out) throw new UsageError('--out DIR is required');
      const dtype = choiceOption(v.dtype, 'dtype', WEIGHT_DTYPES);
      const count = intOption(v.count, 'count', 1, 10_000);
      const r = await runCollection({
        count, seed: v.seed, out: v.out, dtype,
        workers: intOption(v.workers, 'workers', 1, 256) ?? availableParallelism(),
        perClass: intOption(v['per-class'], 'per-class', 1, 6000),
        testPerClass: intOption(v['test-per-class'], 'test-per-class', 1, 1000),
        input: intOption(v.input, 'input', 1, 32),
        epochs: intOption(v.epochs, 'epochs', 1, 1000),
        dataDir: v.data, art: v.art,
        log: (s) => console.error(s),
      });
      console.log(`${count} tokens in ${v.out}: ${r.trained} trained, ${r.kept} kept; ${formatDuration(r.wallSeconds)} wall, ` +
        `${r.cpuSeconds.toFixed(0)} CPU s (${r.trained ? (r.workerSeconds / r.trained).toFixed(1) : '-'} s a brain in its worker)`);
      if (r.trained) {
        const share = (x: number) => `${((100 * x) / r.workerSeconds).toFixed(0)}%`;
        console.log(`workers' time: training ${share(r.phases.train)} (${r.restarts} restarts), int4 epoch ${share(r.phases.int4)}, ` +
          `measuring and writing ${share(r.phases.measure)}`);
      }
      console.log(`see ${v.out}/report.md and ${v.out}/batches/`);
      return 0;
    } catch (e) {
      if (e instanceof CollectionError) {
        console.error(`perceptrons collection: ${e.message}`);
        return 2;
      }
      throw e;
    }
  });
}
