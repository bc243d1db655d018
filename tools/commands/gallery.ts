// `perceptrons gallery`: a contact sheet of a collection's first N tokens and the life-cycle strip of one token, each
// drawn by the real portrait code in headless Chromium with its own trained brain (the network its genome describes,
// the classes it was trained on), for artists to review (docs/images/gallery.png and docs/images/lifecycle.png).
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { PNG } from 'pngjs';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openLab, type Spec } from '../../test/browser/portrait-harness';
import { generateGenome } from '../../src/art/traits';
import { lifeAt, STAGE_ENDS } from '../../src/art/life';
import { defineCommand, intOption, runCommand, UsageError } from '../args';
import { readManifest } from '../server/collection';

export const command = defineCommand({
  name: 'gallery',
  summary: "render a collection's tokens with their trained brains, and one token's life cycle, to PNG for artists to review",
  synopsis: '--collection DIR [--count N] [--out DIR] [--tile PX] [--height H] [--token I]',
  options: {
    collection: { type: 'string', arg: 'DIR', help: 'a collection made by perceptrons collection: each tile a token with its own trained brain' },
    count: { type: 'string', arg: 'N', help: "tokens on the contact sheet (at most the collection's)", default: '24' },
    out: { type: 'string', arg: 'DIR', help: 'where gallery.png and lifecycle.png go', default: 'docs/images' },
    tile: { type: 'string', arg: 'PX', help: 'tile size in CSS pixels', default: '256' },
    height: { type: 'string', arg: 'H', help: 'block height of the contact sheet (birth height 840000)', default: '871234' },
    token: { type: 'string', arg: 'I', help: 'the token of the life-cycle strip', default: '0' },
  },
});

export const gallerySeed = (i: number): string => createHash('sha256').update(`perceptrons-gallery-${i}`).digest('hex');

/** Heights that show one seed's whole life: three moments of growing, stable, three of decay, dead, rebirth, and the next life. */
export function lifeMoments(seed: string, birthHeight: number, hidden: number[]): { height: number; label: string }[] {
  const g = generateGenome(seed);
  const unit = g.lifeBlocks / 1440;
  // where the current life started, at the birth height
  const first = lifeAt(g, birthHeight, birthHeight, hidden);
  const start = birthHeight - Math.round(first.age * g.lifeBlocks) + g.lifeBlocks; // the next life, from its first block
  const at = (k: number, life = 0) => start + life * g.lifeBlocks + Math.floor(k * unit);
  const [grow, stable, decay, dead] = STAGE_ENDS;
  const moments = [
    [at(grow * 0.12), 'growing'],
    [at(grow * 0.3), 'growing'],
    [at(grow * 0.6), 'growing'],
    [at((grow + stable) / 2), 'stable'],
    [at(stable + (decay - stable) * 0.3), 'decaying'],
    [at(stable + (decay - stable) * 0.6), 'decaying'],
    [at(stable + (decay - stable) * 0.9), 'decaying'],
    [at(decay + 0.5), 'dead'],
    [at(dead + 0.5), 'rebirth'],
    [at(grow * 0.3, 1), 'growing again'],
  ] as const;
  return moments.map(([height, label]) => ({ height, label: `${label} · block ${height}` }));
}

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

export function run(args: string[]): Promise<number> {
  return runCommand(command, args, (o) => {
    if (!o.collection) throw new UsageError('--collection DIR is required: the tiles are trained brains (make them with perceptrons collection)');
    let tokens: Token[];
    try {
      const m = readManifest(o.collection);
      tokens = m.tokens.map((t) => ({ seed: t.seed, hidden: t.hidden, brain: JSON.parse(readFileSync(join(o.collection!, t.brain.file), 'utf8')) as object }));
    } catch (e) {
      throw new UsageError(`--collection: ${(e as Error).message}`);
    }
    const strip = tokens[intOption(o.token, 'token', 0)];
    if (!strip) throw new UsageError(`--token must be a token index from 0 to ${tokens.length - 1}`);
    const count = Math.min(tokens.length, intOption(o.count, 'count'));
    return render(tokens.slice(0, count), intOption(o.tile, 'tile'), intOption(o.height, 'height'), o.out, strip);
  });
}

interface Token {
  seed: string;
  hidden: number[];
  /** its data inscription */
  brain: object;
}

async function render(tokens: Token[], tile: number, height: number, out: string, stripToken: Token): Promise<number> {
  const count = tokens.length;
  mkdirSync(out, { recursive: true });
  const lab = await openLab({ dpr: 2 });
  try {
    const urls: string[] = [];
    const labels: string[] = [];
    for (let i = 0; i < count; i++) {
      const { seed, brain } = tokens[i];
      const g = generateGenome(seed);
      // every third tile has just classified an image: the replay of its activations is on
      const spec: Spec = { seed, height, w: tile, h: tile, brain, feeRate: 8 + (i % 5) * 20, t: 4000 + i * 137, input: i % 3 === 2, replayAgo: i % 3 === 2 ? 1800 : undefined };
      urls.push(await lab.page.evaluate((s) => window.portraitLab.render(s), spec));
      labels.push(`${g.features.Palette} · ${g.features.Framework} · ${g.features.Dataset} · ${g.features['Paper Pattern']}`);
    }
    const gallery = await lab.page.evaluate(([u, l, c, t]) => window.portraitLab.sheet(u, l, c, t), [urls, labels, Math.min(6, count), tile] as const);
    const { seed: stripSeed, brain, hidden } = stripToken;
    const moments = lifeMoments(stripSeed, 840_000, hidden);
    const strip: string[] = [];
    for (const m of moments) {
      const spec: Spec = { seed: stripSeed, height: m.height, w: tile, h: tile, brain, feeRate: 25, t: 5000 };
      strip.push(await lab.page.evaluate((s) => window.portraitLab.render(s), spec));
    }
    const life = await lab.page.evaluate(([u, l, c, t]) => window.portraitLab.sheet(u, l, c, t), [strip, moments.map((m) => m.label), 5, tile] as const);
    for (const [name, url] of [['gallery.png', gallery], ['lifecycle.png', life]] as const) {
      const png = indexedPng(Buffer.from(url.slice(url.indexOf(',') + 1), 'base64'));
      writeFileSync(join(out, name), png);
      console.log(`${join(out, name)}  ${(png.length / 1024).toFixed(0)} KiB`);
    }
  } finally {
    await lab.close();
  }
  return 0;
}
