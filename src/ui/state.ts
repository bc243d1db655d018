// window.perceptron: a frozen object of getters over the page's live state, so tools read it and cannot write it.

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
export interface NeuronInfo {
  layer: number;
  index: number;
  x: number;
  y: number;
  r: number;
  alive: boolean;
}

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
export function readOnlyView(s: PageState, debug?: () => unknown): Readonly<PageState> {
  const view = Object.defineProperty({}, '_debug', { get: debug });
  for (const k in s) Object.defineProperty(view, k, { enumerable: true, get: () => s[k as keyof PageState] });
  return Object.freeze(view) as Readonly<PageState>;
}

/** Installs window.perceptron and window.$features (both non-writable, non-configurable). */
export function expose(win: Window, s: PageState, debug: () => unknown): void {
  Object.defineProperties(win, { perceptron: { value: readOnlyView(s, debug) }, $features: { value: frozen(s.features) } });
}
