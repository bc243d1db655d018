// perceptrons collection end to end on a tiny dataset: the files it writes, the same bytes whatever --workers, and a run
// killed mid-brain (kill -9) that resumes to the same bytes as an uninterrupted one.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeDataInscription } from '../../src/nn/index';
import { generateGenome } from '../../src/art/traits';
import { tokenSeed } from '../../tools/collection/token-seed';
import { BATCH_WEIGHT_LIMIT, parseBatchYaml } from '../../tools/collection/batches';
import { decodeCborHex } from '../../src/chain/cbor';
import { encodeCborHex } from '../../tools/collection/cbor';
import { contentId } from '../../tools/build/ids';
import { tempDir } from '../build/helpers';
import { tinyCollection, tinyDataset, tree } from './helpers';
import { encodeProperties, tokenAttributes } from '../../tools/collection/properties';
import { repoRoot } from '../../tools/build/inscription';
import { brotli } from '../../tools/build/sizes';
import { measureAll } from '../../tools/testset/collection';

const tmp = tempDir('perceptrons-collection-');
let data: string;
const one = join(tmp.dir, 'one'), two = join(tmp.dir, 'two'), killed = join(tmp.dir, 'killed');


// the art as it is now: the runs below must not see a rebuild of the repository's page in between
const art = join(tmp.dir, 'art.html');

beforeAll(async () => {
  data = await tinyDataset(tmp.dir);
  copyFileSync(join(repoRoot(), 'inscription.html'), art);
  await tinyCollection(data, one, { workers: 1, art });
}, 120_000);
afterAll(() => tmp.cleanup());

describe('perceptrons collection', () => {
  it('trains each token the network of its own genome and writes the manifest', () => {
    const manifest = JSON.parse(readFileSync(join(one, 'manifest.json'), 'utf8'));
    expect(Object.keys(manifest)).toEqual(['art', 'testSet', 'tokens', 'totals']);
    // the test set beside the art: what perceptrons testset writes from the same dataset, named by its content ID
    const png = readFileSync(join(one, 'testset.png'));
    expect(manifest.testSet).toEqual({ file: 'testset.png', id: contentId(png), bytes: png.length, brotliBytes: Math.min(png.length, brotli(png).length), count: 300 });
    const measured = measureAll(png, manifest.tokens.map((t: any) => decodeDataInscription(readFileSync(join(one, t.brain.file), 'utf8'))));
    expect(Object.keys(manifest.art)).toEqual(['file', 'id', 'bytes', 'brotliBytes']);
    expect(manifest.art.id).toBe(contentId(readFileSync(join(one, 'art.html'))));
    expect(manifest.tokens).toHaveLength(3);
    manifest.tokens.forEach((t: any, i: number) => {
      expect(Object.keys(t)).toEqual(['index', 'id', 'seed', 'features', 'hidden', 'activation', 'brain', 'properties']);
      const props = encodeProperties(tokenAttributes(i, t.features, t.brain.heldoutAccuracy))!;
      expect(t.properties).toEqual({ bytes: props.bytes.length, encoding: props.encoding });
      expect(Object.keys(t.brain)).toEqual(['file', 'id', 'bytes', 'brotliBytes', 'parameters', 'heldoutAccuracy', 'testSetAccuracy']);
      expect(t.brain.testSetAccuracy).toBe(measured[i]);
      expect(t.brain.testSetAccuracy).toBeGreaterThan(0.25); // trained for one epoch on a tiny set: better than chance
      const g = generateGenome(tokenSeed('tiny', i));
      expect([t.seed, t.hidden, t.activation]).toEqual([g.seed, g.hidden, g.activation]);
      const raw = readFileSync(join(one, t.brain.file));
      const brain = decodeDataInscription(raw.toString('utf8'));
      expect(brain.layers.slice(0, -1).map((l) => l.units)).toEqual(g.hidden);
      expect(brain.layers[0].activation).toBe(g.activation);
      expect(brain.classes).toEqual(['Bottts', 'Nouns', 'Pixel Art', 'Thumbs']);
      // the collection's input: the dataset's 32x32 images scaled to 16x16, a quarter of the first layer
      expect(brain.inputShape).toEqual([16, 16, 3]);
      expect(brain.layers[0].inputs).toBe(16 * 16 * 3);
      expect(brain.trainingTraits.heldout_accuracy).toBe(t.brain.heldoutAccuracy);
      // int4, the collection's default: trained through the rounding, measured as inscribed
      expect(JSON.parse(raw.toString('utf8')).weight_dtype).toBe('int4');
      expect((brain.trainingTraits.quantization as { trained_on_grid: { epochs: number } }).trained_on_grid.epochs).toBe(1);
      expect(Object.keys(brain.trainingTraits.alive_accuracy as object)).toEqual(['10%', '25%', '50%', '75%', '100%']);
      expect(t.brain.id).toBe(contentId(raw));
      expect(t.brain.bytes).toBe(raw.length);
    });
    expect(manifest.totals.bytes).toBeGreaterThan(manifest.art.bytes + manifest.testSet.bytes + manifest.tokens.reduce((n: number, t: any) => n + t.brain.bytes, 0));
    // the report lists each token's figure on the test set beside its held-out accuracy
    const report = readFileSync(join(one, 'report.md'), 'utf8');
    expect(report).toContain('## Measured on the inscribed test set');
    manifest.tokens.forEach((t: any) => expect(report).toContain(`| ${t.index} | ${(t.brain.heldoutAccuracy * 100).toFixed(2)}% | ${(t.brain.testSetAccuracy * 100).toFixed(2)}% |`));
    expect(manifest.totals.feeSat).toBeGreaterThan(manifest.totals.brotliBytes * 10 / 4);
    // what the properties add: their bytes, and at 10 sat/vB at least a quarter of a sat a byte (witness discount)
    expect(manifest.totals.propertiesBytes).toBe(manifest.tokens.reduce((n: number, t: any) => n + t.properties.bytes, 0));
    expect(manifest.totals.propertiesFeeSat).toBeGreaterThanOrEqual(Math.floor((manifest.totals.propertiesBytes * 10) / 4));
    expect(manifest.totals.propertiesFeeSat).toBeLessThan(manifest.totals.propertiesBytes * 10);
  });

  it('writes the batches in dependency order, each under the weight limit, tokens naming the art and their brains', () => {
    const dir = join(one, 'batches'), files = readdirSync(dir).sort();
    expect(files).toEqual(['00-parent.yaml', '01-art-brains.yaml', '02-tokens.yaml']);
    const manifest = JSON.parse(readFileSync(join(one, 'manifest.json'), 'utf8'));
    const [parent, files1, tokens] = files.map((f) => parseBatchYaml(readFileSync(join(dir, f), 'utf8'), f));
    expect(parent.entries).toEqual([{ file: 'parent.txt' }]);
    expect(files1.entries).toEqual([{ file: 'art.html' }, { file: 'testset.png' }, ...[0, 1, 2].map((i) => ({ file: `brains/${i}.json` }))]);
    expect(tokens.parents).toEqual([contentId(readFileSync(join(one, 'parent.txt')))]);
    tokens.entries.forEach((e: any, i) => {
      expect(e.delegate).toBe(manifest.art.id);
      expect(e.metadata).toEqual({ name: `Perceptron #${i}`, seed: manifest.tokens[i].seed, brain: manifest.tokens[i].brain.id,
        accuracy: Math.round(manifest.tokens[i].brain.heldoutAccuracy * 10000) / 100, test: manifest.testSet.id });
      expect(decodeCborHex(encodeCborHex(e.metadata))).toEqual(e.metadata);
      // ord properties: the title, every genome feature and the held-out accuracy
      expect(e.title).toBe(`Perceptron #${i}`);
      expect(e.traits).toEqual([...Object.entries(manifest.tokens[i].features), ['Held-out Accuracy', `${(manifest.tokens[i].brain.heldoutAccuracy * 100).toFixed(2)}%`]]);
    });
    for (const f of files) expect(Number(/about ([\d,]+) WU/.exec(readFileSync(join(dir, f), 'utf8'))![1].replace(/,/g, ''))).toBeLessThan(BATCH_WEIGHT_LIMIT);
  });

  it('names every file: as ord reads it, from the collection directory, with the bytes the manifest lists', () => {
    const manifest = JSON.parse(readFileSync(join(one, 'manifest.json'), 'utf8'));
    const want: Record<string, { id: string; bytes?: number }> = {
      // the parent's ID is the one the token batches name as their parent
      'parent.txt': { id: parseBatchYaml(readFileSync(join(one, 'batches', '02-tokens.yaml'), 'utf8'), '02-tokens').parents[0] },
      'art.html': { id: manifest.art.id, bytes: manifest.art.bytes },
      'testset.png': { id: manifest.testSet.id, bytes: manifest.testSet.bytes },
      ...Object.fromEntries(manifest.tokens.map((t: any) => [t.brain.file, { id: t.brain.id, bytes: t.brain.bytes }])),
    };
    const seen: string[] = [];
    for (const f of readdirSync(join(one, 'batches')).filter((x) => x.endsWith('.yaml'))) {
      const text = readFileSync(join(one, 'batches', f), 'utf8');
      expect(text).toContain(`# cd DIR && ord wallet batch --compress --fee-rate <sat/vB> --batch batches/${f} > batches/${f.replace('.yaml', '.json')}`);
      for (const e of parseBatchYaml(text, f).entries) {
        if (!('file' in e)) continue;
        seen.push(e.file);
        const bytes = readFileSync(join(one, e.file)); // fs::read(path) against the directory ord runs in: DIR
        expect(contentId(bytes), e.file).toBe(want[e.file].id);
        if (want[e.file].bytes !== undefined) expect(bytes.length, e.file).toBe(want[e.file].bytes);
        expect(existsSync(join(one, 'batches', e.file)), `${e.file} must not resolve from batches/`).toBe(false);
      }
    }
    expect(seen.sort()).toEqual(Object.keys(want).sort());
  });

  it('writes the same bytes with --workers 2', async () => {
    await tinyCollection(data, two, { workers: 2, art });
    expect(tree(two)).toEqual(tree(one));
  }, 120_000);

  it('refuses an input the dataset does not scale down to by a whole factor, before training anything', async () => {
    const dir = join(tmp.dir, 'input-12');
    await expect(tinyCollection(data, dir, { input: 12, art })).rejects.toThrow(
      "--input 12: the dataset's 32x32 images scale down only by a whole factor: to 1, 2, 4, 8, 16, 32, not 12");
    expect(existsSync(join(dir, 'brains'))).toBe(false);
  });

  it('resumes a run killed with kill -9 mid-brain to the same bytes, retraining a damaged brain', async () => {
    // 60 epochs: long brains, so the kill most likely lands while one trains; wherever it lands, what it leaves is made
    // into the state of a kill before the last brain (below), so the test does not depend on the machine's speed
    const reference = join(tmp.dir, 'reference');
    await tinyCollection(data, reference, { workers: 2, epochs: 60, art });
    const cli = (epochs: number) => spawn('npx', ['tsx', 'tools/cli.ts', 'collection', '--count', '3', '--seed', 'tiny', '--out', killed,
      '--workers', '1', '--epochs', String(epochs), '--data', data, '--art', art], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    const exit = (p: ReturnType<typeof cli>) => new Promise<{ code: number | null; err: string }>((done) => {
      let err = '';
      p.stderr!.on('data', (d) => (err += d));
      p.on('exit', (code) => done({ code, err }));
    });
    const brains = join(killed, 'brains');
    const first = cli(60);
    await expect.poll(() => existsSync(join(brains, '0.json')), { timeout: 90_000, interval: 20 }).toBe(true);
    process.kill(-first.pid!, 'SIGKILL');
    await exit(first);
    for (const f of [join(brains, '2.json'), join(killed, 'manifest.json')]) rmSync(f, { force: true }); // killed before the last brain
    // other options than the interrupted run's: refused, nothing lost
    const other = await exit(cli(1));
    expect(other.code).toBe(2);
    expect(other.err).toMatch(/holds a collection made with .*"epochs":60/);
    // what a crash can leave: a temporary file, and (a disk error) a damaged brain
    writeFileSync(join(brains, '.tmp-99999-2.json'), '{"half":');
    writeFileSync(join(brains, '1.json'), '{"half":');
    const resumed = await exit(cli(60));
    expect(resumed.code, resumed.err).toBe(0);
    expect(tree(killed)).toEqual(tree(reference));
  }, 240_000);
});
