// An optional WebAssembly SIMD Dense layer (426 bytes): dense(k, x, y, n, units) sets y = x · K for a kernel K in
// Keras' layout (K[i * units + u], one row of units per input) at byte offsets k, x and y of the module's memory
// "memory", four units at a time: per block, four f32x4 accumulators each take every fourth input (x[i] splatted times
// K's row i, four lanes wide), then are summed. y is written in whole blocks of four (up to 3 floats past units), and
// the last block reads up to 3 floats past a row: simdPlan leaves room. Compiled once; every engine plan gets its own
// instance and memory. Anything unsupported -> null (the plain JS path is used). The kernel's source, in readable
// instructions, is simd-source.ts beside this file; test/nn/simd.test.ts checks that it assembles to these bytes.
import type { Plan } from './engine';

// The module's bytes in hex (assembled from simd-source.ts); its memory starts empty.
const WASM =
  '0061736d0100000001090160057f7f7f7f7f00030201000503010000071202066d656d6f727902000564656e736500000af70201f40202047b057f20044102742109200220096a210d024003402002200d4f0d01fd0c000000000000000000000000000000002105fd0c000000000000000000000000000000002106fd0c000000000000000000000000000000002107fd0c0000000000000000000000000000000021082000210a2001210b20012003417c714102746a210c02400340200b200c4f0d012005200bfd090200200afd000200fde601fde4012105200a20096a210a2006200bfd090204200afd000200fde601fde4012106200a20096a210a2007200bfd090208200afd000200fde601fde4012107200a20096a210a2008200bfd09020c200afd000200fde601fde4012108200a20096a210a200b41106a210b0c000b0b200120034102746a210c02400340200b200c4f0d012005200bfd090200200afd000200fde601fde4012105200a20096a210a200b41046a210b0c000b0b200220052006fde40120072008fde401fde401fd0b0200200241106a2102200041106a21000c000b0b0b';

export interface Kernel {
  memory: WebAssembly.Memory;
  dense: (k: number, x: number, y: number, n: number, units: number) => void;
}

let module: WebAssembly.Module | undefined;

/** A fresh instance whose memory holds at least `bytes`, or null when WebAssembly SIMD is unavailable. */
export function createKernel(bytes: number): Kernel | null {
  try {
    // Compiled on first use; throws without SIMD support or when a policy forbids compiling.
    module ??= new WebAssembly.Module(Uint8Array.from(WASM.match(/../g)!, (h) => parseInt(h, 16)));
    const { memory, dense } = new WebAssembly.Instance(module).exports as unknown as Kernel;
    memory.grow(Math.ceil(bytes / 65536));
    return { memory, dense };
  } catch {
    return null; // no WebAssembly SIMD, or out of memory for this model: the plain JS path still works
  }
}

/** Whether this platform runs the WebAssembly SIMD kernel (simdPlan would otherwise decline). */
export const simdAvailable = (): boolean => simdPlan([1, 1]) !== null;

/**
 * The engine's plan on this kernel (forward(model, pixels, { kernel: simdPlan })): the model's buffers in one instance's memory,
 * each layer's weights copied in on every call (a plain memory copy), so a kernel edited in place is always seen. null
 * when WebAssembly SIMD is unavailable.
 */
export function simdPlan(sizes: number[]): Plan | null {
  const kernelSizes = sizes.slice(1).map((n, i) => sizes[i] * n);
  // dense writes whole blocks of 4 units and reads up to 3 floats past a kernel row: outputs get room for that, and
  // the input follows the kernels so that reading past the last one stays in memory.
  const padded = sizes.slice(1).map((n) => Math.ceil(n / 4) * 4);
  const lengths = [...kernelSizes, sizes[0], ...padded];
  const total = lengths.reduce((s, n) => s + n, 0);
  const kernel = createKernel(total * 4);
  if (!kernel) return null;
  const block = new Float32Array(kernel.memory.buffer, 0, total);
  let at = 0;
  const views = lengths.map((n) => block.subarray(at, (at += n)));
  const L = kernelSizes.length, copies = views.slice(0, L);
  return {
    input: views[L],
    outs: views.slice(L + 1).map((v, i) => v.subarray(0, sizes[i + 1])),
    dense(li, weights, x, y, inputs, units) {
      copies[li].set(weights);
      kernel.dense(copies[li].byteOffset, x.byteOffset, y.byteOffset, inputs, units);
    },
  };
}
