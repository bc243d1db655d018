// encodeDataInscription: Model -> the JSON document of the paper (plus weight_dtype/weight_scales when quantised).
import type { Model } from './model';
import { DataInscriptionError } from './errors';
import { bytesToBase64 } from './base64';
import { int4Fields, type Int4Grid } from './int4';
import { MAX_OUTPUT, MAX_RESCALING_OFFSET, MAX_RESCALING_SCALE, MAX_WEIGHT } from './limits';
import { layerReach } from './reach';
import { WEIGHT_DTYPES, weightType, type ValuesDtype, type WeightDtype } from './weight-types';
import { floatToHalf } from './float16';

/** How each values type of the table (weight-types.ts) writes value i, the mirror of its read. */
const WRITE: Record<ValuesDtype, (view: DataView, i: number, value: number) => void> = {
  float32: (view, i, value) => view.setFloat32(4 * i, value, true),
  float16: (view, i, value) => view.setUint16(2 * i, floatToHalf(value), true),
  int8: (view, i, value) => view.setInt8(i, value),
};

/** opts.grid (int4 only): the scales and levels to use, e.g. those a quantization-aware fine-tuning kept; by default
 * each unit's largest weight lands on level ±7. */
export function encodeDataInscription(model: Model, opts: { dtype?: WeightDtype; grid?: Int4Grid } = {}): Record<string, unknown> {
  const dtype = opts.dtype ?? 'float32', type = weightType(dtype);
  if (!type) throw new DataInscriptionError('weight_dtype', `cannot encode as ${JSON.stringify(dtype)}: one of ${WEIGHT_DTYPES}`);
  // what the decoder would refuse is not written
  if (!(Math.abs(model.scale) <= MAX_RESCALING_SCALE && Math.abs(model.offset) <= MAX_RESCALING_OFFSET)) {
    throw new DataInscriptionError('layers_config', `Rescaling scale ${model.scale} and offset ${model.offset} must be within ±${MAX_RESCALING_SCALE} and ±${MAX_RESCALING_OFFSET}`);
  }
  const grid = type.layout == 'grid' ? int4Fields(model, opts.grid) : null;
  const values = type.layout == 'values' ? { ...type, write: WRITE[dtype as ValuesDtype] } : null;
  const tensors = values ? model.layers.flatMap((l) => (l.bias ? [l.kernel, l.bias] : [l.kernel])) : [];
  const bytes = new Uint8Array(tensors.reduce((n, t) => n + t.length, 0) * (values?.bytes ?? 0)), view = new DataView(bytes.buffer);
  const scales: number[] = [];
  let at = 0;
  if (values) model.layers.forEach((l, li) => {
    const parts = l.bias ? [l.kernel, l.bias] : [l.kernel];
    let max = 0;
    for (const t of parts) for (let i = 0; i < t.length; i++) max = Math.max(max, Math.abs(t[i]));
    if (!Number.isFinite(max)) throw new DataInscriptionError('weight_b64', `layer ${li} of "${model.name}" has a non-finite weight`);
    if (max > MAX_WEIGHT) throw new DataInscriptionError('weight_b64', `layer ${li} of "${model.name}" has a weight of magnitude ${max}, beyond ±${MAX_WEIGHT}`);
    const scale = max / 127;
    scales.push(scale);
    for (const t of parts) {
      for (let i = 0; i < t.length; i++, at++) values.write(view, at, !values.scaled ? t[i] : scale ? Math.round(t[i] / scale) : 0);
    }
  });
  layerReach(model).forEach((reach, li) => {
    if (!(reach <= MAX_OUTPUT)) throw new DataInscriptionError('weight_b64', `layer ${li}'s sums could reach ${reach.toPrecision(2)} for some image, beyond ${MAX_OUTPUT}`);
  });
  const [h, w] = model.inputShape, last = model.layers.length - 1;
  return {
    model_name: model.name,
    layers_config: {
      config: {
        layers: [
          { class_name: 'InputLayer', config: { batch_input_shape: [null, h, w, 3] } },
          { class_name: 'Rescaling', config: { scale: model.scale, offset: model.offset } },
          { class_name: 'Flatten' },
          ...model.layers.map((l, i) => ({
            class_name: 'Dense',
            config: i === last && !l.bias ? { units: l.units, activation: l.activation, use_bias: false } : { units: l.units, activation: l.activation },
          })),
        ],
      },
    },
    ...(dtype === 'float32' ? {} : { weight_dtype: dtype }),
    ...(values?.scaled ? { weight_scales: scales } : {}),
    ...(grid ?? { weight_b64: bytesToBase64(bytes) }),
    training_traits: model.trainingTraits,
    classes_name: model.classes,
  };
}
