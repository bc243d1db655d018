// Public surface of the codec and engine (documented in docs/engine.md; the format in docs/format.md).
export type { Activation, AliveMask, Dense, Model } from './model';
export { DataInscriptionError, InvalidOutputError } from './errors';
export { decodeDataInscription } from './decode';
export { encodeDataInscription } from './encode';
export { WEIGHT_DTYPES, WEIGHT_TYPES, weightType, type WeightDtype, type WeightType } from './weight-types';
export type { Int4Grid } from './int4';
export { forward, classify, activations, probabilities, parameterCount, type ForwardOptions, type Planner } from './engine';
export { simdAvailable, simdPlan } from './simd';
export { ACTIVATIONS, ACTIVATION_RULES, LEAKY_SLOPE, activationNamed, softmax } from './activations';
