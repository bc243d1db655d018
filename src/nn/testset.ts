// The test-set inscription: a PNG sprite sheet of held-out images whose labels and class names ride in one tEXt chunk
// (keyword "perceptrons-testset", a JSON value), so a browser decodes the images natively and the page, the tools and
// anyone with a PNG reader get the labels from the same file. Reading the header is pure (no DOM): the page, its
// measuring worker and the CLI share it. Layout: docs/format.md#the-test-set.
import { resizeRgb } from './resize';

export const TESTSET_FORMAT = 'perceptrons-testset/1';
export const TESTSET_KEYWORD = 'perceptrons-testset';
/** More images than any test set needs (a 97% figure is within ±0.5 points at 5,000): a claim beyond it is refused. */
export const MAX_TEST_IMAGES = 10_000;
export const MAX_TILE = 256;
export const MAX_TEST_CLASSES = 1000;

export interface TestSet {
  /** How many images (the labels' length, stated so a cut list shows). */
  count: number;
  /** [height, width] of one image (tile). */
  tile: [number, number];
  /** Tiles per row of the sheet; image i sits at column i % columns, row floor(i / columns). */
  columns: number;
  classes: string[];
  /** One class index per image, in sheet order. */
  labels: number[];
  /** Where the images come from (free text, for people). */
  source: string;
}

export class TestSetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TestSetError';
  }
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const u32 = (b: Uint8Array, at: number): number => ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;
const text = (b: Uint8Array): string => String.fromCharCode(...b);
const isCount = (v: unknown, max: number): v is number => Number.isSafeInteger(v) && (v as number) > 0 && (v as number) <= max;

/** The sheet's size and the header's JSON, found by walking the PNG's chunks (the pixels are left to a decoder). */
export function pngTextAndSize(png: Uint8Array): { width: number; height: number; json: string | null } {
  if (png.length < 33 || SIGNATURE.some((v, i) => png[i] !== v)) throw new TestSetError('Not a PNG image.');
  if (text(png.subarray(12, 16)) !== 'IHDR') throw new TestSetError('Not a PNG image: no IHDR chunk first.');
  const width = u32(png, 16), height = u32(png, 20);
  let json: string | null = null;
  for (let at = 8; at + 8 <= png.length; ) {
    const length = u32(png, at), type = text(png.subarray(at + 4, at + 8)), end = at + 12 + length;
    if (end > png.length) throw new TestSetError(`The PNG is cut short (its ${type.replace(/[^ -~]/g, '?')} chunk runs past the end).`);
    if (type === 'tEXt') {
      const data = png.subarray(at + 8, at + 8 + length), nul = data.indexOf(0);
      if (nul > 0 && text(data.subarray(0, nul)) === TESTSET_KEYWORD) json = new TextDecoder('latin1').decode(data.subarray(nul + 1));
    }
    if (type === 'IEND') break;
    at = end;
  }
  return { width, height, json };
}

/** Checks a parsed header against the sheet's size; throws a TestSetError naming what is wrong. */
export function checkTestSet(doc: unknown, width: number, height: number): TestSet {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new TestSetError('The test set header is not a JSON object.');
  const d = doc as Record<string, unknown>;
  if (d.format !== TESTSET_FORMAT) throw new TestSetError(`The test set header's format is ${JSON.stringify(d.format)?.slice(0, 40)}, expected "${TESTSET_FORMAT}".`);
  const { count, tile, columns, classes, labels, source = '' } = d;
  if (!isCount(count, MAX_TEST_IMAGES)) {
    throw new TestSetError(`The test set claims ${typeof count === 'number' ? count.toLocaleString('en') : JSON.stringify(count)?.slice(0, 20)} images; it must hold 1 to ${MAX_TEST_IMAGES.toLocaleString('en')}.`);
  }
  if (!Array.isArray(tile) || tile.length !== 2 || !tile.every((v) => isCount(v, MAX_TILE))) throw new TestSetError(`"tile" must be [height, width], each 1 to ${MAX_TILE}.`);
  if (!Array.isArray(classes) || !isCount(classes.length, MAX_TEST_CLASSES) || !classes.every((c) => typeof c === 'string' && c)) {
    throw new TestSetError(`"classes" must be 1 to ${MAX_TEST_CLASSES} class names.`);
  }
  if (new Set(classes).size !== classes.length) throw new TestSetError('"classes" names a class twice.');
  if (!Array.isArray(labels) || labels.length !== count) {
    throw new TestSetError(`The labels do not match the images: ${Array.isArray(labels) ? labels.length : 'no list of'} labels for ${count} images.`);
  }
  if (!labels.every((l) => Number.isInteger(l) && l >= 0 && l < classes.length)) throw new TestSetError(`Every label must be a class index from 0 to ${classes.length - 1}.`);
  if (!isCount(columns, MAX_TEST_IMAGES)) throw new TestSetError('"columns" must be a positive whole number.');
  if (typeof source !== 'string') throw new TestSetError('"source" must be text.');
  const [th, tw] = tile as [number, number], rows = Math.ceil(labels.length / columns);
  if (width !== columns * tw || height !== rows * th) {
    throw new TestSetError(`The labels do not match the images: ${labels.length} labels in ${columns} columns of ${tw}x${th} make a ${columns * tw}x${rows * th} sheet, the image is ${width}x${height}.`);
  }
  return { count, tile: [th, tw], columns, classes: classes as string[], labels: labels as number[], source };
}

/** The test set a PNG's bytes hold (header only: decode the pixels with the browser or a PNG reader). */
export function readTestSet(png: Uint8Array): TestSet {
  const { width, height, json } = pngTextAndSize(png);
  if (json === null) throw new TestSetError(`This PNG is not a test set: it has no "${TESTSET_KEYWORD}" text chunk.`);
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch {
    throw new TestSetError('The test set header is not JSON.');
  }
  return checkTestSet(doc, width, height);
}

/** Image i of the sheet (RGBA, width x height) as HxWx3 RGB, the layout the engine takes. */
export function tilePixels(sheet: ArrayLike<number>, sheetWidth: number, t: TestSet, i: number): Uint8ClampedArray {
  const [th, tw] = t.tile, x0 = (i % t.columns) * tw, y0 = Math.floor(i / t.columns) * th;
  const out = new Uint8ClampedArray(th * tw * 3);
  for (let y = 0; y < th; y++) {
    for (let x = 0; x < tw; x++) {
      const s = ((y0 + y) * sheetWidth + x0 + x) * 4, o = (y * tw + x) * 3;
      out[o] = sheet[s];
      out[o + 1] = sheet[s + 1];
      out[o + 2] = sheet[s + 2];
    }
  }
  return out;
}

/** Image i as a brain of input h x w sees it: the tile itself, or the tile resized by area averaging (resize.ts: the page
 * and the CLI must agree image for image, and a browser's own resize differs by a level here and there). */
export function testImage(sheet: ArrayLike<number>, sheetWidth: number, t: TestSet, i: number, h: number, w: number): Uint8ClampedArray {
  const rgb = tilePixels(sheet, sheetWidth, t, i), [th, tw] = t.tile;
  return th === h && tw === w ? rgb : resizeRgb(rgb, tw, th, w, h);
}
