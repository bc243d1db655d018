// `perceptrons collection status DIR [--ord URL]`: where an inscribing stands. Which batches are linked, which comes
// next and what it waits for; with --ord, which linked inscriptions that ord server has indexed, and at what height
// (its /r/inscription/<id>, ord: src/subcommand/server/r.rs, `inscription`).
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseBatchYaml } from './batches';
import { CollectionError } from './files';
import { batchNames, namedIds, readLinked } from './link';
import { readIdMap } from './run';

export interface Confirmation {
  id: string;
  /** the block it was mined in, or null when the ord server does not know it (not mined yet, or not indexed yet) */
  height: number | null;
}

export interface BatchStatus {
  name: string;
  linked: boolean;
  /** with --ord: each linked inscription's confirmation */
  confirmations?: Confirmation[];
}

export interface CollectionStatus {
  batches: BatchStatus[];
  /** the first batch not linked, or null when every batch is */
  next: string | null;
  /** what the next batch waits for, in words; '' when it can be inscribed now */
  waitsFor: string;
  /** the lines to print */
  lines: string[];
}

/** /r/inscription/<id> on an ord server: its height, null on 404; anything else is an error naming the URL. */
async function heightOf(base: string, id: string): Promise<number | null> {
  const url = new URL(`r/inscription/${id}`, base.endsWith('/') ? base : base + '/').href;
  let res: Response;
  try {
    res = await fetch(url, { headers: { Accept: 'application/json' } });
  } catch (e) {
    throw new CollectionError(`${url}: ${(e as Error).message}: is an ord server running there?`);
  }
  if (res.status === 404) return null;
  if (!res.ok) throw new CollectionError(`${url}: HTTP ${res.status}`);
  const h = ((await res.json()) as { height?: unknown }).height;
  if (!Number.isSafeInteger(h)) throw new CollectionError(`${url}: no "height" in the answer: is it an ord server (0.16 or later)?`);
  return h as number;
}

export async function collectionStatus(dirArg: string, ord?: string): Promise<CollectionStatus> {
  const dir = resolve(dirArg);
  if (!existsSync(join(dir, 'manifest.json'))) throw new CollectionError(`${dir} is not a collection (no manifest.json)`);
  const names = batchNames(dir), linked = readLinked(dir), known = new Set(Object.values(readIdMap(dir)));
  const batches: BatchStatus[] = names.map((name) => ({ name, linked: !!linked[name] }));
  if (ord) {
    for (const b of batches) {
      if (!b.linked) continue;
      b.confirmations = [];
      for (const id of linked[b.name].ids) b.confirmations.push({ id, height: await heightOf(ord, id) });
    }
  }
  const lines: string[] = [];
  for (const b of batches) {
    let line = `${b.name.padEnd(16)} ${b.linked ? `linked (reveal ${linked[b.name].reveal.slice(0, 12)}…)` : 'not linked'}`;
    if (b.confirmations) {
      const mined = b.confirmations.filter((c) => c.height !== null), heights = mined.map((c) => c.height as number);
      line += mined.length === b.confirmations.length
        ? `, confirmed: all ${mined.length} at height ${Math.min(...heights)}${Math.max(...heights) > Math.min(...heights) ? `-${Math.max(...heights)}` : ''}`
        : `, ${mined.length} of ${b.confirmations.length} confirmed and indexed`;
    }
    lines.push(line);
  }
  const nextIndex = batches.findIndex((b) => !b.linked);
  const next = nextIndex < 0 ? null : batches[nextIndex].name;
  let waitsFor = '';
  if (next === null) {
    const tokensDone = names.some((n) => n.endsWith('-gallery'));
    lines.push(tokensDone ? 'every batch is linked: the collection is inscribed' : 'every batch is linked');
  } else {
    const batch = parseBatchYaml(readFileSync(join(dir, 'batches', `${next}.yaml`), 'utf8'), `${next}.yaml`);
    const missing = namedIds(batch).filter((id) => !known.has(id));
    const prev = nextIndex > 0 ? batches[nextIndex - 1] : null;
    if (missing.length) {
      waitsFor = `link: it names ${missing.length} preview ID${missing.length > 1 ? 's' : ''} (${missing[0]}…): run perceptrons collection link with the output of the batches before it`;
    } else if (prev?.confirmations?.some((c) => c.height === null)) {
      waitsFor = `${prev.name} to be mined and indexed by ord (its wallet spends only confirmed outputs, and the next batch needs the parent and the inscriptions it names where the index has seen them)`;
    } else if (prev && !prev.confirmations) {
      waitsFor = `${prev.name} to be mined and indexed by your ord (check with --ord URL)`;
    }
    lines.push(`next: ${next}${waitsFor ? `, waiting for ${waitsFor}` : ', ready'}`);
    if (!missing.length) {
      lines.push(`  (cd ${dirArg} && ord wallet batch --compress --fee-rate <sat/vB> --batch batches/${next}.yaml > batches/${next}.json)`);
      lines.push(`  then: perceptrons collection link ${dirArg} --ids ${join(dirArg, 'batches', `${next}.json`)}`);
    }
  }
  return { batches, next, waitsFor, lines };
}
