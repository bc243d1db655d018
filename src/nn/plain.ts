// plainJson: a copy of a JavaScript value made of plain JSON data only, so that the decoder never meets a getter, a
// Proxy trap, a symbol or a prototype it did not expect. Anything else is refused with a DataInscriptionError naming
// where it is; a value thrown while looking (by a Proxy trap) is never shown, only that reading threw.
import { DataInscriptionError } from './errors';

/** Deeper than any brain document nests (about 6 levels); also what stops a cycle. */
const MAX_DEPTH = 64;

function fail(path: string, problem: string): never {
  throw new DataInscriptionError(path, problem);
}

/** f(), or a DataInscriptionError at path if it throws (whatever it throws is not looked at). */
function look<T>(path: string, f: () => T): T {
  let ok = false, got: T | undefined;
  try {
    got = f();
    ok = true;
  } catch {
    // a Proxy trap threw: refused below, outside this catch
  }
  return ok ? (got as T) : fail(path, 'must be plain JSON data: reading it threw');
}

/** null, a boolean, a finite number, a string, a dense array or a plain object (prototype Object.prototype, string keys,
 * enumerable data properties), all the way down: returned as a fresh copy that no outside code can change. */
export function plainJson(v: unknown, path = '', depth = 0): unknown {
  if (v === null || typeof v == 'string' || typeof v == 'boolean') return v;
  if (typeof v == 'number') return Number.isFinite(v) ? v : fail(path, `must be JSON data, got ${v}`);
  if (typeof v != 'object') return fail(path, `must be JSON data, got ${v === undefined ? 'nothing' : 'a ' + typeof v}`);
  if (depth >= MAX_DEPTH) fail(path, `must be JSON data nested at most ${MAX_DEPTH} deep`);
  const isArray = look(path, () => Array.isArray(v));
  const what = isArray ? 'an array' : 'an object';
  if (look(path, () => Object.getPrototypeOf(v)) !== (isArray ? Array.prototype : Object.prototype)) {
    fail(path, `must be plain JSON data, got ${what} of another kind (a class instance, or no prototype)`);
  }
  const entries: [string, unknown][] = [];
  let length = 0;
  for (const key of look(path, () => Reflect.ownKeys(v))) {
    if (typeof key != 'string') fail(path, `must be plain JSON data, got ${what} with a symbol key`);
    const at = isArray ? `${path}[${key}]` : path ? `${path}.${key}` : key;
    const d = look(at, () => Reflect.getOwnPropertyDescriptor(v, key));
    if (!d || !('value' in d)) fail(at, 'must be plain JSON data, got a getter or setter');
    if (isArray && key == 'length') length = d!.value as number;
    else if (!d!.enumerable) fail(at, 'must be plain JSON data, got a hidden property');
    else entries.push([key, d!.value]);
  }
  if (isArray) {
    // dense: exactly the indices 0..length-1, and nothing else
    const dense = entries.length == length && entries.every(([key]) => String(Number(key)) === key && Number(key) < length);
    if (!dense) fail(path, `must be plain JSON data, got a sparse array or one with other properties (${entries.length} entries, length ${length})`);
    const copy: unknown[] = new Array(length);
    for (const [key, value] of entries) copy[Number(key)] = plainJson(value, `${path}[${key}]`, depth + 1);
    return copy;
  }
  const copy: Record<string, unknown> = {};
  for (const [key, value] of entries) {
    // defineProperty, so that a key "__proto__" stays a plain key rather than setting the copy's prototype
    Object.defineProperty(copy, key, { value: plainJson(value, path ? `${path}.${key}` : key, depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return copy;
}
