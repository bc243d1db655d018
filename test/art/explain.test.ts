import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeDataInscription, activations, type Model } from '../../src/nn/index';
import { generateGenome, type Genome } from '../../src/art/traits';
import { lifeAt, birthOffsetBlocks } from '../../src/art/life';
import { contributionsOf, explainNeuron, fieldOf, fieldPixels, lifespan, rankOf } from '../../src/art/explain';
import { tokenSeed } from '../../tools/collection/token-seed';

const model: Model = decodeDataInscription(readFileSync('fixtures/brains/pfp_classifier_0000.json', 'utf8'));
const hidden = model.layers.slice(0, -1).map((l) => l.units);
const order = model.trainingTraits.neuron_order as number[][];
const BIRTH = 800_000;

describe('receptive field', () => {
  it('of a first-layer neuron is exactly its column of the first kernel, in HxWx3 order', () => {
    const { kernel, units, inputs } = model.layers[0];
    expect(inputs).toBe(32 * 32 * 3);
    for (const j of [0, 3, units - 1]) {
      const f = fieldOf(model, 0, j);
      expect(f.length).toBe(inputs);
      for (let x = 0; x < inputs; x++) expect(f[x]).toBe(kernel[x * units + j]);
    }
  });
  it('of a deeper neuron is the weighted sum of the fields of the layer before', () => {
    const l1 = model.layers[1];
    const f = fieldOf(model, 1, 2);
    const want = new Float64Array(model.layers[0].inputs);
    for (let i = 0; i < l1.inputs; i++) fieldOf(model, 0, i).forEach((v, x) => (want[x] += l1.kernel[i * l1.units + 2] * v));
    f.forEach((v, x) => expect(v).toBeCloseTo(want[x], 4));
    expect(f.some((v) => v !== 0)).toBe(true);
  });
  it('names a missing neuron', () => {
    expect(() => fieldOf(model, 3, 0)).toThrow(/no hidden neuron \(3, 0\)/);
    expect(() => fieldOf(model, 0, 10)).toThrow(/units 10,8,10/);
  });
});

describe('contributions', () => {
  it('of a last hidden layer neuron are its row of the output kernel, one per class', () => {
    const out = model.layers[3];
    const c = contributionsOf(model, 2, 4);
    expect(c.map((x) => x.name)).toEqual(model.classes);
    c.forEach(({ value }, k) => expect(value).toBe(out.kernel[4 * out.units + k]));
  });
  it('of a deeper neuron sum the products along every path', () => {
    const [, , l2, out] = model.layers;
    const c = contributionsOf(model, 1, 6); // neuron 6 of layer 1 -> every neuron b of layer 2 -> class k
    c.forEach(({ value }, k) => {
      let s = 0;
      for (let b = 0; b < l2.units; b++) s += l2.kernel[6 * l2.units + b] * out.kernel[b * out.units + k];
      expect(value).toBeCloseTo(s, 5);
    });
  });
});

describe('rank', () => {
  it('counts the larger activations, ties to the lower index', () => {
    expect(rankOf([0.1, 0.9, 0.5], 1)).toBe(1);
    expect(rankOf([0.1, 0.9, 0.5], 0)).toBe(3);
    expect(rankOf([0.5, 0.5, 0.5], 2)).toBe(3);
  });
});

describe('life of a neuron', () => {
  const genome = (i: number): Genome => ({ ...generateGenome(tokenSeed('explain', i)), lifeCycle: '60 Days', lifeBlocks: 8640, birthYear: 2023 });
  /** Height at which the genome's clock reads total blocks. */
  const heightAt = (g: Genome, total: number) => BIRTH + total - birthOffsetBlocks(g.birthYear, g.lifeBlocks);
  const alive = (g: Genome, h: number, l: number, j: number) => lifeAt(g, h, BIRTH, hidden, 4, order).alive.neurons[l]![j];

  it('is born and dies at exactly the blocks lifeAt says, in the current life, along the trained neuron_order', () => {
    for (const i of [1, 2, 3]) {
      const g = genome(i);
      const h = heightAt(g, 2 * g.lifeBlocks + 4000); // life 3, stable
      const life = lifeAt(g, h, BIRTH, hidden, 4, order);
      expect(life.life).toBe(3);
      for (let l = 0; l < hidden.length; l++)
        for (let j = 0; j < hidden[l]; j++) {
          const { bornAt, diesAt } = lifespan(g, life, h, life.born[l][j]);
          expect(bornAt).toBeGreaterThanOrEqual(heightAt(g, 2 * g.lifeBlocks));
          expect(diesAt).toBeLessThanOrEqual(heightAt(g, 3 * g.lifeBlocks));
          expect([alive(g, bornAt - 1, l, j), alive(g, bornAt, l, j), alive(g, diesAt - 1, l, j), alive(g, diesAt, l, j)]).toEqual([0, 1, 1, 0]);
        }
      // the first of the order is born first and dies last
      const first = order[0][0], last = order[0][hidden[0] - 1];
      const a = lifespan(g, life, h, life.born[0][first]), b = lifespan(g, life, h, life.born[0][last]);
      expect(a.bornAt).toBeLessThan(b.bornAt);
      expect(a.diesAt).toBeGreaterThan(b.diesAt);
    }
  });
  it('explainNeuron puts it together: alive, activation and rank on the last image', () => {
    const g = genome(1);
    const h = heightAt(g, 4000);
    const life = lifeAt(g, h, BIRTH, hidden, 4, order);
    const pixels = Uint8ClampedArray.from({ length: 32 * 32 * 3 }, (_, i) => (i * 37) % 256);
    const acts = activations(model, pixels, { alive: life.alive });
    const e = explainNeuron(model, g, life, h, acts, 1, 5);
    expect(e.alive).toBe(true);
    expect(e.activation).toBe(acts[1][5]);
    expect(e.rank).toBe(rankOf(acts[1], 5));
    expect(e.bornAt).toBeLessThanOrEqual(h);
    expect(e.diesAt).toBeGreaterThan(h);
    expect(e.contributions).toHaveLength(4);
    const none = explainNeuron(model, g, life, h, null, 1, 5);
    expect([none.activation, none.rank]).toEqual([null, null]);
  });
});

describe('field picture', () => {
  it('maps the summed weight of each pixel onto negative - paper - positive', () => {
    const f = new Float32Array([1, 1, 0, 0, 0, 0, -0.5, -0.5, -1]); // sums 2, 0, -2: a 3 x 1 picture
    const px = fieldPixels(f, 3, 1, 0x0000ff, 0xffffff, 0xff0000);
    expect([...px]).toEqual([255, 0, 0, 255, 255, 255, 255, 255, 0, 0, 255, 255]);
  });
});
