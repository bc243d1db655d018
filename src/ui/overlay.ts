// One modal panel at a time: labelled dialog, focus kept inside (Tab wraps), focus restored on close.
import { h } from './dom';

export interface Overlay {
  open(name: string, label: string, body: Node[]): HTMLElement;
  close(): void;
  /** Which panel is open ('' when none). */
  readonly current: string;
  /** Keeps Tab inside the panel; returns true when it handled the event. */
  trap(e: KeyboardEvent): boolean;
}

const FOCUSABLE = 'button,input'; // all a panel holds

export function createOverlay(root: HTMLElement, onClose: () => void = () => {}): Overlay {
  let panel: HTMLElement | null = null;
  let current = '';
  let before: Element | null = null;

  const close = (): void => {
    if (!panel) return;
    panel.remove();
    panel = null;
    current = '';
    if (before instanceof HTMLElement) before.focus();
    onClose();
  };

  return {
    get current() {
      return current;
    },
    open(name, label, body) {
      if (panel) {
        panel.remove();
        panel = null;
      } else before = document.activeElement;
      const x = h('button', { type: 'button', class: 'x', 'aria-label': 'close' }, '×');
      x.onclick = close;
      panel = h('div', { role: 'dialog', 'aria-modal': 'true', 'aria-label': label, class: 'ov', tabindex: '-1' },
        x, h('h2', {}, label), ...body);
      panel.dataset.panel = name;
      current = name;
      root.append(panel);
      (panel.querySelector<HTMLElement>('input') ?? panel).focus();
      return panel;
    },
    close,
    trap(e) {
      if (!panel || e.key !== 'Tab') return false;
      const f = Array.from(panel.querySelectorAll<HTMLElement>(FOCUSABLE));
      if (!f.length) return false;
      const i = f.indexOf(document.activeElement as HTMLElement);
      const next = e.shiftKey ? (i <= 0 ? f.length - 1 : i - 1) : i < 0 || i === f.length - 1 ? 0 : i + 1;
      f[next].focus();
      e.preventDefault();
      return true;
    },
  };
}
