// perceptrons dataset: writes the PFP dataset (dataset.bin + manifest.json + contact-sheet.png) to a directory.
import { PFP_CLASSES } from '../dataset/classes';
import { generateDataset } from '../dataset/generate';
import { writeDataset } from '../dataset/store';
import { intOption, parseArgs, stringOption } from '../train/args';
import { createProgress, progressBar } from '../train/progress';

export const summary = 'write the offline PFP dataset (Nouns + DiceBear styles): --out DIR [--seed S] [--per-class N] [--test-per-class N]';
const USAGE = 'usage: perceptrons dataset --out DIR [--seed 0] [--per-class 6000] [--test-per-class 1000] [--workers 2]';

export async function run(args: string[]): Promise<number> {
  let o: Record<string, string | true>;
  try {
    o = parseArgs(args, ['out', 'seed', 'per-class', 'test-per-class', 'workers']);
    if (!stringOption(o, 'out')) throw new Error('--out is required');
  } catch (e) {
    console.error(`perceptrons dataset: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const out = stringOption(o, 'out')!, seed = stringOption(o, 'seed') ?? '0';
  const train = intOption(o, 'per-class', 6000), test = intOption(o, 'test-per-class', 1000);
  const started = Date.now(), bar = createProgress();
  const data = await generateDataset(seed, train, test, intOption(o, 'workers', 2, 1, 16), (f) => bar.update(progressBar('rendering', f, '')));
  bar.done(progressBar('rendering', 1, `${((Date.now() - started) / 1000).toFixed(1)} s`));
  const manifest = writeDataset(out, data);
  for (const c of PFP_CLASSES) console.log(`  ${c.name.padEnd(10)} ${c.licence} — ${c.source}`);
  console.log(`${out}: ${manifest.splits.train.count} train + ${manifest.splits.test.count} held-out images of ${data.inputShape.join('x')}, ${manifest.bytes} bytes, sha256 ${manifest.sha256}`);
  return 0;
}
