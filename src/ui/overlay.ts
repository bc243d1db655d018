// One modal panel at a time: labelled dialog, focus kept inside (Tab wraps), focus restored on close.
import { button, h, type Child } from './dom';

export interface Overlay {
  /** onClose: what the panel's × does (default: close()), e.g. what Escape does for that panel */
  open(name: string, label: string, body: Child[], onClose?: () => void): HTMLElement;
  close(): void;
  /** Which panel is open ('' when none). */
  readonly current: string;
  /** Keeps Tab inside the panel; returns true when it handled the event. */
  trap(e: KeyboardEvent): boolean;
}

export function createOverlay(root: HTMLElement): Overlay {
  let panel: HTMLElement | null = null;
  let before: Element | null = null;
  const o: Overlay = {
    get current() {
      return panel?.dataset.panel ?? '';
    },
    open(name, label, body, onClose = o.close) {
      if (panel) panel.remove();
      else before = document.activeElement;
      panel = h('div', { role: 'dialog', 'aria-modal': 'true', 'aria-label': label, class: 'ov', tabindex: '-1', 'data-panel': name },
        button('×', onClose, { class: 'x', 'aria-label': 'close' }), h('h2', {}, label), ...body);
      root.append(panel);
      (panel.querySelector('input') ?? panel).focus();
      return panel;
    },
    close() {
      if (!panel) return;
      panel.remove();
      panel = null;
      (before as HTMLElement | null)?.focus(); // the canvas, a bar button, or the body after a drop
    },
    trap(e) {
      if (!panel || e.key !== 'Tab') return false;
      // a panel holds only buttons and inputs, and always its close button
      const f = [...panel.querySelectorAll('button,input')] as HTMLElement[], n = f.length, i = f.indexOf(document.activeElement as HTMLElement);
      f.at(e.shiftKey ? Math.max(i, 0) - 1 : (i + 1) % n)!.focus();
      e.preventDefault();
      return true;
    },
  };
  return o;
}
