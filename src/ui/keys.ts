// The key map: one table drives both the keyboard handler and the help overlay, so help cannot drift.
export type Action = 'open' | 'upgrade' | 'restore' | 'info' | 'save' | 'save4k' | 'border' | 'help' | 'close' | 'explore' | 'move' | 'ask';

/** One key binding: the keys that do it (as shown; any of them), what it does, its action, its pointer/touch
 * equivalent. */
export interface KeyBinding {
  keys: readonly string[];
  does: string;
  action: Action;
  touch: string;
}

export const KEYS: readonly KeyBinding[] = [
  { keys: ['O'], does: 'classify an image', action: 'open', touch: 'long press, ◫' },
  { keys: ['U'], does: 'plug in another brain', action: 'upgrade', touch: '⇪' },
  { keys: ['Shift+U'], does: 'restore the default brain', action: 'restore', touch: 'in ⇪' },
  { keys: ['I'], does: 'traits, brain, life, chain', action: 'info', touch: 'tap' },
  { keys: ['S'], does: 'save a PNG', action: 'save', touch: 'in info' },
  { keys: ['K'], does: 'save a 4096 x 4096 PNG', action: 'save4k', touch: '' },
  { keys: ['B'], does: 'border on or off', action: 'border', touch: '' },
  { keys: ['E'], does: 'explore the neurons', action: 'explore', touch: 'tap a neuron' },
  { keys: ['←', '→', '↑', '↓'], does: 'exploring: move between layers and neurons', action: 'move', touch: 'tap another' },
  { keys: ['Enter'], does: 'exploring: ask the neuron what it does', action: 'ask', touch: 'tap a neuron' },
  { keys: ['H', '?'], does: 'this help', action: 'help', touch: '?' },
  { keys: ['Escape'], does: 'close the panel, then leave exploring', action: 'close', touch: '×' },
];

/** A binding's keys as the help shows them: "H or ?". */
export const keysShown = (binding: KeyBinding): string => binding.keys.join(' or ');

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
 * letters in either case; Shift+U is the one shifted key. */
export function actionFor(e: KeyLike): Action | null {
  const k = ARROWS[e.key] ?? e.key.toLowerCase();
  return e.ctrlKey || e.metaKey || e.altKey ? null : k === 'u' && e.shiftKey ? 'restore'
    : KEYS.find((binding) => binding.keys.some((key) => key.toLowerCase() === k))?.action ?? null;
}
