// Image file → the HxWx3 pixels the network sees. Decoding and downscaling happen in createImageBitmap
// (off the main thread in browsers), so a huge image never blocks the page.

export class ImageInputError extends Error {}

export interface Seen {
  /** HxWx3, row-major, 0..255. */
  pixels: Uint8ClampedArray;
  /** Something the viewer should know about the input ('' when nothing). */
  note: string;
}

const ascii = (b: Uint8Array, from: number, to: number): string => String.fromCharCode(...b.subarray(from, to));

/** Checks a file's first bytes; throws ImageInputError for what cannot be a bitmap. Returns a note for animated GIFs. */
export function sniff(type: string, size: number, head: Uint8Array): string {
  if (size === 0) throw new ImageInputError('That file is empty (0 bytes).');
  const text = ascii(head, 0, Math.min(head.length, 256)).trimStart().toLowerCase();
  if (/svg/i.test(type) || text.startsWith('<svg') || (text.startsWith('<') && text.includes('<svg')))
    throw new ImageInputError('SVG is a vector drawing: drop a bitmap image (PNG, JPEG, GIF, WebP).');
  const gif = ascii(head, 0, 4) === 'GIF8';
  const bitmap = gif || (head[0] === 0x89 && ascii(head, 1, 4) === 'PNG') || (head[0] === 0xff && head[1] === 0xd8) ||
    (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WEBP') || ascii(head, 0, 2) === 'BM' ||
    ascii(head, 4, 8) === 'ftyp';
  if (!bitmap && !/^image\//.test(type)) throw new ImageInputError(`That is not an image${type ? ` (${type.slice(0, 40)})` : ''}.`);
  return gif && ascii(head, 0, head.length).includes('NETSCAPE2.0') ? 'Animated GIF: the network saw its first frame.' : '';
}

/** Decodes a file and scales it to w x h (area-averaging 'high' quality resize), returning RGB pixels. */
export async function readPixels(file: Blob, w: number, ht: number): Promise<Seen> {
  const note = sniff(file.type, file.size, new Uint8Array(await file.slice(0, 2048).arrayBuffer()));
  let bmp: ImageBitmap;
  try {
    bmp = await createImageBitmap(file, { resizeWidth: w, resizeHeight: ht, resizeQuality: 'high' });
  } catch {
    throw new ImageInputError('This image could not be decoded (damaged, unsupported or too large).');
  }
  const c = document.createElement('canvas');
  c.width = w;
  c.height = ht;
  const ctx = c.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new ImageInputError('No 2D canvas in this browser.');
  ctx.drawImage(bmp, 0, 0);
  bmp.close();
  const rgba = ctx.getImageData(0, 0, w, ht).data;
  const pixels = new Uint8ClampedArray(w * ht * 3);
  for (let i = 0, j = 0; i < rgba.length; i += 4, j += 3) pixels.set(rgba.subarray(i, i + 3), j);
  return { pixels, note };
}
