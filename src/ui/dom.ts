// Tiny DOM builder. Strings always become text nodes: untrusted text can never turn into markup here.
export type Child = Node | string | number | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const k in attrs) el.setAttribute(k, attrs[k]);
  el.append(...(children.filter((c) => c || c === 0) as string[])); // DOM append turns every non-Node into a text node
  return el;
}

/** A button (no type needed: the page has no form to submit). */
export const button = (text: string, onclick: () => void, attrs: Record<string, string> = {}): HTMLButtonElement =>
  Object.assign(h('button', attrs, text), { onclick });

/** Untrusted text, shortened to at most max characters (code points) with an ellipsis. */
export function cap(s: unknown, max = 60): string {
  const chars = [...String(s)];
  return chars.length > max ? chars.slice(0, max - 1).join('') + '…' : String(s);
}
