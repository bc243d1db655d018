// Minimal `--name value` / `--flag` parsing for the dataset, train and pack commands, with clear errors.
export function parseArgs(args: string[], valued: string[], flags: string[] = []): Record<string, string | true> {
  const out: Record<string, string | true> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const [key, inline] = a.startsWith('--') ? a.slice(2).split(/=(.*)/s) : [a, undefined];
    if (!a.startsWith('--')) throw new Error(`unexpected argument "${a}"`);
    if (flags.includes(key)) { out[key] = true; continue; }
    if (!valued.includes(key)) throw new Error(`unknown option --${key} (options: ${[...valued, ...flags].map((k) => '--' + k).join(' ')})`);
    const value = inline ?? args[++i];
    if (value === undefined || (inline === undefined && value.startsWith('--'))) throw new Error(`--${key} needs a value`);
    out[key] = value;
  }
  return out;
}

export function intOption(o: Record<string, string | true>, key: string, fallback: number, min = 1, max = 1e9): number {
  const v = o[key];
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${key} must be an integer from ${min} to ${max}, got "${v}"`);
  return n;
}

export function numberOption(o: Record<string, string | true>, key: string, fallback: number): number {
  const v = o[key];
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${key} must be a positive number, got "${v}"`);
  return n;
}

export function stringOption(o: Record<string, string | true>, key: string): string | undefined {
  const v = o[key];
  return typeof v === 'string' ? v : undefined;
}
