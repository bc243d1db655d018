// A small, strict CBOR reader (RFC 8949) for inscription metadata: the subset ord's YAML → CBOR produces (ciborium
// serialising serde_yaml values): definite-length maps, arrays and text strings, unsigned and negative integers,
// false/true/null and half/single/double floats. Anything else (byte strings, tags, indefinite lengths, undefined,
// simple values, trailing bytes, non-text map keys) is refused with an error that names it and its byte offset.
import { halfToFloat } from '../nn/float16';

export class CborError extends Error {}

export type CborValue = string | number | boolean | null | CborValue[] | { [key: string]: CborValue };

/** Deep enough for any metadata a person writes; a hostile document cannot recurse the stack away. */
const MAX_DEPTH = 32;

/** Decodes hex-encoded CBOR (as /r/metadata answers it) into plain JS values. Throws CborError. */
export function decodeCborHex(hex: string): CborValue {
  if (typeof hex !== 'string' || hex.length % 2 || !/^[0-9a-fA-F]*$/.test(hex)) {
    throw new CborError('metadata is not hex-encoded CBOR (an even number of hex digits)');
  }
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return decodeCbor(bytes);
}

export function decodeCbor(bytes: Uint8Array): CborValue {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  const fail = (what: string, where = at): never => {
    throw new CborError(`CBOR byte ${where}: ${what}`);
  };
  const need = (n: number): number => {
    if (at + n > bytes.length) fail(`truncated (needs ${n} more byte${n > 1 ? 's' : ''})`);
    const start = at;
    at += n;
    return start;
  };

  /** The argument of an initial byte's additional info: the value itself, or the 1/2/4/8 bytes after it. */
  function argument(info: number, start: number): number {
    if (info < 24) return info;
    if (info === 24) return view.getUint8(need(1));
    if (info === 25) return view.getUint16(need(2));
    if (info === 26) return view.getUint32(need(4));
    if (info === 27) {
      const big = view.getBigUint64(need(8));
      if (big > BigInt(Number.MAX_SAFE_INTEGER)) fail('integer beyond 2^53 (not representable exactly)', start);
      return Number(big);
    }
    return fail(info === 31 ? 'indefinite length (ord writes definite lengths only)' : `reserved additional info ${info}`, start);
  }

  function item(depth: number): CborValue {
    if (depth > MAX_DEPTH) fail(`nested deeper than ${MAX_DEPTH}`);
    const start = need(1), initial = bytes[start], major = initial >> 5, info = initial & 31;
    if (major === 7) return simple(info, start);
    const n = argument(info, start);
    switch (major) {
      case 0: return n;
      case 1: return -1 - n;
      case 2: return fail('byte string (not supported in metadata here)', start);
      case 3: {
        const from = need(n);
        try {
          return new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(from, from + n));
        } catch {
          return fail('text string is not valid UTF-8', start);
        }
      }
      case 4: {
        const list: CborValue[] = [];
        for (let i = 0; i < n; i++) list.push(item(depth + 1));
        return list;
      }
      case 5: {
        const map: { [key: string]: CborValue } = Object.create(null);
        for (let i = 0; i < n; i++) {
          const keyAt = at, key = item(depth + 1);
          if (typeof key !== 'string') fail('map key is not a text string', keyAt);
          if (Object.prototype.hasOwnProperty.call(map, key as string)) fail(`duplicate map key ${JSON.stringify(key)}`, keyAt);
          map[key as string] = item(depth + 1);
        }
        return map;
      }
      default: return fail(`tag ${n} (tags are not supported in metadata here)`, start);
    }
  }

  function simple(info: number, start: number): CborValue {
    if (info === 20) return false;
    if (info === 21) return true;
    if (info === 22) return null;
    if (info === 25) return halfToFloat(view.getUint16(need(2)));
    if (info === 26) return view.getFloat32(need(4));
    if (info === 27) return view.getFloat64(need(8));
    if (info === 23) return fail('undefined (not a JSON value)', start);
    return fail(info === 31 ? 'break outside an indefinite-length item' : `simple value ${info}`, start);
  }

  const value = item(0);
  if (at !== bytes.length) fail(`${bytes.length - at} trailing byte(s) after the metadata`);
  return value;
}
