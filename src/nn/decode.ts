// decodeDataInscription: JSON document (or its text) -> Model, strictly validated. Throws only DataInscriptionError.
import type { Activation, Dense, Model } from './model';
import { DataInscriptionError } from './errors';
import { base64ToBytes } from './base64';
import { halfToFloat } from './float16';
import { ACTIVATIONS, MAX_LAYERS, MAX_PARAMETERS, MAX_SIDE, MAX_UNITS } from './limits';

type Obj = Record<string, unknown>;
// Field names used more than once (a name is shorter than its repeated text in the bundle).
const LC = 'layers_config', L = LC + '.config.layers', CLASSES = 'classes_name', SCALES = 'weight_scales', B64 = 'weight_b64';
const TYPES = ['InputLayer', 'Rescaling', 'Flatten', 'Dense'];
const DTYPES = ['float32', 'float16', 'int8', 'int4']; // 4 >> index = bytes per value (int4: its own layout)

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
const num = (v: unknown, path: string) => check<number>(Number.isFinite(v), v, path, 'a finite number');
const int = (v: unknown, path: string, min: number, max: number) =>
  check<number>(Number.isInteger(v) && (v as number) >= min && (v as number) <= max, v, path, `an integer ${min}..${max}`);
/** An array of exactly n items, each checked by `item` under its own path. */
const arrayOf = <T>(v: unknown, path: string, n: number, what: string, item: (x: unknown, path: string, i: number) => unknown) => {
  const a = arr(v, path);
  check(a.length == n, a.length, path, `${n} ${what}`);
  a.forEach((x, i) => item(x, `${path}[${i}]`, i));
  return a as T[];
};
/** The base64 text of weight_b64 without its padding (the pattern is linear: no backtracking on a huge string). */
const base64Body = (v: unknown): string => {
  const b64 = str(v, B64), body = /^[A-Za-z0-9+/]*(?==?=?$)/.exec(b64)?.[0];
  check(body !== undefined && body.length % 4 != 1, b64, B64, 'base64');
  return body!;
};

interface DenseSpec { inputs: number; units: number; activation: Activation; bias?: boolean; at: string }

/**
 * weight_dtype "int4" (docs/format.md): the kernels as signed 4-bit levels, two a byte (low nibble first), unit after
 * unit, each times its unit's weight_scales[layer][unit]; the biases as numbers in weight_biases.
 */
function int4Layers(d: Obj, dense: DenseSpec[], out: DenseSpec): Dense[] {
  const scales = arrayOf<number[]>(d[SCALES], SCALES, dense.length, 'arrays (one per Dense layer)', (s, at, i) =>
    arrayOf(s, at, dense[i].units, 'scales (one per unit)', (v, at) => check(Number.isFinite(v) && (v as number) >= 0 && (v as number) <= 4e37, v, at, 'a number 0..4e37')));
  const biases = arrayOf<number[]>(d.weight_biases, 'weight_biases', dense.length, 'arrays (one per Dense layer)', (b, at, i) => {
    const l = dense[i], a = arr(b, at), optional = l == out && l.bias === undefined;
    check(l.bias === false ? !a.length : a.length == l.units || (optional && !a.length), a.length, at,
      l.bias === false ? 'none (use_bias is false)' : `${l.units} biases (one per unit)${optional ? ' or none' : ''}`);
    a.forEach((v, j) => check(Number.isFinite(Math.fround(v as number)) && typeof v == 'number', v, `${at}[${j}]`, 'a finite float32 number'));
  });
  const levels = dense.reduce((n, l) => n + l.inputs * l.units, 0), body = base64Body(d[B64]), size = (levels + 1) >> 1;
  if ((body.length * 3) >> 2 != size) fail(B64, `holds ${(body.length * 3) >> 2} bytes, needs ${size} (${levels} int4 levels)`);
  const bytes = base64ToBytes(body);
  if (levels & 1 && bytes[size - 1] >> 4) fail(B64, 'the padding nibble (the high half of the last byte) must be 0');
  let k = 0;
  return dense.map(({ inputs, units, activation }, li) => {
    const kernel = new Float32Array(inputs * units);
    for (let y = 0; y < units; y++) {
      // level k: its byte moved so that its nibble is the top of a 32-bit integer, then shifted back with its sign
      for (let x = 0; x < inputs; x++, k++) kernel[x * units + y] = ((bytes[k >> 1] << (k & 1 ? 24 : 28)) >> 28) * scales[li][y];
    }
    return { inputs, units, activation, kernel, bias: biases[li].length ? Float32Array.from(biases[li]) : null };
  });
}

export function decodeDataInscription(doc: unknown): Model {
  let step = 'not valid JSON';
  try {
    if (typeof doc == 'string') doc = JSON.parse(doc);
    step = 'unreadable'; // e.g. a hostile getter in a non-JSON object
    const d = obj(doc, ''), name = str(d.model_name, 'model_name');
    const list = arr(obj(obj(d[LC], LC).config, LC + '.config').layers, L);
    check(list.length <= MAX_LAYERS, list.length, L, `at most ${MAX_LAYERS} layers`);

    let shape = [0, 0, 3], scale = 1, offset = 0, seen = '', params = 0, n = 0;
    const dense: DenseSpec[] = [];
    list.forEach((entry, i) => {
      const at = `${L}[${i}]`, layer = obj(entry, at), type = str(layer.class_name, at + '.class_name'), k = TYPES.indexOf(type);
      check(k >= 0, type, at + '.class_name', 'one of ' + TYPES);
      // The initials seen so far must begin a stack of InputLayer, Rescaling (optional) and Flatten in either order, Dense+.
      check(/^I(RF?|FR?)?$|^I(RF|FR?)D+$/.test((seen += type[0])), type, at, 'in the order InputLayer, Rescaling/Flatten, Dense…');
      const cfg = k == 2 && layer.config === undefined ? {} : obj(layer.config, at + '.config'), p = at + '.config.';
      if (!k) {
        const sp = p + 'batch_input_shape', s = arr(cfg.batch_input_shape ?? cfg.batch_shape, sp);
        check(s.length == 4 && s[0] === null, s, sp, '[null, height, width, 3]');
        shape = [1, 2, 3].map((j) => int(s[j], `${sp}[${j}]`, j > 2 ? 3 : 1, j > 2 ? 3 : MAX_SIDE));
        n = shape[0] * shape[1] * 3;
      } else if (k == 1) {
        scale = num(cfg.scale, p + 'scale');
        offset = num(cfg.offset, p + 'offset');
      } else if (k > 2) {
        const units = int(cfg.units, p + 'units', 1, MAX_UNITS), raw = str(cfg.activation, p + 'activation');
        const low = raw.toLowerCase(), activation = (low == 'leakyrelu' ? 'leaky_relu' : low) as Activation;
        check(ACTIVATIONS.includes(activation), raw, p + 'activation', 'one of ' + ACTIVATIONS);
        const bias = cfg.use_bias as boolean | undefined;
        check(bias === undefined || typeof bias == 'boolean', bias, p + 'use_bias', 'true or false');
        check((params += n * units + units) <= MAX_PARAMETERS, params, p + 'units', `at most ${MAX_PARAMETERS} parameters in all`);
        dense.push({ inputs: n, units, activation, bias, at });
        n = units;
      }
    });
    const out = dense[dense.length - 1] ?? fail(L, 'no Dense layer');
    dense.forEach((l) => l == out || check(l.bias !== false, false, l.at + '.config.use_bias', 'true in a hidden layer'));

    const classes = arrayOf<string>(d[CLASSES], CLASSES, out.units, 'names (one per output)', str);
    const trainingTraits = obj(d.training_traits, 'training_traits');

    const dtype = (d.weight_dtype ?? 'float32') as NonNullable<Model['dtype']>, size = 4 >> DTYPES.indexOf(dtype);
    check(DTYPES.includes(dtype), dtype, 'weight_dtype', 'one of ' + DTYPES);
    const model = { name, inputShape: shape as Model['inputShape'], scale, offset, classes, trainingTraits, dtype };
    if (dtype == 'int4') return { ...model, layers: int4Layers(d, dense, out) };
    check(d.weight_biases === undefined, d.weight_biases, 'weight_biases', 'absent unless int4');
    const scales = size == 1
      ? arrayOf<number>(d[SCALES], SCALES, dense.length, 'scales (one per Dense layer)', (s, at) => check(Number.isFinite(s) && (s as number) >= 0, s, at, 'a finite number ≥ 0'))
      : check<number[]>(d[SCALES] === undefined, d[SCALES], SCALES, 'absent unless int8 or int4');

    // The output bias is optional (the paper's formula omits it; the original brains have it): the byte length decides.
    const body = base64Body(d[B64]), count = ((body.length * 3) >> 2) / size, without = params - out.units;
    const hasBias = count == params && out.bias !== false;
    if (!hasBias && (count != without || out.bias)) {
      const need = [out.bias !== false && params + ' (with output bias)', !out.bias && without + ' (without output bias)'];
      fail(B64, `holds ${count} ${dtype} values, needs ${need.filter((s) => s).join(' or ')}`);
    }

    const view = new DataView(base64ToBytes(body).buffer), values = new Float32Array(count);
    let at = 0;
    const layers = dense.map((l, li): Dense => {
      const read = (len: number, what: string): Float32Array => {
        for (let i = at; i < at + len; i++) {
          values[i] = size > 2 ? view.getFloat32(4 * i, true) : size > 1 ? halfToFloat(view.getUint16(2 * i, true)) : view.getInt8(i) * scales[li];
          if (!Number.isFinite(values[i])) fail(B64, `value ${i} (${l.at} ${what}) is not finite`);
        }
        return values.subarray(at, (at += len));
      };
      const { inputs, units, activation } = l;
      return { inputs, units, activation, kernel: read(inputs * units, 'kernel'), bias: l == out && !hasBias ? null : read(units, 'bias') };
    });
    return { ...model, layers };
  } catch (e) {
    throw e instanceof DataInscriptionError ? e : new DataInscriptionError('', `${step} (${e})`);
  }
}
