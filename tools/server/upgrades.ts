// Upgrade children for the preview: every `ord wallet batch` file in an upgrades folder (as `perceptrons upgrade` writes
// them) becomes the inscriptions ord would make of it, children of the batch's parents. A batch is one reveal
// transaction, so its entries get IDs <txid>i0, i1, ... (here the txid is the batch file's sha256). Each entry delegates
// to a brain (no body: ord serves the delegate's content) or holds a file, read from the batch file's folder: the
// directory `perceptrons upgrade` tells the holder to run ord from (ord reads file: paths from its working directory).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseBatchYaml } from '../collection/batches';

/** One child a batch file inscribes: its ID, its parents, and its content: a delegate or a file (an absolute path). */
export interface UpgradeChild {
  id: string;
  name: string;
  parents: string[];
  delegate: string | null;
  file: string | null;
}

/** The upgrade children of every *.yaml file in dir, in inscription order (batch files by name, entries in file
 * order); none when dir does not exist. Throws naming a bad file. */
export function loadUpgrades(dir: string): UpgradeChild[] {
  if (!existsSync(dir)) return [];
  if (!statSync(dir).isDirectory()) throw new Error(`${dir}: not a directory of upgrade batch files`);
  const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  return files.flatMap((name) => {
    const path = join(dir, name), text = readFileSync(path, 'utf8');
    const batch = parseBatchYaml(text, path);
    if (!batch.parents.length) throw new Error(`${path}: an upgrade batch names its parent (parents: [<token ID>])`);
    const txid = createHash('sha256').update(text).digest('hex');
    return batch.entries.map((e, i): UpgradeChild => {
      const child = { id: `${txid}i${i}`, name: `${basename(name, '.yaml')}[${i}]`, parents: batch.parents };
      if ('delegate' in e) return { ...child, delegate: e.delegate, file: null };
      const file = resolve(dir, e.file);
      if (!existsSync(file)) throw new Error(`${path}: file ${JSON.stringify(e.file)} not found in ${dir} (ord reads it from the directory it is run in)`);
      return { ...child, delegate: null, file };
    });
  });
}
