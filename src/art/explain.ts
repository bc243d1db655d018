// What one hidden neuron does, for the "ask a neuron" panel and window.perceptron.explain. Pure (no DOM).
// field: what it looks for, in pixel space. A first-layer neuron's field is exactly its column of the first kernel
// (HxWx3, as the brain stores it); a deeper neuron's is the weighted sum of the fields of the layer before (the linear
// part of the network, the nonlinearities left out), so every neuron can be pictured as an image.
// contributions: what it pushes each class by, through the wiring: the sum over every path to that output of the
// product of its weights (again the linear part). life: its birth and death blocks in the current life.
import type { Model } from '../nn/model';
import type { Genome } from './traits';
import { presence, type Life } from './life';

export interface Explanation {
  /** HxWx3 values, the input's layout: what raises the neuron (positive) and what lowers it (negative) */
  field: Float32Array;
  /** its output on the last image the network saw (null: none seen yet) */
  activation: number | null;
  /** 1 = the most active of its layer on that image (null: none seen) */
  rank: number | null;
  /** per class, in the brain's class order */
  contributions: { name: string; value: number }[];
  alive: boolean;
  /** block heights, in the current life: the first block it is alive, the first block it is dead again */
  bornAt: number;
  diesAt: number;
}

/** Kernel of layer l as a map: out[y] = sum over x of v[x] * kernel[x * units + y] (v: one value per input). */
const forward = ({ kernel, units }: Model['layers'][number], v: Float32Array): Float32Array => {
  const out = new Float32Array(units);
  v.forEach((a, x) => {
    if (a) for (let y = 0; y < units; y++) out[y] += a * kernel[x * units + y];
  });
  return out;
};

/** The transposed map: out[x] = sum over y of kernel[x * units + y] * v[y] (v: one value per unit). */
const backward = ({ kernel, units, inputs }: Model['layers'][number], v: Float32Array): Float32Array =>
  Float32Array.from({ length: inputs }, (_, x) => {
    let s = 0;
    for (let y = 0; y < units; y++) s += kernel[x * units + y] * v[y];
    return s;
  });

/** n zeros with a 1 at i. */
const unit = (n: number, i: number): Float32Array => {
  const v = new Float32Array(n);
  v[i] = 1;
  return v;
};

/** Throws unless (layer, index) names a hidden neuron of the model. */
const check = (model: Model, layer: number, index: number): void => {
  const hidden = model.layers.length - 1;
  if (!(Number.isInteger(layer) && layer >= 0 && layer < hidden && Number.isInteger(index) && index >= 0 && index < model.layers[layer].units))
    throw new RangeError(`explain: no hidden neuron (${layer}, ${index}): layers 0..${hidden - 1}, units ${model.layers.slice(0, -1).map((l) => l.units)}`);
};

/** The neuron's receptive field in pixel space (HxWx3). Layer 0: its kernel column, exactly. */
export const fieldOf = (model: Model, layer: number, index: number): Float32Array => {
  check(model, layer, index);
  let v = unit(model.layers[layer].units, index);
  for (let l = layer; l >= 0; l--) v = backward(model.layers[l], v);
  return v;
};

/** What the neuron adds to each output (logit) per unit of its activation, through every path of weights. */
export const contributionsOf = (model: Model, layer: number, index: number): { name: string; value: number }[] => {
  check(model, layer, index);
  let v = unit(model.layers[layer].units, index);
  for (let l = layer + 1; l < model.layers.length; l++) v = forward(model.layers[l], v);
  return Array.from(v, (value, i) => ({ name: model.classes[i], value }));
};

/** 1-based rank of acts[index] in acts, largest first (ties: the lower index ranks first). */
export const rankOf = (acts: ArrayLike<number>, index: number): number => {
  let r = 1;
  for (let i = 0; i < acts.length; i++) if (acts[i] > acts[index] || (acts[i] === acts[index] && i < index)) r++;
  return r;
};

/** First alive and first dead-again block of the neuron born at t, in the life `life` is at `height`. */
export const lifespan = (genome: Genome, life: Life, height: number, t: number): { bornAt: number; diesAt: number } => {
  const span = genome.lifeBlocks, u = span / 1440, start = Math.floor(height) - Math.round(life.age * span);
  const alive = (pos: number) => Math.fround(presence(pos / u, t)) > 0;
  // the closed forms of life.ts's presence, then settled on the exact blocks it gives (float rounding at the edges)
  let born = Math.max(0, Math.floor((1 - (1 - t) ** (Math.log(0.6) / Math.log(0.2))) * 600 * u));
  while (born > 0 && alive(born - 1)) born--;
  while (!alive(born) && born < 600 * u) born++;
  let dies = Math.ceil((1200 + 238 * (1 - t)) * u);
  while (dies > born + 1 && !alive(dies - 1)) dies--;
  while (alive(dies)) dies++;
  return { bornAt: start + born, diesAt: start + dies };
};

/** Everything the panel says about hidden neuron (layer, index); acts: the activations of the last image (or null). */
export const explainNeuron = (
  model: Model, genome: Genome, life: Life, height: number, acts: Float32Array[] | null, layer: number, index: number,
): Explanation => {
  const field = fieldOf(model, layer, index);
  const a = acts?.[layer]?.length === model.layers[layer].units ? acts[layer] : null;
  const t = life.born[layer]?.[index] ?? 0;
  return {
    field,
    activation: a && a[index],
    rank: a && rankOf(a, index),
    contributions: contributionsOf(model, layer, index),
    alive: !!life.alive.neurons[layer]?.[index],
    ...lifespan(genome, life, height, t),
  };
};

/** RGBA pixels of a field (HxWx3 values) for w x h: each pixel's summed weight on a diverging scale, from the
 * negative colour through the paper (0) to the positive colour, scaled by the largest magnitude. Colours: 0xrrggbb. */
export const fieldPixels = (field: Float32Array, w: number, h: number, negative: number, paper: number, positive: number): Uint8ClampedArray<ArrayBuffer> => {
  const sums = Float32Array.from({ length: w * h }, (_, p) => field[p * 3] + field[p * 3 + 1] + field[p * 3 + 2]);
  const top = Math.max(0, ...sums.map(Math.abs)) || 1;
  const out = new Uint8ClampedArray(w * h * 4);
  sums.forEach((s, p) => {
    const f = Math.abs(s) / top, end = s < 0 ? negative : positive;
    for (let c = 0; c < 3; c++) {
      const a = (paper >> (16 - 8 * c)) & 255, b = (end >> (16 - 8 * c)) & 255;
      out[p * 4 + c] = Math.round(a + (b - a) * f);
    }
    out[p * 4 + 3] = 255;
  });
  return out;
};
