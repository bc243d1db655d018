// Caps that keep a hostile or broken data inscription from exhausting memory.
export const MAX_PARAMETERS = 4_000_000;
export const MAX_UNITS = 4096;
export const MAX_SIDE = 64;
export const MAX_LAYERS = 256;
