// Build-time inputs: build.ts replaces __PERCEPTRON__ via esbuild `define`.
export interface PerceptronConfig {
  brainId: string;
  seed: string;
  birthHeight: number;
  fallbackHeight: number;
  embeddedBrain: object | null;
  /** false in a collection token that gave its own seed: that seed, not the inscription ID, picks the genome. */
  seedFromId?: boolean;
}

declare const __PERCEPTRON__: PerceptronConfig;

/** The baked config; a placeholder only when the page runs unbundled (unit tests). */
export const config: PerceptronConfig =
  typeof __PERCEPTRON__ !== 'undefined'
    ? __PERCEPTRON__
    : { brainId: '', seed: '0'.repeat(64), birthHeight: 0, fallbackHeight: 0, embeddedBrain: null };
