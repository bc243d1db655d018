// perceptrons validate FILE.json...: decodes each data inscription strictly; one summary line per file, or its error.
import { readFile } from 'node:fs/promises';
import { decodeDataInscription, parameterCount, type Model } from '../../src/nn/index';
import { defineCommand, runCommand, UsageError } from '../args';

export const command = defineCommand({
  name: 'validate',
  summary: 'check data inscriptions (brains): name, layers, parameters, classes, bytes of each',
  synopsis: 'FILE.json [FILE.json ...]',
  options: {},
  positionals: true,
  notes: 'Each file is decoded strictly; one summary line per good file, its error for a bad one (then exit 1).',
});

export function describeModel(m: Model, bytes: number): string {
  const layers = m.layers.map((l) => `${l.units} ${l.activation}`).join(' → ');
  const bias = m.layers[m.layers.length - 1].bias ? '' : ', no output bias';
  return `${m.name}: ${m.inputShape.join('x')} → ${layers}${bias}; ${parameterCount(m).toLocaleString('en-US')} parameters (${m.dtype ?? 'float32'}); ` +
    `${m.classes.length} classes (${m.classes.slice(0, 6).join(', ')}${m.classes.length > 6 ? ', …' : ''}); ${bytes.toLocaleString('en-US')} bytes`;
}

export function run(args: string[]): Promise<number> {
  return runCommand(command, args, (_, files) => {
    if (!files.length) throw new UsageError('no FILE.json given');
    return validateFiles(files);
  });
}

async function validateFiles(files: string[]): Promise<number> {
  let failed = 0;
  for (const file of files) {
    try {
      const text = await readFile(file, 'utf8');
      console.log(`${file}: ok: ${describeModel(decodeDataInscription(text), Buffer.byteLength(text))}`);
    } catch (e) {
      failed++;
      const code = (e as NodeJS.ErrnoException).code;
      console.error(`${file}: ${code ? `cannot read (${code})` : (e as Error).message}`);
    }
  }
  return failed ? 1 : 0;
}
