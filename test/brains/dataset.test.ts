// The PFP dataset: Nouns decoded exactly as the descriptor does, deterministic from a seed whatever the chunking,
// written and read back losslessly; and the trainer is deterministic for a seed.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { drawPart, nounsData, renderNoun } from '../../tools/dataset/nouns';
import { generateDataset, renderChunk, PIXELS } from '../../tools/dataset/generate';
import { PFP_CLASSES } from '../../tools/dataset/classes';
import { rngFrom } from '../../tools/dataset/prng';
import { readDataset, writeDataset } from '../../tools/dataset/store';
import { createModel } from '../../tools/train/init';
import { loadPfp } from '../../tools/train/data';
import { run as datasetCommand } from '../../tools/commands/dataset';
import { run as collectionCommand } from '../../tools/commands/collection';
import { train } from '../../tools/train/loop';

describe('Nouns RLE decoding', () => {
  it('fills rows inside the bounds, wraps at the right bound and skips colour 0', () => {
    const rgba = new Uint8ClampedArray(32 * 32 * 4);
    // palette 0, bounds top 1 right 4 bottom 3 left 1; runs: 2 x colour 1, 2 x transparent, 2 x colour 2 (wraps)
    drawPart(rgba, '0x00' + '01040301' + '0201' + '0200' + '0202');
    const at = (x: number, y: number) => Array.from(rgba.slice((y * 32 + x) * 4, (y * 32 + x) * 4 + 4));
    const c1 = nounsData.palette[1], c2 = nounsData.palette[2];
    const rgb = (h: string) => [parseInt(h.slice(0, 2), 16), parseInt(h.slice(2, 4), 16), parseInt(h.slice(4, 6), 16), 255];
    expect([at(1, 1), at(2, 1)]).toEqual([rgb(c1), rgb(c1)]);
    expect([at(3, 1), at(1, 2)]).toEqual([[0, 0, 0, 0], [0, 0, 0, 0]]); // the transparent run wrapped to row 2
    expect([at(2, 2), at(3, 2)]).toEqual([rgb(c2), rgb(c2)]);
    expect(at(0, 1)).toEqual([0, 0, 0, 0]);
  });
  it('composes a whole Noun opaque over its own background', () => {
    const { rgba, background } = renderNoun({ background: 1, body: 0, accessory: 0, head: 0, glasses: 0 });
    expect(background).toEqual([0xe1, 0xd7, 0xd5]);
    let opaque = 0;
    for (let i = 3; i < rgba.length; i += 4) if (rgba[i] === 255) opaque++;
    expect(opaque).toBeGreaterThan(200); // body, head and glasses cover a good part of the 32x32 canvas
  });
});

describe('PFP dataset', () => {
  it('is a pure function of the seed, independent of chunking', async () => {
    const a = await generateDataset('t', 3, 2);
    const b = await generateDataset('t', 3, 2);
    const c = await generateDataset('u', 3, 2);
    expect(Buffer.from(a.train.images).equals(Buffer.from(b.train.images))).toBe(true);
    expect(Buffer.from(a.test.images).equals(Buffer.from(b.test.images))).toBe(true);
    expect(Buffer.from(a.train.images).equals(Buffer.from(c.train.images))).toBe(false);
    expect(Buffer.from(a.train.images).equals(Buffer.from(a.test.images.subarray(0, a.train.images.length)))).toBe(false);
    expect(Array.from(a.train.labels)).toEqual([0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3]);
    const whole = renderChunk('t', { classIndex: 2, split: 'train', start: 0, count: 3 });
    const tail = renderChunk('t', { classIndex: 2, split: 'train', start: 1, count: 2 });
    expect(Buffer.from(whole.subarray(PIXELS)).equals(Buffer.from(tail))).toBe(true);
    expect(Buffer.from(whole).equals(Buffer.from(a.train.images.subarray(6 * PIXELS, 9 * PIXELS)))).toBe(true);
  });

  it('stays byte for byte what it was when the cached datasets were made (digests recorded then)', async () => {
    const r = rngFrom('golden');
    expect(Array.from({ length: 4 }, () => Math.floor(r() * 2 ** 32))).toEqual([294920614, 2034860662, 4178428387, 234948849]);
    const d = await generateDataset('0', 3, 2, 1);
    const h = createHash('sha256');
    for (const part of [d.train.images, d.train.labels, d.test.images, d.test.labels]) h.update(part);
    expect(h.digest('hex')).toBe('b5cb6b9f8c8a5b96040144ac0238058a2719dbd6c900aa3ee5c5f1c619621acb');
  });

  it('has four classes with sources and licences, and never mirrors a Noun', () => {
    expect(PFP_CLASSES.map((c) => c.name)).toEqual(['Bottts', 'Nouns', 'Pixel Art', 'Thumbs']);
    for (const c of PFP_CLASSES) expect(c.licence).not.toMatch(/unknown/);
    expect(PFP_CLASSES.find((c) => c.name === 'Nouns')!.flip).toBe(false);
  });

  it('writes dataset.bin, manifest.json and a contact sheet, and reads them back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pfp-'));
    try {
      const data = await generateDataset('w', 2, 1);
      const manifest = writeDataset(dir, data);
      expect(manifest.classes.map((c) => [c.name, c.train, c.test])).toEqual([['Bottts', 2, 1], ['Nouns', 2, 1], ['Pixel Art', 2, 1], ['Thumbs', 2, 1]]);
      const back = readDataset(dir);
      expect(Buffer.from(back.train.images).equals(Buffer.from(data.train.images))).toBe(true);
      expect(Array.from(back.test.labels)).toEqual(Array.from(data.test.labels));
      const sheet = PNG.sync.read(readFileSync(join(dir, 'contact-sheet.png')));
      expect(sheet.height).toBe(4 * (96 + 4) + 4);
      expect(() => readDataset(join(dir, 'nothing'))).toThrow(/manifest.json is missing/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('where the dataset goes', () => {
  /** Runs a command in a fresh working directory, its output captured. */
  async function inTempDir(run: (dir: string) => Promise<number>): Promise<{ code: number; out: string; dir: string }> {
    const dir = mkdtempSync(join(tmpdir(), 'pfp-cwd-')), cwd = process.cwd(), out: string[] = [], [log, error] = [console.log, console.error];
    console.log = console.error = (...a: unknown[]) => void out.push(a.join(' '));
    process.chdir(dir);
    try {
      return { code: await run(dir), out: out.join('\n'), dir };
    } finally {
      process.chdir(cwd);
      [console.log, console.error] = [log, error];
    }
  }

  it('perceptrons dataset without --out writes data/pfp-seed<S>-<N>x<M>, where the trainers look', async () => {
    const r = await inTempDir(() => datasetCommand(['--seed', 'w', '--per-class', '2', '--test-per-class', '1', '--workers', '1']));
    try {
      expect(r.code, r.out).toBe(0);
      expect(r.out).toMatch(/data\/pfp-seedw-2x1: 8 train \+ 4 held-out images/);
      expect(existsSync(join(r.dir, 'data/pfp-seedw-2x1/manifest.json'))).toBe(true);
      const read = await loadPfp({ seed: 'w', trainPerClass: 2, testPerClass: 1, cacheRoot: join(r.dir, 'data') });
      expect(Buffer.from(read.train.images).equals(Buffer.from((await generateDataset('w', 2, 1)).train.images))).toBe(true);
    } finally {
      rmSync(r.dir, { recursive: true, force: true });
    }
  });

  it('perceptrons collection without its dataset prints the command that makes it (exit 2)', async () => {
    const r = await inTempDir(() => collectionCommand(['--count', '1', '--out', 'c', '--data', 'elsewhere']));
    try {
      expect(r.code).toBe(2);
      expect(r.out).toMatch(/no PFP dataset at .*elsewhere: make it with `npx perceptrons dataset --out elsewhere`/);
    } finally {
      rmSync(r.dir, { recursive: true, force: true });
    }
  });
});

describe('trainer', () => {
  it('is deterministic for a seed and learns', async () => {
    const data = await generateDataset('trainer', 12, 4);
    const run = (seed: string) => {
      const m = createModel('t', [32, 32, 3], { hidden: [6, 5], activation: 'leaky_relu' }, data.classes, seed);
      const r = train(m, data.train, data.train, { seed, epochs: 8, batchSize: 8, learningRate: 5e-3, dropout: 'none' });
      return { m, r };
    };
    const a = run('1'), b = run('1'), c = run('2');
    expect(Buffer.from(a.m.layers[0].kernel.buffer).equals(Buffer.from(b.m.layers[0].kernel.buffer))).toBe(true);
    expect(Buffer.from(a.m.layers[0].kernel.buffer).equals(Buffer.from(c.m.layers[0].kernel.buffer))).toBe(false);
    expect(a.r.epochs[7].loss).toBeLessThan(a.r.epochs[0].loss);
    expect(a.r.epochs[7].testAccuracy).toBeGreaterThan(0.8); // fits its 48 training images
  });
});
