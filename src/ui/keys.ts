// The key map: one table drives both the keyboard handler and the help overlay, so help cannot drift.
export type Action = 'open' | 'upgrade' | 'restore' | 'info' | 'save' | 'save4k' | 'border' | 'help' | 'close' | 'explore' | 'move' | 'ask';

/** [keys as shown, what it does, action, pointer/touch equivalent]. */
export const KEYS: readonly (readonly [string, string, Action, string])[] = [
  ['O', 'classify an image', 'open', 'long press, ◫'],
  ['U', 'plug in another brain', 'upgrade', '⇪'],
  ['Shift+U', 'restore the default brain', 'restore', 'in ⇪'],
  ['I', 'traits, brain, life, chain', 'info', 'tap'],
  ['S', 'save a PNG', 'save', 'in info'],
  ['K', 'save a 4096 x 4096 PNG', 'save4k', ''],
  ['B', 'border on or off', 'border', ''],
  ['E', 'explore the neurons', 'explore', 'tap a neuron'],
  ['← or → or ↑ or ↓', 'exploring: move between layers and neurons', 'move', 'tap another'],
  ['Enter', 'exploring: ask the neuron what it does', 'ask', 'tap a neuron'],
  ['H or ?', 'this help', 'help', '?'],
  ['Escape', 'close the panel, then leave exploring', 'close', '×'],
];

/** The arrow keys as KEYS shows them. */
const ARROWS: Record<string, string> = { ArrowLeft: '←', ArrowRight: '→', ArrowUp: '↑', ArrowDown: '↓' };

export interface KeyLike {
  key: string;
  shiftKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
}

/** The action a key press asks for, or null (modified keys such as Ctrl+V stay with the browser). Read from KEYS:
 * letters in either case, alternatives joined by ' or '; Shift+U is the one shifted key. */
export function actionFor(e: KeyLike): Action | null {
  const k = ARROWS[e.key] ?? e.key.toLowerCase();
  return e.ctrlKey || e.metaKey || e.altKey ? null : k === 'u' && e.shiftKey ? 'restore'
    : KEYS.find(([keys]) => keys.toLowerCase().split(' or ').includes(k))?.[2] ?? null;
}
