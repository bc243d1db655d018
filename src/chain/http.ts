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
export type Got = { ok: true; body: ArrayBuffer } | ({ ok: false } & Fail);

export const DEFAULT_TIMEOUT_MS = 10_000;

export const globalTimers = globalThis as Timers;

export async function get(path: string, opts: ChainOptions = {}, init?: RequestInit): Promise<Got> {
  const timers = opts.timers ?? globalTimers, ms = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS, ctl = new AbortController();
  let handle: unknown;
  try {
    // Race rather than trust abort alone: a fetch (or body read) that ignores the signal still times out.
    return await Promise.race([
      new Promise<Got>((resolve) => {
        handle = timers.setTimeout(() => {
          ctl.abort();
          resolve({ ok: false, kind: 'timeout', message: `no answer from ${path} within ${ms} ms` });
        }, ms);
      }),
      (async (): Promise<Got> => {
        try {
          const res = await (opts.fetch ?? fetch)(path, { ...init, signal: ctl.signal });
          return res.ok ? { ok: true, body: await res.arrayBuffer() } : { ok: false, kind: 'http', status: res.status, message: `HTTP ${res.status} from ${path}` };
        } catch (e) {
          return { ok: false, kind: 'network', message: `${path}: ${why(e)}` };
        }
      })(),
    ]);
  } finally {
    timers.clearTimeout(handle);
  }
}

export const text = (body: ArrayBuffer): string => new TextDecoder().decode(body);

export const why = (e: unknown): string => (e instanceof Error ? e.message : String(e));
