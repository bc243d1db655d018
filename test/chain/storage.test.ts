import { describe, expect, it } from 'vitest';
import { createSafeStorage } from '../../src/chain/index';

function mapStorage(opts: { failWrites?: boolean } = {}) {
  const m = new Map<string, string>();
  return {
    m,
    s: {
      getItem: (k: string) => m.get(k) ?? null,
      setItem: (k: string, v: string) => {
        if (opts.failWrites) throw new DOMException('quota', 'QuotaExceededError');
        m.set(k, v);
      },
      removeItem: (k: string) => void m.delete(k),
    },
  };
}

describe('safeStorage', () => {
  it('uses localStorage when it works', () => {
    const b = mapStorage();
    const st = createSafeStorage(() => b.s);
    expect(st.get('k')).toBeNull();
    st.set('k', 'v');
    expect(b.m.get('k')).toBe('v');
    expect(st.get('k')).toBe('v');
    st.remove('k');
    expect(b.m.has('k')).toBe(false);
    expect(st.get('k')).toBeNull();
  });

  it('reads what an earlier session stored', () => {
    const b = mapStorage();
    b.m.set('perceptron.brain.x', 'id');
    expect(createSafeStorage(() => b.s).get('perceptron.brain.x')).toBe('id');
  });

  it('keeps values in memory when localStorage throws (sandboxed iframe, opaque origin)', () => {
    const st = createSafeStorage(() => {
      throw new DOMException("Failed to read the 'localStorage' property from 'Window'", 'SecurityError');
    });
    expect(st.get('k')).toBeNull();
    st.set('k', 'v');
    expect(st.get('k')).toBe('v');
    st.remove('k');
    expect(st.get('k')).toBeNull();
  });

  it('works without any localStorage (Node, old browsers)', () => {
    const st = createSafeStorage(() => undefined);
    st.set('a', '1');
    expect(st.get('a')).toBe('1');
  });

  it('falls back to memory when a write fails (quota)', () => {
    const b = mapStorage({ failWrites: true });
    const st = createSafeStorage(() => b.s);
    st.set('k', 'v');
    expect(b.m.has('k')).toBe(false);
    expect(st.get('k')).toBe('v');
  });

  it('survives getItem throwing', () => {
    const st = createSafeStorage(() => ({
      getItem: () => {
        throw new Error('boom');
      },
      setItem: () => {},
      removeItem: () => {},
    }));
    expect(st.get('k')).toBeNull();
  });

  it('answers a string or null whatever getItem returns (a hostile or broken backing)', () => {
    for (const value of [42, { id: 1 }, () => 0, Symbol('s'), undefined, true]) {
      const st = createSafeStorage(() => ({ getItem: () => value as never, setItem: () => {}, removeItem: () => {} }));
      expect(st.get('k'), String(typeof value)).toBeNull();
    }
  });
});
