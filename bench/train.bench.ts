// npm run bench:train: our trainer against PyTorch (Debian python3-torch, one thread) on the same dataset and recipe,
// each run in its own process: bench/train_ours.ts and bench/train_torch.py. CPU seconds (user + sys) rather than
// wall time, so that other jobs on a shared machine barely count; "process" is the whole process from start to exit
// (runtime start-up, imports, reading the data, training, evaluating), "training" is the training loop with the
// held-out evaluation after every epoch (and copying or scaling the dataset). Then the scaling of one epoch's training
// alone (the second of two: no setup, no evaluation) with the first hidden layer's width and with the batch size.
// env: BENCH_DATA (dataset dir, default data/pfp-seed0-6000x1000), BENCH_EPOCHS (default 5), BENCH_SCALING=0 to skip
// the scaling tables, PYTHON (default: /usr/bin/python3, then python3, whichever imports torch).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const here = new URL('.', import.meta.url).pathname;
const data = process.env.BENCH_DATA ?? 'data/pfp-seed0-6000x1000';
const epochs = Number(process.env.BENCH_EPOCHS ?? 5);
const TIME = '/usr/bin/time';

interface Run { processCpu: number; trainCpu: number; epochCpu: number[]; heldout: number }
interface Recipe { hidden: string; activation: string; epochs: number; batch: number; lr: number; seed: number }

if (!existsSync(join(data, 'manifest.json'))) {
  console.error(`bench:train: no dataset at ${data} (manifest.json missing): create it with \`npm run perceptrons -- dataset\`, or wait if it is being generated`);
  process.exit(1);
}

const python = [process.env.PYTHON, '/usr/bin/python3', 'python3'].find((p) => p && spawnSync(p, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0);
const scratch = mkdtempSync(join(tmpdir(), 'bench-train-'));

/** Runs one training process; its whole-process CPU comes from GNU time (children included), else its own report. */
function run(command: string[], r: Recipe): Run {
  const args = [...command, data, r.hidden, r.activation, String(r.epochs), String(r.batch), String(r.lr), String(r.seed)];
  const timeFile = join(scratch, 'time');
  const timed = existsSync(TIME);
  const p = spawnSync(timed ? TIME : args[0], timed ? ['-f', '%U %S', '-o', timeFile, ...args] : args.slice(1), { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (p.status !== 0) throw new Error(`${args.join(' ')} failed (${p.status}):\n${p.stderr}`);
  const out = JSON.parse(p.stdout.trim().split('\n').pop()!) as Omit<Run, 'processCpu'>;
  const processCpu = timed ? readFileSync(timeFile, 'utf8').trim().split('\n').pop()!.split(' ').reduce((s, v) => s + Number(v), 0) : NaN;
  return { processCpu, ...out };
}

// `node --import tsx`: one process (the tsx command would start a second node to run the first)
const ours = (r: Recipe): Run => run([process.execPath, '--import', 'tsx', join(here, 'train_ours.ts')], r);
const torch = (r: Recipe): Run | null => (python ? run([python, join(here, 'train_torch.py')], r) : null);
const f = (v: number, digits = 2): string => (Number.isFinite(v) ? v.toFixed(digits) : 'n/a');
const pct = (v: number): string => `${(v * 100).toFixed(2)}%`;

const recipe: Recipe = { hidden: '10,8,10', activation: 'leaky_relu', epochs, batch: 32, lr: 2e-3, seed: 0 };
console.log(`bench:train — ${data}, 3072-${recipe.hidden.replace(/,/g, '-')}-4 ${recipe.activation}, ${epochs} epochs, batch ${recipe.batch}, ` +
  `Adam lr ${recipe.lr} (linear decay to a tenth), nested dropout; Node ${process.version}; ` +
  (python ? `PyTorch via ${python}, torch.set_num_threads(1)` : 'PyTorch: not installed (apt-get install python3-torch), ours only'));
if (!existsSync(TIME)) console.log(`(${TIME} missing: "process" CPU not measured)`);

try {
  const a = ours(recipe), b = torch(recipe);
  console.log('\n| trainer | process CPU s | training CPU s | held-out |\n| --- | ---: | ---: | ---: |');
  console.log(`| ours | ${f(a.processCpu)} | ${f(a.trainCpu)} | ${pct(a.heldout)} |`);
  if (b) {
    console.log(`| PyTorch 1 thread | ${f(b.processCpu)} | ${f(b.trainCpu)} | ${pct(b.heldout)} |`);
    console.log(`| ratio ours/PyTorch | ${f(a.processCpu / b.processCpu)} | ${f(a.trainCpu / b.trainCpu)} | |`);
  }

  if (process.env.BENCH_SCALING !== '0') {
    const two = { ...recipe, epochs: 2 };
    const table = (title: string, rows: [string, Recipe][]): void => {
      console.log(`\n${title}: CPU s of one epoch's training (the second)\n\n| ${rows[0][0].split('=')[0]} | ours | PyTorch | ratio |\n| --- | ---: | ---: | ---: |`);
      for (const [label, r] of rows) {
        const x = ours(r).epochCpu[1], y = torch(r)?.epochCpu[1];
        console.log(`| ${label.split('=')[1]} | ${f(x)} | ${y ? f(y) : 'n/a'} | ${y ? f(x / y) : 'n/a'} |`);
      }
    };
    table('Width of the first hidden layer (3072-W-8-10-4, batch 32)', [5, 10, 20].map((w) => [`width=${w}`, { ...two, hidden: `${w},8,10` }]));
    table('Batch size (3072-10-8-10-4)', [8, 32, 128].map((b) => [`batch=${b}`, { ...two, batch: b }]));
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
