// The dense feed-forward engine. It reads every kernel as it is at the moment of the call (Keras' layout, no derived
// copy kept between calls), so a kernel edited in place, as a trainer does, is always seen. Per model it keeps only
// buffers: one per layer output and, with WebAssembly SIMD, one block of the kernel's memory the weights are copied
// into on each call (a plain copy, about a tenth of the time a forward pass takes).
import type { AliveMask, Model } from './model';
import { ACTIVATION_RULES, softmax } from './activations';
import type { Kernel } from './simd';
import { InvalidOutputError } from './errors';

type Pixels = Uint8ClampedArray | Uint8Array | Float32Array;
export interface ForwardOptions {
  alive?: AliveMask;
}
interface Buffers {
  /** what these buffers were made for: the layer sizes [inputs, units of each layer] and useSimd's setting */
  sizes: number[];
  simd: boolean;
  input: Float32Array;
  outs: Float32Array[];
  /** With the SIMD kernel: where each layer's weights are copied to, in its memory (input and outs live there too). */
  kernels: Float32Array[] | null;
  dense: Kernel['dense'] | null;
}

const buffers = new WeakMap<Model, Buffers>();
let simd = true;
/** simd.ts's createKernel, once given (nn/index.ts gives it). The engine does not import it, so a bundle of the engine
 * alone (the library, src/lib.ts, which classifies one image at a time) leaves the WebAssembly module out. */
let createKernel: (bytes: number) => Kernel | null = () => null;

/** Gives the engine its WebAssembly SIMD kernel (simd.ts's createKernel); without it the plain JS path runs. */
export function provideKernel(create: (bytes: number) => Kernel | null): void {
  createKernel = create;
}

/** Turns the WebAssembly SIMD kernel on or off (on by default, once provided); returns whether it is in use. */
export function useSimd(on: boolean): boolean {
  simd = on;
  return on && !!createKernel(0);
}

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

/** The model's buffers, made anew when its shape or the kernel mode changed. */
function buffersFor(m: Model): Buffers {
  const sizes = sizesOf(m), had = buffers.get(m);
  if (had && had.simd === simd && had.sizes.length === sizes.length && had.sizes.every((n, i) => n === sizes[i])) return had;
  const kernelSizes = m.layers.map((l) => l.kernel.length);
  // The SIMD kernel writes whole blocks of 4 units and reads up to 3 floats past a kernel row: outputs get room for
  // that, and the input follows the kernels so that reading past the last one stays in memory.
  const padded = sizes.slice(1).map((n) => Math.ceil(n / 4) * 4);
  const sum = (a: number[]) => a.reduce((s, n) => s + n, 0);
  const kernel = simd ? createKernel((sum(kernelSizes) + sizes[0] + sum(padded)) * 4) : null;
  const lengths = [...kernelSizes.map((n) => (kernel ? n : 0)), sizes[0], ...padded];
  const total = sum(lengths);
  const block = kernel ? new Float32Array(kernel.memory.buffer, 0, total) : new Float32Array(total);
  let at = 0;
  const views = lengths.map((n) => block.subarray(at, (at += n)));
  const L = m.layers.length;
  const made: Buffers = {
    sizes,
    simd,
    input: views[L],
    outs: views.slice(L + 1).map((v, i) => v.subarray(0, sizes[i + 1])),
    kernels: kernel ? views.slice(0, L) : null,
    dense: kernel ? kernel.dense : null,
  };
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
  const b = buffersFor(model), { scale, offset, layers } = model, alive = opts?.alive, last = layers.length - 1;
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
    else if (b.dense && b.kernels) {
      const copy = b.kernels[li];
      copy.set(kernel);
      b.dense(copy.byteOffset, x.byteOffset, y.byteOffset, inputs, units);
    } else denseJs(kernel, x, y, inputs, units);
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
