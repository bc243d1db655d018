// A collection directory as `perceptrons collection` writes it, as the inscriptions it becomes: the parent
// (parent.txt), the art (art.html), one brain per token (brains/<i>.json) under the IDs in manifest.json, and one token
// per batches/*-tokens.yaml entry: no body, a delegate (the art), CBOR metadata and the parent, as ord would inscribe it.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseBatchYaml } from '../collection/batches';
import { encodeCbor, type Metadata } from '../collection/cbor';
import { tokenMetadata, tokenPreviewId } from '../collection/token';
import { contentId } from '../build/ids';

export interface CollectionManifest {
  art: { file: string; id: string };
  testSet?: { file: string; id: string };
  tokens: { index: number; id: string; seed: string; hidden: number[]; brain: { file: string; id: string; heldoutAccuracy: number } }[];
}

export interface CollectionToken {
  id: string;
  name: string;
  delegate: string;
  metadata: Buffer;
  parents: string[];
}

export interface CollectionFiles {
  dir: string;
  manifest: CollectionManifest;
  art: { file: string; id: string };
  /** the test set the tokens name in their metadata, when the collection has one */
  testSet: { file: string; id: string } | null;
  parent: { file: string; id: string } | null;
  brains: { file: string; id: string; name: string }[];
  tokens: CollectionToken[];
}

export function readManifest(dir: string): CollectionManifest {
  const path = join(dir, 'manifest.json');
  if (!existsSync(path)) throw new Error(`${path} not found: make the collection with \`perceptrons collection --out ${dir}\``);
  let m: CollectionManifest;
  try {
    m = JSON.parse(readFileSync(path, 'utf8')) as CollectionManifest;
  } catch (e) {
    throw new Error(`${path}: not JSON (${(e as Error).message})`);
  }
  if (!m?.art?.file || !Array.isArray(m.tokens)) throw new Error(`${path}: not a collection manifest (needs "art" and "tokens")`);
  return m;
}

/** The token batch files in order (NN-tokens.yaml), or [] when the batches are not written. */
export function tokenBatchFiles(dir: string): string[] {
  const b = join(dir, 'batches');
  return existsSync(b) ? readdirSync(b).filter((f) => /^\d+-tokens\.yaml$/.test(f)).sort().map((f) => join(b, f)) : [];
}

export function loadCollectionFiles(dir: string): CollectionFiles {
  const manifest = readManifest(dir);
  const parentFile = join(dir, 'parent.txt');
  let parent = existsSync(parentFile) ? { file: parentFile, id: contentId(readFileSync(parentFile)) } : null;
  // what ord would inscribe: the token batches' entries, in token order
  const entries = tokenBatchFiles(dir).flatMap((f) => {
    const b = parseBatchYaml(readFileSync(f, 'utf8'), f);
    if (parent && b.parents[0]) parent = { ...parent, id: b.parents[0] }; // linked: the real parent ID
    return b.entries.map((e) => ({ ...e, parents: b.parents }));
  });
  if (entries.length && entries.length !== manifest.tokens.length) {
    throw new Error(`${dir}: ${entries.length} tokens in batches/*-tokens.yaml but ${manifest.tokens.length} in manifest.json`);
  }
  const tokens = manifest.tokens.map((t, i): CollectionToken => {
    const e = entries[i] as { delegate?: string; metadata?: Metadata; parents: string[] } | undefined;
    const delegate = e?.delegate ?? manifest.art.id;
    const metadata = e?.metadata ?? tokenMetadata(t.index, t.seed, t.brain.id, t.brain.heldoutAccuracy, manifest.testSet?.id);
    const parents = e?.parents ?? (parent ? [parent.id] : []);
    return { id: t.id ?? tokenPreviewId({ parent: parents[0] ?? null, delegate, metadata }), name: `token ${t.index}`, delegate, metadata: Buffer.from(encodeCbor(metadata)), parents };
  });
  return {
    dir, manifest, parent,
    art: { file: join(dir, manifest.art.file), id: manifest.art.id },
    testSet: manifest.testSet ? { file: join(dir, manifest.testSet.file), id: manifest.testSet.id } : null,
    brains: manifest.tokens.map((t) => ({ file: join(dir, t.brain.file), id: t.brain.id, name: t.brain.file })),
    tokens,
  };
}
