// How long decodeDataInscription takes on the largest documents within the download cap, given as a JavaScript object
// (copied by plainJson first) and as text, side by side with the copy as it was before it kept its path as a stack
// (plainJson of the commit given, default aa03cb2^, read from git into a temporary module): ratios, same run.
//   npx tsx bench/decode-copy.ts [COMMIT]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { decodeDataInscription } from '../src/nn/index';
import { plainJson } from '../src/nn/plain';

const root = resolve(import.meta.dirname, '..'), commit = process.argv[2] ?? 'aa03cb2^';
const tmp = mkdtempSync(join(tmpdir(), 'decode-copy-'));
const before = execFileSync('git', ['show', `${commit}:src/nn/plain.ts`], { cwd: root, encoding: 'utf8' })
  .replace("'./errors'", JSON.stringify(join(root, 'src/nn/errors.ts')));
writeFileSync(join(tmp, 'plain-before.ts'), before);
const { plainJson: plainBefore } = (await import(pathToFileURL(join(tmp, 'plain-before.ts')).href)) as { plainJson: (v: unknown) => unknown };

const base = JSON.parse(readFileSync(join(root, 'fixtures/brains/pfp_classifier_0000.json'), 'utf8'));
const shapes: Record<string, unknown> = {
  'neuron_order: 1,000,000 integers': Array.from({ length: 1_000_000 }, (_, i) => i),
  'neuron_order: [[1,000,000 integers]]': [Array.from({ length: 1_000_000 }, (_, i) => i)],
  'neuron_order: 300,000 small objects': Array.from({ length: 300_000 }, (_, i) => ({ a: i })),
  'neuron_order: an object of 1,000,000 keys': Object.fromEntries(Array.from({ length: 1_000_000 }, (_, i) => ['k' + i, i])),
};
const ms = (f: () => unknown): number => {
  const t = performance.now();
  f();
  return performance.now() - t;
};
for (const [name, v] of Object.entries(shapes)) {
  const doc = { ...base, training_traits: { ...base.training_traits, neuron_order: v } }, text = JSON.stringify(doc);
  const old = ms(() => plainBefore(doc)), now = ms(() => plainJson(doc));
  const whole = ms(() => decodeDataInscription(doc)), fromText = ms(() => decodeDataInscription(text));
  console.log(`${name} (${(text.length / 1e6).toFixed(1)} MB): copy before ${old.toFixed(0)} ms, now ${now.toFixed(0)} ms ` +
    `(${(old / now).toFixed(1)}x); decode from the object ${whole.toFixed(0)} ms, from the text ${fromText.toFixed(0)} ms`);
}
rmSync(tmp, { recursive: true, force: true });
