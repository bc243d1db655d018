// An int4 data inscription of a brain, for `perceptrons pack` and `perceptrons train`: rounded onto the 4-bit (or
// 3-bit) grid, fine-tuned through the rounding when training images are given, and measured against the float brain
// on the held-out images (top-1 agreement and accuracy), which training_traits.quantization records.
import { encodeDataInscription, WEIGHT_DTYPES, WEIGHT_TYPES, type Int4Grid, type Model, type WeightDtype } from '../../src/nn/index';
import type { LabelledImages } from '../train/images';
import { predictAll } from '../train/evaluate';
import { DEFAULT_INT4_TUNING, tuneForInt4, type Int4Tuning } from './tune';

/** How a brain may be stored, as `--dtype` of train and pack says it: every weight type of the format (the table in
 * src/nn/weight-types.ts), and int3, the int4 format with every level in -4..3. bits: a grid type's level width, the
 * grid fine-tuning rounds to (none for a type stored value by value). */
export const STORAGE: Record<string, { dtype: WeightDtype; bits?: 3 | 4 }> = {
  ...Object.fromEntries(WEIGHT_DTYPES.map((dtype) => {
    const type: { layout: string; bits?: 4 } = WEIGHT_TYPES[dtype];
    return [dtype, { dtype, bits: type.bits }];
  })),
  int3: { dtype: 'int4', bits: 3 },
};

export interface Int4Options {
  /** the levels' width: 4 (-8..7) or 3 (-4..3) */
  bits: 3 | 4;
  /** training and held-out images of the data the brain was trained on; without them the weights are only rounded */
  data?: { name: string; train: LabelledImages; test: LabelledImages };
  /** how to fine-tune through the rounding (tools/quant/tune.ts; default DEFAULT_INT4_TUNING) */
  tuning?: Int4Tuning;
  seed?: string;
  /** the neuron order of training (default: the brain's training_traits.neuron_order), for the masks of fine-tuning */
  order?: number[][];
  log?: (line: string) => void;
}

const round4 = (x: number): number => Math.round(x * 1e4) / 1e4;

/** Top-1 agreement between two models and the accuracy of the second on labelled images. */
export function agreement(reference: Model, model: Model, data: LabelledImages): { agreement: number; accuracy: number } {
  const a = predictAll(reference, data), b = predictAll(model, data);
  let same = 0, right = 0;
  for (let i = 0; i < data.count; i++) { same += a[i] === b[i] ? 1 : 0; right += b[i] === data.labels[i] ? 1 : 0; }
  return { agreement: same / data.count, accuracy: right / data.count };
}

/**
 * The quantised brain (its kernels on the grid, as the document will store them), the grid to encode it with
 * (encodeDataInscription(brain, { dtype: 'int4', grid })) and what to record as training_traits.quantization.
 */
export function int4Brain(model: Model, o: Int4Options): { model: Model; grid: Int4Grid; quantization: Record<string, unknown> } {
  const bits = o.bits, started = process.cpuUsage(), tuning = o.tuning ?? DEFAULT_INT4_TUNING;
  const { model: tuned, grid, fineTuned } = tuneForInt4(model, { bits, train: o.data?.train, method: tuning, seed: o.seed, order: o.order });
  const seconds = ((u) => (u.user + u.system) / 1e6)(process.cpuUsage(started));
  const quantization: Record<string, unknown> = {
    weight_dtype: 'int4', bits,
    // kept: fine-tuned, or plain rounding when that agreed with the float brain on more training images
    fine_tuned: o.data ? { loss: tuning, data: o.data.name, train_samples: o.data.train.count, cpu_seconds: Math.round(seconds * 10) / 10, kept: fineTuned ? 'fine-tuned' : 'plain rounding' } : false,
  };
  if (o.data) {
    const m = agreement(model, tuned, o.data.test);
    Object.assign(quantization, { heldout_agreement_with_float32: round4(m.agreement), heldout_accuracy: round4(m.accuracy) });
    o.log?.(`int${bits}: top-1 agreement with float32 ${(m.agreement * 100).toFixed(2)}%, held-out accuracy ${(m.accuracy * 100).toFixed(2)}% ` +
      `(${o.data.test.count} held-out images; fine-tuned through the rounding (${tuning}) in ${seconds.toFixed(1)} CPU s${fineTuned ? '' : '; plain rounding agreed on more training images and is kept'})`);
  } else o.log?.(`int${bits}: plain rounding (give the training data to fine-tune through the rounding and measure the agreement)`);
  return { model: tuned, grid, quantization };
}

/** The int4 document of a brain, its training_traits.quantization saying how it was made. */
export function int4Document(model: Model, o: Int4Options): Record<string, unknown> {
  const { model: tuned, grid, quantization } = int4Brain(model, o);
  return encodeDataInscription({ ...tuned, trainingTraits: { ...tuned.trainingTraits, quantization } }, { dtype: 'int4', grid });
}
