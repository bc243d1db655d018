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
}

const KEYS = ['seed', 'features', 'stage', 'age', 'life', 'height', 'feeRate', 'brain', 'prediction', 'ready'] as const;

/** A deep-frozen copy of a brain or prediction, so readers cannot mutate what the page holds. */
export function frozen<T>(v: T): T {
  if (v && typeof v === 'object') {
    for (const x of Object.values(v)) frozen(x);
    Object.freeze(v);
  }
  return v;
}

/**
 * The read-only view with a fixed shape (exactly the contract's keys, enumerable). `debug` holds extra
 * non-enumerable getters for tests (not part of the shape).
 */
export function readOnlyView(s: PageState, debug: Record<string, () => unknown> = {}): Readonly<PageState> {
  const view = {};
  for (const k of KEYS) Object.defineProperty(view, k, { enumerable: true, get: () => s[k] });
  for (const [k, get] of Object.entries(debug)) Object.defineProperty(view, k, { enumerable: false, get });
  return Object.freeze(view) as Readonly<PageState>;
}

/** Installs window.perceptron and window.$features (both non-writable, non-configurable). */
export function expose(win: Window, s: PageState, debug?: Record<string, () => unknown>): void {
  Object.defineProperty(win, 'perceptron', { value: readOnlyView(s, debug), enumerable: true });
  Object.defineProperty(win, '$features', { value: frozen(s.features), enumerable: true });
}
