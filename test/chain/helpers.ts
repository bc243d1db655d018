// A scripted fake fetch for the chain client: each path answers from a table; every call is recorded.
import { encodeDataInscription, type Model } from '../../src/nn/index';

export type Answer = Response | Error | 'hang' | ((init?: RequestInit) => Promise<Response>);

export function fakeFetch(routes: Record<string, Answer | Answer[]>) {
  const calls: string[] = [];
  const seen: Record<string, number> = {};
  const fn = async (url: string, init?: RequestInit): Promise<Response> => {
    calls.push(url);
    const entry = routes[url];
    const n = (seen[url] = (seen[url] ?? 0) + 1);
    const a = Array.isArray(entry) ? entry[Math.min(n, entry.length) - 1] : entry;
    if (a === undefined) return new Response('not found', { status: 404 });
    if (a instanceof Error) throw a;
    if (a === 'hang') {
      // Like a real fetch: only the abort signal ends it.
      return new Promise((_, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    }
    if (typeof a === 'function') return a(init);
    return a.clone();
  };
  return { fn, calls };
}

export const ok = (body: string, type = 'text/plain;charset=utf-8') => new Response(body, { status: 200, headers: { 'content-type': type } });
export const json = (v: unknown) => ok(JSON.stringify(v), 'application/json');
export const status = (code: number) => new Response(`status ${code}`, { status: code });

export const ID = '4962b2320ee7e584209f7e43244a6dae5dad1f1ffd8fe8c133696bb0bc09015ei0';

/** A tiny valid brain (2x2x3 input, 3 hidden relu, 2 classes), encoded by the real codec. */
export function tinyBrainDoc(): object {
  const model: Model = {
    name: 'tiny',
    inputShape: [2, 2, 3],
    scale: 1 / 127.5,
    offset: -1,
    layers: [
      { inputs: 12, units: 3, activation: 'relu', kernel: Float32Array.from({ length: 36 }, (_, i) => ((i % 7) - 3) / 10), bias: new Float32Array(3) },
      { inputs: 3, units: 2, activation: 'linear', kernel: Float32Array.from([0.5, -0.5, 0.25, 0.75, -1, 1]), bias: new Float32Array(2) },
    ],
    classes: ['cat', 'dog'],
    trainingTraits: {},
  };
  return encodeDataInscription(model);
}

/** ord's documented /r/blockinfo example for block 840000 (docs/src/inscriptions/recursion.md), field layout verbatim. */
export const BLOCKINFO_840000 = {
  average_fee: 1234031,
  average_fee_rate: 3770,
  bits: 386089497,
  chainwork: '0000000000000000000000000000000000000000753bdab0e0d745453677442b',
  confirmations: 26397,
  difficulty: 86388558925171.02,
  hash: '0000000000000000000320283a032748cef8227873ff4872689bf23f1cda83a5',
  feerate_percentiles: [108, 134, 200, 350, 1063],
  height: 840000,
  max_fee: 799987800,
  max_fee_rate: 3604819,
  max_tx_size: 166989,
  median_fee: 34800,
  median_time: 1713570208,
  merkle_root: '031b417c3a1828ddf3d6527fc210daafcc9218e81f98257f88d4d43bd7a5894f',
  min_fee: 2060,
  min_fee_rate: 15,
  next_block: '00000000000000000001b48a75d5a3077913f3f441eb7e08c13c43f768db2463',
  nonce: 3932395645,
  previous_block: '0000000000000000000172014ba58d66455762add0512355ad651207918494ab',
  subsidy: 312500000,
  target: '0000000000000000000342190000000000000000000000000000000000000000',
  timestamp: 1713571767,
  total_fee: 3762561499,
  total_size: 2325218,
  total_weight: 3991793,
  transaction_count: 3050,
  version: 710926336,
};

/** The same for block 0 (before feerate_percentiles existed it would lack that field). */
export const BLOCKINFO_0 = {
  average_fee: 0, average_fee_rate: 0, bits: 486604799,
  chainwork: '0000000000000000000000000000000000000000000000000000000100010001', confirmations: 866396, difficulty: 1.0,
  hash: '000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f', feerate_percentiles: [0, 0, 0, 0, 0], height: 0,
  max_fee: 0, max_fee_rate: 0, max_tx_size: 0, median_fee: 0, median_time: 1231006505,
  merkle_root: '4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b', min_fee: 0, min_fee_rate: 0,
  next_block: '00000000839a8e6886ab5951d76f411475428afc90947ee320161bbf18eb6048', nonce: 2083236893, previous_block: null,
  subsidy: 5000000000, target: '00000000ffff0000000000000000000000000000000000000000000000000000', timestamp: 1231006505,
  total_fee: 0, total_size: 0, total_weight: 0, transaction_count: 1, version: 1,
};

/** Manual timers: advance() fires what is due, in order. */
export function manualTimers() {
  let t = 0;
  let seq = 0;
  const pending = new Map<number, { at: number; fn: () => void }>();
  return {
    now: () => t,
    timers: {
      setTimeout(fn: () => void, ms: number) {
        const id = ++seq;
        pending.set(id, { at: t + Math.max(0, ms), fn });
        return id;
      },
      clearTimeout(h: unknown) {
        pending.delete(h as number);
      },
    },
    /** Delays of the pending timers, relative to now. */
    pendingDelays: () => [...pending.values()].map((p) => p.at - t).sort((a, b) => a - b),
    async advance(ms: number) {
      const end = t + ms;
      for (;;) {
        const next = [...pending.entries()].sort((a, b) => a[1].at - b[1].at)[0];
        if (!next || next[1].at > end) break;
        pending.delete(next[0]);
        t = next[1].at;
        next[1].fn();
        await flush();
      }
      t = end;
      await flush();
    },
  };
}

export async function flush(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise<void>((r) => setImmediate(r));
}
