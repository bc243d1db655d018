// `perceptrons gallery`: a contact sheet of a collection's first N tokens and the life-cycle strip of one token, each
// drawn by the real portrait code in headless Chromium with its own trained brain (the network its genome describes,
// the classes it was trained on), for artists to review (docs/images/gallery.png and docs/images/lifecycle.png).
// The drawing is tools/gallery/.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineCommand, intOption, runCommand, UsageError } from '../args';
import { renderGallery, type Token } from '../gallery/render';
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
    return writeGallery(tokens.slice(0, count), intOption(o.tile, 'tile'), intOption(o.height, 'height'), o.out, strip);
  });
}

async function writeGallery(tokens: Token[], tile: number, height: number, out: string, strip: Token): Promise<number> {
  const sheets = await renderGallery(tokens, tile, height, strip);
  mkdirSync(out, { recursive: true });
  for (const { name, png } of sheets) {
    writeFileSync(join(out, name), png);
    console.log(`${join(out, name)}  ${(png.length / 1024).toFixed(0)} KiB`);
  }
  return 0;
}

