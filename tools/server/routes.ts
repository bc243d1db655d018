// The preview server's route table: (method, pattern, handler) rows matched in order. Patterns are written as ord's
// router writes them (ord: src/subcommand/server.rs): literal segments and `{name}`, which matches one non-empty segment.
import type { IncomingMessage, ServerResponse } from 'node:http';

export type Method = 'GET' | 'POST';

export interface Request {
  req: IncomingMessage;
  res: ServerResponse;
  /** The `{name}` segments of the pattern, as requested (not decoded). */
  params: Record<string, string>;
  /** The query string, without `?`. */
  query: string;
}

export interface Route {
  /** GET routes answer HEAD too. */
  method: Method;
  pattern: string;
  handler: (r: Request) => void;
}

/** The params of `path` under `pattern`, or null when it does not match. */
export function matchPattern(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/'), got = path.split('/');
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const name = /^\{(\w+)\}$/.exec(want[i])?.[1];
    if (name) {
      if (!got[i]) return null;
      params[name] = got[i];
    } else if (want[i] !== got[i]) return null;
  }
  return params;
}

export type Dispatch =
  | { kind: 'found'; route: Route; params: Record<string, string> }
  | { kind: 'method'; allow: string[] }
  | { kind: 'none' };

/** The first route for this method and path; else the methods the path does allow; else none. */
export function dispatch(routes: readonly Route[], method: string, path: string): Dispatch {
  const allow = new Set<string>();
  for (const route of routes) {
    const params = matchPattern(route.pattern, path);
    if (!params) continue;
    if (route.method === method || (route.method === 'GET' && method === 'HEAD')) return { kind: 'found', route, params };
    allow.add(route.method);
    if (route.method === 'GET') allow.add('HEAD');
  }
  return allow.size ? { kind: 'method', allow: [...allow] } : { kind: 'none' };
}
