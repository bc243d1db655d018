// Inscription IDs as the preview server assigns them: sha256 of the file's bytes, hex, then "i0".
import { createHash } from 'node:crypto';

export function contentId(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex') + 'i0';
}
