// int4 brains from the tools: both fine-tunings through the rounding (tools/quant/tune.ts) keep every kernel on its grid;
// distillation brings the rounded brain's outputs closer to the float brain's than plain rounding does, cross-entropy
// its accuracy on the labels; `perceptrons pack --dtype int4|int3` writes
// documents the decoder accepts (fine-tuned and measured with --data), and refuses what makes no sense.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { decodeDataInscription, encodeDataInscription, forward, type Model } from '../../src/nn/index';
import { generateSplit } from '../../tools/dataset/generate';
import { maxGrid, mseGrid, rounded } from '../../tools/quant/grid';
import { copyModel, fineTuneOnGrid } from '../../tools/quant/tune';
import { accuracy } from '../../tools/train/evaluate';
import { run as pack } from '../../tools/commands/pack';
import { capture } from '../build/helpers';

const BRAIN = 'fixtures/brains/pfp_classifier_0000.json';
const brain = decodeDataInscription(readFileSync(BRAIN, 'utf8'));
const dir = mkdtempSync(join(tmpdir(), 'quant-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Mean squared distance between two brains' outputs over images. */
function distance(a: Model, b: Model, images: Uint8Array, count: number): number {
  const n = images.length / count;
  let sum = 0;
  for (let i = 0; i < count; i++) {
    const pixels = images.subarray(i * n, (i + 1) * n), x = Array.from(forward(a, pixels)), y = forward(b, pixels);
    x.forEach((v, c) => (sum += (v - y[c]) ** 2));
  }
  return sum / count;
}

describe('fine-tuning through the rounding', async () => {
  const train = await generateSplit('qat-test', 'train', 100); // 400 images
  const check = await generateSplit('qat-test-check', 'test', 50); // 200 others

  it.each([[4, maxGrid, 'distillation'], [3, mseGrid, 'distillation'], [3, mseGrid, 'cross-entropy']] as const)('%i bits, %s: kernels stay on the grid and the brain moves towards its goal', (bits, gridOf, method) => {
    const grid = gridOf(brain, bits), plain = rounded(brain, grid), tuned = copyModel(brain);
    fineTuneOnGrid(tuned, train, { method, grid, seed: 't', epochs: 2, learningRate: method === 'distillation' ? 3e-4 : 1e-3 });
    let off = 0, moved = 0; // the largest distance of a weight from its level, and how many levels changed
    tuned.layers.forEach((l, li) => l.kernel.forEach((w, i) => {
      const q = w / grid.scales[li][i % l.units];
      off = Math.max(off, Math.abs(q - Math.round(q)), Math.round(q) < grid.lo || Math.round(q) > grid.hi ? 1 : 0);
      if (w !== plain.layers[li].kernel[i]) moved++;
    }));
    expect(off).toBeLessThan(1e-5);
    expect(moved).toBeGreaterThan(100);
    // the teacher is untouched
    expect(distance(brain, decodeDataInscription(readFileSync(BRAIN, 'utf8')), check.images, check.count)).toBe(0);
    if (method === 'distillation') {
      expect(distance(brain, tuned, train.images, train.count)).toBeLessThan(distance(brain, plain, train.images, train.count) * 0.8);
      expect(distance(brain, tuned, check.images, check.count)).toBeLessThan(distance(brain, plain, check.images, check.count));
    } else expect(accuracy(tuned, train)).toBeGreaterThan(accuracy(plain, train));
    // and the grid's document stores exactly these weights
    const back = decodeDataInscription(JSON.stringify(encodeDataInscription(tuned, { dtype: 'int4', grid })));
    back.layers.forEach((l, li) => expect(Array.from(l.kernel)).toEqual(Array.from(tuned.layers[li].kernel)));
  });
});

describe('perceptrons pack --dtype int4|int3', () => {
  const run = async (args: string[]) => {
    const io = capture();
    try {
      return { code: await pack(args), out: [...io.out, ...io.err].join('\n') };
    } finally {
      vi.restoreAllMocks();
    }
  };

  it('rounds a brain to int4 and to 3 bits in the int4 format, recording how in training_traits.quantization', async () => {
    for (const dtype of ['int4', 'int3']) {
      const file = join(dir, `${dtype}.json`), r = await run(['--brain', BRAIN, '--dtype', dtype, '--out', file]);
      expect(r.code, r.out).toBe(0);
      expect(r.out).toMatch(/plain rounding/);
      const doc = JSON.parse(readFileSync(file, 'utf8')), m = decodeDataInscription(doc);
      expect(doc.weight_dtype).toBe('int4');
      expect(m.trainingTraits.quantization).toEqual({ weight_dtype: 'int4', bits: dtype === 'int4' ? 4 : 3, fine_tuned: false });
      const levels = [...Buffer.from(doc.weight_b64, 'base64')].flatMap((b) => [b & 15, b >> 4]).map((n) => (n < 8 ? n : n - 16));
      expect(Math.max(...levels.map(Math.abs))).toBe(dtype === 'int4' ? 7 : 4);
      expect(m.trainingTraits.neuron_order).toEqual(brain.trainingTraits.neuron_order);
    }
  });

  it('refuses --data without int4/int3, an unknown data set and an unknown dtype (exit 2)', async () => {
    for (const args of [['--dtype', 'int8', '--data', 'pfp'], ['--dtype', 'int4', '--data', 'cifar'], ['--dtype', 'int2']]) {
      const r = await run(['--brain', BRAIN, '--out', join(dir, 'x.json'), ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.out).toMatch(args[1] === 'int2' ? /--dtype must be .*int4 or int3, got "int2"/ : /--data/);
    }
  });
});
