import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ACTIVATIONS, ARCHITECTURES, BIRTH_YEARS, DATASETS, EPOCHS, FRAMEWORKS, HARDWARE, LAYERS, LIFE_CYCLES, MAX_NEURONS, MIN_WIDTH, PALETTES, PAPERS, generateGenome,
  shapeWidths, type Genome } from '../../src/art/traits';
import { PALETTE_COLOURS, paletteNamed } from '../../src/art/palettes';
import { HISTORY } from '../../src/art/history';
import { stream, seedState } from '../../src/art/prng';
import { chiSquare, gammaQ } from '../../tools/stats/chi-square';
import { expectedDistribution, tally } from '../../tools/collection/rarity';
import { tokenSeed } from '../../tools/collection/token-seed';

const SEED = '0x' + '3f'.repeat(32);
const collection = (name: string, n: number): Genome[] => Array.from({ length: n }, (_, i) => generateGenome(tokenSeed(name, i)));

describe('prng', () => {
  it('is sfc32 as in PractRand (counter post-incremented), seeded as documented: pinned outputs', () => {
    // raw sfc32 from state (0, 0, 0, 1), outputs 16-17 (the stream discards 15), hand-checked against the C reference
    const raw = (s: number[]) => {
      const out: number[] = [];
      for (let i = 0; i < 17; i++) {
        const t = (s[0] + s[1] + s[3]) >>> 0;
        s[3] = (s[3] + 1) >>> 0; s[0] = (s[1] ^ (s[1] >>> 9)) >>> 0; s[1] = (s[2] + s[2] * 8) >>> 0;
        s[2] = (((s[2] << 21) | (s[2] >>> 11)) + t) >>> 0;
        out.push(t);
      }
      return out.slice(15);
    };
    const r = stream([0, 0, 0, 1]);
    expect([r(), r()].map((x) => x * 2 ** 32)).toEqual(raw([0, 0, 0, 1]));
    // golden values of the documented seeding: changing the derivation changes every token
    const m = stream(seedState(SEED));
    expect([m(), m(), m()].map((x) => x * 2 ** 32)).toEqual([996126263, 586140385, 1927133845]);
  });
  it('does not collapse seeds whose two halves are equal', () => {
    expect(seedState('3f'.repeat(32))).not.toEqual(seedState('0123456789abcdef'.repeat(4)));
    expect(seedState('3f'.repeat(32)).some((w) => w !== 0)).toBe(true);
  });
  it('folds all 256 bits of the seed: changing any word changes the state', () => {
    const base = seedState('00'.repeat(32));
    for (let w = 0; w < 8; w++) {
      const hex = '00'.repeat(32).split('');
      hex[w * 8 + 7] = '1';
      expect(seedState(hex.join(''))).not.toEqual(base);
    }
  });
  it('sub-streams differ from the main stream and from each other', () => {
    const st = seedState(SEED);
    const firsts = [stream(st)(), stream(st, 1)(), stream(st, 2)(), stream(st, 3, 1, 0)(), stream(st, 3, 2, 0)()];
    expect(new Set(firsts).size).toBe(firsts.length);
  });
});

describe('generateGenome', () => {
  it('is a pure function of the seed; 0x prefix and case do not matter', () => {
    const a = generateGenome(SEED);
    expect(generateGenome(SEED)).toEqual(a);
    expect(generateGenome(SEED.slice(2).toUpperCase())).toEqual(a);
    expect(a.seed).toBe('3f'.repeat(32));
    expect(generateGenome('3e' + '3f'.repeat(31))).not.toEqual(a);
  });
  it('rejects a seed that is not 64 hex digits, naming it', () => {
    expect(() => generateGenome('abc')).toThrow(/64 hex digits.*"abc"/);
    expect(() => generateGenome('g'.repeat(64))).toThrow(/64 hex/);
    expect(() => generateGenome('a'.repeat(65))).toThrow(/64 hex/);
  });
  it('keeps features, hidden and the typed fields consistent', () => {
    for (const g of collection('consistency', 2000)) {
      const f = g.features;
      expect(g.hidden.length).toBe(f['Hidden Layers']);
      expect(Math.max(...g.hidden)).toBe(f['Max Neurons']);
      expect(f.Neurons).toBe(g.hidden.reduce((a, b) => a + b, 0));
      expect(g.activation).toBe({ ReLU: 'relu', LeakyReLU: 'leaky_relu', tanh: 'tanh', Sigmoid: 'sigmoid' }[f.Activation as string]);
      expect(g.epochs).toBe(f.Epochs);
      if (f.Activation === 'Sigmoid') {
        expect(g.hidden.length).toBeLessThanOrEqual(4);
        expect(g.epochs).toBeGreaterThanOrEqual(8);
      } else expect(g.epochs).toBeLessThanOrEqual(6);
      expect(f['Birth Year']).toBe(g.birthYear);
      expect(f.Palette).toBe(g.palette);
      expect(g.lifeBlocks).toBe({ '60 Years': 3153600, '60 Months': 259200, '60 Weeks': 60480, '60 Days': 8640 }[g.lifeCycle]);
      expect(g.visual.nodeShape).toBe({ Theano: 'ellipse', Torch: 'square', TensorFlow: 'diamond' }[f.Framework as string]);
      expect(g.visual.nodeFill).toBe({ MNIST: 'solid', CIFAR: 'outline', IMAGENET: 'xray' }[f.Dataset as string]);
      expect(g.visual.layerFrames).toBe({ Basic: 30, Standard: 15, Advanced: 2 }[f['Hardware Acceleration'] as string]);
      expect(g.visual.margin).toBeGreaterThanOrEqual(0.05);
      expect(g.visual.margin).toBeLessThanOrEqual(0.11);
      expect(Number.isInteger(g.visual.noise) && g.visual.noise >= 0 && g.visual.noise < 2 ** 32).toBe(true);
    }
  });
  it('has the feature keys and value spellings other tools read', () => {
    const f = generateGenome(SEED).features;
    for (const k of ['Hidden Layers', 'Max Neurons', 'Architecture', 'Activation', 'Epochs', 'Dataset', 'Framework',
      'Hardware Acceleration', 'Paper Pattern', 'Palette', 'Birth Year', 'Life Cycle']) expect(f).toHaveProperty(k);
    expect(typeof f['Birth Year']).toBe('number');
    const all = tally(collection('spellings', 3000).map((g) => g.features));
    expect(Object.keys(all.Architecture).sort()).toEqual(['Random', 'Random Triangle', 'Rectangle', 'Regular Symmetric', 'Triangle', 'Zig Zag']);
    expect(Object.keys(all.Activation).sort()).toEqual(['LeakyReLU', 'ReLU', 'Sigmoid', 'tanh']);
    expect(Object.keys(all['Life Cycle']).sort()).toEqual(['60 Days', '60 Months', '60 Weeks', '60 Years']);
  });
});

describe('the paper\'s tables', () => {
  it('birth years: the 18 years and rarities of the paper (in %, summing to exactly 100), each with its history', () => {
    expect(BIRTH_YEARS.map((y) => [y.value, y.weight])).toEqual([[1943, 1], [1951, 1.5], [1957, 2], [1969, 2.5], [1970, 3],
      [1980, 3.5], [1982, 4], [1986, 4.5], [1988, 5], [1997, 5.5], [1998, 6], [2002, 6.5], [2009, 7], [2012, 7.5], [2014, 8],
      [2015, 8.5], [2016, 9], [2023, 15]]);
    expect(BIRTH_YEARS.reduce((a, y) => a + y.weight, 0)).toBe(100);
    expect(Object.keys(HISTORY).map(Number), 'a line of history for every birth year, and no other').toEqual(BIRTH_YEARS.map((y) => y.value));
    for (const y of BIRTH_YEARS) expect(HISTORY[y.value].length).toBeGreaterThan(20);
  });
  it('the trait tables are the paper\'s section 11, value for value, weight for weight (in %)', () => {
    const rows = (t: readonly { value: string; weight: number }[]) => t.map((r) => `${r.value} (${r.weight}%)`).join(', ');
    // as the paper prints them
    expect(rows(ARCHITECTURES)).toBe('Random Triangle (50%), Random (20%), Regular Symmetric (10%), Zig Zag (10%), Triangle (5%), Rectangle (5%)');
    expect(rows(ACTIVATIONS)).toBe('ReLU (50%), LeakyReLU (20%), tanh (20%), Sigmoid (10%)');
    expect(rows(DATASETS)).toBe('MNIST (70%), CIFAR (25%), IMAGENET (5%)');
    expect(rows(FRAMEWORKS)).toBe('Theano (60%), Torch (30%), TensorFlow (10%)');
    expect(rows(HARDWARE)).toBe('Basic (30%), Standard (60%), Advanced (10%)');
    expect(rows(PAPERS)).toBe('Plain (20%), Dotted (40%), Squared (40%)');
    expect(rows(LIFE_CYCLES)).toBe('60 Years (3%), 60 Months (40%), 60 Weeks (37%), 60 Days (20%)');
    expect([LAYERS.Sigmoid, LAYERS.other, EPOCHS.Sigmoid, EPOCHS.other, MAX_NEURONS]).toEqual([[1, 4], [1, 10], [8, 12], [4, 6], [5, 20]]);
  });
  it('palettes: at least 10, the paper\'s five among them, rarities summing to 100, valid colours', () => {
    expect(PALETTES.length).toBeGreaterThanOrEqual(10);
    const names = PALETTES.map((row) => row.value);
    for (const n of ['Sky', 'Liminality', 'Liminal Space', 'Lucid Dream', 'Parallel']) expect(names).toContain(n);
    expect(new Set(names).size).toBe(names.length);
    expect(PALETTES.reduce((a, row) => a + row.weight, 0)).toBe(100);
    expect(PALETTE_COLOURS.map((p) => p.name), 'colours for every palette the genome can name, and no other').toEqual(names);
    expect(paletteNamed('Sky')).toBe(PALETTE_COLOURS[0]);
    expect(() => paletteNamed('Mauve')).toThrow('no palette named "Mauve"');
    for (const p of PALETTE_COLOURS) {
      for (const c of [p.background, p.paper, p.ink, p.positive, p.negative, p.accent, ...p.nodes]) expect(c).toMatch(/^#[0-9a-f]{6}$/);
      expect(p.nodes.length).toBeGreaterThanOrEqual(2);
    }
  });
  it('palettes are legible: ink, nodes, links and accent stand out from the paper; + and - links differ', () => {
    const lum = (h: string) => {
      const n = parseInt(h.slice(1), 16);
      const c = [16, 8, 0].map((s) => { const v = ((n >> s) & 255) / 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
      return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    };
    const contrast = (a: string, b: string) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
    const rgb = (h: string) => [16, 8, 0].map((s) => (parseInt(h.slice(1), 16) >> s) & 255);
    const dist = (a: string, b: string) => Math.hypot(...rgb(a).map((v, i) => v - rgb(b)[i]));
    for (const p of PALETTE_COLOURS) {
      expect(contrast(p.ink, p.paper), `${p.name} ink`).toBeGreaterThanOrEqual(7);
      for (const n of p.nodes) expect(contrast(n, p.paper), `${p.name} node ${n}`).toBeGreaterThanOrEqual(1.8);
      for (const c of [p.positive, p.negative, p.accent]) expect(contrast(c, p.paper), `${p.name} ${c}`).toBeGreaterThanOrEqual(2);
      expect(dist(p.positive, p.negative), `${p.name} +/-`).toBeGreaterThan(100);
    }
  });
});

describe('architecture shapes', () => {
  const nonIncreasing = (w: number[]) => w.every((x, i) => i === 0 || x <= w[i - 1]);
  const rules: Record<string, (w: number[], max: number) => boolean> = {
    Rectangle: (w, m) => w.every((x) => x === m),
    Triangle: (w, m) => nonIncreasing(w) && w[0] === m && w.every((x, i) => x === Math.max(MIN_WIDTH, Math.round((m * (w.length - i)) / w.length))),
    'Random Triangle': (w, m) => nonIncreasing(w) && w[0] === m,
    Random: (w, m) => w.includes(m),
    'Regular Symmetric': (w, m) => {
      const L = w.length, half = Math.floor((L - 1) / 2);
      const mirrored = w.every((x, i) => x === w[L - 1 - i]);
      const narrowsToMiddle = w.slice(0, half + 1).every((x, i) => i === 0 || x <= w[i - 1]);
      const steps = w.slice(1, half + 1).map((x, i) => w[i] - x);
      const even = steps.every((s) => Math.abs(s - steps[0]) <= 1); // equal steps up to rounding
      return mirrored && narrowsToMiddle && even && w[0] === m && (L < 3 || w[half] === Math.max(MIN_WIDTH, Math.round(m / 2)));
    },
    'Zig Zag': (w, m) => w.every((x, i) => (i % 2 ? x < m && x === w[1] && x <= Math.ceil(m / 2) : x === m)),
  };
  it('every shape obeys its rule for every (layers, max neurons)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ARCHITECTURES.map((a) => a.value)), fc.integer({ min: 1, max: 10 }), fc.integer({ min: 5, max: 20 }), fc.integer(),
        (arch, L, m, s) => {
          const w = shapeWidths(arch, L, m, stream([s, 1, 2, 3]));
          return w.length === L && w.every((x) => Number.isInteger(x) && x >= MIN_WIDTH && x <= m) && Math.max(...w) === m && rules[arch](w, m);
        }),
      { numRuns: 3000 },
    );
  });
  it('the rules are not vacuous: a wrong width breaks them', () => {
    expect(rules.Triangle([10, 12, 5], 12)).toBe(false);
    expect(rules['Regular Symmetric']([12, 9, 6, 9, 11], 12)).toBe(false);
    expect(rules['Zig Zag']([12, 6, 12, 5], 12)).toBe(false);
    expect(rules['Random Triangle']([12, 8, 9], 12)).toBe(false);
  });
  it('documented examples', () => {
    const r = stream([1, 2, 3, 4]);
    expect(shapeWidths('Triangle', 4, 16, r)).toEqual([16, 12, 8, 4]);
    expect(shapeWidths('Regular Symmetric', 7, 16, r)).toEqual([16, 13, 11, 8, 11, 13, 16]);
    expect(shapeWidths('Rectangle', 3, 9, r)).toEqual([9, 9, 9]);
    expect(() => shapeWidths('Pyramid', 3, 9, r)).toThrow(/unknown architecture "Pyramid"/);
  });
});

describe('distributions of a 100,000 collection', () => {
  const N = 100_000;
  const counts = tally(collection('distribution', N).map((g) => g.features));
  const expected = expectedDistribution();
  for (const trait of Object.keys(expected)) {
    it(`${trait} matches its target (chi-square p > 0.001)`, () => {
      const { p, df } = chiSquare(counts[trait], expected[trait]);
      expect(df).toBe(Object.keys(expected[trait]).length - 1);
      expect(p).toBeGreaterThan(0.001);
    });
  }
  it('the test detects a 1-point shift in a target', () => {
    const shifted = { ...expected.Architecture, 'Random Triangle': 0.49, Random: 0.21 };
    expect(chiSquare(counts.Architecture, shifted).p).toBeLessThan(0.001);
    expect(chiSquare({ ...counts.Dataset, MNISTX: 1 }, expected.Dataset).p).toBe(0);
  });
  it('gammaQ matches known chi-square quantiles', () => {
    expect(gammaQ(1 / 2, 3.841 / 2)).toBeCloseTo(0.05, 3); // df 1
    expect(gammaQ(5 / 2, 20.515 / 2)).toBeCloseTo(0.001, 4); // df 5
    expect(gammaQ(17 / 2, 27.587 / 2)).toBeCloseTo(0.05, 3); // df 17
    expect(gammaQ(3, 0)).toBe(1);
  });
});

describe('a 10,000 collection', () => {
  it('has no two tokens sharing a genome', () => {
    const genomes = collection('unique', 10_000);
    expect(new Set(genomes.map((g) => g.seed)).size).toBe(10_000);
    expect(new Set(genomes.map((g) => JSON.stringify([g.features, g.hidden, g.visual]))).size).toBe(10_000);
  });
});
