// Tiny DOM builder. Strings always become text nodes: untrusted text can never turn into markup here.
export type Child = Node | string | number | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(typeof c === 'object' ? c : String(c));
  return el;
}

/** Untrusted text, shortened to at most max characters (code points) with an ellipsis. */
export function cap(s: unknown, max = 60): string {
  const chars = Array.from(String(s));
  return chars.length > max ? chars.slice(0, max - 1).join('') + '…' : chars.join('');
}
