// perceptrons pack: a TF.js Layers export (or an existing brain) → a data inscription, optionally float16, int8 or int4
// (int3: the int4 format with 3-bit levels), int4 fine-tuned through the rounding when given the training data.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { decodeDataInscription, encodeDataInscription } from '../../src/nn/index';
import { choiceOption, defineCommand, runCommand, UsageError, type Values } from '../args';
import { readTfjsExport } from '../train/tfjs-export';
import { loadDataset, DATASETS } from '../train/data';
import { int4Document, STORAGE } from '../quant/pack';
import { DEFAULT_INT4_TUNING, INT4_TUNINGS } from '../quant/tune';

export const command = defineCommand({
  name: 'pack',
  summary: 'convert a TF.js Layers export or a brain to a data inscription (float32, float16, int8 or int4)',
  synopsis: `(--tfjs model.json | --brain brain.json) --out brain.json [--dtype ${Object.keys(STORAGE).join('|')}] [--data pfp|mnist|fashion] [--classes a,b,c] [--name NAME]`,
  options: {
    tfjs: { type: 'string', arg: 'model.json', help: 'a TF.js Layers export (its weight shards beside it)' },
    brain: { type: 'string', arg: 'brain.json', help: 'an existing brain, to re-encode' },
    out: { type: 'string', arg: 'FILE', help: 'where the data inscription goes (required)' },
    dtype: { type: 'string', arg: Object.keys(STORAGE).join('|'), help: 'how the weights are stored (int3: the int4 format with levels -4..3)', default: 'float32' },
    data: { type: 'string', arg: 'pfp|mnist|fashion', help: 'int4/int3: fine-tune through the rounding on this data set\'s training split\nand measure the agreement with the float brain on its held-out split' },
    'int4-tuning': { type: 'string', arg: INT4_TUNINGS.join('|'), help: `int4/int3: how to fine-tune through the rounding: distillation to the float\nbrain's outputs (keeps its answers) or cross-entropy to the labels (as collection does)`, default: DEFAULT_INT4_TUNING },
    classes: { type: 'string', arg: 'a,b,c', help: 'the class names, comma-separated (a brain keeps its own otherwise)' },
    name: { type: 'string', arg: 'NAME', help: "the brain's name (default: the --out file's name for --tfjs)" },
  },
});

export function run(args: string[]): Promise<number> {
  return runCommand(command, args, pack);
}

async function pack(o: Values<typeof command>): Promise<number> {
  const { out, tfjs, brain, name } = o;
  if (!out) throw new UsageError('--out is required');
  if (!tfjs === !brain) throw new UsageError('give exactly one of --tfjs, --brain');
  const dtype = choiceOption(o.dtype, 'dtype', Object.keys(STORAGE)), { bits } = STORAGE[dtype];
  const grids = Object.keys(STORAGE).filter((k) => STORAGE[k].bits).join(' or ');
  const data = o.data === undefined ? undefined : choiceOption(o.data, 'data', DATASETS);
  const tuning = choiceOption(o['int4-tuning'], 'int4-tuning', INT4_TUNINGS);
  if (data && !bits) throw new UsageError(`--data fine-tunes a brain on a grid; it needs --dtype ${grids}`);
  const classes = o.classes?.split(',').map((s) => s.trim());
  try {
    const model = tfjs ? readTfjsExport(tfjs, name ?? basename(out, '.json'), classes) : decodeDataInscription(readFileSync(brain!, 'utf8'));
    if (brain && classes) {
      if (classes.length !== model.classes.length) throw new Error(`--classes: ${classes.length} names for ${model.classes.length} classes`);
      model.classes = classes;
    }
    if (brain && name) model.name = name;
    const log = (line: string) => console.error(line), set = data ? await loadDataset(data, { log }) : undefined;
    const doc = bits ? int4Document(model, { bits, data: set, log, tuning }) : encodeDataInscription(model, { dtype: STORAGE[dtype].dtype });
    decodeDataInscription(doc); // what we write must be accepted
    const text = JSON.stringify(doc);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, text);
    console.log(`${out}: ${model.name}, ${model.inputShape.join('x')}-${model.layers.map((l) => `${l.units}${l.activation === 'linear' ? '' : ' ' + l.activation}`).join('-')}, ${dtype}, ${text.length} bytes`);
    return 0;
  } catch (e) {
    console.error(`perceptrons pack: ${(e as Error).message}`);
    return 1;
  }
}
