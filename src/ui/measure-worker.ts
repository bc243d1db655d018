// The page's measuring worker: the page's own script run as a Worker (src/ui/worker-life.ts) decodes the test set's PNG and
// runs a brain on every image with the engine classify uses, so the art's thread never waits for it.
import { measureBrain, type Measurement } from '../nn/measure';
import type { Model } from '../nn/model';
import { testImage, type TestSet } from '../nn/testset';
import { simdPlan } from '../nn/simd';

export interface MeasureRequest {
  id: number;
  png: Uint8Array;
  testSet: TestSet;
  model: Model;
}
export type MeasureReply = { id: number; ok: true; result: Measurement } | { id: number; ok: false; message: string };

/** The sheet's RGBA exactly as stored: no colour-space conversion and no premultiplication (the sheet is opaque). */
export async function decodeSheet(png: Uint8Array): Promise<{ rgba: Uint8ClampedArray; width: number; height: number }> {
  const bitmap = await createImageBitmap(new Blob([png as Uint8Array<ArrayBuffer>], { type: 'image/png' }), { colorSpaceConversion: 'none', premultiplyAlpha: 'none' })
    .catch(() => {
      throw new Error('The test set is not an image this browser can decode.');
    });
  const { width, height } = bitmap, c = new OffscreenCanvas(width, height).getContext('2d')!;
  c.drawImage(bitmap, 0, 0);
  bitmap.close();
  return { rgba: c.getImageData(0, 0, width, height).data, width, height };
}

export async function measureHere(png: Uint8Array, t: TestSet, model: Model): Promise<Measurement> {
  const { rgba, width } = await decodeSheet(png);
  const [h, w] = model.inputShape, images: Uint8ClampedArray[] = [];
  for (let i = 0; i < t.count; i++) images.push(testImage(rgba, width, t, i, h, w));
  return measureBrain(model, t, (i) => images[i], { kernel: simdPlan });
}

/** Runs in the Worker: one reply per request, an error as a message. */
export function serveMeasurements(): void {
  onmessage = async ({ data: q }: MessageEvent<MeasureRequest>) => {
    let reply: MeasureReply;
    try {
      reply = { id: q.id, ok: true, result: await measureHere(q.png, q.testSet, q.model) };
    } catch (e) {
      reply = { id: q.id, ok: false, message: e instanceof Error ? e.message : String(e) };
    }
    postMessage(reply);
  };
}
