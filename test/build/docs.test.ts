// The documentation stays a newcomer's: README.md within 20 KiB, and every relative link or image in README.md and
// docs/**/*.md points to a file that exists (a moved or deleted file must take its links with it); the README's key table
// and command list name every key and command there is.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KEYS } from '../../src/ui/keys';
import { ROOT } from './helpers';

export const README_MAX_BYTES = 20_480;

/** Link and image targets in markdown: [text](target), ![alt](target "title"), [ref]: target, and HTML src=/href=.
 * Code (fenced blocks and `spans`) is skipped: an example there is not a link. */
export function linkTargets(markdown: string): string[] {
  const prose = markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/`[^`\n]*`/g, '');
  const targets: string[] = [];
  for (const m of prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+["'(][^)]*)?\)/g)) targets.push(m[1]);
  for (const m of prose.matchAll(/^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)) targets.push(m[1]);
  for (const m of prose.matchAll(/<(?:img|a|source)\b[^>]*?\s(?:src|href)\s*=\s*["']([^"']+)["']/gi)) targets.push(m[1]);
  return targets;
}

/** The targets that are relative paths to files that do not exist, resolved from the markdown file's folder. */
export function missingTargets(markdown: string, fromDir: string): string[] {
  return linkTargets(markdown).filter((t) => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(t) || t.startsWith('#') || t.startsWith('//')) return false; // URL, anchor
    const path = decodeURIComponent(t.replace(/[#?].*$/, ''));
    return !existsSync(path.startsWith('/') ? join(ROOT, path) : resolve(fromDir, path));
  });
}

function markdownFiles(): string[] {
  const docs = join(ROOT, 'docs');
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const p = join(dir, name);
      return statSync(p).isDirectory() ? walk(p) : name.endsWith('.md') ? [p] : [];
    });
  return [join(ROOT, 'README.md'), ...(existsSync(docs) ? walk(docs) : [])];
}

describe('the checker', () => {
  const dir = join(ROOT, 'docs');
  it('finds inline links, images, reference links and HTML, but not code', () => {
    const md = [
      'See [the format](format.md#fields) and ![a picture](images/gallery.png "title").',
      '[ref]: ../README.md',
      '<img src="images/missing.png"> and `[not a link](nowhere.md)`',
      '```', '[nor this](nowhere-either.md)', '```',
    ].join('\n');
    expect(linkTargets(md)).toEqual(['format.md#fields', 'images/gallery.png', '../README.md', 'images/missing.png']);
  });

  it('reports relative targets that do not exist, and only those', () => {
    const md = '[a](format.md) [b](gone.md) [c](https://example.com/x.md) [d](#section) ![e](images/none.png) [f](../README.md)';
    expect(missingTargets(md, dir)).toEqual(['gone.md', 'images/none.png']);
  });
});

describe('the documentation', () => {
  it(`README.md is at most ${README_MAX_BYTES} bytes: a newcomer's page, the details live in docs/`, () => {
    const bytes = statSync(join(ROOT, 'README.md')).size;
    expect(bytes, `README.md is ${bytes} bytes; move detail into docs/`).toBeLessThanOrEqual(README_MAX_BYTES);
  });

  it('every relative link and image in README.md and docs/**/*.md points to a file that exists', () => {
    const broken = markdownFiles().flatMap((file) =>
      missingTargets(readFileSync(file, 'utf8'), dirname(file)).map((t) => `${relative(ROOT, file)}: ${t}`));
    expect(broken).toEqual([]);
  });

  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

  it("README.md's key table has a row for every key of the page's key map (src/ui/keys.ts)", () => {
    const table = readme.slice(readme.indexOf('| key | does |'), readme.indexOf('\n\n', readme.indexOf('| key | does |')));
    const rows = table.split('\n').map((row) => row.split('|')[1] ?? '');
    const missing = KEYS.flatMap((binding) => binding.keys).filter((k) => !rows.some((cell) => cell.includes(`\`${k}\``)));
    expect(missing).toEqual([]);
  });

  it("README.md's command list names every command of tools/cli.ts", () => {
    const commands = [...readFileSync(join(ROOT, 'tools/cli.ts'), 'utf8').matchAll(/^\s+(\w+): '\.\/commands\//gm)].map((m) => m[1]);
    const list = /lists the commands \(([^)]*)\)/.exec(readme.replace(/\s+/g, ' '))?.[1].split(', ') ?? [];
    expect(commands.length).toBeGreaterThan(5);
    expect(list.sort()).toEqual(commands.sort());
  });
});
