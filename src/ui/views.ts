// Panel bodies. Pure builders from data to DOM; every piece of untrusted text goes through h() (text nodes) and cap().
import { cap, h } from './dom';
import { KEYS } from './keys';

export interface Ranked {
  name: string;
  p: number;
}

/** A definition list of [label, value] rows; values are text only. */
const list = (rows: [string, string][]): HTMLElement => h('dl', {}, ...rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));

export function helpView(): Node[] {
  return [list(KEYS.map(([k, what, , touch]) => [k, `${what} · touch: ${touch}`])), h('p', {}, 'Drop or paste an image on the artwork to classify it.')];
}

export function infoView(rows: [string, string][], onSave: () => void): Node[] {
  const save = h('button', { type: 'button' }, 'save PNG (S)');
  save.onclick = onSave;
  return [list(rows), save];
}

/** Ranked classes with probability bars, the WxH thumbnail the network saw (HWC RGB) and an optional note. */
export function resultView(ranked: Ranked[] | null, pixels: Uint8ClampedArray, w: number, ht: number, note: string): Node[] {
  const thumb = h('canvas', { width: '' + w, height: '' + ht, class: 'th', 'aria-label': 'what the network saw', role: 'img' });
  const ctx = thumb.getContext('2d');
  if (ctx) {
    const img = ctx.createImageData(w, ht);
    for (let i = 0, j = 0; i < w * ht; i++, j += 3) img.data.set([pixels[j], pixels[j + 1], pixels[j + 2], 255], i * 4);
    ctx.putImageData(img, 0, 0);
  }
  const out: Node[] = [];
  const ol = h('ol', {});
  out.push(h('div', { class: 'res' }, thumb, ranked && ol));
  if (ranked) {
    for (const r of ranked.slice(0, 10)) {
      const pct = (r.p * 100).toFixed(1) + '%';
      const bar = h('i', {});
      bar.style.width = pct;
      ol.append(h('li', {}, h('span', {}, cap(r.name, 40)), h('b', {}, bar), h('em', {}, pct)));
    }
  }
  if (note) out.push(h('p', { role: 'status' }, note));
  return out;
}

export interface UpgradeHandlers {
  submit(id: string, say: (msg: string) => void): void;
  restore(say: (msg: string) => void): void;
}

/** current() names the brain in use; it is read again after every message (a successful upgrade changes it). */
export function upgradeView(current: () => string, on: UpgradeHandlers): Node[] {
  const input = h('input', { type: 'text', name: 'id', autocomplete: 'off', spellcheck: 'false', 'aria-label': 'data inscription ID',
    placeholder: '<64 hex>i0' });
  const msg = h('p', { role: 'status', 'aria-live': 'polite', class: 'msg' });
  const now = h('code', {}, current());
  const say = (m: string): void => {
    msg.textContent = m;
    now.textContent = current();
  };
  // No <form>: the explorers' sandbox (no allow-forms) blocks and logs even a cancelled submission.
  const go = h('button', { type: 'button' }, 'plug in');
  const back = h('button', { type: 'button' }, 'restore default (Shift+U)');
  const form = h('div', { class: 'f' }, h('label', {}, 'Data inscription ID', input), go, back);
  go.onclick = () => on.submit(input.value.trim(), say);
  input.onkeydown = (e) => {
    if (e.key === 'Enter') on.submit(input.value.trim(), say);
  };
  back.onclick = () => on.restore(say);
  return [h('p', {}, 'In use: ', now), form, msg];
}
