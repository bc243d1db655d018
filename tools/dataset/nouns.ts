// Nouns, drawn exactly as the Nouns descriptor's SVG renderer draws them: each part is run-length encoded
// (palette index byte, bounds top/right/bottom/left, then [length, colour] pairs filling rows left to right
// inside the bounds, colour 0 = transparent), layered body, accessory, head, glasses over a background colour.
// The art is CC0 (nouns.wtf); the @nouns/assets package that ships it is GPL-3.0 code around CC0 data.
import { createRequire } from 'node:module';
import type { Rng } from './prng';

interface NounsImageData {
  bgcolors: string[];
  palette: string[];
  images: Record<'bodies' | 'accessories' | 'heads' | 'glasses', { filename: string; data: string }[]>;
}

const require = createRequire(import.meta.url);
export const nounsData: NounsImageData = require('@nouns/assets/dist/image-data.json');

export const NOUN_SIZE = 32;
const PART_ORDER = ['bodies', 'accessories', 'heads', 'glasses'] as const;

export interface NounSeed { background: number; body: number; accessory: number; head: number; glasses: number }

/** A uniformly random Noun, as NounsSeeder picks each part uniformly. */
export function randomNounSeed(rng: Rng): NounSeed {
  const { images, bgcolors } = nounsData;
  const pick = (n: number): number => Math.floor(rng() * n);
  return {
    background: pick(bgcolors.length),
    body: pick(images.bodies.length),
    accessory: pick(images.accessories.length),
    head: pick(images.heads.length),
    glasses: pick(images.glasses.length),
  };
}

function hexRgb(hex: string): [number, number, number] {
  const v = parseInt(hex, 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

/** Paints one RLE part into a 32x32 RGBA buffer (opaque pixels overwrite, transparent runs skip). */
export function drawPart(rgba: Uint8ClampedArray, data: string): void {
  const hex = data.replace(/^0x/, '');
  const top = parseInt(hex.slice(2, 4), 16);
  const right = parseInt(hex.slice(4, 6), 16);
  const left = parseInt(hex.slice(8, 10), 16);
  let x = left;
  let y = top;
  for (let i = 10; i + 4 <= hex.length; i += 4) {
    let length = parseInt(hex.slice(i, i + 2), 16);
    const colour = parseInt(hex.slice(i + 2, i + 4), 16);
    const rgb = colour === 0 ? null : hexRgb(nounsData.palette[colour]);
    while (length > 0) {
      const run = Math.min(length, right - x);
      if (rgb) {
        for (let k = 0; k < run; k++) {
          const p = (y * NOUN_SIZE + x + k) * 4;
          rgba[p] = rgb[0]; rgba[p + 1] = rgb[1]; rgba[p + 2] = rgb[2]; rgba[p + 3] = 255;
        }
      }
      x += run;
      length -= run;
      if (x === right) { x = left; y++; }
    }
  }
}

/** The Noun's parts on a transparent 32x32 RGBA canvas, plus its background colour. */
export function renderNoun(seed: NounSeed): { rgba: Uint8ClampedArray; background: [number, number, number] } {
  const rgba = new Uint8ClampedArray(NOUN_SIZE * NOUN_SIZE * 4);
  const index = [seed.body, seed.accessory, seed.head, seed.glasses];
  PART_ORDER.forEach((part, i) => drawPart(rgba, nounsData.images[part][index[i]].data));
  return { rgba, background: hexRgb(nounsData.bgcolors[seed.background]) };
}
