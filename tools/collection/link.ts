// `perceptrons collection link DIR --ids FILE...`: after `ord wallet batch` has inscribed some batches, read ord's JSON
// output of each (saved as batches/NN-<label>.json, as each batch file's header says), record which real inscription ID
// each entry got (ids.json: preview ID → real ID), and rewrite manifest.json, the later batches and the report with them.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { contentId } from '../build/ids';
import { parseBatchYaml } from './batches';
import { CollectionError, writeAtomic } from './files';
import type { Manifest } from './manifest';
import { idsFile, readIdMap, writeOutputs } from './run';
import { tokenPreviewId, idBytes } from './token';
import type { GenomeDoc } from './config';

export interface LinkResult {
  linked: string[];
  /** token batches that still name a preview ID (their art or brains are not inscribed yet) */
  waiting: string[];
}

export async function linkCollection(dirArg: string, idFiles: string[]): Promise<LinkResult> {
  const dir = resolve(dirArg), bdir = join(dir, 'batches');
  if (!existsSync(join(dir, 'manifest.json'))) throw new CollectionError(`${dir} is not a collection (no manifest.json)`);
  const batchNames = readdirSync(bdir).filter((f) => f.endsWith('.yaml')).sort().map((f) => f.slice(0, -5));
  const ids = readIdMap(dir), linked: string[] = [];
  for (const file of idFiles) {
    const name = batchNames.find((n) => basename(file).startsWith(n.slice(0, 3)));
    if (!name) throw new CollectionError(`${file}: name it after its batch (one of ${batchNames.join(', ')}), e.g. ${batchNames[0]}.json`);
    let out: { inscriptions?: { id?: unknown }[] };
    try {
      out = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new CollectionError(`${file}: not ord's JSON output (${(e as Error).message})`);
    }
    const got = (out.inscriptions ?? []).map((i) => i.id);
    const batch = parseBatchYaml(readFileSync(join(bdir, `${name}.yaml`), 'utf8'), `${name}.yaml`);
    if (got.length !== batch.entries.length) {
      throw new CollectionError(`${file}: ${got.length} inscriptions, but ${name}.yaml has ${batch.entries.length}: is it the output of that batch?`);
    }
    batch.entries.forEach((e, i) => {
      const id = got[i];
      if (typeof id !== 'string' || !/^[0-9a-f]{64}i\d+$/.test(id)) throw new CollectionError(`${file}: inscriptions[${i}].id ${JSON.stringify(id)} is not an inscription ID`);
      idBytes(id);
      const preview = 'file' in e
        ? contentId(readFileSync(join(bdir, e.file)))
        : tokenPreviewId({ parent: batch.parents[0] ?? null, delegate: e.delegate, metadata: e.metadata });
      const key = Object.keys(ids).find((k) => ids[k] === preview) ?? preview; // a token batch after its brains were linked
      ids[key] = id;
    });
    linked.push(name);
  }
  writeAtomic(idsFile(dir), JSON.stringify(ids, null, 1) + '\n');
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  const state = JSON.parse(readFileSync(join(dir, 'collection.json'), 'utf8')) as { seed: string };
  const genomes = manifest.tokens.map((t) => JSON.parse(readFileSync(join(dir, 'genomes', `${t.index}.json`), 'utf8')) as GenomeDoc);
  const { batches } = await writeOutputs(dir, { count: genomes.length, seed: state.seed }, genomes);
  const known = new Set(Object.values(ids));
  const waiting = batches.filter((b) => b.entries.some((e) => 'delegate' in e && (!known.has(e.delegate) || !known.has(String((e.metadata as { brain: string }).brain))))).map((b) => b.name);
  return { linked, waiting };
}
