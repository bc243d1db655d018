// perceptrons collection link and status on a tiny collection, fed JSON shaped exactly as `ord wallet batch` prints it
// (ord: src/wallet/batch.rs, Output: commit, commit_psbt, inscriptions [{ destination, id, location }], parents, reveal,
// reveal_broadcast, reveal_psbt, rune, total_fees). Every refusal exits 2, names the file and the field, and leaves the
// collection directory byte for byte as it was.
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseBatchYaml, BATCH_WEIGHT_LIMIT, type ParsedBatch } from '../../tools/collection/batches';
import { run } from '../../tools/commands/collection';
import { collectionStatus } from '../../tools/collection/status';
import { startServer } from '../../tools/server/server';
import { tokenAttributes } from '../../tools/collection/properties';
import { repoRoot } from '../../tools/build/inscription';
import { capture, tempDir } from '../build/helpers';
import { tinyCollection, tinyDataset, tree } from './helpers';

const tmp = tempDir('perceptrons-link-');
const fresh = join(tmp.dir, 'fresh');
let n = 0;

beforeAll(async () => {
  const data = await tinyDataset(tmp.dir);
  const art = join(tmp.dir, 'art.html');
  copyFileSync(join(repoRoot(), 'inscription.html'), art);
  await tinyCollection(data, fresh, { art });
}, 120_000);
afterAll(() => tmp.cleanup());

/** A copy of the unlinked collection for one test. */
function copy(): string {
  const dir = join(tmp.dir, `c${n++}`);
  cpSync(fresh, dir, { recursive: true });
  return dir;
}

const txid = (s: string) => createHash('sha256').update(s).digest('hex');
const batchOf = (dir: string, name: string): ParsedBatch => parseBatchYaml(readFileSync(join(dir, 'batches', `${name}.yaml`), 'utf8'), name);

/** ord's output of a batch, as `ord wallet batch` prints it (separate-outputs: inscription k on output k after the parents'). */
function ordOutput(batch: ParsedBatch, reveal: string) {
  return {
    commit: txid(`commit ${reveal}`),
    commit_psbt: null,
    inscriptions: batch.entries.map((_, k) => ({
      destination: 'bc1pdqrcrxa8vx6gy75mfdfj84puhxffh4fq46h3gkp6jxdd0vjcsdyspfxcv6',
      id: `${reveal}i${k}`,
      location: `${reveal}:${k + batch.parents.length}:0`,
    })),
    parents: batch.parents,
    reveal,
    reveal_broadcast: true,
    reveal_psbt: null,
    rune: null,
    total_fees: 2_120,
  };
}

/** Writes ord's output beside the batch (as the docs say) and returns its path. */
function save(dir: string, name: string, out: unknown, raw?: string): string {
  const file = join(dir, 'batches', `${name}.json`);
  writeFileSync(file, raw ?? JSON.stringify(out, null, 2) + '\n');
  return file;
}


/** The CLI, its exit code and what it printed. */
async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = capture();
  try {
    const code = await run(args);
    return { code, out: io.out.join('\n'), err: io.err.join('\n') };
  } finally {
    vi.restoreAllMocks();
  }
}

/** Links batch `name` with a correct output; returns that output. */
async function link(dir: string, name: string) {
  const out = ordOutput(batchOf(dir, name), txid(`${dir} ${name}`));
  const r = await cli(['link', dir, '--ids', save(dir, name, out)]);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return { out, stdout: r.out };
}

/** A refused link: exit 2, the message names the file and the field, nothing in DIR changed but the saved JSON. */
async function refused(dir: string, file: string, field: RegExp): Promise<string> {
  const before = tree(dir);
  const r = await cli(['link', dir, '--ids', file]);
  expect(r.code).toBe(2);
  expect(r.err).toContain(file);
  expect(r.err).toMatch(field);
  expect(tree(dir)).toEqual(before);
  return r.err;
}

describe('perceptrons collection link', () => {
  it('records the real IDs batch by batch, rewrites the later batches, and says which are still unlinked', async () => {
    const dir = copy();
    const parent = await link(dir, '00-parent');
    expect(parent.stdout).toContain('still unlinked: 01-art-brains, 02-tokens');
    expect(batchOf(dir, '02-tokens').parents).toEqual([parent.out.inscriptions[0].id]);
    const files = await link(dir, '01-art-brains');
    expect(files.stdout).toContain('still unlinked: 02-tokens');
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    expect(manifest.art.id).toBe(files.out.inscriptions[0].id);
    expect(manifest.testSet.id).toBe(files.out.inscriptions[1].id); // right after the art
    expect(manifest.tokens.map((t: any) => t.brain.id)).toEqual(files.out.inscriptions.slice(2).map((i) => i.id));
    const tokens = batchOf(dir, '02-tokens');
    tokens.entries.forEach((e: any, i) => {
      expect(e.delegate).toBe(manifest.art.id);
      expect(e.metadata.brain).toBe(manifest.tokens[i].brain.id);
      expect(e.metadata.test).toBe(manifest.testSet.id); // the real test set ID, once linked
    });

    // the last token batch linked: the gallery batch and the marketplace file appear
    const t = await link(dir, '02-tokens');
    expect(t.stdout).toContain('still unlinked: 03-gallery');
    const m2 = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    expect(m2.tokens.map((x: any) => x.id)).toEqual(t.out.inscriptions.map((i) => i.id));
    const text = readFileSync(join(dir, 'batches', '03-gallery.yaml'), 'utf8');
    expect(Number(/about ([\d,]+) WU/.exec(text)![1].replace(/,/g, ''))).toBeLessThanOrEqual(BATCH_WEIGHT_LIMIT);
    const gallery = batchOf(dir, '03-gallery');
    expect(gallery.parents).toEqual([]);
    const entry = gallery.entries[0] as any;
    expect(entry.delegate).toBe(parent.out.inscriptions[0].id); // the parent's text is its content
    const attrs = m2.tokens.map((x: any) => tokenAttributes(x.index, x.features, x.brain.heldoutAccuracy));
    expect(entry.gallery).toEqual(m2.tokens.map((x: any, i: number) => ({ id: x.id, ...attrs[i] })));
    const market = JSON.parse(readFileSync(join(dir, 'marketplace.json'), 'utf8'));
    expect(market).toEqual(m2.tokens.map((x: any, i: number) => ({
      id: x.id,
      meta: { name: `Perceptron #${i}`, attributes: attrs[i].traits.map(([trait_type, value]: [string, unknown]) => ({ trait_type, value })) },
    })));
    expect(market[0].meta.attributes.at(-1)).toEqual({ trait_type: 'Held-out Accuracy', value: expect.stringMatching(/^\d+\.\d\d%$/) });

    const g = await link(dir, '03-gallery');
    expect(g.stdout).toContain('every batch is linked');
    // linking the same output again changes nothing
    const before = tree(dir);
    expect((await cli(['link', dir, '--ids', join(dir, 'batches', '03-gallery.json')])).code).toBe(0);
    expect(tree(dir)).toEqual(before);
  }, 120_000);

  it('refuses a dry run: reveal_broadcast false', async () => {
    const dir = copy();
    const out = { ...ordOutput(batchOf(dir, '00-parent'), txid('dry')), reveal_broadcast: false, commit_psbt: 'cHNidP8BAH0CAAAAAQ==', reveal_psbt: 'cHNidP8BAF4CAAAAAQ==' };
    const err = await refused(dir, save(dir, '00-parent', out), /"reveal_broadcast" is false: the output of a --dry-run/);
    expect(err).toMatch(/never reach the chain/);
  });

  it('refuses truncated JSON', async () => {
    const dir = copy();
    const whole = JSON.stringify(ordOutput(batchOf(dir, '00-parent'), txid('cut')), null, 2);
    await refused(dir, save(dir, '00-parent', null, whole.slice(0, whole.length / 2)), /not complete JSON/);
  });

  it('refuses output missing ord\'s fields', async () => {
    const dir = copy();
    const { reveal_broadcast: _, ...rest } = ordOutput(batchOf(dir, '00-parent'), txid('x'));
    await refused(dir, save(dir, '00-parent', rest), /"reveal_broadcast" is missing/);
    await refused(dir, save(dir, '00-parent', { inscriptions: [] }), /"commit" is missing/);
  });

  it('refuses IDs that do not match the batch\'s entries: count, txid, order, location', async () => {
    const dir = copy();
    const b = batchOf(dir, '01-art-brains'), good = ordOutput(b, txid('files'));
    await link(dir, '00-parent');
    await refused(dir, save(dir, '01-art-brains', { ...good, inscriptions: good.inscriptions.slice(1) }), /"inscriptions" lists 4, but 01-art-brains\.yaml has 5/);
    const swapped = [good.inscriptions[1], good.inscriptions[0], ...good.inscriptions.slice(2)];
    await refused(dir, save(dir, '01-art-brains', { ...good, inscriptions: swapped }), /"inscriptions\[0\]\.id" is \w+i1, not \w+i0/);
    const other = good.inscriptions.map((i, k) => (k === 2 ? { ...i, id: `${txid('elsewhere')}i2` } : i));
    await refused(dir, save(dir, '01-art-brains', { ...good, inscriptions: other }), /"inscriptions\[2\]\.id"/);
    const moved = good.inscriptions.map((i, k) => (k === 1 ? { ...i, location: `${good.reveal}:0:0` } : i));
    await refused(dir, save(dir, '01-art-brains', { ...good, inscriptions: moved }), /"inscriptions\[1\]\.location"/);
  });

  it('refuses output whose parents are not the collection\'s parent', async () => {
    const dir = copy();
    await link(dir, '00-parent');
    await link(dir, '01-art-brains');
    const good = ordOutput(batchOf(dir, '02-tokens'), txid('tokens'));
    await refused(dir, save(dir, '02-tokens', { ...good, parents: [`${txid('another parent')}i0`] }), /"parents" is .*another collection's batch/);
    await refused(dir, save(dir, '02-tokens', { ...good, parents: [] }), /"parents"/);
  });

  it('refuses a batch that still names preview IDs (ord could not have inscribed it)', async () => {
    const dir = copy();
    const out = ordOutput(batchOf(dir, '02-tokens'), txid('early'));
    await refused(dir, save(dir, '02-tokens', out), /still names [0-9a-f]{64}i0, a preview ID/);
  });

  it('refuses another collection\'s output, and the same reveal linked as two batches', async () => {
    const dir = copy(), other = copy();
    await link(other, '00-parent');
    await refused(dir, join(other, 'batches', '00-parent.json'), /not in .*batches: .*another collection's/);
    const first = await link(dir, '00-parent');
    const again = ordOutput(batchOf(dir, '01-art-brains'), first.out.reveal);
    await refused(dir, save(dir, '01-art-brains', again), /"reveal" \w+ is already linked as 00-parent/);
    const twice = ordOutput(batchOf(dir, '00-parent'), txid('second time'));
    await refused(dir, save(dir, '00-parent', twice), /00-parent is already linked to reveal/);
  });
});

describe('perceptrons collection status', () => {
  it('says which batch is next and what it waits for; with --ord, which inscriptions are confirmed and at what height', async () => {
    const dir = copy();
    let s = await collectionStatus(dir);
    expect(s.next).toBe('00-parent');
    expect(s.waitsFor).toBe('');
    expect(s.lines.join('\n')).toContain(`(cd ${dir} && ord wallet batch --compress --fee-rate <sat/vB> --batch batches/00-parent.yaml > batches/00-parent.json)`);

    // an ord that has not seen the parent's reveal yet (the preview server knows only the unlinked collection)
    const unseen = await startServer({ port: 0, quiet: true, collectionDir: fresh, html: join(fresh, 'art.html') });
    try {
      await link(dir, '00-parent');
      s = await collectionStatus(dir, unseen.url);
      expect(s.batches[0].confirmations).toEqual([{ id: `${txid(`${dir} 00-parent`)}i0`, height: null }]);
      expect(s.next).toBe('01-art-brains');
      expect(s.waitsFor).toMatch(/^00-parent to be mined and indexed by ord/);
      expect(s.lines[0]).toMatch(/00-parent +linked .*0 of 1 confirmed and indexed/);
    } finally {
      await unseen.close();
    }
    s = await collectionStatus(dir);
    expect(s.next).toBe('01-art-brains');
    expect(s.waitsFor).toMatch(/00-parent to be mined and indexed by your ord \(check with --ord URL\)/);
    await link(dir, '01-art-brains');

    // every batch linked: an ord that indexes them all (the preview server serves the linked IDs at the birth height)
    await link(dir, '02-tokens');
    await link(dir, '03-gallery');
    const seen = await startServer({ port: 0, quiet: true, collectionDir: dir, html: join(dir, 'art.html') });
    try {
      s = await collectionStatus(dir, seen.url);
      expect(s.next).toBeNull();
      const tokens = s.batches.find((b) => b.name === '02-tokens')!;
      expect(tokens.confirmations!.map((c) => c.height)).toEqual([seen.birthHeight, seen.birthHeight, seen.birthHeight]);
      expect(s.lines.join('\n')).toContain(`02-tokens        linked (reveal ${txid(`${dir} 02-tokens`).slice(0, 12)}…), confirmed: all 3 at height ${seen.birthHeight}`);
    } finally {
      await seen.close();
    }
    // the CLI prints the same lines
    const r = await cli(['status', dir]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('every batch is linked');
  }, 120_000);

  it('names an unreachable ord server', async () => {
    const dir = copy();
    await link(dir, '00-parent');
    await expect(collectionStatus(dir, 'http://127.0.0.1:9/')).rejects.toThrow(/127\.0\.0\.1:9\/r\/inscription\/\w+: .*is an ord server running there/);
  });
});
