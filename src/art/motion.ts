// What moves: signal pulses travelling input → output along living connections, and the replay of a classification's
// real activations, layer by layer. Everything is a pure function of the time t (ms), so a frame can be redrawn exactly.
import type { Layout } from './layout';
import type { Graph } from './wiring';
import type { Visual } from './traits';
import type { Palette } from './palettes';
import { along, edgeFrom, FONT, trace } from './draw';
import { hash01 } from './prng';

type Ctx = CanvasRenderingContext2D;

/** Mempool pressure 0.2..0.8 from the fee rate (sat/vB), as the 2023 original: tanh(log10 fee); null: a calm 0.3. */
export function feeIntensity(fee: number | null): number {
  if (fee === null || !Number.isFinite(fee) || fee <= 0) return 0.3;
  return 0.2 + 0.6 * Math.max(0, Math.tanh(Math.log10(fee)));
}

export interface Tempo {
  /** ms a pulse takes per layer (hardware acceleration) */
  hop: number;
  /** ms between two pulses (the genome's period, quickened by the fee) */
  every: number;
  /** 0.2..0.8 brightness and size of pulses */
  power: number;
}

export function tempo(v: Visual, fee: number | null): Tempo {
  const power = feeIntensity(fee);
  return { hop: (v.layerFrames + 6) * 25, every: (v.pulsePeriod * 0.4) / (power / 0.3) ** 2, power };
}

/** Cumulative living weight from each drawn source to the next column's nodes: the odds a pulse takes each link. */
export function routes(G: Graph): Float32Array[][] {
  return G.w.map((wk, k) => {
    const n = G.counts[k];
    return Array.from({ length: wk.length / n }, (_, f) => {
      const cum = new Float32Array(n);
      let s = 0;
      for (let t = 0; t < n; t++) cum[t] = s += G.live[k][f * n + t] >= 0.5 ? 0.15 + Math.abs(wk[f * n + t]) : 0;
      return cum;
    });
  });
}

/** The drawn nodes pulse n visits, one per column from the input band, until `upto` layers or a dead end. */
export function walk(R: Float32Array[][], seed: number, n: number, upto: number): number[] {
  const path = [Math.floor(hash01(seed, n) * R[0].length)];
  for (let k = 0; k < upto && k < R.length; k++) {
    const cum = R[k][path[k]];
    const total = cum[cum.length - 1];
    if (!(total > 0)) break;
    const x = hash01(seed, n, k + 1) * total;
    let t = 0;
    while (cum[t] <= x) t++;
    path.push(t);
  }
  return path;
}

/** Waveform value 0..1 at phase x (cycles) for the genome's pulse trait. */
export function wave(kind: Visual['pulse'], x: number): number {
  const f = x - Math.floor(x);
  if (kind === 'square') return f < 0.5 ? 1 : 0;
  if (kind === 'sawtooth') return f;
  if (kind === 'heartbeat') return Math.max(0, 1 - Math.abs(f - 0.1) * 12, 0.7 - Math.abs(f - 0.3) * 12);
  return 0.5 + 0.5 * Math.sin(f * 2 * Math.PI);
}

export function drawPulses(c: Ctx, t: number, L: Layout, G: Graph, R: Float32Array[][], v: Visual, p: Palette, T: Tempo, seed: number): void {
  const K = R.length;
  const heads = new Path2D();
  const glows = new Path2D();
  const trails = new Path2D();
  const rings = new Path2D();
  const base = Math.max(0.8, L.r * 0.2 * (0.6 + T.power));
  const every = Math.max(T.every, ((K + 0.5) * T.hop) / 48); // at most ~48 pulses in flight
  const last = Math.floor(t / every);
  for (let n = last; n >= 0 && t - n * every < (K + 0.5) * T.hop; n--) {
    const s = (t - n * every) / T.hop;
    const k = Math.floor(s);
    const f = s - k;
    const path = walk(R, seed, n, K);
    if (k < K) {
      if (path.length <= k + 1) continue; // this pulse died out at a broken link
      const [x0, y0] = edgeFrom(L, G, k, path[k]);
      const x1 = L.cols[k].xs[path[k + 1]];
      const y1 = L.cols[k].ys[path[k + 1]];
      const [hx, hy] = along(v, x0, y0, x1, y1, f);
      const rr = base * (0.5 + wave(v.pulse, t / v.pulsePeriod + n * 0.37));
      heads.moveTo(hx + rr, hy);
      heads.arc(hx, hy, rr, 0, 7);
      glows.moveTo(hx + rr * 2.4, hy);
      glows.arc(hx, hy, rr * 2.4, 0, 7);
      trace(trails, v, x0, y0, x1, y1, Math.max(0, f - 0.2), f);
    }
    // a ring where the pulse just arrived (a node, or the output it reached)
    if (k >= 1 && f < 0.35 && path.length > k) {
      const x = L.cols[k - 1].xs[path[k]];
      const y = L.cols[k - 1].ys[path[k]];
      const rr = L.r * (1.2 + f * 2.5);
      rings.moveTo(x + rr, y);
      rings.arc(x, y, rr, 0, 7);
    }
  }
  c.strokeStyle = c.fillStyle = p.accent;
  c.lineCap = 'round';
  c.lineWidth = base * 0.6;
  c.globalAlpha = 0.15 + 0.3 * T.power;
  c.stroke(trails);
  c.globalAlpha = 0.1 + 0.15 * T.power;
  c.fill(glows);
  c.globalAlpha = 0.6 + 0.5 * T.power;
  c.fill(heads);
  c.lineWidth = Math.max(0.6, L.r * 0.12);
  c.globalAlpha = 0.45;
  c.stroke(rings);
  c.globalAlpha = 1;
}

export interface Replay {
  /** every Dense layer's output, hidden layers then the logits (nn.activations) */
  acts: Float32Array[];
  /** time the replay started (ms, the clock drawFrame is given) */
  t0: number;
}

/** Softmax of logits (max-shifted, so large logits cannot overflow). */
export function softmax(z: Float32Array): Float32Array {
  let m = -Infinity;
  for (const x of z) m = Math.max(m, x);
  const e = z.map((x) => Math.exp(x - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
}

/** Per drawn node of each column, |activation| (group mean) scaled to 0..1 within its layer; the output's probabilities. */
export function actLevels(G: Graph, acts: Float32Array[]): Float32Array[] {
  const K = G.counts.length - 1;
  return G.counts.map((n, k) => {
    const a = k === K && acts[K] ? softmax(acts[K]) : acts[k] ?? new Float32Array(0);
    const out = new Float32Array(n);
    let max = 0;
    for (let j = 0; j < n; j++) {
      let s = 0;
      let m = 0;
      for (let u = j * G.sizes[k]; u < Math.min(a.length, (j + 1) * G.sizes[k]); u++, m++) s += Math.abs(a[u]);
      out[j] = m ? s / m : 0;
      max = Math.max(max, out[j]);
    }
    if (max > 0 && k < K) for (let j = 0; j < n; j++) out[j] /= max;
    return out;
  });
}

/** How long one layer's wave takes in a replay, and how long the answer stays up. */
export const REPLAY_STEP = 320;
export const REPLAY_HOLD = 3000;

/** The links into column k that carried the most in a replay (at most 24, each at least 0.3 of the strongest possible). */
export function strongest(G: Graph, lv: Float32Array[], k: number): number[] {
  const nTo = G.counts[k];
  const score = (i: number) => (k ? lv[k - 1][(i / nTo) | 0] : 1) * Math.abs(G.w[k][i]);
  const idx: number[] = [];
  for (let i = 0; i < G.w[k].length; i++) if (G.live[k][i] >= 0.5 && score(i) >= 0.3) idx.push(i);
  return idx.sort((a, b) => score(b) - score(a) || a - b).slice(0, 24);
}

/** Column k's part of a replay: the wave into it (grown to `grow`) and the halos of its nodes by activation. */
function paintColumn(c: Ctx, k: number, grow: number, on: number, L: Layout, G: Graph, v: Visual, lv: Float32Array[]): void {
  const nTo = G.counts[k];
  c.beginPath();
  for (const i of strongest(G, lv, k)) {
    const [x0, y0] = edgeFrom(L, G, k, (i / nTo) | 0);
    trace(c, v, x0, y0, L.cols[k].xs[i % nTo], L.cols[k].ys[i % nTo], 0, grow);
  }
  c.lineWidth = Math.max(0.6, L.r * 0.1);
  c.globalAlpha = 0.4 * Math.max(on, grow < 1 ? 1 : 0);
  c.stroke();
  if (!on) return;
  // a ring around each node, as wide and bold as its activation
  const col = L.cols[k];
  col.ys.forEach((y, j) => {
    const a = lv[k][j];
    if (a < 0.05) return;
    c.beginPath();
    c.arc(col.xs[j], y, L.r * (1.5 + 0.5 * a), 0, 7);
    c.lineWidth = L.r * 0.35 * a;
    c.globalAlpha = on * (0.25 + 0.5 * a);
    c.stroke();
  });
}

/** A replay's settled columns, drawn once onto a layer of the canvas' size: a frame then costs one copy. */
const settled = new WeakMap<Replay, { L: Layout; layer: HTMLCanvasElement; n: number }>();
const SETTLE = 200; // ms a column's halos take to come up

export function drawReplay(c: Ctx, t: number, L: Layout, G: Graph, v: Visual, p: Palette, rp: Replay, lv: Float32Array[]): void {
  const s = t - rp.t0;
  const K = L.cols.length;
  const end = (K + 1) * REPLAY_STEP + REPLAY_HOLD;
  if (s < 0 || s > end + 800) return;
  const env = s > end ? 1 - (s - end) / 800 : 1;
  c.strokeStyle = c.fillStyle = p.accent;
  // the input lights first
  const I = L.input;
  c.globalAlpha = env * 0.9;
  c.lineWidth = Math.max(1, I.w * 0.015);
  c.strokeRect(I.x, I.y, I.w, I.h);
  const since = (k: number) => s - (k + 1) * REPLAY_STEP; // ms since the wave reached column k
  let done = 0;
  while (done < K && since(done) >= SETTLE) done++;
  let st = settled.get(rp);
  if (!st || st.L !== L || st.n > done || st.layer.width !== c.canvas.width || st.layer.height !== c.canvas.height) {
    const layer = document.createElement('canvas');
    layer.width = c.canvas.width;
    layer.height = c.canvas.height;
    settled.set(rp, (st = { L, layer, n: 0 }));
  }
  if (st.n < done) {
    const b = st.layer.getContext('2d')!;
    b.setTransform(c.getTransform());
    b.strokeStyle = b.fillStyle = p.accent;
    b.lineCap = 'round';
    for (; st.n < done; st.n++) paintColumn(b, st.n, 1, 1, L, G, v, lv);
  }
  c.save();
  c.setTransform(1, 0, 0, 1, 0, 0);
  c.globalAlpha = env;
  c.drawImage(st.layer, 0, 0);
  c.restore();
  for (let k = done; k < K && since(k) > -REPLAY_STEP; k++) {
    const ds = since(k);
    paintColumn(c, k, Math.min(1, 1 + ds / REPLAY_STEP), Math.max(0, ds / SETTLE) * env, L, G, v, lv);
  }
  // the answer: softmax of the logits beside each label, the winner in the accent colour
  const logits = rp.acts[rp.acts.length - 1];
  const out = L.cols[K - 1];
  if (!logits || s < K * REPLAY_STEP || G.sizes[K - 1] !== 1 || logits.length !== out.ys.length) return c.globalAlpha = 1, undefined;
  const prob = softmax(logits);
  let best = 0;
  prob.forEach((x, j) => (x > prob[best] ? (best = j) : 0));
  c.font = `bold ${L.label}px ${FONT}`;
  c.textBaseline = 'middle';
  c.globalAlpha = env;
  out.ys.forEach((y, j) => {
    const pct = Math.round(100 * prob[j]);
    const x = out.xs[j] + 2 * L.r;
    c.fillStyle = j === best ? p.accent : p.ink;
    if (j === best) c.fillText(G.labels[j], x, y);
    c.fillText(`${pct}%`, x + c.measureText(G.labels[j] + ' ').width, y);
  });
  c.globalAlpha = 1;
}
