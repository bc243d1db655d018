// The genome: every trait of the whitepaper's section 11 (same values, same weights), the architecture shapes,
// and the visual details, all drawn from one seed. Draw order of the main stream (never reorder: it would change
// every token): activation, hidden layers, max neurons, architecture, epochs, dataset, framework, hardware,
// paper, palette, birth year, life cycle, pulse, links. Hidden widths and visual numbers come from sub-streams of their
// own (SUBSTREAMS in prng.ts). A trait that also sets how the portrait looks carries that look in its row.
import { ACTIVATION_RULES, type Activation } from '../nn/activations';
import { hash01, int, normalizeSeed, pick, seedState, stream, SUBSTREAMS, type Rng } from './prng';

/** A trait's rows: each value with its weight, and what it sets of the portrait's look (Look) when it sets any. */
type Table<T = string, Look = unknown> = readonly ({ value: T; weight: number } & Look)[];
type Range = readonly [number, number];
export interface VisualRange { lo: number; hi: number; whole?: boolean }
/** A row of the activation table: the engine's activation and its name as the paper and a brain's activation_func
 * write it (activations.ts). */
const activationRow = (activation: Activation, weight: number) => ({ value: ACTIVATION_RULES[activation].paperName, weight, activation });
// The paper's tables (section 11): each value with its weight in %.
export const ACTIVATIONS = [activationRow('relu', 50), activationRow('leaky_relu', 20), activationRow('tanh', 20), activationRow('sigmoid', 10)];
export const ARCHITECTURES: Table = [
  { value: 'Random Triangle', weight: 50 },
  { value: 'Random', weight: 20 },
  { value: 'Regular Symmetric', weight: 10 },
  { value: 'Zig Zag', weight: 10 },
  { value: 'Triangle', weight: 5 },
  { value: 'Rectangle', weight: 5 },
];
/** nodeFill: how the portrait fills a node (x-ray: translucent). */
export const DATASETS: Table<string, { nodeFill: Visual['nodeFill'] }> = [
  { value: 'MNIST', weight: 70, nodeFill: 'solid' },
  { value: 'CIFAR', weight: 25, nodeFill: 'outline' },
  { value: 'IMAGENET', weight: 5, nodeFill: 'xray' },
];
/** nodeShape: the outline of a node. */
export const FRAMEWORKS: Table<string, { nodeShape: Visual['nodeShape'] }> = [
  { value: 'Theano', weight: 60, nodeShape: 'ellipse' },
  { value: 'Torch', weight: 30, nodeShape: 'square' },
  { value: 'TensorFlow', weight: 10, nodeShape: 'diamond' },
];
/** layerFrames: the frames a signal takes per layer. */
export const HARDWARE: Table<string, { layerFrames: number }> = [
  { value: 'Basic', weight: 30, layerFrames: 30 },
  { value: 'Standard', weight: 60, layerFrames: 15 },
  { value: 'Advanced', weight: 10, layerFrames: 2 },
];
/** paper: the sheet's pattern. */
export const PAPERS: Table<string, { paper: Visual['paper'] }> = [
  { value: 'Plain', weight: 20, paper: 'plain' },
  { value: 'Dotted', weight: 40, paper: 'dotted' },
  { value: 'Squared', weight: 40, paper: 'squared' },
];
/** yearDays: days in one "Perceptron year" (a life is 60 of them): 365-day years, 30-day months; a day is 144 blocks
 * of 10 minutes. */
export const LIFE_CYCLES: Table<string, { yearDays: number }> = [
  { value: '60 Years', weight: 3, yearDays: 365 },
  { value: '60 Months', weight: 40, yearDays: 30 },
  { value: '60 Weeks', weight: 37, yearDays: 7 },
  { value: '60 Days', weight: 20, yearDays: 1 },
];
/** The palettes' names, with their rarity in % (the weights sum to 100); their colours are in palettes.ts. */
export const PALETTES: Table = [
  { value: 'Sky', weight: 12 },
  { value: 'Liminality', weight: 10 },
  { value: 'Liminal Space', weight: 8 },
  { value: 'Lucid Dream', weight: 6 },
  { value: 'Parallel', weight: 9 },
  { value: 'Blueprint', weight: 10 },
  { value: 'Punch Card', weight: 9 },
  { value: 'Ink Wash', weight: 10 },
  { value: 'Sakura', weight: 8 },
  { value: 'Phosphor', weight: 6 },
  { value: 'Aurora', weight: 5 },
  { value: 'Orange Pill', weight: 4 },
  { value: 'Gold Leaf', weight: 3 },
];
/** The paper's birth years (exactly its rarities: they sum to 100); each year's line of history is in history.ts. */
export const BIRTH_YEARS: Table<number> = [
  { value: 1943, weight: 1 },
  { value: 1951, weight: 1.5 },
  { value: 1957, weight: 2 },
  { value: 1969, weight: 2.5 },
  { value: 1970, weight: 3 },
  { value: 1980, weight: 3.5 },
  { value: 1982, weight: 4 },
  { value: 1986, weight: 4.5 },
  { value: 1988, weight: 5 },
  { value: 1997, weight: 5.5 },
  { value: 1998, weight: 6 },
  { value: 2002, weight: 6.5 },
  { value: 2009, weight: 7 },
  { value: 2012, weight: 7.5 },
  { value: 2014, weight: 8 },
  { value: 2015, weight: 8.5 },
  { value: 2016, weight: 9 },
  { value: 2023, weight: 15 },
];
/** Beyond the paper: the shape of the signal pulse and the drawing of the links. */
export const PULSES: Table<string, { pulse: Visual['pulse'] }> = [
  { value: 'Sine', weight: 40, pulse: 'sine' },
  { value: 'Heartbeat', weight: 25, pulse: 'heartbeat' },
  { value: 'Square', weight: 20, pulse: 'square' },
  { value: 'Sawtooth', weight: 15, pulse: 'sawtooth' },
];
export const LINKS: Table<string, { links: Visual['links'] }> = [
  { value: 'Straight', weight: 60, links: 'straight' },
  { value: 'Curved', weight: 30, links: 'curved' },
  { value: 'Stepped', weight: 10, links: 'stepped' },
];

/** The range of each visual number, in the order the genome draws them from its visual sub-stream (never reorder: it
 * would change every token); whole: drawn as an integer, else to 3 decimals. A later life redraws some (form.ts). */
export const VISUAL_RANGES = {
  margin: { lo: 0.05, hi: 0.11 }, // sheet border, fraction of the short side
  jitter: { lo: 0, hi: 0.22 }, // node offset from its grid place, fraction of node spacing
  nodeScale: { lo: 0.75, hi: 1.25 }, // node size multiplier
  stroke: { lo: 0.6, hi: 1.8 }, // line weight in px at a 1000 px sheet
  linkAlpha: { lo: 0.18, hi: 0.5 }, // opacity of an idle connection
  curvature: { lo: 0.1, hi: 0.45 }, // bow of curved links, fraction of layer gap
  gridStep: { lo: 18, hi: 34, whole: true }, // paper pattern spacing in px at a 1000 px sheet
  pulsePeriod: { lo: 900, hi: 2600, whole: true }, // ms per pulse
  tilt: { lo: -0.02, hi: 0.02 }, // sheet rotation in radians (a hand-placed sheet)
} as const satisfies Record<string, VisualRange>;
export const LAYERS = { Sigmoid: [1, 4], other: [1, 10] } as const;
export const EPOCHS = { Sigmoid: [8, 12], other: [4, 6] } as const;
export const MAX_NEURONS = [5, 20] as const;
export const MIN_WIDTH = 2;


export type VisualNumber = keyof typeof VISUAL_RANGES;

export interface Visual extends Record<VisualNumber, number> {
  // set by a trait, from its row: Framework, Dataset, Paper Pattern, Hardware Acceleration, Pulse, Links
  nodeShape: 'ellipse' | 'square' | 'diamond';
  nodeFill: 'solid' | 'outline' | 'xray';
  paper: 'plain' | 'dotted' | 'squared';
  layerFrames: number;
  pulse: 'sine' | 'heartbeat' | 'square' | 'sawtooth'; // waveform of node pulses
  links: 'straight' | 'curved' | 'stepped'; // how a connection is drawn
  // and every number of VISUAL_RANGES
  noise: number; // uint32 seed for per-node noise: hash01(noise, layer, index) in prng.ts
}

export interface Genome {
  seed: string;
  features: Record<string, string | number>;
  hidden: number[];
  /** the hidden layers' activation (its name in features.Activation and in the brain's activation_func) */
  activation: Activation;
  epochs: number;
  birthYear: number;
  lifeCycle: string;
  lifeBlocks: number;
  /** The palette's name (its colours: paletteNamed in palettes.ts). */
  palette: string;
  visual: Visual;
}

/**
 * Hidden-layer widths of an architecture, all in [MIN_WIDTH, max] with the widest exactly max:
 * Rectangle: every layer max. Triangle: narrows steadily, w_i = round(max * (L - i) / L) (at least MIN_WIDTH).
 * Random Triangle: L random widths, sorted widest first, the first set to max (never widens).
 * Random: L random widths, one random layer set to max. Regular Symmetric: an hourglass mirrored around the
 * middle, max at both ends narrowing in even steps to round(max / 2) at the centre. Zig Zag: alternates max (even
 * layers) and one random narrow width in [MIN_WIDTH, ceil(max / 2)] (odd layers).
 */
export function shapeWidths(architecture: string, layers: number, max: number, r: Rng): number[] {
  const L = layers, D = Math.floor((L - 1) / 2), half = Math.max(MIN_WIDTH, Math.round(max / 2));
  if (!ARCHITECTURES.some((row) => row.value === architecture)) throw new Error(`unknown architecture "${architecture}"`);
  // Zig Zag draws its narrow width first; the two Random shapes draw one width per layer, in layer order.
  const narrow = architecture === 'Zig Zag' ? int(r, MIN_WIDTH, Math.ceil(max / 2)) : 0;
  const w = Array.from({ length: L }, (_, i) =>
    ({
      Rectangle: max,
      Triangle: Math.max(MIN_WIDTH, Math.round((max * (L - i)) / L)),
      'Regular Symmetric': D ? Math.round(max - ((max - half) * Math.min(i, L - 1 - i)) / D) : max,
      'Zig Zag': i % 2 ? narrow : max,
    })[architecture] ?? int(r, MIN_WIDTH, max));
  if (architecture === 'Random') w[int(r, 0, L - 1)] = max;
  else if (architecture === 'Random Triangle') w.sort((a, b) => b - a)[0] = max;
  return w;
}

/** A number drawn within a visual range: an integer, or to 3 decimals (the genome's JSON stays short). */
const drawWithin = (r: Rng, { lo, hi, whole }: VisualRange): number => (whole ? int(r, lo, hi) : Math.round((lo + (hi - lo) * r()) * 1000) / 1000);

/** The whole genome of a seed (64 hex digits): a pure function of the seed. */
export function generateGenome(seed: string): Genome {
  const hex = normalizeSeed(seed), state = seedState(hex), r = stream(state);
  const { activation, value: activationName } = pick(r, ACTIVATIONS), sig = activation === 'sigmoid';
  const layers = int(r, ...(sig ? LAYERS.Sigmoid : LAYERS.other) as Range), maxNeurons = int(r, ...MAX_NEURONS);
  const architecture = pick(r, ARCHITECTURES).value;
  const epochs = int(r, ...(sig ? EPOCHS.Sigmoid : EPOCHS.other) as Range);
  const dataset = pick(r, DATASETS), framework = pick(r, FRAMEWORKS), hardware = pick(r, HARDWARE);
  const paper = pick(r, PAPERS), palette = pick(r, PALETTES).value;
  const birthYear = pick(r, BIRTH_YEARS).value;
  const lifeCycle = pick(r, LIFE_CYCLES), pulse = pick(r, PULSES), links = pick(r, LINKS);
  const hidden = shapeWidths(architecture, layers, maxNeurons, stream(state, SUBSTREAMS.hiddenWidths));
  const v = stream(state, SUBSTREAMS.visual);
  const visual: Visual = {
    nodeShape: framework.nodeShape,
    nodeFill: dataset.nodeFill,
    paper: paper.paper,
    layerFrames: hardware.layerFrames,
    pulse: pulse.pulse,
    links: links.links,
    ...(Object.fromEntries(Object.entries(VISUAL_RANGES).map(([name, range]) => [name, drawWithin(v, range)])) as Record<VisualNumber, number>),
    noise: (hash01(state[0], state[1], state[2] ^ state[3]) * 4294967296) >>> 0, // floor: the product is in [0, 2^32)
  };
  const features: Record<string, string | number> = {
    'Hidden Layers': layers,
    'Max Neurons': maxNeurons,
    Architecture: architecture,
    Activation: activationName,
    Epochs: epochs,
    Dataset: dataset.value,
    Framework: framework.value,
    'Hardware Acceleration': hardware.value,
    'Paper Pattern': paper.value,
    Palette: palette,
    'Birth Year': birthYear,
    'Life Cycle': lifeCycle.value,
    Pulse: pulse.value,
    Links: links.value,
    Neurons: hidden.reduce((a, b) => a + b, 0),
  };
  return {
    seed: hex, features, hidden, activation, epochs, birthYear, lifeCycle: lifeCycle.value,
    lifeBlocks: 8640 * lifeCycle.yearDays, palette, visual,
  };
}
