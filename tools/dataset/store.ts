// The dataset on disk: one binary file (train images, train labels, test images, test labels; images are
// HxWx3 uint8 in HWC order) and a manifest JSON naming the classes, their sources and licences, and the offsets.
// Written here; read back by read.ts (which loads none of the renderers).
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { PFP_CLASSES } from './classes';
import type { PfpDataset } from './generate';
import type { LabelledImages } from '../train/images';
import { BINARY, FORMAT, MANIFEST, type Manifest } from './read';

export const CONTACT_SHEET = 'contact-sheet.png';
export { MANIFEST, BINARY, readDataset, type Manifest } from './read';

export function writeDataset(dir: string, data: PfpDataset): Manifest {
  mkdirSync(dir, { recursive: true });
  const parts = [data.train.images, data.train.labels, data.test.images, data.test.labels];
  const bytes = parts.reduce((n, p) => n + p.length, 0);
  const buf = new Uint8Array(bytes);
  const offsets: number[] = [];
  let o = 0;
  for (const p of parts) { offsets.push(o); buf.set(p, o); o += p.length; }
  const countOf = (s: LabelledImages, c: number): number => s.labels.reduce((n, l) => n + (l === c ? 1 : 0), 0);
  const manifest: Manifest = {
    format: FORMAT,
    seed: data.seed,
    inputShape: data.inputShape,
    layout: 'uint8 images [count, height, width, 3] (HWC, RGB 0..255) then uint8 labels [count], train split then test split',
    classes: data.classes.map((name, c) => {
      const cls = PFP_CLASSES.find((k) => k.name === name);
      return { name, source: cls?.source ?? '', licence: cls?.licence ?? '', flip: cls?.flip ?? false, train: countOf(data.train, c), test: countOf(data.test, c) };
    }),
    splits: {
      train: { count: data.train.count, imagesOffset: offsets[0], labelsOffset: offsets[1] },
      test: { count: data.test.count, imagesOffset: offsets[2], labelsOffset: offsets[3] },
    },
    bytes,
    sha256: createHash('sha256').update(buf).digest('hex'),
  };
  writeFileSync(join(dir, BINARY), buf);
  writeFileSync(join(dir, MANIFEST), JSON.stringify(manifest, null, 2) + '\n');
  writeFileSync(join(dir, CONTACT_SHEET), contactSheet(data.test, data.classes.length, data.inputShape[0], 12));
  return manifest;
}

/** A PNG with one row per class of the first `perRow` samples of that class, each tile scaled 3x. */
export function contactSheet(split: LabelledImages, classes: number, size: number, perRow: number, scale = 3): Buffer {
  const tile = size * scale, gap = 4;
  const png = new PNG({ width: perRow * (tile + gap) + gap, height: classes * (tile + gap) + gap });
  png.data.fill(255);
  const pixels = size * size * 3;
  for (let c = 0; c < classes; c++) {
    const indices: number[] = [];
    for (let i = 0; i < split.count && indices.length < perRow; i++) if (split.labels[i] === c) indices.push(i);
    indices.forEach((index, col) => {
      for (let y = 0; y < tile; y++) for (let x = 0; x < tile; x++) {
        const s = index * pixels + (Math.floor(y / scale) * size + Math.floor(x / scale)) * 3;
        const d = ((gap + c * (tile + gap) + y) * png.width + gap + col * (tile + gap) + x) * 4;
        png.data[d] = split.images[s]; png.data[d + 1] = split.images[s + 1]; png.data[d + 2] = split.images[s + 2]; png.data[d + 3] = 255;
      }
    });
  }
  return PNG.sync.write(png);
}
