// Public surface of the codec and engine (documented in docs/engine.md; the format in docs/format.md).
export type { Activation, AliveMask, Dense, Model } from './model';
export { DataInscriptionError } from './errors';
export { decodeDataInscription } from './decode';
export { encodeDataInscription, type WeightDtype } from './encode';
export { forward, classify, activations, probabilities, parameterCount, useSimd, type ForwardOptions } from './engine';
export { ACTIVATIONS, ACTIVATION_RULES, LEAKY_SLOPE, activationNamed, softmax } from './activations';
