// Batch files for `ord wallet batch --compress --fee-rate R --batch batches/NN-x.yaml` run from the collection directory
// (ord's batch YAML: mode, parents, inscriptions with file: or delegate: + metadata:, title:, traits:, gallery:), split
// so that each reveal transaction stays a standard one (under 400,000 weight units: nodes do not relay bigger ones), in
// the order they must be inscribed: the parent, then the art and the brains (tokens name their IDs), then the tokens
// (children of the parent), then, once the tokens' IDs are known, the galleries. ord reads each file: with fs::read
// against the directory it is run from (ord: src/inscriptions/inscription.rs, `Inscription::new`), so file: paths are
// relative to the collection directory and every command runs there: `cd DIR && ord wallet batch ... --batch batches/...`.
import { toYaml, encodeCbor, type Metadata } from './cbor';
import { encodeProperties, type GalleryItem, type Properties, type Traits } from './properties';
import { idBytes } from './token';

export const MAX_REVEAL_WEIGHT = 400_000;
/** What a batch may use: under the relay limit with room for the estimate's error (a few hundred WU at most). */
export const BATCH_WEIGHT_LIMIT = 390_000;

/** An inscription with content: bytes as inscribed (brotli with --compress when smaller). */
export interface FileEntry {
  file: string;
  bytes: number;
}

/** An inscription without a body: a delegate's content, with metadata (tag 5) and properties (tags 17 and 19). */
export interface DelegateEntry {
  delegate: string;
  metadata?: Metadata;
  title?: string;
  traits?: Traits;
  gallery?: GalleryItem[];
}

export type Entry = FileEntry | DelegateEntry;

const propertiesOf = (e: DelegateEntry): Properties => ({ title: e.title, traits: e.traits, gallery: e.gallery });
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
/** A push of n ≤ 520 bytes: the bytes and their opcode (OP_PUSHBYTES_n, OP_PUSHDATA1 or OP_PUSHDATA2). */
const push = (n: number): number => n + (n <= 75 ? 1 : n <= 255 ? 2 : 3);

/** A field ord splits into 520-byte pushes, each after its own tag push (metadata, tag 5; properties, tag 17). */
export function chunkedField(n: number): number {
  let w = 0;
  for (let at = 0; at < n; at += 520) w += TAG + push(Math.min(520, n - at));
  return w;
}

/** What the properties of an entry add to its reveal script: tag 17 in 520-byte chunks, and tag 19 ("br") when ord
 * keeps the brotli'd form. Cached: the planner weighs each entry many times. */
const propertyCost = new WeakMap<DelegateEntry, number>();
export function propertiesWitness(e: DelegateEntry): number {
  let w = propertyCost.get(e);
  if (w === undefined) {
    const p = encodeProperties(propertiesOf(e));
    w = p ? chunkedField(p.bytes.length) + (p.encoding ? TAG + push(2) : 0) : 0;
    propertyCost.set(e, w);
  }
  return w;
}

/** Witness bytes one inscription adds to the reveal script. */
export function entryWitness(e: Entry, index: number, parents: number): number {
  let w = 1 + 1 + 4; // OP_FALSE OP_IF "ord"
  if ('file' in e) w += TAG + 1 + 32 + TAG + 1 + 2 + 1 + pushes(e.bytes); // content type, content-encoding br, OP_0, body
  else {
    w += TAG + ID_PUSH + propertiesWitness(e); // delegate, properties
    if (e.metadata !== undefined && e.metadata !== null) w += chunkedField(encodeCbor(e.metadata).length);
  }
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
      throw new Error(`${prefix}: ${'file' in e ? e.file : e.title ?? 'a token'} alone needs ${revealWeight([e], parents.length)} WU, over the ${limit} WU a batch may use`);
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
  parent: FileEntry;
  art: FileEntry;
  brains: FileEntry[];
  tokens: DelegateEntry[];
  parentId: string;
}

const numbered = (n: number, label: string) => `${String(n).padStart(2, '0')}-${label}`;

/** The whole collection's batches in inscription order, numbered 00, 01, ... */
export function planBatches(p: Plan, limit = BATCH_WEIGHT_LIMIT): Batch[] {
  const groups: [string, Omit<Batch, 'name'>[]][] = [
    ['parent', split('parent', [p.parent], [], limit)],
    ['art-brains', split('art and brains', [p.art, ...p.brains], [], limit)],
    ['tokens', split('tokens', p.tokens, [p.parentId], limit)],
  ];
  const batches: Batch[] = [];
  for (const [label, list] of groups) for (const b of list) batches.push({ ...b, name: numbered(batches.length, label) });
  return batches;
}

/** The gallery batches, numbered from `first`: every token with its title and traits (ord's gallery items), each
 * gallery a delegate of `delegate` (the parent: its text is the gallery's content, no body inscribed again), one a
 * batch, as many as the weight limit needs. */
export function planGalleries(items: GalleryItem[], delegate: string, first: number, title: string, limit = BATCH_WEIGHT_LIMIT): Batch[] {
  const galleries: GalleryItem[][] = [];
  const fits = (list: GalleryItem[]) => revealWeight([{ delegate, title, gallery: list }], 0) <= limit;
  for (let at = 0; at < items.length;) {
    // the most items from `at` that fit: a binary search (each weighing compresses the gallery, as ord does)
    let lo = 1, hi = items.length - at;
    if (fits(items.slice(at))) lo = hi; // usually all of them: one weighing
    else if (!fits(items.slice(at, at + 1))) throw new Error(`gallery item ${items[at].id} alone is over the ${limit} WU a batch may use`);
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (fits(items.slice(at, at + mid))) lo = mid;
      else hi = mid - 1;
    }
    galleries.push(items.slice(at, at + lo));
    at += lo;
  }
  return galleries.map((list, k) => {
    const entry: DelegateEntry = { delegate, title: galleries.length > 1 ? `${title} (${k + 1} of ${galleries.length})` : title, gallery: list };
    return { name: numbered(first + k, 'gallery'), parents: [], entries: [entry], weight: revealWeight([entry], 0) };
  });
}

/** Traits as a YAML flow mapping, in their order (a JSON object would put integer-like names first). */
const traitsYaml = (t: Traits): string => `{${t.map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(', ')}}`;
const itemYaml = (g: GalleryItem): string =>
  `{"id": ${JSON.stringify(g.id)}${g.title !== undefined ? `, "title": ${JSON.stringify(g.title)}` : ''}${g.traits?.length ? `, "traits": ${traitsYaml(g.traits)}` : ''}}`;

/** The YAML file ord reads. Values are JSON (YAML's flow style): strings always quoted. */
export function batchYaml(b: Batch, total: number): string {
  const lines = [
    `# Perceptrons: batch ${b.name} (${Number(b.name.slice(0, 2)) + 1} of ${total}), ${b.entries.length} inscription${b.entries.length > 1 ? 's' : ''}, ` +
      `reveal about ${b.weight.toLocaleString('en-US')} WU (limit ${MAX_REVEAL_WEIGHT.toLocaleString('en-US')}).`,
    '# Run from the collection directory (file: paths are relative to it), once the batch before is confirmed:',
    `# cd DIR && ord wallet batch --compress --fee-rate <sat/vB> --batch batches/${b.name}.yaml > batches/${b.name}.json`,
    'mode: separate-outputs',
  ];
  if (b.parents.length) lines.push('parents:', ...b.parents.map((id) => `- ${JSON.stringify(id)}`));
  lines.push('inscriptions:');
  for (const e of b.entries) {
    if ('file' in e) {
      lines.push(`- file: ${JSON.stringify(e.file)}`);
      continue;
    }
    lines.push(`- delegate: ${JSON.stringify(e.delegate)}`);
    if (e.title !== undefined) lines.push(`  title: ${JSON.stringify(e.title)}`);
    if (e.traits?.length) lines.push(`  traits: ${traitsYaml(e.traits)}`);
    if (e.metadata !== undefined) lines.push(`  metadata: ${toYaml(e.metadata)}`);
    if (e.gallery?.length) lines.push('  gallery:', ...e.gallery.map((g) => `  - ${itemYaml(g)}`));
  }
  return lines.join('\n') + '\n';
}

export interface ParsedBatch {
  parents: string[];
  entries: ({ file: string } | DelegateEntry)[];
}

const asTraits = (o: Record<string, unknown>): Traits => Object.entries(o) as Traits;

/** Reads back a batch file this module wrote (not general YAML). */
export function parseBatchYaml(text: string, where: string): ParsedBatch {
  const out: ParsedBatch = { parents: [], entries: [] };
  let section = '', inGallery = false;
  text.split('\n').forEach((line, n) => {
    const bad = (why: string) => new Error(`${where}:${n + 1}: ${why}: ${line.slice(0, 80)}`);
    const value = (s: string): any => {
      try {
        return JSON.parse(s);
      } catch {
        throw bad('not a JSON value');
      }
    };
    const last = (field: string): DelegateEntry => {
      const e = out.entries[out.entries.length - 1];
      if (!e || !('delegate' in e)) throw bad(`${field} without a delegate entry`);
      return e;
    };
    if (!line.trim() || line.startsWith('#')) return;
    let m: RegExpExecArray | null;
    if (inGallery && (m = /^ {2}- (\{.+\})$/.exec(line))) {
      const item = value(m[1]) as { id: string; title?: string; traits?: Record<string, unknown> };
      last('a gallery item').gallery!.push({ id: item.id, title: item.title, ...(item.traits ? { traits: asTraits(item.traits) } : {}) });
      return;
    }
    inGallery = false;
    if ((m = /^(mode|parents|inscriptions):\s*(.*)$/.exec(line))) {
      section = m[1];
      if (section === 'mode' && m[2] !== 'separate-outputs') throw bad('mode must be separate-outputs');
    } else if (section === 'parents' && (m = /^- (.+)$/.exec(line))) out.parents.push(value(m[1]));
    else if (section === 'inscriptions' && (m = /^- (file|delegate): (.+)$/.exec(line))) {
      out.entries.push(m[1] === 'file' ? { file: value(m[2]) } : { delegate: value(m[2]) });
    } else if (section === 'inscriptions' && (m = /^ {2}(metadata|title|traits): (.+)$/.exec(line))) {
      const e = last(m[1]), v = value(m[2]);
      if (m[1] === 'traits') e.traits = asTraits(v);
      else e[m[1] as 'metadata' | 'title'] = v;
    } else if (section === 'inscriptions' && line === '  gallery:') {
      last('gallery').gallery = [];
      inGallery = true;
    } else throw bad('unexpected line');
  });
  const ids = [...out.parents, ...out.entries.flatMap((e) => ('delegate' in e ? [e.delegate, ...(e.gallery ?? []).map((g) => g.id)] : []))];
  for (const id of ids) idBytes(id);
  return out;
}
