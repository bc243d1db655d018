// Writing a collection's files so that nothing half-written is ever taken for finished: each file goes to a temporary
// name beside it and is renamed into place (atomic on one file system); a full disk is named as such.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export class CollectionError extends Error {}

const TMP = '.tmp-';

export function writeAtomic(path: string, data: string | Uint8Array): void {
  const tmp = join(dirname(path), `${TMP}${process.pid}-${path.split('/').pop()}`);
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOSPC' || code === 'EDQUOT') {
      throw new CollectionError(`the disk is full: could not write ${path}. Finished brains are kept; free some space and run the same command again to go on.`);
    }
    throw new CollectionError(`cannot write ${path}: ${(e as Error).message}`);
  }
}

/** Removes temporary files an interrupted run left behind (never a finished file). */
export function removeLeftovers(dir: string): void {
  if (!existsSync(dir)) return;
  for (const f of readdirSync(dir)) if (f.startsWith(TMP)) rmSync(join(dir, f), { force: true });
}
