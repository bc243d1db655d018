import { describe, expect, it } from 'vitest';
import { blockHeight, feeRate, parseBlockInfo } from '../../src/chain/index';
import { MAX_FEE_RATE, maxPlausibleHeight } from '../../src/chain/block';
import { BLOCKINFO_0, BLOCKINFO_840000, fakeFetch, json, manualTimers, ok, status } from './helpers';

describe('blockHeight', () => {
  it('reads the plain-text number from /r/blockheight', async () => {
    const f = fakeFetch({ '/r/blockheight': ok('866393') });
    expect(await blockHeight({ fetch: f.fn })).toBe(866393);
    expect(f.calls).toEqual(['/r/blockheight']);
  });

  it('asks the browser cache not to answer', async () => {
    let cache: RequestCache | undefined;
    const f = fakeFetch({ '/r/blockheight': async (init) => ((cache = init?.cache), ok('5')) });
    await blockHeight({ fetch: f.fn });
    expect(cache).toBe('no-store');
  });

  it('trims whitespace and a trailing newline', async () => {
    const f = fakeFetch({ '/r/blockheight': ok(' 840000\n') });
    expect(await blockHeight({ fetch: f.fn })).toBe(840000);
  });

  it('falls back to /blockheight on older explorers', async () => {
    const f = fakeFetch({ '/blockheight': ok('779832') });
    expect(await blockHeight({ fetch: f.fn })).toBe(779832);
    expect(f.calls).toEqual(['/r/blockheight', '/blockheight']);
  });

  it('falls back when /r/blockheight fails or answers something that is not a height', async () => {
    for (const first of [new TypeError('Failed to fetch'), status(500), ok('<html>'), ok(''), ok('-5'), ok('12.5'), ok('1e6')]) {
      const f = fakeFetch({ '/r/blockheight': first, '/blockheight': ok('100') });
      expect(await blockHeight({ fetch: f.fn })).toBe(100);
    }
  });

  it('is null when neither endpoint answers (offline, file://, not an explorer)', async () => {
    expect(await blockHeight({ fetch: fakeFetch({}).fn })).toBeNull();
    const down = fakeFetch({ '/r/blockheight': new TypeError('offline'), '/blockheight': new TypeError('offline') });
    expect(await blockHeight({ fetch: down.fn })).toBeNull();
    const html = fakeFetch({ '/r/blockheight': ok('<!doctype html>'), '/blockheight': ok('<!doctype html>') });
    expect(await blockHeight({ fetch: html.fn })).toBeNull();
  });

  it('takes a height beyond maxHeight as no answer: a few centuries of blocks past the birth height', async () => {
    const maxHeight = maxPlausibleHeight(870_000);
    expect(maxHeight).toBe(870_000 + 300 * 52_560);
    const nonsense = fakeFetch({ '/r/blockheight': ok('9999999999'), '/blockheight': ok('9999999999') });
    expect(await blockHeight({ fetch: nonsense.fn, maxHeight })).toBeNull();
    const second = fakeFetch({ '/r/blockheight': ok(String(maxHeight + 1)), '/blockheight': ok('880000') });
    expect(await blockHeight({ fetch: second.fn, maxHeight })).toBe(880_000);
    expect(await blockHeight({ fetch: fakeFetch({ '/r/blockheight': ok(String(maxHeight)) }).fn, maxHeight })).toBe(maxHeight);
  });

  it('times out each endpoint and still falls back', async () => {
    const t = manualTimers();
    const f = fakeFetch({ '/r/blockheight': 'hang', '/blockheight': ok('42') });
    let h: number | null | undefined;
    void blockHeight({ fetch: f.fn, timers: t.timers }).then((v) => (h = v));
    await t.advance(10_000);
    expect(h).toBe(42);
  });
});

describe('parseBlockInfo', () => {
  it("reads ord's documented example (block 840000)", () => {
    expect(parseBlockInfo(BLOCKINFO_840000, 840000)).toEqual({ height: 840000, rate: 3770 });
    expect(parseBlockInfo(BLOCKINFO_0, 0)).toEqual({ height: 0, rate: 0 });
  });

  it('ignores unknown fields and tolerates explorers before ord 0.19 (no percentiles)', () => {
    const { feerate_percentiles: _p, ...old } = BLOCKINFO_840000;
    expect(parseBlockInfo({ ...old, some_new_field: { x: 1 } }, 840000)).toEqual({ height: 840000, rate: 3770 });
  });

  it('is null without a usable average_fee_rate', () => {
    for (const bad of [null, 42, 'x', [], {}, { average_fee_rate: '5' }, { average_fee_rate: -1 }, { average_fee_rate: null }]) {
      expect(parseBlockInfo(bad, 1)).toBeNull();
    }
    expect(parseBlockInfo({ average_fee_rate: 7, feerate_percentiles: [1, 2, 3] }, 9)).toEqual({ height: 9, rate: 7 });
    // beyond what Bitcoin has seen: unknown (block 840,000's 3,770 sat/vB is real)
    for (const rate of [1e308, MAX_FEE_RATE + 1]) expect(parseBlockInfo({ average_fee_rate: rate }, 9)).toBeNull();
    expect(parseBlockInfo({ average_fee_rate: MAX_FEE_RATE }, 9)).toEqual({ height: 9, rate: MAX_FEE_RATE });
  });
});

describe('feeRate', () => {
  it('reads /r/blockinfo/<height>', async () => {
    const f = fakeFetch({ '/r/blockinfo/840000': json(BLOCKINFO_840000) });
    expect(await feeRate(840000, { fetch: f.fn })).toEqual({ height: 840000, rate: 3770 });
    expect(f.calls).toEqual(['/r/blockinfo/840000']);
  });

  it('falls back to the block below when the tip 404s (a CDN can keep that 404 for hours)', async () => {
    const f = fakeFetch({ '/r/blockinfo/840000': json(BLOCKINFO_840000) });
    expect(await feeRate(840001, { fetch: f.fn })).toMatchObject({ height: 840000, rate: 3770 });
    expect(f.calls).toEqual(['/r/blockinfo/840001', '/r/blockinfo/840000']);
  });

  it('is unknown (null) when the endpoint is missing (explorers before ord 0.16)', async () => {
    const f = fakeFetch({});
    expect(await feeRate(840001, { fetch: f.fn })).toBeNull();
    expect(f.calls).toEqual(['/r/blockinfo/840001', '/r/blockinfo/840000']);
  });

  it('is null on server errors, network errors, bad JSON, without a second request', async () => {
    for (const a of [status(500), new TypeError('offline'), ok('not json'), json({ nope: 1 })]) {
      const f = fakeFetch({ '/r/blockinfo/10': a, '/r/blockinfo/9': json(BLOCKINFO_0) });
      expect(await feeRate(10, { fetch: f.fn })).toBeNull();
      expect(f.calls).toEqual(['/r/blockinfo/10']);
    }
  });

  it('asks nothing for a height that is not a non-negative integer, and never below 0', async () => {
    const f = fakeFetch({});
    for (const h of [-1, 1.5, NaN, Infinity]) expect(await feeRate(h, { fetch: f.fn })).toBeNull();
    expect(f.calls).toEqual([]);
    await feeRate(0, { fetch: f.fn });
    expect(f.calls).toEqual(['/r/blockinfo/0']);
  });
});
