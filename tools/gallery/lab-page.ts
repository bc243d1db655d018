// Browser entry of the portrait lab, for the gallery, the portrait tests and the render bench: bundled by esbuild on
// the fly (lab.ts) and driven from Node through window.portraitLab.
import { createPortrait, type Scene } from '../../src/art/portrait';
import { generateGenome, type Genome, type Visual } from '../../src/art/traits';
import { lifeAt } from '../../src/art/life';
import { paletteNamed } from '../../src/art/palettes';
import { hash01 } from '../../src/art/prng';
import { activations, decodeDataInscription, simdPlan } from '../../src/nn/index';
import type { Model } from '../../src/nn/model';

export interface Spec {
  seed: string;
  height: number;
  birthHeight?: number;
  w: number;
  h: number;
  /** 'none': no brain (genome.hidden); 'glorot': an untrained brain of the genome's architecture; a JSON document: that brain;
   * { hidden }: an untrained brain of those widths */
  brain?: 'none' | 'glorot' | object | { hidden: number[]; classes?: number };
  feeRate?: number | null;
  t?: number;
  /** a synthetic input image (seeded), and replay its activations this many ms before t */
  input?: boolean;
  replayAgo?: number;
  visual?: Partial<Visual>;
  palette?: string;
}

const CLASSES = ['Cryptoadz', 'Cryptopunks', 'Moonbirds', 'Nouns', 'Bottts', 'Pixel Art', 'Thumbs', 'Fidenza', 'Ringers', 'Chromie Squiggle'];

/** An untrained brain, Glorot-uniform initialised from the seed: what a Perceptron's brain is before training. */
export function glorot(hidden: number[], classes: number, seed: number, name = 'untrained'): Model {
  const sizes = [32 * 32 * 3, ...hidden, classes];
  return {
    name,
    inputShape: [32, 32, 3],
    scale: 1 / 127.5,
    offset: -1,
    layers: sizes.slice(1).map((units, k) => {
      const inputs = sizes[k];
      const lim = Math.sqrt(6 / (inputs + units));
      return {
        inputs,
        units,
        activation: k === hidden.length ? 'linear' : 'relu',
        kernel: Float32Array.from({ length: inputs * units }, (_, i) => (hash01(seed, k, i) * 2 - 1) * lim),
        bias: new Float32Array(units),
      };
    }),
    classes: CLASSES.slice(0, classes),
    trainingTraits: {},
  };
}

/** A seeded test image: soft coloured blobs on a tinted ground. */
export function image(seed: number, side = 32): Uint8ClampedArray {
  const px = new Uint8ClampedArray(side * side * 3);
  for (let y = 0; y < side; y++)
    for (let x = 0; x < side; x++)
      for (let c = 0; c < 3; c++) {
        const cx = hash01(seed, c, 1) * side;
        const cy = hash01(seed, c, 2) * side;
        const d = Math.hypot(x - cx, y - cy) / side;
        px[(y * side + x) * 3 + c] = 255 * Math.max(0.1, 1 - d * 1.6) * (0.5 + 0.5 * hash01(seed, c, 3));
      }
  return px;
}

function scene(spec: Spec): Scene {
  let genome: Genome = generateGenome(spec.seed);
  if (spec.visual || spec.palette) {
    const palette = paletteNamed(spec.palette ?? genome.palette).name; // throws naming an unknown palette
    genome = { ...genome, visual: { ...genome.visual, ...spec.visual }, palette };
  }
  const seed = parseInt(genome.seed.slice(0, 8), 16);
  const b = spec.brain ?? 'glorot';
  const model =
    b === 'none' ? null
    : b === 'glorot' ? glorot(genome.hidden, 4, seed)
    : 'hidden' in b ? glorot((b as { hidden: number[] }).hidden, (b as { classes?: number }).classes ?? 10, seed)
    : decodeDataInscription(b);
  const hidden = model ? model.layers.slice(0, -1).map((l) => l.units) : genome.hidden;
  const life = lifeAt(genome, spec.height, spec.birthHeight ?? 840_000, hidden, model?.layers[model.layers.length - 1].units);
  const side = model ? model.inputShape[0] : 32;
  return { genome, model, life, height: spec.height, feeRate: spec.feeRate ?? null, input: spec.input ? image(seed, side) : null };
}

function canvasFor(spec: Spec): HTMLCanvasElement {
  const c = document.createElement('canvas');
  c.style.width = spec.w + 'px';
  c.style.height = spec.h + 'px';
  c.style.display = 'block';
  document.body.append(c);
  return c;
}

/** Render one state and return the canvas as a PNG data URL. */
function render(spec: Spec): string {
  const c = canvasFor(spec);
  const p = createPortrait(c);
  const s = scene(spec);
  p.setScene(s);
  p.resize();
  const t = spec.t ?? 5000;
  if (s.model && spec.replayAgo !== undefined && s.input) {
    p.drawFrame(t - spec.replayAgo);
    p.replay(activations(s.model, s.input, { alive: s.life.alive, kernel: simdPlan }));
  }
  p.drawFrame(t);
  const url = c.toDataURL('image/png');
  c.remove();
  return url;
}

/** Frame times (ms) of `frames` frames 16.7 ms apart, each flushed to pixels (a 1-pixel readback); `build` = the first
 * frame, which draws the still image. With spec.input, a replay of its activations runs from the first frame. */
function bench(spec: Spec, frames: number): { build: number; draw: number[] } {
  const c = canvasFor(spec);
  const p = createPortrait(c);
  const s = scene(spec);
  const ctx = c.getContext('2d')!;
  let t0 = performance.now();
  p.setScene(s);
  p.resize();
  p.drawFrame(3000);
  ctx.getImageData(0, 0, 1, 1);
  const build = performance.now() - t0;
  if (s.model && s.input) p.replay(activations(s.model, s.input, { alive: s.life.alive, kernel: simdPlan }));
  const draw: number[] = [];
  for (let i = 1; i <= frames; i++) {
    t0 = performance.now();
    p.drawFrame(3000 + i * 16.7);
    ctx.getImageData(0, 0, 1, 1);
    draw.push(performance.now() - t0);
  }
  c.remove();
  return { build, draw };
}

/** One portrait drawing the frames at `times` in turn, as the animation does: each frame as a PNG data URL. With
 * spec.input and spec.replayAgo, a replay of its activations starts replayAgo ms before times[0]. */
function sequence(spec: Spec, times: number[]): string[] {
  const c = canvasFor(spec);
  const p = createPortrait(c);
  const s = scene(spec);
  p.setScene(s);
  p.resize();
  if (s.model && spec.replayAgo !== undefined && s.input) {
    p.drawFrame(times[0] - spec.replayAgo);
    p.replay(activations(s.model, s.input, { alive: s.life.alive }));
  }
  const frames = times.map((t) => {
    p.drawFrame(t);
    return c.toDataURL('image/png');
  });
  c.remove();
  return frames;
}

/** Lay out rendered PNGs (data URLs) as a labelled contact sheet; returns a PNG data URL. */
async function sheet(urls: string[], labels: string[], cols: number, tile: number, bg = '#16151a'): Promise<string> {
  const rows = Math.ceil(urls.length / cols);
  const gap = 6;
  const lab = labels.some(Boolean) ? 16 : 0;
  const c = document.createElement('canvas');
  c.width = cols * (tile + gap) + gap;
  c.height = rows * (tile + gap + lab) + gap;
  const x = c.getContext('2d')!;
  x.fillStyle = bg;
  x.fillRect(0, 0, c.width, c.height);
  x.font = '11px ui-monospace,Menlo,monospace';
  x.fillStyle = '#ddd';
  x.textBaseline = 'top';
  for (let i = 0; i < urls.length; i++) {
    const img = new Image();
    img.src = urls[i];
    await img.decode();
    const px = gap + (i % cols) * (tile + gap);
    const py = gap + Math.floor(i / cols) * (tile + gap + lab);
    x.drawImage(img, px, py, tile, tile);
    x.fillText(labels[i] ?? '', px + 2, py + tile + 3);
  }
  return c.toDataURL('image/png');
}

declare global {
  interface Window {
    portraitLab: { render: typeof render; bench: typeof bench; sheet: typeof sheet; sequence: typeof sequence; visibility?: (s: Spec) => Promise<{ visible: number; hidden: number; again: number }>;
      resizing?: (s: Spec) => Promise<{ before: number[]; after: number[]; unstyled: number[] }>;
    };
  }
}
window.portraitLab = { render, bench, sheet, sequence };

/** Start a live portrait with requestAnimationFrame counted; toggle document.hidden; report frames drawn in each phase. */
async function visibility(spec: Spec): Promise<{ visible: number; hidden: number; again: number }> {
  let frames = 0;
  const raf = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (cb) => raf((t) => (frames++, cb(t)));
  let hidden = false;
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
  const c = canvasFor(spec);
  const p = createPortrait(c);
  p.setScene(scene(spec));
  p.start();
  const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
  await wait(500);
  const visible = frames;
  hidden = true;
  document.dispatchEvent(new Event('visibilitychange'));
  await wait(200); // the frame already requested may still run
  const before = frames;
  await wait(300);
  const during = frames - before;
  hidden = false;
  document.dispatchEvent(new Event('visibilitychange'));
  await wait(500);
  p.stop();
  c.remove();
  window.requestAnimationFrame = raf;
  return { visible, hidden: during, again: frames - before - during };
}
window.portraitLab.visibility = visibility;

/** Resize behaviour: a CSS-sized canvas follows its box (ResizeObserver); an unstyled one does not grow with dpr. */
async function resizing(spec: Spec): Promise<{ before: number[]; after: number[]; unstyled: number[] }> {
  const frames = (n: number) => new Promise<void>((r) => { const f = () => (--n ? requestAnimationFrame(f) : r()); requestAnimationFrame(f); });
  const box = document.createElement('div');
  box.style.cssText = 'width:300px;height:200px';
  const c = document.createElement('canvas');
  c.style.cssText = 'width:100%;height:100%;display:block';
  box.append(c);
  document.body.append(box);
  createPortrait(c).setScene(scene(spec));
  await frames(3);
  const before = [c.width, c.height];
  box.style.width = '500px';
  await new Promise((r) => setTimeout(r, 400)); // the portrait redraws once the size has rested (120 ms)
  const after = [c.width, c.height];
  box.remove();
  const u = document.createElement('canvas');
  document.body.append(u);
  createPortrait(u).setScene(scene(spec));
  await frames(6);
  const unstyled = [u.width, u.height, u.getBoundingClientRect().width];
  u.remove();
  return { before, after, unstyled };
}
window.portraitLab.resizing = resizing;
