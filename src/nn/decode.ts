// decodeDataInscription: JSON document (or its text) -> Model, strictly validated. Throws only DataInscriptionError.
import type { Activation, Dense, Model } from './model';
import { DataInscriptionError } from './errors';
import { base64ToBytes } from './base64';
import { halfToFloat } from './float16';
import { ACTIVATIONS, MAX_LAYERS, MAX_PARAMETERS, MAX_SIDE, MAX_UNITS } from './limits';

type Obj = Record<string, unknown>;
const LAYERS = 'layers_config.config.layers';
const BYTES = { float32: 4, float16: 2, int8: 1 } as const;

const fail = (path: string, problem: string): never => {
  throw new DataInscriptionError(path, problem);
};
const show = (v: unknown): string =>
  v === undefined ? 'nothing' : v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object'
    : typeof v === 'string' ? JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v) : String(v);
const obj = (v: unknown, path: string): Obj =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : fail(path, `must be an object, got ${show(v)}`);
const arr = (v: unknown, path: string): unknown[] => (Array.isArray(v) ? v : fail(path, `must be an array, got ${show(v)}`));
const str = (v: unknown, path: string): string => (typeof v === 'string' ? v : fail(path, `must be a string, got ${show(v)}`));
const num = (v: unknown, path: string): number =>
  typeof v === 'number' && Number.isFinite(v) ? v : fail(path, `must be a finite number, got ${show(v)}`);
const int = (v: unknown, path: string, min: number, max: number): number =>
  Number.isInteger(v) && (v as number) >= min && (v as number) <= max ? (v as number)
    : fail(path, `must be an integer from ${min} to ${max}, got ${show(v)}`);

export function decodeDataInscription(doc: unknown): Model {
  try {
    return decode(doc);
  } catch (e) {
    if (e instanceof DataInscriptionError) throw e;
    throw new DataInscriptionError('', `unreadable (${e instanceof Error ? e.message : String(e)})`);
  }
}

function decode(doc: unknown): Model {
  if (typeof doc === 'string') {
    try {
      doc = JSON.parse(doc);
    } catch (e) {
      fail('', `not valid JSON (${(e as Error).message})`);
    }
  }
  const d = obj(doc, '');
  const name = str(d.model_name, 'model_name');
  const list = arr(obj(obj(d.layers_config, 'layers_config').config, 'layers_config.config').layers, LAYERS);
  if (list.length > MAX_LAYERS) fail(LAYERS, `has ${list.length} layers, more than the cap of ${MAX_LAYERS}`);

  // The layer stack: InputLayer, then Rescaling (optional) and Flatten in either order, then Dense layers.
  let shape: [number, number, number] = [0, 0, 3], scale = 1, offset = 0, rescaled = false, flat = false;
  const dense: { units: number; activation: Activation; bias?: boolean; at: string }[] = [];
  let params = 0, inputs = 0;
  list.forEach((entry, i) => {
    const at = `${LAYERS}[${i}]`, layer = obj(entry, at);
    const cls = str(layer.class_name, at + '.class_name');
    if (!['InputLayer', 'Rescaling', 'Flatten', 'Dense'].includes(cls)) {
      fail(at + '.class_name', `unknown layer ${show(cls)} (expected InputLayer, Rescaling, Flatten or Dense)`);
    }
    const cfg = cls === 'Flatten' && layer.config === undefined ? {} : obj(layer.config, at + '.config');
    const order = (ok: boolean) => ok || fail(at, `${cls} is out of place (expected InputLayer, Rescaling/Flatten, then Dense layers)`);
    if (i === 0 && cls !== 'InputLayer') fail(at + '.class_name', `the first layer must be an InputLayer, got ${show(cls)}`);
    if (cls === 'InputLayer') {
      order(i === 0);
      const sp = at + '.config.batch_input_shape', s = arr(cfg.batch_input_shape ?? cfg.batch_shape, sp);
      if (s.length !== 4 || s[0] !== null) fail(sp, 'must be [null, height, width, 3]');
      shape = [int(s[1], sp + '[1]', 1, MAX_SIDE), int(s[2], sp + '[2]', 1, MAX_SIDE), int(s[3], sp + '[3]', 3, 3)];
      inputs = shape[0] * shape[1] * 3;
    } else if (cls === 'Rescaling') {
      order(i > 0 && !rescaled && !dense.length);
      rescaled = true;
      scale = num(cfg.scale, at + '.config.scale');
      offset = num(cfg.offset, at + '.config.offset');
    } else if (cls === 'Flatten') {
      order(i > 0 && !flat && !dense.length);
      flat = true;
    } else {
      order(flat);
      const units = int(cfg.units, at + '.config.units', 1, MAX_UNITS);
      const raw = str(cfg.activation, at + '.config.activation'), low = raw.toLowerCase();
      const activation = (low === 'leakyrelu' ? 'leaky_relu' : low) as Activation;
      if (!ACTIVATIONS.includes(activation)) fail(at + '.config.activation', `unknown activation ${show(raw)} (expected one of ${ACTIVATIONS.join(', ')})`);
      const bias = cfg.use_bias;
      if (bias !== undefined && typeof bias !== 'boolean') fail(at + '.config.use_bias', `must be true or false, got ${show(bias)}`);
      params += inputs * units + units;
      if (params > MAX_PARAMETERS) fail(at + '.config.units', `brings the model to ${params} parameters, more than the cap of ${MAX_PARAMETERS}`);
      dense.push({ units, activation, bias: bias as boolean | undefined, at });
      inputs = units;
    }
  });
  if (!dense.length) fail(LAYERS, 'has no Dense layer');
  const out = dense[dense.length - 1];
  dense.forEach((l) => l !== out && l.bias === false && fail(l.at + '.config.use_bias', 'hidden Dense layers must have a bias'));

  const classes = arr(d.classes_name, 'classes_name');
  if (classes.length !== out.units) fail('classes_name', `has ${classes.length} names but the output layer has ${out.units} units`);
  classes.forEach((c, i) => str(c, `classes_name[${i}]`));
  const traits = obj(d.training_traits, 'training_traits');

  const dtype = d.weight_dtype ?? 'float32';
  if (dtype !== 'float32' && dtype !== 'float16' && dtype !== 'int8') fail('weight_dtype', `must be "float32", "float16" or "int8", got ${show(dtype)}`);
  let scales: number[] = [];
  if (dtype === 'int8') {
    scales = arr(d.weight_scales, 'weight_scales').map((s, i) => (num(s, `weight_scales[${i}]`) < 0 ? fail(`weight_scales[${i}]`, `must not be negative, got ${s}`) : (s as number)));
    if (scales.length !== dense.length) fail('weight_scales', `has ${scales.length} scales but there are ${dense.length} Dense layers`);
  } else if (d.weight_scales !== undefined) fail('weight_scales', 'is only allowed with weight_dtype "int8"');

  // The output bias is optional (the paper's formula omits it; the original brains have it): the byte length decides.
  const b64 = str(d.weight_b64, 'weight_b64'), size = BYTES[dtype as keyof typeof BYTES];
  const withBias = params, without = params - out.units;
  const need = out.bias === true ? `${withBias} (with output bias)` : out.bias === false ? `${without} (without output bias)`
    : `${withBias} (with output bias) or ${without} (without)`;
  if (b64.length > Math.ceil((withBias * size) / 3) * 4) fail('weight_b64', `is longer than the ${need} ${dtype} values the layers need`);
  const body = b64.replace(/=+$/, '');
  if (!/^[A-Za-z0-9+/]*$/.test(body) || body.length % 4 === 1 || b64.length - body.length > 2) fail('weight_b64', 'is not valid base64');
  const bytes = (body.length * 3) >> 2, count = bytes / size;
  const hasBias = count === withBias && out.bias !== false;
  if (!hasBias && (count !== without || out.bias === true)) {
    fail('weight_b64', `holds ${count} ${dtype} values (${bytes} bytes) but the layers need ${need}`);
  }

  const raw = base64ToBytes(b64), values = new Float32Array(count), view = new DataView(raw.buffer);
  const layers: Dense[] = [];
  let at = 0, n = shape[0] * shape[1] * 3;
  dense.forEach((l, li) => {
    const read = (len: number, what: string): Float32Array => {
      for (let i = at; i < at + len; i++) {
        const v = dtype === 'float32' ? view.getFloat32(i * 4, true) : dtype === 'float16' ? halfToFloat(view.getUint16(i * 2, true)) : view.getInt8(i) * scales[li];
        values[i] = v;
        if (!Number.isFinite(values[i])) fail('weight_b64', `value ${i} (${what} of ${l.at}) is not finite`);
      }
      return values.subarray(at, (at += len));
    };
    const kernel = read(n * l.units, 'kernel');
    const bias = l === out && !hasBias ? null : read(l.units, 'bias');
    layers.push({ inputs: n, units: l.units, activation: l.activation, kernel, bias });
    n = l.units;
  });
  return { name, inputShape: shape, scale, offset, layers, classes: classes as string[], trainingTraits: traits, dtype: dtype as Model['dtype'] };
}
