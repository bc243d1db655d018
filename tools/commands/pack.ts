// perceptrons pack: a TF.js Layers export (or an existing brain) → a data inscription, optionally float16 or int8.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { decodeDataInscription, encodeDataInscription, type WeightDtype } from '../../src/nn/index';
import { parseArgs, stringOption } from '../train/args';
import { tfjsToModel, type TfjsModelJson } from '../train/tfjs';
import { loadDataset, DATASETS } from '../train/data';
import { int4Document, QUANTISED, type Quantised } from '../quant/pack';

export const summary = 'convert a TF.js Layers export (--tfjs model.json) or a brain (--brain) to a data inscription';
const USAGE = 'usage: perceptrons pack (--tfjs model.json | --brain brain.json) --out brain.json [--dtype float32|float16|int8|int4|int3] [--data pfp|mnist|fashion] [--classes a,b,c] [--name NAME]\n' +
  '  int4: half a byte a weight; int3: the int4 format with levels -4..3. --data fine-tunes through the rounding on that data set and measures the agreement.';

export async function run(args: string[]): Promise<number> {
  let o: Record<string, string | true>;
  try {
    o = parseArgs(args, ['tfjs', 'brain', 'out', 'dtype', 'data', 'classes', 'name']);
  } catch (e) {
    console.error(`perceptrons pack: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const out = stringOption(o, 'out'), tfjs = stringOption(o, 'tfjs'), brain = stringOption(o, 'brain');
  if (!out || !!tfjs === !!brain) {
    console.error(`perceptrons pack: ${!out ? '--out is required' : 'give exactly one of --tfjs, --brain'}\n${USAGE}`);
    return 2;
  }
  const dtype = (stringOption(o, 'dtype') ?? 'float32') as WeightDtype | Quantised, data = stringOption(o, 'data');
  if (!['float32', 'float16', 'int8', ...QUANTISED].includes(dtype)) {
    console.error(`perceptrons pack: --dtype must be float32, float16, int8, int4 or int3, got "${dtype}"`);
    return 2;
  }
  if (data !== undefined && (!(DATASETS as readonly string[]).includes(data) || !(QUANTISED as readonly string[]).includes(dtype))) {
    console.error(`perceptrons pack: --data (${DATASETS.join(', ')}) fine-tunes an int4 or int3 brain, got --data ${data} with --dtype ${dtype}`);
    return 2;
  }
  const classes = stringOption(o, 'classes')?.split(',').map((s) => s.trim());
  try {
    const model = tfjs ? packTfjs(tfjs, stringOption(o, 'name') ?? basename(out, '.json'), classes) : decodeDataInscription(readFileSync(brain!, 'utf8'));
    if (brain && classes) {
      if (classes.length !== model.classes.length) throw new Error(`--classes: ${classes.length} names for ${model.classes.length} classes`);
      model.classes = classes;
    }
    if (brain && o.name) model.name = String(o.name);
    const quantised = (QUANTISED as readonly string[]).includes(dtype), log = (line: string) => console.error(line);
    const set = data ? await loadDataset(data, { log }) : undefined;
    const doc = quantised ? int4Document(model, { dtype: dtype as Quantised, data: set, log })
      : encodeDataInscription(model, { dtype: dtype as WeightDtype });
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

export function packTfjs(modelJsonPath: string, name: string, classes?: string[]) {
  let json: TfjsModelJson;
  try {
    json = JSON.parse(readFileSync(modelJsonPath, 'utf8')) as TfjsModelJson;
  } catch (e) {
    throw new Error(`${modelJsonPath}: cannot read it as JSON (${(e as Error).message})`);
  }
  if (!json || !Array.isArray(json.weightsManifest)) throw new Error(`${modelJsonPath}: not a TF.js Layers export (no weightsManifest)`);
  const paths = json.weightsManifest.flatMap((g) => g.paths ?? []);
  const parts = paths.map((p) => {
    const file = join(dirname(modelJsonPath), p);
    if (!existsSync(file)) throw new Error(`${modelJsonPath}: weight shard ${p} is missing (looked for ${file})`);
    return new Uint8Array(readFileSync(file));
  });
  const data = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) { data.set(p, offset); offset += p.length; }
  return tfjsToModel(json, data, name, classes);
}
