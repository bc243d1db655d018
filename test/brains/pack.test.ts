// perceptrons pack: a model built and saved by @tensorflow/tfjs in the test (artifacts captured with
// tf.io.withSaveHandler and written as model.json + shard, as tensorflowjs_converter lays them out) converts to a brain
// whose logits match tfjs's own predictions, in float32, float16 and int8; unsupported exports get clear errors.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { decodeDataInscription, forward } from '../../src/nn/index';
import { run as pack } from '../../tools/commands/pack';
import { readTfjsExport as packTfjs } from '../../tools/train/tfjs-export';
import { rngFrom } from '../../tools/dataset/prng';

let dir: string;

async function saveTfjs(model: tf.LayersModel, name: string): Promise<string> {
  await model.save(tf.io.withSaveHandler(async (artifacts) => {
    const sub = join(dir, name);
    rmSync(sub, { recursive: true, force: true });
    mkdirSync(sub);
    const data = artifacts.weightData as ArrayBuffer;
    writeFileSync(join(sub, 'group1-shard1of1.bin'), new Uint8Array(data));
    writeFileSync(join(sub, 'model.json'), JSON.stringify({
      format: 'layers-model', generatedBy: 'test', convertedBy: null, modelTopology: artifacts.modelTopology,
      weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights: artifacts.weightSpecs }],
    }));
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }));
  return join(dir, name, 'model.json');
}

function buildModel(): tf.Sequential {
  const m = tf.sequential();
  m.add(tf.layers.rescaling({ scale: 1 / 127.5, offset: -1, inputShape: [6, 5, 3] }));
  m.add(tf.layers.flatten());
  m.add(tf.layers.dense({ units: 7, activation: 'linear' }));
  m.add(tf.layers.leakyReLU({ alpha: 0.2 }));
  m.add(tf.layers.dense({ units: 5, activation: 'tanh' }));
  m.add(tf.layers.dense({ units: 3, activation: 'linear' }));
  return m;
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  dir = mkdtempSync(join(tmpdir(), 'pack-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('perceptrons pack --tfjs', () => {
  it('converts a tfjs Layers export to a brain with the same logits (float32, float16, int8)', async () => {
    const model = buildModel();
    const path = await saveTfjs(model, 'ok');
    const rng = rngFrom('pack-inputs');
    const inputs = Array.from({ length: 8 }, () => Float32Array.from({ length: 90 }, () => Math.floor(rng() * 256)));
    const expected = inputs.map((x) => (model.predict(tf.tensor(x, [1, 6, 5, 3])) as tf.Tensor).dataSync());
    for (const [dtype, tol] of [['float32', 1e-5], ['float16', 2e-2], ['int8', 8e-2]] as const) {
      const out = join(dir, `brain-${dtype}.json`);
      expect(await pack(['--tfjs', path, '--out', out, '--dtype', dtype, '--classes', 'cat,dog,owl'])).toBe(0);
      const brain = decodeDataInscription(readFileSync(out, 'utf8'));
      expect(brain.classes).toEqual(['cat', 'dog', 'owl']);
      expect(brain.layers.map((l) => [l.units, l.activation])).toEqual([[7, 'leaky_relu'], [5, 'tanh'], [3, 'linear']]);
      inputs.forEach((x, i) => {
        const got = forward(brain, x);
        for (let k = 0; k < 3; k++) expect(Math.abs(got[k] - expected[i][k]), `${dtype} input ${i} logit ${k}`).toBeLessThan(tol);
      });
    }
  });

  it('rejects unsupported layers, wrong class counts and missing shards with messages that name them', async () => {
    const conv = tf.sequential();
    conv.add(tf.layers.conv2d({ filters: 2, kernelSize: 3, inputShape: [6, 6, 3] }));
    conv.add(tf.layers.flatten());
    conv.add(tf.layers.dense({ units: 2 }));
    const convPath = await saveTfjs(conv, 'conv');
    expect(() => packTfjs(convPath, 'x')).toThrow(/layers\[0\]\.class_name: layer "Conv2D" is not supported/);
    const okPath = await saveTfjs(buildModel(), 'ok2');
    expect(() => packTfjs(okPath, 'x', ['a', 'b'])).toThrow(/--classes: 2 class names for 3 output units/);
    const leaky = tf.sequential();
    leaky.add(tf.layers.flatten({ inputShape: [2, 2, 3] }));
    leaky.add(tf.layers.dense({ units: 2 }));
    leaky.add(tf.layers.leakyReLU({ alpha: 0.3 }));
    const leakyPath = await saveTfjs(leaky, 'leaky');
    expect(() => packTfjs(leakyPath, 'x')).toThrow(/alpha 0.3 is not supported/);
    rmSync(join(dir, 'ok2', 'group1-shard1of1.bin'));
    expect(() => packTfjs(okPath, 'x')).toThrow(/weight shard group1-shard1of1.bin is missing/);
    expect(await pack(['--tfjs', okPath, '--out', join(dir, 'never.json')])).toBe(1);
  });
});
