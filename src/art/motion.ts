// What moves: signal pulses travelling input → output along living connections, and the replay of a classification's
// real activations, layer by layer. Everything is a pure function of the time t (ms), so a frame can be redrawn exactly.
import { scaled, type Graph } from './wiring';
import type { Visual } from './traits';
import { along, canvas, edge, FONT, FULL_TURN, pen, trace, type Art } from './draw';
import { hash01 } from './prng';

type Ctx = CanvasRenderingContext2D;

export interface Tempo {
  /** ms a pulse takes per layer (hardware acceleration) */
  hop: number;
  /** ms between two pulses (the genome's period, quickened by the fee) */
  every: number;
  /** 0.2..0.8 brightness and size of pulses: mempool pressure from the fee rate (sat/vB), as the 2023 original:
   * tanh(log10 fee); no fee: a calm 0.3 */
  power: number;
}

export const tempo = (visual: Visual, fee: number | null): Tempo => {
  const power = fee! > 0 && fee! < Infinity ? 0.2 + 0.6 * Math.max(0, Math.tanh(Math.log10(fee!))) : 0.3;
  return { hop: (visual.layerFrames + 6) * 25, every: (visual.pulsePeriod * 0.4) / (power / 0.3) ** 2, power };
};

/** The drawn nodes pulse n visits, one per column from an input band, until the output or a dead end: each step takes a
 * link at least half alive, with odds 0.15 + |w|. */
export const walk = (graph: Graph, seed: number, n: number): number[] => {
  const path = [Math.floor(hash01(seed, n) * graph.bands)];
  for (let k = 0; k < graph.weights.length; k++) {
    const m = graph.counts[k];
    const i = path[k] * m;
    let s = 0;
    const cum = Array.from({ length: m }, (_, t) => (s += graph.live[k][i + t] >= 0.5 ? 0.15 + Math.abs(graph.weights[k][i + t]) : 0));
    if (!(s > 0)) break;
    const x = hash01(seed, n, k + 1) * s;
    path.push(cum.findIndex((c) => c > x));
  }
  return path;
};

/** Whether any pulse can set out: walk's first step needs a link out of the input at least half alive (none in the
 * first blocks of a life, while it gathers). */
export const canPulse = (graph: Graph): boolean => graph.live[0]?.some((l) => l >= 0.5) ?? false;

/** Routes walked so far, per life and size (a new Art each): a pulse's route depends only on its number, so a frame
 * walks only the pulses that set out since the last one. */
const routes = new WeakMap<Art, Map<number, number[]>>();
const ROUTES_KEPT = 100; // more than the ~48 pulses ever in flight at once

const routeOf = (A: Art, n: number): number[] => {
  let known = routes.get(A);
  if (!known || known.size > ROUTES_KEPT) routes.set(A, (known = new Map()));
  let path = known.get(n);
  if (!path) known.set(n, (path = walk(A.graph, A.seed, n)));
  return path;
};

/** Waveform value 0..1 at phase x (cycles) for the genome's pulse trait. */
export const wave = (kind: Visual['pulse'], x: number): number => {
  const f = x - Math.floor(x);
  return kind === 'square' ? +(f < 0.5)
    : kind === 'sawtooth' ? f
    : kind === 'heartbeat' ? Math.max(0, 1 - Math.abs(f - 0.1) * 12, 0.7 - Math.abs(f - 0.3) * 12)
    : 0.5 + 0.5 * Math.sin(f * 2 * Math.PI);
};

/** The pulses in flight at t, each a head with a short trail behind it (c set up by the portrait, as for drawStill).
 * Each pulse's bounds, ink included, go into `boxes` (the layout's pixels): the portrait restores only those next frame. */
export const drawPulses = (c: Ctx, t: number, A: Art, fee: number | null, boxes: number[][] = []): void => {
  const { layout, graph, visual } = A;
  const T = tempo(visual, fee);
  const K = graph.weights.length;
  const trails = new Path2D();
  const heads = new Path2D();
  // each trail is traced once, into the trails' path and into its pulse's box [left, top, right, bottom]
  let box = [0, 0, 0, 0];
  const widen = (x: number, y: number) => {
    box = [Math.min(box[0], x), Math.min(box[1], y), Math.max(box[2], x), Math.max(box[3], y)];
  };
  const trail: Pick<CanvasPath, 'moveTo' | 'lineTo'> = {
    moveTo(x, y) {
      trails.moveTo(x, y);
      widen(x, y);
    },
    lineTo(x, y) {
      trails.lineTo(x, y);
      widen(x, y);
    },
  };
  const base = Math.max(0.8, layout.r * 0.2 * (0.6 + T.power));
  const span = K * T.hop;
  const every = Math.max(T.every, span / 48); // at most ~48 pulses in flight
  for (let n = Math.floor(t / every); n >= 0 && t - n * every < span; n--) {
    const s = (t - n * every) / T.hop;
    const k = s | 0;
    const f = s - k;
    const path = routeOf(A, n);
    if (path.length > k + 1) {
      const e = edge(A, k, path[k] * graph.counts[k] + path[k + 1]);
      const [x, y] = along(visual, e, f);
      const r = base * (0.5 + wave(visual.pulse, t / visual.pulsePeriod + n * 0.37));
      heads.moveTo(x + r, y);
      heads.arc(x, y, r, 0, FULL_TURN);
      box = [x, y, x, y];
      trace(trail, visual, e, Math.max(0, f - 0.2), f);
      // the head's disc, and the trail's line with its round caps (half the trail's width beyond its points)
      const ink = Math.max(r, base * 0.3);
      boxes.push([box[0] - ink, box[1] - ink, box[2] + ink, box[3] + ink]);
    }
  }
  pen(c, 0.15 + 0.3 * T.power, A.palette.accent, base * 0.6);
  c.stroke(trails);
  pen(c, 0.6 + 0.5 * T.power);
  c.fill(heads);
};

export interface Replay {
  /** every Dense layer's output, hidden layers then the output layer (nn.activations) */
  acts: Float32Array[];
  /** the output as class probabilities, as classify() gives them (nn.probabilities: a softmax output layer's values
   * already are probabilities and are not softmaxed again) */
  probs: Float32Array;
  /** time the replay started (ms, the clock drawFrame is given) */
  t0: number;
  /** drawn once per scene and size (the portrait makes a new Replay on each rebuild): per-node levels (actLevels), and
   * the settled columns on a layer of the canvas' size, so that a frame costs one copy, and how many are on it */
  lv?: Float32Array[];
  layer?: HTMLCanvasElement;
  settled?: number;
}

/** Per drawn node of each column, |activation| (group mean) scaled to 0..1 within its layer; the output's probabilities. */
export const actLevels = (graph: Graph, acts: Float32Array[], probs: Float32Array): Float32Array[] => {
  const K = graph.counts.length - 1;
  return graph.counts.map((n, k) => {
    const a = k === K ? probs : acts[k];
    const size = graph.sizes[k];
    const out = Float32Array.from({ length: n }, (_, j) => {
      const g = a.slice(j * size, (j + 1) * size);
      return g.reduce((s, x) => s + Math.abs(x), 0) / g.length;
    });
    return k < K ? scaled(out) : out;
  });
};

/** How long one layer's wave takes in a replay, and how long the answer stays up. */
export const REPLAY_STEP = 320;
export const REPLAY_HOLD = 3000;

/** The links into column k that carried the most in a replay (at most 24, each at least 0.3 of the strongest possible). */
export const strongest = (graph: Graph, lv: Float32Array[], k: number): number[] => {
  const score = (i: number) => (k ? lv[k - 1][(i / graph.counts[k]) | 0] : 1) * Math.abs(graph.weights[k][i]);
  return [...graph.weights[k].keys()]
    .filter((i) => graph.live[k][i] >= 0.5 && score(i) >= 0.3)
    .sort((a, b) => score(b) - score(a)) // a stable sort: ties stay in index order
    .slice(0, 24);
};

/** Column k's part of a replay: the wave into it (grown to `grow`) and a ring round each node, as wide and bold as its activation. */
const paintColumn = (c: Ctx, k: number, grow: number, on: number, A: Art, lv: Float32Array[]): void => {
  const { r, cols } = A.layout;
  c.beginPath();
  for (const i of strongest(A.graph, lv, k)) trace(c, A.visual, edge(A, k, i), 0, grow);
  pen(c, 0.4 * (grow < 1 ? 1 : on), '', Math.max(0.6, r * 0.1));
  c.stroke();
  const { xs, ys } = cols[k];
  if (on)
    lv[k].forEach((a, j) => {
      if (a < 0.05) return;
      c.beginPath();
      c.arc(xs[j], ys[j], r * (1.5 + 0.5 * a), 0, FULL_TURN);
      pen(c, on * (0.25 + 0.5 * a), '', r * 0.35 * a);
      c.stroke();
    });
};

/** A replay at t: the wave of the strongest links and the rings of activation, column by column, then the answer;
 * it holds REPLAY_HOLD ms and fades. c set up by the portrait, as for drawStill. Whether it drew anything at t. */
export const drawReplay = (c: Ctx, t: number, A: Art, rp: Replay): boolean => {
  const { layout, graph, palette } = A;
  const s = t - rp.t0;
  const K = layout.cols.length;
  const env = Math.min(1, 1 - (s - (K + 1) * REPLAY_STEP - REPLAY_HOLD) / 800); // then it fades in 800 ms
  if (s < 0 || env <= 0) return false;
  pen(c, env, palette.accent);
  const since = (k: number) => s - (k + 1) * REPLAY_STEP; // ms since the wave reached column k
  let done = 0;
  while (done < K && since(done) >= REPLAY_STEP) done++;
  const lv = (rp.lv ??= actLevels(graph, rp.acts, rp.probs));
  // a replay drawn at an earlier time than the last one starts its layer again
  if (!rp.layer || rp.settled! > done) {
    rp.layer = canvas(c.canvas.width, c.canvas.height);
    rp.settled = 0;
  }
  const b = rp.layer.getContext('2d')!;
  b.setTransform(c.getTransform());
  pen(b, 1, palette.accent);
  b.lineCap = 'round';
  for (; rp.settled! < done; rp.settled!++) paintColumn(b, rp.settled!, 1, 1, A, lv);
  c.save();
  c.resetTransform();
  pen(c, env);
  c.drawImage(rp.layer, 0, 0);
  c.restore();
  for (let k = done; k < K && since(k) > -REPLAY_STEP; k++) paintColumn(c, k, Math.min(1, 1 + since(k) / REPLAY_STEP), Math.max(0, since(k) / REPLAY_STEP) * env, A, lv);
  // the answer: the winning class and its probability, in the accent colour over its label
  const prob = rp.probs;
  const { xs, ys } = layout.cols[K - 1];
  if (s < K * REPLAY_STEP || prob.length !== ys.length) return true; // grouped outputs have no one label
  const j = prob.indexOf(Math.max(...prob));
  c.font = 'bold ' + layout.label + FONT;
  pen(c, env);
  c.fillText(graph.labels[j] + ' ' + Math.round(100 * prob[j]) + '%', xs[j] + 2 * layout.r, ys[j]);
  return true;
};
