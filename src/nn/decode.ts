// decodeDataInscription: JSON document (or its text) -> Model, strictly validated. Throws only DataInscriptionError.
// A brain it returns runs in float32: every value is bounded, and so is what any image can make of them.
import type { Activation, Dense, Model } from './model';
import { DataInscriptionError } from './errors';
import { base64ToBytes } from './base64';
import { MAX_DOCUMENT_BYTES, MAX_LAYERS, MAX_OUTPUT, MAX_PARAMETERS, MAX_RESCALING_OFFSET, MAX_RESCALING_SCALE, MAX_SIDE, MAX_UNITS, MAX_WEIGHT } from './limits';
import { plainJson } from './plain';
import { layerReach } from './reach';
import { ACTIVATIONS, activationNamed } from './activations';
import { WEIGHT_DTYPES, weightType, type ValuesLayout, type WeightDtype } from './weight-types';

type Obj = Record<string, unknown>;
const LAYERS = 'layers_config.config.layers';
const TYPES = ['InputLayer', 'Rescaling', 'Flatten', 'Dense'];

const fail: (path: string, problem: string) => never = (path, problem) => {
  throw new DataInscriptionError(path, problem);
};
/** A value as an error message shows it. */
const show = (v: unknown): string =>
  v === undefined ? 'nothing' : v && typeof v == 'object' ? (Array.isArray(v) ? 'an array' : 'an object')
    : typeof v == 'string' ? JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v) : String(v);
/** The check behind every field: v when ok, else an error naming the path, what v must be and what it is. */
const check = <T>(ok: unknown, v: unknown, path: string, what: string): T => (ok ? (v as T) : fail(path, `must be ${what}, got ${show(v)}`));
const obj = (v: unknown, path: string) => check<Obj>(v && typeof v == 'object' && !Array.isArray(v), v, path, 'an object');
const arr = (v: unknown, path: string) => check<unknown[]>(Array.isArray(v), v, path, 'an array');
const str = (v: unknown, path: string) => check<string>(typeof v == 'string', v, path, 'a string');
/** A number from -max to max. */
const bounded = (v: unknown, path: string, max: number) =>
  check<number>(typeof v == 'number' && Math.abs(v) <= max, v, path, `a number from -${max} to ${max}`);
const int = (v: unknown, path: string, min: number, max: number) =>
  check<number>(Number.isInteger(v) && (v as number) >= min && (v as number) <= max, v, path, `an integer ${min}..${max}`);
/** An array of exactly n items, each checked by `item` under its own path. */
const arrayOf = <T>(v: unknown, path: string, n: number, what: string, item: (x: unknown, path: string, i: number) => unknown) => {
  const a = arr(v, path);
  check(a.length == n, a.length, path, `${n} ${what}`);
  a.forEach((x, i) => item(x, `${path}[${i}]`, i));
  return a as T[];
};
/** weight_b64's text without its padding. The pattern is linear, so even a huge string is checked without backtracking. */
const base64Body = (v: unknown): string => {
  const b64 = str(v, 'weight_b64'), body = /^[A-Za-z0-9+/]*(?==?=?$)/.exec(b64)?.[0];
  check(body !== undefined && body.length % 4 != 1, b64, 'weight_b64', 'base64');
  return body!;
};

interface DenseSpec { inputs: number; units: number; activation: Activation; bias?: boolean; at: string }

/**
 * The grid layout, weight_dtype "int4" (docs/format.md): the kernels as signed 4-bit levels, two a byte (low nibble first), unit after
 * unit, each times its unit's weight_scales[layer][unit]; the biases as numbers in weight_biases. The largest level is
 * -8, with a scale of at most MAX_WEIGHT/7 (the encoder puts a unit's largest weight on ±7) every weight stays within ±8/7 MAX_WEIGHT; the overflow check below bounds what they can reach.
 */
function gridLayers(d: Obj, dense: DenseSpec[], out: DenseSpec): Dense[] {
  const scales = arrayOf<number[]>(d.weight_scales, 'weight_scales', dense.length, 'arrays (one per Dense layer)', (s, at, i) =>
    arrayOf(s, at, dense[i].units, 'scales (one per unit)', (v, at) => check(typeof v == 'number' && v >= 0 && v <= MAX_WEIGHT / 7, v, at, `a number from 0 to ${MAX_WEIGHT}/7`)));
  const biases = arrayOf<number[]>(d.weight_biases, 'weight_biases', dense.length, 'arrays (one per Dense layer)', (b, at, i) => {
    const l = dense[i], a = arr(b, at), optional = l == out && l.bias === undefined;
    check(l.bias === false ? !a.length : a.length == l.units || (optional && !a.length), a.length, at,
      l.bias === false ? 'none (use_bias is false)' : `${l.units} biases (one per unit)${optional ? ' or none' : ''}`);
    a.forEach((v, j) => bounded(v, `${at}[${j}]`, MAX_WEIGHT));
  });
  const levels = dense.reduce((n, l) => n + l.inputs * l.units, 0), body = base64Body(d.weight_b64), size = (levels + 1) >> 1;
  if ((body.length * 3) >> 2 != size) fail('weight_b64', `holds ${(body.length * 3) >> 2} bytes, needs ${size} (${levels} int4 levels)`);
  const bytes = base64ToBytes(body);
  if (levels & 1 && bytes[size - 1] >> 4) fail('weight_b64', 'the padding nibble (the high half of the last byte) must be 0');
  let k = 0;
  return dense.map(({ inputs, units, activation }, li) => {
    const kernel = new Float32Array(inputs * units);
    for (let y = 0; y < units; y++) {
      // level k: its byte shifted so that its nibble is the top of a 32-bit integer, then shifted back with its sign
      for (let x = 0; x < inputs; x++, k++) kernel[x * units + y] = ((bytes[k >> 1] << (k & 1 ? 24 : 28)) >> 28) * scales[li][y];
    }
    return { inputs, units, activation, kernel, bias: biases[li].length ? Float32Array.from(biases[li]) : null };
  });
}

export function decodeDataInscription(doc: unknown): Model {
  return decodeParsedJson(typeof doc == 'string' ? parse(doc) : plainJson(doc));
}

/** The decoder on what JSON.parse made of a document's text (fetchBrain's case): plain JSON data by construction, so
 * there is nothing for plainJson to copy, and a bundle that only fetches brains (the library) leaves it out. Any other
 * JavaScript value goes through decodeDataInscription, which copies it first. */
export function decodeParsedJson(data: unknown): Model {
  try {
    return decodePlain(data);
  } catch (e) {
    if (e instanceof DataInscriptionError) throw e;
    throw new DataInscriptionError('', 'could not be decoded'); // not expected on plain data (out of memory?)
  }
}

function parse(text: string): unknown {
  if (text.length > MAX_DOCUMENT_BYTES) fail('', `${text.length} characters long, more than a brain of ${MAX_PARAMETERS} parameters needs (${MAX_DOCUMENT_BYTES})`);
  try {
    return JSON.parse(text);
  } catch (e) {
    // JSON.parse's own SyntaxError says where the text breaks
    return fail('', 'not valid JSON' + (e instanceof SyntaxError ? ` (${e.message})` : ''));
  }
}

/** The decoder proper, on plain JSON data (what JSON.parse or plainJson gives). */
function decodePlain(doc: unknown): Model {
  const d = obj(doc, ''), name = str(d.model_name, 'model_name');
  const config = obj(obj(d.layers_config, 'layers_config').config, 'layers_config.config');
  const list = arr(config.layers, LAYERS);
  check(list.length <= MAX_LAYERS, list.length, LAYERS, `at most ${MAX_LAYERS} layers`);

  let shape = [0, 0, 3], scale = 1, offset = 0, seen = '', params = 0, n = 0;
  const dense: DenseSpec[] = [];
  list.forEach((entry, i) => {
    const at = `${LAYERS}[${i}]`, layer = obj(entry, at), type = str(layer.class_name, at + '.class_name');
    check(TYPES.includes(type), type, at + '.class_name', 'one of ' + TYPES);
    // The initials seen so far must begin a stack of InputLayer, Rescaling (optional) and Flatten in either order, Dense+.
    check(/^I(RF?|FR?)?$|^I(RF|FR?)D+$/.test((seen += type[0])), type, at, 'in the order InputLayer, Rescaling/Flatten, Dense…');
    const cfg = type == 'Flatten' && layer.config === undefined ? {} : obj(layer.config, at + '.config'), p = at + '.config.';
    if (type == 'InputLayer') {
      const sp = p + 'batch_input_shape', s = arr(cfg.batch_input_shape ?? cfg.batch_shape, sp);
      check(s.length == 4 && s[0] === null, s, sp, '[null, height, width, 3]');
      shape = [1, 2, 3].map((j) => int(s[j], `${sp}[${j}]`, j > 2 ? 3 : 1, j > 2 ? 3 : MAX_SIDE));
      n = shape[0] * shape[1] * 3;
    } else if (type == 'Rescaling') {
      scale = bounded(cfg.scale, p + 'scale', MAX_RESCALING_SCALE);
      offset = bounded(cfg.offset, p + 'offset', MAX_RESCALING_OFFSET);
    } else if (type == 'Dense') {
      const units = int(cfg.units, p + 'units', 1, MAX_UNITS), raw = str(cfg.activation, p + 'activation');
      const activation = activationNamed(raw) ?? fail(p + 'activation', `must be one of ${ACTIVATIONS}, got ${show(raw)}`);
      const bias = cfg.use_bias as boolean | undefined;
      check(bias === undefined || typeof bias == 'boolean', bias, p + 'use_bias', 'true or false');
      check((params += n * units + units) <= MAX_PARAMETERS, params, p + 'units', `at most ${MAX_PARAMETERS} parameters in all`);
      dense.push({ inputs: n, units, activation, bias, at });
      n = units;
    }
  });
  const out = dense[dense.length - 1] ?? fail(LAYERS, 'no Dense layer');
  dense.forEach((l) => l == out || check(l.bias !== false, false, l.at + '.config.use_bias', 'true in a hidden layer'));

  const classes = arrayOf<string>(d.classes_name, 'classes_name', out.units, 'names (one per output)', str);
  const trainingTraits = obj(d.training_traits, 'training_traits');

  const dtype = d.weight_dtype ?? 'float32';
  const type = weightType(dtype) ?? fail('weight_dtype', `must be one of ${WEIGHT_DTYPES}, got ${show(dtype)}`);
  const layers = type.layout == 'grid' ? gridLayers(d, dense, out) : valueLayers(d, dtype as string, type, dense, out, params);
  const model: Model = { name, inputShape: shape as Model['inputShape'], scale, offset, layers, classes, trainingTraits, dtype: dtype as WeightDtype };
  layerReach(model).forEach((reach, li) => {
    if (!(reach <= MAX_OUTPUT)) fail(dense[li].at, `its sums could reach ${reach.toPrecision(2)} for some image, beyond the ${MAX_OUTPUT} that runs safely in float32`);
  });
  return model;
}

/** The values layout (float32, float16, int8): one value after another, layer by layer, kernel then bias. */
function valueLayers(d: Obj, dtype: string, type: ValuesLayout, dense: DenseSpec[], out: DenseSpec, params: number): Dense[] {
  check(d.weight_biases === undefined, d.weight_biases, 'weight_biases', 'absent unless int4');
  const { bytes, read, scaled } = type;
  const scales = scaled
    ? arrayOf<number>(d.weight_scales, 'weight_scales', dense.length, 'scales (one per Dense layer)', (s, at) => check(typeof s == 'number' && s >= 0 && s <= MAX_WEIGHT / 127, s, at, `a number from 0 to ${MAX_WEIGHT}/127`))
    : check<number[]>(d.weight_scales === undefined, d.weight_scales, 'weight_scales', 'absent unless int8 or int4');

  // The output bias is optional (the paper's formula omits it; the original brains have it): the byte length decides.
  const body = base64Body(d.weight_b64), count = Math.floor((body.length * 3) / 4) / bytes, without = params - out.units;
  const hasBias = count == params && out.bias !== false;
  if (!hasBias && (count != without || out.bias)) {
    const need = [out.bias !== false && params + ' (with output bias)', !out.bias && without + ' (without output bias)'];
    fail('weight_b64', `holds ${count} ${dtype} values, needs ${need.filter((s) => s).join(' or ')}`);
  }

  const view = new DataView(base64ToBytes(body).buffer), values = new Float32Array(count);
  let at = 0;
  const layers = dense.map((l, li): Dense => {
    const take = (len: number, what: string): Float32Array => {
      for (let i = at; i < at + len; i++) {
        values[i] = scaled ? read(view, i) * scales[li] : read(view, i);
        if (!Number.isFinite(values[i])) fail('weight_b64', `value ${i} (${l.at} ${what}) is not finite`);
        if (Math.abs(values[i]) > MAX_WEIGHT) fail('weight_b64', `value ${i} (${l.at} ${what}) is ${values[i]}, beyond ±${MAX_WEIGHT}`);
      }
      return values.subarray(at, (at += len));
    };
    const { inputs, units, activation } = l;
    return { inputs, units, activation, kernel: take(inputs * units, 'kernel'), bias: l == out && !hasBias ? null : take(units, 'bias') };
  });
  return layers;
}
