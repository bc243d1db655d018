// The genome side of src/art in one import: traits, palettes, birth years, life cycle, seeded randomness.
export { generateGenome, shapeWidths, type Genome, type Visual } from './traits';
export { lifeAt, STAGES, STAGE_ENDS, type Life, type Stage } from './life';
export { PALETTES, gradientAt, type Palette } from './palettes';
export { BIRTH_YEARS } from './history';
export { hash01 } from './prng';
