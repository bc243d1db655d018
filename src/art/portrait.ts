// The portrait of a Perceptron on a canvas: the thin DOM shell around the pure layout, graph, still and motion parts.
// The still image (paper, links, nodes, caption) is drawn once per scene and size onto an offscreen canvas; each frame
// copies it and draws only what moves. drawFrame(t) depends only on (scene, replay, t, canvas size): a frame that
// follows one of pulses alone copies back only where those pulses were, which gives the same pixels as a whole copy.
import type { Model } from '../nn/model';
import { probabilities } from '../nn/engine';
import type { Genome } from './traits';
import type { Life } from './life';
import { HISTORY } from './history';
import { hash01 } from './prng';
import { layout } from './layout';
import { buildGraph, type Graph } from './wiring';
import { canvas as newCanvas, drawStill, pen, type Art } from './draw';
import { canPulse, drawPulses, drawReplay, type Replay } from './motion';
import { formOf } from './form';
import { drawRemains, placeOf } from './death';
import { drawFocus } from './focus';

export interface Scene {
  genome: Genome;
  /** null: no brain could be loaded, draw genome.hidden */
  model: Model | null;
  life: Life;
  height: number;
  feeRate: number | null;
  /** HxWx3 the network last saw */
  input: Uint8ClampedArray | null;
}

/** A hidden neuron as drawn: its node's centre and radius in CSS pixels from the canvas's top-left corner. */
export interface DrawnNeuron {
  layer: number;
  index: number;
  x: number;
  y: number;
  r: number;
  alive: boolean;
}

export interface Portrait {
  setScene(scene: Scene): void;
  /** Every hidden neuron where it is drawn now (neurons folded into one node share it); [] before the first frame. */
  neurons(): DrawnNeuron[];
  /** Highlight a neuron and its strongest links (null: none). */
  focus(n: { layer: number; index: number } | null): void;
  replay(acts: Float32Array[]): void;
  resize(): void;
  start(): void;
  stop(): void;
  /** Out of view: no frame drawn (a change is drawn once back in view) and none requested. */
  setVisible(on: boolean): void;
  /** Whether the still image has its caption (a thumbnail's 6 px text is left out: the nodes take its room). */
  setCaption(on: boolean): void;
  drawFrame(timeMs: number): void;
}

/** The caption: status (stage, age, life, block, brain name) and the birth year's line of history. */
export const captionOf = (s: Scene): string[] => {
  const { genome: g, life, model } = s;
  const [n, unit] = g.lifeCycle.split(' ');
  return [
    `${life.stage.toUpperCase()} · age ${(life.age * +n).toFixed(1)}/${n} ${unit.toLowerCase()} · life ${life.life} · block ${Math.floor(s.height).toLocaleString('en')}${model ? ' · ' + model.name : ''}`,
    `${g.birthYear} · ${HISTORY[g.birthYear]}`,
  ];
};

export const createPortrait = (canvas: HTMLCanvasElement): Portrait => {
  const ctx = canvas.getContext('2d')!;
  let still = newCanvas(0, 0);
  let scene: Scene | null = null;
  let w = 0;
  let h = 0;
  let dpr = 1;
  let graph: Graph | null = null;
  let A: Art | null = null;
  let rp: Replay | null = null;
  let lastT = 0;
  let running = false;
  let raf = 0;
  let settle = 0;
  let focused: { layer: number; index: number } | null = null;
  let visible = true;
  /** whether the last frame drew a replay (it has run out once this is false: a replay's fade only deepens) */
  let replaying = false;
  /** a change not drawn yet because the canvas was out of view */
  let stale = false;
  let withCaption = true;
  /** the last frame drew the still image and pulses alone, within these canvas-pixel rectangles: the next frame copies
   * back only these (null: anything may have been drawn, copy it all) */
  let drawn: number[][] | null = null;

  /** CSS pixels, rotated about the centre like the hand-placed sheet; round line caps, text centred on its y. */
  const place = (c: CanvasRenderingContext2D, a: number) => {
    c.lineCap = 'round';
    c.textBaseline = 'middle';
    c.setTransform(dpr, 0, 0, dpr, 0, 0);
    c.translate(w / 2, h / 2);
    c.rotate(a);
    c.translate(-w / 2, -h / 2);
  };

  const rebuild = (s: Scene): Art => {
    const { genome: g, life } = s;
    graph ??= buildGraph(g.hidden, s.model, life, g.seed);
    // rebirth gathers the next life, in its own form (form.ts): node order, spacing, curvature, paper, palette variation
    const n = life.life + +(life.stage === 'rebirth');
    const { visual, palette, slots, bow, spread } = formOf(g, n, graph.counts);
    const seed = (g.visual.noise ^ Math.imul(n, 0x9e3779b1)) | 0; // a new life, a new pattern
    const chars = Math.max(...graph.labels.map((l) => l.length)) + 2; // the replay's " 100%" may spill into the sheet's pad
    const L = layout(w, h, graph.counts, chars, { ...visual, caption: withCaption }, (k, j) => hash01(seed, k, j));
    // a hidden column's node j takes place slots[k][j] down its column, squeezed by spread and bowed (q: -1..1 down it)
    const gap = L.cols.length > 1 ? L.cols[1].x - L.cols[0].x : 0, mid = L.input.y + L.input.h / 2;
    slots.forEach((order, k) => {
      const { xs, ys } = L.cols[k], n = ys.length;
      const q = (j: number) => (n > 1 ? (2 * order[j]) / (n - 1) - 1 : 0);
      L.cols[k] = { ...L.cols[k], xs: order.map((o, j) => xs[o] + bow * gap * (1 - q(j) ** 2)), ys: order.map((o) => mid + (ys[o] - mid) * spread) };
    });
    A = { ...life, layout: L, graph, visual, palette, input: s.input, caption: withCaption ? captionOf(s) : [], seed };
    drawn = null;
    const c = (still = newCanvas(canvas.width, canvas.height)).getContext('2d')!;
    place(c, visual.tilt);
    drawStill(c, w, h, A);
    if (life.stage === 'dead' || life.stage === 'rebirth') drawRemains(c, A, Math.min(w, h));
    if (rp) rp = { acts: rp.acts, probs: rp.probs, t0: rp.t0 }; // drop its layer and levels: they were of the old scene or size
    return A;
  };

  const drawFrame = (t: number): void => {
    lastT = t;
    stale = false;
    if (!scene || !w) return;
    const a = A ?? rebuild(scene);
    ctx.resetTransform();
    pen(ctx, 1);
    if (drawn) for (const [x, y, dw, dh] of drawn) ctx.drawImage(still, x, y, dw, dh, x, y, dw, dh);
    else ctx.drawImage(still, 0, 0);
    drawn = [];
    if (a.stage === 'dead') return;
    place(ctx, a.visual.tilt);
    const sheetToCanvas = ctx.getTransform(); // the tilt and dpr the pulses are drawn under
    const boxes: number[][] = [];
    drawPulses(ctx, t, a, scene.feeRate, boxes);
    replaying = rp !== null && drawReplay(ctx, t, a, rp);
    if (focused) drawFocus(ctx, a, focused.layer, Math.floor(focused.index / a.graph.sizes[focused.layer]));
    drawn = replaying || focused ? null : boxes.map((b) => onPixels(sheetToCanvas, b));
  };

  /** A box of the layout [left, top, right, bottom] as the whole canvas pixels it may touch under transform m (the
   * sheet's tilt and dpr), with 2 pixels of antialiasing around it: [x, y, width, height] within the canvas. */
  const onPixels = (m: DOMMatrix, [x0, y0, x1, y1]: number[]): number[] => {
    const xs = [x0, x1].flatMap((x) => [m.a * x + m.c * y0 + m.e, m.a * x + m.c * y1 + m.e]);
    const ys = [x0, x1].flatMap((x) => [m.b * x + m.d * y0 + m.f, m.b * x + m.d * y1 + m.f]);
    const left = Math.max(0, Math.floor(Math.min(...xs)) - 2), top = Math.max(0, Math.floor(Math.min(...ys)) - 2);
    const right = Math.min(canvas.width, Math.ceil(Math.max(...xs)) + 2), bottom = Math.min(canvas.height, Math.ceil(Math.max(...ys)) + 2);
    return [left, top, Math.max(0, right - left), Math.max(0, bottom - top)];
  };

  /** A change while not animating: drawn now if in view, else once back in view. */
  const redraw = (): void => {
    if (visible) drawFrame(lastT);
    else stale = true;
  };

  /** A point of the (unrotated) layout as it lands on the canvas: turned by the sheet's tilt about the centre. */
  const onCanvas = (a: Art, [x, y]: [number, number]): [number, number] => {
    const cos = Math.cos(a.visual.tilt), sin = Math.sin(a.visual.tilt), dx = x - w / 2, dy = y - h / 2;
    return [w / 2 + dx * cos - dy * sin, h / 2 + dx * sin + dy * cos];
  };

  const resize = (): void => {
    const b = canvas.getBoundingClientRect();
    dpr = Math.max(1, Math.min(4, devicePixelRatio || 1));
    const cw = b.width || canvas.width;
    const ch = b.height || canvas.height;
    const pw = Math.round(cw * dpr);
    const ph = Math.round(ch * dpr);
    if (pw === canvas.width && ph === canvas.height && w) return;
    canvas.width = pw;
    canvas.height = ph;
    // a canvas without a CSS size is laid out at its pixel size and would grow by dpr on every resize: pin it
    const a = canvas.getBoundingClientRect();
    if (a.width !== b.width || a.height !== b.height) {
      canvas.style.width = cw + 'px';
      canvas.style.height = ch + 'px';
    }
    w = cw;
    h = ch;
    A = null;
    changed();
  };

  const loop = (t: number) => {
    drawFrame(t);
    raf = 0;
    // the next frame only if it can differ: not while dead (drawFrame draws the remains and nothing else), nor while no
    // pulse can set out and no replay is drawn (the still image alone); a change wakes the loop again
    const moving = !A || (A.stage !== 'dead' && (replaying || canPulse(A.graph)));
    if (moving) wake();
  };
  /** A change: drawn by the loop when it runs (woken, if it slept while nothing moved), else now. */
  const changed = (): void => {
    if (running) wake();
    else redraw();
  };
  const wake = () => {
    if (running && visible && !document.hidden && !raf) raf = requestAnimationFrame(loop);
  };
  const sleep = () => {
    cancelAnimationFrame(raf);
    raf = 0;
  };
  document.addEventListener('visibilitychange', wake);
  // while a window is being dragged the browser stretches the last frame; the still is redrawn once it rests
  new ResizeObserver(() => {
    clearTimeout(settle);
    settle = setTimeout(resize, w ? 120 : 0) as unknown as number;
  }).observe(canvas);

  return {
    setScene(s) {
      // the page makes a new scene only with a new life (lifeAt on every change), so the graph is always built anew;
      // a replay survives unless the brain changed
      if (scene?.model !== s.model) rp = null;
      scene = s;
      graph = null;
      A = null;
      if (!w) resize();
      else changed();
    },
    neurons() {
      if (!scene || !w) return [];
      const a = A ?? rebuild(scene);
      const mask = scene.life.alive.neurons;
      return a.layout.cols.slice(0, -1).flatMap((_, k) =>
        Array.from({ length: scene!.model?.layers[k].units ?? scene!.genome.hidden[k] }, (_, index) => {
          const [x, y] = onCanvas(a, placeOf(a, k, Math.floor(index / a.graph.sizes[k])));
          return { layer: k, index, x, y, r: a.layout.r, alive: !mask[k] || !!mask[k]![index] };
        }),
      );
    },
    focus(n) {
      focused = n;
      changed();
    },
    replay(acts) {
      // the scene's model is the one that produced acts (a new brain drops the replay)
      rp = { acts, probs: probabilities(scene!.model!, acts[acts.length - 1]), t0: lastT };
      if (running) changed();
    },
    resize,
    start() {
      running = true;
      wake();
    },
    stop() {
      running = false;
      sleep();
    },
    setVisible(on) {
      visible = on;
      if (!on) sleep();
      else if (running) wake();
      else if (stale) drawFrame(lastT);
    },
    setCaption(on) {
      if (on === withCaption) return;
      withCaption = on;
      A = null;
      changed();
    },
    drawFrame,
  };
};
