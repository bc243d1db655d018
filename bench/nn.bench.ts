// npm run bench: single-image (batch 1) inferences per second, our engine vs @tensorflow/tfjs on its CPU backend,
// on the paper's example architecture and on the largest the traits allow (10 hidden layers of 20 units).
import { forward, simdAvailable, simdPlan, type Activation, type Dense, type Model } from '../src/nn/index';
import { loadTfjs, toTfjs } from '../test/nn/tfjs-peer';

function model(name: string, hidden: number[], act: Activation): Model {
  let seed = 1, n = 32 * 32 * 3;
  const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;
  const layers: Dense[] = [...hidden, 4].map((units, i) => {
    const last = i === hidden.length;
    const l = { inputs: n, units, activation: last ? 'linear' as const : act, kernel: new Float32Array(n * units).map(() => rand() * 0.1), bias: last ? null : new Float32Array(units).map(rand) };
    n = units;
    return l;
  });
  return { name, inputShape: [32, 32, 3], scale: 1 / 127.5, offset: -1, layers, classes: ['a', 'b', 'c', 'd'], trainingTraits: {} };
}

const images = Array.from({ length: 16 }, (_, k) => new Uint8ClampedArray(3072).map((_, i) => (i * 31 + k * 97) & 255));
const floatImages = images.map((im) => Float32Array.from(im));

/**
 * Runs fn in growing batches until `ms` of CPU time have passed; returns calls per CPU second of this process.
 * CPU time rather than wall time, so that other jobs on a shared machine do not count against either contestant.
 */
function rate(fn: (i: number) => void, ms: number): number {
  for (let i = 0; i < 200; i++) fn(i); // warm-up (JIT)
  const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
  let calls = 0, batch = 100;
  const start = cpu();
  while (cpu() - start < ms) {
    for (let i = 0; i < batch; i++) fn(calls + i);
    calls += batch;
    batch = Math.min(batch * 2, 20000);
  }
  return calls / ((cpu() - start) / 1000);
}

const tf = await loadTfjs();
const tfModel = (m: Model) => toTfjs(tf, m);

const ms = Number(process.env.BENCH_MS ?? 1000), rounds = 3;
const median = (v: number[]) => v.sort((a, b) => a - b)[v.length >> 1];
console.log(`batch 1; inferences per CPU second; median of ${rounds} interleaved rounds of ${ms} ms CPU each; Node ${process.version}; tfjs ${tf.version.tfjs} (cpu backend); ` +
  `WebAssembly SIMD ${simdAvailable() ? 'available' : 'unavailable'}\n`);
console.log('model'.padEnd(36) + 'params'.padStart(8) + 'ours SIMD'.padStart(12) + 'ours JS'.padStart(10) + 'tfjs'.padStart(8) + 'SIMD/tfjs'.padStart(11) + 'JS/tfjs'.padStart(9));
for (const m of [model('paper 3072-10-8-10-4 leaky_relu', [10, 8, 10], 'leaky_relu'), model('traits max 3072-10x20-4 leaky_relu', Array(10).fill(20), 'leaky_relu')]) {
  const tfm = tfModel(m);
  let sink = 0;
  const ours = (on: boolean) => {
    const opts = { kernel: on ? simdPlan : undefined };
    return rate((i) => (sink += forward(m, images[i & 15], opts)[0]), ms);
  };
  const peer = () => rate((i) => {
    const y = tf.tidy(() => tfm.predict(tf.tensor4d(floatImages[i & 15], [1, 32, 32, 3])) as import('@tensorflow/tfjs').Tensor);
    sink += y.dataSync()[0];
    y.dispose();
  }, ms);
  const r = { simd: [] as number[], js: [] as number[], tf: [] as number[] };
  for (let k = 0; k < rounds; k++) {
    r.simd.push(ours(true));
    r.js.push(ours(false));
    r.tf.push(peer());
  }
  const [a, b, c] = [median(r.simd), median(r.js), median(r.tf)];
  const params = m.layers.reduce((n, l) => n + l.kernel.length + (l.bias?.length ?? 0), 0);
  console.log(m.name.padEnd(36) + String(params).padStart(8) + a.toFixed(0).padStart(12) + b.toFixed(0).padStart(10) + c.toFixed(0).padStart(8) +
    `${(a / c).toFixed(1)}x`.padStart(11) + `${(b / c).toFixed(1)}x`.padStart(9) + (Number.isFinite(sink) ? '' : ' (!)'));
  tfm.dispose();
}
