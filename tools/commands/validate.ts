// perceptrons validate FILE.json...: decodes each data inscription strictly; one summary line per file, or its error.
import { readFile } from 'node:fs/promises';
import { decodeDataInscription, parameterCount, type Model } from '../../src/nn/index';

export const summary = 'check data inscriptions (brains): FILE.json... -> name, layers, parameters, classes, bytes';

export function describeModel(m: Model, bytes: number): string {
  const layers = m.layers.map((l) => `${l.units} ${l.activation}`).join(' → ');
  const bias = m.layers[m.layers.length - 1].bias ? '' : ', no output bias';
  return `${m.name}: ${m.inputShape.join('x')} → ${layers}${bias}; ${parameterCount(m).toLocaleString('en-US')} parameters (${m.dtype ?? 'float32'}); ` +
    `${m.classes.length} classes (${m.classes.slice(0, 6).join(', ')}${m.classes.length > 6 ? ', …' : ''}); ${bytes.toLocaleString('en-US')} bytes`;
}

export async function run(args: string[]): Promise<number> {
  if (!args.length || args.includes('--help') || args.includes('-h')) {
    console.error('usage: perceptrons validate FILE.json [FILE.json ...]');
    return args.length ? 0 : 2;
  }
  let failed = 0;
  for (const file of args) {
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
