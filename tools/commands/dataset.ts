// perceptrons dataset: writes the PFP dataset (dataset.bin + manifest.json + contact-sheet.png) to a directory, by
// default the one `train` and `collection` read (data/pfp-seed<S>-<train>x<test>).
import { PFP_CLASSES } from '../dataset/classes';
import { makePfpDataset } from '../dataset/make';
import { defineCommand, intOption, runCommand } from '../args';
import { pfpCacheDir } from '../train/data';

export const command = defineCommand({
  name: 'dataset',
  summary: 'write the offline PFP dataset (Nouns + DiceBear styles): dataset.bin, manifest.json, contact-sheet.png',
  synopsis: '[--out DIR] [--seed 0] [--per-class 6000] [--test-per-class 1000] [--workers 2]',
  options: {
    out: { type: 'string', arg: 'DIR', help: 'where dataset.bin, manifest.json and contact-sheet.png go\n(default data/pfp-seed<S>-<N>x<M>, where train and collection look)' },
    seed: { type: 'string', arg: 'S', help: 'any string; the same seed gives the same bytes', default: '0' },
    'per-class': { type: 'string', arg: 'N', help: 'training images per class', default: '6000' },
    'test-per-class': { type: 'string', arg: 'N', help: 'held-out images per class', default: '1000' },
    workers: { type: 'string', arg: 'N', help: 'worker threads, 1 to 16 (the bytes do not depend on it)', default: '2' },
  },
});

export function run(args: string[]): Promise<number> {
  return runCommand(command, args, async (o) => {
    const request = {
      seed: o.seed, trainPerClass: intOption(o['per-class'], 'per-class'), testPerClass: intOption(o['test-per-class'], 'test-per-class'),
      workers: intOption(o.workers, 'workers', 1, 16),
    };
    const out = o.out ?? pfpCacheDir(request);
    const manifest = await makePfpDataset(out, request);
    for (const c of PFP_CLASSES) console.log(`  ${c.name.padEnd(10)} ${c.licence} — ${c.source}`);
    console.log(`${out}: ${manifest.splits.train.count} train + ${manifest.splits.test.count} held-out images of ${manifest.inputShape.join('x')}, ${manifest.bytes} bytes, sha256 ${manifest.sha256}`);
    return 0;
  });
}
