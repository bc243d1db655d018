// The build command end to end in a scratch repo: writes inscription.html, prints the size report, fails over budget
// without writing, and --check catches a stale committed file.
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runBuild } from '../../tools/build/cli';
import { contentId } from '../../tools/build/ids';
import { ROOT, STANDIN_ENTRY, TEST_BRAIN, tempDir } from './helpers';

const tmp = tempDir('perceptrons-cli-');
const root = tmp.dir;
afterAll(tmp.cleanup);

function setBudgets(budgets: Record<string, number>): void {
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'scratch', budgets }));
}

beforeAll(() => {
  mkdirSync(join(root, 'src/ui'), { recursive: true });
  mkdirSync(join(root, 'fixtures/brains'), { recursive: true });
  copyFileSync(join(ROOT, 'src/page.html'), join(root, 'src/page.html'));
  copyFileSync(join(ROOT, STANDIN_ENTRY), join(root, 'src/ui/main.ts'));
  copyFileSync(join(ROOT, TEST_BRAIN), join(root, 'fixtures/brains/pfp_classifier_0000.json'));
});

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a) => void err.push(a.join(' ')));
  return { out: () => out.join('\n'), err: () => err.join('\n') };
}
afterEach(() => vi.restoreAllMocks());

describe('npm run build', () => {
  it('writes inscription.html with the default brain ID and prints raw/gzip/brotli and fees', async () => {
    setBudgets({ rawBytes: 49152, brotliBytes: 16384, tokenBytes: 600 });
    const io = capture();
    expect(await runBuild([], root)).toBe(0);
    const html = readFileSync(join(root, 'inscription.html'), 'utf8');
    expect(html).toContain(contentId(readFileSync(join(root, 'fixtures/brains/pfp_classifier_0000.json'))));
    expect(io.out()).toMatch(/raw B\s+gzip B\s+brotli B\s+fee raw \(sat @10\)\s+fee brotli \(sat @10\)/);
    expect(io.out()).toMatch(new RegExp(`inscription\\.html\\s+${Buffer.byteLength(html)}\\s+\\d+\\s+\\d+\\s+\\d+\\s+\\d+`));
    expect(io.err()).toBe('');
  });

  it('--check passes on a fresh file and fails, naming the file, once it is stale', async () => {
    const io = capture();
    expect(await runBuild(['--check'], root)).toBe(0);
    writeFileSync(join(root, 'inscription.html'), readFileSync(join(root, 'inscription.html'), 'utf8') + ' ');
    expect(await runBuild(['--check'], root)).toBe(1);
    expect(io.err()).toMatch(/inscription\.html differs from a fresh build/);
  });

  it('fails over the raw or brotli budget and writes nothing', async () => {
    const io = capture();
    setBudgets({ rawBytes: 100, brotliBytes: 16384, tokenBytes: 600 });
    expect(await runBuild(['--out', 'over.html'], root)).toBe(1);
    expect(io.err()).toMatch(/over\.html: \d+ raw bytes > budget 100 \(package\.json budgets\.rawBytes\)/);
    setBudgets({ rawBytes: 49152, brotliBytes: 50, tokenBytes: 600 });
    expect(await runBuild(['--out', 'over.html'], root)).toBe(1);
    expect(io.err()).toMatch(/brotli bytes > budget 50/);
    expect(existsSync(join(root, 'over.html'))).toBe(false);
    setBudgets({ rawBytes: 49152, brotliBytes: 16384, tokenBytes: 600 });
  });

  it('--standalone writes dist/inscription.standalone.html with the brain and is not held to the budgets', async () => {
    capture();
    setBudgets({ rawBytes: 2000, brotliBytes: 1000, tokenBytes: 600 });
    expect(await runBuild(['--standalone'], root)).toBe(0);
    expect(readFileSync(join(root, 'dist/inscription.standalone.html')).length).toBeGreaterThan(100_000);
    setBudgets({ rawBytes: 49152, brotliBytes: 16384, tokenBytes: 600 });
  });

  it('--collection points to perceptrons collection (the loader tokens are gone)', async () => {
    const io = capture();
    expect(await runBuild(['--collection', 'genomes'], root)).toBe(1);
    expect(io.err()).toMatch(/perceptrons collection/);
  });

  it('rejects unknown flags, missing values and bad budgets with a clear message', async () => {
    const io = capture();
    expect(await runBuild(['--bogus'], root)).toBe(1);
    expect(io.err()).toMatch(/unknown option "--bogus"/);
    expect(await runBuild(['--seed'], root)).toBe(1);
    expect(io.err()).toMatch(/--seed needs a value/);
    expect(await runBuild(['--birth-height', '12x'], root)).toBe(1);
    expect(io.err()).toMatch(/--birth-height "12x" must be a non-negative integer/);
    setBudgets({ rawBytes: 49152, brotliBytes: 16384 });
    await expect(runBuild([], root)).rejects.toThrow(/budgets\.tokenBytes must be a positive integer/);
    setBudgets({ rawBytes: 49152, brotliBytes: 16384, tokenBytes: 600 });
  });
});
