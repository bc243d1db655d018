// The upgrade panel's offer to make a brain plugged in here permanent: the `ord wallet batch` file for a child of this
// inscription, as text to copy (the same file `perceptrons upgrade` writes), and the command its holder runs.
import { button, h } from './dom';

/** An element that shows the batch text batch() gives, refreshed by update(); hidden while there is none. */
export function permanentView(batch: () => string): { el: HTMLElement; update(): void } {
  const text = h('textarea', { readonly: '', rows: '6', spellcheck: 'false', 'aria-label': 'ord batch file' });
  const el = h('div', { class: 'perm', hidden: '' },
    h('p', {}, 'Plugged in for this browser only. To upgrade it for everyone, its holder inscribes this batch file as a child: ',
      h('code', {}, 'ord wallet batch --fee-rate <sat/vB> --batch upgrade.yaml')),
    text,
    button('copy batch file', () => {
      text.select();
      // the clipboard may be refused in an explorer's frame: the text stays selected to copy by hand
      navigator.clipboard?.writeText(text.value).catch(() => {});
    }));
  const update = (): void => {
    text.value = batch();
    el.hidden = !text.value;
  };
  update();
  return { el, update };
}
