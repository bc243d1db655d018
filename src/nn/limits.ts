// Caps that keep a hostile or broken data inscription from exhausting memory or from overflowing float32.
export const MAX_PARAMETERS = 4_000_000;
export const MAX_UNITS = 4096;
export const MAX_SIDE = 64;
export const MAX_LAYERS = 256;

/** The largest JSON text a brain within MAX_PARAMETERS can need: every parameter as float32 in base64 (4 bytes for 3),
 * plus 1 MiB for names, layers and training_traits. Downloads stop past it; decoding refuses longer text. */
export const MAX_DOCUMENT_BYTES = Math.ceil((MAX_PARAMETERS * 4 * 4) / 3) + 2 ** 20;

// Bounds on values, from what real brains use (fixtures/brains, fixtures/original-brains), with a wide margin:
/** Rescaling: |scale| ≤ 1 (real brains: 1/127.5; 1 takes raw pixels), |offset| ≤ 255 (real brains: −1). */
export const MAX_RESCALING_SCALE = 1;
export const MAX_RESCALING_OFFSET = 255;
/** Every weight and bias, after int8 scaling: |w| ≤ 10,000 (real brains: at most 4.5). */
export const MAX_WEIGHT = 10_000;
/** The most any layer's output can reach for any image, worked out from the weights (real brains: at most 4.7e7);
 * float32 holds up to 3.4e38, so sums and rounding within a layer stay far from overflow. */
export const MAX_OUTPUT = 1e30;
