// Measuring a brain on the test set in the page (headless Chromium, the art animating, framed as an explorer frames it)
// for the default brain and the largest genome (10 hidden layers of 20, 32x32x3 input: the most parameters a genome
// gives). Peer: the same measurement in Node (perceptrons measure's path: pngjs decode + the same engine), so the ratio
// travels between machines better than milliseconds do. "Cold" fetches the test set and starts the worker; "warm" is
// another brain on the same page. While it runs the art keeps drawing: the longest gap between animation frames during
// the measurement is reported beside the longest one of an idle stretch as long. Best of 3 runs (a shared machine).
// Usage: npx tsx bench/measure.bench.ts
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeDataInscription, encodeDataInscription, parameterCount, simdPlan, type Model } from '../src/nn/index';
import { measureBrain } from '../src/nn/measure';
import { startServer } from '../tools/server/server';
import { decodeTestSet, testImage } from '../tools/testset/read';
import { TESTSET_FIXTURE } from '../tools/testset/defaults';
import { buildTestPage, closeBrowser, openFramed, waitForPerceptron, ROOT } from '../test/browser/harness';

const DEFAULT = join(ROOT, 'fixtures/brains/pfp_classifier_0000.json');
const png = readFileSync(join(ROOT, TESTSET_FIXTURE));

/** The largest genome's brain shape with the PFP classes (weights from a fixed generator: speed does not depend on them). */
function largest(seed: number): Model {
  let s = seed;
  const r = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1;
  const widths = [...Array(10).fill(20), 4];
  let n = 32 * 32 * 3;
  const layers = widths.map((units, i) => {
    const l = { inputs: n, units, activation: i < 10 ? ('leaky_relu' as const) : ('linear' as const), kernel: new Float32Array(n * units).map(() => r() * 0.05), bias: new Float32Array(units).map(() => r() * 0.05) };
    n = units;
    return l;
  });
  return { name: `largest_genome_${seed}`, inputShape: [32, 32, 3], scale: 1 / 127.5, offset: -1, layers, classes: ['Bottts', 'Nouns', 'Pixel Art', 'Thumbs'], trainingTraits: {} };
}

const dir = mkdtempSync(join(tmpdir(), 'perceptrons-measure-bench-'));
const brains: Record<string, Model> = { 'default.json': decodeDataInscription(readFileSync(DEFAULT, 'utf8')) };
for (const k of [1, 2, 3, 4]) brains[`largest-${k}.json`] = largest(k);
for (const [file, m] of Object.entries(brains)) writeFileSync(join(dir, file), JSON.stringify(encodeDataInscription(m)));

function nodeMs(m: Model): number {
  const t0 = performance.now();
  const t = decodeTestSet(png, 'testset.png');
  measureBrain(m, t, (i) => testImage(t, i, m.inputShape[0], m.inputShape[1]), { kernel: simdPlan });
  return performance.now() - t0;
}

const page = await buildTestPage({ brain: DEFAULT });
const server = await startServer({ html: page.path, brainsDir: dir, port: 0, quiet: true });
try {
  console.log(`measuring on the test set (${decodeTestSet(png, 't').count} images), ms, best of 3 (load average ${loadavg()[0].toFixed(1)})`);
  console.log('brain                         parameters   page cold  page warm   node peer  warm/peer  frame gap (idle → measuring)');
  for (const [name, first, second] of [['default (32x32, 10-8-10)', 'default.json', null], ['largest genome (32x32, 10x20)', 'largest-1.json', 'largest-2.json']] as const) {
    let best = { cold: Infinity, warm: Infinity, gapIdle: Infinity, gapBusy: Infinity };
    for (let run = 0; run < 3; run++) {
      const f = await openFramed(server, server.artId, '', { isolated: true }); // animating, a fresh page: a cold start
      await waitForPerceptron(f);
      const ids = [first, second ?? first].map((b) => server.brainIds[b]);
      // as text: tsx would wrap named functions in a helper the page does not have
      const r = (await f.frame.evaluate(`(async (ids) => {
        const p = window.perceptron;
        const gaps = async (work) => {
          let last = performance.now(), max = 0, on = true;
          const tick = (t) => { max = Math.max(max, t - last); last = t; if (on) requestAnimationFrame(tick); };
          requestAnimationFrame(tick);
          const t0 = performance.now();
          await work();
          const ms = performance.now() - t0;
          on = false;
          return { ms, max };
        };
        const cold = await gaps(() => p.measure(ids[0]));
        const idle = await gaps(() => new Promise((ok) => setTimeout(ok, Math.max(200, cold.ms))));
        const warm = await gaps(() => p.measure(ids[1]));
        return { cold: cold.ms, warm: warm.ms, gapIdle: idle.max, gapBusy: Math.max(cold.max, warm.max) };
      })(${JSON.stringify(ids)})`)) as { cold: number; warm: number; gapIdle: number; gapBusy: number };
      await f.close();
      if (r.cold < best.cold) best = r;
    }
    const m = brains[second ?? first], peer = Math.min(nodeMs(m), nodeMs(m), nodeMs(m));
    const warm = second ? best.warm : NaN;
    console.log(`${name.padEnd(29)} ${String(parameterCount(m)).padStart(10)} ${best.cold.toFixed(0).padStart(10)} ${(second ? warm.toFixed(0) : '-').padStart(10)} ${peer.toFixed(0).padStart(11)} ` +
      `${(second ? (warm / peer).toFixed(2) : '-').padStart(10)}  ${best.gapIdle.toFixed(0)} → ${best.gapBusy.toFixed(0)} ms`);
  }
} finally {
  await closeBrowser();
  await server.close();
  page.cleanup();
  rmSync(dir, { recursive: true, force: true });
}
