// Writing the test set's PNG: the sheet's pixels as an opaque 8-bit RGB PNG (no colour-space chunk, so browsers decode
// it as the bytes it holds), with the header as a tEXt chunk after IHDR. The rows are stored unfiltered and deflate
// does not compress them (level 0): inscribed with ord's --compress, as every inscription of the collection is, brotli
// then finds what repeats across the whole sheet, where deflate's 32 KB window sees a few rows (300 images: 91 KB on
// chain, against 112 KB for the smallest deflated PNG, level 9 and no row filters, and 146 KB with adaptive filters).
import { PNG } from 'pngjs';
import { TESTSET_KEYWORD } from '../../src/nn/testset';
import { chunk } from '../png';

/** JSON with every non-ASCII character escaped (\uXXXX), so it is the same text in tEXt's Latin-1 and in UTF-8. */
export const asciiJson = (v: unknown): string => JSON.stringify(v).replace(/[\u0080-\uffff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));

/** RGBA pixels (alpha ignored: the sheet is opaque) → PNG bytes with `json` in a tEXt chunk right after IHDR. */
export function encodeSheet(rgba: Uint8Array, width: number, height: number, json: string): Buffer {
  const png = new PNG({ width, height, colorType: 2, inputColorType: 6, bitDepth: 8 });
  png.data = Buffer.from(rgba.buffer, rgba.byteOffset, rgba.byteLength);
  const plain = PNG.sync.write(png, { colorType: 2, inputColorType: 6, deflateLevel: 0, filterType: 0 });
  const afterIhdr = 8 + 12 + 13; // signature, then IHDR (13 bytes of data)
  const text = chunk('tEXt', Buffer.concat([Buffer.from(TESTSET_KEYWORD + '\0', 'latin1'), Buffer.from(json, 'latin1')]));
  return Buffer.concat([plain.subarray(0, afterIhdr), text, plain.subarray(afterIhdr)]);
}

/** The same PNG with its test-set header replaced by `json` (tools and tests: a header edited, the pixels kept). */
export function withHeader(png: Uint8Array, json: string): Buffer {
  const out: Buffer[] = [Buffer.from(png.subarray(0, 8))];
  for (let at = 8; at + 8 <= png.length; ) {
    const length = Buffer.from(png.subarray(at, at + 4)).readUInt32BE(0), type = Buffer.from(png.subarray(at + 4, at + 8)).toString('latin1');
    const data = png.subarray(at + 8, at + 8 + length);
    const ours = type === 'tEXt' && Buffer.from(data.subarray(0, TESTSET_KEYWORD.length + 1)).toString('latin1') === TESTSET_KEYWORD + '\0';
    out.push(ours ? chunk('tEXt', Buffer.from(TESTSET_KEYWORD + '\0' + json, 'latin1')) : Buffer.from(png.subarray(at, at + 12 + length)));
    at += 12 + length;
  }
  return Buffer.concat(out);
}
