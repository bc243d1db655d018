// Shared bits for the build tests: a temp dir and the stand-in page entry (independent of src/ui's progress).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { vi } from 'vitest';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const STANDIN_ENTRY = 'test/fixtures/page/main.ts';
/** A real brain from the 2023 collection, copied for tests (fixtures/brains belongs to the brains work). */
export const TEST_BRAIN = 'test/fixtures/brains/pfp_classifier_15.json';

export function tempDir(prefix = 'perceptrons-build-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** What a command prints while it runs: console.log and console.error lines (restore with vi.restoreAllMocks). */
export function capture() {
  const out: string[] = [], err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a) => void err.push(a.join(' ')));
  return { out, err };
}
