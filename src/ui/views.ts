// Panel bodies. Pure builders from data to DOM; every piece of untrusted text goes through h() (text nodes) and cap().
import { button, cap, h, type Child } from './dom';
import { KEYS } from './keys';

export interface Ranked {
  name: string;
  p: number;
}

/** A definition list of [label, ...value] rows; values are text or nodes (never markup). */
const list = (rows: [string, ...Child[]][]): HTMLElement => h('dl', {}, ...rows.flatMap(([k, ...v]) => [h('dt', {}, k), h('dd', {}, ...v)]));

export const helpView = (): Node[] =>
  [list(KEYS.map(([k, what, , touch]) => [k, `${what} · touch: ${touch}`])), h('p', {}, 'Drop or paste an image to classify it.')];

export const infoView = (rows: [string, string][], onSave: () => void): Node[] => [list(rows), button('save PNG (S)', onSave)];

/** The WxH thumbnail the network saw (RGBA), the ranked classes with probability bars, and an optional note. */
export function resultView(ranked: Ranked[] | null, rgba: ImageDataArray, w: number, ht: number, note: string): Child[] {
  const thumb = h('canvas', { width: '' + w, height: '' + ht, class: 'th', 'aria-label': 'what the network saw', role: 'img' });
  thumb.getContext('2d')?.putImageData(new ImageData(rgba, w, ht), 0, 0); // no 2D context: no thumbnail, still the answer
  const rows = ranked?.slice(0, 10).map(({ name, p }): [string, ...Child[]] => [cap(name, 40), h('progress', { value: '' + p }), (p * 100).toFixed(1) + '%']);
  return [h('div', { class: 'res' }, thumb, rows && list(rows)), note && h('p', { role: 'status' }, note)]; // h() drops a falsy child
}

export interface UpgradeHandlers {
  submit(id: string, say: (msg: string) => void): void;
  restore(say: (msg: string) => void): void;
}

/** current() names the brain in use; it is read again after every message (a successful upgrade changes it). */
export function upgradeView(current: () => string, on: UpgradeHandlers): Node[] {
  // named by its <label>; role=status is a polite live region
  const input = h('input', { name: 'id', autocomplete: 'off', spellcheck: 'false', placeholder: '<64 hex>i0' });
  const msg = h('p', { role: 'status', class: 'msg' });
  const now = h('code', {}, current());
  const say = (m: string): void => {
    msg.textContent = m;
    now.textContent = current();
  };
  // No <form>: the explorers' sandbox (no allow-forms) blocks and logs even a cancelled submission.
  const submit = () => on.submit(input.value.trim(), say);
  input.onkeydown = (e) => void (e.key === 'Enter' && submit());
  return [h('p', {}, 'In use: ', now), h('label', {}, 'Data inscription ID', input), button('plug in', submit),
    button('restore default (Shift+U)', () => on.restore(say)), msg];
}
