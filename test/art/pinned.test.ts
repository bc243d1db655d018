// Same seed, same traits, for ever: the genome, each life's form and the life cycle of 1000 seeds, hashed and pinned.
// A change to the generator (an order of draws, a range, a sub-stream) changes every token already minted; this fails
// first. The pinned hashes were computed before the trait tables took their looks by value and their sub-streams from
// SUBSTREAMS, and are unchanged by it.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateGenome } from '../../src/art/traits';
import { formOf } from '../../src/art/form';
import { lifeAt } from '../../src/art/life';
import { SUBSTREAMS } from '../../src/art/prng';

describe('the sub-streams of a seed', () => {
  it('are distinct, and none is the main stream (0)', () => {
    const numbers = Object.values(SUBSTREAMS);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(numbers).not.toContain(0);
    for (const n of numbers) expect(Number.isInteger(n) && n > 0).toBe(true);
  });
});

describe('traits of seeds 0..999', () => {
  it('are the pinned ones: genomes, the forms of lives 1-3, and the life cycle at four heights', () => {
    const genomes = createHash('sha256'), rest = createHash('sha256');
    for (let i = 0; i < 1000; i++) {
      const g = generateGenome(createHash('sha256').update(`traits:${i}`).digest('hex'));
      genomes.update(JSON.stringify(g));
      const counts = [...g.hidden, 10];
      for (const life of [1, 2, 3]) {
        const f = formOf(g, life, counts);
        rest.update(JSON.stringify([f.visual, f.palette, f.slots, f.bow, f.spread]));
      }
      for (const height of [0, 5000, 123456, 900000]) {
        const l = lifeAt(g, 840000 + height, 840000, g.hidden, 10);
        rest.update(JSON.stringify([l.stage, l.life, l.age, l.born.map((b) => [...b]), l.connectionLevel.map((c) => c && [...c])]));
      }
    }
    expect(genomes.digest('hex')).toBe('519df21ad6d5fee41ce08b02635c404327e05babdd92fb7dcb8b73a74200fc8d');
    expect(rest.digest('hex')).toBe('6753b3848aff5b0f0e70206aca3bdf5916f18b686b26839f66fb3ba45237c7b7');
  });
});
