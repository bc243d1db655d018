// Shared bits for the build tests: a temp dir and the stand-in page entry (independent of src/ui's progress).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const STANDIN_ENTRY = 'test/fixtures/page/main.ts';
/** A real brain from the 2023 collection, copied for tests (fixtures/brains belongs to the brains work). */
export const TEST_BRAIN = 'test/fixtures/brains/pfp_classifier_15.json';

export function tempDir(prefix = 'perceptrons-build-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
