// Reading a TensorFlow.js Layers export from disk for `perceptrons pack --tfjs`: model.json and its weight shards,
// converted by tfjs.ts. Every missing or unreadable file is named.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Model } from '../../src/nn/index';
import { tfjsToModel, type TfjsModelJson } from './tfjs';

/** The model of a TF.js Layers export: model.json and the weight shards its manifest names, beside it. */
export function readTfjsExport(modelJsonPath: string, name: string, classes?: string[]): Model {
  let json: TfjsModelJson;
  try {
    json = JSON.parse(readFileSync(modelJsonPath, 'utf8')) as TfjsModelJson;
  } catch (e) {
    throw new Error(`${modelJsonPath}: cannot read it as JSON (${(e as Error).message})`);
  }
  if (!json || !Array.isArray(json.weightsManifest)) throw new Error(`${modelJsonPath}: not a TF.js Layers export (no weightsManifest)`);
  const paths = json.weightsManifest.flatMap((g) => g.paths ?? []);
  const parts = paths.map((p) => {
    const file = join(dirname(modelJsonPath), p);
    if (!existsSync(file)) throw new Error(`${modelJsonPath}: weight shard ${p} is missing (looked for ${file})`);
    return new Uint8Array(readFileSync(file));
  });
  const data = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) { data.set(p, offset); offset += p.length; }
  return tfjsToModel(json, data, name, classes);
}
