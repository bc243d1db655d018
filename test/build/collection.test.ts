// Collection mode: one shared art.html, one tiny token per genome that loads it through /content/<art-id>.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readBudgets } from '../../tools/build/budgets';
import { buildCollection, tokenHtml } from '../../tools/build/collection';
import { contentId } from '../../tools/build/ids';
import { ROOT, STANDIN_ENTRY, TEST_BRAIN, tempDir } from './helpers';

const tmp = tempDir('perceptrons-collection-');
afterAll(tmp.cleanup);
const genomes = join(tmp.dir, 'genomes');
mkdirSync(genomes);
const seeds = ['0f'.repeat(32), 'a1'.repeat(32), '7e'.repeat(32)];
seeds.forEach((seed, i) =>
  writeFileSync(join(genomes, `${String(i).padStart(4, '0')}.json`), JSON.stringify({ seed, features: { Shape: 'Circle' }, hidden: [16, 8] })),
);
// perceptrons generate also writes a summary beside the genomes: not a token.
writeFileSync(join(genomes, 'rarity.json'), JSON.stringify({ count: 3, traits: {} }));
const base = { root: ROOT, entry: STANDIN_ENTRY, brain: TEST_BRAIN };

describe('buildCollection', () => {
  it('writes art.html once and a token per genome under the token budget, each pointing at the art ID', async () => {
    const outDir = join(tmp.dir, 'out');
    const r = await buildCollection({ ...base, genomes, outDir });
    const art = readFileSync(join(outDir, 'art.html'));
    expect(r.artId).toBe(contentId(art));
    expect(r.overBudget).toEqual([]);
    expect(r.tokens.map((t) => t.file)).toEqual(['tokens/0000.html', 'tokens/0001.html', 'tokens/0002.html']);
    const budget = readBudgets(ROOT).tokenBytes;
    for (const [i, t] of r.tokens.entries()) {
      const html = readFileSync(join(outDir, t.file), 'utf8');
      expect(Buffer.byteLength(html)).toBe(t.bytes);
      expect(t.bytes).toBeLessThanOrEqual(budget);
      expect(t.id).toBe(contentId(html));
      expect(html).toContain(`u="/content/${r.artId}"`);
      expect(html).toContain(`seed:"${seeds[i]}"`);
      expect(html).toContain(`brainId:"${r.art.config.brainId}"`);
      expect(html).not.toMatch(/https?:\/\/|<link|src=/);
    }
    const manifest = JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8'));
    expect(manifest.artId).toBe(r.artId);
    expect(manifest.tokens).toHaveLength(3);
    // The art reads the token's global first and falls back to its baked values.
    expect(art.toString()).toMatch(/var __P=Object\.assign\(\{brainId:"[0-9a-f]{64}i0",seed:"[0-9a-f]{64}"/);
    // ... and marks a token-given seed as the one to use (not the page's own inscription ID).
    expect(art.toString()).toContain('{seedFromId:!self.__P},self.__P);');
  });

  it('is reproducible', async () => {
    const a = await buildCollection({ ...base, genomes, outDir: join(tmp.dir, 'a') });
    const b = await buildCollection({ ...base, genomes, outDir: join(tmp.dir, 'b') });
    expect(b.artId).toBe(a.artId);
    expect(b.tokens.map((t) => t.id)).toEqual(a.tokens.map((t) => t.id));
  });

  it('takes a per-genome birthHeight when the genome has one', async () => {
    const dir = join(tmp.dir, 'g2');
    mkdirSync(dir);
    writeFileSync(join(dir, 'x.json'), JSON.stringify({ seed: seeds[0], birthHeight: 901234 }));
    const r = await buildCollection({ ...base, genomes: dir, outDir: join(tmp.dir, 'o2') });
    expect(r.tokens[0].birthHeight).toBe(901234);
    expect(readFileSync(join(tmp.dir, 'o2', 'tokens', 'x.html'), 'utf8')).toContain('birthHeight:901234');
  });

  it('names the bad genome file and field', async () => {
    const dir = join(tmp.dir, 'bad');
    mkdirSync(dir);
    writeFileSync(join(dir, '0007.json'), JSON.stringify({ seed: 'not-hex' }));
    writeFileSync(join(dir, '0008.json'), JSON.stringify({ features: {} }));
    await expect(buildCollection({ ...base, genomes: dir, outDir: join(tmp.dir, 'o3') })).rejects.toThrow(/0007\.json: "seed" must be 64/);
    writeFileSync(join(dir, '0007.json'), JSON.stringify({ other: 1 }));
    await expect(buildCollection({ ...base, genomes: dir, outDir: join(tmp.dir, 'o3') })).rejects.toThrow(/0008\.json: "seed" must be 64/);
    writeFileSync(join(dir, '0008.json'), JSON.stringify({ other: 1 }));
    await expect(buildCollection({ ...base, genomes: dir, outDir: join(tmp.dir, 'o3') })).rejects.toThrow(/no genome \(a JSON with "seed"\)/);
    writeFileSync(join(dir, '0007.json'), '{"seed":');
    await expect(buildCollection({ ...base, genomes: dir, outDir: join(tmp.dir, 'o3') })).rejects.toThrow(/0007\.json: not JSON/);
    await expect(buildCollection({ ...base, genomes: join(tmp.dir, 'empty-none'), outDir: join(tmp.dir, 'o3') })).rejects.toThrow(/--collection/);
  });

  it('tokenHtml refuses malformed seeds and IDs', () => {
    const ok = { name: '1', seed: seeds[0], birthHeight: 1, brainId: 'ab'.repeat(32) + 'i0' };
    expect(() => tokenHtml({ ...ok, seed: 'x' }, ok.brainId)).toThrow(/token 1: seed "x"/);
    expect(() => tokenHtml(ok, 'bad')).toThrow(/art ID "bad"/);
    expect(() => tokenHtml({ ...ok, brainId: '"}</script>' }, ok.brainId)).toThrow(/brain ID/);
  });
});

describe('buildCollection --art-id', () => {
  it('points the tokens at the real art inscription once it is known, and checks the ID', async () => {
    const real = '9f'.repeat(32) + 'i0';
    const r = await buildCollection({ ...base, genomes, outDir: join(tmp.dir, 'real'), artId: real });
    expect(r.artId).toBe(real);
    expect(r.artId).not.toBe(r.art.id);
    expect(readFileSync(join(tmp.dir, 'real', r.tokens[0].file), 'utf8')).toContain(`u="/content/${real}"`);
    await expect(buildCollection({ ...base, genomes, outDir: join(tmp.dir, 'bad-id'), artId: 'x' })).rejects.toThrow(/--art-id "x"/);
  });
});
