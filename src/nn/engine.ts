// The dense feed-forward engine. It reads every kernel as it is at the moment of the call (Keras' layout, no derived
// copy kept between calls), so a kernel edited in place, as a trainer does, is always seen. Per model it keeps only
// buffers (a plan): one per layer output and, with a kernel such as WebAssembly SIMD's (simd.ts), one block of the
// kernel's memory the weights are copied into on each call. Which kernel runs is the caller's choice, call by call
// (ForwardOptions.kernel): nothing global, and no import changes what the engine does.
import type { AliveMask, Model } from './model';
import { ACTIVATION_RULES, softmax } from './activations';
import { InvalidOutputError } from './errors';

type Pixels = Uint8ClampedArray | Uint8Array | Float32Array;
export interface ForwardOptions {
  alive?: AliveMask;
  /** How the Dense layers multiply: a planner such as simd.ts's simdPlan (WebAssembly SIMD, where the platform has it;
   * where it has not, the planner declines and the plain JS path runs). Without one: the plain JS path. */
  kernel?: Planner;
}

/** Where a model's layer buffers live and how its Dense layers multiply: the plain JS path below, or a kernel's. */
export interface Plan {
  input: Float32Array;
  /** one per layer, exactly its units long */
  outs: Float32Array[];
  /** y = x · kernel (Keras' layout) for layer li, where x and y are this plan's buffers */
  dense(li: number, kernel: Float32Array, x: Float32Array, y: Float32Array, inputs: number, units: number): void;
}
/** Makes a plan for the layer sizes [inputs, units of each layer], or null when it cannot (then the JS path runs). */
export type Planner = (sizes: number[]) => Plan | null;

interface Buffers extends Plan {
  /** what these buffers were made for: the layer sizes and the kernel asked for */
  sizes: number[];
  kernel: Planner | undefined;
}

// Each model's buffers, for the last kernel asked for. The engine does not import simd.ts: a bundle that never asks
// for it (the library, src/lib.ts, which classifies one image at a time) leaves the WebAssembly module out.
const buffers = new WeakMap<Model, Buffers>();

export function parameterCount(model: Model): number {
  return model.layers.reduce((n, l) => n + l.kernel.length + (l.bias?.length ?? 0), 0);
}

/** Layer sizes [inputs, units…], after checking that every layer fits the one before. */
function sizesOf(m: Model): number[] {
  let n = m.inputShape[0] * m.inputShape[1] * m.inputShape[2];
  const sizes = [n];
  for (const l of m.layers) {
    if (l.inputs !== n || l.kernel.length !== n * l.units || (l.bias && l.bias.length !== l.units)) {
      throw new RangeError(`inconsistent Dense layer (${l.inputs} inputs, ${l.units} units)`);
    }
    sizes.push((n = l.units));
  }
  return sizes;
}

/** The plain JS plan: a buffer per layer output, and denseJs. */
const jsPlan = (sizes: number[]): Plan => ({
  input: new Float32Array(sizes[0]),
  outs: sizes.slice(1).map((n) => new Float32Array(n)),
  dense: (li, kernel, x, y, inputs, units) => denseJs(kernel, x, y, inputs, units),
});

/** The model's buffers, made anew when its shape or the kernel changed. */
function buffersFor(m: Model, kernel: Planner | undefined): Buffers {
  const sizes = sizesOf(m), had = buffers.get(m);
  if (had && had.kernel === kernel && had.sizes.length === sizes.length && had.sizes.every((n, i) => n === sizes[i])) return had;
  const made: Buffers = { sizes, kernel, ...(kernel?.(sizes) ?? jsPlan(sizes)) };
  buffers.set(m, made);
  return made;
}

/** y = x · kernel (Keras' layout), four units at a time, then one at a time for the rest. */
function denseJs(kernel: Float32Array, x: Float32Array, y: Float32Array, inputs: number, units: number): void {
  let u = 0;
  for (; u + 3 < units; u += 4) {
    let a0 = 0, a1 = 0, a2 = 0, a3 = 0;
    for (let i = 0, at = u; i < inputs; i++, at += units) {
      const xi = x[i];
      a0 += xi * kernel[at];
      a1 += xi * kernel[at + 1];
      a2 += xi * kernel[at + 2];
      a3 += xi * kernel[at + 3];
    }
    y[u] = a0;
    y[u + 1] = a1;
    y[u + 2] = a2;
    y[u + 3] = a3;
  }
  for (; u < units; u++) {
    let a = 0;
    for (let i = 0, at = u; i < inputs; i++, at += units) a += x[i] * kernel[at];
    y[u] = a;
  }
}

/** y = x · kernel over the living connections only (links is indexed like the kernel). */
function denseLinked(kernel: Float32Array, links: Uint8Array, x: Float32Array, y: Float32Array, inputs: number, units: number): void {
  y.fill(0);
  for (let i = 0, row = 0; i < inputs; i++, row += units) {
    const xi = x[i];
    for (let u = 0; u < units; u++) if (links[row + u]) y[u] += xi * kernel[row + u];
  }
}

function sized(mask: Uint8Array | null | undefined, length: number, what: string, li: number): void {
  if (mask && mask.length !== length) throw new RangeError(`alive.${what}[${li}]: must be ${length} long, got ${mask.length}`);
}

/** The output layer's values (after its activation) for one HxWx3 image, 0..255 HWC. The returned buffer is reused. */
export function forward(model: Model, pixels: Pixels, opts?: ForwardOptions): Float32Array {
  const b = buffersFor(model, opts?.kernel), { scale, offset, layers } = model, alive = opts?.alive, last = layers.length - 1;
  let x = b.input;
  if (pixels.length !== x.length) {
    throw new RangeError(`pixels: must be ${model.inputShape.join('x')} = ${x.length} values, got ${pixels.length}`);
  }
  for (let i = 0; i < x.length; i++) x[i] = pixels[i] * scale + offset;
  for (let li = 0; li <= last; li++) {
    const { inputs, units, kernel, bias, activation } = layers[li], y = b.outs[li];
    const live = li < last ? alive?.neurons[li] : null, links = alive?.connections?.[li];
    sized(live, units, 'neurons', li);
    sized(links, inputs * units, 'connections', li);
    if (links) denseLinked(kernel, links, x, y, inputs, units);
    else b.dense(li, kernel, x, y, inputs, units);
    if (bias) for (let u = 0; u < units; u++) y[u] += bias[u];
    // a dead neuron is -Infinity until activated (so a softmax layer leaves it out), then 0
    if (live) for (let u = 0; u < units; u++) if (!live[u]) y[u] = -Infinity;
    ACTIVATION_RULES[activation].apply(y);
    if (live) for (let u = 0; u < units; u++) if (!live[u]) y[u] = 0;
    x = y;
  }
  return x;
}

/** Fresh copies of every Dense layer's output: hidden layers, then the output layer (for the portrait). */
export function activations(model: Model, pixels: Pixels, opts?: ForwardOptions): Float32Array[] {
  forward(model, pixels, opts);
  return buffers.get(model)!.outs.map((o) => o.slice());
}

/** The output layer's values as class probabilities (a new array): softmaxed, unless the layer already is softmax. */
export function probabilities(model: Model, output: Float32Array): Float32Array {
  return model.layers[model.layers.length - 1].activation === 'softmax' ? output.slice() : softmax(output, new Float32Array(output.length));
}

/** Class probabilities, most likely first (ties in class order: the sort is stable). Throws InvalidOutputError rather
 * than answer with a probability that is not a finite number. */
export function classify(model: Model, pixels: Pixels, opts?: ForwardOptions): { name: string; index: number; p: number }[] {
  const probs = probabilities(model, forward(model, pixels, opts));
  if (!probs.every(Number.isFinite)) throw new InvalidOutputError(model.name);
  return Array.from(probs, (p, index) => ({ name: model.classes[index], index, p })).sort((a, b) => b.p - a.p);
}
