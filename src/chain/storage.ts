// localStorage throws in sandboxed iframes (opaque origin, as explorers frame inscriptions): fall back to memory,
// so a setting then lasts for the session only. Never throws.

export interface SafeStorage {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
  /** false when values only live in memory (no storage, or a write failed). */
  readonly persistent: boolean;
}

type Backing = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export function createSafeStorage(open: () => Backing | null | undefined = () => globalThis.localStorage): SafeStorage {
  const memory = new Map<string, string | null>(); // null = removed here (the backing may still hold it)
  let backing: Backing | null | undefined;
  let ok = true;
  const store = (): Backing | null => {
    if (backing === undefined) {
      try {
        const s = open();
        const probe = '__perceptrons_probe__';
        s!.setItem(probe, '1');
        s!.removeItem(probe);
        backing = s!;
      } catch {
        backing = null;
      }
    }
    return backing;
  };
  const attempt = (fn: (s: Backing) => void): void => {
    const s = store();
    if (!s) return;
    try {
      fn(s);
    } catch {
      ok = false;
    }
  };
  return {
    get(key) {
      if (memory.has(key)) return memory.get(key)!;
      try {
        return store()?.getItem(key) ?? null;
      } catch {
        return null;
      }
    },
    set(key, value) {
      memory.set(key, value);
      attempt((s) => s.setItem(key, value));
    },
    remove(key) {
      memory.set(key, null);
      attempt((s) => s.removeItem(key));
    },
    get persistent() {
      return store() !== null && ok;
    },
  };
}

export const safeStorage: SafeStorage = createSafeStorage();
