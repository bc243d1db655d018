// ord's inscription properties (tag 17), against bytes worked out by hand from the CDDL in ord's
// docs/src/inscriptions/properties.md (integer keys, definite lengths, a field left out when empty) and the field order
// of ord's src/properties.rs; and which of the inline, packed and brotli'd forms ord keeps.
import { createHash } from 'node:crypto';
import { brotliDecompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodeProperties, propertiesCbor, tokenAttributes } from '../../tools/collection/properties';
import { generateGenome } from '../../src/art/traits';
import { tokenSeed } from '../../tools/collection/token-seed';

const hex = (b: Uint8Array | null) => (b ? Buffer.from(b).toString('hex') : null);
const str = (s: string) => Buffer.from(s).toString('hex');

describe('properties CBOR', () => {
  it('writes a title and traits as Properties { 1: Attributes { 0: title, 1: traits } }', () => {
    const cbor = propertiesCbor({
      title: 'Perceptron #7',
      traits: [['Neurons', 19], ['Activation', 'ReLU'], ['Alive', true], ['Note', null], ['Delta', -3], ['Big', 1000]],
    });
    expect(hex(cbor)).toBe([
      'a1', // Properties: a map of 1 (no gallery, key 0; no txids, key 2)
      '01', 'a2', // key 1: Attributes, a map of 2
      '00', '6d' + str('Perceptron #7'), // key 0: title, text of 13 bytes
      '01', 'a6', // key 1: traits, a map of 6, in order
      '67' + str('Neurons'), '13', // 19: an unsigned integer under 24
      '6a' + str('Activation'), '64' + str('ReLU'),
      '65' + str('Alive'), 'f5', // true
      '64' + str('Note'), 'f6', // null
      '65' + str('Delta'), '22', // -3: major type 1, argument 2
      '63' + str('Big'), '1903e8', // 1000: a two-byte argument
    ].join(''));
  });

  it('leaves out what is empty: a title alone, and nothing at all', () => {
    expect(hex(propertiesCbor({ title: 'A' }))).toBe('a1' + '01' + 'a1' + '00' + '6141');
    expect(hex(propertiesCbor({ traits: [['x', false]] }))).toBe('a1' + '01' + 'a1' + '01' + 'a1' + '6178' + 'f4');
    expect(propertiesCbor({})).toBeNull();
    expect(propertiesCbor({ traits: [] })).toBeNull();
    expect(encodeProperties({})).toBeNull();
  });

  // txid 01 followed by 31 zero bytes as shown; ord stores it reversed (31 zero bytes, then 01) and the index
  // little-endian without trailing zeros (i0: nothing, i1: 01)
  const txA = '01' + '00'.repeat(31), txB = '02' + '00'.repeat(31);
  const rev = (t: string) => Buffer.from(t, 'hex').reverse().toString('hex');
  const gallery = { gallery: [{ id: `${txA}i0`, title: 'A' }, { id: `${txB}i1` }] };

  it('writes a gallery inline: each item { 0: its ID as bytes, 1: its attributes }', () => {
    expect(hex(propertiesCbor(gallery))).toBe([
      'a1', '00', '82', // Properties { 0: [2 items] }
      'a2', '00', '5820' + rev(txA), '01', 'a1', '00', '6141', // { 0: 32 bytes, 1: { 0: "A" } }
      'a1', '00', '5821' + rev(txB) + '01', // { 0: 33 bytes: txid + index 1 }
    ].join(''));
  });

  it('writes a gallery packed: the txids together under key 2, each item\'s index under its key 2 when not 0', () => {
    expect(hex(propertiesCbor(gallery, true))).toBe([
      'a2', '00', '82', // Properties { 0: [2 items], 2: txids }
      'a1', '01', 'a1', '00', '6141', // { 1: { 0: "A" } } (index 0: left out)
      'a1', '02', '01', // { 2: 1 }
      '02', '5840' + rev(txA) + rev(txB), // 64 bytes
    ].join(''));
  });

  it('refuses what ord\'s traits cannot hold', () => {
    expect(() => propertiesCbor({ traits: [['Accuracy', 97.5]] })).toThrow(/"Accuracy": 97.5 is not an integer/);
    expect(() => propertiesCbor({ traits: [['a', 1], ['a', 2]] })).toThrow(/unique/);
  });
});

describe('what ord keeps', () => {
  it('keeps the shortest form, and brotli (tag 19 "br") only when it is shorter', () => {
    const g = generateGenome(tokenSeed('perceptrons', 3));
    const token = tokenAttributes(3, g.features, 0.9755);
    expect(token.title).toBe('Perceptron #3');
    expect(token.traits).toEqual([...Object.entries(g.features), ['Held-out Accuracy', '97.55%']]);
    const plain = propertiesCbor(token)!, kept = encodeProperties(token)!;
    expect(kept.bytes.length).toBeLessThanOrEqual(plain.length);
    if (kept.encoding === 'br') expect(brotliDecompressSync(kept.bytes).equals(Buffer.from(plain))).toBe(true);
    else expect(hex(kept.bytes)).toBe(hex(plain));
    expect(hex(encodeProperties(token, false)!.bytes)).toBe(hex(plain)); // without --compress: never brotli

    // a gallery of 100 tokens (txids: as random as real ones) repeats its trait names: brotli wins, packed is shorter
    const items = Array.from({ length: 100 }, (_, i) => ({ id: `${createHash('sha256').update(String(i)).digest('hex')}i0`, ...tokenAttributes(i, g.features, 0.97) }));
    const big = encodeProperties({ gallery: items })!;
    expect(big.encoding).toBe('br');
    const inline = propertiesCbor({ gallery: items })!, packed = propertiesCbor({ gallery: items }, true)!;
    expect(packed.length).toBeLessThan(inline.length);
    expect([hex(inline), hex(packed)]).toContain(hex(brotliDecompressSync(big.bytes)));
    expect(big.bytes.length).toBeLessThan(packed.length / 2);
  });
});
