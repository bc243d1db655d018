// The PFP dataset's classes: where each one's art comes from, under which licence, and how one random
// foreground (RGBA on transparent, 32x32) and background colour is drawn for it.
import { createAvatar, type Style } from '@dicebear/core';
import { bottts, pixelArt, thumbs } from '@dicebear/collection';
import { Resvg } from '@resvg/resvg-js';
import { randomNounSeed, renderNoun } from './nouns';
import type { Rng } from './prng';

export const SIZE = 32;

export interface Foreground {
  rgba: Uint8ClampedArray; // SIZE x SIZE x 4, premultiplied alpha
  background: [number, number, number];
}

export interface PfpClass {
  name: string;
  source: string;
  licence: string;
  /** The art is not mirror-symmetric in meaning (a Noun always faces right): no horizontal flips. */
  flip: boolean;
  draw(rng: Rng, key: string): Foreground;
}

// The background colours of DiceBear's own examples and white: as each real PFP collection has its own
// backgrounds, the avatars keep theirs and the Nouns keep their two greys (the background is one of the cues).
const AVATAR_BACKGROUNDS = ['b6e3f4', 'c0aede', 'd1d4f9', 'ffd5dc', 'ffdfbf', 'ffffff'];

function hexRgb(hex: string): [number, number, number] {
  const v = parseInt(hex, 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

function renderSvg(svg: string): Uint8ClampedArray {
  const image = new Resvg(svg, { fitTo: { mode: 'width', value: SIZE } }).render();
  if (image.width !== SIZE || image.height !== SIZE) throw new Error(`resvg rendered ${image.width}x${image.height}, expected ${SIZE}x${SIZE}`);
  return new Uint8ClampedArray(image.pixels); // RGBA with premultiplied alpha, as resvg renders it
}

function dicebearClass(name: string, style: Style<object>, flip: boolean): PfpClass {
  const meta = (style as { meta?: { title?: string; creator?: string; license?: { name?: string; url?: string } } }).meta;
  return {
    name,
    source: `@dicebear/collection ${meta?.title ?? name} by ${meta?.creator ?? 'unknown'}, rendered with @resvg/resvg-js`,
    licence: `${meta?.license?.name ?? 'unknown'} (${meta?.license?.url ?? ''})`,
    flip,
    draw(rng, key) {
      const svg = createAvatar(style, { seed: key, size: SIZE }).toString();
      const bg = AVATAR_BACKGROUNDS[Math.floor(rng() * AVATAR_BACKGROUNDS.length)];
      return { rgba: renderSvg(svg), background: hexRgb(bg) };
    },
  };
}

const nouns: PfpClass = {
  name: 'Nouns',
  source: '@nouns/assets run-length-encoded parts and palette (the on-chain Nouns art), composed as the Nouns descriptor does',
  licence: 'CC0 1.0 (art, nouns.wtf); the @nouns/assets package code is GPL-3.0',
  flip: false,
  draw(rng) {
    return renderNoun(randomNounSeed(rng));
  },
};

/** The four classes of the default brain, in output order (alphabetical, as the paper lists its classes). */
export const PFP_CLASSES: PfpClass[] = [
  dicebearClass('Bottts', bottts as Style<object>, true),
  nouns,
  dicebearClass('Pixel Art', pixelArt as Style<object>, true),
  dicebearClass('Thumbs', thumbs as Style<object>, true),
];
