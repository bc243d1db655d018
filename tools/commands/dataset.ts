// perceptrons dataset: writes the PFP dataset (dataset.bin + manifest.json + contact-sheet.png) to a directory.
import { PFP_CLASSES } from '../dataset/classes';
import { generateDataset } from '../dataset/generate';
import { writeDataset } from '../dataset/store';
import { defineCommand, intOption, runCommand, UsageError } from '../args';
import { createProgress, progressBar } from '../train/progress';

export const command = defineCommand({
  name: 'dataset',
  summary: 'write the offline PFP dataset (Nouns + DiceBear styles): dataset.bin, manifest.json, contact-sheet.png',
  synopsis: '--out DIR [--seed 0] [--per-class 6000] [--test-per-class 1000] [--workers 2]',
  options: {
    out: { type: 'string', arg: 'DIR', help: 'where dataset.bin, manifest.json and contact-sheet.png go (required)' },
    seed: { type: 'string', arg: 'S', help: 'any string; the same seed gives the same bytes', default: '0' },
    'per-class': { type: 'string', arg: 'N', help: 'training images per class', default: '6000' },
    'test-per-class': { type: 'string', arg: 'N', help: 'held-out images per class', default: '1000' },
    workers: { type: 'string', arg: 'N', help: 'worker threads, 1 to 16 (the bytes do not depend on it)', default: '2' },
  },
});

export function run(args: string[]): Promise<number> {
  return runCommand(command, args, async (o) => {
    if (!o.out) throw new UsageError('--out is required');
    const train = intOption(o['per-class'], 'per-class'), test = intOption(o['test-per-class'], 'test-per-class');
    return writePfpDataset(o.out, o.seed, train, test, intOption(o.workers, 'workers', 1, 16));
  });
}

async function writePfpDataset(out: string, seed: string, train: number, test: number, workers: number): Promise<number> {
  const started = Date.now(), bar = createProgress();
  const data = await generateDataset(seed, train, test, workers, (f) => bar.update(progressBar('rendering', f, '')));
  bar.done(progressBar('rendering', 1, `${((Date.now() - started) / 1000).toFixed(1)} s`));
  const manifest = writeDataset(out, data);
  for (const c of PFP_CLASSES) console.log(`  ${c.name.padEnd(10)} ${c.licence} — ${c.source}`);
  console.log(`${out}: ${manifest.splits.train.count} train + ${manifest.splits.test.count} held-out images of ${data.inputShape.join('x')}, ${manifest.bytes} bytes, sha256 ${manifest.sha256}`);
  return 0;
}
