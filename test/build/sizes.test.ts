// The size report: brotli as ord --compress stores it (decodes back), gzip, and the fee arithmetic.
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { brotli, feeSats, formatSizeTable, measure } from '../../tools/build/sizes';

describe('measure', () => {
  const text = Buffer.from('<!doctype html><canvas></canvas><script>' + 'let a=1;'.repeat(500) + '</script>');

  it('reports raw, gzip and brotli bytes; brotli round-trips and beats gzip on text', () => {
    const s = measure(text);
    expect(s.raw).toBe(text.length);
    expect(brotliDecompressSync(brotli(text)).equals(text)).toBe(true);
    expect(gunzipSync(gzipSync(text, { level: 9 })).equals(text)).toBe(true);
    expect(s.gzip).toBe(gzipSync(text, { level: 9 }).length);
    expect(s.brotli).toBeLessThan(s.gzip);
    expect(measure(text.toString('utf8'))).toEqual(s);
  });

  it('prices witness bytes at a quarter vB: fee = bytes / 4 x 10 sat/vB', () => {
    expect(feeSats(4000)).toBe(10_000);
    expect(feeSats(16384)).toBe(40_960);
    expect(feeSats(1)).toBe(3); // 2.5 sats rounds up: a fee is paid in whole sats
    expect(feeSats(400, 25)).toBe(2500);
    const s = measure(text);
    expect(s.feeRaw).toBe(feeSats(s.raw));
    expect(s.feeBrotli).toBe(feeSats(s.brotli));
  });

  it('formats one aligned row per file', () => {
    const t = formatSizeTable([{ name: 'inscription.html', size: { raw: 1000, gzip: 500, brotli: 400, feeRaw: 2500, feeBrotli: 1000 } }]);
    const [head, row] = t.split('\n');
    expect(head).toMatch(/^file\s+raw B\s+gzip B\s+brotli B/);
    expect(row.split(/\s+/)).toEqual(['inscription.html', '1000', '500', '400', '2500', '1000']);
    expect(row.length).toBe(head.length);
  });
});
