// Architectures for `perceptrons train`: ARCH.json, a genome JSON from `perceptrons generate`, or a seed.
import { describe, expect, it } from 'vitest';
import { archFromJson, archFromSeed } from '../../tools/train/arch';
import { generateGenome } from '../../src/art/traits';

describe('train architectures', () => {
  it('reads ARCH.json and genome JSON (features.Activation in the paper spelling)', () => {
    expect(archFromJson({ hidden: [10, 8, 10], activation: 'leaky_relu' }, 'a')).toMatchObject({ hidden: [10, 8, 10], activation: 'leaky_relu', structure: 'Symmetric', maxNodes: 10 });
    expect(archFromJson({ seed: 'x', hidden: [6, 4], features: { Activation: 'LeakyReLU', Architecture: 'Triangle', 'Max Neurons': 7, Epochs: 9 } }, 'g'))
      .toMatchObject({ hidden: [6, 4], activation: 'leaky_relu', structure: 'Triangle', maxNodes: 7, epochs: 9 });
  });
  it('names what is wrong', () => {
    expect(() => archFromJson({ hidden: [3, 0], activation: 'relu' }, 'f.json')).toThrow('f.json: hidden[1] must be an integer from 1 to 4096, got 0');
    expect(() => archFromJson({ hidden: [3], activation: 'swish' }, 'f.json')).toThrow(/f.json: activation "swish" is not one of/);
    expect(() => archFromJson([1, 2], 'f.json')).toThrow(/expected a JSON object/);
  });
  it('follows the genome of a seed', async () => {
    const seed = 'ab'.repeat(32), genome = generateGenome(seed);
    const arch = await archFromSeed(seed);
    expect(arch.hidden).toEqual(genome.hidden);
    expect(arch.activation).toBe(genome.activation);
  });
});
