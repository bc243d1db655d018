// Byte figures for an inscription: raw, gzip, brotli as `ord wallet inscribe --compress` stores it, and the fee.
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** The fee rate the size report quotes (sat/vB). */
export const REPORT_FEE_RATE = 10;

export interface SizeReport {
  raw: number;
  gzip: number;
  brotli: number;
  /** Content fee in sats at REPORT_FEE_RATE: witness bytes cost 1/4 vB each. Excludes the reveal transaction's overhead. */
  feeRaw: number;
  feeBrotli: number;
}

/** Brotli exactly as ord's --compress: quality 11, window 24, text mode. */
export function brotli(bytes: Uint8Array): Buffer {
  return brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_LGWIN]: 24,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  });
}

export function feeSats(bytes: number, rate = REPORT_FEE_RATE): number {
  return Math.ceil((bytes / 4) * rate);
}

export function measure(content: Uint8Array | string): SizeReport {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  const raw = bytes.length;
  const gzip = gzipSync(bytes, { level: 9 }).length;
  const br = brotli(bytes).length;
  return { raw, gzip, brotli: br, feeRaw: feeSats(raw), feeBrotli: feeSats(br) };
}

/** One table: a row per file. */
export function formatSizeTable(rows: { name: string; size: SizeReport }[]): string {
  const head = ['file', 'raw B', 'gzip B', 'brotli B', `fee raw (sat @${REPORT_FEE_RATE})`, `fee brotli (sat @${REPORT_FEE_RATE})`];
  const body = rows.map(({ name, size: s }) => [name, s.raw, s.gzip, s.brotli, s.feeRaw, s.feeBrotli].map(String));
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(head), ...body.map(line)].join('\n');
}
