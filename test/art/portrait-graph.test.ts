// The renderer's pure parts: the drawn graph built from a brain's real weights and life, pulse routing, fee tempo.
import { describe, expect, it } from 'vitest';
import type { Model } from '../../src/nn/model';
import { probabilities } from '../../src/nn/engine';
import { buildGraph, receptiveField } from '../../src/art/wiring';
import { actLevels, canPulse, tempo, walk, wave } from '../../src/art/motion';
import { generateGenome } from '../../src/art/traits';
import { lifeAt } from '../../src/art/life';
import { captionOf } from '../../src/art/portrait';
import { HISTORY } from '../../src/art/history';

const SEED = '5a'.repeat(32);

/** A model whose weights are known: kernel[x * units + y] = f(k, x, y). */
function model(hidden: number[], classes: number, f: (k: number, x: number, y: number) => number, side = 4): Model {
  const sizes = [side * side * 3, ...hidden, classes];
  return {
    name: 'm',
    inputShape: [side, side, 3],
    scale: 1,
    offset: 0,
    layers: sizes.slice(1).map((units, k) => ({
      inputs: sizes[k],
      units,
      activation: k === hidden.length ? 'linear' : 'relu',
      kernel: Float32Array.from({ length: sizes[k] * units }, (_, i) => f(k, Math.floor(i / units), i % units)),
      bias: new Float32Array(units),
    })),
    classes: Array.from({ length: classes }, (_, i) => `c${i}`),
    trainingTraits: {},
  };
}

const full = (hidden: number[]) => ({ neuronLevel: hidden.map((n) => new Float32Array(n).fill(1)), connectionLevel: hidden.map(() => null) });

describe('buildGraph', () => {
  it('colours each link by its real weight: sign kept, scaled to the strongest of its layer', () => {
    const m = model([3, 2], 2, (k, x, y) => (k === 1 ? (x - 1) * (y + 1) : k === 2 ? (y ? -4 : 2) : 1));
    const G = buildGraph([3, 2], m, full([3, 2]), SEED);
    expect(G.counts).toEqual([3, 2, 2]);
    // layer 1: w[x][y] = (x - 1)(y + 1), strongest |w| = 2
    expect(Array.from(G.weights[1])).toEqual([-0.5, -1, 0, 0, 0.5, 1]);
    expect(Array.from(G.weights[2])).toEqual([0.5, -1, 0.5, -1]);
    expect(G.labels).toEqual(['c0', 'c1']);
    expect(G.sizes).toEqual([1, 1, 1]);
  });

  it('folds the input into row bands and wide layers into groups, averaging their weights', () => {
    // input 4x4x3 -> 4 bands of 12 values; a weight of +1 for the top half of the image, -1 below
    const m = model([60], 3, (k, x) => (k === 0 ? (x < 24 ? 1 : -1) : 1), 4);
    const G = buildGraph([60], m, full([60]), SEED);
    expect(G.bands).toBe(4);
    expect(G.counts).toEqual([20, 3]);
    expect(G.sizes).toEqual([3, 1]);
    expect(Array.from(G.weights[0].subarray(0, 20)).every((v) => v === 1)).toBe(true); // band 0, every group
    expect(Array.from(G.weights[0].subarray(60, 80)).every((v) => v === -1)).toBe(true); // band 3
  });

  it('follows the life: dead neurons take their links with them, living ones keep them', () => {
    const m = model([4], 2, () => 1);
    const life = { neuronLevel: [Float32Array.from([1, 0, 0.5, 1])], connectionLevel: [null, Float32Array.from([1, 1, 1, 1, 1, 1, 0, 0])] };
    const G = buildGraph([4], m, life, SEED);
    expect(Array.from(G.level[0])).toEqual([1, 0, 0.5, 1]);
    expect(Array.from(G.level[1])).toEqual([1, 1]); // the output layer is never masked
    expect(Array.from(G.live[0].subarray(0, 4))).toEqual([1, 0, 0.5, 1]); // input links live with their neuron
    expect(Array.from(G.live[1])).toEqual([1, 1, 0, 0, 0.5, 0.5, 0, 0]); // neuron 1 dead; links of neuron 3 broken
  });

  it('a dead Perceptron has no living link; without a brain it still draws the genome, with one output', () => {
    const g = generateGenome(SEED);
    const dead = lifeAt(g, 0, 0, g.hidden);
    const G = buildGraph(g.hidden, null, { ...dead, neuronLevel: g.hidden.map((n) => new Float32Array(n)) }, SEED);
    expect(G.counts).toEqual([...g.hidden, 1]);
    expect(G.labels).toEqual(['no brain']);
    expect(G.field).toBeNull();
    for (const l of G.live) expect(Math.max(...l)).toBe(0);
    // stand-in weights are a pure function of the seed, and vary
    const again = buildGraph(g.hidden, null, dead, SEED);
    expect(again.weights).toEqual(buildGraph(g.hidden, null, dead, SEED).weights);
    expect(new Set(again.weights[1]).size).toBeGreaterThan(1);
  });

  it('ignores life arrays of the wrong shape rather than misdrawing (treated as fully alive)', () => {
    const m = model([3], 2, () => 1);
    const G = buildGraph([3], m, { neuronLevel: [new Float32Array(5)], connectionLevel: [null, new Float32Array(2)] }, SEED);
    expect(Array.from(G.level[0])).toEqual([1, 1, 1]);
    expect(Math.min(...G.live[1])).toBe(1);
  });
});

describe('receptiveField', () => {
  it('shows where living first-layer neurons listen, fading as they die', () => {
    // pixel 0 is heard by neuron 0 only, pixel 1 by neuron 1 only (twice as strongly)
    const m = model([2], 2, (k, x, y) => (k ? 1 : x < 3 ? (y === 0 ? 1 : 0) : x < 6 ? (y === 1 ? 2 : 0) : 0), 2);
    expect(Array.from(receptiveField(m, Float32Array.from([1, 1])))).toEqual([0.5, 1, 0, 0]);
    expect(Array.from(receptiveField(m, Float32Array.from([1, 0])))).toEqual([0.5, 0, 0, 0]);
  });
});

describe('motion', () => {
  it('maps the fee rate to a calm-to-busy intensity; no fee is calm', () => {
    const v = generateGenome(SEED).visual;
    const feeIntensity = (fee: number | null) => tempo(v, fee).power;
    expect(feeIntensity(null)).toBe(0.3);
    expect(feeIntensity(Number.NaN)).toBe(0.3);
    expect(feeIntensity(1)).toBe(0.2);
    let last = 0;
    for (const f of [1, 2, 5, 10, 30, 100, 1000]) {
      const x = feeIntensity(f);
      expect(x).toBeGreaterThanOrEqual(last);
      expect(x).toBeLessThanOrEqual(0.8);
      last = x;
    }
    expect(tempo(v, 200).every).toBeLessThan(tempo(v, 2).every);
    expect(tempo({ ...v, layerFrames: 2 }, 5).hop).toBeLessThan(tempo({ ...v, layerFrames: 30 }, 5).hop);
  });

  it('sends pulses only along living links, deterministically', () => {
    const m = model([3, 3], 2, () => 1);
    const life = { neuronLevel: [Float32Array.from([1, 1, 1]), Float32Array.from([0, 1, 0])], connectionLevel: [null, null, null] };
    const G = buildGraph([3, 3], m, life, SEED);
    for (let n = 0; n < 200; n++) {
      const p = walk(G, 7, n);
      expect(p).toEqual(walk(G, 7, n));
      expect(p.length).toBe(4); // input band, hidden 1, hidden 2, output
      expect(p[2]).toBe(1); // the only living neuron of hidden layer 2
    }
    // cut every link into hidden 2: pulses stop at hidden 1
    const cut = buildGraph([3, 3], m, { ...life, neuronLevel: [life.neuronLevel[0], new Float32Array(3)] }, SEED);
    expect(walk(cut, 7, 0).length).toBe(2);
    expect(canPulse(cut), 'pulses still set out').toBe(true);
    // nothing alive in hidden 1: no pulse can leave the input, and the portrait's loop may sleep
    const none = buildGraph([3, 3], m, { ...life, neuronLevel: [new Float32Array(3), life.neuronLevel[1]] }, SEED);
    expect(canPulse(none)).toBe(false);
    for (let n = 0; n < 50; n++) expect(walk(none, 7, n).length).toBe(1);
  });

  it('has waveforms in 0..1', () => {
    for (const k of ['sine', 'heartbeat', 'square', 'sawtooth'] as const)
      for (let x = 0; x < 3; x += 0.01) {
        const y = wave(k, x);
        expect(y).toBeGreaterThanOrEqual(0);
        expect(y).toBeLessThanOrEqual(1);
      }
  });

  it('replays activations as per-node levels scaled within each hidden layer, the output as probabilities', () => {
    const m = model([4], 2, () => 1);
    const G = buildGraph([4], m, full([4]), SEED);
    const acts = [Float32Array.from([0, 2, -4, 1]), Float32Array.from([3, 6])];
    const lv = actLevels(G, acts, probabilities(m, acts[1]));
    expect(Array.from(lv[0])).toEqual([0, 0.5, 1, 0.25]);
    // the output layer shows probabilities: softmax([3, 6])
    const e = Math.exp(-3);
    expect(lv[1][0]).toBeCloseTo(e / (1 + e), 6);
    expect(lv[1][1]).toBeCloseTo(1 / (1 + e), 6);
  });
});

describe('captionOf', () => {
  it('states stage, age, life, block and the birth year line', () => {
    const genome = generateGenome(SEED);
    const life = lifeAt(genome, 900_000, 840_000, genome.hidden);
    const [status, history] = captionOf({ genome, model: null, life, height: 900_000, feeRate: null, input: null });
    const [n, unit] = genome.lifeCycle.split(' ');
    expect(status).toBe(
      `${life.stage.toUpperCase()} · age ${(life.age * 60).toFixed(1)}/${n} ${unit.toLowerCase()} · life ${life.life} · block 900,000`,
    );
    expect(history).toBe(`${genome.birthYear} · ${HISTORY[genome.birthYear]}`);
  });
});
