// Node-side image loading for the CLI tools: PNG (pngjs) and JPEG (jpeg-js) to RGBA, and area-averaging resize
// (src/nn/resize.ts, which the page's test-set measurement shares) to the HxWx3 RGB (HWC, 0..255) a brain takes.
// Every failure is an ImageError naming the file and what is wrong with it.
import { readFile } from 'node:fs/promises';
import { PNG } from 'pngjs';
import jpeg from 'jpeg-js';
import { resizeArea } from '../src/nn/resize';

export { resizeArea };

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

/** Loads a PNG or JPEG file; with outW/outH, resized by area averaging to that size. Returns HxWx3 RGB. */
export async function loadImageRGB(file: string, outW?: number, outH?: number): Promise<{ width: number; height: number; rgb: Uint8ClampedArray }> {
  const img = await loadImage(file);
  const width = outW ?? img.width, height = outH ?? img.height;
  return { width, height, rgb: resizeArea(img.rgba, img.width, img.height, width, height) };
}
