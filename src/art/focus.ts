// The neuron being asked (explore mode, the neuron panel): a ring round its node and its strongest links in and out,
// in the accent colour, drawn over the frame.
import { abs, max } from './layout';
import { edge, pen, trace, type Art } from './draw';
import { placeOf } from './death';

/** The links of drawn node j of column k (indices into G.w[k] coming in, G.w[k + 1] going out), strongest first, at
 * most `most` each way. */
export const strongLinks = (A: Art, k: number, j: number, most = 4): { into: number[]; out: number[] } => {
  const { G } = A;
  const top = (w: Float32Array, ids: number[]) => ids.sort((a, b) => abs(w[b]) - abs(w[a]) || a - b).slice(0, most);
  const n = G.counts[k];
  const from = k ? G.counts[k - 1] : G.bands;
  return {
    into: top(G.w[k], Array.from({ length: from }, (_, f) => f * n + j)),
    out: top(G.w[k + 1], Array.from({ length: G.counts[k + 1] }, (_, t) => j * G.counts[k + 1] + t)),
  };
};

/** Ring and links of drawn node j of hidden column k (c set up by the portrait, as for drawStill). */
export const drawFocus = (c: CanvasRenderingContext2D, A: Art, k: number, j: number): void => {
  const { L, v, p } = A;
  if (!(k < L.cols.length - 1 && j < L.cols[k].xs.length)) return; // a brain with fewer layers came in meanwhile
  const { into, out } = strongLinks(A, k, j);
  const path = new Path2D();
  for (const i of into) trace(path, v, edge(A, k, i));
  for (const i of out) trace(path, v, edge(A, k + 1, i));
  pen(c, 0.9, p.accent, max(1, L.r * 0.22));
  c.stroke(path);
  const [x, y] = placeOf(A, k, j);
  c.beginPath();
  c.arc(x, y, L.r * 1.9, 0, 7);
  pen(c, 1, p.accent, max(1.5, L.r * 0.35));
  c.stroke();
};
