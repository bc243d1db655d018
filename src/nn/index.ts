// Public surface of the codec and engine (see docs/CONTRACTS.md, section src/nn).
export type { Activation, AliveMask, Dense, Model } from './model';
export { DataInscriptionError } from './errors';
export { decodeDataInscription } from './decode';
export { encodeDataInscription, type WeightDtype } from './encode';
export { forward, classify, activations, probabilities, parameterCount, useSimd, type ForwardOptions } from './engine';
export { ACTIVATIONS, ACTIVATION_RULES, LEAKY_SLOPE, activationNamed, softmax } from './activations';
