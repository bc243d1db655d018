// Base64 <-> bytes without Node's Buffer, so the same code runs in browsers and Node.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Decodes base64 the caller has already validated (alphabet, optional '=' padding). */
export function base64ToBytes(s: string): Uint8Array<ArrayBuffer> {
  const body = s.replace(/=+$/, '');
  if (typeof atob !== 'function') return base64ToBytesFallback(body);
  const bin = atob(body);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Plain-JS decoder for engines without atob (exported for tests). */
export function base64ToBytesFallback(s: string): Uint8Array<ArrayBuffer> {
  const body = s.replace(/=+$/, '');
  const out = new Uint8Array((body.length * 3) >> 2);
  for (let i = 0, j = 0, acc = 0, bits = 0; i < body.length; i++) {
    acc = ((acc & 0xffff) << 6) | ALPHABET.indexOf(body[i]);
    bits += 6;
    if (bits >= 8) out[j++] = acc >> (bits -= 8);
  }
  return out;
}

/** Encodes bytes as padded base64 (btoa when present). */
export function bytesToBase64(bytes: Uint8Array): string {
  if (typeof btoa === 'function') {
    let bin = '';
    for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(bin);
  }
  let s = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const left = bytes.length - i;
    s += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + (left > 1 ? ALPHABET[(n >> 6) & 63] : '=') + (left > 2 ? ALPHABET[n & 63] : '=');
  }
  return s;
}
