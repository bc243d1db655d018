import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { generateGenome, type Genome } from '../../src/art/traits';
import { STAGE_ENDS, birthOffsetBlocks, lifeAt, type Life } from '../../src/art/life';
import { decodeDataInscription, forward } from '../../src/nn/index';
import { tokenSeed } from '../../tools/collection/token-seed';

const BIRTH = 800_000;
const SPANS: Record<string, number> = { '60 Days': 8640, '60 Weeks': 60480, '60 Months': 259200, '60 Years': 3153600 };
const genome = (i: number, over: Partial<Genome> = {}): Genome => {
  const g = generateGenome(tokenSeed('life', i));
  const lifeBlocks = over.lifeCycle ? SPANS[over.lifeCycle] : g.lifeBlocks;
  return { ...g, lifeBlocks, ...over };
};
/** The height at which the genome's clock (blocks since birth + birth-year offset) reads `total`. */
const heightAt = (g: Genome, total: number) => BIRTH + total - birthOffsetBlocks(g.birthYear, g.lifeBlocks);
const count = (a: (Uint8Array | null)[] | undefined) => (a ?? []).reduce((s, m) => s + (m ? m.reduce((x, y) => x + y, 0) : 0), 0);
const ones = (a: Uint8Array) => a.every((v) => v === 1);
const zeros = (a: Uint8Array) => a.every((v) => v === 0);

describe('stages on block height', () => {
  it('boundaries are exact in blocks for every life cycle (life 2, so the birth offset is passed)', () => {
    const names = ['growing', 'stable', 'decaying', 'dead', 'rebirth'];
    for (const cycle of Object.keys(SPANS)) {
      const g = genome(1, { lifeCycle: cycle, birthYear: 2023 }), span = g.lifeBlocks, unit = span / 1440;
      expect(Number.isInteger(unit)).toBe(true);
      STAGE_ENDS.forEach((end, s) => {
        const last = lifeAt(g, heightAt(g, span + end * unit - 1), BIRTH, g.hidden, 10);
        const first = lifeAt(g, heightAt(g, span + end * unit), BIRTH, g.hidden, 10);
        expect(last.stage).toBe(names[s]);
        expect(last.life).toBe(2);
        expect(first.stage).toBe(names[(s + 1) % 5]);
        expect(first.life).toBe(s === 4 ? 3 : 2);
      });
    }
  });
  it('60 Days: growing 0-3600, stable 3600-7200, decaying 7200-8628, dead 8628-8634, rebirth 8634-8640 blocks', () => {
    const g = genome(2, { lifeCycle: '60 Days', birthYear: 2023 }), at = (p: number) => lifeAt(g, heightAt(g, 8640 + p), BIRTH, g.hidden).stage;
    expect([0, 3599, 3600, 7199, 7200, 8627, 8628, 8633, 8634, 8639, 8640].map(at)).toEqual(
      ['growing', 'growing', 'stable', 'stable', 'decaying', 'decaying', 'dead', 'dead', 'rebirth', 'rebirth', 'growing']);
  });
  it('counts lives: each full span adds one, and a life starts empty', () => {
    const g = genome(3, { lifeCycle: '60 Days', birthYear: 2023 });
    for (const n of [1, 2, 5, 40]) {
      const l = lifeAt(g, heightAt(g, n * g.lifeBlocks), BIRTH, g.hidden, 10);
      expect(l.life).toBe(n + 1);
      expect(l.age).toBe(0);
      expect(l.stage).toBe('growing');
      expect(count(l.alive.neurons)).toBe(0);
    }
  });
  it('the birth year sets the starting age: born mid-year, the birth height being the start of 2024', () => {
    const at = (birthYear: number) => lifeAt(genome(4, { lifeCycle: '60 Weeks', birthYear }), BIRTH, BIRTH, [4]);
    expect(at(2023).age).toBeCloseTo(0.5 / 60, 12);
    expect(at(2023).stage).toBe('growing');
    expect(at(1988).age).toBeCloseTo(35.5 / 60, 12);
    expect(at(1988).stage).toBe('stable');
    expect(at(1969).stage).toBe('decaying');
    expect(at(1943)).toMatchObject({ life: 2, stage: 'growing' });
    expect(at(1943).age).toBeCloseTo(20.5 / 60, 12);
    // heights before the birth height read as the birth height
    const g = genome(4, { lifeCycle: '60 Weeks', birthYear: 2002 });
    expect(lifeAt(g, BIRTH - 5000, BIRTH, [4]).age).toBe(lifeAt(g, BIRTH, BIRTH, [4]).age);
  });
  it('is a pure function of (seed, traits, height, widths)', () => {
    const g = genome(5, { lifeCycle: '60 Days' });
    const h = heightAt(g, 8640 + 2000);
    const a = lifeAt(g, h, BIRTH, g.hidden, 10);
    lifeAt(g, h + 777, BIRTH, [3, 9], 4);
    expect(lifeAt({ ...generateGenome(g.seed), lifeCycle: g.lifeCycle, lifeBlocks: g.lifeBlocks }, h, BIRTH, g.hidden, 10)).toEqual(a);
    expect(lifeAt(g, h + 0.7, BIRTH, g.hidden, 10)).toEqual(a); // fractional heights floor
  });
  it('rejects bad input with a message naming it', () => {
    const g = genome(6);
    expect(() => lifeAt(g, NaN, BIRTH, g.hidden)).toThrow(/height NaN/);
    expect(() => lifeAt(g, BIRTH, BIRTH, [3, 0])).toThrow(/hidden widths.*3,0/);
    expect(() => lifeAt(g, BIRTH, BIRTH, [3], 2.5)).toThrow(/outputs.*2.5/);
  });
});

describe('per-neuron and per-connection lives', () => {
  const widthsOf = (g: Genome) => [g.hidden, [15, 12], [16, 14, 10, 8, 10, 14, 16]];
  /** Blocks from..to (stride) of the second life of a genome, for given widths and 10 outputs. */
  const walk = (g: Genome, hidden: number[], each: (l: Life, prev: Life | null) => void, from = 0, to = g.lifeBlocks, stride = 1) => {
    let prev: Life | null = null;
    for (let p = from; p < to; p += stride) {
      const l = lifeAt(g, heightAt(g, g.lifeBlocks + p), BIRTH, hidden, 10);
      each(l, prev);
      prev = l;
    }
  };
  it('masks are shaped like the network: neurons per hidden layer, connections like each kernel, [0] null', () => {
    const g = genome(7);
    const l = lifeAt(g, BIRTH + 123, BIRTH, [15, 12], 4);
    expect(l.alive.neurons.map((n) => n!.length)).toEqual([15, 12]);
    expect(l.alive.connections!.map((c) => c?.length ?? null)).toEqual([null, 15 * 12, 12 * 4]);
    expect(l.connectionLevel.map((c) => c?.length ?? null)).toEqual([null, 180, 48]);
    expect(l.neuronLevel.map((n) => n.length)).toEqual([15, 12]);
    // without the output width the output layer's mask stays null (all alive)
    expect(lifeAt(g, BIRTH + 123, BIRTH, [15, 12]).alive.connections).toEqual([null, l.alive.connections![1], null]);
  });
  it('growing: neurons are only ever born (never lost); decaying: only ever lost; connections too; levels match masks', () => {
    let levelMismatch = 0, orphanLinks = 0, wrongWay = 0, checked = 0;
    for (let i = 0; i < 3; i++) {
      const g = genome(10 + i, { lifeCycle: '60 Days' });
      for (const hidden of widthsOf(g)) {
        walk(g, hidden, (l, prev) => {
          l.alive.neurons.forEach((m, k) => m!.forEach((v, j) => { if (v !== (l.neuronLevel[k][j] > 0 ? 1 : 0)) levelMismatch++; }));
          l.alive.connections!.forEach((m, k) => {
            if (!m) return;
            const a = l.alive.neurons[k - 1]!, b = l.alive.neurons[k], units = m.length / a.length;
            m.forEach((v, c) => {
              if (v !== (l.connectionLevel[k]![c] > 0 ? 1 : 0)) levelMismatch++;
              if (v && !(a[Math.floor(c / units)] && (!b || b[c % units]))) orphanLinks++; // a link lives only between living neurons
            });
          });
          if (!prev || prev.stage !== l.stage) return;
          const grow = l.stage === 'growing' ? 1 : l.stage === 'decaying' ? -1 : 0;
          if (!grow) return;
          const pairs = [...l.alive.neurons.map((m, k) => [m!, prev.alive.neurons[k]!]), ...l.alive.connections!.slice(1).map((m, k) => [m!, prev.alive.connections![k + 1]!])];
          for (const [now, before] of pairs) now.forEach((v, j) => { checked++; if (grow > 0 ? v < before[j] : v > before[j]) wrongWay++; });
        }, 0, g.lifeBlocks, 3);
      }
    }
    expect(checked).toBeGreaterThan(100_000);
    expect({ levelMismatch, orphanLinks, wrongWay }).toEqual({ levelMismatch: 0, orphanLinks: 0, wrongWay: 0 });
  });
  it('stable: everything lives at full presence; dead and rebirth: nothing lives, nothing connects', () => {
    const g = genome(20, { lifeCycle: '60 Days' });
    let seen = 0;
    walk(g, [15, 12], (l) => {
      if (l.stage === 'stable') {
        expect(l.alive.neurons.every((m) => ones(m!))).toBe(true);
        expect(l.alive.connections!.slice(1).every((m) => ones(m!))).toBe(true);
        expect(l.neuronLevel.every((m) => m.every((v) => v === 1))).toBe(true);
      }
      if (l.stage === 'dead' || l.stage === 'rebirth') {
        seen++;
        expect(l.alive.neurons.every((m) => zeros(m!))).toBe(true);
        expect(l.alive.connections!.slice(1).every((m) => zeros(m!))).toBe(true);
        expect(l.connectionLevel.slice(1).every((m) => m!.every((v) => v === 0))).toBe(true);
      }
    });
    expect(seen).toBe(12);
  });
  it('decay removes connections one by one before their neurons die, and ends with nothing alive', () => {
    const g = genome(21, { lifeCycle: '60 Days' });
    const hidden = [16, 14, 10, 8, 10, 14, 16];
    const total = hidden.slice(1).reduce((s, w, k) => s + w * hidden[k], 0) + 16 * 10;
    let prevCount = total, biggestDrop = 0, distinct = new Set<number>(), lastDecay: Life | null = null;
    walk(g, hidden, (l) => {
      if (l.stage !== 'decaying') return;
      const c = count(l.alive.connections);
      biggestDrop = Math.max(biggestDrop, prevCount - c);
      distinct.add(c);
      prevCount = c;
      lastDecay = l;
    }, 7200, 8628);
    expect(biggestDrop).toBeLessThanOrEqual(Math.ceil(total * 0.03));
    expect(distinct.size).toBeGreaterThan(total * 0.5);
    expect(count(lastDecay!.alive.connections)).toBeLessThanOrEqual(1);
    // the neurons' own decay is linear: half of them are alive half way through the decay
    const mid = lifeAt(g, heightAt(g, g.lifeBlocks + 7200 + 714), BIRTH, hidden, 10);
    const n = hidden.reduce((a, b) => a + b, 0);
    expect(count(mid.alive.neurons) / n).toBeGreaterThan(0.35);
    expect(count(mid.alive.neurons) / n).toBeLessThan(0.65);
  });
  it('growth is eased (about 80% at 40% of growing) and starts at the input side', () => {
    let alive = 0, all = 0, first = 0, last = 0;
    for (let i = 0; i < 300; i++) {
      const g = genome(100 + i, { lifeCycle: '60 Weeks' });
      const unit = g.lifeBlocks / 1440;
      const l40 = lifeAt(g, heightAt(g, g.lifeBlocks + 240 * unit), BIRTH, g.hidden, 10);
      alive += count(l40.alive.neurons);
      all += g.hidden.reduce((a, b) => a + b, 0);
      if (g.hidden.length < 3) continue;
      const l10 = lifeAt(g, heightAt(g, g.lifeBlocks + 60 * unit), BIRTH, g.hidden, 10);
      const frac = (k: number) => l10.alive.neurons[k]!.reduce((a, b) => a + b, 0) / g.hidden[k];
      first += frac(0);
      last += frac(g.hidden.length - 1);
    }
    expect(alive / all).toBeGreaterThan(0.75);
    expect(alive / all).toBeLessThan(0.92);
    expect(first).toBeGreaterThan(last * 3);
  });
  it('each life grows in its own order (re-seeded per life)', () => {
    const g = genome(30, { lifeCycle: '60 Days', birthYear: 2023 });
    const at = (life: number) => lifeAt(g, heightAt(g, (life - 1) * g.lifeBlocks + 1200), BIRTH, [20, 20], 10).alive.neurons;
    expect(at(2)).not.toEqual(at(3));
    expect(at(2)).toEqual(at(2));
  });
});

describe("a brain's neuron_order", () => {
  /** A seeded permutation of 0..w-1 (Fisher-Yates on a small LCG), independent of the genome's own streams. */
  const shuffled = (w: number, seed: number) => {
    const a = Array.from({ length: w }, (_, j) => j);
    for (let j = w - 1; j > 0; j--) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      const k = seed % (j + 1);
      [a[j], a[k]] = [a[k], a[j]];
    }
    return a;
  };
  const aliveOf = (m: Uint8Array) => [...m.keys()].filter((j) => m[j]);
  it('at every height of growing and decay, the alive neurons of each layer are exactly a prefix of its order', () => {
    let partial = 0, checked = 0;
    for (let i = 0; i < 4; i++) {
      const g = genome(50 + i, { lifeCycle: '60 Days' });
      for (const hidden of [g.hidden, [10, 8, 10], [16, 14, 10, 8, 10, 14, 16]]) {
        const order = hidden.map((w, k) => shuffled(w, 7 * i + k));
        for (let p = 0; p < 8628; p += 7) {
          const h = heightAt(g, g.lifeBlocks + p);
          const l = lifeAt(g, h, BIRTH, hidden, 10, order), plain = lifeAt(g, h, BIRTH, hidden, 10);
          l.alive.neurons.forEach((m, k) => {
            const n = m!.reduce((a, b) => a + b, 0);
            checked++;
            if (n > 0 && n < hidden[k]) partial++;
            // a prefix of the order, exactly as many as without an order (only which neuron takes which slot changes)
            expect(aliveOf(m!)).toEqual(order[k].slice(0, n).sort((a, b) => a - b));
            expect(n).toBe(plain.alive.neurons[k]!.reduce((a, b) => a + b, 0));
          });
          expect(l.stage).toBe(plain.stage);
        }
      }
    }
    expect(checked).toBeGreaterThan(20_000);
    expect(partial).toBeGreaterThan(2_000);
  });
  it('the first in the order is born first and dies last; levels are the unordered ones re-assigned', () => {
    const g = genome(60, { lifeCycle: '60 Days' }), order = [[3, 0, 4, 1, 2]];
    const at = (p: number, o?: number[][]) => lifeAt(g, heightAt(g, g.lifeBlocks + p), BIRTH, [5], 10, o);
    let firstBorn = -1, lastDead = -1;
    for (let p = 0; p < 8628 && (firstBorn < 0 || lastDead < 0 || p < 7200); p++) {
      const alive = aliveOf(at(p, order).alive.neurons[0]!);
      if (firstBorn < 0 && alive.length === 1) firstBorn = alive[0];
      if (p >= 7200 && alive.length === 1) lastDead = alive[0];
    }
    expect([firstBorn, lastDead]).toEqual([3, 3]);
    const sorted = (a: Float32Array) => Array.from(a).sort((x, y) => x - y);
    for (const p of [900, 2000, 7600, 8200]) expect(sorted(at(p, order).neuronLevel[0])).toEqual(sorted(at(p).neuronLevel[0]));
  });
  it('an order that is not a permutation of the right length is ignored for its layer only', () => {
    const g = genome(61, { lifeCycle: '60 Days' }), h = heightAt(g, g.lifeBlocks + 7900), hidden = [6, 6];
    const plain = lifeAt(g, h, BIRTH, hidden, 4);
    for (const bad of [[0, 1, 2, 3, 4], [0, 1, 2, 3, 4, 4], [0, 1, 2, 3, 4, 6], [0, 1, 2, 3, 4, 5.5], [0, 1, 2, 3, 4, -1], [0, 1, 2, 3, 4, NaN]])
      expect(lifeAt(g, h, BIRTH, hidden, 4, [bad, null])).toEqual(plain);
    expect(lifeAt(g, h, BIRTH, hidden, 4, [])).toEqual(plain);
    const good = [5, 4, 3, 2, 1, 0], mixed = lifeAt(g, h, BIRTH, hidden, 4, [[1, 1, 1, 1, 1, 1], good]);
    expect(mixed.neuronLevel[0]).toEqual(plain.neuronLevel[0]);
    expect(mixed.neuronLevel[1]).toEqual(lifeAt(g, h, BIRTH, hidden, 4, [null, Int32Array.from(good)]).neuronLevel[1]);
    expect(mixed.neuronLevel[1]).not.toEqual(plain.neuronLevel[1]);
  });
});

describe('the mask drives src/nn', () => {
  it('a stable network answers as the unmasked one; a dead one answers only its output bias; growing sits between', () => {
    const model = decodeDataInscription(readFileSync('fixtures/brains/pfp_classifier_0000.json', 'utf8'));
    const [h, w] = model.inputShape, pixels = new Uint8ClampedArray(h * w * 3).map((_, i) => (i * 37) % 256);
    const hidden = model.layers.slice(0, -1).map((l) => l.units), out = model.layers[model.layers.length - 1];
    const g = genome(40, { lifeCycle: '60 Days', birthYear: 2023 });
    const at = (p: number) => lifeAt(g, heightAt(g, g.lifeBlocks + p), BIRTH, hidden, out.units);
    const full = Array.from(forward(model, pixels));
    // (the engine's masked path may sum in another order: equal up to float rounding)
    Array.from(forward(model, pixels, { alive: at(5000).alive })).forEach((v, i) => expect(v).toBeCloseTo(full[i], 5));
    const dead = Array.from(forward(model, pixels, { alive: at(8630).alive }));
    expect(dead).toEqual(Array.from(out.bias ?? new Float32Array(out.units)));
    const growing = Array.from(forward(model, pixels, { alive: at(1500).alive }));
    expect(growing).not.toEqual(full);
    expect(growing).not.toEqual(dead);
  });
});
