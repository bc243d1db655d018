// An optional WebAssembly SIMD dot product (286 bytes): d(w, x, n) = sum of w[i] * x[i] over f32 arrays at byte
// offsets w and x of the module's memory "m", four f32x4 accumulators (16 products per step), then a scalar tail.
// Compiled once; every engine plan gets its own instance and memory. Anything unsupported -> null (plain JS is used).
// Source (WAT, for review): per step a_k += v128.load(w + 16k) * v128.load(x + 16k), k = 0..3; w += 64, x += 64;
// then (a0 + a1 + a2 + a3) summed across lanes, plus w[i] * x[i] for the last n mod 16 elements.

// The module's bytes in hex (assembled from readable instructions in test/nn/simd.test.ts); its memory starts empty.
const WASM =
  '0061736d0100000001080160037f7f7f017d030201000503010000070902016d0200016400000af50101f20103047b017f017d200020024170714102746a210702400340200020074f0d0120032000fd0002002001fd000200fde601fde401210320042000fd0002102001fd000210fde601fde401210420052000fd0002202001fd000220fde601fde401210520062000fd0002302001fd000230fde601fde4012106200041c0006a2100200141c0006a21010c000b0b20032004fde4012005fde4012006fde4012203fd1f002003fd1f01922003fd1f022003fd1f039292210820002002410f714102746a210702400340200020074f0d01200820002a020020012a020094922108200041046a2100200141046a21010c000b0b20080b';

export interface Kernel {
  memory: WebAssembly.Memory;
  dot: (w: number, x: number, n: number) => number;
}

let module: WebAssembly.Module | undefined;

/** A fresh instance whose memory holds at least `bytes`, or null when WebAssembly SIMD is unavailable. */
export function createKernel(bytes: number): Kernel | null {
  try {
    // Compiled on first use; throws without SIMD support or when a policy forbids compiling.
    module ??= new WebAssembly.Module(Uint8Array.from(WASM.match(/../g)!, (h) => parseInt(h, 16)));
    const { m, d } = new WebAssembly.Instance(module).exports as unknown as { m: WebAssembly.Memory; d: Kernel['dot'] };
    m.grow(Math.ceil(bytes / 65536));
    return { memory: m, dot: d };
  } catch {
    return null; // no WebAssembly SIMD, or out of memory for this model: the plain JS path still works
  }
}
