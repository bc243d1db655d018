// perceptrons classify --model FILE.json [--json] [--top N] IMAGE...: ranks a brain's classes for each PNG/JPEG image,
// resized to the brain's input by area averaging. A bad image gets its own error; the others still run.
import { readFile } from 'node:fs/promises';
import { classify, decodeDataInscription, simdPlan, type Model } from '../../src/nn/index';
import { loadImageRGB } from '../image';
import { defineCommand, intOption, runCommand, UsageError } from '../args';

export const command = defineCommand({
  name: 'classify',
  summary: 'classify PNG/JPEG images with a brain',
  synopsis: '--model FILE.json [--json] [--top N] IMAGE...',
  options: {
    model: { type: 'string', short: 'm', arg: 'FILE.json', help: 'the brain (a data inscription) to classify with' },
    json: { type: 'boolean', help: 'print one JSON report instead of the percentages' },
    top: { type: 'string', arg: 'N', help: 'list only the N likeliest classes of each image (default all)' },
  },
  positionals: true,
  notes: 'IMAGE...  PNG or JPEG files, resized to the brain\'s input by area averaging; a bad image fails alone (exit 1).',
});

export function run(args: string[]): Promise<number> {
  return runCommand(command, args, async (o, images) => {
    if (!o.model) throw new UsageError('--model is required');
    if (!images.length) throw new UsageError('no IMAGE given');
    return classifyImages(o.model, images, o.json ?? false, intOption(o.top, 'top') ?? Infinity);
  });
}

async function classifyImages(modelFile: string, images: string[], json: boolean, top: number): Promise<number> {
  let model: Model;
  try {
    model = decodeDataInscription(await readFile(modelFile, 'utf8'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    console.error(`${modelFile}: ${code ? `cannot read (${code})` : (e as Error).message}`);
    return 1;
  }
  const [h, w] = model.inputShape;
  const results = [];
  for (const file of images) {
    try {
      const { rgb } = await loadImageRGB(file, w, h);
      const classes = classify(model, rgb, { kernel: simdPlan }).slice(0, top).map(({ name, index, p }) => ({ name, index, p }));
      results.push({ file, ok: true as const, classes });
      if (!json) console.log(`${file}\n${classes.map((c) => `  ${(c.p * 100).toFixed(1).padStart(5)}%  ${c.name}`).join('\n')}`);
    } catch (e) {
      results.push({ file, ok: false as const, error: (e as Error).message });
      if (!json) console.error((e as Error).message);
    }
  }
  if (json) console.log(JSON.stringify({ model: model.name, input: model.inputShape, results }, null, 2));
  return results.every((r) => r.ok) ? 0 : 1;
}
