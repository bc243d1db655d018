// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { helpView, infoView, resultView, upgradeView } from '../../src/ui/views';
import { KEYS, keysShown } from '../../src/ui/keys';
import { cap, h } from '../../src/ui/dom';

const XSS = ['<img src=x onerror="window.__pwned=1">', '<script>window.__pwned=1</script>', '"><svg onload=alert(1)>'];

describe('views', () => {
  beforeEach(() => void (document.body.innerHTML = ''));

  it('help lists every key with its pointer equivalent', () => {
    const box = document.createElement('div');
    box.append(...helpView());
    const text = box.textContent ?? '';
    for (const binding of KEYS) {
      expect(text).toContain(keysShown(binding));
      expect(text).toContain(binding.does);
      expect(text).toContain(binding.touch);
    }
    // alternatives are a list in the table and read as before in the help
    expect(text).toContain('H or ?');
    expect(text).toContain('← or → or ↑ or ↓');
  });

  it('renders untrusted class names as inert, capped text', () => {
    const ranked = [...XSS, 'x'.repeat(500)].map((name, i) => ({ name, p: 0.4 - i * 0.1 }));
    const box = document.body.appendChild(document.createElement('div'));
    box.append(h('div', {}, ...resultView(ranked, new Uint8ClampedArray(2 * 2 * 4).fill(200), 2, 2, '')));
    expect(box.querySelectorAll('img,script,svg').length).toBe(0);
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
    const names = Array.from(box.querySelectorAll('dt'), (e) => e.textContent);
    expect(names[0]).toBe(XSS[0]);
    expect(names[3]!.length).toBe(40);
    expect(names[3]!.endsWith('…')).toBe(true);
  });

  it('draws one bar per class, widest for the most probable, with percentages', () => {
    const box = document.createElement('div');
    box.append(h('div', {}, ...resultView([{ name: 'Nouns', p: 0.75 }, { name: 'Punks', p: 0.25 }], new Uint8ClampedArray(16), 2, 2, 'note here')));
    const items = box.querySelectorAll('dd');
    expect(items.length).toBe(2);
    expect((items[0].querySelector('progress') as HTMLProgressElement).value).toBe(0.75);
    expect(box.querySelector('dl')!.textContent).toBe('Nouns75.0%Punks25.0%');
    expect(box.textContent).toContain('note here');
    const thumb = box.querySelector('canvas')!;
    expect([thumb.width, thumb.height]).toEqual([2, 2]);
  });

  it('a silent network shows the reason and no ranking', () => {
    const box = document.createElement('div');
    box.append(h('div', {}, ...resultView(null, new Uint8ClampedArray(16), 2, 2, 'This Perceptron is dead')));
    expect(box.querySelector('dl')).toBeNull();
    expect(box.textContent).toContain('dead');
  });

  it('info values are text', () => {
    const box = document.createElement('div');
    let saved = 0;
    box.append(...infoView([['brain', XSS[0]]], () => saved++));
    expect(box.querySelector('img')).toBeNull();
    expect(box.querySelector('dd')!.textContent).toBe(XSS[0]);
    box.querySelector('button')!.click();
    expect(saved).toBe(1);
  });

  it('upgrade form hands the trimmed ID to submit and shows messages as text', () => {
    const box = document.body.appendChild(document.createElement('div'));
    const got: string[] = [];
    let restored = 0;
    let current = 'abc';
    box.append(...upgradeView(() => [current], {
      submit: (id, say) => { got.push(id); say(XSS[1]); },
      restore: (say) => { restored++; current = 'def'; say('restored'); },
    }));
    box.querySelector('input')!.value = '  deadbeefi0 ';
    box.querySelector('input')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    expect(got).toEqual(['deadbeefi0']);
    (box.querySelectorAll('button')[0] as HTMLButtonElement).click();
    expect(got).toEqual(['deadbeefi0', 'deadbeefi0']);
    expect(box.querySelector('form')).toBeNull();
    expect(box.querySelector('.msg')!.textContent).toBe(XSS[1]);
    expect(box.querySelector('script')).toBeNull();
    (box.querySelectorAll('button')[1] as HTMLButtonElement).click();
    expect(restored).toBe(1);
    expect(box.querySelector('.msg')!.textContent).toBe('restored');
    expect(box.querySelector('code')!.textContent).toBe('def');
  });

  it('isolates every untrusted text for direction: a right-to-left override cannot reorder its neighbours', () => {
    const RLO = 'Nouns\u202E';
    const box = document.body.appendChild(document.createElement('div'));
    box.append(h('div', {}, ...resultView([{ name: RLO, p: 0.5 }, { name: 'Punks', p: 0.5 }], new Uint8ClampedArray(16), 2, 2, '')));
    box.append(...infoView([['classes', [RLO, 'Punks']], ['brain', RLO]], () => undefined));
    box.append(...upgradeView(() => [RLO, ' (abc…)'], { submit: (_, say) => say('Plugged in: ', RLO, ' (2 classes).'), restore: () => undefined }));
    box.querySelector('input')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    const holders = [...box.querySelectorAll('dt, dd, .msg, code')];
    // wherever the name appears, it is the whole text of one <bdi>
    const bdis = [...box.querySelectorAll('bdi')].filter((b) => b.textContent === RLO);
    expect(bdis.length).toBe(5); // result row, info classes, info brain, upgrade message, "in use"
    for (const el of holders) {
      for (const n of el.childNodes) if (n.nodeType === Node.TEXT_NODE) expect(n.textContent, el.outerHTML).not.toContain('\u202E');
    }
    expect(box.querySelector('.msg')!.textContent).toBe('Plugged in: ' + RLO + ' (2 classes).');
    expect([...box.querySelectorAll('dd')].map((d) => d.textContent)).toContain(RLO + ', Punks');
  });

  it('keeps the percentage apart from the name: its own element in a list the stylesheet sizes', () => {
    const box = document.body.appendChild(document.createElement('div'));
    box.append(h('div', {}, ...resultView([{ name: 'n'.repeat(60), p: 1 }], new Uint8ClampedArray(16), 2, 2, '')));
    expect(box.querySelector('dl')!.className).toBe('ranked');
    expect(box.querySelector('dd .pct')!.textContent).toBe('100.0%');
  });

  it('cap counts code points and keeps short text whole', () => {
    expect(cap('abc', 5)).toBe('abc');
    expect(cap('😀'.repeat(10), 4)).toBe('😀😀😀…');
    expect(cap(42)).toBe('42');
  });
});
