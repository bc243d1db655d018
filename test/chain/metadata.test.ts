// The page's own metadata and ord record: a token's { name, seed, brain, accuracy }, none (404), or a clear problem.
import { describe, expect, it } from 'vitest';
import { fetchMetadata, inscriptionRecord } from '../../src/chain/metadata';
import { encodeCborHex } from '../../tools/collection/cbor';
import { fakeFetch, ID, json, status } from './helpers';

const META = { name: 'Perceptron #3', seed: 'cd'.repeat(32), brain: 'ef'.repeat(32) + 'i4', accuracy: 97.25 };

describe('fetchMetadata', () => {
  it('reads ord\'s JSON string of hex CBOR', async () => {
    const f = fakeFetch({ [`/r/metadata/${ID}`]: json(encodeCborHex(META)) });
    expect(await fetchMetadata(ID, { fetch: f.fn })).toEqual({ kind: 'ok', metadata: { ...META, test: null } });
  });

  it('reads the collection\'s test set ID; one that is not an ID is dropped, the rest kept', async () => {
    const test = '12'.repeat(32) + 'i1';
    const read = (m: Record<string, string | number>) => fetchMetadata(ID, { fetch: fakeFetch({ [`/r/metadata/${ID}`]: json(encodeCborHex(m)) }).fn });
    expect(await read({ ...META, test })).toEqual({ kind: 'ok', metadata: { ...META, test } });
    expect(await read({ ...META, test: 'not an id' })).toEqual({ kind: 'ok', metadata: { ...META, test: null } });
  });

  it('404: none; another failure or bad metadata: a message naming what is wrong', async () => {
    const none = fakeFetch({});
    expect(await fetchMetadata(ID, { fetch: none.fn })).toEqual({ kind: 'none' });
    const cases: [Response, RegExp][] = [
      [status(500), /cannot read the metadata: .*HTTP 500/],
      [json({ hex: 'a0' }), /did not answer a JSON string/],
      [json('a1ff'), /bad metadata: CBOR byte 1: break/],
      [json(encodeCborHex({ ...META, brain: 'my brain' })), /"brain" must be an inscription ID/],
      [json(encodeCborHex({ ...META, seed: 12 })), /"seed" must be 64 lowercase hex digits/],
      [new Response('{not json', { status: 200 }), /bad metadata: /],
    ];
    for (const [answer, why] of cases) {
      const r = await fetchMetadata(ID, { fetch: fakeFetch({ [`/r/metadata/${ID}`]: answer }).fn });
      expect(r.kind).toBe('bad');
      expect((r as { message: string }).message).toMatch(why);
    }
  });
});

describe('inscriptionRecord', () => {
  it('gives the height and the delegate; nulls for anything else', async () => {
    const rec = (v: unknown) => inscriptionRecord(ID, { fetch: fakeFetch({ [`/r/inscription/${ID}`]: json(v) }).fn });
    expect(await rec({ height: 880123, delegate: META.brain, extra: 1 })).toEqual({ height: 880123, delegate: META.brain });
    expect(await rec({ height: 5, delegate: null })).toEqual({ height: 5, delegate: null });
    expect(await rec({ height: -1, delegate: 'x' })).toEqual({ height: null, delegate: null });
    expect(await rec(null)).toEqual({ height: null, delegate: null });
    expect(await inscriptionRecord(ID, { fetch: fakeFetch({}).fn })).toEqual({ height: null, delegate: null });
  });
});
