// Death and rebirth as events. Dead: the network's remains (every node and link, living or not at the end) drift apart
// from the sheet's centre, their links break in the middle, they fade and scatter into dust. Rebirth: the next life's
// network (its own form, form.ts) gathers from scattered places into its layout, as faint seeds the growing stage
// then fills. Every offset is seeded by the life's pattern seed and driven by the stage's progress, a function of
// block height: every viewer at the same height sees the same picture.
import { hash01 } from './prng';
import { edge, FULL_TURN, paintNode, pen, trace, type Art, type Edge } from './draw';
import { gradientAt } from './palettes';

/** How far the remains have scattered, 0 (in place) .. 1 (gone): dead runs 0.15 -> 1, rebirth gathers 0.9 -> 0. */
export const scatterOf = (stage: Art['stage'], progress: number): number =>
  stage === 'dead' ? 0.15 + 0.85 * progress : stage === 'rebirth' ? Math.max(0, 0.9 - progress) : 0;

/** The offset of drawn node j of column k (at x, y) when scattered by s: away from the centre (cx, cy), turned by a
 * seeded angle, up to 0.2-0.7 of the shorter side u, accelerating (s squared). Pure. */
export const drift = (seed: number, k: number, j: number, x: number, y: number, cx: number, cy: number, u: number, s: number): [number, number] => {
  const a = Math.atan2(y - cy, x - cx || 1e-9) + (hash01(seed, k + 31, j) - 0.5) * 1.6;
  const d = u * (0.2 + 0.5 * hash01(seed, k + 67, j)) * s * s;
  return [Math.cos(a) * d, Math.sin(a) * d];
};

/** Where drawn node j of column k is drawn in art A (CSS pixels before the sheet's tilt): its layout place, drifted. */
export const placeOf = (A: Art, k: number, j: number): [number, number] => {
  const { layout } = A;
  const x = layout.cols[k].xs[j], y = layout.cols[k].ys[j];
  const s = scatterOf(A.stage, A.progress);
  if (!s) return [x, y];
  const [dx, dy] = drift(A.seed, k, j, x, y, layout.sheet.x + layout.sheet.w / 2, layout.sheet.y + layout.sheet.h / 2, Math.min(layout.sheet.w, layout.sheet.h), s);
  return [x + dx, y + dy];
};

/** The remains (dead) or the gathering (rebirth): links first, then nodes and their dust; c set up as for drawStill. */
export const drawRemains = (c: CanvasRenderingContext2D, A: Art, u: number): void => {
  const { layout, graph, visual, palette, stage } = A;
  const dead = stage === 'dead';
  const s = scatterOf(stage, A.progress);
  const ink = dead ? 1 - s : 0.6 - 0.5 * s; // dead: fading out; rebirth: coming in, as the seeds growing starts from
  const K = layout.cols.length;
  const at = layout.cols.map((col, k) => col.xs.map((_, j) => placeOf(A, k, j)));
  // links between the drifted nodes (from the input's bands in place), by sign; broken open in the middle when dead
  const paths = [new Path2D(), new Path2D()];
  graph.weights.forEach((wk, k) =>
    wk.forEach((w, i) => {
      if (Math.abs(w) < 0.25) return;
      const [x0, y0] = edge(A, k, i);
      const n = graph.counts[k], f = (i / n) | 0, [x1, y1] = at[k][i % n];
      const e: Edge = k ? [...at[k - 1][f], x1, y1] : [x0, y0, x1, y1];
      const g = dead ? 0.5 * (1 - s) : 1;
      trace(paths[+(w < 0)], visual, e, 0, g);
      if (dead) trace(paths[+(w < 0)], visual, e, 1 - g);
    }),
  );
  paths.forEach((path, b) => {
    pen(c, Math.min(1, visual.linkAlpha * 1.5) * (1 - s), b ? palette.negative : palette.positive, Math.max(0.35, (visual.stroke * u * 0.6) / 1000));
    c.stroke(path);
  });
  at.forEach((col, k) =>
    col.forEach(([x, y], j) => {
      const col = gradientAt(palette.nodes, (k + 1) / K);
      paintNode(c, A, x, y, layout.r * (dead ? 1 - 0.5 * s : 0.45), col, 0.8 * ink);
      if (!dead) return;
      // dust: specks thrown further out along the node's own way
      const [dx, dy] = [x - layout.cols[k].xs[j], y - layout.cols[k].ys[j]];
      c.beginPath();
      for (let q = 0; q < 5; q++) {
        const f = 0.3 + 1.2 * hash01(A.seed, k * 97 + j, q), a = (hash01(A.seed, j, k * 89 + q) - 0.5) * 0.8;
        const sx = x + (dx * Math.cos(a) - dy * Math.sin(a)) * f, sy = y + (dx * Math.sin(a) + dy * Math.cos(a)) * f;
        c.moveTo(sx + layout.r * 0.15, sy);
        c.arc(sx, sy, layout.r * 0.15, 0, FULL_TURN);
      }
      pen(c, 0.6 * ink, col);
      c.fill();
    }),
  );
};
