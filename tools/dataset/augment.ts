// Augmentation as the paper's augmented set: the foreground is shifted (and mirrored where the art allows),
// composited over its background colour, then the colours are jittered (brightness, contrast, per-channel gain).
import type { Foreground } from './classes';
import { randInt, type Rng } from './prng';

export interface Augmentation {
  dx: number;
  dy: number;
  flip: boolean;
  brightness: number; // added, in 0..255 units
  contrast: number; // multiplies the distance from mid-grey
  gain: [number, number, number]; // per channel
}

export const NO_AUGMENTATION: Augmentation = { dx: 0, dy: 0, flip: false, brightness: 0, contrast: 1, gain: [1, 1, 1] };

export function randomAugmentation(rng: Rng, allowFlip: boolean, maxShift = 3): Augmentation {
  const u = (lo: number, hi: number): number => lo + (hi - lo) * rng();
  return {
    dx: randInt(rng, -maxShift, maxShift),
    dy: randInt(rng, -maxShift, maxShift),
    flip: allowFlip && rng() < 0.5,
    brightness: u(-20, 20),
    contrast: u(0.85, 1.15),
    gain: [u(0.93, 1.07), u(0.93, 1.07), u(0.93, 1.07)],
  };
}

/** Composites a size x size premultiplied RGBA foreground over its background into out (RGB, HWC). */
export function compose(fg: Foreground, aug: Augmentation, size: number, out: Uint8Array | Uint8ClampedArray, outOffset = 0): void {
  const [br, bgG, bb] = fg.background;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      // the output pixel (x, y) shows the source pixel it was shifted from
      let sx = x - aug.dx;
      const sy = y - aug.dy;
      if (aug.flip) sx = size - 1 - sx;
      let r = br, g = bgG, b = bb;
      if (sx >= 0 && sx < size && sy >= 0 && sy < size) {
        const p = (sy * size + sx) * 4;
        const keep = 1 - fg.rgba[p + 3] / 255;
        r = fg.rgba[p] + br * keep;
        g = fg.rgba[p + 1] + bgG * keep;
        b = fg.rgba[p + 2] + bb * keep;
      }
      const o = outOffset + (y * size + x) * 3;
      out[o] = jitter(r, aug, 0);
      out[o + 1] = jitter(g, aug, 1);
      out[o + 2] = jitter(b, aug, 2);
    }
  }
}

function jitter(v: number, aug: Augmentation, channel: number): number {
  const j = ((v - 128) * aug.contrast + 128 + aug.brightness) * aug.gain[channel];
  return j < 0 ? 0 : j > 255 ? 255 : Math.round(j);
}
