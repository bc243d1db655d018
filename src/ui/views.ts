// Panel bodies. Pure builders from data to DOM; every piece of untrusted text goes through h() (text nodes) and cap().
import { button, cap, h, type Child } from './dom';
import { KEYS, keysShown } from './keys';
import { permanentView } from './permanent-view';

export interface Ranked {
  name: string;
  p: number;
}

/** Text in its own <bdi>: a right-to-left override inside untrusted text cannot reorder what is around it. */
export const isolated = (c: Child): Child => (typeof c === 'string' && c ? h('bdi', {}, c) : c);

/** A definition list of [label, ...value] rows; values are text or nodes (never markup), every text isolated. */
const list = (rows: [string, ...Child[]][], attrs: Record<string, string> = {}): HTMLElement =>
  h('dl', attrs, ...rows.flatMap(([k, ...v]) => [h('dt', {}, isolated(k)), h('dd', {}, ...v.map(isolated))]));

export const helpView = (): Node[] =>
  [list(KEYS.map((binding) => [keysShown(binding), `${binding.does} · touch: ${binding.touch}`])), h('p', {}, 'Drop or paste an image to classify it.')];

/** Info rows: a value is text, or a list of names (each isolated, comma-separated). */
export const infoView = (rows: [string, string | readonly string[]][], onSave: () => void): Node[] => [
  list(rows.map(([k, v]): [string, ...Child[]] =>
    typeof v === 'string' ? [k, v] : [k, ...v.flatMap((name, i) => [i ? ', ' : '', isolated(name)])])),
  button('save PNG (S)', onSave),
];

/** The WxH thumbnail the network saw (RGBA), the ranked classes with probability bars, and an optional note. */
export function resultView(ranked: Ranked[] | null, rgba: ImageDataArray, w: number, ht: number, note: string): Child[] {
  const thumb = h('canvas', { width: '' + w, height: '' + ht, class: 'th', 'aria-label': 'what the network saw', role: 'img' });
  thumb.getContext('2d')?.putImageData(new ImageData(rgba, w, ht), 0, 0); // no 2D context: no thumbnail, still the answer
  // the name column wraps or ellipsizes; the bar and the percentage keep their width whatever the names
  const rows = ranked?.slice(0, 10).map(({ name, p }): [string, ...Child[]] =>
    [cap(name, 40), h('progress', { value: '' + p }), h('span', { class: 'pct' }, (p * 100).toFixed(1) + '%')]);
  return [h('div', { class: 'res' }, thumb, rows && list(rows, { class: 'ranked' })), note && h('p', { role: 'status' }, isolated(note))]; // h() drops a falsy child
}

/** Shows a message made of parts; each text part is isolated (a brain's name is one part). */
export type Say = (...parts: string[]) => void;

export interface UpgradeHandlers {
  submit(id: string, say: Say): void;
  restore(say: Say): void;
  /** The batch file that makes the brain plugged in here permanent ('' when none): permanent-view.ts. */
  batch?: () => string;
}

/** current() names the brain in use (parts as for Say); it is read again after every message (a successful upgrade
 * changes it). */
export function upgradeView(current: () => string[], on: UpgradeHandlers): Node[] {
  // named by its <label>; role=status is a polite live region
  const input = h('input', { name: 'id', autocomplete: 'off', spellcheck: 'false', placeholder: '<64 hex>i0' });
  const msg = h('p', { role: 'status', class: 'msg' });
  const now = h('code', {}, ...current().map(isolated));
  const permanent = permanentView(on.batch ?? (() => ''));
  const say: Say = (...parts) => {
    msg.replaceChildren(...(parts.map(isolated).filter(Boolean) as Node[]));
    now.replaceChildren(...(current().map(isolated).filter(Boolean) as Node[]));
    permanent.update();
  };
  // No <form>: the explorers' sandbox (no allow-forms) blocks and logs even a cancelled submission.
  const submit = () => on.submit(input.value.trim(), say);
  input.onkeydown = (e) => {
    if (e.key === 'Enter') submit();
  };
  return [h('p', {}, 'In use: ', now), h('label', {}, 'Data inscription ID', input), button('plug in', submit),
    button('restore default (Shift+U)', () => on.restore(say)), msg, permanent.el];
}
