// The still part of the portrait, drawn once per scene and size onto an offscreen canvas: paper, pattern, the input,
// the connections (colour = weight sign, width and ink = magnitude, length = life), the nodes and the caption.
// One Art object per scene and size; canvas state through pen(); links as Edge tuples.
import type { Layout } from './layout';
import { NODE_W } from './layout';
import type { Graph } from './wiring';
import type { Visual } from './traits';
import type { Palette } from './palettes';
import { gradientAt } from './palettes';
import type { Stage } from './life';

type Ctx = CanvasRenderingContext2D;
/** A whole circle in radians, the end angle of a round dot (arc(x, y, r, 0, FULL_TURN)). */
export const FULL_TURN = 2 * Math.PI;

/** Appended to a size: `c.font = 12 + FONT`. */
export const FONT = 'px ui-monospace,Menlo,Consolas,monospace';

/** Everything one scene at one canvas size draws from. */
export interface Art {
  layout: Layout;
  graph: Graph;
  visual: Visual;
  palette: Palette;
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
  if (shape === 'ellipse') c.ellipse(x, y, r * NODE_W, r, 0, 0, FULL_TURN);
  else if (shape === 'square') c.rect(x - r * 0.9, y - r * 0.9, r * 1.8, r * 1.8);
  else for (const [a, b] of [[0, -1], [1, 0], [0, 1], [-1, 0]]) c.lineTo(x + a * r * 1.2, y + b * r * 1.2);
  c.closePath();
};

/** One node in the dataset's fill mode: MNIST solid, CIFAR outline, IMAGENET x-ray (translucent, inner ring). */
export const paintNode = (c: Ctx, { visual, palette }: Art, x: number, y: number, r: number, col: string, a: number): void => {
  const solid = visual.nodeFill === 'solid';
  const outline = visual.nodeFill === 'outline';
  nodePath(c, visual.nodeShape, x, y, r);
  pen(c, solid || outline ? a : a * 0.2, outline ? palette.paper : col, Math.max(0.6, r * (outline ? 0.26 : 0.12)));
  c.fill();
  pen(c, solid ? a * 0.35 : a, solid ? palette.ink : col);
  c.stroke();
  if (solid || outline) return;
  nodePath(c, visual.nodeShape, x, y, r * 0.5);
  pen(c, a * 0.55);
  c.stroke();
};

/** Link i into column k (i = from * counts[k] + to): from an input band on the image's right edge, or a node. */
export const edge = ({ layout, graph }: Art, k: number, i: number): Edge => {
  const n = graph.counts[k];
  const f = (i / n) | 0;
  const { x, y, w, h } = layout.input;
  const [from, to] = [layout.cols[k - 1], layout.cols[k]];
  return [k ? from.xs[f] : x + w, k ? from.ys[f] : y + ((f + 0.5) * h) / graph.bands, to.xs[i % n], to.ys[i % n]];
};

/** The point at t (0..1) along a link drawn straight, as an S-curve or stepped like a circuit trace (by length). */
export const along = (visual: Visual, [x0, y0, x1, y1]: Edge, t: number): [number, number] => {
  const dx = x1 - x0;
  const dy = y1 - y0;
  if (visual.links === 'curved') {
    // the cubic Bézier (x0, y0) (x0 + b, y0) (x1 - b, y1) (x1, y1): control points pulled horizontally
    const s = 1 - t;
    const e = t * t * (3 - 2 * t);
    return [x0 + dx * e + 3 * (0.2 + visual.curvature) * dx * s * t * (s - t), y0 + dy * e];
  }
  if (visual.links === 'stepped') {
    const a = Math.abs(dx) / 2;
    const b = Math.abs(dy);
    const d = t * (2 * a + b);
    return [x0 + Math.sign(dx) * (Math.min(d, a) + Math.max(0, d - a - b)), y0 + Math.sign(dy) * Math.min(Math.max(0, d - a), b)];
  }
  return [x0 + dx * t, y0 + dy * t];
};

/** Trace the link from t0 to t1 into path c: curves as chords (24 over a whole link), stepped links through their corners. */
export const trace = (c: Pick<CanvasPath, 'moveTo' | 'lineTo'>, visual: Visual, e: Edge, t0 = 0, t1 = 1): void => {
  const a = Math.abs(e[2] - e[0]) / 2;
  const k = a / (2 * a + Math.abs(e[3] - e[1]) || 1);
  const ts = visual.links === 'stepped' ? [k, 1 - k].filter((t) => t > t0 && t < t1) : [];
  const n = visual.links === 'curved' ? Math.ceil((t1 - t0) * 24) : 1;
  for (let i = 1; i <= n; i++) ts.push(t0 + ((t1 - t0) * i) / n);
  c.moveTo(...along(visual, e, t0));
  for (const t of ts) c.lineTo(...along(visual, e, t));
};

/** Background, the sheet (which then clips everything) and its pattern. c is tilted already. */
const paper = (c: Ctx, { layout, visual, palette }: Art, w: number, h: number): void => {
  const { x, y, w: bw, h: bh } = layout.sheet;
  const u = Math.min(w, h);
  const s = (visual.gridStep * u) / 1000;
  const d = Math.max(0.5, u * 0.0014);
  const dotted = visual.paper === 'dotted';
  pen(c, 1, palette.background);
  c.fillRect(-w, -h, 3 * w, 3 * h);
  c.beginPath();
  c.rect(x, y, bw, bh);
  pen(c, 1, palette.paper);
  c.fill();
  c.clip();
  // the pattern, centred on the sheet: a dot at each crossing, or each cell outlined
  c.beginPath();
  if (visual.paper !== 'plain')
    for (let gx = x + ((bw / 2) % s) - s; gx < x + bw; gx += s)
      for (let gy = y + ((bh / 2) % s) - s; gy < y + bh; gy += s) {
        if (dotted) c.rect(gx - d, gy - d, 2 * d, 2 * d);
        else c.rect(gx, gy, s, s);
      }
  pen(c, dotted ? 0.3 : 0.16, palette.ink, Math.max(0.5, u * 0.0008));
  if (dotted) c.fill();
  else c.stroke();
};

/** The input square: the last image seen, else what the first layer listens to (without a brain: empty). */
const inputImage = (c: Ctx, { layout, graph: { inW, inH, field }, input, palette, stage }: Art): void => {
  const { x, y, w, h } = layout.input;
  const n = inW * inH;
  const img = input?.length === n * 3 ? input : null;
  const ink = parseInt(palette.ink.slice(1), 16);
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
  pen(c, 0.6, palette.ink, Math.max(0.6, w * 0.006));
  c.strokeRect(x, y, w, h);
};

/** Every living link, bucketed by sign and strength (12 strokes, weak first, strong on top). */
const edges = (c: Ctx, A: Art, u: number): void => {
  const { graph, visual, palette, stage } = A;
  const paths = Array.from({ length: 12 }, () => new Path2D());
  graph.weights.forEach((wk, k) =>
    wk.forEach((x, i) => {
      const lv = graph.live[k][i];
      if (lv <= 0.01) return;
      const path = paths[Math.min(5, (Math.abs(x) * 6) | 0) * 2 + +(x < 0)];
      const e = edge(A, k, i);
      // growing: reaches out from its source; decaying: breaks open from the middle
      const g = lv >= 1 || stage === 'stable' ? 1 : stage === 'decaying' ? lv / 2 : lv;
      trace(path, visual, e, 0, g);
      if (g < lv) trace(path, visual, e, 1 - g);
    }),
  );
  paths.forEach((path, b) => {
    const m = (b >> 1) / 5;
    pen(c, Math.min(1, visual.linkAlpha * (0.25 + 1.9 * m)), b & 1 ? palette.negative : palette.positive, Math.max(0.35, (visual.stroke * u * (0.35 + 2.2 * m * m)) / 1000));
    c.stroke(path);
  });
};

/** The nodes, coloured along the palette's gradient, and the output's labels. */
const nodes = (c: Ctx, A: Art): void => {
  const { layout, graph, stage, palette } = A;
  const K = layout.cols.length;
  layout.cols.forEach(({ xs, ys }, k) =>
    ys.forEach((y, j) => {
      const lv = graph.level[k][j];
      // a growing neuron swells into place from the seed rebirth gathered (which fades as growth goes on), a dying one
      // keeps its size and fades
      if (lv <= 0.01 && stage === 'growing') paintNode(c, A, xs[j], y, layout.r * 0.45, gradientAt(palette.nodes, (k + 1) / K), 0.5 * (1 - A.progress) ** 2);
      else if (lv > 0.01)
        paintNode(c, A, xs[j], y, layout.r * (stage === 'growing' ? 0.45 + 0.55 * lv : 1), gradientAt(palette.nodes, (k + 1) / K), stage === 'decaying' ? 0.3 + 0.7 * lv : lv);
    }),
  );
  const { xs, ys } = layout.cols[K - 1];
  const size = graph.sizes[K - 1];
  c.font = layout.label + FONT;
  pen(c, 0.85, palette.ink);
  ys.forEach((y, j) => c.fillText((graph.labels[j * size] ?? '') + (size > 1 ? '…' : ''), xs[j] + 2 * layout.r, y));
};

/** Caption lines word-wrapped to the caption box, at most four rows; the first line (the status) in bold. */
const caption = (c: Ctx, { layout, palette, caption }: Art): void => {
  const B = layout.caption;
  let y = B.y + layout.cap / 2;
  caption.forEach((t, i) => {
    c.font = (i ? '' : 'bold ') + layout.cap + FONT;
    pen(c, i ? 0.65 : 0.9, palette.ink);
    // the font is monospaced: a row holds n characters, broken after a word (a longer word has a row of its own)
    const n = Math.max(1, (B.w / c.measureText('0').width) | 0);
    for (const row of t.match(RegExp(`.{1,${n}}( |$)|\\S+`, 'g')) ?? []) {
      if (y < B.y + layout.cap * 5) c.fillText(row, B.x, y);
      y += layout.cap * 1.3;
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
    edges(c, A, Math.min(w, h));
    nodes(c, A);
  }
  caption(c, A);
};
