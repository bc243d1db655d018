// perceptrons validate / classify, and tools/image.ts (decode PNG/JPEG, area-averaging resize).
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import jpeg from 'jpeg-js';
import { run as validate } from '../../tools/commands/validate';
import { run as classifyCmd } from '../../tools/commands/classify';
import { ImageError, decodeImage, loadImageRGB, resizeArea } from '../../tools/image';
import { classify, decodeDataInscription, encodeDataInscription, simdPlan } from '../../src/nn/index';
import { originalBrain } from './helpers';
import { capture } from '../build/helpers';
import { tinyDocument } from './docs';

const dir = mkdtempSync(join(tmpdir(), 'nn-cli-'));
const brain = new URL('../../fixtures/original-brains/pfp_classifier_15.json', import.meta.url).pathname;

function png(w: number, h: number, pixel: (x: number, y: number) => [number, number, number, number]): Buffer {
  const p = new PNG({ width: w, height: h });
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) p.data.set(pixel(x, y), (y * w + x) * 4);
  return PNG.sync.write(p);
}

afterEach(() => vi.restoreAllMocks());

beforeAll(() => {
  writeFileSync(join(dir, 'stripes.png'), png(56, 42, (x) => (x % 2 ? [255, 0, 0, 255] : [0, 0, 255, 255])));
  writeFileSync(join(dir, 'grey.jpg'), jpeg.encode({ width: 30, height: 20, data: Buffer.alloc(30 * 20 * 4, 128) }, 95).data);
  writeFileSync(join(dir, 'truncated.png'), png(10, 10, () => [1, 2, 3, 255]).subarray(0, 60));
  writeFileSync(join(dir, 'notes.txt'), 'hello');
  writeFileSync(join(dir, 'bad-brain.json'), JSON.stringify({ ...tinyDocument(), classes_name: ['a'] }));
});

describe('tools/image', () => {
  it('area averaging: an exact 2x reduction is the mean of each 2x2 block', () => {
    const rgba = new Uint8Array(4 * 2 * 4);
    [10, 20, 30, 40, 50, 60, 70, 80].forEach((v, i) => rgba.set([v, 255 - v, v / 2, 255], i * 4)); // 4x2 image
    expect(Array.from(resizeArea(rgba, 4, 2, 2, 1))).toEqual([35, 220, 18, 55, 200, 28]); // (10+20+50+60)/4 = 35 ...
  });

  it('fractional areas are weighted and a flat image stays flat at any size', () => {
    const rgba = new Uint8Array(3 * 1 * 4);
    [0, 90, 180].forEach((v, i) => rgba.set([v, v, v, 255], i * 4));
    // 3 -> 2: cell 0 covers pixel 0 and half of pixel 1: (0 + 0.5*90)/1.5 = 30; cell 1: (0.5*90 + 180)/1.5 = 150
    expect(Array.from(resizeArea(rgba, 3, 1, 2, 1))).toEqual([30, 30, 30, 150, 150, 150]);
    const flat = new Uint8Array(17 * 13 * 4).fill(77);
    for (const [w, h] of [[28, 28], [5, 3], [40, 40]]) expect(new Set(resizeArea(flat.map((v, i) => (i % 4 === 3 ? 255 : v)), 17, 13, w, h))).toEqual(new Set([77]));
  });

  it('composites transparency over white', () => {
    const rgba = Uint8Array.from([0, 0, 0, 0, 200, 100, 0, 255, 0, 0, 0, 128, 0, 0, 0, 255]);
    const out = resizeArea(rgba, 4, 1, 4, 1);
    expect(Array.from(out)).toEqual([255, 255, 255, 200, 100, 0, 127, 127, 127, 0, 0, 0]);
  });

  it('decodes PNG and JPEG by signature; bad files get an ImageError naming the file', async () => {
    const p = await loadImageRGB(join(dir, 'stripes.png'));
    expect([p.width, p.height, p.rgb.length]).toEqual([56, 42, 56 * 42 * 3]);
    expect(Array.from(p.rgb.subarray(0, 6))).toEqual([0, 0, 255, 255, 0, 0]);
    const j = await loadImageRGB(join(dir, 'grey.jpg'), 28, 28);
    expect(j.rgb.length).toBe(28 * 28 * 3);
    j.rgb.forEach((v) => expect(Math.abs(v - 128)).toBeLessThanOrEqual(2));
    await expect(loadImageRGB(join(dir, 'truncated.png'))).rejects.toThrow(/truncated.png: cannot decode PNG/);
    await expect(loadImageRGB(join(dir, 'notes.txt'))).rejects.toThrow(/notes.txt: not a PNG or JPEG image/);
    await expect(loadImageRGB(join(dir, 'missing.png'))).rejects.toThrow(/missing.png: cannot read \(ENOENT\)/);
    expect(() => decodeImage(new Uint8Array(0), 'x')).toThrow(ImageError);
  });
});

describe('perceptrons validate', () => {
  it('prints one summary line per good brain and exits 0', async () => {
    const { out } = capture();
    expect(await validate([brain])).toBe(0);
    expect(out).toHaveLength(1);
    expect(out[0]).toContain('pfp_classifier_15: 28x28x3 → 10 sigmoid → 2 sigmoid → 4 linear; 23,564 parameters (float32); 4 classes (Cryptoadz, Cryptopunks, Moonbirds, Nouns); 126,384 bytes');
  });

  it('reports the weight dtype of quantised brains', async () => {
    const file = join(dir, 'int8.json');
    writeFileSync(file, JSON.stringify(encodeDataInscription(decodeDataInscription(originalBrain('pfp_classifier_15')), { dtype: 'int8' })));
    const { out } = capture();
    expect(await validate([file])).toBe(0);
    expect(out[0]).toMatch(/23,564 parameters \(int8\); .*; 32,170 bytes$/);
  });

  it('prints the error with its JSON path and exits 1, still checking the other files', async () => {
    const { out, err } = capture();
    expect(await validate([join(dir, 'bad-brain.json'), brain, join(dir, 'nope.json')])).toBe(1);
    expect(out).toHaveLength(1);
    expect(err[0]).toMatch(/bad-brain.json: classes_name: must be 3 names \(one per output\), got 1/);
    expect(err[1]).toMatch(/nope.json: cannot read \(ENOENT\)/);
  });
});

describe('perceptrons classify', () => {
  it('ranks classes per image, equal to classify() on the area-resized pixels; bad images fail alone', async () => {
    const { out, err } = capture();
    const code = await classifyCmd(['--model', brain, '--json', join(dir, 'stripes.png'), join(dir, 'notes.txt'), join(dir, 'grey.jpg')]);
    expect(code).toBe(1);
    expect(err).toEqual([]);
    const report = JSON.parse(out.join('\n'));
    expect(report.model).toBe('pfp_classifier_15');
    expect(report.results.map((r: { ok: boolean }) => r.ok)).toEqual([true, false, true]);
    expect(report.results[1].error).toMatch(/notes.txt: not a PNG or JPEG image/);
    const model = decodeDataInscription(originalBrain('pfp_classifier_15'));
    const want = classify(model, (await loadImageRGB(join(dir, 'stripes.png'), 28, 28)).rgb, { kernel: simdPlan });
    expect(report.results[0].classes).toEqual(want.map(({ name, index, p }) => ({ name, index, p })));
  });

  it('human output lists percentages, --top limits them; usage errors exit 2', async () => {
    const { out } = capture();
    expect(await classifyCmd(['--model', brain, '--top', '2', join(dir, 'grey.jpg')])).toBe(0);
    expect(out[0]).toMatch(/grey.jpg\n\s+\d+\.\d%  \S+\n\s+\d+\.\d%  \S+$/);
    expect(await classifyCmd([join(dir, 'grey.jpg')])).toBe(2);
    expect(await classifyCmd(['--model', brain, '--bogus', join(dir, 'grey.jpg')])).toBe(2);
    expect(await classifyCmd(['--model', join(dir, 'bad-brain.json'), join(dir, 'grey.jpg')])).toBe(1);
  });
});
