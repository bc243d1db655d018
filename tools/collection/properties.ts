// ord's inscription properties (envelope tag 17): a title and traits on every token, and galleries listing tokens with
// theirs. Encoded as ord encodes them (ord: src/properties.rs, minicbor with integer keys, definite lengths, a field left
// out when empty; docs/src/inscriptions/properties.md gives the CDDL), and chosen as ord chooses them
// (src/inscriptions/inscription.rs, `encode_properties`): the shortest of the inline and packed encodings and, with
// --compress, of their brotli (then tag 19, property encoding, says "br").
import { brotliCompressSync, constants } from 'node:zlib';
import { head } from './cbor';
import { idBytes } from './token';

/** ord's Trait: bool, a 64-bit integer, null or text (no floats: ord's batch file refuses them). */
export type Trait = boolean | number | null | string;
/** Traits in order, each name once (ord keeps them in the batch file's order). */
export type Traits = [string, Trait][];

export interface Attributes {
  title?: string;
  traits?: Traits;
}

export interface GalleryItem extends Attributes {
  id: string;
}

export interface Properties extends Attributes {
  gallery?: GalleryItem[];
}

const text = (s: string): number[] => {
  const b = Buffer.from(s, 'utf8');
  return [...head(3, b.length), ...b];
};
const bytes = (b: Uint8Array): number[] => [...head(2, b.length), ...b];
const uint = (n: number): number[] => head(0, n);

function trait(name: string, v: Trait): number[] {
  if (v === null) return [0xf6];
  if (typeof v === 'boolean') return [v ? 0xf5 : 0xf4];
  if (typeof v === 'string') return text(v);
  if (!Number.isSafeInteger(v)) throw new Error(`trait "${name}": ${v} is not an integer (ord's traits hold no fractions: give it as text)`);
  return v >= 0 ? head(0, v) : head(1, -1 - v);
}

const hasAttributes = (a: Attributes): boolean => a.title !== undefined || !!a.traits?.length;

/** Attributes = { ? 0: title, ? 1: { name => trait } } */
function attributes(a: Attributes): number[] {
  const traits = a.traits ?? [];
  const names = new Set(traits.map(([n]) => n));
  if (names.size !== traits.length) throw new Error('trait names must be unique');
  const out = head(5, (a.title !== undefined ? 1 : 0) + (traits.length ? 1 : 0));
  if (a.title !== undefined) out.push(...uint(0), ...text(a.title));
  if (traits.length) {
    out.push(...uint(1), ...head(5, traits.length));
    for (const [name, v] of traits) out.push(...text(name), ...trait(name, v));
  }
  return out;
}

/** The CBOR ord writes: inline (each gallery item's ID under its key 0) or packed (the txids concatenated under the
 * top-level key 2, each item's index under its key 2 when not 0). null when there is nothing to write. */
export function propertiesCbor(p: Properties, packed = false): Uint8Array | null {
  const gallery = p.gallery ?? [];
  if (!gallery.length && !hasAttributes(p)) return null;
  const txids = packed ? Buffer.concat(gallery.map((g) => idBytes(g.id).subarray(0, 32))) : Buffer.alloc(0);
  const out = head(5, (gallery.length ? 1 : 0) + (hasAttributes(p) ? 1 : 0) + (txids.length ? 1 : 0));
  if (gallery.length) {
    out.push(...uint(0), ...head(4, gallery.length));
    for (const item of gallery) {
      const index = Number(item.id.slice(65));
      const fields: number[][] = [];
      if (!packed) fields.push([...uint(0), ...bytes(idBytes(item.id))]);
      if (hasAttributes(item)) fields.push([...uint(1), ...attributes(item)]);
      if (packed && index) fields.push([...uint(2), ...uint(index)]);
      out.push(...head(5, fields.length), ...fields.flat());
    }
  }
  if (hasAttributes(p)) out.push(...uint(1), ...attributes(p));
  if (txids.length) out.push(...uint(2), ...bytes(txids));
  return Uint8Array.from(out);
}

/** ord's brotli (quality 11, window 24, generic mode), kept only when smaller. */
export function brotliProperties(cbor: Uint8Array): Uint8Array | null {
  const c = brotliCompressSync(cbor, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_LGWIN]: 24,
      [constants.BROTLI_PARAM_LGBLOCK]: 24,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_GENERIC,
      [constants.BROTLI_PARAM_SIZE_HINT]: cbor.length,
    },
  });
  return c.length < cbor.length ? c : null;
}

/** What ord would put in tag 17 (and tag 19): the shortest candidate; on a tie, the first (inline before packed, plain
 * before brotli). */
export function encodeProperties(p: Properties, compress = true): { bytes: Uint8Array; encoding: 'br' | null } | null {
  const inline = propertiesCbor(p), packed = propertiesCbor(p, true);
  if (!inline || !packed) return null;
  const candidates: { bytes: Uint8Array; encoding: 'br' | null }[] = [{ bytes: inline, encoding: null }, { bytes: packed, encoding: null }];
  if (compress) {
    for (const cbor of [inline, packed]) {
      const br = brotliProperties(cbor);
      if (!br) continue;
      // ord refuses the whole batch when properties compress over 30:1 (its decompression-bomb guard)
      if (Math.floor(cbor.length / br.length) > 30) throw new Error(`properties compress ${cbor.length}:${br.length}, over ord's 30:1 limit: ord wallet batch --compress would refuse them`);
      candidates.push({ bytes: br, encoding: 'br' });
    }
  }
  return candidates.reduce((best, c) => (c.bytes.length < best.bytes.length ? c : best));
}

/** A token's properties: its title and every genome feature, then its held-out accuracy (text: traits hold no fractions). */
export function tokenAttributes(index: number, features: Record<string, string | number>, heldoutAccuracy: number): Required<Attributes> {
  return {
    title: `Perceptron #${index}`,
    traits: [...Object.entries(features), ['Held-out Accuracy', `${(heldoutAccuracy * 100).toFixed(2)}%`]],
  };
}
