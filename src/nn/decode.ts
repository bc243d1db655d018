// decodeDataInscription: JSON document (or its text) -> Model, strictly validated. Throws only DataInscriptionError.
import type { Activation, Dense, Model } from './model';
import { DataInscriptionError } from './errors';
import { base64ToBytes } from './base64';
import { halfToFloat } from './float16';
import { MAX_LAYERS, MAX_PARAMETERS, MAX_SIDE, MAX_UNITS } from './limits';
import { ACTIVATIONS, activationNamed } from './activations';

type Obj = Record<string, unknown>;
type Dtype = NonNullable<Model['dtype']>;
const LAYERS = 'layers_config.config.layers';
const TYPES = ['InputLayer', 'Rescaling', 'Flatten', 'Dense'];

/** How each weight_dtype stores a value: bytes per value, how to read value i, and whether it takes per-layer
 * weight_scales (then the value read is multiplied by its layer's scale). */
const DTYPES: Record<Dtype, { bytes: number; read: (view: DataView, i: number) => number; scaled: boolean }> = {
  float32: { bytes: 4, read: (view, i) => view.getFloat32(4 * i, true), scaled: false },
  float16: { bytes: 2, read: (view, i) => halfToFloat(view.getUint16(2 * i, true)), scaled: false },
  int8: { bytes: 1, read: (view, i) => view.getInt8(i), scaled: true },
};

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
const arrayOf = <T>(v: unknown, path: string, n: number, what: string, item: (x: unknown, path: string) => unknown) => {
  const a = arr(v, path);
  check(a.length == n, a.length, path, `${n} ${what}`);
  a.forEach((x, i) => item(x, `${path}[${i}]`));
  return a as T[];
};

export function decodeDataInscription(doc: unknown): Model {
  let step = 'not valid JSON';
  try {
    if (typeof doc == 'string') doc = JSON.parse(doc);
    step = 'unreadable'; // e.g. a hostile getter in a non-JSON object
    const d = obj(doc, ''), name = str(d.model_name, 'model_name');
    const config = obj(obj(d.layers_config, 'layers_config').config, 'layers_config.config');
    const list = arr(config.layers, LAYERS);
    check(list.length <= MAX_LAYERS, list.length, LAYERS, `at most ${MAX_LAYERS} layers`);

    let shape = [0, 0, 3], scale = 1, offset = 0, seen = '', params = 0, n = 0;
    const dense: { inputs: number; units: number; activation: Activation; bias?: boolean; at: string }[] = [];
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
        scale = num(cfg.scale, p + 'scale');
        offset = num(cfg.offset, p + 'offset');
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

    const dtype = (d.weight_dtype ?? 'float32') as Dtype;
    check(Object.hasOwn(DTYPES, dtype), dtype, 'weight_dtype', 'one of ' + Object.keys(DTYPES));
    const { bytes, read, scaled } = DTYPES[dtype];
    const scales = scaled
      ? arrayOf<number>(d.weight_scales, 'weight_scales', dense.length, 'scales (one per Dense layer)', (s, at) => check(Number.isFinite(s) && (s as number) >= 0, s, at, 'a finite number ≥ 0'))
      : check<number[]>(d.weight_scales === undefined, d.weight_scales, 'weight_scales', 'absent unless int8');

    // The output bias is optional (the paper's formula omits it; the original brains have it): the byte length decides.
    // The pattern is linear, so even a huge string is checked without backtracking.
    const b64 = str(d.weight_b64, 'weight_b64'), body = /^[A-Za-z0-9+/]*(?==?=?$)/.exec(b64)?.[0];
    check(body !== undefined && body.length % 4 != 1, b64, 'weight_b64', 'base64');
    const count = Math.floor((body!.length * 3) / 4) / bytes, without = params - out.units;
    const hasBias = count == params && out.bias !== false;
    if (!hasBias && (count != without || out.bias)) {
      const need = [out.bias !== false && params + ' (with output bias)', !out.bias && without + ' (without output bias)'];
      fail('weight_b64', `holds ${count} ${dtype} values, needs ${need.filter((s) => s).join(' or ')}`);
    }

    const view = new DataView(base64ToBytes(body!).buffer), values = new Float32Array(count);
    let at = 0;
    const layers = dense.map((l, li): Dense => {
      const take = (len: number, what: string): Float32Array => {
        for (let i = at; i < at + len; i++) {
          values[i] = scaled ? read(view, i) * scales[li] : read(view, i);
          if (!Number.isFinite(values[i])) fail('weight_b64', `value ${i} (${l.at} ${what}) is not finite`);
        }
        return values.subarray(at, (at += len));
      };
      const { inputs, units, activation } = l;
      return { inputs, units, activation, kernel: take(inputs * units, 'kernel'), bias: l == out && !hasBias ? null : take(units, 'bias') };
    });
    return { name, inputShape: shape as Model['inputShape'], scale, offset, layers, classes, trainingTraits, dtype };
  } catch (e) {
    throw e instanceof DataInscriptionError ? e : new DataInscriptionError('', `${step} (${e})`);
  }
}
