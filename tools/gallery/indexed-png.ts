// A PNG writer for the gallery's review images: 8-bit indexed colour, the palette chosen by popularity and k-means.
import { deflateSync } from 'node:zlib';
import { PNG } from 'pngjs';

const CRC = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function chunk(type: string, data: Buffer): Buffer {
  const b = Buffer.alloc(12 + data.length);
  b.writeUInt32BE(data.length, 0);
  b.write(type, 4, 'latin1');
  data.copy(b, 8);
  let c = 0xffffffff;
  for (let i = 4; i < 8 + data.length; i++) c = CRC[(c ^ b[i]) & 255] ^ (c >>> 8);
  b.writeUInt32BE((c ^ 0xffffffff) >>> 0, 8 + data.length);
  return b;
}

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
