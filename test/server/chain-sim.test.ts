import { describe, expect, it } from 'vitest';
import { blockHash, blockTime, createSimChain, heightOfHash } from '../../tools/server/chain';
import { parseServeArgs } from '../../tools/commands/serve';
import { acceptsBr, parseId } from '../../tools/server/server';

describe('simulated chain', () => {
  it('plays at N blocks a second, pauses, and keeps its height across a speed change', () => {
    let t = 1_000_000;
    const c = createSimChain({ height: 100, fee: 5, blocksPerSecond: 10, playing: false }, () => t);
    t += 5_000;
    expect(c.tip()).toBe(100);
    c.update({ playing: true });
    t += 2_500;
    expect(c.tip()).toBe(125);
    c.update({ blocksPerSecond: 2 });
    t += 1_000;
    expect(c.tip()).toBe(127);
    c.update({ playing: false });
    t += 60_000;
    expect(c.settings()).toEqual({ height: 127, fee: 5, blocksPerSecond: 2, playing: false });
    c.update({ height: 5 });
    expect(c.tip()).toBe(5);
  });

  it('refuses impossible settings with a message naming the field', () => {
    const c = createSimChain({ height: 1, fee: 1, blocksPerSecond: 1, playing: false });
    expect(() => c.update({ height: -1 })).toThrow(/height/);
    expect(() => c.update({ fee: NaN })).toThrow(/fee/);
    expect(() => c.update({ blocksPerSecond: 0 })).toThrow(/blocks per second/);
    expect(() => createSimChain({ height: 2 ** 33, fee: 1, blocksPerSecond: 1, playing: false })).toThrow(/height/);
  });

  it('hashes carry their height and round-trip; timestamps strictly increase', () => {
    for (const h of [0, 1, 840000, 0xffffffff]) {
      expect(blockHash(h)).toMatch(/^0{16}[0-9a-f]{48}$/);
      expect(heightOfHash(blockHash(h))).toBe(h);
    }
    expect(heightOfHash(blockHash(7).replace(/.$/, (c) => (c === '0' ? '1' : '0')))).toBeNull();
    for (let h = 839990; h < 840010; h++) expect(blockTime(h + 1)).toBeGreaterThan(blockTime(h));
    expect(Math.abs(blockTime(840000) - 1713571767)).toBeLessThanOrEqual(240);
  });

  it('halves the subsidy every 210,000 blocks', () => {
    const c = createSimChain({ height: 1_050_000, fee: 1, blocksPerSecond: 1, playing: false });
    expect([0, 209_999, 210_000, 840_000, 1_050_000].map((h) => c.blockInfo(h).subsidy)).toEqual([
      5_000_000_000, 5_000_000_000, 2_500_000_000, 312_500_000, 156_250_000,
    ]);
  });
});

describe('request parsing', () => {
  it('parses inscription IDs as ord does', () => {
    const tx = 'ab'.repeat(32);
    expect(parseId(`${tx}i0`)).toBe(`${tx}i0`);
    expect(parseId(`${tx.toUpperCase()}i007`)).toBe(`${tx}i7`);
    expect(parseId(`${tx}i4294967295`)).toBe(`${tx}i4294967295`);
    expect(parseId(`${tx}i+3`)).toBe(`${tx}i3`); // Rust's u32 parse takes a "+"
    // ord's separator is a lower-case "i" only (InscriptionId::from_str: ParseError::Separator)
    for (const bad of [`${tx}i4294967296`, `${tx}`, `${tx}i`, `${tx}i-1`, `x${tx}i0`, '', `${tx}I0`, `${tx.toUpperCase()}I0`, `${tx}i 1`, `${tx.slice(2)}zzi0`]) {
      expect(parseId(bad), bad).toBeNull();
    }
  });

  it('reads Accept-Encoding as ord does: the literal br token, q-values ignored, * not br', () => {
    for (const yes of ['gzip, deflate, br, zstd', 'br;q=0.1', 'br;q=0', ' br ', 'gzip,br', '*, br;q=0']) expect(acceptsBr(yes), yes).toBe(true);
    for (const no of [undefined, '', 'gzip', '*', '*;q=1', 'BR', 'Br', 'brotli', 'br0']) expect(acceptsBr(no), no).toBe(false);
  });
});

describe('perceptrons serve options', () => {
  it('maps the flags onto startServer options', () => {
    expect(parseServeArgs(['--port', '0', '--height', '880000', '--fee', '12.5', '--compress'])).toEqual({ port: 0, height: 880000, fee: 12.5, compress: true });
    expect(parseServeArgs(['--blocks-per-second', '50'])).toEqual({ port: 8080, blocksPerSecond: 50, playing: true });
    expect(parseServeArgs(['--collection'])).toEqual({ port: 8080, collectionDir: 'dist/collection' });
    expect(parseServeArgs(['--collection', '--port', '0'])).toEqual({ port: 0, collectionDir: 'dist/collection' });
    expect(parseServeArgs(['--collection', 'out/c', '--birth-height', '1'])).toEqual({ port: 8080, collectionDir: 'out/c', birthHeight: 1 });
  });

  it('names the bad flag', () => {
    expect(() => parseServeArgs(['--port'])).toThrow(/--port needs a value/);
    expect(() => parseServeArgs(['--height=-3'])).toThrow(/--height must be an integer of at least 0, got "-3"/);
    expect(() => parseServeArgs(['--height', '-3'])).toThrow(/--height needs a value \(use --height=VALUE/);
    expect(() => parseServeArgs(['--fee', 'lots'])).toThrow(/--fee/);
    expect(() => parseServeArgs(['--blocks-per-second', '0'])).toThrow(/above 0/);
    expect(() => parseServeArgs(['--wat'])).toThrow(/unknown option "--wat"/);
  });
});
