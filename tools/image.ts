// Node-side image loading for the CLI tools: PNG (pngjs) and JPEG (jpeg-js) to RGBA, and area-averaging resize to the
// HxWx3 RGB (HWC, 0..255) a brain takes. Every failure is an ImageError naming the file and what is wrong with it.
import { readFile } from 'node:fs/promises';
import { PNG } from 'pngjs';
import jpeg from 'jpeg-js';

export class ImageError extends Error {
  constructor(readonly file: string, problem: string) {
    super(`${file}: ${problem}`);
    this.name = 'ImageError';
  }
}

export interface RGBAImage {
  width: number;
  height: number;
  /** width x height x 4, straight (not premultiplied) alpha. */
  rgba: Uint8Array;
}

/** Decodes PNG or JPEG bytes, recognised by their signature (not by the file name). */
export function decodeImage(bytes: Uint8Array, file = 'image'): RGBAImage {
  const png = bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47;
  const jpg = bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  if (!png && !jpg) throw new ImageError(file, bytes.length ? 'not a PNG or JPEG image' : 'empty file');
  let img: { width: number; height: number; data: Uint8Array };
  try {
    img = png ? PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length))
      : jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: 100, maxMemoryUsageInMB: 1024 });
  } catch (e) {
    throw new ImageError(file, `cannot decode ${png ? 'PNG' : 'JPEG'} (${e instanceof Error ? e.message : String(e)})`);
  }
  if (!img.width || !img.height || img.data.length < img.width * img.height * 4) throw new ImageError(file, `${png ? 'PNG' : 'JPEG'} has no pixels`);
  return { width: img.width, height: img.height, rgba: new Uint8Array(img.data.buffer, img.data.byteOffset, img.width * img.height * 4) };
}

export async function loadImage(file: string): Promise<RGBAImage> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (e) {
    throw new ImageError(file, `cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  return decodeImage(bytes, file);
}

/** For each of m output cells over n source cells: the source cells it covers and their shares (summing to 1). */
function spans(n: number, m: number): { index: number; share: number }[][] {
  const step = n / m;
  return Array.from({ length: m }, (_, o) => {
    const a = o * step, b = a + step, cells = [];
    for (let i = Math.floor(a); i < Math.min(n, Math.ceil(b)); i++) {
      const cover = Math.min(b, i + 1) - Math.max(a, i);
      if (cover > 1e-9) cells.push({ index: i, share: cover / step });
    }
    return cells;
  });
}

/**
 * Resizes RGBA (w x h) to outW x outH RGB by area averaging: each output pixel is the mean of the source area it
 * covers (fractional edges weighted), so downscaling keeps every pixel's contribution. Transparent pixels are
 * composited over `background` (grey level, default white) first.
 */
export function resizeArea(rgba: ArrayLike<number>, w: number, h: number, outW: number, outH: number, background = 255): Uint8ClampedArray {
  if (rgba.length < w * h * 4) throw new RangeError(`resizeArea: ${w}x${h} RGBA needs ${w * h * 4} values, got ${rgba.length}`);
  const xs = spans(w, outW), ys = spans(h, outH);
  const rows = new Float64Array(h * outW * 3); // horizontal pass: h rows of outW composited RGB pixels
  for (let y = 0; y < h; y++) {
    for (let ox = 0; ox < outW; ox++) {
      let r = 0, g = 0, b = 0;
      for (const { index, share } of xs[ox]) {
        const p = (y * w + index) * 4, a = rgba[p + 3] / 255, bg = (1 - a) * background;
        r += share * (rgba[p] * a + bg);
        g += share * (rgba[p + 1] * a + bg);
        b += share * (rgba[p + 2] * a + bg);
      }
      const q = (y * outW + ox) * 3;
      rows[q] = r;
      rows[q + 1] = g;
      rows[q + 2] = b;
    }
  }
  const out = new Uint8ClampedArray(outW * outH * 3);
  for (let oy = 0; oy < outH; oy++) {
    for (let i = 0; i < outW * 3; i++) {
      let v = 0;
      for (const { index, share } of ys[oy]) v += share * rows[index * outW * 3 + i];
      out[oy * outW * 3 + i] = Math.round(v);
    }
  }
  return out;
}

/** Loads a PNG or JPEG file; with outW/outH, resized by area averaging to that size. Returns HxWx3 RGB. */
export async function loadImageRGB(file: string, outW?: number, outH?: number): Promise<{ width: number; height: number; rgb: Uint8ClampedArray }> {
  const img = await loadImage(file);
  const width = outW ?? img.width, height = outH ?? img.height;
  return { width, height, rgb: resizeArea(img.rgba, img.width, img.height, width, height) };
}
