// A PNG writer for the gallery's review images: 8-bit indexed colour, the palette chosen by popularity and k-means.
import { deflateSync } from 'node:zlib';
import { PNG } from 'pngjs';
import { chunk } from '../png';

/**
 * Re-encode an RGBA PNG as an 8-bit indexed PNG of at most 256 colours (popularity over a 15-bit histogram, refined by
 * three k-means rounds, no dithering): the review images stay small enough to commit. Alpha is dropped (the sheets are opaque).
 */
export function indexedPng(rgbaPng: Buffer): Buffer {
  const { width, height, data } = PNG.sync.read(rgbaPng);
  const bin = (i: number) => ((data[i] >> 3) << 10) | ((data[i + 1] >> 3) << 5) | (data[i + 2] >> 3);
  const count = new Uint32Array(32768);
  for (let i = 0; i < data.length; i += 4) count[bin(i)]++;
  const used = [...count.keys()].filter((b) => count[b]);
  const centre = (b: number) => [((b >> 10) << 3) + 4, (((b >> 5) & 31) << 3) + 4, ((b & 31) << 3) + 4];
  let pal = used.sort((a, b) => count[b] - count[a]).slice(0, 256).map(centre);
  const near = new Uint8Array(32768);
  for (let round = 0; round < 4; round++) {
    const sum = pal.map(() => [0, 0, 0, 0]);
    for (const b of used) {
      const [r, g, bl] = centre(b);
      let best = 0;
      let bd = Infinity;
      pal.forEach(([pr, pg, pb], j) => {
        const d = (r - pr) ** 2 + (g - pg) ** 2 + (bl - pb) ** 2;
        if (d < bd) (bd = d), (best = j);
      });
      near[b] = best;
      const s = sum[best];
      s[0] += r * count[b];
      s[1] += g * count[b];
      s[2] += bl * count[b];
      s[3] += count[b];
    }
    if (round < 3) pal = pal.map((p, j) => (sum[j][3] ? sum[j].slice(0, 3).map((v) => Math.round(v / sum[j][3])) : p));
  }
  const raw = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) raw[y * (width + 1) + 1 + x] = near[bin((y * width + x) * 4)];
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 3;
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('PLTE', Buffer.from(pal.flat())),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
