// Image file → the HxWx3 pixels the network sees. Decoding and downscaling happen in createImageBitmap
// (off the main thread in browsers), so a huge image never blocks the page.

export interface Seen {
  /** HxWx3, row-major, 0..255. */
  pixels: Uint8ClampedArray;
  /** The same as HxWx4 RGBA (opaque), for drawing. */
  rgba: ImageDataArray;
  /** Something the viewer should know about the input ('' when nothing). */
  note: string;
}

/** Checks a file's first bytes: throws for what cannot be a bitmap; returns a note for animated GIFs. */
export function sniff(type: string, size: number, head: Uint8Array): string {
  if (!size) throw new Error('The file is empty.');
  const t = String.fromCharCode(...head).trimStart();
  if (/svg/.test(type) || (t[0] === '<' && /<svg/i.test(t))) throw new Error('SVG is not a bitmap: use PNG, JPEG, GIF or WebP.');
  return /^GIF8/.test(t) && t.includes('NETSCAPE2.0') ? 'Animated GIF: it saw the first frame.' : '';
}

// Decode + resize + read back. Self-contained (no imports, no closure): its source also runs in a Worker.
// Transparent pixels are composited over white, as the training images are opaque.
async function px(f: ImageBitmapSource, w: number, h: number): Promise<ImageDataArray> {
  const b = await createImageBitmap(f, { resizeWidth: w, resizeHeight: h, resizeQuality: 'high' });
  const c = new OffscreenCanvas(w, h).getContext('2d')!;
  c.fillStyle = '#fff';
  c.fillRect(0, 0, w, h);
  c.drawImage(b, 0, 0);
  b.close();
  return c.getImageData(0, 0, w, h).data;
}

// Chromium scales a decoded bitmap on the calling thread (a 12,000 px PNG blocked it for ~1 s), so that thread must
// be a Worker's. Without workers (blocked, old browser, a failed worker) it runs on the page.
function inWorker(file: Blob, w: number, ht: number): Promise<ImageDataArray | null> {
  const url = URL.createObjectURL(new Blob([`const px=${px};onmessage=e=>px(...e.data).then(postMessage,()=>postMessage(0))`]));
  let worker: Worker | undefined;
  return new Promise<ImageDataArray | null>((ok, fail) => {
    worker = new Worker(url);
    worker.onmessage = (e) => ok(e.data || null);
    worker.onerror = fail;
    worker.postMessage([file, w, ht]);
  })
    .catch(() => px(file, w, ht))
    .finally(() => {
      worker?.terminate();
      URL.revokeObjectURL(url);
    });
}

/** Decodes a file and scales it to w x h ('high' quality resize, off the main thread), returning RGB pixels. */
export async function readPixels(file: Blob, w: number, ht: number): Promise<Seen> {
  const note = sniff(file.type, file.size, new Uint8Array(await file.slice(0, 2048).arrayBuffer()));
  const rgba = await inWorker(file, w, ht).catch(() => null);
  if (!rgba) throw new Error(`Not an image this browser can decode${file.type ? ` (${file.type.slice(0, 40)})` : ''}.`);
  return { pixels: rgba.filter((_, i) => (i & 3) < 3), rgba, note }; // RGBA -> RGB
}

/** An image (a file, ImageData, ImageBitmap, <img>, <canvas>) as w x h RGB pixels, resized exactly as a dropped file
 * is, on this thread (the library's path, src/lib.ts: smaller than the worker's, same pixels). */
export async function scaledPixels(source: ImageBitmapSource, w: number, ht: number): Promise<Uint8ClampedArray> {
  const rgba = await px(source, w, ht).catch(() => {
    throw new Error(`Not an image this browser can decode${source instanceof Blob && source.type ? ` (${source.type.slice(0, 40)})` : ''}.`);
  });
  return rgba.filter((_, i) => (i & 3) < 3);
}
