// npx tsx bench/int4-tuning.ts [--tokens 342,485,321]: the two fine-tunings through the int4 rounding of
// tools/quant/tune.ts side by side, on the default brain and on collection genomes (seed "perceptrons"; by default a
// small one, 2-5-8-4-3-7-6-3 ReLU; a wide one, 20-19-19-19-19-15-14-9-4 ReLU; a deep Sigmoid one, 6-4-3-2).
// Each genome's float32 brain is trained as the collection trains it (tools/collection/train-token.ts, float32) and
// kept in /tmp/int4-tuning/ for the next run. For each brain: plain rounding, 'cross-entropy' (for a genome with the
// collection's own settings: what it ships) and 'distillation' (the settings `train` and `pack` give it), none falling
// back to plain rounding; float16 and int8 beside them. Columns: bytes a parameter after ord's brotli, top-1 agreement with float32 and accuracy on
// the 4,000 held-out images, held-out accuracy with half the neurons alive (the ordered curve), CPU seconds.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { decodeDataInscription, encodeDataInscription, parameterCount, type Model } from '../src/nn/index';
import { generateGenome } from '../src/art/traits';
import { tokenSeed } from '../tools/collection/token-seed';
import { trainingConfig } from '../tools/collection/config';
import { INT4_LR, trainToken } from '../tools/collection/train-token';
import { maxGrid, rounded } from '../tools/quant/grid';
import { copyModel, fineTuneOnGrid, type FineTuneOptions } from '../tools/quant/tune';
import { loadPfp } from '../tools/train/data';
import { aliveFraction } from '../tools/train/dropout';
import { accuracy, predictAll } from '../tools/train/evaluate';
import { brotli } from '../tools/build/sizes';

const { values: v } = parseArgs({ options: { tokens: { type: 'string', default: '342,485,321' } } });
const data = await loadPfp();
const CACHE = '/tmp/int4-tuning';
mkdirSync(CACHE, { recursive: true });
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
const pct = (x: number) => (x * 100).toFixed(2) + '%';

interface Subject { label: string; model: Model; order: number[][]; seed: string; crossEntropy: Partial<FineTuneOptions> }
const subjects: Subject[] = [];
const fixture = decodeDataInscription(readFileSync('fixtures/brains/pfp_classifier_0000.json', 'utf8'));
subjects.push({ label: 'default brain', model: fixture, order: fixture.trainingTraits.neuron_order as number[][], seed: '0/int4', crossEntropy: {} });
for (const index of v.tokens!.split(',').map(Number)) {
  const g = generateGenome(tokenSeed('perceptrons', index)), genome = { seed: g.seed, features: g.features, hidden: g.hidden };
  const file = `${CACHE}/${index}.json`;
  if (!existsSync(file)) writeFileSync(file, trainToken(data, { index, genome, dtype: 'float32' }).text);
  const model = decodeDataInscription(readFileSync(file, 'utf8')), cfg = trainingConfig(genome);
  subjects.push({
    label: `token ${index} (${g.hidden.join('-')} ${g.activation})`, model, order: model.trainingTraits.neuron_order as number[][],
    seed: `${model.trainingTraits.seed}/int4`, crossEntropy: { learningRate: cfg.learningRate * INT4_LR, batchSize: cfg.batchSize, pFull: cfg.pFull },
  });
}

console.log('| brain | parameters | encoding | B/param (brotli) | agreement with float32 | held-out accuracy | at half alive | tuning CPU s |');
console.log('|---|---:|---|---:|---:|---:|---:|---:|');
for (const s of subjects) {
  const reference = predictAll(s.model, data.test), grid = maxGrid(s.model, 4), half = aliveFraction(s.order, 0.5);
  const row = (name: string, m: Model, seconds?: number) => {
    const text = JSON.stringify(encodeDataInscription(m, { dtype: 'int4', grid })), read = decodeDataInscription(text), p = predictAll(read, data.test);
    const agree = p.reduce((n, c, i) => n + (c === reference[i] ? 1 : 0), 0) / p.length;
    console.log(`| ${s.label} | ${parameterCount(s.model)} | ${name} | ${(brotli(Buffer.from(text)).length / parameterCount(s.model)).toFixed(3)} | ${pct(agree)} | ` +
      `${pct(accuracy(read, data.test))} | ${pct(accuracy(read, data.test, half))} | ${seconds === undefined ? '' : seconds.toFixed(1)} |`);
  };
  for (const dtype of ['float32', 'float16', 'int8'] as const) {
    const text = JSON.stringify(encodeDataInscription(s.model, { dtype })), read = decodeDataInscription(text), p = predictAll(read, data.test);
    const agree = p.reduce((n, c, i) => n + (c === reference[i] ? 1 : 0), 0) / p.length;
    console.log(`| ${s.label} | ${parameterCount(s.model)} | ${dtype} | ${(brotli(Buffer.from(text)).length / parameterCount(s.model)).toFixed(3)} | ${pct(agree)} | ` +
      `${pct(accuracy(read, data.test))} | ${pct(accuracy(read, data.test, half))} | |`);
  }
  row('int4, plain rounding', rounded(s.model, grid));
  for (const method of ['cross-entropy', 'distillation'] as const) {
    const m = copyModel(s.model), start = cpu();
    fineTuneOnGrid(m, data.train, { method, grid, seed: s.seed, order: s.order, ...(method === 'cross-entropy' ? s.crossEntropy : {}) });
    row(`int4, ${method}`, m, cpu() - start);
  }
}
