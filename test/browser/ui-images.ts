// Test images for the UI browser tests, made in Node (deterministic): a Noun from the dataset generator, a JPEG,
// a transparent PNG, a two-frame animated GIF, a 12,000 x 12,000 PNG, and files that are not bitmaps.
import { deflateSync } from 'node:zlib';
import { PNG } from 'pngjs';
import jpeg from 'jpeg-js';
import { renderNoun } from '../../tools/dataset/nouns';
import { chunk } from '../../tools/png';

export interface TestImage {
  name: string;
  type: string;
  bytes: Buffer;
}

function png(w: number, h: number, rgba: (x: number, y: number) => [number, number, number, number]): Buffer {
  const p = new PNG({ width: w, height: h });
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) p.data.set(rgba(x, y), (y * w + x) * 4);
  return PNG.sync.write(p);
}

/** A Noun (as the default brain's training data draws it) scaled up 8x with nearest neighbour. */
export function nounPng(seed = { background: 0, body: 3, accessory: 7, head: 40, glasses: 5 }): Buffer {
  const { rgba, background } = renderNoun(seed);
  return png(256, 256, (x, y) => {
    const i = ((y >> 3) * 32 + (x >> 3)) * 4;
    const a = rgba[i + 3] / 255; // premultiplied
    return [rgba[i] + background[0] * (1 - a), rgba[i + 1] + background[1] * (1 - a), rgba[i + 2] + background[2] * (1 - a), 255].map(Math.round) as [number, number, number, number];
  });
}

export function gradientJpeg(): Buffer {
  const w = 300, h = 200, data = Buffer.alloc(w * h * 4);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) data.set([(x * 255) / w, (y * 255) / h, 128 + 100 * Math.sin(x / 20), 255], (y * w + x) * 4);
  return Buffer.from(jpeg.encode({ data, width: w, height: h }, 90).data);
}

/** Left half opaque green, right half fully transparent (the page composites it over white). */
export function transparentPng(): Buffer {
  return png(64, 64, (x) => (x < 32 ? [0, 160, 0, 255] : [255, 0, 0, 0]));
}

/** 1x1, two frames: red then blue, looping (NETSCAPE2.0). The network must see red. */
export function animatedGif(): Buffer {
  const frame = (lzw: number[]) => [0x21, 0xf9, 4, 0, 10, 0, 0, 0, 0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, ...lzw, 0];
  return Buffer.from([
    ...Buffer.from('GIF89a'), 1, 0, 1, 0, 0x80, 0, 0, 255, 0, 0, 0, 0, 255,
    0x21, 0xff, 11, ...Buffer.from('NETSCAPE2.0'), 3, 1, 0, 0, 0,
    ...frame([0x44, 0x01]), ...frame([0x4c, 0x01]), 0x3b,
  ]);
}

/** A 12,000 x 12,000 grey PNG (about 0.5 MB compressed, 576 MB decoded). */
export function hugePng(side = 12000): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(side, 0);
  ihdr.writeUInt32BE(side, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
  const raw = Buffer.alloc((side + 1) * side, 0x80);
  for (let y = 0; y < side; y++) raw[y * (side + 1)] = 0; // filter byte per row
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 1 })), chunk('IEND', Buffer.alloc(0))]);
}

export const classifiable = (): TestImage[] => [
  { name: 'noun.png', type: 'image/png', bytes: nounPng() },
  { name: 'gradient.jpg', type: 'image/jpeg', bytes: gradientJpeg() },
  { name: 'half-transparent.png', type: 'image/png', bytes: transparentPng() },
];

/** Files that must be refused, with the words the message must contain. */
export const refused = (): [TestImage, RegExp][] => [
  [{ name: 'empty.png', type: 'image/png', bytes: Buffer.alloc(0) }, /empty/],
  [{ name: 'x.svg', type: 'image/svg+xml', bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><rect width="9" height="9"/></svg>') }, /SVG/],
  [{ name: 'notes.txt', type: 'text/plain', bytes: Buffer.from('not an image at all') }, /Not an image this browser can decode \(text\/plain\)/],
  [{ name: 'broken.png', type: 'image/png', bytes: Buffer.concat([png(8, 8, () => [1, 2, 3, 255]).subarray(0, 40)]) }, /Not an image this browser can decode \(image\/png\)/],
];
