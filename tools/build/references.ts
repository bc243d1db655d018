// Finds anything in an inscription that would reach outside ord's CSP: absolute URLs, <link>, src= not data:, CSS imports.

export interface ExternalReference {
  rule: string;
  index: number;
  excerpt: string;
}

const RULES: [string, RegExp][] = [
  ['absolute http:// URL', /http:\/\//gi],
  ['absolute https:// URL', /https:\/\//gi],
  ['<link> element', /<link\b/gi],
  // An attribute or HTML-in-a-string src= (not a property like `img.src=`) that is not a data: URI.
  ['src= that is not data:', /(?<![\w$.])src\s*=\s*(?!\s*["'`]?\s*data:)/gi],
  ['CSS url() that is not data:', /(?<![\w$.])url\(\s*(?!["']?\s*data:)["']?\s*[\w/.]/g],
  ['CSS @import', /@import\b/gi],
];

export function findExternalReferences(html: string): ExternalReference[] {
  const found: ExternalReference[] = [];
  for (const [rule, re] of RULES) {
    for (const m of html.matchAll(re)) {
      const i = m.index ?? 0;
      found.push({ rule, index: i, excerpt: html.slice(Math.max(0, i - 30), i + 50) });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}
