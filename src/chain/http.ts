// One GET against a same-origin ord endpoint with a timeout: a typed outcome, never a throw.

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface ChainOptions {
  /** Injected for tests; default: the page's fetch. */
  fetch?: (url: string, init?: RequestInit) => Promise<Response>;
  /** Per request, covering the body too (default 10 s). */
  timeoutMs?: number;
  /** Default: the global setTimeout/clearTimeout (looked up on every call, so fake timers work). */
  timers?: Timers;
}

export type Fail = { kind: 'http' | 'timeout' | 'network'; status?: number; message: string };
/** body: the response as text; bytes: its length in bytes. */
export type Got = { ok: true; body: string; bytes: number } | ({ ok: false } & Fail);

export const DEFAULT_TIMEOUT_MS = 10_000;

export const globalTimers = globalThis as Timers;

export async function get(path: string, opts: ChainOptions = {}, init?: RequestInit): Promise<Got> {
  const timers = opts.timers ?? globalTimers, ms = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS, ctl = new AbortController();
  const fail = (kind: Fail['kind'], problem: string, status?: number): Got => ({ ok: false, kind, status, message: `${path}: ${problem}` });
  let handle: unknown;
  try {
    // Race rather than trust abort alone: a fetch (or body read) that ignores the signal still times out.
    return await Promise.race([
      new Promise<Got>((resolve) => {
        handle = timers.setTimeout(() => {
          ctl.abort();
          resolve(fail('timeout', `no answer within ${ms} ms`));
        }, ms);
      }),
      (opts.fetch ?? fetch)(path, { ...init, signal: ctl.signal })
        .then(async (res): Promise<Got> => {
          if (!res.ok) return fail('http', 'HTTP ' + res.status, res.status);
          const buffer = await res.arrayBuffer();
          return { ok: true, body: new TextDecoder().decode(buffer), bytes: buffer.byteLength };
        })
        .catch((e) => fail('network', String(e))),
    ]);
  } finally {
    timers.clearTimeout(handle);
  }
}
