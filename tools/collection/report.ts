// DIR/report.md and its plots: the traits' rarity beside the paper's, each token's held-out accuracy at full life (a
// histogram; the weakest named; each family), the bytes of each part and the fees at 10 sat/vB beside the 2023
// collection. A pure function of the collection's files: no timings (those are printed), so reruns write the same bytes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { expectedDistribution, tally } from './rarity';
import type { Batch } from './batches';
import { writeAtomic } from './files';
import type { Manifest } from './manifest';
import { marginPoints } from '../../src/nn/measure';

/** The 2023 collection: 580 pieces, each a full HTML page of about 92 KB with a brain of about 200 KB inline. */
export const ORIGINAL = { pieces: 580, bytes: 170_000_000 };
const RATE = 10;

const pct = (x: number, d = 2) => `${(x * 100).toFixed(d)}%`;
const kb = (n: number) => `${(n / 1000).toLocaleString('en-US', { maximumFractionDigits: 1 })} KB`;
const mb = (n: number) => `${(n / 1e6).toFixed(2)} MB`;
const sat = (n: number) => `${Math.round(n).toLocaleString('en-US')} sat (${(n / 1e8).toFixed(4)} BTC)`;

/** The family a genome's training difficulty depends on. */
export function familyOf(t: { hidden: number[]; activation: string }): string {
  const deep = t.hidden.length >= 3 ? 'deep (3+ layers)' : 'shallow (1-2 layers)';
  return `${t.activation}, ${deep}${Math.min(...t.hidden) <= 2 ? ', a 2-unit layer' : ''}`;
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b), m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** A bar chart PNG (no text: the report says what the axes are). */
function bars(values: number[], highlight: (i: number) => boolean, w = 640, h = 200): Buffer {
  const png = new PNG({ width: w, height: h });
  png.data.fill(255);
  const max = Math.max(1, ...values), bw = Math.floor(w / values.length);
  values.forEach((v, i) => {
    const top = h - Math.round((v / max) * (h - 10));
    const [r, g, b] = highlight(i) ? [200, 60, 40] : [40, 90, 160];
    for (let y = top; y < h; y++) for (let x = i * bw + 1; x < (i + 1) * bw - 1; x++) png.data.set([r, g, b, 255], (y * w + x) * 4);
  });
  return PNG.sync.write(png, { deflateLevel: 9 });
}

/** Every token's alive curve (accuracy against the share of neurons alive) as light lines, the median dark. */
function curves(list: number[][], w = 640, h = 240): Buffer {
  const png = new PNG({ width: w, height: h });
  png.data.fill(255);
  const xs = [0.1, 0.25, 0.5, 0.75, 1], X = (f: number) => Math.round(20 + f * (w - 40)), Y = (a: number) => Math.round(h - 10 - a * (h - 20));
  const plot = (c: number[], rgba: number[], blend: number) => {
    for (let k = 0; k + 1 < c.length; k++) {
      for (let s = 0; s <= 200; s++) {
        const f = xs[k] + ((xs[k + 1] - xs[k]) * s) / 200, a = c[k] + ((c[k + 1] - c[k]) * s) / 200, i = (Y(a) * w + X(f)) * 4;
        for (let ch = 0; ch < 3; ch++) png.data[i + ch] = Math.round(png.data[i + ch] * (1 - blend) + rgba[ch] * blend);
      }
    }
  };
  for (const a of [0.25, 0.5, 0.75, 0.9, 1]) for (let x = 20; x < w - 20; x += 3) png.data.set([180, 180, 180, 255], (Y(a) * w + x) * 4);
  for (const c of list) plot(c, [40, 90, 160], 0.25);
  if (list.length) plot(xs.map((_, k) => median(list.map((c) => c[k]))), [200, 60, 40], 1);
  return PNG.sync.write(png, { deflateLevel: 9 });
}

/** The brains' input shapes, the most common first: "16x16x3" or "16x16x3; 3 at 32x32x3". */
function inputsText(inputs: string[]): string {
  const counts = new Map<string, number>();
  for (const i of inputs) counts.set(i, (counts.get(i) ?? 0) + 1);
  const [first, ...others] = [...counts].sort((a, b) => b[1] - a[1]);
  return [first?.[0] ?? '', ...others.map(([shape, count]) => `${count} at ${shape}`)].join('; ');
}

export function writeReport(out: string, r: { manifest: Manifest; batches: Batch[]; tokenBytes: number; parentBytes: number }): void {
  const { manifest: m, batches } = r, n = m.tokens.length;
  const acc = m.tokens.map((t) => t.brain.heldoutAccuracy);
  // each brain read once: what the report needs of its data inscription
  const brains = m.tokens.map((t) => {
    const doc = JSON.parse(readFileSync(join(out, t.brain.file), 'utf8')) as {
      weight_dtype?: string; training_traits: { alive_accuracy: Record<string, number>; heldout_samples: number; seed: string };
      layers_config: { config: { layers: { config: { batch_input_shape?: number[] } }[] } };
    };
    const [, h, w, c] = doc.layers_config.config.layers[0].config.batch_input_shape ?? [];
    return { dtype: doc.weight_dtype ?? 'float32', input: `${h}x${w}x${c}`, ...doc.training_traits };
  });
  const alive = brains.map((b) => Object.values(b.alive_accuracy));
  // histogram: 2-point bins from 50% (anything lower in the first)
  const bins = Array.from({ length: 25 }, () => 0);
  for (const a of acc) bins[Math.max(0, Math.min(24, Math.floor((a * 100 - 50) / 2)))]++;
  writeAtomic(join(out, 'report', 'accuracy.png'), bars(bins, (i) => i < 20));
  writeAtomic(join(out, 'report', 'alive.png'), curves(alive));

  const brainBytes = m.tokens.reduce((s, t) => s + t.brain.bytes, 0), brainBr = m.tokens.reduce((s, t) => s + t.brain.brotliBytes, 0);
  const params = m.tokens.reduce((s, t) => s + t.brain.parameters, 0);
  const weakest = [...m.tokens].sort((a, b) => a.brain.heldoutAccuracy - b.brain.heldoutAccuracy || a.index - b.index).slice(0, 10);
  const families = new Map<string, number[]>();
  for (const t of m.tokens) families.set(familyOf(t), [...(families.get(familyOf(t)) ?? []), t.brain.heldoutAccuracy]);
  const originalFee = (ORIGINAL.bytes / 4) * RATE;

  const L: string[] = [];
  L.push(`# Collection report`, '', `${n} Perceptrons, each with its own brain trained from its genome on the PFP dataset (Bottts, Nouns, Pixel Art, Thumbs). ` +
    `Written by \`perceptrons collection\`; timings are printed by the run, not kept here.`, '');
  L.push('## Held-out accuracy at full life', '');
  L.push(`Median ${pct(median(acc))}, mean ${pct(acc.reduce((a, b) => a + b, 0) / n)}, lowest ${pct(Math.min(...acc))}; ` +
    `${acc.filter((a) => a < 0.9).length} of ${n} below 90%, ${acc.filter((a) => a >= 0.97).length} at 97% or more (targets: every brain at least 90%, median at least 98%). ` +
    `Measured on the quantized weights as inscribed, on ${brains[0]?.heldout_samples} held-out images.`, '');
  L.push('![held-out accuracy, 2-point bins from 50% to 100%; red: below 90%](report/accuracy.png)', '',
    '*Tokens per 2-point bin of held-out accuracy, 50% (and below) to 100%; red bins are under 90%.*', '');
  L.push('![alive curves](report/alive.png)', '',
    '*Accuracy against the share of neurons alive (10%, 25%, 50%, 75%, 100%: the ordered-dropout curve each brain ages along); ' +
    'blue: each token, red: the median; grey lines at 25, 50, 75, 90 and 100%.*', '');
  L.push('Weakest brains:', '', '| token | hidden | activation | held-out |', '|---:|---|---|---:|');
  for (const t of weakest) L.push(`| ${t.index} | ${t.hidden.join('-')} | ${t.activation} | ${pct(t.brain.heldoutAccuracy)} |`);
  L.push('', 'By family (what makes a genome hard: the activation, depth, a 2-unit layer):', '', '| family | tokens | median | lowest | below 90% |', '|---|---:|---:|---:|---:|');
  for (const [f, xs] of [...families].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    L.push(`| ${f} | ${xs.length} | ${pct(median(xs))} | ${pct(Math.min(...xs))} | ${xs.filter((a) => a < 0.9).length} |`);
  }
  const restarted = brains.filter((b) => /\/restart-\d+$/.test(String(b.seed))).length;
  L.push('', `${restarted} of ${n} brains are a restart (their first run ended under 95% on the training images; training_traits.seed names the run kept). ` +
    'How each family is trained, and the levers tried with what each reached, are in the repository\'s docs/collection.md (bench/collection-levers.ts measures them).');
  const curveAt = Object.keys(brains[0]?.alive_accuracy ?? {});
  L.push('', 'Median accuracy along the life cycle (neurons alive):', '', `| ${curveAt.join(' | ')} |`, `|${curveAt.map(() => '---:').join('|')}|`,
    `| ${curveAt.map((_, k) => pct(median(alive.map((c) => c[k])))).join(' | ')} |`);
  L.push(...testSetSection(m));
  L.push('', '## Bytes and fees', '');
  L.push('| part | count | bytes | after brotli |', '|---|---:|---:|---:|');
  L.push(`| art (art.html, inscribed once) | 1 | ${kb(m.art.bytes)} | ${kb(m.art.brotliBytes)} |`);
  if (m.testSet) L.push(`| test set (${m.testSet.file}, ${m.testSet.count} images, inscribed with the art) | 1 | ${kb(m.testSet.bytes)} | ${kb(m.testSet.brotliBytes)} |`);
  L.push(`| brains (${brains[0]?.dtype ?? ''}, ${inputsText(brains.map((b) => b.input))} input; ${params.toLocaleString('en-US')} parameters) | ${n} | ${mb(brainBytes)} | ${mb(brainBr)} |`);
  L.push(`| tokens (delegate + metadata + properties + parent, no body) | ${n} | ${kb(r.tokenBytes)} | ${kb(r.tokenBytes)} |`);
  L.push(`| **total** | | **${mb(m.totals.bytes)}** | **${mb(m.totals.brotliBytes)}** |`);
  L.push(`| the parent inscription (parent.txt) | 1 | ${r.parentBytes} B | |`, '');
  L.push(`Fees at ${RATE} sat/vB: ${sat(m.totals.feeSat)} for ${batches.length} batches (each a commit and a reveal transaction; ` +
    `postage, the 10,000 sat ord leaves in each inscription's output, is not a fee and is not counted). ` +
    `The 2023 collection: ${ORIGINAL.pieces} pieces, each a full HTML page of about 92 KB with a brain of about 200 KB inline, about ${mb(ORIGINAL.bytes)}: ` +
    `about ${sat(originalFee)} at the same rate, ${(ORIGINAL.bytes / m.totals.brotliBytes).toFixed(1)}x the bytes of this one after brotli.`, '');
  const props = m.tokens.map((t) => t.properties.bytes), brCount = m.tokens.filter((t) => t.properties.encoding === 'br').length;
  L.push('### What the ord properties add', '', `Every token carries its title (\`Perceptron #N\`) and its traits (every genome feature and the held-out ` +
    `accuracy) as ord properties (tag 17, ${brCount} of ${n} brotli'd under tag 19 because that is smaller): ` +
    `${props.length ? `${Math.min(...props)} to ${Math.max(...props)} bytes a token (median ${median(props)})` : 'none'}, ` +
    `${kb(m.totals.propertiesBytes)} in all, counted in the tokens' bytes above. At ${RATE} sat/vB they add ${sat(m.totals.propertiesFeeSat)} to the ` +
    `token batches' fees (${(m.totals.propertiesFeeSat / n).toFixed(0)} sat a token; the same batches planned without them, beside), ` +
    `${((100 * m.totals.propertiesFeeSat) / (m.totals.feeSat - m.totals.propertiesFeeSat)).toFixed(2)}% on top of the rest.`, '');
  L.push('| batch | inscriptions | reveal weight | fee |', '|---|---:|---:|---:|');
  for (const b of batches) L.push(`| ${b.name} | ${b.entries.length} | ${b.weight.toLocaleString('en-US')} WU | ${Math.ceil((Math.ceil(b.weight / 4) + 154) * RATE).toLocaleString('en-US')} sat |`);
  L.push('', '## Traits beside the paper', '', '| trait | value | tokens | share | paper |', '|---|---|---:|---:|---:|');
  const counts = tally(m.tokens.map((t) => t.features));
  for (const [trait, target] of Object.entries(expectedDistribution())) {
    const seen = counts[trait] ?? {};
    for (const v of [...new Set([...Object.keys(target), ...Object.keys(seen)])]) {
      L.push(`| ${trait} | ${v} | ${seen[v] ?? 0} | ${pct((seen[v] ?? 0) / n, 1)} | ${v in target ? pct(target[v], 1) : 'not in the paper'} |`);
    }
  }
  writeAtomic(join(out, 'report.md'), L.join('\n') + '\n');
}

/** Every token's accuracy on the inscribed test set, as the page measures it, beside its held-out accuracy. */
function testSetSection(m: Manifest): string[] {
  const rows = m.tokens.filter((t) => typeof t.brain.testSetAccuracy === 'number');
  if (!m.testSet || !rows.length) return [];
  const n = m.testSet.count, gap = (t: (typeof rows)[number]) => (t.brain.testSetAccuracy! - t.brain.heldoutAccuracy) * 100;
  const gaps = rows.map(gap), widest = rows.reduce((a, b) => (Math.abs(gap(b)) > Math.abs(gap(a)) ? b : a));
  const margin = marginPoints(0.97, n);
  return ['', '## Measured on the inscribed test set', '',
    `Every brain on the collection's test set (${m.testSet.file}: ${n} held-out images no brain trained on, inscribed with the art, ` +
      `ID ${m.testSet.id}), measured as the page and \`perceptrons measure\` measure it, beside the held-out accuracy its maker wrote. ` +
      `Median ${pct(median(rows.map((t) => t.brain.testSetAccuracy!)))} (held-out ${pct(median(rows.map((t) => t.brain.heldoutAccuracy)))}); ` +
      `mean difference ${(gaps.reduce((a, b) => a + b, 0) / gaps.length).toFixed(2)} points, mean size ${(gaps.reduce((a, b) => a + Math.abs(b), 0) / gaps.length).toFixed(2)}, ` +
      `widest token ${widest.index} (${gap(widest).toFixed(2)}); ${gaps.filter((g) => Math.abs(g) > margin).length} of ${rows.length} differ by more than ` +
      `±${margin.toFixed(1)} points, the 95% margin of ${n} images at 97%.`, '',
    '| token | held-out | test set | difference (points) |', '|---:|---:|---:|---:|',
    ...rows.map((t) => `| ${t.index} | ${pct(t.brain.heldoutAccuracy)} | ${pct(t.brain.testSetAccuracy!)} | ${gap(t).toFixed(2)} |`)];
}
