// Worker thread for generate.ts: renders the chunks it is sent and sends the pixels back (transferred).
import { parentPort, workerData } from 'node:worker_threads';
import { renderChunk, type Chunk } from './generate';

const { seed } = workerData as { seed: string };
parentPort!.on('message', (chunk: Chunk) => {
  const pixels = renderChunk(seed, chunk);
  parentPort!.postMessage(pixels, [pixels.buffer as ArrayBuffer]);
});
