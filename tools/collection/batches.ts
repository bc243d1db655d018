// Batch files for `ord wallet batch --compress --fee-rate R --batch FILE` (ord's batch YAML: mode, parents,
// inscriptions with file: or delegate: + metadata:), split so that each reveal transaction stays a standard one
// (under 400,000 weight units: nodes do not relay bigger ones), in the order they must be inscribed: the parent, then
// the art and the brains (tokens name their IDs), then the tokens (children of the parent). ord resolves file: paths
// against the batch file's folder, so they read ../art.html, ../brains/<i>.json.
import { toYaml, encodeCbor, type Metadata } from './cbor';
import { idBytes } from './token';

export const MAX_REVEAL_WEIGHT = 400_000;
/** What a batch may use: under the relay limit with room for the estimate's error (a few hundred WU at most). */
export const BATCH_WEIGHT_LIMIT = 390_000;

export type Entry =
  | { file: string; bytes: number } // bytes: as inscribed (brotli with --compress when smaller)
  | { delegate: string; metadata: Metadata };

export interface Batch {
  /** e.g. "00-parent", "01-art-brains", "07-tokens" */
  name: string;
  parents: string[];
  entries: Entry[];
  /** estimated weight of the reveal transaction */
  weight: number;
}

const pushes = (n: number): number => n + 3 * Math.max(1, Math.ceil(n / 520)); // 520-byte data pushes, ≤3 bytes opcode+length each
const TAG = 2; // a one-byte tag push: OP_PUSHBYTES_1 <tag>
const ID_PUSH = 1 + 36; // an inscription ID value: up to 36 bytes

/** Witness bytes one inscription adds to the reveal script. */
export function entryWitness(e: Entry, index: number, parents: number): number {
  let w = 1 + 1 + 4; // OP_FALSE OP_IF "ord"
  if ('file' in e) w += TAG + 1 + 32 + TAG + 1 + 2 + 1 + pushes(e.bytes); // content type, content-encoding br, OP_0, body
  else w += TAG + ID_PUSH + (e.metadata === null ? 0 : TAG + pushes(encodeCbor(e.metadata).length)); // delegate, metadata (if any)
  w += parents * (TAG + ID_PUSH);
  if (index > 0) w += TAG + 1 + 4; // pointer to its own output
  return w + 1; // OP_ENDIF
}

/** Estimated weight of a reveal: non-witness bytes ×4 (commit input, parent inputs, one output per inscription and per
 * parent) + the witness (signature, script, control block). */
export function revealWeight(entries: Entry[], parents: number): number {
  const inputs = 1 + parents, outputs = entries.length + parents;
  const base = 4 + 1 + 3 + inputs * 41 + 3 + outputs * 43 + 4;
  const script = entries.reduce((s, e, i) => s + entryWitness(e, i, parents), 34 + 1); // <key> OP_CHECKSIG
  const witness = 2 + 1 + 3 + 1 + 64 + 3 + script + 1 + 33 + parents * (1 + 1 + 64);
  return base * 4 + witness;
}

/** Splits entries, in order, into batches within the weight limit. Throws if one entry alone is over it. */
export function split(prefix: string, entries: Entry[], parents: string[], limit = BATCH_WEIGHT_LIMIT): Omit<Batch, 'name'>[] {
  const out: Omit<Batch, 'name'>[] = [];
  let cur: Entry[] = [];
  for (const e of entries) {
    if (revealWeight([e], parents.length) > limit) {
      throw new Error(`${prefix}: ${'file' in e ? e.file : 'a token'} alone needs ${revealWeight([e], parents.length)} WU, over the ${limit} WU a batch may use`);
    }
    if (cur.length && revealWeight([...cur, e], parents.length) > limit) {
      out.push({ parents, entries: cur, weight: revealWeight(cur, parents.length) });
      cur = [];
    }
    cur.push(e);
  }
  if (cur.length) out.push({ parents, entries: cur, weight: revealWeight(cur, parents.length) });
  return out;
}

export interface Plan {
  parent: { file: string; bytes: number };
  art: { file: string; bytes: number };
  brains: { file: string; bytes: number }[];
  tokens: { delegate: string; metadata: Metadata }[];
  parentId: string;
}

/** The whole collection's batches in inscription order, numbered 00, 01, ... */
export function planBatches(p: Plan, limit = BATCH_WEIGHT_LIMIT): Batch[] {
  const groups: [string, Omit<Batch, 'name'>[]][] = [
    ['parent', split('parent', [p.parent], [], limit)],
    ['art-brains', split('art and brains', [p.art, ...p.brains], [], limit)],
    ['tokens', split('tokens', p.tokens, [p.parentId], limit)],
  ];
  const batches: Batch[] = [];
  for (const [label, list] of groups) for (const b of list) batches.push({ ...b, name: `${String(batches.length).padStart(2, '0')}-${label}` });
  return batches;
}

/** The YAML file ord reads. Values are JSON (YAML's flow style): strings always quoted. */
export function batchYaml(b: Batch, total: number): string {
  const lines = [
    `# Perceptrons: batch ${b.name} (${Number(b.name.slice(0, 2)) + 1} of ${total}), ${b.entries.length} inscription${b.entries.length > 1 ? 's' : ''}, ` +
      `reveal about ${b.weight.toLocaleString('en-US')} WU (limit ${MAX_REVEAL_WEIGHT.toLocaleString('en-US')}).`,
    `# ord wallet batch --compress --fee-rate <sat/vB> --batch ${b.name}.yaml > ${b.name}.json`,
    'mode: separate-outputs',
  ];
  if (b.parents.length) lines.push('parents:', ...b.parents.map((id) => `- ${JSON.stringify(id)}`));
  lines.push('inscriptions:');
  for (const e of b.entries) {
    if ('file' in e) lines.push(`- file: ${JSON.stringify(e.file)}`);
    else lines.push(`- delegate: ${JSON.stringify(e.delegate)}`, `  metadata: ${toYaml(e.metadata)}`);
  }
  return lines.join('\n') + '\n';
}

export interface ParsedBatch {
  parents: string[];
  entries: ({ file: string } | { delegate: string; metadata: Metadata })[];
}

/** Reads back a batch file this module wrote (not general YAML). */
export function parseBatchYaml(text: string, where: string): ParsedBatch {
  const out: ParsedBatch = { parents: [], entries: [] };
  let section = '';
  text.split('\n').forEach((line, n) => {
    const bad = (why: string) => new Error(`${where}:${n + 1}: ${why}: ${line.slice(0, 80)}`);
    const value = (s: string): any => {
      try {
        return JSON.parse(s);
      } catch {
        throw bad('not a JSON value');
      }
    };
    if (!line.trim() || line.startsWith('#')) return;
    let m: RegExpExecArray | null;
    if ((m = /^(mode|parents|inscriptions):\s*(.*)$/.exec(line))) {
      section = m[1];
      if (section === 'mode' && m[2] !== 'separate-outputs') throw bad('mode must be separate-outputs');
    } else if (section === 'parents' && (m = /^- (.+)$/.exec(line))) out.parents.push(value(m[1]));
    else if (section === 'inscriptions' && (m = /^- (file|delegate): (.+)$/.exec(line))) {
      out.entries.push(m[1] === 'file' ? { file: value(m[2]) } : { delegate: value(m[2]), metadata: null });
    } else if (section === 'inscriptions' && (m = /^ {2}metadata: (.+)$/.exec(line))) {
      const last = out.entries[out.entries.length - 1];
      if (!last || !('delegate' in last)) throw bad('metadata without a delegate entry');
      last.metadata = value(m[1]);
    } else throw bad('unexpected line');
  });
  for (const id of [...out.parents, ...out.entries.flatMap((e) => ('delegate' in e ? [e.delegate] : []))]) idBytes(id);
  return out;
}
