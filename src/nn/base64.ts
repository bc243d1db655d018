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

/** Encodes bytes as padded base64, in chunks (String.fromCharCode on 4096 codes at a time is fast everywhere). */
export function bytesToBase64(bytes: Uint8Array): string {
  const parts: string[] = [], codes: number[] = [], len = bytes.length;
  for (let i = 0; i < len; ) {
    codes.length = 0;
    for (; codes.length < 4096 && i < len; i += 3) {
      const left = len - i, n = (bytes[i] << 16) | ((left > 1 ? bytes[i + 1] : 0) << 8) | (left > 2 ? bytes[i + 2] : 0);
      codes.push(ALPHABET.charCodeAt(n >> 18), ALPHABET.charCodeAt((n >> 12) & 63),
        left > 1 ? ALPHABET.charCodeAt((n >> 6) & 63) : 61, left > 2 ? ALPHABET.charCodeAt(n & 63) : 61);
    }
    parts.push(String.fromCharCode.apply(null, codes));
  }
  return parts.join('');
}
