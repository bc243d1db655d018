// window.perceptron: a frozen object of getters over the page's live state, so tools read it and cannot write it.
import type { DrawnNeuron } from '../art/portrait';
import type { BrainSource, Resolved } from './brain';
import type { MeasureAnswer } from './measure-view';

export interface BrainInfo {
  id: string;
  name: string;
  classes: readonly string[];
  parameters: number;
}

export interface Prediction {
  classes: readonly { name: string; p: number }[];
}

/** A hidden neuron as drawn (window.perceptron.neurons). */
export type NeuronInfo = DrawnNeuron;

/** What window.perceptron.explain(layer, index) says about a hidden neuron (field: HxWx3, the input's layout). */
export interface NeuronExplanation {
  field: readonly number[];
  activation: number | null;
  rank: number | null;
  contributions: readonly { name: string; value: number }[];
  alive: boolean;
  bornAt: number;
  diesAt: number;
}

export interface PageState {
  seed: string;
  features: Readonly<Record<string, string | number>>;
  stage: 'growing' | 'stable' | 'decaying' | 'dead' | 'rebirth';
  age: number;
  life: number;
  height: number;
  feeRate: number | null;
  brain: BrainInfo;
  /** Where the brain comes from: an upgrade child on chain, the token's metadata, the art's default, the copy inside
   * the art, or plugged in here with U (this browser only). */
  brainSource: BrainSource;
  /** The upgrade child whose brain runs: its ID and the block it was inscribed in (null when the brain is no child's). */
  brainChild: Resolved['child'];
  prediction: Prediction | null;
  ready: boolean;
  /** read through a getter: the hidden neurons where they are drawn now */
  readonly neurons: readonly NeuronInfo[];
  explain(layer: number, index: number): NeuronExplanation;
}

/** A deep-frozen copy of a brain or prediction, so readers cannot mutate what the page holds. */
export function frozen<T>(v: T): T {
  if (v && typeof v === 'object') for (const x of Object.values(Object.freeze(v))) frozen(x);
  return v;
}

/**
 * The read-only view with a fixed shape: one enumerable getter per key of s (a PageState holds exactly the contract's
 * keys, in its order), and a non-enumerable _debug getter for tests (not part of the shape).
 */
export function readOnlyView(s: PageState, debug?: () => unknown, classify?: Classifier, measure?: Measurer): Readonly<PageState> {
  const view = Object.defineProperties({}, { _debug: { get: debug }, classify: { value: classify }, measure: { value: measure } });
  for (const k in s) Object.defineProperty(view, k, { enumerable: true, get: () => s[k as keyof PageState] });
  return Object.freeze(view) as Readonly<PageState>;
}

/** What window.perceptron.classify(source) answers: the drop's ranking, or a rejection saying why not. */
export type Classifier = (file: Blob) => Promise<{ name: string; p: number }[]>;

/** window.perceptron.measure(brainId): a brain (default: the running one) on the test set, or a rejection saying why not. */
export type Measurer = (brainId?: string, testSet?: string) => Promise<MeasureAnswer>;

/**
 * Installs window.perceptron (with non-enumerable classify and measure methods, outside the fixed shape like _debug) and the
 * 2023 collection's globals: $generativeTraits (the features; also as $features), $state (the stage) and $age (age in
 * Perceptron years since the first birth: 60 a life). All non-writable, non-configurable.
 */
export function expose(win: Window, s: PageState, debug: () => unknown, classify: Classifier, measure?: Measurer): void {
  const view = readOnlyView(s, debug, classify, measure), features = frozen(s.features);
  Object.defineProperties(win, {
    perceptron: { value: view },
    $features: { value: features },
    $generativeTraits: { value: features },
    $state: { get: () => s.stage },
    $age: { get: () => (s.life - 1 + s.age) * 60 },
  });
}
