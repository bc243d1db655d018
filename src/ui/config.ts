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

/** The baked config (only main.ts reads it, and main.ts only runs bundled). */
export const config: PerceptronConfig = __PERCEPTRON__;
