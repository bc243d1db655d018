// `perceptrons train` end to end on the MNIST digits (small and quick): the brain it writes decodes, is the network
// asked for, stored as asked, and its training_traits say how it was made (class weight, favoured class, int4
// fine-tuning, held-out accuracy as inscribed).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { decodeDataInscription } from '../../src/nn/index';
import { run as train } from '../../tools/commands/train';
import { capture } from '../build/helpers';

const dir = mkdtempSync(join(tmpdir(), 'train-command-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function quiet(args: string[]): Promise<{ code: number; out: string }> {
  const io = capture();
  try {
    return { code: await train(args), out: [...io.out, ...io.err].join('\n') };
  } finally {
    vi.restoreAllMocks();
  }
}

describe('perceptrons train', () => {
  it('writes an int4 brain with its class weight, favoured class and fine-tuning recorded', async () => {
    const file = join(dir, 'digits.json');
    const r = await quiet(['--hidden', '6', '--data', 'mnist', '--epochs', '1', '--dtype', 'int4', '--int4-tuning', 'cross-entropy',
      '--class-weight', '3=2', '--favour', '7=0.9', '--out', file]);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/fine-tuned through the rounding \(cross-entropy\)/);
    const doc = JSON.parse(readFileSync(file, 'utf8')), brain = decodeDataInscription(doc), t = brain.trainingTraits;
    expect(doc.weight_dtype).toBe('int4');
    expect(brain.layers.map((l) => l.units)).toEqual([6, 10]);
    expect(t.class_weights).toMatchObject({ 3: 2, 7: 1 });
    expect(t.favoured).toMatchObject({ class: '7', validation_recall: 0.9 });
    expect(t.quantization).toMatchObject({ weight_dtype: 'int4', bits: 4, fine_tuned: { loss: 'cross-entropy', data: 'mnist' } });
    expect(t.heldout_accuracy).toBeGreaterThan(0.5);
    expect((t.quantization as { heldout_accuracy: number }).heldout_accuracy).toBe(t.heldout_accuracy);
  });

  it('refuses a class it does not know (exit 2)', async () => {
    const r = await quiet(['--hidden', '4', '--data', 'mnist', '--epochs', '1', '--favour', 'Nouns=0.9', '--out', join(dir, 'x.json')]);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/--favour must be CLASS=NUMBER with CLASS one of 0, 1/);
  });
});
