// The genome: every trait of the whitepaper's section 11 (same values, same weights), the architecture shapes,
// and the visual details, all drawn from one seed. Draw order of the main stream (never reorder: it would change
// every token): activation, hidden layers, max neurons, architecture, epochs, dataset, framework, hardware,
// paper, palette, birth year, life cycle, pulse, links. Hidden widths come from sub-stream 1, visual numbers from 2.
import { ACTIVATION_RULES, type Activation } from '../nn/activations';
import { hash01, int, normalizeSeed, pick, pickRow, seedState, stream, type Rng } from './prng';

type Table<T = string> = readonly { value: T; weight: number }[];
type Range = readonly [number, number];
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
export const DATASETS: Table = [
  { value: 'MNIST', weight: 70 },
  { value: 'CIFAR', weight: 25 },
  { value: 'IMAGENET', weight: 5 },
];
export const FRAMEWORKS: Table = [
  { value: 'Theano', weight: 60 },
  { value: 'Torch', weight: 30 },
  { value: 'TensorFlow', weight: 10 },
];
export const HARDWARE: Table = [
  { value: 'Basic', weight: 30 },
  { value: 'Standard', weight: 60 },
  { value: 'Advanced', weight: 10 },
];
export const PAPERS: Table = [
  { value: 'Plain', weight: 20 },
  { value: 'Dotted', weight: 40 },
  { value: 'Squared', weight: 40 },
];
export const LIFE_CYCLES: Table = [
  { value: '60 Years', weight: 3 },
  { value: '60 Months', weight: 40 },
  { value: '60 Weeks', weight: 37 },
  { value: '60 Days', weight: 20 },
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
export const PULSES: Table = [
  { value: 'Sine', weight: 40 },
  { value: 'Heartbeat', weight: 25 },
  { value: 'Square', weight: 20 },
  { value: 'Sawtooth', weight: 15 },
];
export const LINKS: Table = [
  { value: 'Straight', weight: 60 },
  { value: 'Curved', weight: 30 },
  { value: 'Stepped', weight: 10 },
];

/** Days in one "Perceptron year" (a life is 60 of them), by LIFE_CYCLES row: 365-day years, 30-day months; a day is
 * 144 blocks of 10 minutes. */
const YEAR_DAYS = [365, 30, 7, 1];
export const LAYERS = { Sigmoid: [1, 4], other: [1, 10] } as const;
export const EPOCHS = { Sigmoid: [8, 12], other: [4, 6] } as const;
export const MAX_NEURONS = [5, 20] as const;
export const MIN_WIDTH = 2;


export interface Visual {
  nodeShape: 'ellipse' | 'square' | 'diamond'; // Framework: Theano, Torch, TensorFlow
  nodeFill: 'solid' | 'outline' | 'xray'; // Dataset: MNIST, CIFAR, IMAGENET (x-ray: translucent)
  paper: 'plain' | 'dotted' | 'squared'; // Paper Pattern
  layerFrames: number; // Hardware Acceleration: frames a signal takes per layer (Basic 30, Standard 15, Advanced 2)
  pulse: 'sine' | 'heartbeat' | 'square' | 'sawtooth'; // waveform of node pulses
  links: 'straight' | 'curved' | 'stepped'; // how a connection is drawn
  margin: number; // sheet border, fraction of the short side, 0.05..0.11
  jitter: number; // node offset from its grid place, fraction of node spacing, 0..0.22
  nodeScale: number; // node size multiplier, 0.75..1.25
  stroke: number; // line weight in px at a 1000 px sheet, 0.6..1.8
  linkAlpha: number; // opacity of an idle connection, 0.18..0.5
  curvature: number; // bow of curved links, fraction of layer gap, 0.1..0.45
  gridStep: number; // paper pattern spacing in px at a 1000 px sheet, 18..34
  pulsePeriod: number; // ms per pulse, 900..2600
  tilt: number; // sheet rotation in radians, -0.02..0.02 (a hand-placed sheet)
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
  if (nth(ARCHITECTURES, architecture) < 0) throw new Error(`unknown architecture "${architecture}"`);
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

const lerp = (r: Rng, lo: number, hi: number) => Math.round((lo + (hi - lo) * r()) * 1000) / 1000;
const lower = (s: string) => s.toLowerCase() as never;
/** Which row of a table holds value v (the visual options are listed in the table's order). */
const nth = (t: Table, v: string) => t.findIndex((row) => row.value === v);

/** The whole genome of a seed (64 hex digits): a pure function of the seed. */
export function generateGenome(seed: string): Genome {
  const hex = normalizeSeed(seed), state = seedState(hex), r = stream(state);
  const { activation, value: activationName } = pickRow(r, ACTIVATIONS), sig = activation === 'sigmoid';
  const layers = int(r, ...(sig ? LAYERS.Sigmoid : LAYERS.other) as Range), maxNeurons = int(r, ...MAX_NEURONS);
  const architecture = pick(r, ARCHITECTURES);
  const epochs = int(r, ...(sig ? EPOCHS.Sigmoid : EPOCHS.other) as Range);
  const dataset = pick(r, DATASETS), framework = pick(r, FRAMEWORKS), hardware = pick(r, HARDWARE);
  const paper = pick(r, PAPERS), palette = pick(r, PALETTES);
  const birthYear = pick(r, BIRTH_YEARS);
  const lifeCycle = pick(r, LIFE_CYCLES), pulse = pick(r, PULSES), links = pick(r, LINKS);
  const hidden = shapeWidths(architecture, layers, maxNeurons, stream(state, 1));
  const v = stream(state, 2), hw = nth(HARDWARE, hardware);
  const visual: Visual = {
    nodeShape: (['ellipse', 'square', 'diamond'] as const)[nth(FRAMEWORKS, framework)],
    nodeFill: (['solid', 'outline', 'xray'] as const)[nth(DATASETS, dataset)],
    paper: lower(paper),
    layerFrames: [30, 15, 2][hw],
    pulse: lower(pulse),
    links: lower(links),
    margin: lerp(v, 0.05, 0.11),
    jitter: lerp(v, 0, 0.22),
    nodeScale: lerp(v, 0.75, 1.25),
    stroke: lerp(v, 0.6, 1.8),
    linkAlpha: lerp(v, 0.18, 0.5),
    curvature: lerp(v, 0.1, 0.45),
    gridStep: int(v, 18, 34),
    pulsePeriod: int(v, 900, 2600),
    tilt: lerp(v, -0.02, 0.02),
    noise: (hash01(state[0], state[1], state[2] ^ state[3]) * 4294967296) >>> 0, // floor: the product is in [0, 2^32)
  };
  const features: Record<string, string | number> = {
    'Hidden Layers': layers,
    'Max Neurons': maxNeurons,
    Architecture: architecture,
    Activation: activationName,
    Epochs: epochs,
    Dataset: dataset,
    Framework: framework,
    'Hardware Acceleration': hardware,
    'Paper Pattern': paper,
    Palette: palette,
    'Birth Year': birthYear,
    'Life Cycle': lifeCycle,
    Pulse: pulse,
    Links: links,
    Neurons: hidden.reduce((a, b) => a + b, 0),
  };
  return {
    seed: hex, features, hidden, activation, epochs, birthYear, lifeCycle,
    lifeBlocks: 8640 * YEAR_DAYS[nth(LIFE_CYCLES, lifeCycle)], palette, visual,
  };
}
