// Build-time inputs: build.ts replaces __PERCEPTRON__ via esbuild `define`.
export interface PerceptronConfig {
  brainId: string;
  seed: string;
  birthHeight: number;
  fallbackHeight: number;
  embeddedBrain: object | null;
  /** The test set brains are measured on when the token's metadata names none ('' when the build has none). */
  testSetId: string;
}

declare const __PERCEPTRON__: PerceptronConfig;

/** The baked config (only page.ts reads it, and it only runs bundled). */
export const config: PerceptronConfig = __PERCEPTRON__;
