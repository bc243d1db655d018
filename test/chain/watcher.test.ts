import { describe, expect, it } from 'vitest';
import { createChainWatcher, type FeeInfo } from '../../src/chain/index';
import { MIN_INTERVAL_MS } from '../../src/chain/watcher';
import { fakeFetch, flush, json, manualTimers, ok, status, type Answer } from './helpers';

const info = (height: number, rate: number) => json({ height, average_fee_rate: rate, feerate_percentiles: [1, 2, 3, 4, 5], timestamp: 1 });

/** A chain whose tip the test moves; blockinfo answers for every height up to the tip unless overridden. */
function chain(start: number) {
  const c = { tip: start, rates: {} as Record<number, Answer>, down: false };
  const f = fakeFetch({});
  const fn = async (url: string): Promise<Response> => {
    f.calls.push(url);
    if (c.down) throw new TypeError('Failed to fetch');
    if (url === '/r/blockheight') return ok(String(c.tip));
    const m = /^\/r\/blockinfo\/(\d+)$/.exec(url);
    if (m) {
      const h = Number(m[1]);
      const a = c.rates[h];
      if (a instanceof Response) return a.clone();
      return h <= c.tip ? info(h, h % 100) : status(404);
    }
    return status(404);
  };
  return { c, fn, calls: f.calls };
}

function fakeDocument(hidden = false) {
  const listeners = new Set<() => void>();
  return {
    hidden,
    addEventListener: (_: string, l: () => void) => void listeners.add(l),
    removeEventListener: (_: string, l: () => void) => void listeners.delete(l),
    set(h: boolean) {
      this.hidden = h;
      for (const l of listeners) l();
    },
    listeners,
  };
}

function setup(opts: { start?: number; random?: () => number; hidden?: boolean; intervalMs?: number; height?: number } = {}) {
  const t = manualTimers();
  const ch = chain(opts.start ?? 100);
  const doc = fakeDocument(opts.hidden);
  const blocks: [number, FeeInfo | null][] = [];
  const statuses: boolean[] = [];
  const w = createChainWatcher({
    fetch: ch.fn,
    timers: t.timers,
    now: t.now,
    random: opts.random ?? (() => 0.5),
    document: doc as unknown as Document,
    intervalMs: opts.intervalMs,
    height: opts.height,
    onBlock: (h, fee) => void blocks.push([h, fee]),
    onStatus: (live) => void statuses.push(live),
  });
  return { t, ch, doc, blocks, statuses, w };
}

const polls = (calls: string[]) => calls.filter((u) => u === '/r/blockheight').length;

describe('createChainWatcher', () => {
  it('polls at once, then emits only when a new block arrives, with its fee figures', async () => {
    const s = setup();
    await flush();
    expect(s.blocks).toEqual([[100, expect.objectContaining({ height: 100, rate: 0 })]]);
    await s.t.advance(60_000);
    expect(polls(s.ch.calls)).toBe(2);
    expect(s.blocks).toHaveLength(1);
    s.ch.c.tip = 101;
    await s.t.advance(60_000);
    expect(s.blocks.map(([h, f]) => [h, f?.rate])).toEqual([[100, 0], [101, 1]]);
    expect(s.w.state()).toMatchObject({ height: 101, live: true, fee: { height: 101, rate: 1 } });
    s.w.stop();
  });

  it('polls about once a minute: jittered within ±20 %', async () => {
    for (const [r, expected] of [[0, 48_000], [0.5, 60_000], [0.999999, 72_000]] as const) {
      const s = setup({ random: () => r });
      await flush();
      expect(s.t.pendingDelays()).toHaveLength(1);
      expect(s.t.pendingDelays()[0]).toBeCloseTo(expected, -1);
      s.w.stop();
      expect(s.t.pendingDelays()).toEqual([]);
    }
  });

  it('never polls more often than every 30 s, whatever it is asked', async () => {
    const s = setup({ intervalMs: 1_000, random: () => 0 });
    await flush();
    await s.t.advance(MIN_INTERVAL_MS - 1);
    expect(polls(s.ch.calls)).toBe(1);
    await s.t.advance(1);
    expect(polls(s.ch.calls)).toBe(2);
    await s.t.advance(10 * MIN_INTERVAL_MS);
    expect(polls(s.ch.calls)).toBe(12);
    s.w.stop();
  });

  it('stops while the page is hidden and catches up when it shows again (respecting the 30 s floor)', async () => {
    const s = setup();
    await flush();
    s.doc.set(true);
    expect(s.t.pendingDelays()).toEqual([]);
    s.ch.c.tip = 105;
    await s.t.advance(10 * 60_000);
    expect(polls(s.ch.calls)).toBe(1);
    s.doc.set(false);
    await s.t.advance(0);
    expect(polls(s.ch.calls)).toBe(2);
    expect(s.blocks.map(([h]) => h)).toEqual([100, 105]);
    // Hidden and shown again right away: waits for the 30 s floor.
    s.doc.set(true);
    s.doc.set(false);
    expect(s.t.pendingDelays()).toEqual([MIN_INTERVAL_MS]);
    s.w.stop();
    expect(s.doc.listeners.size).toBe(0);
  });

  it('does not poll at all while it starts hidden', async () => {
    const s = setup({ hidden: true });
    await s.t.advance(5 * 60_000);
    expect(s.ch.calls).toEqual([]);
    s.doc.set(false);
    await s.t.advance(0);
    expect(polls(s.ch.calls)).toBe(1);
    s.w.stop();
  });

  it('keeps the last good values while the endpoints fail, and never throws', async () => {
    const s = setup();
    await flush();
    s.ch.c.down = true;
    await s.t.advance(3 * 60_000);
    expect(s.w.state()).toMatchObject({ height: 100, live: false, fee: { rate: 0 } });
    expect(s.statuses).toEqual([true, false, false, false]);
    s.ch.c.down = false;
    s.ch.c.tip = 130;
    await s.t.advance(60_000);
    expect(s.blocks.map(([h]) => h)).toEqual([100, 130]);
    expect(s.statuses.at(-1)).toBe(true);
    s.w.stop();
  });

  it('keeps the last fee when the new block has no fee figures yet', async () => {
    const s = setup();
    await flush();
    s.ch.c.tip = 102;
    s.ch.c.rates[102] = status(404);
    s.ch.c.rates[101] = status(503);
    await s.t.advance(60_000);
    expect(s.blocks.at(-1)).toEqual([102, expect.objectContaining({ height: 100 })]);
    s.w.stop();
  });

  it('survives a callback that throws', async () => {
    const t = manualTimers();
    const ch = chain(7);
    let n = 0;
    const w = createChainWatcher({
      fetch: ch.fn, timers: t.timers, now: t.now, random: () => 0.5, document: null,
      onBlock: () => {
        n++;
        throw new Error('renderer bug');
      },
      onStatus: () => {
        throw new Error('also broken');
      },
    });
    await flush();
    ch.c.tip = 8;
    await t.advance(60_000);
    expect(n).toBe(2);
    expect(t.pendingDelays()).toHaveLength(1);
    w.stop();
  });

  it('with a height the page already has, waits a full interval before the first poll', async () => {
    const s = setup({ height: 100 });
    await flush();
    expect(s.ch.calls).toEqual([]);
    await s.t.advance(60_000);
    expect(polls(s.ch.calls)).toBe(1);
    expect(s.blocks).toEqual([]);
    s.w.stop();
  });

  it('falls back to /blockheight and is quiet after stop()', async () => {
    const t = manualTimers();
    const f = fakeFetch({ '/blockheight': ok('900') });
    const seen: number[] = [];
    const w = createChainWatcher({ fetch: f.fn, timers: t.timers, now: t.now, document: null, onBlock: (h) => void seen.push(h) });
    await flush();
    expect(seen).toEqual([900]);
    w.stop();
    await t.advance(10 * 60_000);
    expect(f.calls.filter((u) => u.endsWith('blockheight'))).toHaveLength(2);
  });
});
