// A test-set PNG (or a brain) read on the Node side: from a file, or by inscription ID from an ord server's
// /content/<id> (the preview server or a real ord). The pixels are decoded by pngjs, the header by the page's own code.
import { readFile } from 'node:fs/promises';
import { decodeImage } from '../image';
import { readTestSet, testImage as imageOf, type TestSet } from '../../src/nn/testset';
import { isInscriptionId } from '../../src/chain/ids';

export interface LoadedTestSet extends TestSet {
  /** the sheet as RGBA */
  rgba: Uint8Array;
  width: number;
}

/** A file's bytes, or /content/<id> from server when `from` is an inscription ID. */
export async function readSource(from: string, server: string): Promise<Uint8Array> {
  if (isInscriptionId(from)) {
    const url = new URL(`/content/${from}`, server).href;
    const res = await fetch(url).catch((e: Error) => {
      throw new Error(`${url}: ${e.message} (is the ord server at ${server} running? set it with --server)`);
    });
    if (!res.ok) throw new Error(`${url}: HTTP ${res.status}${res.status === 404 ? ' (no inscription with that ID)' : ''}`);
    return new Uint8Array(await res.arrayBuffer());
  }
  return readFile(from).catch((e: NodeJS.ErrnoException) => {
    throw new Error(`${from}: cannot read (${e.code ?? e.message})`);
  });
}

/** Header checked first (a hostile header is refused before any pixel is decoded), then the pixels. */
export function decodeTestSet(bytes: Uint8Array, name: string): LoadedTestSet {
  let header: TestSet;
  try {
    header = readTestSet(bytes);
  } catch (e) {
    throw new Error(`${name}: ${(e as Error).message}`);
  }
  const img = decodeImage(bytes, name);
  return { ...header, rgba: img.rgba, width: img.width };
}

/** Image i as a brain of input h x w sees it (src/nn/testset.ts, as the page's measuring worker sees it). */
export const testImage = (t: LoadedTestSet, i: number, h: number, w: number): Uint8ClampedArray => imageOf(t.rgba, t.width, t, i, h, w);
