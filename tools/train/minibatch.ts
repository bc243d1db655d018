// Forward and backward passes over a whole minibatch at once, and the Adam step, on one heap that the kernels
// (tools/train/kernels.ts) address: the training images, the parameters, their gradients, Adam's moments and every
// per-batch buffer, laid out once per run, so a step allocates nothing.
// The first layer (inputs x units, nearly all the work) runs through the kernels: Z = X·W for the forward pass and
// dW = Xᵀ·dZ for the backward pass (its dX is never needed). The small layers after it run in plain JS.
// Dropout is per sample: a mask of 0/1 per hidden neuron, applied with the activation (a dead neuron outputs 0 and
// passes back no gradient), as the engine's forward() and src/nn/backward.ts treat an AliveMask.
import { ACTIVATION_RULES } from '../../src/nn/activations';
import type { AliveMask, Int4Grid, Model } from '../../src/nn/index';
import { levelOf } from '../../src/nn/int4';
import { createKernels, type Kernels } from './kernels';
import { crossEntropy, type SampleLoss } from './loss';
import { argmax } from './evaluate';

const BLOCK = 64; // bytes: every region starts on a cache line; rows are whole multiples of 16 floats
const aligned = (bytes: number): number => Math.ceil(bytes / BLOCK) * BLOCK;

interface StoredImages { images: Uint8Array; count: number; pixels: number; rowBytes: number; kernels: Kernels }

// A training set's heap once its trainer has released it, kept for the next run on the same images (a collection
// trains many brains on one dataset; a heap can grow but never shrink). A trainer holds its heap until release(): one
// made while the set's heap is held gets a heap of its own, so no trainer's heap is ever taken over by another.
const freeHeaps = new WeakMap<Uint8Array, StoredImages>();

/**
 * The images at the start of a heap, one row of rowBytes / 4 bytes each (zero-padded to a multiple of 16). They stay
 * bytes there: each minibatch is scaled to float32 as it is gathered (a fraction of the cost of the matrix products,
 * where a float32 copy of the whole set would touch four times the memory).
 */
function storedImages(images: Uint8Array, count: number, pixels: number, simd: boolean): StoredImages {
  const free = freeHeaps.get(images);
  freeHeaps.delete(images);
  if (free && free.count === count && free.pixels === pixels && free.kernels.simd === simd) return free;
  const rowBytes = aligned(pixels * 4), stride = rowBytes >> 2, kernels = createKernels(simd);
  kernels.reserve(count * stride);
  const heap = new Uint8Array(kernels.memory.buffer);
  if (stride === pixels) heap.set(images.subarray(0, count * pixels));
  else for (let r = 0; r < count; r++) heap.set(images.subarray(r * pixels, (r + 1) * pixels), r * stride);
  return { images, count, pixels, rowBytes, kernels };
}

type Rule = (typeof ACTIVATION_RULES)[keyof typeof ACTIVATION_RULES];

interface LayerBuffers {
  units: number;
  inputs: number;
  rule: Rule;
  /** views into the heap; the first layer's kernel (and its gradient) is stored one padded row per unit */
  kernel: Float32Array; bias: Float32Array | null; gradKernel: Float32Array; gradBias: Float32Array | null;
  kernelAt: number; gradKernelAt: number; // their byte offsets
  out: Float32Array; outAt: number; // [batch x units]: pre-activations, then outputs
  delta: Float32Array; deltaAt: number; // [batch x units]: dLoss/dOutput, then dLoss/dPre-activation
  mask: Uint8Array | null; // [batch x units]: 1 alive, 0 dead (hidden layers only)
  /** per-sample views of out and delta, for a softmax layer (applied to each sample's outputs as a whole) and the
   * output layer (the loss reads each sample's outputs) */
  samples: { out: Float32Array; delta: Float32Array }[] | null;
  softmax: boolean;
}

export interface BatchResult { loss: number; right: number; seen: number }

export class MinibatchTrainer {
  readonly kernels: Kernels;
  readonly batchSize: number;
  private readonly data: StoredImages;
  private readonly scale: number;
  private readonly offset: number;
  private readonly layers: LayerBuffers[];
  private readonly sources: Int32Array; // byte offsets of the batch's images in the stored set
  private readonly sourcesAt: number;
  private readonly inputAt: number; // the batch's images as float32 rows
  private readonly rowsAt: number; // byte offsets of those rows (an i32 list, for the kernels)
  private readonly full: Uint8Array; // 1: the sample trains with every neuron alive
  private readonly params: { at: number; count: number }; // all parameters, then gradients, m and v alike
  private readonly grads: number;
  private readonly m: number;
  private readonly v: number;
  private t = 0;
  private released = false;
  /** set by trainOnGrid(): the grid, and the float kernels Adam's updates accumulate in (the heap holds them rounded) */
  private rounding: { grid: Int4Grid; shadow: Float32Array[] } | null = null;

  constructor(model: Model, images: Uint8Array, count: number, opts: { batchSize: number; simd?: boolean }) {
    const pixels = model.inputShape[0] * model.inputShape[1] * model.inputShape[2], B = opts.batchSize, last = model.layers.length - 1;
    if (images.length !== count * pixels) throw new Error(`training images are not ${model.inputShape.join('x')} (${images.length} bytes for ${count} images)`);
    if (!Number.isInteger(B) || B < 1) throw new Error(`batch size must be a positive integer, got ${B}`);
    model.layers.forEach((l, i) => {
      if (l.activation === 'softmax' && i < last) throw new Error(`layer ${i}: the trainer supports softmax on the output layer only`);
    });
    this.batchSize = B;
    this.data = storedImages(images, count, pixels, opts.simd ?? true);
    this.scale = model.scale;
    this.offset = model.offset;
    const k = (this.kernels = this.data.kernels), rowBytes = this.data.rowBytes;
    // After the images: parameters | gradients | Adam's m | Adam's v (one layout for all four), then batch buffers.
    const shapes = model.layers.map((l, i) => ({ kernel: i === 0 ? l.units * rowBytes : aligned(l.kernel.length * 4), bias: l.bias ? aligned(l.units * 4) : 0 }));
    const paramBytes = shapes.reduce((n, s) => n + s.kernel + s.bias, 0);
    const start = aligned(count * (rowBytes >> 2));
    let at = start;
    const block = (bytes: number): number => { const a = at; at += aligned(bytes); return a; };
    const P = block(paramBytes), G = block(paramBytes);
    this.grads = G; this.m = block(paramBytes); this.v = block(paramBytes);
    this.params = { at: P, count: paramBytes >> 2 };
    this.sourcesAt = block(4 * B); this.rowsAt = block(4 * B); this.inputAt = block(B * rowBytes);
    const outs = model.layers.map((l) => [block(4 * B * l.units), block(4 * B * l.units)]);
    k.reserve(at);
    const buf = k.memory.buffer;
    new Float32Array(buf).fill(0, start >> 2, at >> 2); // a reused heap holds the previous run's numbers
    this.sources = new Int32Array(buf, this.sourcesAt, B);
    new Int32Array(buf, this.rowsAt, B).forEach((_, s, rows) => (rows[s] = this.inputAt + s * rowBytes));
    this.full = new Uint8Array(B);
    let p = P;
    this.layers = model.layers.map((l, i) => {
      const kernelAt = p, biasAt = p + shapes[i].kernel, kernelFloats = i === 0 ? (l.units * rowBytes) >> 2 : l.kernel.length;
      const [outAt, deltaAt] = outs[i], units = l.units;
      p = biasAt + shapes[i].bias;
      const out = new Float32Array(buf, outAt, B * units), delta = new Float32Array(buf, deltaAt, B * units);
      return {
        units, inputs: l.inputs, rule: ACTIVATION_RULES[l.activation],
        kernel: new Float32Array(buf, kernelAt, kernelFloats), bias: l.bias ? new Float32Array(buf, biasAt, units) : null,
        gradKernel: new Float32Array(buf, kernelAt + G - P, kernelFloats), gradBias: l.bias ? new Float32Array(buf, biasAt + G - P, units) : null,
        kernelAt, gradKernelAt: kernelAt + G - P,
        out, outAt, delta, deltaAt,
        mask: i < last ? new Uint8Array(B * units) : null,
        softmax: l.activation === 'softmax',
        samples: l.activation === 'softmax' || i === last ? Array.from({ length: B }, (_, s) => ({ out: out.subarray(s * units, (s + 1) * units), delta: delta.subarray(s * units, (s + 1) * units) })) : null,
      };
    });
    this.load(model);
  }

  /** Throws once the trainer has released its heap (which another trainer may hold by now). */
  private holding(): void {
    if (this.released) throw new Error('this trainer has released its heap (release() ends a run)');
  }

  /** Ends this trainer's run: its heap goes back to its training set, for the next trainer on the same images. */
  release(): void {
    if (this.released) return;
    this.released = true;
    freeHeaps.set(this.data.images, this.data);
  }

  /** Copies the model's parameters into the heap (the first kernel transposed to one row per unit). */
  load(model: Model): void {
    this.holding();
    const stride = this.data.rowBytes >> 2;
    model.layers.forEach((l, i) => {
      const L = this.layers[i];
      if (i === 0) for (let x = 0; x < l.inputs; x++) for (let u = 0; u < l.units; u++) L.kernel[u * stride + x] = l.kernel[x * l.units + u];
      else L.kernel.set(l.kernel);
      if (l.bias) L.bias!.set(l.bias);
    });
  }

  /**
   * Quantization-aware training from now on (the straight-through estimator): the passes see every kernel rounded onto
   * `grid` (one scale per unit), so the gradients are those of the brain as it will be inscribed; each step's update
   * goes to a float copy of the kernels, which is rounded again. store() then writes the rounded kernels.
   */
  trainOnGrid(grid: Int4Grid): void {
    this.rounding = { grid, shadow: this.layers.map((L) => L.kernel.slice()) };
    this.round(false);
  }

  /** kernels = shadow on the grid; first (after a step) shadow += the step, read as the kernels' move off the grid. */
  private round(afterStep: boolean): void {
    const { grid: { scales, lo, hi }, shadow } = this.rounding!, stride = this.data.rowBytes >> 2;
    this.layers.forEach((L, li) => {
      const w = L.kernel, f = shadow[li], unitScales = scales[li];
      for (let i = 0; i < w.length; i++) {
        // the first kernel is one padded row per unit; the others are Keras' layout (a row of units per input)
        const s = unitScales[li === 0 ? Math.floor(i / stride) : i % L.units];
        if (afterStep) f[i] += w[i] - levelOf(f[i], s, lo, hi) * s;
        w[i] = levelOf(f[i], s, lo, hi) * s;
      }
    });
  }

  /** Copies the trained parameters back into the model (Keras layout). */
  store(model: Model): void {
    this.holding();
    model.layers.forEach((l, i) => {
      l.kernel.set(this.modelLayout(i, this.layers[i].kernel));
      if (l.bias) l.bias.set(this.layers[i].bias!);
    });
  }

  /** A layer's kernel gradient from the last forwardBackward(), in the model's layout (a copy; for tests). */
  kernelGradient(layer: number): Float32Array {
    return this.modelLayout(layer, this.layers[layer].gradKernel);
  }

  biasGradient(layer: number): Float32Array | null {
    return this.layers[layer].gradBias?.slice() ?? null;
  }

  private modelLayout(i: number, src: Float32Array): Float32Array {
    const L = this.layers[i];
    if (i > 0) return src.slice();
    const out = new Float32Array(L.inputs * L.units), stride = this.data.rowBytes >> 2;
    for (let x = 0; x < L.inputs; x++) for (let u = 0; u < L.units; u++) out[x * L.units + u] = src[u * stride + x];
    return out;
  }

  /** Puts image `index` in slot s of the batch, with its dropout mask (undefined: every neuron alive), copied. */
  setSample(s: number, index: number, alive?: AliveMask): void {
    if (alive?.connections?.some((c) => c)) throw new Error('the trainer drops neurons, not single connections');
    this.sources[s] = index * (this.data.rowBytes >> 2);
    this.full[s] = alive ? 0 : 1;
    for (let i = 0; i < this.layers.length - 1; i++) {
      const L = this.layers[i], live = alive?.neurons[i], base = s * L.units;
      for (let u = 0; u < L.units; u++) L.mask![base + u] = !live || live[u] ? 1 : 0;
    }
  }

  /**
   * Forward and backward over the first n samples set: fills the gradients of `loss` (default: cross-entropy to the
   * labels) summed over the samples, and returns the summed loss and, over the samples with every neuron alive, how
   * many were classified right.
   */
  forwardBackward(n: number, labels: ArrayLike<number>, loss: SampleLoss = crossEntropy(labels)): BatchResult {
    this.holding();
    this.forward(n);
    const result = this.loss(n, labels, loss);
    this.backward(n);
    return result;
  }

  private forward(n: number): void {
    const { layers, kernels: k } = this, rowBytes = this.data.rowBytes;
    k.gather(this.sourcesAt, n, this.inputAt, rowBytes, this.scale, this.offset);
    for (let li = 0; li < layers.length; li++) {
      const L = layers[li], U = L.units, y = L.out;
      if (li === 0) k.dots(this.rowsAt, n, U, L.kernelAt, rowBytes, L.outAt, U);
      else {
        // y = x · W for the small layers, W in Keras' layout (a row of units per input); dead inputs are skipped
        const x = layers[li - 1].out, I = L.inputs, w = L.kernel;
        y.fill(0, 0, n * U);
        for (let s = 0; s < n; s++) {
          for (let i = 0; i < I; i++) {
            const xi = x[s * I + i];
            if (xi !== 0) for (let u = 0, row = i * U, o = s * U; u < U; u++) y[o + u] += xi * w[row + u];
          }
        }
      }
      // bias, activation, and the dropout mask (a dead neuron outputs 0)
      if (L.bias) for (let s = 0, b = L.bias; s < n; s++) for (let u = 0; u < U; u++) y[s * U + u] += b[u];
      if (L.softmax) for (let s = 0; s < n; s++) L.rule.apply(L.samples![s].out);
      else L.rule.apply(n === this.batchSize ? y : y.subarray(0, n * U));
      if (L.mask) for (let i = 0, m = L.mask; i < n * U; i++) if (!m[i]) y[i] = 0;
    }
  }

  /** The loss of each sample's outputs, its dLoss/dOutput in the output layer's delta; right answers by the labels. */
  private loss(n: number, labels: ArrayLike<number>, loss: SampleLoss): BatchResult {
    const out = this.layers[this.layers.length - 1];
    let sum = 0, right = 0, seen = 0;
    for (let s = 0; s < n; s++) {
      const { out: y, delta } = out.samples![s];
      const best = argmax(y);
      sum += loss(y, delta, s);
      if (this.full[s]) { seen++; if (best === labels[s]) right++; }
    }
    return { loss: sum, right, seen };
  }

  private backward(n: number): void {
    const { layers, kernels: k } = this, rowBytes = this.data.rowBytes;
    for (let li = layers.length - 1; li >= 0; li--) {
      const L = layers[li], U = L.units, delta = L.delta;
      // through the activation, then the mask (a dead neuron passes back nothing)
      if (L.softmax) for (let s = 0; s < n; s++) L.rule.backward(L.samples![s].out, L.samples![s].delta);
      else if (n === this.batchSize) L.rule.backward(L.out, delta);
      else L.rule.backward(L.out.subarray(0, n * U), delta.subarray(0, n * U));
      if (L.mask) for (let i = 0, m = L.mask; i < n * U; i++) if (!m[i]) delta[i] = 0;
      if (L.gradBias) {
        const gb = L.gradBias.fill(0);
        for (let s = 0; s < n; s++) for (let u = 0; u < U; u++) gb[u] += delta[s * U + u];
      }
      if (li === 0) {
        k.outer(this.rowsAt, n, L.deltaAt, U, U, L.gradKernelAt, rowBytes); // dW = Xᵀ·dZ; no dX for the pixels
        continue;
      }
      // dW = xᵀ·dZ and dx = dZ·Wᵀ for the small layers
      const I = L.inputs, x = layers[li - 1].out, back = layers[li - 1].delta, w = L.kernel, gw = L.gradKernel.fill(0);
      for (let s = 0; s < n; s++) {
        for (let i = 0; i < I; i++) {
          const xi = x[s * I + i], row = i * U, o = s * U;
          let sum = 0;
          for (let u = 0; u < U; u++) {
            gw[row + u] += xi * delta[o + u];
            sum += w[row + u] * delta[o + u];
          }
          back[s * I + i] = sum;
        }
      }
    }
  }

  /** One Adam step (beta1 0.9, beta2 0.999, eps 1e-8) with learning rate lr on the gradients times gradScale. */
  step(lr: number, gradScale: number, beta1 = 0.9, beta2 = 0.999, eps = 1e-8): void {
    this.holding();
    this.t++;
    const stepSize = (lr * Math.sqrt(1 - beta2 ** this.t)) / (1 - beta1 ** this.t);
    this.kernels.adam(this.params.at, this.grads, this.m, this.v, this.params.count, gradScale, stepSize, beta1, beta2, eps);
    if (this.rounding) this.round(true);
  }
}
