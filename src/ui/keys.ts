// The key map: one table drives both the keyboard handler and the help overlay, so help cannot drift.
export type Action = 'open' | 'upgrade' | 'restore' | 'info' | 'save' | 'help' | 'close';

/** [keys as shown, what it does, action, pointer/touch equivalent]. */
export const KEYS: readonly (readonly [string, string, Action, string])[] = [
  ['O', 'open an image to classify (or drop or paste one)', 'open', 'long-press, or the ◫ button'],
  ['U', 'upgrade: plug in another brain by its inscription ID', 'upgrade', 'the ⇪ button'],
  ['Shift+U', 'restore the default brain', 'restore', 'the button in the U dialog'],
  ['I', 'info: traits, brain, life, block height, fee', 'info', 'tap'],
  ['S', 'save the current frame as PNG', 'save', 'the button in the info panel'],
  ['H or ?', 'this help', 'help', 'the ? button'],
  ['Esc', 'close the open panel', 'close', 'the × button'],
];

export interface KeyLike {
  key: string;
  shiftKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
}

/** The action a key press asks for, or null (modified keys such as Ctrl+V stay with the browser). */
export function actionFor(e: KeyLike): Action | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  if (e.key === 'Escape') return 'close';
  if (e.key === '?') return 'help';
  const k = e.key.toLowerCase();
  if (k === 'u') return e.shiftKey ? 'restore' : 'upgrade';
  return ({ o: 'open', i: 'info', s: 'save', h: 'help' } as Record<string, Action>)[k] ?? null;
}
