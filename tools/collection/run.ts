// `perceptrons collection`: genomes → one trained brain per token (a worker pool; resumable) → the art → manifest.json,
// the ord batch files and the report. Every output is a pure function of the options (never of --workers, timing or
// interruptions), so a resumed run writes the same bytes as an uninterrupted one.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { decodeDataInscription, parameterCount, type WeightDtype } from '../../src/nn/index';
import { readTestSet } from '../../src/nn/testset';
import { generateGenome } from '../../src/art/traits';
import { tokenSeed } from './token-seed';
import { repoRoot } from '../build/inscription';
import { contentId } from '../build/ids';
import { brotli } from '../build/sizes';
import { createProgress, progressBar } from '../train/progress';
import { pfpCacheDir } from '../train/data';
import { planBatches, planGalleries, batchYaml, type Batch, type DelegateEntry } from './batches';
import { encodeProperties, tokenAttributes } from './properties';
import { marketplaceFile } from './marketplace';
import type { GenomeDoc } from './config';
import type { Manifest } from './manifest';
import { CollectionError, removeLeftovers, writeAtomic } from './files';
import { trainAll } from './pool';
import { downsampleFactor } from '../dataset/downsample';
import { writeReport } from './report';
import { ensureTestSet, measureAll } from '../testset/collection';
import { TESTSET_FILE } from '../testset/defaults';
import { tokenMetadata, tokenPreviewId, envelopeBytes } from './token';
import type { TokenBrain, TokenJob } from './train-token';

export interface CollectionOptions {
  count: number;
  seed: string;
  out: string;
  workers: number;
  dtype: WeightDtype;
  /** training / held-out images per class (default: the whole cached PFP dataset, 6000 / 1000) */
  perClass: number;
  testPerClass: number;
  /** the brains' input side: the dataset's 32x32 images scaled down to input x input (16: a quarter of the first layer) */
  input: number;
  /** the art page to inscribe (default: the repository's inscription.html) */
  art?: string;
  /** override every genome's epochs (tests and quick looks) */
  epochs?: number;
  /** the PFP dataset directory (default data/pfp-seed0-6000x1000, as perceptrons dataset writes it) */
  dataDir: string;
  log: (s: string) => void;
}

/** The brains' input side by default: 16x16x3, a quarter of the 32x32x3 first layer (docs/collection.md's levers). */
export const COLLECTION_INPUT = 16;

export const FEE_RATE = 10; // sat/vB: the rate the report (and the README) quote fees at
/** What a commit transaction costs in vbytes (one key-path input, the reveal output and change). */
export const COMMIT_VBYTES = 154;

/** The options that decide the bytes: a resumed run must use the same. */
const fingerprint = (o: CollectionOptions) => ({ seed: o.seed, dtype: o.dtype, perClass: o.perClass, testPerClass: o.testPerClass, input: o.input, epochs: o.epochs ?? null });

export interface RunResult {
  trained: number;
  kept: number;
  wallSeconds: number;
  cpuSeconds: number;
  workerSeconds: number;
  /** the workers' seconds by phase (TokenBrain.phases), and the restarts taken */
  phases: { train: number; int4: number; measure: number };
  restarts: number;
}

export async function runCollection(o: CollectionOptions): Promise<RunResult> {
  const out = resolve(o.out), started = Date.now(), cpu0 = process.cpuUsage();
  const dataDir = resolve(o.dataDir);
  if (!existsSync(join(dataDir, 'manifest.json'))) {
    // the default dataset is rendered here; another directory's seed and sizes are its maker's to say
    if (dataDir !== resolve(pfpCacheDir({}))) throw new CollectionError(`no PFP dataset at ${dataDir}: make it with \`npx perceptrons dataset --out ${o.dataDir}\` (add the --seed and sizes it should have)`);
    o.log(`no PFP dataset in ${o.dataDir} yet: rendering it first (about 90 s on 2 cores; \`npx perceptrons dataset\` makes the same)`);
    const { makePfpDataset } = await import('../dataset/make'); // the renderers take a second to load: only when needed
    await makePfpDataset(dataDir, { seed: '0', trainPerClass: 6000, testPerClass: 1000, workers: Math.min(16, o.workers) });
  }
  const side = (JSON.parse(readFileSync(join(dataDir, 'manifest.json'), 'utf8')) as { inputShape: number[] }).inputShape[0];
  try {
    downsampleFactor(side, o.input);
  } catch (e) {
    throw new CollectionError(`--input ${o.input}: ${(e as Error).message}`);
  }

  // the options this directory was made with
  const stateFile = join(out, 'collection.json');
  const want = JSON.stringify(fingerprint(o));
  if (existsSync(stateFile)) {
    const had = readFileSync(stateFile, 'utf8').trim();
    if (had !== want) throw new CollectionError(`${out} holds a collection made with ${had}; this run asks for ${want}. Use the same options to resume, or another --out.`);
  }
  writeAtomic(stateFile, want + '\n');
  await ensureTestSet(out, dataDir); // beside the art, written once: none of its images is one the brains train on
  for (const d of ['', 'genomes', 'brains', 'batches']) removeLeftovers(join(out, d));

  // genomes, as `perceptrons generate` makes them
  const genomes: GenomeDoc[] = [];
  for (let i = 0; i < o.count; i++) {
    const g = generateGenome(tokenSeed(o.seed, i));
    const doc: GenomeDoc = { seed: g.seed, features: g.features, hidden: g.hidden };
    genomes.push(doc);
    const text = JSON.stringify(doc) + '\n', path = join(out, 'genomes', `${i}.json`);
    if (!existsSync(path) || readFileSync(path, 'utf8') !== text) writeAtomic(path, text);
  }

  // brains: keep the finished ones (a brain file is only ever there whole: written by rename), train the rest
  const brainPath = (i: number) => join(out, 'brains', `${i}.json`);
  const finished = (i: number): boolean => {
    if (!existsSync(brainPath(i))) return false;
    try {
      decodeDataInscription(readFileSync(brainPath(i), 'utf8'));
      return true;
    } catch {
      return false; // unreadable (a disk error): trained again
    }
  };
  const jobs: TokenJob[] = genomes.map((genome, index) => ({ index, genome, dtype: o.dtype, epochs: o.epochs })).filter((j) => !finished(j.index));
  const kept = o.count - jobs.length;
  if (kept) o.log(`${kept} of ${o.count} brains already trained in ${join(out, 'brains')}: kept`);
  const bar = createProgress();
  let done = 0, workerSeconds = 0, restarts = 0;
  const phases = { train: 0, int4: 0, measure: 0 };
  const trainStart = Date.now();
  await trainAll(jobs, { workers: o.workers, dataDir, perClass: o.perClass, testPerClass: o.testPerClass, input: o.input }, (b: TokenBrain) => {
    writeAtomic(brainPath(b.index), b.text);
    done++;
    workerSeconds += b.seconds;
    restarts += b.runs - 1;
    for (const k of ['train', 'int4', 'measure'] as const) phases[k] += b.phases[k];
    const elapsed = (Date.now() - trainStart) / 1000, eta = (elapsed / done) * (jobs.length - done);
    const line = progressBar(`brains ${kept + done}/${o.count}`, (kept + done) / o.count,
      `ETA ${formatDuration(eta)} · #${b.index} ${(b.heldoutAccuracy * 100).toFixed(2)}% held-out (${b.seconds.toFixed(1)} s)`);
    if (done === jobs.length) bar.done(line);
    else bar.update(line);
  });

  // the art, the manifest, the batches, the report
  await writeOutputs(out, { count: o.count, seed: o.seed, art: o.art }, genomes);
  const used = process.cpuUsage(cpu0);
  return { trained: jobs.length, kept, wallSeconds: (Date.now() - started) / 1000, cpuSeconds: (used.user + used.system) / 1e6, workerSeconds, phases, restarts };
}

export function formatDuration(s: number): string {
  if (!Number.isFinite(s)) return '?';
  const m = Math.floor(s / 60);
  return m ? `${m} min ${Math.round(s % 60)} s` : `${Math.round(s)} s`;
}

const sized = (bytes: Buffer) => ({ bytes: bytes.length, brotliBytes: Math.min(bytes.length, brotli(bytes).length) });

/** The collection's art is the page itself (a token's metadata gives it its seed and brain): by default the
 * repository's built inscription.html. */
export const DEFAULT_ART = () => join(repoRoot(), 'inscription.html');

export function parentText(o: { count: number; seed: string }): string {
  return `Perceptrons: ${o.count} living neural networks, each trained from its own genome.\nCollection seed "${o.seed}".\n`;
}

/** Real inscription IDs recorded by `perceptrons collection link` (preview ID → real ID), applied to every output. */
export const idsFile = (out: string) => join(out, 'ids.json');
export function readIdMap(out: string): Record<string, string> {
  return existsSync(idsFile(out)) ? (JSON.parse(readFileSync(idsFile(out), 'utf8')) as Record<string, string>) : {};
}

/** Batch fees at a rate: each batch is a commit and a reveal transaction. */
export const batchFees = (batches: Batch[], rate = FEE_RATE): number =>
  batches.reduce((sat, b) => sat + Math.ceil((Math.ceil(b.weight / 4) + COMMIT_VBYTES) * rate), 0);

/** art.html, manifest.json, batches/, report.md from the genomes and the trained brains (+ linked IDs). */
export async function writeOutputs(out: string, c: { count: number; seed: string; art?: string }, genomes: GenomeDoc[]): Promise<{ manifest: Manifest; batches: Batch[] }> {
  const ids = readIdMap(out), real = (id: string) => ids[id] ?? id;
  const artPath = join(out, 'art.html');
  // built once: after it is inscribed, its bytes (and so its ID) must never change with the repository
  if (!existsSync(artPath)) {
    const from = c.art ?? DEFAULT_ART();
    if (!existsSync(from)) throw new CollectionError(`no art at ${from}: run \`npm run build\` first`);
    writeAtomic(artPath, readFileSync(from));
  }
  const art = readFileSync(artPath);
  const parent = Buffer.from(parentText(c));
  const parentPath = join(out, 'parent.txt');
  if (!existsSync(parentPath) || !readFileSync(parentPath).equals(parent)) writeAtomic(parentPath, parent);
  const parentId = real(contentId(parent)), artId = real(contentId(art));
  // the test set (ensureTestSet wrote it; a directory made before there was one has none): named in every token's
  // metadata, and each brain measured on it for the report
  const testSetPath = join(out, TESTSET_FILE);
  const testSet = existsSync(testSetPath) ? readFileSync(testSetPath) : null;
  const testSetId = testSet && real(contentId(testSet));
  // every brain read and decoded once, for its token and for the measurement
  const brains = genomes.map((_, index) => {
    const file = `brains/${index}.json`, raw = readFileSync(join(out, file));
    return { file, raw, model: decodeDataInscription(raw.toString('utf8')) };
  });
  const measured = testSet ? measureAll(testSet, brains.map((b) => b.model)) : [];

  const tokens: Manifest['tokens'] = [];
  const tokenEntries: DelegateEntry[] = [];
  let tokenBytes = 0, propertiesBytes = 0;
  const brainFiles: { file: string; bytes: number }[] = [];
  const linkedTokens: string[] = [];
  genomes.forEach((g, index) => {
    const { file, raw, model } = brains[index];
    const heldout = Number(model.trainingTraits.heldout_accuracy);
    const brainId = real(contentId(raw));
    const metadata = tokenMetadata(index, g.seed, brainId, heldout, testSetId);
    const envelope = { parent: parentId, delegate: artId, metadata };
    const attributes = tokenAttributes(index, g.features, heldout);
    const properties = encodeProperties(attributes)!;
    tokenBytes += envelopeBytes(envelope).length + properties.bytes.length;
    propertiesBytes += properties.bytes.length;
    tokenEntries.push({ delegate: artId, ...attributes, metadata });
    const size = sized(raw);
    brainFiles.push({ file, bytes: size.brotliBytes });
    const preview = tokenPreviewId(envelope);
    if (ids[preview]) linkedTokens.push(ids[preview]);
    tokens.push({
      index, id: real(preview), seed: g.seed, features: g.features, hidden: g.hidden,
      activation: generateGenome(g.seed).activation,
      brain: { file, id: brainId, ...size, parameters: parameterCount(model), heldoutAccuracy: heldout,
        testSetAccuracy: measured[index] ?? null },
      properties: { bytes: properties.bytes.length, encoding: properties.encoding },
    });
  });
  const artSize = sized(art), testSetSize = testSet ? sized(testSet) : { bytes: 0, brotliBytes: 0 };
  const plan = {
    parent: { file: 'parent.txt', bytes: parent.length }, parentId,
    art: { file: 'art.html', bytes: artSize.brotliBytes },
    testSet: testSet && { file: TESTSET_FILE, bytes: testSetSize.brotliBytes },
    brains: brainFiles, tokens: tokenEntries,
  };
  const batches = planBatches(plan);
  const withProperties = batchFees(batches);
  // the same collection without properties: what they add to the fees
  const bare = planBatches({ ...plan, tokens: tokenEntries.map(({ delegate, metadata }) => ({ delegate, metadata })) });
  // once every token is inscribed and linked: the galleries that list them, and the marketplace file
  const allLinked = linkedTokens.length === tokens.length;
  if (allLinked) {
    const items = tokens.map((t) => ({ id: t.id, ...tokenAttributes(t.index, t.features, t.brain.heldoutAccuracy) }));
    batches.push(...planGalleries(items, parentId, batches.length, `Perceptrons: ${c.count} living neural networks`));
    writeAtomic(join(out, 'marketplace.json'), marketplaceFile(items));
  }
  const manifest: Manifest = {
    art: { file: 'art.html', id: artId, ...artSize },
    ...(testSet && testSetId ? { testSet: { file: TESTSET_FILE, id: testSetId, ...testSetSize, count: readTestSet(testSet).count } } : {}),
    tokens,
    totals: {
      bytes: artSize.bytes + testSetSize.bytes + tokens.reduce((n, t) => n + t.brain.bytes, 0) + tokenBytes,
      brotliBytes: artSize.brotliBytes + testSetSize.brotliBytes + tokens.reduce((n, t) => n + t.brain.brotliBytes, 0) + tokenBytes,
      feeSat: batchFees(batches),
      propertiesBytes,
      propertiesFeeSat: withProperties - batchFees(bare),
    },
  };
  writeAtomic(join(out, 'manifest.json'), JSON.stringify(manifest, null, 1) + '\n');
  const dir = join(out, 'batches');
  const names = new Set(batches.map((b) => `${b.name}.yaml`));
  for (const f of existsSync(dir) ? readdirSync(dir) : []) if (f.endsWith('.yaml') && !names.has(f)) rmSync(join(dir, f));
  for (const b of batches) writeAtomic(join(dir, `${b.name}.yaml`), batchYaml(b, batches.length));
  writeReport(out, { manifest, batches, tokenBytes, parentBytes: parent.length });
  return { manifest, batches };
}
