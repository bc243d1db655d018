// Byte budgets from package.json "budgets": the build fails when the inscription goes over (the library's: tools/build/lib.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SizeReport } from './sizes';

export interface Budgets {
  rawBytes: number;
  brotliBytes: number;
}

export function readBudgets(root: string): Budgets {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { budgets?: Partial<Budgets> };
  const b = pkg.budgets ?? {};
  for (const key of ['rawBytes', 'brotliBytes'] as const) {
    if (!Number.isInteger(b[key]) || (b[key] as number) <= 0) {
      throw new Error(`package.json budgets.${key} must be a positive integer (found ${JSON.stringify(b[key])})`);
    }
  }
  return b as Budgets;
}

/** Messages for every budget the art inscription exceeds; empty when within. */
export function artOverBudget(name: string, size: SizeReport, budgets: Budgets): string[] {
  const out: string[] = [];
  if (size.raw > budgets.rawBytes) out.push(`${name}: ${size.raw} raw bytes > budget ${budgets.rawBytes} (package.json budgets.rawBytes)`);
  if (size.brotli > budgets.brotliBytes) {
    out.push(`${name}: ${size.brotli} brotli bytes > budget ${budgets.brotliBytes} (package.json budgets.brotliBytes)`);
  }
  return out;
}
