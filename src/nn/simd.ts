// An optional WebAssembly SIMD dot product (302 bytes): d(w, x, n) = sum of w[i] * x[i] over f32 arrays at byte
// offsets w and x of the module's memory "m", four f32x4 accumulators (16 products per step), then a scalar tail.
// Compiled once; every engine plan gets its own instance and memory. Anything unsupported -> null (plain JS is used).
// Source (WAT, for review): per step a_k += v128.load(w + 16k) * v128.load(x + 16k), k = 0..3; w += 64, x += 64;
// then (a0 + a1 + a2 + a3) summed across lanes, plus w[i] * x[i] for the last n mod 16 elements.
import { base64ToBytes } from './base64';

const WASM = 'AGFzbQEAAAABCAFgA39/fwF9AwIBAAUDAQABBwkCAW0CAAFkAAAKhQIBggIDBHsBfwF9IAAgAkFwcUECdGohBwJAIAAgB08NAANAIAMgAP0AAgAgAf0AAgD95gH95AEhAyAEIAD9AAIQIAH9AAIQ/eYB/eQBIQQgBSAA/QACICAB/QACIP3mAf3kASEFIAYgAP0AAjAgAf0AAjD95gH95AEhBiAAQcAAaiIAIAFBwABqIQEgB0kNAAsLIAMgBP3kASEDIAMgBf3kASEDIAMgBv3kASEDIAP9HwAgA/0fAZIgA/0fAiAD/R8DkpIhCCAAIAJBD3FBAnRqIQcCQCAAIAdPDQADQCAIIAAqAgAgASoCAJSSIQggAEEEaiIAIAFBBGohASAHSQ0ACwsgCAs=';

export interface Kernel {
  memory: WebAssembly.Memory;
  dot: (w: number, x: number, n: number) => number;
}

let module: WebAssembly.Module | null | undefined;

/** Whether this engine can compile the module (compiled once, on first use). */
export function simdAvailable(): boolean {
  if (module === undefined) {
    try {
      module = new WebAssembly.Module(base64ToBytes(WASM)); // throws without SIMD support
    } catch {
      module = null; // no WebAssembly at all, or a policy forbids compiling it
    }
  }
  return !!module;
}

/** A fresh instance whose memory holds at least `bytes`, or null when WebAssembly SIMD is unavailable. */
export function createKernel(bytes: number): Kernel | null {
  if (!simdAvailable()) return null;
  try {
    const { m, d } = new WebAssembly.Instance(module!).exports as unknown as { m: WebAssembly.Memory; d: Kernel['dot'] };
    m.grow(Math.max(0, Math.ceil(bytes / 65536) - m.buffer.byteLength / 65536));
    return { memory: m, dot: d };
  } catch {
    return null; // out of memory for this model: the plain JS path still works
  }
}
