// The Perceptrons library: one ES module, inscribed as text/javascript, for other inscriptions to build on a Perceptron
// (import it by /content/<its ID>). Built by `perceptrons build --lib` from the art's own sources: the engine (src/nn),
// the genome and life cycle (src/art), the ord client (src/chain) and the page's image reading (src/ui/image.ts), so a
// derivative piece sees exactly what the art sees. The API is versioned: a later version may add, never rename or
// remove (docs/library.md).
// The engine alone, not nn/index, and no kernel asked for: the plain JS path (one image at a time runs fast enough in
// JS), so the WebAssembly SIMD module is not bundled.
import { activations as layerOutputs, classify as ranked } from './nn/engine';
import type { AliveMask, Model } from './nn/model';
import { generateGenome, type Genome } from './art/traits';
import { lifeAt as lifeAtHeight, type Life } from './art/life';
import { fetchBrain } from './chain/brain';
import { fetchMetadata, inscriptionRecord } from './chain/metadata';
import { blockHeight as tipHeight, feeRate as feeOfBlock } from './chain/block';
import { scaledPixels } from './ui/image';

export type { AliveMask, Genome, Life, Model };

/** The API's version: a new minor version adds, a new major version never comes (docs/library.md). */
export const version = '1.2.0';

/** A decoded brain (a data inscription) and the inscription ID it came from. */
export type Brain = Model & { id: string };

/** What classify and activations read: an image in any form a page has, or the network's own HxWx3 pixels. */
export type Source = Blob | ImageData | ImageBitmap | HTMLImageElement | HTMLCanvasElement | OffscreenCanvas | Uint8ClampedArray;

/** Fetches /content/<id>, decodes and validates the brain; throws an Error naming the ID and what is wrong. */
export async function loadBrain(id: string): Promise<Brain> {
  const r = await fetchBrain(id);
  if (!r.ok) throw new Error(`loadBrain ${id}: ${r.error.message}`);
  return Object.assign(r.model, { id });
}

/** The HxWx3 pixels (0..255) the brain sees of a source, resized as the art resizes a dropped image. */
export async function pixels(brain: Model, source: Source): Promise<Uint8ClampedArray> {
  const [h, w] = brain.inputShape;
  if (source instanceof Uint8ClampedArray) {
    if (source.length !== h * w * 3) throw new Error(`pixels: ${source.length} values, but ${brain.name} sees ${h}x${w}x3 = ${h * w * 3}`);
    return source;
  }
  return scaledPixels(source, w, h);
}

/** The brain's classes, likeliest first, as probabilities; { alive } runs only the living part (see lifeAt). */
export async function classify(brain: Model, source: Source, opts: { alive?: AliveMask } = {}): Promise<{ name: string; p: number }[]> {
  return ranked(brain, await pixels(brain, source), opts).map(({ name, p }) => ({ name, p }));
}

/** Every layer's outputs for a source (hidden layers, then the output layer's probabilities). */
export async function activations(brain: Model, source: Source, opts: { alive?: AliveMask } = {}): Promise<Float32Array[]> {
  return layerOutputs(brain, await pixels(brain, source), opts);
}

/** A seed's genome: its features (the traits, as the art shows them), hidden widths, palette name, life cycle. */
export const genome = (seed: string): Genome => generateGenome(seed);

/** The life of a genome at a block height, for a brain: stage, age, and which neurons are alive (pass .alive to classify). */
export function lifeAt(g: Genome, height: number, birthHeight: number, brain?: Model | null): Life {
  const units = brain?.layers.map((l) => l.units);
  const order = brain?.trainingTraits.neuron_order;
  return lifeAtHeight(g, height, birthHeight, units?.slice(0, -1) ?? g.hidden, units?.pop(),
    [order].flat(2).every(Number.isInteger) ? (order as number[][]) : undefined);
}

/** The chain's tip height, or null when no ord endpoint answers. */
export const blockHeight = (): Promise<number | null> => tipHeight();

/** The average fee rate (sat/vB) of the latest block, or null when unknown. */
export async function feeRate(): Promise<number | null> {
  const h = await tipHeight();
  return h === null ? null : (await feeOfBlock(h))?.rate ?? null;
}

/**
 * A collection token as its art sees it: the seed and brain its metadata names (/r/metadata/<id>), its features, and
 * its life now (born at the block ord records for it, /r/inscription/<id>). Throws an Error naming the token and what
 * is wrong when it has no readable Perceptron metadata or its brain does not load.
 */
export async function perceptron(tokenId: string): Promise<{ seed: string; features: Genome['features']; brain: Brain; life: Life }> {
  const meta = await fetchMetadata(tokenId);
  if (meta.kind !== 'ok') throw new Error(`perceptron ${tokenId}: ${meta.kind === 'none' ? 'no metadata (not a collection token)' : meta.message}`);
  const { seed, brain: brainId } = meta.metadata;
  const [record, brain, height] = await Promise.all([inscriptionRecord(tokenId), loadBrain(brainId), tipHeight()]);
  const g = generateGenome(seed);
  const born = record.height ?? height ?? 0;
  return { seed, features: g.features, brain, life: lifeAt(g, height ?? born, born, brain) };
}
