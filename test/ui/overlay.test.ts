// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { createOverlay } from '../../src/ui/overlay';
import { h } from '../../src/ui/dom';

const tab = (shift = false): KeyboardEvent => new KeyboardEvent('keydown', { key: 'Tab', shiftKey: shift, cancelable: true });

describe('overlay', () => {
  beforeEach(() => void (document.body.innerHTML = ''));

  it('opens one labelled modal dialog at a time and restores focus on close', () => {
    const opener = document.body.appendChild(h('button', {}, 'opener'));
    opener.focus();
    const ov = createOverlay(document.body);
    ov.open('help', 'Keys', [h('p', {}, 'a')]);
    ov.open('info', 'Info', [h('p', {}, 'b')]);
    const dialogs = document.querySelectorAll('[role=dialog]');
    expect(dialogs.length).toBe(1);
    expect(dialogs[0].getAttribute('aria-modal')).toBe('true');
    expect(dialogs[0].getAttribute('aria-label')).toBe('Info');
    expect(ov.current).toBe('info');
    expect(document.activeElement).toBe(dialogs[0]);
    ov.close();
    expect(document.querySelector('[role=dialog]')).toBeNull();
    expect(ov.current).toBe('');
    expect(document.activeElement).toBe(opener);
  });

  it('focuses the first input and keeps Tab inside the dialog, both ways', () => {
    const ov = createOverlay(document.body);
    const input = h('input', {});
    const go = h('button', {}, 'go');
    const panel = ov.open('upgrade', 'Upgrade', [input, go]);
    expect(document.activeElement).toBe(input);
    const close = panel.querySelector('.x') as HTMLElement;
    // order in the panel: close button, input, go
    expect(ov.trap(tab())).toBe(true);
    expect(document.activeElement).toBe(go);
    ov.trap(tab());
    expect(document.activeElement).toBe(close);
    ov.trap(tab(true));
    expect(document.activeElement).toBe(go);
    expect(ov.trap(new KeyboardEvent('keydown', { key: 'a' }))).toBe(false);
  });

  it('has a labelled close button that closes it', () => {
    const ov = createOverlay(document.body);
    const panel = ov.open('help', 'Keys', []);
    const x = panel.querySelector('button.x') as HTMLButtonElement;
    expect(x.getAttribute('aria-label')).toBe('close');
    x.click();
    expect(ov.current).toBe('');
    expect(ov.trap(tab())).toBe(false);
  });
});
