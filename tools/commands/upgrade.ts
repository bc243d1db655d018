// perceptrons upgrade --token ID --brain ID|FILE [--fee-rate R] --out DIR: the ord batch file that upgrades a token's
// brain for everyone (a child inscription), after checking the brain as the page does. Logic: tools/upgrade/plan.ts.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fetchBrain, isInscriptionId } from '../../src/chain/index';
import { decodeDataInscription } from '../../src/nn/index';
import { explain } from '../../src/ui/brain';
import { defineCommand, numberOption, runCommand, UsageError } from '../args';
import { describeModel } from './validate';
import { planUpgrade } from '../upgrade/plan';

export const command = defineCommand({
  name: 'upgrade',
  summary: "write the ord batch file that upgrades a token's brain on chain for everyone (a child of the token)",
  synopsis: '--token ID --brain ID|FILE [--fee-rate R] --out DIR',
  options: {
    token: { type: 'string', arg: 'ID', help: 'the token (or single art inscription) to upgrade: its inscription ID' },
    brain: { type: 'string', arg: 'ID|FILE', help: 'the brain: an inscribed data inscription (the child delegates to it: a few hundred WU)\nor a brain file (the child holds it)' },
    'fee-rate': { type: 'string', arg: 'R', help: 'fee rate in sat/vB for the printed fee and command', default: '10' },
    out: { type: 'string', arg: 'DIR', help: 'folder for the batch file (and the brain file): ord is run from it' },
    ord: { type: 'string', arg: 'URL', help: 'an ord server to fetch a brain ID from, to check it as the page does', default: 'http://127.0.0.1:8080' },
  },
  notes: 'The brain is checked as the page checks it (same decoder, same download cap); a bad one is refused with the\n' +
    "decoder's message. Then run the printed command as the token's holder; the page runs the newest such child.",
});

export function run(args: string[]): Promise<number> {
  return runCommand(command, args, async (v) => {
    if (!v.token || !isInscriptionId(v.token)) throw new UsageError(`--token must be an inscription ID (64 hex digits, i, index), got ${JSON.stringify(v.token ?? '')}`);
    if (!v.brain) throw new UsageError('--brain ID|FILE is required');
    if (!v.out) throw new UsageError('--out DIR is required');
    const feeRate = numberOption(v['fee-rate'], 'fee-rate', 0);
    let brain: { id: string } | { bytes: Buffer }, summary: string;
    if (isInscriptionId(v.brain)) {
      const base = v.ord.replace(/\/+$/, '');
      const r = await fetchBrain(v.brain, { fetch: (path, init) => fetch(base + path, init) });
      if (!r.ok) {
        console.error(`perceptrons upgrade: brain ${v.brain} from ${base}: ${explain(r.error)}${r.error.kind === 'network' ? ' (is --ord an ord server that has it?)' : ''}`);
        return 1;
      }
      brain = { id: v.brain };
      summary = describeModel(r.model, r.bytes);
    } else {
      if (!existsSync(v.brain) || !statSync(v.brain).isFile()) throw new UsageError(`--brain ${v.brain}: neither an inscription ID nor a file`);
      const bytes = readFileSync(v.brain);
      try {
        summary = describeModel(decodeDataInscription(bytes.toString('utf8')), bytes.length);
      } catch (e) {
        console.error(`perceptrons upgrade: ${v.brain}: not a brain the page can run: ${(e as Error).message}`);
        return 1;
      }
      brain = { bytes };
    }
    const plan = planUpgrade(v.token, brain, feeRate, v.out);
    mkdirSync(v.out, { recursive: true });
    if (plan.brainFile) writeFileSync(join(v.out, plan.brainFile.name), plan.brainFile.bytes);
    writeFileSync(join(v.out, plan.batchName), plan.batch);
    console.log(`brain: ${summary}`);
    console.log(`wrote ${join(v.out, plan.batchName)}${plan.brainFile ? ` and ${join(v.out, plan.brainFile.name)}` : ''}`);
    console.log(`reveal: about ${plan.weight.toLocaleString('en-US')} WU; fee about ${plan.fee.toLocaleString('en-US')} sat at ${feeRate} sat/vB (plus the commit transaction)`);
    console.log(`as the token's holder, run:\n  ${plan.command}`);
    return 0;
  });
}
