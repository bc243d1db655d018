// The still part of the portrait, drawn once per scene and size onto an offscreen canvas: paper, pattern, the input,
// the connections (colour = weight sign, width and ink = magnitude, length = life), the nodes and the caption.
import type { Box, Layout } from './layout';
import { NODE_W } from './layout';
import type { Graph } from './wiring';
import type { Visual } from './traits';
import type { Palette } from './palettes';
import { gradientAt } from './palettes';
import type { Stage } from './life';
import { hash01 } from './prng';

type Ctx = CanvasRenderingContext2D;
export const FONT = 'ui-monospace,Menlo,Consolas,monospace';

export interface Still {
  v: Visual;
  p: Palette;
  stage: Stage;
  /** 0..1 through the stage (rebirth: how far the new pattern has sprouted) */
  progress: number;
  input: Uint8ClampedArray | null;
  caption: string[];
}

/** Canvas centre rotation of the hand-placed sheet; motion applies the same. */
export function tilt(c: Ctx, w: number, h: number, a: number): void {
  c.translate(w / 2, h / 2);
  c.rotate(a);
  c.translate(-w / 2, -h / 2);
}

/** A node outline: Theano ellipse, Torch square, TensorFlow diamond. */
export function nodePath(c: Ctx, shape: Visual['nodeShape'], x: number, y: number, r: number): void {
  c.beginPath();
  if (shape === 'ellipse') c.ellipse(x, y, r * NODE_W, r, 0, 0, 7);
  else if (shape === 'square') c.rect(x - r * 0.9, y - r * 0.9, r * 1.8, r * 1.8);
  else {
    const d = r * 1.2;
    c.moveTo(x, y - d);
    c.lineTo(x + d, y);
    c.lineTo(x, y + d);
    c.lineTo(x - d, y);
    c.closePath();
  }
}

/** One node in the dataset's fill mode: MNIST solid, CIFAR outline, IMAGENET x-ray (translucent, inner ring). */
export function paintNode(c: Ctx, S: Still, x: number, y: number, r: number, col: string, a: number): void {
  const { v, p } = S;
  nodePath(c, v.nodeShape, x, y, r);
  c.globalAlpha = a;
  c.lineWidth = Math.max(0.6, r * (v.nodeFill === 'outline' ? 0.26 : 0.12));
  c.strokeStyle = col;
  if (v.nodeFill === 'solid') {
    c.fillStyle = col;
    c.fill();
    c.strokeStyle = p.ink;
    c.globalAlpha = a * 0.35;
  } else if (v.nodeFill === 'outline') {
    c.fillStyle = p.paper;
    c.fill();
  } else {
    c.fillStyle = col;
    c.globalAlpha = a * 0.2;
    c.fill();
    c.globalAlpha = a;
    c.stroke();
    nodePath(c, v.nodeShape, x, y, r * 0.5);
    c.globalAlpha = a * 0.55;
  }
  c.stroke();
  c.globalAlpha = 1;
}

/** Where the edge from drawn source f into column k starts: an input band on the image's right edge, or a node. */
export function edgeFrom(L: Layout, G: Graph, k: number, f: number): [number, number] {
  if (k) return [L.cols[k - 1].xs[f], L.cols[k - 1].ys[f]];
  return [L.input.x + L.input.w, L.input.y + ((f + 0.5) * L.input.h) / G.bands];
}

/** The point at t (0..1) along a link drawn straight, as an S-curve or stepped like a circuit trace. */
export function along(v: Visual, x0: number, y0: number, x1: number, y1: number, t: number): [number, number] {
  const dx = x1 - x0;
  if (v.links === 'curved') {
    const s = 1 - t;
    const b = (0.2 + v.curvature) * dx; // control points pulled horizontally
    return [s * s * s * x0 + 3 * s * s * t * (x0 + b) + 3 * s * t * t * (x1 - b) + t * t * t * x1, y0 + (y1 - y0) * (3 * s * t * t + t * t * t)];
  }
  if (v.links === 'stepped') {
    const a = Math.abs(dx) / 2;
    const len = 2 * a + Math.abs(y1 - y0);
    const d = t * len;
    if (d < a) return [x0 + Math.sign(dx) * d, y0];
    if (d > len - a) return [x1 - Math.sign(dx) * (len - d), y1];
    return [x0 + dx / 2, y0 + Math.sign(y1 - y0) * (d - a)];
  }
  return [x0 + dx * t, y0 + (y1 - y0) * t];
}

/** Trace the link from t0 to t1 into the current path. */
export function trace(c: CanvasPath, v: Visual, x0: number, y0: number, x1: number, y1: number, t0 = 0, t1 = 1): void {
  if (v.links === 'straight' || (t0 === 0 && t1 === 1)) {
    const [ax, ay] = along(v, x0, y0, x1, y1, t0);
    c.moveTo(ax, ay);
    if (v.links === 'curved' && t1 === 1) {
      const b = (0.2 + v.curvature) * (x1 - x0);
      return c.bezierCurveTo(x0 + b, y0, x1 - b, y1, x1, y1);
    }
    if (v.links === 'stepped' && t1 === 1) {
      const m = (x0 + x1) / 2;
      c.lineTo(m, y0);
      c.lineTo(m, y1);
    }
    return c.lineTo(...along(v, x0, y0, x1, y1, t1));
  }
  c.moveTo(...along(v, x0, y0, x1, y1, t0));
  // a curve in 12 chords; a stepped trace through its corners
  const k = Math.abs(x1 - x0) / 2 / (Math.abs(x1 - x0) + Math.abs(y1 - y0) || 1);
  const ts = v.links === 'curved' ? Array.from({ length: 12 }, (_, i) => t0 + ((t1 - t0) * (i + 1)) / 12) : [k, 1 - k, t1].filter((t) => t > t0 && t <= t1);
  for (const t of ts) c.lineTo(...along(v, x0, y0, x1, y1, Math.min(t, t1)));
  c.lineTo(...along(v, x0, y0, x1, y1, t1));
}

function paper(c: Ctx, L: Layout, S: Still, w: number, h: number): void {
  const B = L.sheet;
  const { v, p } = S;
  const u = Math.min(w, h);
  c.fillStyle = p.background;
  c.fillRect(0, 0, w, h);
  tilt(c, w, h, v.tilt);
  c.fillStyle = '#000';
  c.globalAlpha = 0.18;
  c.fillRect(B.x + u * 0.004, B.y + u * 0.007, B.w, B.h); // the sheet's shadow
  c.globalAlpha = 1;
  c.fillStyle = p.paper;
  c.fillRect(B.x, B.y, B.w, B.h);
  c.fillStyle = p.ink;
  // grain: specks of ink at seeded places
  c.beginPath();
  const n = Math.round(v.grain * 4000);
  const g = u * 0.0012;
  for (let i = 0; i < n; i++) c.rect(B.x + hash01(v.noise, i, 1) * B.w, B.y + hash01(v.noise, i, 2) * B.h, g, g);
  c.globalAlpha = 0.12;
  c.fill();
  const step = (v.gridStep * u) / 1000;
  c.beginPath();
  // the pattern is centred on the sheet
  const x0 = B.x + ((B.w / 2) % step);
  const y0 = B.y + ((B.h / 2) % step);
  if (v.paper === 'dotted') {
    const d = Math.max(0.5, u * 0.0014);
    for (let x = x0; x < B.x + B.w; x += step) for (let y = y0; y < B.y + B.h; y += step) c.rect(x - d, y - d, 2 * d, 2 * d);
    c.globalAlpha = 0.3;
    c.fill();
  } else if (v.paper === 'squared') {
    for (let x = x0; x < B.x + B.w; x += step) c.rect(x, B.y, 0, B.h);
    for (let y = y0; y < B.y + B.h; y += step) c.rect(B.x, y, B.w, 0);
    c.strokeStyle = p.ink;
    c.lineWidth = Math.max(0.5, u * 0.0008);
    c.globalAlpha = 0.16;
    c.stroke();
  }
  c.globalAlpha = 1;
}

/** The input square: the last image seen, else what the first layer listens to, else a seeded stipple. */
function inputImage(c: Ctx, B: Box, G: Graph, S: Still): void {
  const H = G.inH;
  const W = G.inW;
  const pix = new Uint8ClampedArray(W * H * 4);
  const img = S.input && S.input.length === W * H * 3 ? S.input : null;
  const ink = parseInt(S.p.ink.slice(1), 16);
  const live = S.stage === 'dead' || S.stage === 'rebirth' ? 0.15 : 1;
  for (let q = 0; q < W * H; q++) {
    const o = q * 4;
    if (img) {
      pix.set(img.subarray(q * 3, q * 3 + 3), o);
      pix[o + 3] = 255 * live;
    } else {
      pix[o] = ink >> 16;
      pix[o + 1] = (ink >> 8) & 255;
      pix[o + 2] = ink & 255;
      pix[o + 3] = 230 * live * (G.field ? G.field[q] ** 1.5 : hash01(S.v.noise, q) ** 4 * 0.5);
    }
  }
  const t = document.createElement('canvas');
  t.width = W;
  t.height = H;
  t.getContext('2d')!.putImageData(new ImageData(pix, W, H), 0, 0);
  c.imageSmoothingEnabled = false;
  c.drawImage(t, B.x, B.y, B.w, B.h);
  c.strokeStyle = S.p.ink;
  c.lineWidth = Math.max(0.6, B.w * 0.006);
  c.globalAlpha = 0.6;
  c.strokeRect(B.x, B.y, B.w, B.h);
  c.globalAlpha = 1;
}

function edges(c: Ctx, L: Layout, G: Graph, S: Still, u: number): void {
  const { v, p, stage } = S;
  c.lineCap = 'round';
  // bucketed by sign and strength: a few thousand links are a dozen strokes, weak first, strong on top
  const N = 6;
  for (let q = 0; q < N; q++) {
    for (const sign of [1, -1]) {
      c.beginPath();
      for (let k = 0; k < G.w.length; k++) {
        const nTo = G.counts[k];
        const wk = G.w[k];
        for (let i = 0; i < wk.length; i++) {
          const lv = G.live[k][i];
          if (lv <= 0.01 || (wk[i] < 0 ? -1 : 1) !== sign || Math.min(N - 1, (Math.abs(wk[i]) * N) | 0) !== q) continue;
          const [x0, y0] = edgeFrom(L, G, k, (i / nTo) | 0);
          const x1 = L.cols[k].xs[i % nTo];
          const y1 = L.cols[k].ys[i % nTo];
          // growing: reaches out from its source; decaying: breaks open from the middle
          if (lv >= 1 || stage === 'stable') trace(c, v, x0, y0, x1, y1);
          else if (stage === 'decaying') {
            trace(c, v, x0, y0, x1, y1, 0, lv / 2);
            trace(c, v, x0, y0, x1, y1, 1 - lv / 2, 1);
          } else trace(c, v, x0, y0, x1, y1, 0, lv);
        }
      }
      const m = q / (N - 1);
      c.strokeStyle = sign > 0 ? p.positive : p.negative;
      c.lineWidth = Math.max(0.35, (v.stroke * u * (0.35 + 2.2 * m * m)) / 1000);
      c.globalAlpha = Math.min(1, v.linkAlpha * (0.25 + 1.9 * m));
      c.stroke();
    }
  }
  c.globalAlpha = 1;
}

/** Node colour of column k: the palette's gradient across the layers. */
export const colourOf = (S: Still, L: Layout, k: number): string => gradientAt(S.p.nodes, (k + 1) / L.cols.length);

function nodes(c: Ctx, L: Layout, G: Graph, S: Still): void {
  const { stage } = S;
  const out = L.cols.length - 1;
  const born = stage === 'rebirth';
  L.cols.forEach((col, k) => {
    const colour = colourOf(S, L, k);
    col.ys.forEach((y, j) => {
      // rebirth: the new life's pattern sprouts as faint seeds, node by node
      const lv = born ? (hash01(S.v.noise, k, j) < S.progress ? 0.25 : 0) : k === out && stage === 'dead' ? 0 : G.level[k][j];
      if (lv <= 0.01) return;
      // a growing neuron swells into place, a dying one keeps its size and fades
      const r = L.r * (stage === 'growing' || born ? 0.45 + 0.55 * lv : 1);
      paintNode(c, S, col.xs[j], y, r, colour, stage === 'decaying' ? 0.3 + 0.7 * lv : lv);
    });
  });
  if (stage === 'dead') return;
  // engineering notes: the input's shape under it, each layer's width under its column
  c.fillStyle = S.p.ink;
  c.font = `${L.cap * 0.85}px ${FONT}`;
  c.textAlign = 'center';
  c.textBaseline = 'top';
  c.globalAlpha = 0.5;
  c.fillText(`${G.inH}×${G.inW}×3`, L.input.x + L.input.w / 2, L.input.y + L.input.h + L.cap * 0.5);
  L.cols.forEach((col, k) => c.fillText(String(G.units[k]), col.x, L.foot));
  c.textAlign = 'left';
  const col = L.cols[out];
  c.fillStyle = S.p.ink;
  c.font = `${L.label}px ${FONT}`;
  c.textBaseline = 'middle';
  c.globalAlpha = born ? 0.3 : 0.85;
  col.ys.forEach((y, j) => {
    const name = G.labels[j * G.sizes[out]] ?? '';
    c.fillText(G.sizes[out] > 1 ? name + '…' : name, col.xs[j] + 2 * L.r, y);
  });
  c.globalAlpha = 1;
}

/** Caption lines word-wrapped to the caption box, at most four rows; the first line (the status) in bold. */
function caption(c: Ctx, L: Layout, S: Still): void {
  const B = L.caption;
  let y = B.y;
  c.fillStyle = S.p.ink;
  c.textBaseline = 'top';
  S.caption.forEach((t, i) => {
    c.font = `${i ? '' : 'bold '}${L.cap}px ${FONT}`;
    c.globalAlpha = i ? 0.65 : 0.9;
    let row = '';
    for (const word of [...t.split(' '), '']) {
      if (word && (!row || c.measureText(row + ' ' + word).width <= B.w)) row = row ? row + ' ' + word : word;
      else {
        if (y < B.y + L.cap * 5) c.fillText(row, B.x, y);
        y += L.cap * 1.3;
        row = word;
      }
    }
  });
  c.globalAlpha = 1;
}

/** Draw the still portrait into c (already scaled to CSS pixels). */
export function drawStill(c: Ctx, w: number, h: number, L: Layout, G: Graph, S: Still): void {
  c.save();
  paper(c, L, S, w, h);
  if (S.stage !== 'dead') {
    inputImage(c, L.input, G, S);
    edges(c, L, G, S, Math.min(w, h));
  }
  nodes(c, L, G, S);
  caption(c, L, S);
  c.restore();
}
