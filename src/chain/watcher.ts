// Watches the chain: polls the tip about once a minute (jittered, never more often than every 30 s, paused while the
// page is hidden) and calls onBlock with the new height and its fee figures when a block arrives. Keeps the last good values; a failing
// endpoint or a throwing callback never escapes into the caller.
import { blockHeight, feeRate, type FeeInfo, type HeightOptions } from './block';
import { globalTimers } from './http';

export const MIN_INTERVAL_MS = 30_000;
export const DEFAULT_INTERVAL_MS = 60_000;

type VisibilityDoc = Pick<Document, 'hidden' | 'addEventListener' | 'removeEventListener'>;

export interface WatcherOptions extends HeightOptions {
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
  const timers = o.timers ?? globalTimers, now = o.now ?? Date.now, random = o.random ?? Math.random;
  const doc = o.document === undefined ? globalThis.document : o.document;
  const mean = Math.max(MIN_INTERVAL_MS, o.intervalMs ?? DEFAULT_INTERVAL_MS);
  const st: ChainState = { height: o.height ?? null, fee: o.fee ?? null, live: null };
  let lastPoll = st.height === null ? -Infinity : now(), timer: unknown = null, polling = false, stopped = false;

  /** The poll interval: about once a minute by default, ±20 % jitter, never below the 30 s floor. */
  const interval = (): number => Math.max(MIN_INTERVAL_MS, mean * (0.8 + 0.4 * random()));

  function disarm(): void {
    timers.clearTimeout(timer); // clearing null is a no-op
    timer = null;
  }

  // The one timer: (re)armed to fire `wait` ms after the last poll (a negative delay fires at once); none while
  // stopped, polling or hidden.
  function arm(wait = interval()): void {
    disarm();
    if (!stopped && !polling && !doc?.hidden) timer = timers.setTimeout(tick, lastPoll + wait - now());
  }

  async function tick(): Promise<void> {
    timer = null;
    if (stopped || doc?.hidden) return;
    polling = true;
    lastPoll = now();
    // blockHeight and feeRate never throw; the page's callbacks might, and that must not stop the clock.
    try {
      const h = await blockHeight(o);
      st.live = h !== null;
      if (h !== null && h !== st.height) {
        // Fee figures only change with the block; a failed fee fetch keeps the last good one until the next block.
        st.fee = (await feeRate(h, o)) ?? st.fee;
        st.height = h;
        if (!stopped) o.onBlock(h, st.fee);
      }
    } catch {}
    polling = false;
    try {
      if (!stopped) o.onStatus?.(!!st.live);
    } catch {}
    arm();
  }

  // Hidden: no timer. Back in view: catch up as soon as the 30 s floor allows.
  function onVisibility(): void {
    if (doc?.hidden) disarm();
    else if (timer === null) arm(MIN_INTERVAL_MS); // (while a poll runs, tick arms the timer when it ends)
  }

  doc?.addEventListener('visibilitychange', onVisibility);
  if (st.height === null) void tick();
  else arm();

  return {
    state: () => ({ ...st }),
    stop() {
      stopped = true;
      disarm();
      doc?.removeEventListener('visibilitychange', onVisibility);
    },
  };
}
