// The page's strict CBOR reader against RFC 8949's vectors and the Node-side encoder that writes metadata as ord does.
import { describe, expect, it } from 'vitest';
import { CborError, decodeCborHex } from '../../src/chain/cbor';
import { tokenMetadata } from '../../src/chain/metadata';
import { encodeCborHex, toYaml } from '../../tools/collection/cbor';

describe('decodeCborHex', () => {
  // RFC 8949 appendix A
  it.each([
    ['00', 0], ['17', 23], ['1818', 24], ['1903e8', 1000], ['1a000f4240', 1000000], ['1b000000e8d4a51000', 1000000000000],
    ['20', -1], ['3863', -100], ['f90000', 0], ['f93c00', 1], ['f93e00', 1.5], ['f97bff', 65504], ['fa47c35000', 100000],
    ['f90001', 5.960464477539063e-8], ['f9c400', -4], ['fb3ff199999999999a', 1.1], ['f97c00', Infinity],
    ['f4', false], ['f5', true], ['f6', null], ['60', ''], ['6449455446', 'IETF'], ['62c3bc', 'ü'],
    ['80', []], ['83010203', [1, 2, 3]], ['a0', {}], ['a26161016162820203', { a: 1, b: [2, 3] }],
  ])('%s', (hex, value) => expect(decodeCborHex(hex)).toEqual(value));

  it.each([
    ['', 'truncated'], ['1b0020000000000000', 'beyond 2^53'], ['4401020304', 'byte string'], ['c074', 'tag 0'],
    ['9fff', 'indefinite length'], ['7f', 'indefinite length'], ['f7', 'undefined'], ['f0', 'simple value 16'],
    ['ff', 'break'], ['a1', 'truncated'], ['0000', 'trailing'], ['a10101', 'map key is not a text string'],
    ['a2616101616102', 'duplicate map key "a"'], ['62c328', 'not valid UTF-8'], ['1c', 'reserved additional info 28'],
    ['abc', 'not hex'], ['zz', 'not hex'], ['81'.repeat(40) + '00', 'nested deeper'],
  ])('refuses %s (%s)', (hex, why) => {
    expect(() => decodeCborHex(hex)).toThrow(CborError);
    expect(() => decodeCborHex(hex)).toThrow(why);
  });
});

describe('encodeCborHex (ciborium\'s encoding of ord YAML metadata)', () => {
  it('writes the shortest integer and float forms, maps in key order', () => {
    expect(encodeCborHex(0)).toBe('00');
    expect(encodeCborHex(500)).toBe('1901f4');
    expect(encodeCborHex(-1)).toBe('20');
    expect(encodeCborHex(-500)).toBe('3901f3');
    expect(encodeCborHex(2 ** 32)).toBe('1b0000000100000000');
    expect(encodeCborHex(0.5)).toBe('f93800');
    expect(encodeCborHex(1.5)).toBe('f93e00');
    expect(encodeCborHex(100000.5)).toBe('fa47c35040');
    expect(encodeCborHex(98.12)).toBe('fb405887ae147ae148'); // not exact in single precision: a double
    expect(encodeCborHex(5.960464477539063e-8)).toBe('f90001');
    expect(encodeCborHex({ b: 1, a: [true, null, 'x'] })).toBe('a2616201616183f5f66178');
  });

  it('round-trips token metadata through the page reader', () => {
    const meta = { name: 'Perceptron #7', seed: 'a'.repeat(64), brain: 'b'.repeat(64) + 'i3', accuracy: 97.55 };
    expect(decodeCborHex(encodeCborHex(meta))).toEqual(meta);
    expect(tokenMetadata(decodeCborHex(encodeCborHex(meta)))).toEqual({ ...meta, test: null });
    // the YAML ord reads is JSON flow style: strings stay strings even when they look like numbers
    expect(JSON.parse(toYaml({ seed: '1e5' + '0'.repeat(61) }))).toEqual({ seed: '1e5' + '0'.repeat(61) });
  });

  it('tokenMetadata names the wrong field', () => {
    expect(() => tokenMetadata([])).toThrow('not a map');
    expect(() => tokenMetadata({ seed: 'x', brain: 'b'.repeat(64) + 'i0' })).toThrow('"seed"');
    expect(() => tokenMetadata({ seed: 'a'.repeat(64), brain: 'nope' })).toThrow('"brain"');
    expect(() => tokenMetadata({ seed: 'a'.repeat(64), brain: 'b'.repeat(64) + 'i0', accuracy: 'high' })).toThrow('"accuracy"');
  });
});
