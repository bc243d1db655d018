// localStorage throws in sandboxed iframes (opaque origin, as explorers frame inscriptions): fall back to memory,
// so a setting then lasts for the session only. Never throws; get() answers a string or null, whatever the backing does.

export interface SafeStorage {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
}

type Backing = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export function createSafeStorage(open: () => Backing | null | undefined = () => globalThis.localStorage): SafeStorage {
  const memory = new Map<string, string | null>(); // null = removed here (the backing may still hold it)
  let backing: Backing | null | undefined;
  try {
    backing = open(); // merely reading localStorage throws in a sandboxed frame
  } catch {}
  const write = (key: string, value: string | null): void => {
    memory.set(key, value);
    try {
      if (value === null) backing?.removeItem(key);
      else backing?.setItem(key, value);
    } catch {} // e.g. over quota: this value lives in memory only
  };
  return {
    get(key) {
      if (memory.has(key)) return memory.get(key)!;
      try {
        const value: unknown = backing?.getItem(key);
        return typeof value === 'string' ? value : null; // a hostile or broken backing may answer anything
      } catch {
        return null;
      }
    },
    set: write,
    remove: (key) => write(key, null),
  };
}

export const safeStorage: SafeStorage = createSafeStorage();
