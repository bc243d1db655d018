// perceptrons upgrade: the batch file reads as ord's batch File and Entry (both #[serde(deny_unknown_fields)]: ord
// src/wallet/batch/file.rs and entry.rs), its file: path resolves from the folder ord is told to run in, a brain is
// checked as the page checks it (a file with the codec, an ID fetched through an ord server), and a bad one is refused
// with the decoder's message and nothing written.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ID_PATTERN } from '../../src/chain/ids';
import { run as upgrade } from '../../tools/commands/upgrade';
import { startServer, type PreviewServer } from '../../tools/server/server';
import { capture } from '../build/helpers';

const ROOT = new URL('../..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'perceptrons-upgrade-'));
const token = 'ab'.repeat(32) + 'i0';
const brainFile = join(ROOT, 'fixtures/brains/mnist_digits.json');

// ord's batch::File and batch::Entry fields (Entry's `attributes` is flattened: title, traits), unknown ones refused
const FILE_FIELDS = ['mode', 'parents', 'postage', 'reinscribe', 'sat', 'satpoint', 'inscriptions', 'etching'];
const ENTRY_FIELDS = ['title', 'traits', 'delegate', 'destination', 'file', 'gallery', 'metadata', 'metaprotocol', 'satpoint'];
const MODES = ['same-sat', 'satpoints', 'separate-outputs', 'shared-output'];

type Yaml = string | Yaml[] | { [k: string]: Yaml };
/** The block YAML subset a batch file uses (top-level keys, sequences of scalars or of one-level maps), strictly. */
function readYaml(text: string): Record<string, Yaml> {
  const top: Record<string, Yaml> = {};
  let key = '', item: Record<string, Yaml> | null = null;
  const scalar = (s: string): string => {
    if (s.startsWith('"')) return JSON.parse(s); // a double-quoted scalar, as JSON writes it
    if (!/^[\w.-]+$/.test(s)) throw new Error(`not a plain scalar: ${s}`);
    return s;
  };
  for (const line of text.split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    let m: RegExpExecArray | null;
    if ((m = /^([a-z_]+):(?: (.+))?$/.exec(line))) {
      key = m[1];
      if (key in top) throw new Error(`duplicate key ${key}`);
      top[key] = m[2] === undefined ? [] : scalar(m[2]);
    } else if ((m = /^- ([a-z_]+): (.+)$/.exec(line))) (top[key] as Yaml[]).push((item = { [m[1]]: scalar(m[2]) }));
    else if ((m = /^- (.+)$/.exec(line))) (top[key] as Yaml[]).push(scalar(m[1]));
    else if ((m = /^ {2}([a-z_]+): (.+)$/.exec(line)) && item) item[m[1]] = scalar(m[2]);
    else throw new Error(`unexpected line: ${line}`);
  }
  return top;
}

/** What serde would say about the text as ord's File: throws naming the first problem. */
function asOrdBatch(text: string): { mode: string; parents: string[]; inscriptions: Record<string, string>[] } {
  const f = readYaml(text);
  for (const k of Object.keys(f)) if (!FILE_FIELDS.includes(k)) throw new Error(`unknown field \`${k}\``);
  if (!MODES.includes(f.mode as string)) throw new Error(`mode: ${f.mode}`);
  const parents = f.parents as string[], inscriptions = f.inscriptions as Record<string, string>[];
  if (!parents.every((p) => ID_PATTERN.test(p))) throw new Error('parents: not inscription IDs');
  if (!inscriptions?.length) throw new Error('batchfile must contain at least one inscription');
  for (const e of inscriptions) {
    for (const k of Object.keys(e)) if (!ENTRY_FIELDS.includes(k)) throw new Error(`unknown field \`${k}\``);
    if (e.delegate !== undefined && !ID_PATTERN.test(e.delegate)) throw new Error('delegate: not an inscription ID');
  }
  return { mode: f.mode as string, parents, inscriptions };
}

afterEach(() => vi.restoreAllMocks());

let server: PreviewServer;
beforeAll(async () => {
  server = await startServer({ port: 0, root: ROOT, quiet: true });
});
afterAll(() => server?.close());

describe('perceptrons upgrade', () => {
  it('a brain file: the child holds it; the batch reads as ord\'s, its file: path resolves from the folder ord runs in', async () => {
    const out = join(dir, 'file'), io = capture();
    expect(await upgrade(['--token', token, '--brain', brainFile, '--fee-rate', '12', '--out', out])).toBe(0);
    const [name] = readdirSync(out).filter((f) => f.endsWith('.yaml'));
    const b = asOrdBatch(readFileSync(join(out, name), 'utf8'));
    expect([b.mode, b.parents, Object.keys(b.inscriptions[0])]).toEqual(['separate-outputs', [token], ['file']]);
    expect(readFileSync(join(out, b.inscriptions[0].file)).equals(readFileSync(brainFile))).toBe(true);
    const text = io.out.join('\n');
    expect(text).toContain(`cd ${out} && ord wallet batch --compress --fee-rate 12 --batch ${name}`);
    const weight = Number(/reveal: about ([\d,]+) WU/.exec(text)![1].replace(/,/g, ''));
    const fee = Number(/fee about ([\d,]+) sat at 12 sat\/vB/.exec(text)![1].replace(/,/g, ''));
    expect(weight).toBeGreaterThan(40_000); // the brain's bytes as ord's brotli stores them, and the transaction
    expect(fee).toBe(Math.ceil(weight / 4) * 12);
  });

  it('a brain ID: checked through an ord server as the page fetches it, the child a body-less delegate of a few hundred WU', async () => {
    const id = server.brainIds['mnist_digits.json'], out = join(dir, 'id'), io = capture();
    expect(await upgrade(['--token', token, '--brain', id, '--out', out, '--ord', server.url])).toBe(0);
    const [name] = readdirSync(out);
    expect(asOrdBatch(readFileSync(join(out, name), 'utf8')).inscriptions).toEqual([{ delegate: id }]);
    const weight = Number(/reveal: about ([\d,]+) WU/.exec(io.out.join('\n'))![1].replace(/,/g, ''));
    expect(weight).toBeGreaterThan(300);
    expect(weight).toBeLessThan(1_500);
  });

  it('refuses a bad brain with the decoder\'s message and writes nothing', async () => {
    const bad = join(dir, 'bad.json'), out = join(dir, 'refused');
    writeFileSync(bad, JSON.stringify({ ...JSON.parse(readFileSync(brainFile, 'utf8')), classes_name: ['one'] }));
    let io = capture();
    expect(await upgrade(['--token', token, '--brain', bad, '--out', out])).toBe(1);
    expect(io.err.join('\n')).toMatch(/not a brain the page can run: classes_name: must be 10 names \(one per output\)/);
    expect(existsSync(out)).toBe(false);
    io = capture();
    expect(await upgrade(['--token', token, '--brain', 'f'.repeat(64) + 'i0', '--out', out, '--ord', server.url])).toBe(1);
    expect(io.err.join('\n')).toMatch(/No inscription with that ID \(404\)/);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a token that is no inscription ID', async () => {
    const io = capture();
    expect(await upgrade(['--token', 'abc', '--brain', brainFile, '--out', dir])).toBe(2);
    expect(io.err.join('\n')).toMatch(/--token must be an inscription ID/);
  });
});
