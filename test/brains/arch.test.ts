// Architectures for `perceptrons train`: ARCH.json, a genome JSON from `perceptrons generate`, or a seed.
import { describe, expect, it } from 'vitest';
import { archFromJson, archFromSeed } from '../../tools/train/arch';
import { ACTIVATIONS as ACTIVATION_TRAIT, generateGenome } from '../../src/art/traits';
import { trainingTraits } from '../../tools/train/brain';
import { decodeDataInscription } from '../../src/nn/index';
import { paperDocument } from '../nn/docs';
import { createHash } from 'node:crypto';

describe('one name for an activation', () => {
  it("a brain's activation_func is its genome's Activation trait, for every activation of the trait table", () => {
    const seen = new Set<string>();
    for (let i = 0; seen.size < ACTIVATION_TRAIT.length; i++) {
      const seed = createHash('sha256').update(`activation:${i}`).digest('hex'), genome = generateGenome(seed);
      const arch = archFromSeed(seed), m = { dataset: 'd', epochs: 1, seed, dropout: 'none', heldoutAccuracy: 0, trainAccuracy: 0, trainSamples: 0, testSamples: 0, aliveCurve: {}, neuronOrder: [], trainingSeconds: 0 };
      expect(arch.activation).toBe(genome.activation);
      expect(trainingTraits(arch, m).activation_func).toBe(genome.features.Activation);
      seen.add(genome.activation);
    }
    expect([...seen].sort()).toEqual(['leaky_relu', 'relu', 'sigmoid', 'tanh']);
  });
  it('old brains that spell it "Tanh" (in a layer and in activation_func) still decode, as inscribed', () => {
    const doc = paperDocument();
    doc.layers_config.config.layers[3].config.activation = 'Tanh';
    doc.training_traits.activation_func = 'Tanh';
    const m = decodeDataInscription(JSON.stringify(doc));
    expect(m.layers[0].activation).toBe('tanh');
    expect(m.trainingTraits.activation_func).toBe('Tanh');
  });
});

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
