// Base64 <-> bytes without Node's Buffer, so the same code runs in browsers and Node.

/** Decodes base64 the caller has already validated (alphabet; '=' padding optional, but only as much as it needs). */
export function base64ToBytes(s: string): Uint8Array<ArrayBuffer> {
  const binary = atob(s), out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
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
