// The still part of the portrait, drawn once per scene and size onto an offscreen canvas: paper, pattern, the input,
// the connections (colour = weight sign, width and ink = magnitude, length = life), the nodes and the caption.
// One Art object per scene and size; canvas state through pen(); links as Edge tuples.
import type { Layout } from './layout';
import { abs, ceil, max, min, NODE_W, sign } from './layout';
import type { Graph } from './wiring';
import type { Visual } from './traits';
import type { Palette } from './palettes';
import { gradientAt } from './palettes';
import type { Stage } from './life';

type Ctx = CanvasRenderingContext2D;
/** Appended to a size: `c.font = 12 + FONT`. */
export const FONT = 'px ui-monospace,Menlo,Consolas,monospace';

/** Everything one scene at one canvas size draws from. */
export interface Art {
  L: Layout;
  G: Graph;
  v: Visual;
  p: Palette;
  stage: Stage;
  /** 0..1 through the stage (dead: how far the remains have scattered; rebirth: how far the next life has gathered) */
  progress: number;
  input: Uint8ClampedArray | null;
  caption: string[];
  /** the seed of this life's pattern (node jitter, pulse routes) */
  seed: number;
}

/** A link as drawn: from (x0, y0) to (x1, y1). */
export type Edge = [number, number, number, number];

/** Set opacity, one colour for fill and stroke (if given) and the line width (if given). */
export const pen = (c: Ctx, alpha: number, colour?: string, width?: number): void => {
  c.globalAlpha = alpha;
  if (colour) c.fillStyle = c.strokeStyle = colour;
  if (width) c.lineWidth = width;
};

export const canvas = (w: number, h: number): HTMLCanvasElement => Object.assign(document.createElement('canvas'), { width: w, height: h });

/** A node outline: Theano ellipse, Torch square, TensorFlow diamond. */
const nodePath = (c: Ctx, shape: Visual['nodeShape'], x: number, y: number, r: number): void => {
  c.beginPath();
  if (shape === 'ellipse') c.ellipse(x, y, r * NODE_W, r, 0, 0, Math.PI * 2);
  else if (shape === 'square') c.rect(x - r * 0.9, y - r * 0.9, r * 1.8, r * 1.8);
  else for (const [a, b] of [[0, -1], [1, 0], [0, 1], [-1, 0]]) c.lineTo(x + a * r * 1.2, y + b * r * 1.2);
  c.closePath();
};

/** One node in the dataset's fill mode: MNIST solid, CIFAR outline, IMAGENET x-ray (translucent, inner ring). */
export const paintNode = (c: Ctx, { v, p }: Art, x: number, y: number, r: number, col: string, a: number): void => {
  const solid = v.nodeFill === 'solid';
  const outline = v.nodeFill === 'outline';
  nodePath(c, v.nodeShape, x, y, r);
  pen(c, solid || outline ? a : a * 0.2, outline ? p.paper : col, max(0.6, r * (outline ? 0.26 : 0.12)));
  c.fill();
  pen(c, solid ? a * 0.35 : a, solid ? p.ink : col);
  c.stroke();
  if (solid || outline) return;
  nodePath(c, v.nodeShape, x, y, r * 0.5);
  pen(c, a * 0.55);
  c.stroke();
};

/** Link i into column k (i = from * counts[k] + to): from an input band on the image's right edge, or a node. */
export const edge = ({ L, G }: Art, k: number, i: number): Edge => {
  const n = G.counts[k];
  const f = (i / n) | 0;
  const { x, y, w, h } = L.input;
  const [from, to] = [L.cols[k - 1], L.cols[k]];
  return [k ? from.xs[f] : x + w, k ? from.ys[f] : y + ((f + 0.5) * h) / G.bands, to.xs[i % n], to.ys[i % n]];
};

/** The point at t (0..1) along a link drawn straight, as an S-curve or stepped like a circuit trace (by length). */
export const along = (v: Visual, [x0, y0, x1, y1]: Edge, t: number): [number, number] => {
  const dx = x1 - x0;
  const dy = y1 - y0;
  if (v.links === 'curved') {
    // the cubic Bézier (x0, y0) (x0 + b, y0) (x1 - b, y1) (x1, y1): control points pulled horizontally
    const s = 1 - t;
    const e = t * t * (3 - 2 * t);
    return [x0 + dx * e + 3 * (0.2 + v.curvature) * dx * s * t * (s - t), y0 + dy * e];
  }
  if (v.links === 'stepped') {
    const a = abs(dx) / 2;
    const b = abs(dy);
    const d = t * (2 * a + b);
    return [x0 + sign(dx) * (min(d, a) + max(0, d - a - b)), y0 + sign(dy) * min(max(0, d - a), b)];
  }
  return [x0 + dx * t, y0 + dy * t];
};

/** Trace the link from t0 to t1 into path c: curves as chords (24 over a whole link), stepped links through their corners. */
export const trace = (c: CanvasPath, v: Visual, e: Edge, t0 = 0, t1 = 1): void => {
  const a = abs(e[2] - e[0]) / 2;
  const k = a / (2 * a + abs(e[3] - e[1]) || 1);
  const ts = v.links === 'stepped' ? [k, 1 - k].filter((t) => t > t0 && t < t1) : [];
  const n = v.links === 'curved' ? ceil((t1 - t0) * 24) : 1;
  for (let i = 1; i <= n; i++) ts.push(t0 + ((t1 - t0) * i) / n);
  c.moveTo(...along(v, e, t0));
  for (const t of ts) c.lineTo(...along(v, e, t));
};

/** Background, the sheet (which then clips everything) and its pattern. c is tilted already. */
const paper = (c: Ctx, { L, v, p }: Art, w: number, h: number): void => {
  const { x, y, w: bw, h: bh } = L.sheet;
  const u = min(w, h);
  const s = (v.gridStep * u) / 1000;
  const d = max(0.5, u * 0.0014);
  const dotted = v.paper === 'dotted';
  pen(c, 1, p.background);
  c.fillRect(-w, -h, 3 * w, 3 * h);
  c.beginPath();
  c.rect(x, y, bw, bh);
  pen(c, 1, p.paper);
  c.fill();
  c.clip();
  // the pattern, centred on the sheet: a dot at each crossing, or each cell outlined
  c.beginPath();
  if (v.paper !== 'plain')
    for (let gx = x + ((bw / 2) % s) - s; gx < x + bw; gx += s)
      for (let gy = y + ((bh / 2) % s) - s; gy < y + bh; gy += s) dotted ? c.rect(gx - d, gy - d, 2 * d, 2 * d) : c.rect(gx, gy, s, s);
  pen(c, dotted ? 0.3 : 0.16, p.ink, max(0.5, u * 0.0008));
  dotted ? c.fill() : c.stroke();
};

/** The input square: the last image seen, else what the first layer listens to (without a brain: empty). */
const inputImage = (c: Ctx, { L, G: { inW, inH, field }, input, p, stage }: Art): void => {
  const { x, y, w, h } = L.input;
  const n = inW * inH;
  const img = input?.length === n * 3 ? input : null;
  const ink = parseInt(p.ink.slice(1), 16);
  const px = new ImageData(inW, inH);
  for (let q = 0; q < n * 4; q++) {
    const o = q >> 2;
    const ch = q & 3;
    px.data[q] =
      ch > 2 ? (img ? 255 : 230 * (field?.[o] ?? 0) ** 1.5)
      : img ? img[o * 3 + ch]
      : (ink >> (16 - 8 * ch)) & 255;
  }
  const t = canvas(inW, inH);
  t.getContext('2d')!.putImageData(px, 0, 0);
  c.imageSmoothingEnabled = false;
  pen(c, stage === 'rebirth' || stage === 'dead' ? 0.15 : 1);
  c.drawImage(t, x, y, w, h);
  pen(c, 0.6, p.ink, max(0.6, w * 0.006));
  c.strokeRect(x, y, w, h);
};

/** Every living link, bucketed by sign and strength (12 strokes, weak first, strong on top). */
const edges = (c: Ctx, A: Art, u: number): void => {
  const { G, v, p, stage } = A;
  const paths = Array.from({ length: 12 }, () => new Path2D());
  G.w.forEach((wk, k) =>
    wk.forEach((x, i) => {
      const lv = G.live[k][i];
      if (lv <= 0.01) return;
      const path = paths[min(5, (abs(x) * 6) | 0) * 2 + +(x < 0)];
      const e = edge(A, k, i);
      // growing: reaches out from its source; decaying: breaks open from the middle
      const g = lv >= 1 || stage === 'stable' ? 1 : stage === 'decaying' ? lv / 2 : lv;
      trace(path, v, e, 0, g);
      if (g < lv) trace(path, v, e, 1 - g);
    }),
  );
  paths.forEach((path, b) => {
    const m = (b >> 1) / 5;
    pen(c, min(1, v.linkAlpha * (0.25 + 1.9 * m)), b & 1 ? p.negative : p.positive, max(0.35, (v.stroke * u * (0.35 + 2.2 * m * m)) / 1000));
    c.stroke(path);
  });
};

/** The nodes, coloured along the palette's gradient, and the output's labels. */
const nodes = (c: Ctx, A: Art): void => {
  const { L, G, stage, p } = A;
  const K = L.cols.length;
  L.cols.forEach(({ xs, ys }, k) =>
    ys.forEach((y, j) => {
      const lv = G.level[k][j];
      // a growing neuron swells into place from the seed rebirth gathered (which fades as growth goes on), a dying one
      // keeps its size and fades
      if (lv <= 0.01 && stage === 'growing') paintNode(c, A, xs[j], y, L.r * 0.45, gradientAt(p.nodes, (k + 1) / K), 0.5 * (1 - A.progress) ** 2);
      else if (lv > 0.01)
        paintNode(c, A, xs[j], y, L.r * (stage === 'growing' ? 0.45 + 0.55 * lv : 1), gradientAt(p.nodes, (k + 1) / K), stage === 'decaying' ? 0.3 + 0.7 * lv : lv);
    }),
  );
  const { xs, ys } = L.cols[K - 1];
  const size = G.sizes[K - 1];
  c.font = L.label + FONT;
  pen(c, 0.85, p.ink);
  ys.forEach((y, j) => c.fillText((G.labels[j * size] ?? '') + (size > 1 ? '…' : ''), xs[j] + 2 * L.r, y));
};

/** Caption lines word-wrapped to the caption box, at most four rows; the first line (the status) in bold. */
const caption = (c: Ctx, { L, p, caption }: Art): void => {
  const B = L.caption;
  let y = B.y + L.cap / 2;
  caption.forEach((t, i) => {
    c.font = (i ? '' : 'bold ') + L.cap + FONT;
    pen(c, i ? 0.65 : 0.9, p.ink);
    // the font is monospaced: a row holds n characters, broken after a word (a longer word has a row of its own)
    const n = max(1, (B.w / c.measureText('0').width) | 0);
    for (const row of t.match(RegExp(`.{1,${n}}( |$)|\\S+`, 'g')) ?? []) {
      if (y < B.y + L.cap * 5) c.fillText(row, B.x, y);
      y += L.cap * 1.3;
    }
  });
};

/** Draw the still portrait into c, already set up by the portrait (CSS pixels, the sheet's tilt, round caps, text
 * baseline middle). */
export const drawStill = (c: Ctx, w: number, h: number, A: Art): void => {
  paper(c, A, w, h);
  inputImage(c, A);
  // dead and rebirth: the portrait draws the remains and the gathering instead (death.ts)
  if (A.stage !== 'dead' && A.stage !== 'rebirth') {
    edges(c, A, min(w, h));
    nodes(c, A);
  }
  caption(c, A);
};
