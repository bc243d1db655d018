// Public surface of the codec and engine (documented in docs/engine.md; the format in docs/format.md).
export type { Activation, AliveMask, Dense, Model } from './model';
export { DataInscriptionError, InvalidOutputError } from './errors';
export { decodeDataInscription } from './decode';
export { encodeDataInscription } from './encode';
export { WEIGHT_DTYPES, WEIGHT_TYPES, weightType, type WeightDtype, type WeightType } from './weight-types';
export type { Int4Grid } from './int4';
export { forward, classify, activations, probabilities, parameterCount, useSimd, type ForwardOptions } from './engine';
export { ACTIVATIONS, ACTIVATION_RULES, LEAKY_SLOPE, activationNamed, softmax } from './activations';
import { provideKernel } from './engine';
import { simdPlan } from './simd';
// Every user of this surface (the page, the tools, the tests) runs the WebAssembly SIMD kernel where there is one; the
// library imports the engine alone and runs the plain JS path.
provideKernel(simdPlan);
