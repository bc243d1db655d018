// The neuron being asked (explore mode, the neuron panel): a ring round its node and its strongest links in and out,
// in the accent colour, drawn over the frame.
import { edge, FULL_TURN, pen, trace, type Art } from './draw';
import { placeOf } from './death';

/** The links of drawn node j of column k (indices into graph.weights[k] coming in, graph.weights[k + 1] going out), strongest first, at
 * most `most` each way. */
export const strongLinks = (A: Art, k: number, j: number, most = 4): { into: number[]; out: number[] } => {
  const { graph } = A;
  const top = (w: Float32Array, ids: number[]) => ids.sort((a, b) => Math.abs(w[b]) - Math.abs(w[a]) || a - b).slice(0, most);
  const n = graph.counts[k];
  const from = k ? graph.counts[k - 1] : graph.bands;
  return {
    into: top(graph.weights[k], Array.from({ length: from }, (_, f) => f * n + j)),
    out: top(graph.weights[k + 1], Array.from({ length: graph.counts[k + 1] }, (_, t) => j * graph.counts[k + 1] + t)),
  };
};

/** Ring and links of drawn node j of hidden column k (c set up by the portrait, as for drawStill). */
export const drawFocus = (c: CanvasRenderingContext2D, A: Art, k: number, j: number): void => {
  const { layout, visual, palette } = A;
  if (!(k < layout.cols.length - 1 && j < layout.cols[k].xs.length)) return; // a brain with fewer layers came in meanwhile
  const { into, out } = strongLinks(A, k, j);
  const path = new Path2D();
  for (const i of into) trace(path, visual, edge(A, k, i));
  for (const i of out) trace(path, visual, edge(A, k + 1, i));
  pen(c, 0.9, palette.accent, Math.max(1, layout.r * 0.22));
  c.stroke(path);
  const [x, y] = placeOf(A, k, j);
  c.beginPath();
  c.arc(x, y, layout.r * 1.9, 0, FULL_TURN);
  pen(c, 1, palette.accent, Math.max(1.5, layout.r * 0.35));
  c.stroke();
};
