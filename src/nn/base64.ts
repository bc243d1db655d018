// Base64 <-> bytes without Node's Buffer or atob, so the same code runs in browsers, Node and bare JS engines.

/** Decodes base64 the caller has already validated (alphabet, optional '=' padding). */
export function base64ToBytes(s: string): Uint8Array<ArrayBuffer> {
  const body = s.replace(/=+$/, ''), out = new Uint8Array((body.length * 3) >> 2);
  for (let i = 0, j = 0, acc = 0, bits = 0, c; i < body.length; i++) {
    // a-z, A-Z, 0-9, '/', '+' -> 26.., 0.., 52.., 63, 62; the high bits lost to int32 overflow were written already
    c = body.charCodeAt(i);
    acc = (acc << 6) | (c > 96 ? c - 71 : c > 64 ? c - 65 : c > 47 ? c + 4 : c > 43 ? 63 : 62);
    bits += 6;
    if (bits > 7) out[j++] = acc >> (bits -= 8);
  }
  return out;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

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
