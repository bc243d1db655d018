// perceptrons classify --model FILE.json [--json] [--top N] IMAGE...: ranks a brain's classes for each PNG/JPEG image,
// resized to the brain's input by area averaging. A bad image gets its own error; the others still run.
import { readFile } from 'node:fs/promises';
import { classify, decodeDataInscription, type Model } from '../../src/nn/index';
import { loadImageRGB } from '../image';

export const summary = 'classify PNG/JPEG images with a brain: --model FILE.json [--json] [--top N] IMAGE...';

const USAGE = 'usage: perceptrons classify --model FILE.json [--json] [--top N] IMAGE...';

export async function run(args: string[]): Promise<number> {
  let modelFile = '', json = false, top = Infinity;
  const images: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--model' || a === '-m') modelFile = args[++i] ?? '';
    else if (a.startsWith('--model=')) modelFile = a.slice(8);
    else if (a === '--json') json = true;
    else if (a === '--top') top = Number(args[++i]);
    else if (a === '--help' || a === '-h') return console.log(USAGE), 0;
    else if (a.startsWith('-') && a !== '-') return console.error(`perceptrons classify: unknown option ${a}\n${USAGE}`), 2;
    else images.push(a);
  }
  if (!modelFile || !images.length || !(top >= 1)) return console.error(USAGE), 2;

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
      const classes = classify(model, rgb).slice(0, top).map(({ name, index, p }) => ({ name, index, p }));
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
