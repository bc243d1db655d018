// Genome → training config, and the ord batches: never over the weight limit, in dependency order, read back as written.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateGenome } from '../../src/art/traits';
import { tokenSeed } from '../../tools/collection/token-seed';
import { trainingConfig } from '../../tools/collection/config';
import {
  BATCH_WEIGHT_LIMIT, batchYaml, chunkedField, MAX_REVEAL_WEIGHT, parseBatchYaml, planBatches, planGalleries, revealWeight, split, type Entry,
} from '../../tools/collection/batches';
import { tokenMetadata, tokenPreviewId, idBytes } from '../../tools/collection/token';
import { encodeProperties, tokenAttributes } from '../../tools/collection/properties';

const genomeOf = (i: number) => {
  const g = generateGenome(tokenSeed('perceptrons', i));
  return { g, doc: { seed: g.seed, features: g.features, hidden: g.hidden } };
};
const ID = (n: number) => n.toString(16).padStart(64, '0') + 'i0';

describe('trainingConfig', () => {
  it('trains the genome\'s network for the genome\'s epochs, with the levers of its family', () => {
    let sigmoids = 0;
    for (let i = 0; i < 300; i++) {
      const { g, doc } = genomeOf(i);
      const c = trainingConfig(doc);
      expect(c.arch.hidden).toEqual(g.hidden);
      expect(c.arch.activation).toBe(g.activation);
      expect(c.epochs).toBe(g.epochs);
      if (g.activation === 'sigmoid') {
        sigmoids++;
        expect(c.epochs).toBeGreaterThanOrEqual(8);
        expect(c.epochs).toBeLessThanOrEqual(12);
        expect([c.learningRate, c.batchSize, c.initGain]).toEqual([0.005, 16, g.hidden.length > 1 ? 4 : 1]);
      } else {
        expect(c.epochs).toBeGreaterThanOrEqual(4);
        expect(c.epochs).toBeLessThanOrEqual(6);
        expect([c.learningRate, c.batchSize, c.initGain]).toEqual([0.002, 32, 1]);
      }
      // a ReLU stack through a 1-2 unit layer trains mostly whole and may restart once more
      const narrowRelu = g.activation === 'relu' && Math.min(...g.hidden) <= 2;
      expect([c.pFull, c.attempts, c.restartBelow]).toEqual(narrowRelu ? [0.9, 6, 0.95] : [0.75, 5, 0.95]);
      expect([c.rescueAttempts, c.rescueBelow]).toEqual([32, 0.9]);
      expect(c.arch.structure).toBe(g.features.Architecture);
    }
    expect(sigmoids).toBeGreaterThan(10);
  });

  it('names a bad genome', () => {
    expect(() => trainingConfig({ seed: 'ab'.repeat(32), features: { Activation: 'Swish' }, hidden: [4] })).toThrow(/activation "Swish"/);
    expect(() => trainingConfig({ seed: 'ab'.repeat(32), features: { Activation: 'ReLU' }, hidden: [] })).toThrow(/hidden must be/);
  });
});

describe('batches', () => {
  const brains: { file: string; bytes: number }[] = Array.from({ length: 60 }, (_, i) => ({ file: `brains/${i}.json`, bytes: 20_000 + ((i * 7919) % 60_000) }));
  const tokens = Array.from({ length: 580 }, (_, i) => ({
    delegate: ID(1), ...tokenAttributes(i, genomeOf(i).g.features, 0.97), metadata: tokenMetadata(i, 'ab'.repeat(32), ID(100 + i), 0.97),
  }));
  const plan = planBatches({ parent: { file: 'parent.txt', bytes: 90 }, parentId: ID(2), art: { file: 'art.html', bytes: 18_000 }, brains, tokens });

  it('keeps every reveal under the limit, in dependency order: parent, art and brains, then tokens', () => {
    for (const b of plan) expect(b.weight).toBeLessThanOrEqual(BATCH_WEIGHT_LIMIT);
    expect(BATCH_WEIGHT_LIMIT).toBeLessThan(MAX_REVEAL_WEIGHT);
    expect(plan[0].name).toBe('00-parent');
    const kinds = plan.map((b) => b.name.slice(3));
    expect(kinds.lastIndexOf('art-brains')).toBeLessThan(kinds.indexOf('tokens'));
    expect(plan.map((b) => b.name.slice(0, 2))).toEqual(plan.map((_, i) => String(i).padStart(2, '0')));
    // nothing lost or reordered
    const files = plan.flatMap((b) => b.entries.filter((e) => 'file' in e).map((e) => (e as { file: string }).file));
    expect(files).toEqual(['parent.txt', 'art.html', ...brains.map((b) => b.file)]);
    expect(plan.flatMap((b) => b.entries.filter((e) => 'delegate' in e))).toEqual(tokens);
    expect(plan.filter((b) => b.name.endsWith('tokens')).every((b) => b.parents[0] === ID(2))).toBe(true);
    // full batches: the next entry would not have fit
    for (const [i, b] of plan.entries()) {
      const next = plan[i + 1];
      if (next && next.name.slice(3) === b.name.slice(3)) expect(revealWeight([...b.entries, next.entries[0]], b.parents.length)).toBeGreaterThan(BATCH_WEIGHT_LIMIT);
    }
  });

  it('weighs content at one unit a byte and the rest at four', () => {
    const one = revealWeight([{ file: 'a', bytes: 100_000 }], 0), two = revealWeight([{ file: 'a', bytes: 200_000 }], 0);
    expect(two - one).toBeGreaterThan(100_000);
    expect(two - one).toBeLessThan(100_000 * 1.01); // 520-byte pushes: 3 bytes each
    expect(revealWeight([{ file: 'a', bytes: 10 }, { file: 'b', bytes: 10 }], 0) - revealWeight([{ file: 'a', bytes: 10 }], 0)).toBeGreaterThan(43 * 4);
  });

  it('counts each token\'s properties: tag 17 in 520-byte pushes, tag 19 when ord keeps the brotli\'d form', () => {
    const t = tokens[7], bare = { delegate: t.delegate, metadata: t.metadata };
    const p = encodeProperties(t)!;
    const added = revealWeight([t], 1) - revealWeight([bare], 1);
    // one chunk (under 520 bytes): tag push (2) + the bytes + their push opcode (1-3), and "br" under tag 19 (2 + 3)
    expect(p.bytes.length).toBeLessThan(520);
    expect(added).toBe(2 + p.bytes.length + (p.bytes.length <= 75 ? 1 : p.bytes.length <= 255 ? 2 : 3) + (p.encoding ? 5 : 0));
    // over 520 bytes: one tag push per chunk
    expect(chunkedField(520)).toBe(2 + 520 + 3);
    expect(chunkedField(521)).toBe(2 + 520 + 3 + 2 + 1 + 1);
    expect(chunkedField(1040)).toBe(2 * (2 + 520 + 3));
  });

  it('refuses an inscription too big for any batch', () => {
    expect(() => split('brains', [{ file: 'brains/9.json', bytes: 500_000 }], [])).toThrow(/brains\/9\.json alone needs \d+ WU/);
  });

  it('writes YAML that reads back to the same batch', () => {
    for (const b of plan) {
      const back = parseBatchYaml(batchYaml(b, plan.length), b.name);
      expect(back.parents).toEqual(b.parents);
      expect(back.entries).toEqual(b.entries.map((e) => ('file' in e ? { file: e.file } : e)));
    }
    const gallery = planGalleries(tokens.slice(0, 5).map((t, i) => ({ id: ID(100 + i), title: t.title, traits: t.traits })), ID(2), 9, 'Perceptrons');
    const back = parseBatchYaml(batchYaml(gallery[0], 10), '09-gallery');
    expect(back.entries).toEqual(gallery[0].entries);
    expect(batchYaml(gallery[0], 10)).toContain('  gallery:\n  - {"id": "');
    expect(() => parseBatchYaml('mode: shared-output\n', 'x.yaml')).toThrow(/x\.yaml:1: mode must be separate-outputs/);
    expect(() => parseBatchYaml('inscriptions:\n- delegate: "nope"\n', 'x.yaml')).toThrow(/not an inscription ID/);
  });
});

describe('galleries', () => {
  it('list every token with its title and traits, split to stay within the weight limit, in order', () => {
    const txid = (i: number) => createHash('sha256').update(String(i)).digest('hex'); // as random as real txids
    const items = Array.from({ length: 120 }, (_, i) => ({ id: `${txid(i)}i${i % 3}`, ...tokenAttributes(i, genomeOf(i).g.features, 0.9712) }));
    const galleries = planGalleries(items, ID(2), 26, 'Perceptrons');
    expect(galleries[0].name).toBe('26-gallery');
    for (const g of galleries) expect(g.weight).toBeLessThanOrEqual(BATCH_WEIGHT_LIMIT);
    expect(galleries.flatMap((g) => (g.entries[0] as { gallery: unknown[] }).gallery)).toEqual(items);
    // a limit that cannot hold them all in one: split, each full
    const small = planGalleries(items, ID(2), 26, 'Perceptrons', 5_000);
    expect(small.length).toBeGreaterThan(1);
    expect(small.map((g) => (g.entries[0] as { title: string }).title)[1]).toBe(`Perceptrons (2 of ${small.length})`);
    expect(small.flatMap((g) => (g.entries[0] as { gallery: unknown[] }).gallery)).toEqual(items);
    for (const g of small) expect(g.weight).toBeLessThanOrEqual(5_000);
  });
});

describe('token envelope', () => {
  it('serialises IDs as ord does and gives each token its own preview ID', () => {
    const id = 'ab'.repeat(31) + '01' + 'i258';
    expect(idBytes(id).toString('hex')).toBe('01' + 'ab'.repeat(31) + '0201');
    expect(idBytes(ID(5)).length).toBe(32); // index 0: no index bytes
    const a = tokenPreviewId({ parent: ID(2), delegate: ID(1), metadata: tokenMetadata(0, 'ab'.repeat(32), ID(3), 0.9) });
    const b = tokenPreviewId({ parent: ID(2), delegate: ID(1), metadata: tokenMetadata(1, 'ab'.repeat(32), ID(3), 0.9) });
    expect(a).toMatch(/^[0-9a-f]{64}i0$/);
    expect(a).not.toBe(b);
  });
});
