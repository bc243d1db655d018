// plainJson: a copy of a JavaScript value made of plain JSON data only, so that the decoder never meets a getter, a
// Proxy trap, a symbol or a prototype it did not expect. Anything else is refused with a DataInscriptionError naming
// where it is; a value thrown while looking (by a Proxy trap) is never shown, only that reading threw.
// Linear and allocation-light: a document within the download cap (millions of array entries) is copied in tens of
// milliseconds, because the path to a value is a stack of keys that is turned into text only for an error message.
import { DataInscriptionError } from './errors';

/** Deeper than any brain document nests (about 6 levels); also what stops a cycle. */
const MAX_DEPTH = 64;

/** The keys from the document's root down to the value being copied: an index (number) or a property name. */
type Path = (string | number)[];

/** The path as the decoder's messages write it: `layers[0].config`. */
const pathText = (path: Path): string =>
  path.map((k, i) => (typeof k == 'number' ? `[${k}]` : i ? '.' + k : k)).join('');

function fail(path: Path, problem: string): never {
  throw new DataInscriptionError(pathText(path), problem);
}

/** f(), or a DataInscriptionError at path if it throws (whatever it throws is not looked at). */
function look<T>(path: Path, f: () => T): T {
  let ok = false, got: T | undefined;
  try {
    got = f();
    ok = true;
  } catch {
    // a Proxy trap threw: refused below, outside this catch
  }
  return ok ? (got as T) : fail(path, 'must be plain JSON data: reading it threw');
}

/** The value of own property key of container v: an enumerable data property (not a getter, not hidden). */
function ownValue(v: object, key: string | number, path: Path, absent: string): unknown {
  path.push(key);
  let d: PropertyDescriptor | undefined;
  try {
    d = Reflect.getOwnPropertyDescriptor(v, key);
  } catch {
    fail(path, 'must be plain JSON data: reading it threw');
  }
  if (!d) fail(path, `must be plain JSON data, got ${absent}`);
  if (!('value' in d)) fail(path, 'must be plain JSON data, got a getter or setter');
  if (!d.enumerable) fail(path, 'must be plain JSON data, got a hidden property');
  path.pop();
  return d.value;
}

/** null, a boolean, a finite number, a string, a dense array or a plain object (prototype Object.prototype, string keys,
 * enumerable data properties), all the way down: returned as a fresh copy that no outside code can change. An array's
 * copy holds its indices only. */
export function plainJson(v: unknown): unknown {
  return copy(v, [], 0);
}

function copy(v: unknown, path: Path, depth: number): unknown {
  if (v === null || typeof v == 'string' || typeof v == 'boolean') return v;
  if (typeof v == 'number') return Number.isFinite(v) ? v : fail(path, `must be JSON data, got ${v}`);
  if (typeof v != 'object') return fail(path, `must be JSON data, got ${v === undefined ? 'nothing' : 'a ' + typeof v}`);
  if (depth >= MAX_DEPTH) fail(path, `must be JSON data nested at most ${MAX_DEPTH} deep`);
  const isArray = look(path, () => Array.isArray(v));
  const what = isArray ? 'an array' : 'an object';
  if (look(path, () => Object.getPrototypeOf(v)) !== (isArray ? Array.prototype : Object.prototype)) {
    fail(path, `must be plain JSON data, got ${what} of another kind (a class instance, or no prototype)`);
  }
  if (look(path, () => Object.getOwnPropertySymbols(v)).length) fail(path, `must be plain JSON data, got ${what} with a symbol key`);
  if (isArray) {
    // Every index 0..length-1 must be an enumerable data property (ownValue checks each); the copy holds those and
    // nothing else, so a named property on an array is left behind rather than listed: listing an array's keys
    // (Reflect.ownKeys, Object.keys) writes out every index as text, a second for a million entries.
    const length: unknown = look(path, () => Reflect.getOwnPropertyDescriptor(v, 'length'))?.value;
    if (!Number.isSafeInteger(length)) fail(path, 'must be plain JSON data, got an array without a length');
    const out: unknown[] = new Array(length as number);
    for (let i = 0; i < (length as number); i++) {
      const item = ownValue(v, i, path, 'a sparse array');
      path.push(i);
      out[i] = copy(item, path, depth + 1);
      path.pop();
    }
    return out;
  }
  const keys = look(path, () => Reflect.ownKeys(v)) as string[];
  const entries: [string, unknown][] = new Array(keys.length);
  keys.forEach((key, i) => {
    const item = ownValue(v, key, path, 'a hidden property');
    path.push(key);
    entries[i] = [key, copy(item, path, depth + 1)];
    path.pop();
  });
  // fromEntries defines each key, so that a key "__proto__" stays a plain key rather than setting the copy's prototype
  return Object.fromEntries(entries);
}
