// perceptrons collection: a whole collection, each token with its own trained brain (tools/collection/*), and
// perceptrons collection link: the real inscription IDs from ord's output, written into the later batches.
import { availableParallelism } from 'node:os';
import { WEIGHT_DTYPES } from '../../src/nn/index';
import { choiceOption, defineCommand, intOption, runCommand, UsageError } from '../args';
import { CollectionError } from '../collection/files';
import { linkCollection } from '../collection/link';
import { collectionStatus } from '../collection/status';
import { COLLECTION_INPUT, formatDuration, runCollection } from '../collection/run';
import { pfpCacheDir } from '../train/data';

export const command = defineCommand({
  name: 'collection',
  summary: 'a collection where every token has its own brain trained from its genome, with the ord batches to inscribe it',
  synopsis: '--count N --out DIR [options]    (or: link DIR --ids FILE...; status DIR [--ord URL])',
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
    ids: { type: 'string', arg: 'FILE', multiple: true, help: "with link: ord wallet batch's JSON output of a batch, saved as DIR/batches/NN-<label>.json" },
    ord: { type: 'string', arg: 'URL', help: 'with status: an ord server to ask which linked inscriptions are confirmed, and at what height' },
  },
  notes: `Writes DIR/genomes/<i>.json, DIR/brains/<i>.json, DIR/art.html, DIR/parent.txt, DIR/manifest.json,
DIR/batches/NN-*.yaml (for ord wallet batch) and DIR/report.md. Interrupted? Run the same command again: finished
brains are kept. Inscribe each batch from the collection directory (file: paths are relative to it), once the one
before is confirmed: \`cd DIR && ord wallet batch --compress --fee-rate R --batch batches/NN-x.yaml > batches/NN-x.json\`.
link: records the real IDs from that output (refusing a dry run, another batch's or another collection's output) and
rewrites manifest.json, the later batches and the report; after the last token batch it writes the gallery batches
and DIR/marketplace.json. status: which batch is next and what it waits for (docs/collection.md).`,
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
        console.log(`linked ${r.linked.join(', ')}; wrote ${dir}/ids.json, linked.json, manifest.json and the batches`);
        console.log(r.unlinked.length ? `still unlinked: ${r.unlinked.join(', ')}` : 'every batch is linked');
        if (r.waiting.length) console.log(`naming IDs not linked yet (inscribe and link the batches before them first): ${r.waiting.join(', ')}`);
        return 0;
      }
      if (positionals[0] === 'status') {
        const [, dir, extra] = positionals;
        if (!dir) throw new UsageError('status needs the collection directory: perceptrons collection status DIR [--ord URL]');
        if (extra) throw new UsageError(`unexpected argument "${extra}"`);
        for (const line of (await collectionStatus(dir, v.ord)).lines) console.log(line);
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
