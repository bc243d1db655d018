// CI's guard on the shipped files: the committed inscription.html and its manifest inscription.json must be exactly what
// `npm run build` makes from this tree (default inputs), and within the byte budgets. A stale or hand-edited commit fails here.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { artOverBudget, readBudgets } from '../../tools/build/budgets';
import { buildInscription, DEFAULT_BRAIN } from '../../tools/build/inscription';
import { manifestJson } from '../../tools/build/manifest';
import { ROOT } from './helpers';

describe('the committed inscription.html', () => {
  it('equals a fresh build of the tree and is within the budgets', async () => {
    expect(existsSync(join(ROOT, DEFAULT_BRAIN)), `${DEFAULT_BRAIN} (the default brain) is missing`).toBe(true);
    const fresh = await buildInscription({ root: ROOT });
    const path = join(ROOT, 'inscription.html');
    expect(existsSync(path), 'inscription.html is not committed: run npm run build and commit it').toBe(true);
    const committed = readFileSync(path);
    expect(committed.equals(fresh.bytes), `inscription.html (${committed.length} B) differs from a fresh build ` +
      `(${fresh.bytes.length} B): run npm run build and commit it`).toBe(true);
    expect(artOverBudget('inscription.html', fresh.size, readBudgets(ROOT))).toEqual([]);
    const manifest = join(ROOT, 'inscription.json');
    expect(existsSync(manifest), 'inscription.json is not committed: run npm run build and commit it').toBe(true);
    expect(readFileSync(manifest, 'utf8'), 'inscription.json differs from a fresh build: run npm run build and commit it')
      .toBe(manifestJson(fresh.manifest));
    expect(fresh.manifest).toMatchObject({ file: 'inscription.html', artId: fresh.id, seed: fresh.config.seed,
      birthHeight: fresh.config.birthHeight, brainId: fresh.config.brainId });
  });
});
