// perceptrons generate --count N --seed S --out DIR
// Writes DIR/<index>.json = {"seed", "features", "hidden"} for tokens 0..N-1 and DIR/rarity.json = {feature: {value: count}},
// and prints every trait value's count and share beside the whitepaper's target, with a chi-square p-value per trait.
// Token i's seed = sha256("<S>:<i>") (tools/collection/token-seed.ts); the rarity report is tools/collection/rarity.ts.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateGenome } from '../../src/art/traits';
import { defineCommand, intOption, runCommand, UsageError } from '../args';
import { formatReport, tally } from '../collection/rarity';
import { tokenSeed } from '../collection/token-seed';

export const command = defineCommand({
  name: 'generate',
  summary: 'generate a collection of genomes (DIR/<i>.json) and its rarity report vs the whitepaper',
  synopsis: '--out DIR [--count 10000] [--seed perceptrons]',
  options: {
    out: { type: 'string', arg: 'DIR', help: 'where <i>.json and rarity.json go (required)' },
    count: { type: 'string', arg: 'N', help: 'tokens, 1 to 1000000', default: '10000' },
    seed: { type: 'string', arg: 'S', help: 'the collection seed: token i\'s seed is sha256("<S>:<i>")', default: 'perceptrons' },
  },
});

export function run(args: string[]): Promise<number> {
  return runCommand(command, args, (o) => {
    if (!o.out) throw new UsageError('--out is required');
    return generate(o.out, intOption(o.count, 'count', 1, 1_000_000), o.seed);
  });
}

async function generate(out: string, count: number, seed: string): Promise<number> {
  await mkdir(out, { recursive: true });
  const features: Record<string, string | number>[] = [];
  const seen = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const g = generateGenome(tokenSeed(seed, i));
    const doc = { seed: g.seed, features: g.features, hidden: g.hidden };
    const key = JSON.stringify([g.features, g.hidden, g.visual]);
    if (seen.has(key)) throw new Error(`generate: tokens ${seen.get(key)} and ${i} share a genome`);
    seen.set(key, i);
    features.push(g.features);
    await writeFile(join(out, `${i}.json`), JSON.stringify(doc) + '\n');
  }
  const counts = tally(features);
  await writeFile(join(out, 'rarity.json'), JSON.stringify(counts, null, 1) + '\n');
  console.log(`${count} genomes from collection seed "${seed}" in ${out} (token i: seed = sha256("${seed}:i"))\n`);
  console.log(formatReport(counts, count));
  return 0;
}
