// `perceptrons collection link DIR --ids FILE...`: after `ord wallet batch` has inscribed some batches, read ord's JSON
// output of each (saved as batches/NN-<label>.json beside its batch, as each batch file's header says), check that it
// is the real, broadcast output of that very batch, record which real inscription ID each entry got (ids.json: preview
// ID → real ID; linked.json: batch → reveal and IDs), and rewrite manifest.json, the later batches and the report with
// them. Every file is checked before anything is written: a refused link changes nothing in DIR.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { isInscriptionId } from '../../src/chain/ids';
import { contentId } from '../build/ids';
import { parseBatchYaml, type ParsedBatch } from './batches';
import { CollectionError, writeAtomic } from './files';
import type { Manifest } from './manifest';
import { idsFile, readIdMap, writeOutputs } from './run';
import { tokenPreviewId } from './token';
import type { GenomeDoc } from './config';

/** What `ord wallet batch` prints (ord: src/wallet/batch.rs, `Output` and `InscriptionInfo`). */
export interface OrdBatchOutput {
  commit: string;
  commit_psbt: string | null;
  inscriptions: { destination: string; id: string; location: string }[];
  parents: string[];
  reveal: string;
  reveal_broadcast: boolean;
  reveal_psbt: string | null;
  rune: unknown;
  total_fees: number;
}

/** linked.json: each linked batch's reveal transaction, its inscriptions' IDs and what ord says it paid. */
export type LinkedBatches = Record<string, { reveal: string; ids: string[]; total_fees: number }>;
export const linkedFile = (dir: string) => join(dir, 'linked.json');
export function readLinked(dir: string): LinkedBatches {
  return existsSync(linkedFile(dir)) ? (JSON.parse(readFileSync(linkedFile(dir), 'utf8')) as LinkedBatches) : {};
}

/** The batches of DIR in order (names without .yaml). */
export function batchNames(dir: string): string[] {
  const b = join(dir, 'batches');
  return existsSync(b) ? readdirSync(b).filter((f) => /^\d\d+-[\w-]+\.yaml$/.test(f)).sort().map((f) => f.slice(0, -5)) : [];
}

export interface LinkResult {
  linked: string[];
  /** every batch with no linked output yet, in order (the first is the next to inscribe) */
  unlinked: string[];
  /** unlinked batches that still name a preview ID (their parent, art or brains are not linked yet) */
  waiting: string[];
}

const TXID = /^[0-9a-f]{64}$/;

/** ord's JSON, checked field by field: every refusal names the file and the field. */
function readOutput(file: string): OrdBatchOutput {
  const text = readFileSync(file, 'utf8');
  let out: unknown;
  try {
    out = JSON.parse(text);
  } catch (e) {
    throw new CollectionError(`${file}: not complete JSON (${(e as Error).message}): was ord's output cut short? Nothing was linked.`);
  }
  const o = (out ?? {}) as Record<string, unknown>;
  const need = (field: string, ok: boolean, what: string) => {
    if (!ok) throw new CollectionError(`${file}: "${field}" ${field in o ? `is ${JSON.stringify(o[field])?.slice(0, 80)}, not` : 'is missing: expected'} ${what}: is this ord wallet batch's output?`);
  };
  need('commit', TXID.test(String(o.commit)), 'a txid');
  need('reveal', TXID.test(String(o.reveal)), 'a txid');
  need('reveal_broadcast', typeof o.reveal_broadcast === 'boolean', 'true or false');
  need('parents', Array.isArray(o.parents) && o.parents.every(isInscriptionId), 'a list of inscription IDs');
  need('inscriptions', Array.isArray(o.inscriptions), 'a list');
  need('total_fees', Number.isSafeInteger(o.total_fees), 'a number of sats');
  for (const f of ['commit_psbt', 'reveal_psbt', 'rune']) need(f, f in o, 'present (null when unused)');
  (o.inscriptions as unknown[]).forEach((i, k) => {
    const e = (i ?? {}) as Record<string, unknown>;
    if (!isInscriptionId(e.id)) throw new CollectionError(`${file}: "inscriptions[${k}].id" is ${JSON.stringify(e.id)}, not an inscription ID`);
    if (typeof e.location !== 'string') throw new CollectionError(`${file}: "inscriptions[${k}].location" is missing`);
  });
  if (o.reveal_broadcast !== true) {
    throw new CollectionError(`${file}: "reveal_broadcast" is false: the output of a --dry-run (or of a PSBT never broadcast); ` +
      'its IDs never reach the chain. Link the output of the real run.');
  }
  return o as unknown as OrdBatchOutput;
}

/** Refuses output that is not this batch's, naming the field. */
function checkAgainstBatch(file: string, out: OrdBatchOutput, name: string, batch: ParsedBatch, known: Set<string>): void {
  const unlinked = namedIds(batch).filter((id) => !known.has(id));
  if (unlinked.length) {
    throw new CollectionError(`${file}: ${name}.yaml still names ${unlinked[0]}, a preview ID (link the batch that inscribes it first): ord could not have inscribed this batch as written`);
  }
  if (out.parents.length !== batch.parents.length || out.parents.some((p, i) => p !== batch.parents[i])) {
    throw new CollectionError(`${file}: "parents" is ${JSON.stringify(out.parents)}, but ${name}.yaml has ${JSON.stringify(batch.parents)}: ` +
      'the output of another collection\'s batch, or of another batch?');
  }
  if (out.inscriptions.length !== batch.entries.length) {
    throw new CollectionError(`${file}: "inscriptions" lists ${out.inscriptions.length}, but ${name}.yaml has ${batch.entries.length}: is it the output of that batch?`);
  }
  // separate-outputs: inscription k is <reveal>i<k>, on output k after the parents' (ord: src/wallet/batch/plan.rs, `output`)
  out.inscriptions.forEach((ins, k) => {
    if (ins.id !== `${out.reveal}i${k}`) {
      throw new CollectionError(`${file}: "inscriptions[${k}].id" is ${ins.id}, not ${out.reveal}i${k} (the reveal's txid, i, the entry's place): not ord's output of ${name}.yaml`);
    }
    const location = `${out.reveal}:${k + batch.parents.length}:0`;
    if (ins.location !== location) throw new CollectionError(`${file}: "inscriptions[${k}].location" is ${ins.location}, not ${location}`);
  });
}

export async function linkCollection(dirArg: string, idFiles: string[]): Promise<LinkResult> {
  const dir = resolve(dirArg), bdir = join(dir, 'batches');
  if (!existsSync(join(dir, 'manifest.json'))) throw new CollectionError(`${dir} is not a collection (no manifest.json)`);
  const names = batchNames(dir);
  const ids = readIdMap(dir), linked = readLinked(dir), done: string[] = [];
  const known = new Set(Object.values(ids));
  const reveals = new Map(Object.entries(linked).map(([n, l]) => [l.reveal, n]));
  // every file checked first: nothing is written unless all are right
  for (const arg of idFiles) {
    const file = resolve(arg), name = basename(file, '.json');
    if (dirname(file) !== bdir) {
      throw new CollectionError(`${arg}: not in ${bdir}: ord's output of a batch is saved beside it (batches/NN-<label>.json); is it another collection's?`);
    }
    if (!names.includes(name) || !file.endsWith('.json')) throw new CollectionError(`${arg}: name it after its batch (one of ${names.join(', ')}), e.g. ${names[0]}.json`);
    const out = readOutput(file);
    const batch = parseBatchYaml(readFileSync(join(bdir, `${name}.yaml`), 'utf8'), `${name}.yaml`);
    checkAgainstBatch(file, out, name, batch, known);
    const before = reveals.get(out.reveal);
    if (before && before !== name) throw new CollectionError(`${file}: "reveal" ${out.reveal} is already linked as ${before}`);
    if (linked[name] && linked[name].reveal !== out.reveal) {
      throw new CollectionError(`${file}: ${name} is already linked to reveal ${linked[name].reveal}; this output has ${out.reveal} (was the batch inscribed twice?)`);
    }
    batch.entries.forEach((e, k) => {
      const id = out.inscriptions[k].id;
      let preview: string | null = null;
      if ('file' in e) preview = contentId(readFileSync(join(dir, e.file))); // ord read it from DIR
      else if (e.metadata !== undefined) preview = tokenPreviewId({ parent: batch.parents[0] ?? null, delegate: e.delegate, metadata: e.metadata });
      if (preview === null) return; // a gallery: nothing names it
      const key = Object.keys(ids).find((k2) => ids[k2] === preview) ?? preview; // a token batch after its brains were linked
      ids[key] = id;
      known.add(id);
    });
    linked[name] = { reveal: out.reveal, ids: out.inscriptions.map((i) => i.id), total_fees: out.total_fees };
    reveals.set(out.reveal, name);
    done.push(name);
  }
  writeAtomic(idsFile(dir), JSON.stringify(ids, null, 1) + '\n');
  writeAtomic(linkedFile(dir), JSON.stringify(linked, null, 1) + '\n');
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  const state = JSON.parse(readFileSync(join(dir, 'collection.json'), 'utf8')) as { seed: string };
  const genomes = manifest.tokens.map((t) => JSON.parse(readFileSync(join(dir, 'genomes', `${t.index}.json`), 'utf8')) as GenomeDoc);
  await writeOutputs(dir, { count: genomes.length, seed: state.seed }, genomes);
  return { linked: done, ...unlinkedBatches(dir) };
}

/** The batches not linked yet, and those of them that still name preview IDs. */
export function unlinkedBatches(dir: string): { unlinked: string[]; waiting: string[] } {
  const linked = readLinked(dir), known = new Set(Object.values(readIdMap(dir)));
  const unlinked = batchNames(dir).filter((n) => !linked[n]);
  const waiting = unlinked.filter((n) => {
    const b = parseBatchYaml(readFileSync(join(dir, 'batches', `${n}.yaml`), 'utf8'), `${n}.yaml`);
    return namedIds(b).some((id) => !known.has(id));
  });
  return { unlinked, waiting };
}

/** The inscription IDs a batch names: its parents, its delegates, the brains in its metadata, its gallery items. */
export function namedIds(b: ParsedBatch): string[] {
  return [...b.parents, ...b.entries.flatMap((e) => {
    if (!('delegate' in e)) return [];
    const brain = e.metadata && typeof e.metadata === 'object' && !Array.isArray(e.metadata) ? e.metadata.brain : undefined;
    return [e.delegate, ...(typeof brain === 'string' ? [brain] : []), ...(e.gallery ?? []).map((g) => g.id)];
  })];
}
