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

export type Fail = { kind: 'http' | 'timeout' | 'network' | 'too-large'; status?: number; message: string };
/** body: the response as text; bytes: its length in bytes. */
export type Got = { ok: true; body: string; bytes: number } | ({ ok: false } & Fail);
/** data: the response's bytes (an image). */
export type GotBytes = { ok: true; data: Uint8Array } | ({ ok: false } & Fail);

export const DEFAULT_TIMEOUT_MS = 10_000;

export const globalTimers = globalThis as Timers;

/** The body's bytes, read as they arrive; null as soon as there are more than maxBytes (the rest is not downloaded). */
async function readUpTo(res: Response, maxBytes: number): Promise<Uint8Array | null> {
  if (Number(res.headers.get('content-length')) > maxBytes) return null;
  if (!res.body) {
    const all = new Uint8Array(await res.arrayBuffer());
    return all.byteLength > maxBytes ? null : all;
  }
  const reader = res.body.getReader(), chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      void reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  const all = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  return all;
}

/** GET path as bytes; a body longer than maxBytes is a 'too-large' failure, found while it streams in. */
export async function getBytes(path: string, opts: ChainOptions = {}, init?: RequestInit, maxBytes = Infinity): Promise<GotBytes> {
  const timers = opts.timers ?? globalTimers, ms = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS, ctl = new AbortController();
  const fail = (kind: Fail['kind'], problem: string, status?: number): GotBytes => ({ ok: false, kind, status, message: `${path}: ${problem}` });
  let handle: unknown;
  try {
    // Race rather than trust abort alone: a fetch (or body read) that ignores the signal still times out.
    return await Promise.race([
      new Promise<GotBytes>((resolve) => {
        handle = timers.setTimeout(() => {
          ctl.abort();
          resolve(fail('timeout', `no answer within ${ms} ms`));
        }, ms);
      }),
      (opts.fetch ?? fetch)(path, { ...init, signal: ctl.signal })
        .then(async (res): Promise<GotBytes> => {
          if (!res.ok) return fail('http', 'HTTP ' + res.status, res.status);
          const bytes = await readUpTo(res, maxBytes);
          if (!bytes) {
            ctl.abort();
            return fail('too-large', `more than ${maxBytes.toLocaleString('en')} bytes: stopped downloading`);
          }
          return { ok: true, data: bytes };
        })
        .catch((e) => fail('network', String(e))),
    ]);
  } finally {
    timers.clearTimeout(handle);
  }
}

/** GET path as text (UTF-8), as getBytes. */
export async function get(path: string, opts: ChainOptions = {}, init?: RequestInit, maxBytes = Infinity): Promise<Got> {
  const got = await getBytes(path, opts, init, maxBytes);
  return got.ok ? { ok: true, body: new TextDecoder().decode(got.data), bytes: got.data.byteLength } : got;
}
