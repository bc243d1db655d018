// The dense feed-forward engine. Per model it keeps a plan: every kernel transposed to one contiguous row per unit
// (so a unit is a single dot product) and one preallocated buffer per layer, so forward() allocates nothing.
import type { Activation, AliveMask, Dense, Model } from './model';
import { createKernel, simdAvailable, type Kernel } from './simd';

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
}

const plans = new WeakMap<Model, Plan>();
let simd = true;

/** Turns the WebAssembly SIMD kernel on or off (on by default); returns whether it is in use. */
export function useSimd(on: boolean): boolean {
  simd = on;
  return on && simdAvailable();
}

/** Refresh the cached transposed kernels of a model whose kernels were changed in place (e.g. by training). */
export function invalidate(model: Model): void {
  const p = plans.get(model);
  if (p) p.kernels = []; // buffers (and the WebAssembly instance) are kept; the rows are re-transposed on next use
}

export function parameterCount(model: Model): number {
  return model.layers.reduce((n, l) => n + l.kernel.length + (l.bias ? l.bias.length : 0), 0);
}

function transpose(l: Dense, rows: Float32Array): void {
  const { inputs, units, kernel } = l;
  for (let x = 0; x < inputs; x++) for (let y = 0; y < units; y++) rows[y * inputs + x] = kernel[x * units + y];
}

// Replacing a kernel array is always noticed; in-place edits are caught by spot checks (call invalidate() to be sure).
function stale(p: Plan, m: Model): boolean {
  if (p.kernels.length !== m.layers.length) return true;
  return m.layers.some((l, i) => {
    const k = l.kernel, r = p.rows[i], last = k.length - 1, mid = last >> 1;
    return k !== p.kernels[i] || k[0] !== r[0] || k[last] !== r[last] ||
      k[mid] !== r[(mid % l.units) * l.inputs + ((mid / l.units) | 0)];
  });
}

// Same layer sizes and kernel mode: the plan's buffers can be reused, only the rows need refreshing.
const fits = (p: Plan, m: Model): boolean =>
  p.simd === simd && p.rows.length === m.layers.length && p.input.length === m.layers[0].inputs &&
  m.layers.every((l, i) => p.rows[i].length === l.kernel.length && p.outs[i].length === l.units);

function plan(m: Model): Plan {
  let p = plans.get(m);
  if (p && fits(p, m)) {
    if (stale(p, m)) {
      m.layers.forEach((l, i) => transpose(l, p!.rows[i]));
      p.kernels = m.layers.map((l) => l.kernel);
    }
    return p;
  }
  let n = m.inputShape[0] * m.inputShape[1] * m.inputShape[2];
  for (const l of m.layers) {
    if (l.inputs !== n || l.kernel.length !== n * l.units || (l.bias && l.bias.length !== l.units)) {
      throw new RangeError(`model "${m.name}": inconsistent Dense layer (${l.inputs} inputs, ${l.units} units)`);
    }
    n = l.units;
  }
  // One block of floats: every layer's rows, the input, every layer's output; in the SIMD kernel's memory if possible.
  const sizes = [...m.layers.map((l) => l.kernel.length), m.layers[0].inputs, ...m.layers.map((l) => l.units)];
  const total = sizes.reduce((a, b) => a + b, 0), kernel = simd ? createKernel(total * 4) : null;
  const block = kernel ? new Float32Array(kernel.memory.buffer, 0, total) : new Float32Array(total);
  let at = 0;
  const views = sizes.map((n) => block.subarray(at, (at += n))), L = m.layers.length;
  p = { kernels: m.layers.map((l) => l.kernel), rows: views.slice(0, L), input: views[L], outs: views.slice(L + 1), dot: kernel && kernel.dot, simd };
  m.layers.forEach((l, i) => transpose(l, p!.rows[i]));
  plans.set(m, p);
  return p;
}

function activate(v: Float32Array, a: Activation): void {
  const n = v.length;
  if (a === 'relu') for (let i = 0; i < n; i++) v[i] = v[i] > 0 ? v[i] : 0;
  else if (a === 'leaky_relu') for (let i = 0; i < n; i++) v[i] = v[i] > 0 ? v[i] : 0.2 * v[i];
  else if (a === 'tanh') for (let i = 0; i < n; i++) v[i] = Math.tanh(v[i]);
  else if (a === 'sigmoid') for (let i = 0; i < n; i++) v[i] = 1 / (1 + Math.exp(-v[i]));
  else if (a === 'softmax') softmax(v, v);
}

/** out = softmax(v), subtracting the maximum first so large logits cannot overflow. */
export function softmax(v: Float32Array, out: Float32Array): Float32Array {
  let max = -Infinity, sum = 0;
  for (let i = 0; i < v.length; i++) if (v[i] > max) max = v[i];
  for (let i = 0; i < v.length; i++) sum += out[i] = Math.exp(v[i] - max);
  for (let i = 0; i < v.length; i++) out[i] /= sum;
  return out;
}

/** Logits (after the output layer's activation) for one HxWx3 image, 0..255 HWC. The returned buffer is reused. */
export function forward(model: Model, pixels: Pixels, opts?: ForwardOptions): Float32Array {
  const p = plan(model), x0 = p.input, n0 = x0.length, scale = model.scale, offset = model.offset;
  if (pixels.length !== n0) {
    throw new RangeError(`forward: "${model.name}" needs ${model.inputShape.join('x')} = ${n0} pixel values, got ${pixels.length}`);
  }
  for (let i = 0; i < n0; i++) x0[i] = pixels[i] * scale + offset;
  const alive = opts?.alive, last = model.layers.length - 1;
  let x = x0;
  for (let li = 0; li <= last; li++) {
    const l = model.layers[li], y = p.outs[li], w = p.rows[li], n = l.inputs, units = l.units, b = l.bias;
    const live = li < last ? alive?.neurons[li] : null, links = alive?.connections?.[li];
    if (live && live.length !== units) throw new RangeError(`forward: alive.neurons[${li}] has ${live.length} entries, layer has ${units}`);
    if (links && links.length !== n * units) throw new RangeError(`forward: alive.connections[${li}] has ${links.length} entries, kernel has ${n * units}`);
    if (p.dot && !links) {
      // byte offsets into the kernel's memory: the views are consecutive in one block starting at 0
      const wAt = w.byteOffset, xAt = x.byteOffset, dot = p.dot;
      for (let u = 0; u < units; u++) y[u] = !live || live[u] ? dot(wAt + u * n * 4, xAt, n) + (b ? b[u] : 0) : -Infinity;
    } else for (let u = 0; u < units; u++) {
      // a dead neuron is -Infinity until activated (so a softmax layer leaves it out), then 0
      if (live && !live[u]) {
        y[u] = -Infinity;
        continue;
      }
      const base = u * n;
      let a0 = b ? b[u] : 0, a1 = 0, a2 = 0, a3 = 0, i = 0;
      if (links) {
        for (; i < n; i++) if (links[i * units + u]) a0 += w[base + i] * x[i];
      } else {
        for (; i + 3 < n; i += 4) {
          a0 += w[base + i] * x[i];
          a1 += w[base + i + 1] * x[i + 1];
          a2 += w[base + i + 2] * x[i + 2];
          a3 += w[base + i + 3] * x[i + 3];
        }
        for (; i < n; i++) a0 += w[base + i] * x[i];
      }
      y[u] = a0 + a1 + (a2 + a3);
    }
    activate(y, l.activation);
    if (live) for (let u = 0; u < units; u++) if (!live[u]) y[u] = 0;
    x = y;
  }
  return x;
}

/** Fresh copies of every Dense layer's output: hidden layers, then the logits (for the portrait). */
export function activations(model: Model, pixels: Pixels, opts?: ForwardOptions): Float32Array[] {
  forward(model, pixels, opts);
  return plans.get(model)!.outs.map((o) => o.slice());
}

/** Class probabilities, most likely first. An output layer that already applies softmax is not softmaxed twice. */
export function classify(model: Model, pixels: Pixels, opts?: ForwardOptions): { name: string; index: number; p: number }[] {
  const logits = forward(model, pixels, opts);
  const probs = model.layers[model.layers.length - 1].activation === 'softmax' ? logits.slice() : softmax(logits, new Float32Array(logits.length));
  return Array.from(probs, (p, index) => ({ name: model.classes[index], index, p })).sort((a, b) => b.p - a.p || a.index - b.index);
}
