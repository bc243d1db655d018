// Measuring brains on the inscribed test set in real Chromium: the PNG decodes to exactly the pixels written, the U panel
// shows a fetched brain's measured figure and claim beside the running brain's without plugging it in, the info panel
// shows the running brain's, window.perceptron.measure agrees with `perceptrons measure` image for image on three
// brains, and bad test sets or incomparable brains get a message while the art keeps running.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeDataInscription, encodeDataInscription, type Model } from '../../src/nn/index';
import { readTestSet } from '../../src/nn/testset';
import { decodeSheet } from '../../src/ui/measure-worker';
import { run as measureCli } from '../../tools/commands/measure';
import { contentId } from '../../tools/build/ids';
import { decodeImage } from '../../tools/image';
import { asciiJson, withHeader } from '../../tools/testset/png';
import { capture } from '../build/helpers';
import { readPerceptron, ROOT, type Framed } from './harness';
import { closePage, openPage, press, type Setup, waitPanel } from './ui-setup';

const TESTSET = join(ROOT, 'fixtures/testset/testset.png');
const png = readFileSync(TESTSET);
const header = readTestSet(png);
/** The default brain on a 16x16x3 input (as the collection's brains take): each first-layer weight of a 2x2 block of
 * pixels summed into one, so that on an image scaled down by block means it sums what the 32x32 brain sums (the
 * Rescaling offset's share too: the same weights, summed). */
function halfInput(m: Model): Model {
  const [first, ...rest] = m.layers, units = first.units, kernel = new Float32Array(16 * 16 * 3 * units);
  for (let y = 0; y < 32; y++) for (let x = 0; x < 32; x++) for (let c = 0; c < 3; c++) for (let u = 0; u < units; u++) {
    kernel[((((y >> 1) * 16 + (x >> 1)) * 3 + c) * units) + u] += first.kernel[((y * 32 + x) * 3 + c) * units + u];
  }
  return { ...m, name: 'pfp_classifier_0000_16', inputShape: [16, 16, 3], layers: [{ ...first, inputs: 16 * 16 * 3, kernel }, ...rest] };
}

const scratch = mkdtempSync(join(tmpdir(), 'perceptrons-measure-'));
const HALF = join(scratch, 'pfp16.json');
writeFileSync(HALF, JSON.stringify(encodeDataInscription(halfInput(decodeDataInscription(readFileSync(join(ROOT, 'fixtures/brains/pfp_classifier_0000.json'), 'utf8'))))));
const BRAINS = ['pfp_classifier_0000.json', 'pfp_classifier_0000_int4.json', 'pfp16.json'];
const brainFile = (name: string) => (name === 'pfp16.json' ? HALF : join(ROOT, 'fixtures/brains', name));
const edited = (change: Record<string, unknown>) => withHeader(png, asciiJson({ format: 'perceptrons-testset/1', ...header, ...change }));
// bad test sets, served as inscriptions beside the good one
const BAD: Record<string, Uint8Array> = {
  'notimage.png': Buffer.from('this is not an image'),
  'short.png': edited({ labels: header.labels.slice(1) }),
  'billion.png': edited({ count: 1e9 }),
  'cut-short.png': png.subarray(0, png.length - 2000),
  // IHDR's bit depth 8 made 7 (no such depth, and its CRC no longer matches): the header reads, the pixels do not
  'broken-pixels.png': Buffer.concat([png.subarray(0, 24), Buffer.from([7]), png.subarray(25)]),
};
const BAD_WHY: Record<string, RegExp> = {
  'notimage.png': /Not a PNG image/,
  'short.png': /labels do not match the images: 299 labels for 300 images/,
  'billion.png': /claims 1,000,000,000 images/,
  'cut-short.png': /The PNG is cut short/,
  'broken-pixels.png': /not an image this browser can decode/,
};

let env: Setup;
let f: Framed;
const id = (name: string) => env.server.brainIds[name];

beforeAll(async () => {
  const extra: Record<string, Uint8Array> = { ...BAD };
  for (const b of BRAINS.slice(1)) extra[b] = readFileSync(brainFile(b));
  ({ env, f } = await openPage([], { stage: 'stable', brain: brainFile(BRAINS[0]), extra }));
}, 60_000);
afterAll(async () => {
  await closePage(env, f);
  rmSync(scratch, { recursive: true, force: true });
});

/** `perceptrons measure --json` on a brain file, in this process. */
const cli = (brain: string): Promise<{ accuracy: number; correct: number; total: number; predicted: number[] }> =>
  measureJson(['--brain', brain, '--testset', TESTSET, '--json']);

/** `perceptrons measure` with these arguments, in this process: its JSON answer (it must exit 0). */
async function measureJson(args: string[]) {
  const io = capture();
  try {
    expect(await measureCli(args)).toBe(0);
  } finally {
    vi.restoreAllMocks();
  }
  return JSON.parse(io.out.join(''));
}

type Answer = { accuracy: number; correct: number; total: number; testSet: string; predicted: number[] };
const measureInPage = (brainId?: string, testSet?: string): Promise<Answer | { error: string }> =>
  f.frame.evaluate(([b, t]) =>
    (window as unknown as { perceptron: { measure(b?: string, t?: string): Promise<Answer> } }).perceptron.measure(b, t)
      .catch((e: Error) => ({ error: e.message })), [brainId, testSet] as const);

const pct = (a: number) => (a * 100).toFixed(1) + '%';

describe('the test set in Chromium', () => {
  it('decodes to exactly the pixels and labels written (createImageBitmap, no colour conversion)', async () => {
    const want = decodeImage(png, 'testset.png');
    // the worker's own decodeSheet (self-contained), on the page's thread of the framed art
    const got = await f.frame.evaluate(async ([src, url]) => {
      const decode = (0, eval)(`(${src})`) as (png: Uint8Array) => Promise<{ rgba: Uint8ClampedArray; width: number; height: number }>;
      const s = await decode(new Uint8Array(await (await fetch(url)).arrayBuffer()));
      let bin = '';
      for (const b of s.rgba) bin += String.fromCharCode(b);
      return { width: s.width, height: s.height, rgba: btoa(bin) };
    }, [decodeSheet.toString(), `/content/${contentId(png)}`] as const);
    expect([got.width, got.height]).toEqual([want.width, want.height]);
    expect(Buffer.from(got.rgba, 'base64').equals(Buffer.from(want.rgba))).toBe(true);
    // the page's labels are the header's: measure() reports them through its predictions' length and its test set ID
    expect(header.count).toBe(300);
    expect(header.labels.length).toBe(300);
  });
});

describe('measuring in the page', () => {
  it('window.perceptron.measure agrees with perceptrons measure image for image on three brains (float32, int4, a 16x16 input)', async () => {
    for (const b of BRAINS) {
      const want = await cli(brainFile(b));
      expect(want.accuracy, b).toBeGreaterThan(0.9); // real brains, the 16x16 one on images scaled down
      const got = await measureInPage(b === BRAINS[0] ? env.ids.default : id(b));
      expect(got, b).toEqual({ accuracy: want.accuracy, correct: want.correct, total: 300, testSet: contentId(png), predicted: want.predicted });
    }
  });

  it('perceptrons measure reads a brain and a test set by ID from an ord server as well', async () => {
    const byFile = await cli(brainFile(BRAINS[1]));
    expect(await measureJson(['--brain', id(BRAINS[1]), '--testset', contentId(png), '--server', env.server.url, '--json'])).toMatchObject({ accuracy: byFile.accuracy, predicted: byFile.predicted, testSet: contentId(png) });
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      expect(await measureCli(['--brain', env.ids.missing, '--testset', contentId(png), '--server', env.server.url])).toBe(1);
      expect(err.mock.calls.flat().join(' ')).toMatch(/HTTP 404 \(no inscription with that ID\)/);
    } finally {
      err.mockRestore();
    }
  });

  it('the U panel shows a fetched brain\'s figure beside the running brain\'s, and does not plug it in', async () => {
    const running = await cli(brainFile(BRAINS[0])), fetched = await cli(brainFile(BRAINS[1]));
    const claim = (b: string) => pct(Number(decodeDataInscription(readFileSync(brainFile(b), 'utf8')).trainingTraits.heldout_accuracy));
    const line = (who: string, m: { accuracy: number }, b: string) =>
      `${who}: pfp_classifier_0000 — measured here: ${pct(m.accuracy)} of 300 held-out images (test set ${contentId(png).slice(0, 8)}…) — its own claim: ${claim(b)}`;
    await press(f, 'Escape', 'u');
    await waitPanel(f.frame, 'upgrade', new RegExp(line('running', running, BRAINS[0]).replace(/[.()?*+]/g, '\\$&')));
    await f.frame.locator('input[name=id]').fill(id(BRAINS[1]));
    await f.frame.getByRole('button', { name: 'measure' }).click();
    const text = await waitPanel(f.frame, 'upgrade', /fetched: .* its own claim/);
    expect(text).toContain(line('running', running, BRAINS[0]));
    expect(text).toContain(line('fetched', fetched, BRAINS[1]));
    expect((await readPerceptron(f))!.brain.id).toBe(env.ids.default); // measured, not plugged in
    await press(f, 'Escape');
  });

  it('the info panel shows the running brain\'s measured accuracy', async () => {
    const running = await cli(brainFile(BRAINS[0]));
    await press(f, 'i');
    const text = await waitPanel(f.frame, 'info', /measured here/);
    expect(text).toMatch(new RegExp(`measured here\\s+${pct(running.accuracy).replace('.', '\\.')} of 300 held-out images \\(test set ${contentId(png).slice(0, 8)}…\\)`));
    await press(f, 'Escape');
  });

  it('a brain whose classes are not the test set\'s is not comparable, in measure() and in the U panel', async () => {
    const got = await measureInPage(env.ids.other);
    expect(got).toEqual({ error: expect.stringMatching(/^Not comparable: this brain has \d+ classes, the test set 4 \(Bottts, Nouns, Pixel Art, Thumbs\)\.$/) });
    await press(f, 'Escape', 'u');
    await waitPanel(f.frame, 'upgrade');
    await f.frame.locator('input[name=id]').fill(env.ids.other);
    await f.frame.getByRole('button', { name: 'measure' }).click();
    expect(await waitPanel(f.frame, 'upgrade', /fetched: .* its own claim/)).toMatch(/measured here: Not comparable: this brain has/);
    await press(f, 'Escape');
  });

  it('a test set that 404s, is not an image, has labels not matching its images, claims 10^9 images or does not decode: a message, and the art keeps running', async () => {
    const before = (await readPerceptron(f))!;
    expect(await measureInPage(undefined, env.ids.missing)).toEqual({ error: expect.stringMatching(/no inscription with that ID \(404\)/) });
    for (const name of Object.keys(BAD)) expect(await measureInPage(undefined, id(name)), name).toEqual({ error: expect.stringMatching(BAD_WHY[name]) });
    // and the good one still measures: nothing was lost
    expect(await measureInPage()).toMatchObject({ total: 300, testSet: contentId(png) });
    const after = (await readPerceptron(f))!;
    expect(after.brain).toEqual(before.brain);
    expect(after.ready).toBe(true);
    expect((await f.problems()).filter((p) => !/404|Failed to load resource/.test(p))).toEqual([]);
  });
});
