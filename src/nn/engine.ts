// The dense feed-forward engine. Per model it keeps a plan: every kernel transposed to one contiguous row per unit
// (so a unit is a single dot product) and one preallocated buffer per layer, so forward() allocates nothing.
import type { Activation, AliveMask, Model } from './model';
import { createKernel, type Kernel } from './simd';

type Pixels = Uint8ClampedArray | Uint8Array | Float32Array;
export interface ForwardOptions {
  alive?: AliveMask;
}
interface Plan {
  kernels: Float32Array[]; // the model's kernels the rows were made from
  rows: Float32Array[]; // rows[l][y * inputs + x] = kernel[x * units + y]
  input: Float32Array;
  outs: Float32Array[];
  dot: Kernel['dot'] | null; // the WebAssembly SIMD kernel when rows, input and outs live in its memory
  simd: boolean;
  fresh: boolean; // false after invalidate()
}

const plans = new WeakMap<Model, Plan>();
let simd = true;

/** Turns the WebAssembly SIMD kernel on or off (on by default); returns whether it is in use. */
export function useSimd(on: boolean): boolean {
  simd = on;
  return on && !!createKernel(0);
}

/** Refresh the cached transposed kernels of a model whose kernels were changed in place (e.g. by training): forward()
 * cannot see such edits (checking would cost inscribed bytes for a case the page never has); a replaced array it sees. */
export function invalidate(model: Model): void {
  const p = plans.get(model);
  if (p) p.fresh = false; // buffers (and the WebAssembly instance) are kept; the rows are re-transposed on next use
}

export function parameterCount(model: Model): number {
  return model.layers.reduce((n, l) => n + l.kernel.length + (l.bias?.length ?? 0), 0);
}

function plan(m: Model): Plan {
  const ls = m.layers, L = ls.length;
  let p = plans.get(m);
  // A new plan (and block of buffers) when the kernel mode changed or a kernel array was replaced.
  if (!p || p.simd !== simd || p.kernels.length !== L || ls.some((l, i) => l.kernel !== p!.kernels[i] || p!.outs[i].length !== l.units)) {
    let n = m.inputShape[0] * m.inputShape[1] * m.inputShape[2];
    for (const l of ls) {
      if (l.inputs !== n || l.kernel.length !== n * l.units || (l.bias && l.bias.length !== l.units)) {
        throw new RangeError(`inconsistent Dense layer (${l.inputs} inputs, ${l.units} units)`);
      }
      n = l.units;
    }
    // One block of floats: every layer's rows, the input, every layer's output; in the SIMD kernel's memory if possible.
    const sizes = [...ls.map((l) => l.kernel.length), ls[0].inputs, ...ls.map((l) => l.units)];
    const total = sizes.reduce((a, b) => a + b), kernel = simd ? createKernel(total * 4) : null;
    const block = kernel ? new Float32Array(kernel.memory.buffer, 0, total) : new Float32Array(total);
    let at = 0;
    const views = sizes.map((n) => block.subarray(at, (at += n)));
    plans.set(m, (p = { kernels: ls.map((l) => l.kernel), rows: views.slice(0, L), input: views[L], outs: views.slice(L + 1), dot: kernel && kernel.dot, simd, fresh: false }));
  }
  if (!p.fresh) {
    for (const [i, { inputs, units, kernel }] of ls.entries()) {
      const rows = p.rows[i];
      for (let x = 0; x < inputs; x++) for (let y = 0; y < units; y++) rows[y * inputs + x] = kernel[x * units + y];
    }
    p.fresh = true;
  }
  return p;
}

const same = (v: number) => v;
const ACTIVATE: Record<Activation, (v: number) => number> = {
  linear: same,
  softmax: same, // applied to the whole layer first
  relu: (v) => (v > 0 ? v : 0),
  leaky_relu: (v) => (v > 0 ? v : 0.2 * v),
  tanh: Math.tanh,
  sigmoid: (v) => 1 / (1 + Math.exp(-v)),
};

/** out = softmax(v), subtracting the maximum first so large logits cannot overflow. */
export function softmax(v: Float32Array, out: Float32Array): Float32Array {
  const max = Math.max(...v);
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += out[i] = Math.exp(v[i] - max);
  for (let i = 0; i < v.length; i++) out[i] /= sum;
  return out;
}


function sized(mask: Uint8Array | null | undefined, length: number, what: string, li: number): void {
  if (mask && mask.length !== length) throw new RangeError(`alive.${what}[${li}]: must be ${length} long, got ${mask.length}`);
}

/** Logits (after the output layer's activation) for one HxWx3 image, 0..255 HWC. The returned buffer is reused. */
export function forward(model: Model, pixels: Pixels, opts?: ForwardOptions): Float32Array {
  const p = plan(model), { scale, offset, layers } = model, alive = opts?.alive, last = layers.length - 1;
  let x = p.input;
  if (pixels.length !== x.length) {
    throw new RangeError(`pixels: must be ${model.inputShape.join('x')} = ${x.length} values, got ${pixels.length}`);
  }
  for (let i = 0; i < x.length; i++) x[i] = pixels[i] * scale + offset;
  for (let li = 0; li <= last; li++) {
    const { inputs: n, units, bias: b, activation } = layers[li], y = p.outs[li], w = p.rows[li];
    const live = li < last ? alive?.neurons[li] : null, links = alive?.connections?.[li], dot = links ? null : p.dot;
    sized(live, units, 'neurons', li);
    sized(links, n * units, 'connections', li);
    for (let u = 0, base = 0; u < units; u++, base += n) {
      let a0 = b ? b[u] : 0, a1 = 0, a2 = 0, a3 = 0, i = 0;
      // a dead neuron is -Infinity until activated (so a softmax layer leaves it out), then 0
      if (live && !live[u]) y[u] = -Infinity;
      // byte offsets into the kernel's memory: the views are consecutive in one block starting at 0
      else if (dot) y[u] = dot(w.byteOffset + base * 4, x.byteOffset, n) + a0;
      else {
        if (!links) {
          for (; i + 3 < n; i += 4) {
            a0 += w[base + i] * x[i];
            a1 += w[base + i + 1] * x[i + 1];
            a2 += w[base + i + 2] * x[i + 2];
            a3 += w[base + i + 3] * x[i + 3];
          }
        }
        for (; i < n; i++) if (!links || links[i * units + u]) a0 += w[base + i] * x[i];
        y[u] = a0 + a1 + (a2 + a3);
      }
    }
    if (activation === 'softmax') softmax(y, y);
    const f = ACTIVATE[activation];
    for (let u = 0; u < units; u++) y[u] = live && !live[u] ? 0 : f(y[u]);
    x = y;
  }
  return x;
}

/** Fresh copies of every Dense layer's output: hidden layers, then the logits (for the portrait). */
export function activations(model: Model, pixels: Pixels, opts?: ForwardOptions): Float32Array[] {
  forward(model, pixels, opts);
  return plans.get(model)!.outs.map((o) => o.slice());
}

/** Class probabilities, most likely first (ties in class order: the sort is stable). An output layer that already
 * applies softmax is not softmaxed twice. */
export function classify(model: Model, pixels: Pixels, opts?: ForwardOptions): { name: string; index: number; p: number }[] {
  const logits = forward(model, pixels, opts);
  const probs = model.layers[model.layers.length - 1].activation === 'softmax' ? logits.slice() : softmax(logits, logits.slice());
  return Array.from(probs, (p, index) => ({ name: model.classes[index], index, p })).sort((a, b) => b.p - a.p);
}
