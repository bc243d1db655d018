// An upgrade made permanent: the `ord wallet batch` file for one child of the token whose content is the brain (a
// body-less child delegating to an inscribed brain, or the brain's file), checked as the page checks a brain, with the
// reveal's weight and fee. The batch text is the page's own (src/chain/upgrade-batch.ts): the U panel offers the same.
import { createHash } from 'node:crypto';
import { upgradeBatch, type UpgradeContent } from '../../src/chain/upgrade-batch';
import { brotli } from '../build/sizes';
import { revealWeight, type Entry } from '../collection/batches';

export interface UpgradePlan {
  /** The batch file's name in the output folder, and its text. */
  batchName: string;
  batch: string;
  /** For a file upgrade: the brain's bytes and the name ord reads it by (in the output folder, where ord is run). */
  brainFile: { name: string; bytes: Buffer } | null;
  /** Estimated weight of the reveal transaction, and its fee at the rate (sat). */
  weight: number;
  fee: number;
  /** What the holder runs. */
  command: string;
}

/** The plan for a brain inscribed already (delegate) or a brain file's bytes (text already checked by the caller). */
export function planUpgrade(token: string, brain: { id: string } | { bytes: Buffer }, feeRate: number, dir: string): UpgradePlan {
  const tokenTag = token.slice(0, 8);
  let content: UpgradeContent, entry: Entry, brainFile: UpgradePlan['brainFile'] = null, batchName: string;
  if ('id' in brain) {
    content = { delegate: brain.id };
    entry = { delegate: brain.id, metadata: null };
    batchName = `upgrade-${tokenTag}-${brain.id.slice(0, 8)}.yaml`;
  } else {
    const hash = createHash('sha256').update(brain.bytes).digest('hex').slice(0, 8);
    brainFile = { name: `brain-${hash}.json`, bytes: brain.bytes };
    content = { file: brainFile.name };
    // as inscribed with --compress: brotli when smaller
    entry = { file: brainFile.name, bytes: Math.min(brain.bytes.length, brotli(brain.bytes).length) };
    batchName = `upgrade-${tokenTag}-${hash}.yaml`;
  }
  const weight = revealWeight([entry], 1);
  const compress = brainFile ? ' --compress' : '';
  const command = `cd ${dir} && ord wallet batch${compress} --fee-rate ${feeRate} --batch ${batchName}`;
  const header = [
    `# Perceptrons: upgrade ${token}: a child of it whose content is the brain ${'id' in brain ? brain.id : brainFile!.name}.`,
    '# Only the holder of the token can inscribe it (the reveal spends the token). Run from this folder:',
    `# ${command.slice(command.indexOf('ord '))}`,
  ];
  return { batchName, batch: header.join('\n') + '\n' + upgradeBatch(token, content), brainFile, weight, fee: Math.ceil(weight / 4) * feeRate, command };
}
