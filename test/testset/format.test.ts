// The test-set inscription on the Node side: the worked example of docs/format.md decodes to every figure it states,
// a written test set reads back to the same images and labels, the committed one is what `perceptrons testset`
// writes from the dataset and holds none of its images, and hostile or broken headers are refused by name (fuzzed).
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import fc from 'fast-check';
import { checkTestSet, MAX_TEST_IMAGES, readTestSet, TestSetError, TESTSET_FORMAT, tilePixels, type TestSet } from '../../src/nn/testset';
import { readDataset } from '../../tools/dataset/read';
import { decodeImage } from '../../tools/image';
import { datasetHashes, makeTestSet } from '../../tools/testset/make';
import { asciiJson, encodeSheet, withHeader } from '../../tools/testset/png';
import { chunk, crc32 } from '../../tools/png';
import { decodeTestSet, testImage } from '../../tools/testset/read';
import { TESTSET_COLUMNS, TESTSET_FIXTURE, TESTSET_PER_CLASS } from '../../tools/testset/defaults';

const ROOT = new URL('../../', import.meta.url).pathname;
const DATA = join(ROOT, 'data/pfp-seed0-6000x1000');

describe('the worked example of docs/format.md', () => {
  const md = readFileSync(join(ROOT, 'docs/format.md'), 'utf8');
  const section = md.slice(md.indexOf('## The test set'));
  const png = Buffer.from(/```text\n(iVBOR[^\n]+)\n```/.exec(section)![1], 'base64');

  it('is the bytes it says, with the header it shows', () => {
    expect(section).toContain(`inscription, ${png.length} bytes`);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const json = /```json\n(\{"format"[^\n]+)\n```/.exec(section)![1];
    expect(section).toContain(`the \`tEXt\` chunk, ${'perceptrons-testset'.length + 1 + json.length} bytes`);
    const t = readTestSet(png);
    expect(t).toEqual({ count: 2, tile: [2, 2], columns: 2, classes: ['Nouns', 'Thumbs'], labels: [1, 0], source: 'docs/format.md' });
    // and it is exactly what the tool writes for those pixels and that header
    const rows = [[255, 0, 0, 250, 10, 10, 0, 0, 255, 255, 255, 255], [240, 20, 20, 255, 0, 0, 255, 255, 255, 0, 0, 255]];
    const rgba = new Uint8Array(rows.flat().flatMap((v, i) => (i % 3 === 2 ? [v, 255] : [v])));
    expect(encodeSheet(rgba, 4, 2, json).equals(png)).toBe(true);
  });

  it('decodes to the pixels of its table, and image 1 to the input it states', () => {
    const img = decodeImage(png, 'example');
    expect([img.width, img.height]).toEqual([4, 2]);
    const t = decodeTestSet(png, 'example');
    expect([...tilePixels(img.rgba, 4, t, 0)]).toEqual([255, 0, 0, 250, 10, 10, 240, 20, 20, 255, 0, 0]);
    expect([...testImage(t, 1, 2, 2)].join(' ')).toBe(/image 1, as a brain of input 2x2x3 takes it, is `([\d ]+)`/.exec(section)![1]);
  });
});

describe('a written test set', () => {
  const made = makeTestSet({ seed: 'unit', perClass: 3, columns: 5 }, new Set());

  it('reads back to the images and labels written (pngjs, as the CLI reads it)', () => {
    const t = decodeTestSet(made.png, 'made');
    expect(t.count).toBe(12);
    expect(t.labels).toEqual(made.header.labels);
    expect([...new Set(t.labels)].sort()).toEqual([0, 1, 2, 3]);
    expect(t.labels.filter((l) => l === 2)).toHaveLength(3);
    const [h, w] = t.tile;
    for (let i = 0; i < t.count; i++) expect(Buffer.from(testImage(t, i, h, w)).equals(Buffer.from(made.images.subarray(i * h * w * 3, (i + 1) * h * w * 3))), `image ${i}`).toBe(true);
    // the spare tiles of the last row are white
    expect(t.width).toBe(5 * 32);
    expect(Math.min(...testImage({ ...t, count: 15, labels: [...t.labels, 0, 0, 0] }, 14, h, w))).toBe(255);
  });

  it('skips a generator sample equal to an excluded image, and holds no image twice', () => {
    const first = made.images.subarray(0, 3072); // some class's first sample
    const again = makeTestSet({ seed: 'unit', perClass: 3, columns: 5 }, new Set([createHash('sha256').update(first).digest('base64')]));
    expect(again.skipped).toBe(1);
    const hashes = new Set<string>();
    for (let i = 0; i < again.header.count; i++) hashes.add(createHash('sha256').update(again.images.subarray(i * 3072, (i + 1) * 3072)).digest('hex'));
    expect(hashes.size).toBe(12);
    expect(hashes.has(createHash('sha256').update(first).digest('hex'))).toBe(false);
  });

  it('is the same bytes from the same options (deterministic)', () => {
    expect(makeTestSet({ seed: 'unit', perClass: 3, columns: 5 }, new Set()).png.equals(made.png)).toBe(true);
  });
});

describe.runIf(existsSync(join(DATA, 'manifest.json')))('the committed test set', () => {
  it('is what perceptrons testset writes from the dataset, and none of its 300 images is a training or held-out image', () => {
    const data = readDataset(DATA), exclude = datasetHashes(data);
    expect(exclude.size).toBe(data.train.count + data.test.count); // the dataset's own images are all distinct
    const made = makeTestSet({ seed: data.seed, perClass: TESTSET_PER_CLASS, columns: TESTSET_COLUMNS }, exclude);
    expect(made.png.equals(readFileSync(join(ROOT, TESTSET_FIXTURE)))).toBe(true);
    for (let i = 0; i < made.header.count; i++) expect(exclude.has(createHash('sha256').update(made.images.subarray(i * 3072, (i + 1) * 3072)).digest('base64'))).toBe(false);
    expect(made.header.count).toBe(300);
  }, 120_000);
});

describe('refusing bad test sets', () => {
  const good = makeTestSet({ seed: 'unit', perClass: 1, columns: 2 }, new Set());
  const header = { format: TESTSET_FORMAT, ...good.header };
  const edited = (change: Record<string, unknown>) => withHeader(good.png, asciiJson({ ...header, ...change }));
  const why = (png: Uint8Array) => {
    try {
      readTestSet(png);
      return '';
    } catch (e) {
      expect(e).toBeInstanceOf(TestSetError);
      return (e as Error).message;
    }
  };

  it('names what is wrong', () => {
    expect(why(Buffer.from('GIF89a this is not a PNG at all, not at all'))).toMatch(/Not a PNG image/);
    expect(why(good.png.subarray(0, good.png.length - 20))).toMatch(/cut short/);
    const plain = encodeSheet(new Uint8Array(64 * 32 * 4), 64, 32, '');
    expect(why(withHeader(plain, 'x').subarray(0))).toMatch(/not JSON/);
    expect(why(Buffer.concat([plain.subarray(0, 33), plain.subarray(33 + 12 + 'perceptrons-testset'.length + 1)]))).toMatch(/no "perceptrons-testset" text chunk/);
    expect(why(edited({ count: 1e9 }))).toMatch(/claims 1,000,000,000 images; it must hold 1 to 10,000/);
    expect(why(edited({ labels: [0, 1, 2] }))).toMatch(/labels do not match the images: 3 labels for 4 images/);
    expect(why(edited({ columns: 4 }))).toMatch(/4 labels in 4 columns of 32x32 make a 128x32 sheet, the image is 64x64/);
    expect(why(edited({ labels: [0, 1, 2, 4] }))).toMatch(/class index from 0 to 3/);
    expect(why(edited({ classes: ['a', 'a', 'b', 'c'] }))).toMatch(/names a class twice/);
    expect(why(edited({ tile: [32, 0] }))).toMatch(/"tile" must be/);
    expect(why(edited({ format: 'perceptrons-testset/9' }))).toMatch(/format is "perceptrons-testset\/9"/);
    expect(why(edited({ source: 5 }))).toMatch(/"source" must be text/);
    expect(why(good.png)).toBe('');
  });

  it('fuzzed: any header or byte damage gives a TestSet that fits its sheet, or a TestSetError; nothing else', () => {
    const value = fc.oneof(fc.integer({ min: -5, max: 20 }), fc.constant(1e9), fc.constant(MAX_TEST_IMAGES + 1), fc.double(), fc.string(), fc.constant(null),
      fc.array(fc.integer({ min: -1, max: 5 }), { maxLength: 6 }), fc.array(fc.string({ maxLength: 3 }), { maxLength: 5 }));
    const field = fc.constantFrom('format', 'count', 'tile', 'columns', 'classes', 'labels', 'source', 'extra');
    const ok = (t: TestSet, png: Uint8Array) => {
      const w = new DataView(png.buffer, png.byteOffset).getUint32(16), h = new DataView(png.buffer, png.byteOffset).getUint32(20);
      expect(t.count).toBeLessThanOrEqual(MAX_TEST_IMAGES);
      expect(t.labels).toHaveLength(t.count);
      expect(t.labels.every((l) => l >= 0 && l < t.classes.length)).toBe(true);
      expect(w).toBe(t.columns * t.tile[1]);
      expect(h).toBe(Math.ceil(t.count / t.columns) * t.tile[0]);
    };
    const outcome = (png: Uint8Array) => {
      try {
        ok(readTestSet(png), png);
      } catch (e) {
        if (!(e instanceof TestSetError)) throw e;
      }
    };
    fc.assert(fc.property(fc.dictionary(field, value, { maxKeys: 4 }), (change) => outcome(edited(change))), { numRuns: 2000 });
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (json) => outcome(withHeader(good.png, json))), { numRuns: 1000 });
    fc.assert(fc.property(fc.nat(good.png.length - 1), fc.integer({ min: 0, max: 255 }), fc.nat(good.png.length), (at, byte, cut) => {
      const damaged = Buffer.from(good.png);
      damaged[at] = byte;
      outcome(damaged.subarray(0, cut));
    }), { numRuns: 3000 });
  });

  it('checkTestSet alone refuses what is not an object', () => {
    for (const doc of [null, [], 'x', 5]) expect(() => checkTestSet(doc, 32, 32)).toThrow(/not a JSON object/);
  });

  it('writes chunks ord and browsers accept: PNG\'s CRC-32', () => {
    expect(crc32(Buffer.from('IEND'))).toBe(0xae426082);
    expect(chunk('IEND', new Uint8Array(0)).toString('hex')).toBe('0000000049454e44ae426082');
  });
});
