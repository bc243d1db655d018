// Watches the chain: polls the tip about once a minute (jittered, never more often than every 30 s, paused while the
// page is hidden) and calls onBlock with the new height and its fee figures when a block arrives. Keeps the last good values; a failing
// endpoint or a throwing callback never escapes into the caller.
import { blockHeight, feeRate, type FeeInfo } from './block';
import { globalTimers, type ChainOptions } from './http';

export const MIN_INTERVAL_MS = 30_000;
export const DEFAULT_INTERVAL_MS = 60_000;

type VisibilityDoc = Pick<Document, 'hidden' | 'addEventListener' | 'removeEventListener'>;

export interface WatcherOptions extends ChainOptions {
  onBlock(height: number, fee: FeeInfo | null): void;
  /** After every poll: live = the height endpoint answered this time. */
  onStatus?(live: boolean): void;
  /** Values the page already fetched: the first poll then waits a full interval instead of running at once. */
  height?: number | null;
  fee?: FeeInfo | null;
  /** Mean poll interval (default 60 s); jittered ±20 % and never below 30 s. */
  intervalMs?: number;
  random?: () => number;
  now?: () => number;
  /** Default: the page's document when there is one (its visibility pauses polling). */
  document?: VisibilityDoc | null;
}

export interface ChainState {
  height: number | null;
  fee: FeeInfo | null;
  /** null before the first poll. */
  live: boolean | null;
}

export interface ChainWatcher {
  state(): ChainState;
  stop(): void;
}

export function createChainWatcher(o: WatcherOptions): ChainWatcher {
  const timers = o.timers ?? globalTimers;
  const now = o.now ?? (() => Date.now());
  const random = o.random ?? Math.random;
  const doc = o.document !== undefined ? o.document : typeof document === 'undefined' ? null : document;
  const mean = Math.max(MIN_INTERVAL_MS, o.intervalMs ?? DEFAULT_INTERVAL_MS);
  const st: ChainState = { height: o.height ?? null, fee: o.fee ?? null, live: null };
  let lastPoll = st.height === null ? -Infinity : now();
  let timer: unknown = null;
  let polling = false;
  let stopped = false;

  const safely = (fn: () => void): void => {
    try {
      fn();
    } catch {
      // the renderer's problem must not stop the clock
    }
  };

  async function poll(): Promise<void> {
    polling = true;
    lastPoll = now();
    try {
      const h = await blockHeight(o);
      st.live = h !== null;
      if (h !== null && h !== st.height) {
        // Fee figures only change with the block; a failed fee fetch keeps the last good one until the next block.
        const fee = await feeRate(h, o);
        if (fee) st.fee = fee;
        st.height = h;
        if (!stopped) safely(() => o.onBlock(h, st.fee));
      }
    } catch {
      st.live = false;
    } finally {
      polling = false;
    }
    if (!stopped && o.onStatus) safely(() => o.onStatus!(st.live === true));
  }

  function schedule(): void {
    if (stopped || polling || (doc && doc.hidden)) return;
    if (timer !== null) timers.clearTimeout(timer);
    const interval = Math.max(MIN_INTERVAL_MS, mean * (0.8 + 0.4 * random()));
    timer = timers.setTimeout(tick, Math.max(0, lastPoll + interval - now()));
  }

  function tick(): void {
    timer = null;
    if (stopped || (doc && doc.hidden)) return;
    void poll().then(schedule);
  }

  function onVisibility(): void {
    if (!doc) return;
    if (doc.hidden) {
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
    } else if (timer === null && !polling && !stopped) {
      // Back in view: catch up as soon as the 30 s floor allows.
      timer = timers.setTimeout(tick, Math.max(0, lastPoll + MIN_INTERVAL_MS - now()));
    }
  }

  doc?.addEventListener('visibilitychange', onVisibility);
  if (st.height === null && !(doc && doc.hidden)) tick();
  else schedule();

  return {
    state: () => ({ ...st }),
    stop() {
      stopped = true;
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
      doc?.removeEventListener('visibilitychange', onVisibility);
    },
  };
}
