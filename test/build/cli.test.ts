// The build command end to end in a scratch repo: writes inscription.html, prints the size report, fails over budget
// without writing, and --check catches a stale committed file.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { choiceOption, defineCommand, intOption, numberOption, parseCommand, usage, type CommandSpec } from '../../tools/args';
import { run as runBuild } from '../../tools/commands/build';
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
    setBudgets({ rawBytes: 49152, brotliBytes: 16384 });
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
    setBudgets({ rawBytes: 100, brotliBytes: 16384 });
    expect(await runBuild(['--out', 'over.html'], root)).toBe(1);
    expect(io.err()).toMatch(/over\.html: \d+ raw bytes > budget 100 \(package\.json budgets\.rawBytes\)/);
    setBudgets({ rawBytes: 49152, brotliBytes: 50 });
    expect(await runBuild(['--out', 'over.html'], root)).toBe(1);
    expect(io.err()).toMatch(/brotli bytes > budget 50/);
    expect(existsSync(join(root, 'over.html'))).toBe(false);
    setBudgets({ rawBytes: 49152, brotliBytes: 16384 });
  });

  it('--standalone writes dist/inscription.standalone.html with the brain and is not held to the budgets', async () => {
    capture();
    setBudgets({ rawBytes: 2000, brotliBytes: 1000 });
    expect(await runBuild(['--standalone'], root)).toBe(0);
    expect(readFileSync(join(root, 'dist/inscription.standalone.html')).length).toBeGreaterThan(100_000);
    setBudgets({ rawBytes: 49152, brotliBytes: 16384 });
  });

  it('has no --collection any more (a collection is `perceptrons collection`: tokens delegate to the art)', async () => {
    const io = capture();
    expect(await runBuild(['--collection', 'genomes'], root)).toBe(2);
    expect(io.err()).toMatch(/--collection/);
  });

  it('rejects unknown flags, missing values and bad budgets with a clear message', async () => {
    const io = capture();
    expect(await runBuild(['--bogus'], root)).toBe(2);
    expect(io.err()).toMatch(/unknown option "--bogus"/);
    expect(await runBuild(['--seed'], root)).toBe(2);
    expect(io.err()).toMatch(/--seed needs a value/);
    expect(await runBuild(['--birth-height', '12x'], root)).toBe(2);
    expect(io.err()).toMatch(/--birth-height must be an integer of at least 0, got "12x"/);
    setBudgets({ rawBytes: 49152 });
    await expect(runBuild([], root)).rejects.toThrow(/budgets\.brotliBytes must be a positive integer/);
    setBudgets({ rawBytes: 49152, brotliBytes: 16384 });
  });
});

// Every file in tools/commands/ is a command: each answers --help from its options table (exit 0) and refuses a bad
// flag with one line naming it (exit 2), so a command added later is covered without touching this test.
describe('every perceptrons command', () => {
  const names = readdirSync(join(ROOT, 'tools/commands')).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3));

  it.each(names)('%s --help prints its usage from its table and exits 0; a bad flag exits 2 naming it', async (name) => {
    const mod = (await import(`../../tools/commands/${name}.ts`)) as { command: CommandSpec; run: (args: string[]) => Promise<number> };
    expect(mod.command.name).toBe(name);
    const io = capture();
    expect(await mod.run(['--help'])).toBe(0);
    expect(io.out()).toMatch(new RegExp(`^usage: perceptrons ${name} `));
    for (const [option, spec] of Object.entries(mod.command.options)) {
      expect(io.out()).toContain(`--${option}${spec.type === 'string' ? ' ' : ''}`);
    }
    expect(io.out()).toContain(usage(mod.command));
    expect(await mod.run(['-h'])).toBe(0);
    expect(await mod.run(['--no-such-flag'])).toBe(2);
    expect(io.err()).toContain(`perceptrons ${name}: unknown option "--no-such-flag"\nusage: perceptrons ${name} ${mod.command.synopsis}`);
  });

  it('the dispatcher lists every command with its summary and passes exit codes through', () => {
    const cli = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'tools/perceptrons.js'), ...args], { encoding: 'utf8', cwd: ROOT });
    const help = cli('--help');
    expect(help.status).toBe(0);
    for (const name of names) expect(help.stdout).toMatch(new RegExp(`^  ${name} +\\S`, 'm'));
    expect(help.stdout).not.toContain('(not available)');
    const bad = cli('pack', '--out');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^perceptrons pack: --out needs a value/);
  });
});

describe('option values', () => {
  const spec = defineCommand({
    name: 'x', summary: 's', synopsis: '[options]',
    options: {
      n: { type: 'string', arg: 'N', help: 'a count', default: '3' },
      dir: { type: 'string', arg: 'DIR', bare: 'dist', help: 'a directory' },
      on: { type: 'boolean', short: 'o', help: 'a switch' },
    },
  });
  it('fills defaults and bare values, and refuses stray words, missing values and bad numbers by name', () => {
    expect(parseCommand(spec, [])).toEqual({ values: { n: '3' }, positionals: [] });
    expect(parseCommand(spec, ['--dir', '-o'])).toEqual({ values: { n: '3', dir: 'dist', on: true }, positionals: [] });
    expect(parseCommand(spec, ['--dir=out', '--n', '5'])).toEqual({ values: { n: '5', dir: 'out' }, positionals: [] });
    expect(() => parseCommand(spec, ['word'])).toThrow(/unexpected argument "word"/);
    expect(() => parseCommand(spec, ['--n'])).toThrow(/--n needs a value/);
    expect(() => parseCommand(spec, ['--on=yes'])).toThrow(/--on takes no value/);
    expect(() => intOption('2.5', 'n')).toThrow(/--n must be an integer of at least 1, got "2.5"/);
    expect(() => intOption('17', 'n', 1, 16)).toThrow(/--n must be an integer from 1 to 16, got "17"/);
    expect(() => numberOption('0', 'lr')).toThrow(/--lr must be a number above 0/);
    expect(() => choiceOption('int3', 'dtype', ['float32', 'int8'])).toThrow(/--dtype must be float32 or int8, got "int3"/);
    expect(usage(spec)).toMatch(/^ {6}--n N +a count \(default 3\)$/m);
    expect(usage(spec)).toMatch(/^  -o, --on +a switch$/m);
    expect(usage(spec)).toMatch(/^ {6}--dir \[DIR\] +a directory$/m);
  });
});

// A weight type is one row of src/nn/weight-types.ts: the commands that store brains offer exactly the table's types
// (train and pack also int3, the int4 format on 3-bit levels), and refuse any other naming the table.
describe('--dtype of the commands that store a brain', () => {
  it('is the weight-type table', async () => {
    const { WEIGHT_DTYPES } = await import('../../src/nn/index');
    const { STORAGE } = await import('../../tools/quant/pack');
    expect(Object.keys(STORAGE)).toEqual([...WEIGHT_DTYPES, 'int3']);
    for (const name of ['train', 'pack']) {
      const { command } = await import(`../../tools/commands/${name}.ts`);
      expect(command.options.dtype.arg).toBe([...WEIGHT_DTYPES, 'int3'].join('|'));
    }
    const { command, run } = await import('../../tools/commands/collection');
    expect(command.options.dtype.help).toContain(WEIGHT_DTYPES.join(', '));
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await run(['--count', '1', '--out', join(root, 'never'), '--dtype', 'int3'])).toBe(2);
    expect(err.mock.calls.flat().join('\n')).toContain(`--dtype must be ${WEIGHT_DTYPES.slice(0, -1).join(', ')} or int4, got "int3"`);
    err.mockRestore();
  });
});
