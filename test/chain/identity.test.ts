import { describe, expect, it } from 'vitest';
import { ownIdentity, seedOf } from '../../src/chain/index';
import { ID } from './helpers';

const BAKED = 'ab'.repeat(32);
const TXID = ID.slice(0, 64);
const loc = (pathname: string, search = '') => ({ pathname, search });

describe('ownIdentity', () => {
  it('takes the ID from /content/<id> and /preview/<id> (ord self-reference)', () => {
    expect(ownIdentity(loc(`/content/${ID}`), BAKED)).toEqual({ seed: TXID, id: ID, source: 'path' });
    expect(ownIdentity(loc(`/preview/${ID}`), BAKED)).toEqual({ seed: TXID, id: ID, source: 'path' });
    expect(ownIdentity(loc(`/some/proxy/content/${ID}/`), BAKED)).toMatchObject({ id: ID, source: 'path' });
    expect(ownIdentity(loc(`/content/${ID.toUpperCase().replace('I0', 'i0')}`), BAKED)).toMatchObject({ id: ID });
  });

  it('prefers the path over the query', () => {
    const other = 'cd'.repeat(32) + 'i0';
    expect(ownIdentity(loc(`/content/${ID}`, `?id=${other}`), BAKED).id).toBe(ID);
  });

  it('falls back to ?id= then ?hash= (an ID or a bare 64-hex seed)', () => {
    expect(ownIdentity(loc('/index.html', `?id=${ID}`), BAKED)).toEqual({ seed: TXID, id: ID, source: 'query' });
    expect(ownIdentity(loc('/', `?hash=${'CD'.repeat(32)}`), BAKED)).toEqual({ seed: 'cd'.repeat(32), id: null, source: 'query' });
    expect(ownIdentity(loc('/', `?id=nonsense&hash=${ID}`), BAKED)).toMatchObject({ id: ID, source: 'query' });
  });

  it('falls back to the baked seed (file://, other hosts, junk)', () => {
    for (const [p, q] of [['/x/inscription.html', ''], ['/content/abc', '?id=zz'], [`/content/${ID}x`, ''], [`/r/blockinfo/${ID}`, '']]) {
      expect(ownIdentity(loc(p, q), BAKED)).toEqual({ seed: BAKED, id: null, source: 'baked' });
    }
  });

  it('gives later inscriptions of one transaction distinct 64-hex seeds', () => {
    const seeds = new Set([0, 1, 2, 255, 4294967295].map((n) => seedOf(`${TXID}i${n}`)));
    expect(seeds.size).toBe(5);
    for (const s of seeds) expect(s).toMatch(/^[0-9a-f]{64}$/);
    expect(seedOf(`${TXID}i0`)).toBe(TXID);
    expect(seedOf(`${TXID}i1`)).toBe(seedOf(`${TXID}i1`));
  });
});
