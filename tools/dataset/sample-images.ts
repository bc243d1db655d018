// Writes fixtures/images/: a few held-out images per class as PNG (PFP classes from the test split of seed 0,
// MNIST digits and Fashion-MNIST items from their test splits), for tests and the README.
// Run: npx tsx tools/dataset/sample-images.ts [OUT_DIR]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { PFP_CLASSES } from './classes';
import { renderChunk, PIXELS } from './generate';
import { loadFashion, loadMnist } from '../train/data';

function writePng(path: string, rgb: Uint8Array, side: number): void {
  const png = new PNG({ width: side, height: side });
  for (let i = 0; i < side * side; i++) {
    png.data[4 * i] = rgb[3 * i]; png.data[4 * i + 1] = rgb[3 * i + 1]; png.data[4 * i + 2] = rgb[3 * i + 2]; png.data[4 * i + 3] = 255;
  }
  writeFileSync(path, PNG.sync.write(png));
}

const slug = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/-$/, '');
const out = process.argv[2] ?? 'fixtures/images';
mkdirSync(out, { recursive: true });
PFP_CLASSES.forEach((cls, c) => {
  const images = renderChunk('0', { classIndex: c, split: 'test', start: 0, count: 3 });
  for (let k = 0; k < 3; k++) writePng(join(out, `${slug(cls.name)}-${k}.png`), images.subarray(k * PIXELS, (k + 1) * PIXELS), 32);
});
for (const [data, picks] of [[loadMnist('0'), [3, 7]], [loadFashion(), [0, 9]]] as const) {
  const side = data.inputShape[0], n = side * side * 3;
  for (const label of picks) {
    const i = data.test.labels.indexOf(label);
    writePng(join(out, `${data.name}-${slug(data.classes[label])}.png`), data.test.images.subarray(i * n, (i + 1) * n), side);
  }
}
console.log(`wrote ${out}`);
