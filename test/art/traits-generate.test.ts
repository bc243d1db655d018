import { describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../tools/commands/generate';
import { tokenSeed } from '../../tools/collection/token-seed';
import { generateGenome } from '../../src/art/traits';

describe('perceptrons generate', () => {
  it('writes one genome per token and a rarity report that counts them', async () => {
    const out = mkdtempSync(join(tmpdir(), 'gen-'));
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      expect(await run(['--count', '25', '--seed', 'test', '--out', out])).toBe(0);
      const printed = log.mock.calls.map((c) => String(c[0])).join('\n');
      expect(printed).toMatch(/Architecture\s+Random Triangle\s+\d+\s+[\d.]+%\s+50\.00%/);
      expect(readdirSync(out).length).toBe(26);
      const doc = JSON.parse(readFileSync(join(out, '7.json'), 'utf8'));
      const g = generateGenome(tokenSeed('test', 7));
      expect(doc).toEqual({ seed: g.seed, features: g.features, hidden: g.hidden });
      const rarity = JSON.parse(readFileSync(join(out, 'rarity.json'), 'utf8'));
      for (const values of Object.values(rarity) as Record<string, number>[]) expect(Object.values(values).reduce((a, b) => a + b, 0)).toBe(25);
      expect(Object.keys(rarity)).toContain('Birth Year');
    } finally {
      log.mockRestore();
      rmSync(out, { recursive: true, force: true });
    }
  });
  it('refuses bad options with a message naming them', async () => {
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      expect(await run(['--count', 'ten', '--out', 'x'])).toBe(2);
      expect(await run(['--count', '5'])).toBe(2);
      expect(await run(['--colour', 'red'])).toBe(2);
      expect(err.mock.calls.map((c) => String(c[0]).split('\n')[0])).toEqual([
        'perceptrons generate: --count must be an integer from 1 to 1000000, got "ten"', 'perceptrons generate: --out is required',
        'perceptrons generate: unknown option "--colour"']);
    } finally {
      err.mockRestore();
    }
  });
});
