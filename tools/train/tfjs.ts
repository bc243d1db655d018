// Converts a TensorFlow.js Layers export (model.json topology + weight shards) of a supported model into the
// in-memory Model: InputLayer HxWx3, optional Rescaling, Flatten, Dense layers (a Dense with linear activation
// followed by a LeakyReLU layer of alpha 0.2 (LEAKY_SLOPE) becomes one leaky_relu Dense); Dropout is skipped (inference).
import { ACTIVATIONS, LEAKY_SLOPE, activationNamed, type Dense, type Model } from '../../src/nn/index';

export interface WeightSpec { name: string; shape: number[]; dtype: string; quantization?: unknown }
export interface TfjsModelJson {
  modelTopology: unknown;
  weightsManifest: { paths: string[]; weights: WeightSpec[] }[];
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);

function fail(path: string, message: string): never {
  throw new Error(`${path}: ${message}`);
}

/** The weights of the export, by name, sliced from the concatenated shard bytes in manifest order. */
export function readWeights(manifest: TfjsModelJson['weightsManifest'], data: Uint8Array): Map<string, { shape: number[]; values: Float32Array }> {
  const out = new Map<string, { shape: number[]; values: Float32Array }>();
  let offset = 0;
  manifest.forEach((group, g) => group.weights.forEach((w, i) => {
    const where = `weightsManifest[${g}].weights[${i}] (${w.name})`;
    if (w.quantization) fail(where, 'quantized weights are not supported: export float32 weights');
    if (w.dtype !== 'float32') fail(where, `dtype ${w.dtype} is not supported: only float32`);
    const n = w.shape.reduce((a, b) => a * b, 1);
    if (offset + n * 4 > data.length) fail(where, `needs bytes ${offset}..${offset + n * 4}, the shards hold ${data.length}`);
    const values = new Float32Array(n);
    const view = new DataView(data.buffer, data.byteOffset + offset, n * 4);
    for (let k = 0; k < n; k++) values[k] = view.getFloat32(4 * k, true);
    out.set(w.name, { shape: w.shape, values });
    offset += n * 4;
  }));
  if (offset !== data.length) fail('weights', `the manifest describes ${offset} bytes, the shards hold ${data.length}`);
  return out;
}

function inputShapeOf(cfg: Json, path: string): [number, number, number] | null {
  const shape = (cfg.batch_input_shape ?? cfg.batchInputShape ?? cfg.batch_shape) as unknown;
  if (shape === undefined) return null;
  if (!Array.isArray(shape) || shape.length !== 4 || !shape.slice(1).every((d) => Number.isInteger(d))) fail(path, `input shape ${JSON.stringify(shape)} is not [null, H, W, 3]`);
  if (shape[3] !== 3) fail(path, `input has ${shape[3]} channels, a brain takes RGB (3)`);
  return [shape[1], shape[2], 3];
}

export function tfjsToModel(json: TfjsModelJson, shards: Uint8Array, name: string, classes?: string[]): Model {
  if (!isObject(json) || !Array.isArray(json.weightsManifest)) fail('model.json', 'not a TF.js Layers export (no weightsManifest)');
  let topo = json.modelTopology;
  if (isObject(topo) && isObject(topo.model_config)) topo = topo.model_config;
  if (!isObject(topo) || !isObject(topo.config)) fail('modelTopology', 'missing config');
  const cls = topo.class_name;
  if (cls !== 'Sequential') fail('modelTopology.class_name', `"${String(cls)}" is not supported: only Sequential models`);
  const layers = topo.config.layers;
  if (!Array.isArray(layers) || layers.length === 0) fail('modelTopology.config.layers', 'missing or empty');
  const weights = readWeights(json.weightsManifest, shards);
  let inputShape: [number, number, number] | null = null, scale = 1, offset = 0, flattened = false;
  const dense: Dense[] = [];
  layers.forEach((layer: unknown, i: number) => {
    const path = `modelTopology.config.layers[${i}]`;
    if (!isObject(layer) || !isObject(layer.config)) fail(path, 'not a layer object');
    const cfg = layer.config, kind = layer.class_name;
    inputShape = inputShape ?? inputShapeOf(cfg, `${path}.config`);
    if (kind === 'InputLayer' || kind === 'Dropout') return;
    if (kind === 'Rescaling') {
      if (flattened || dense.length) fail(path, 'Rescaling must come before Flatten and the Dense layers');
      if (typeof cfg.scale !== 'number' || typeof cfg.offset !== 'number') fail(`${path}.config`, 'Rescaling needs numeric scale and offset');
      scale = cfg.scale; offset = cfg.offset;
    } else if (kind === 'Flatten') {
      if (flattened || dense.length) fail(path, 'only one Flatten, before the Dense layers');
      flattened = true;
    } else if (kind === 'Dense') {
      if (!flattened) fail(path, 'Dense before Flatten: the input must be flattened first');
      const lname = String(cfg.name), kernel = weights.get(`${lname}/kernel`), bias = weights.get(`${lname}/bias`);
      if (!kernel) fail(path, `no weight named "${lname}/kernel" in the manifest`);
      const [inputs, units] = kernel.shape;
      if (kernel.shape.length !== 2 || units !== cfg.units) fail(`${path}.config.units`, `kernel shape [${kernel.shape}] does not match ${String(cfg.units)} units`);
      if (cfg.use_bias !== false && !bias) fail(path, `no weight named "${lname}/bias" in the manifest`);
      const name = cfg.activation ?? 'linear', activation = typeof name === 'string' ? activationNamed(name) : undefined;
      if (!activation) fail(`${path}.config.activation`, `activation ${JSON.stringify(name)} is not one of ${ACTIVATIONS.join(', ')}`);
      dense.push({ inputs, units, activation, kernel: kernel.values, bias: bias ? bias.values : null });
    } else if (kind === 'LeakyReLU' || kind === 'ReLU') {
      const prev = dense[dense.length - 1];
      if (!prev || prev.activation !== 'linear') fail(path, `${kind} must follow a Dense layer with linear activation`);
      const alpha = kind === 'ReLU' ? 0 : (cfg.alpha ?? cfg.negative_slope ?? 0.3);
      if (kind === 'LeakyReLU' && Math.abs(Number(alpha) - LEAKY_SLOPE) > 1e-6) fail(`${path}.config.alpha`, `alpha ${String(alpha)} is not supported: the engine's leaky_relu has alpha ${LEAKY_SLOPE}`);
      prev.activation = kind === 'ReLU' ? 'relu' : 'leaky_relu';
    } else {
      fail(`${path}.class_name`, `layer "${String(kind)}" is not supported (InputLayer, Rescaling, Flatten, Dense, LeakyReLU(alpha 0.2), ReLU, Dropout)`);
    }
  });
  if (!inputShape) fail('modelTopology.config.layers[0]', 'no input shape (batch_input_shape)');
  if (!dense.length) fail('modelTopology.config.layers', 'no Dense layer');
  const [h, w] = inputShape as [number, number, number];
  if (dense[0].inputs !== h * w * 3) fail('modelTopology.config.layers', `the first Dense takes ${dense[0].inputs} inputs, the input is ${h}x${w}x3 = ${h * w * 3}`);
  for (let i = 0; i + 1 < dense.length; i++) if (!dense[i].bias) fail('modelTopology.config.layers', `hidden Dense layer ${i} has no bias, which the format cannot hold`);
  const units = dense[dense.length - 1].units;
  const names = classes ?? Array.from({ length: units }, (_, i) => `class_${i}`);
  if (names.length !== units) fail('--classes', `${names.length} class names for ${units} output units`);
  return { name, inputShape: inputShape as [number, number, number], scale, offset, layers: dense, classes: names, trainingTraits: { source: 'TensorFlow.js Layers export', packed_by: 'perceptrons pack' } };
}
