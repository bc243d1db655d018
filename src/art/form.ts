// Each life a different form ("reborn again in a different form"): from life 2 on, the portrait reseeds what can change
// without touching the trained network or the genome's traits: the order of the nodes down each hidden column, the
// spacing (margin, jitter, node size, the columns' height and bow), the links' curvature, the paper (grid step, tint,
// tilt) and the palette's variation (where the node gradient starts and runs, the paper's tint). Life 1 is the genome's own form. The classifier is not
// affected: which neuron lives when still follows the brain's neuron_order (life.ts). Pure (no DOM).
import { VISUAL_RANGES, type Genome, type Visual, type VisualRange } from './traits';
import { gradientAt, paletteNamed, type Palette } from './palettes';
import { seedState, stream, SUBSTREAMS, type Rng } from './prng';

export interface Form {
  visual: Visual;
  palette: Palette;
  /** per hidden column, the place (0..n-1, top to bottom) each drawn node takes; the output column keeps its order */
  slots: number[][];
  /** hidden columns bowed into arcs: the middle node's shift, in column gaps (-0.3..0.3; life 1: 0) */
  bow: number;
  /** hidden columns' height, as a share of the layout's (0.7..1; life 1: 1) */
  spread: number;
}

/** A number drawn within [lo, hi), unrounded (a later life's form is never written down). */
const lerp = (r: Rng, { lo, hi }: VisualRange) => lo + (hi - lo) * r();

/** '#rrggbb' a moved by f (0..1) toward b: the two-stop gradient from a to b, at f. */
export const mix = (a: string, b: string, f: number): string => gradientAt([a, b], f);

/** A seeded shuffle of 0..n-1 (Fisher-Yates). */
const shuffle = (r: Rng, n: number): number[] => {
  const a = [...Array(n).keys()];
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
};

/** The form of life `life` for drawn columns `counts` (hidden columns, then the output column). */
export const formOf = (g: Genome, life: number, counts: number[]): Form => {
  const hidden = counts.slice(0, -1);
  if (life <= 1) return { visual: g.visual, palette: paletteNamed(g.palette), slots: hidden.map((n) => [...Array(n).keys()]), bow: 0, spread: 1 };
  const r = stream(seedState(g.seed), SUBSTREAMS.form, life);
  const palette = paletteNamed(g.palette);
  const form: Form = {
    visual: {
      ...g.visual,
      margin: lerp(r, VISUAL_RANGES.margin),
      jitter: lerp(r, VISUAL_RANGES.jitter),
      nodeScale: lerp(r, VISUAL_RANGES.nodeScale),
      curvature: lerp(r, VISUAL_RANGES.curvature),
      gridStep: Math.round(lerp(r, VISUAL_RANGES.gridStep)),
      tilt: lerp(r, VISUAL_RANGES.tilt),
    },
    // the gradient turned around or not, the paper tinted by one of its stops (the named colours stay)
    palette: { ...palette },
    slots: [],
    bow: lerp(r, { lo: -0.3, hi: 0.3 }),
    spread: lerp(r, { lo: 0.7, hi: 1 }),
  };
  // the gradient as it is, turned around, or starting from its second stop
  const turn = Math.floor(r() * 3);
  const stops = turn === 1 ? [...palette.nodes].reverse() : turn === 2 ? [...palette.nodes.slice(1), palette.nodes[0]] : palette.nodes;
  form.palette.nodes = stops;
  form.palette.paper = mix(palette.paper, stops[Math.floor(r() * stops.length)], lerp(r, { lo: 0.04, hi: 0.12 }));
  form.slots = hidden.map((n) => shuffle(r, n));
  return form;
};
