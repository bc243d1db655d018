// The import rules of both trees (README, "Where things are"): in src/, ui → art, chain, nn; art → nn; chain → nn; nn
// imports nothing; nothing under src/ imports Node built-ins, packages or tools/ (the inscription has no
// dependencies); nothing under tools/ imports test/; and no file of src/ or tools/ reaches itself through its imports.
// Imports are read with TypeScript's own pre-processor (static, type-only, re-exports and dynamic import()).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers';

/** What each area of src/ may import besides itself; a file directly in src/ (the library's entry) may import any. */
const SRC_AREAS: Record<string, string[]> = { ui: ['art', 'chain', 'nn'], art: ['nn'], chain: ['nn'], nn: [] };

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

interface Import { from: string; spec: string; /** the repository path it resolves to, for a relative import */ file: string | null }

/** Every import of a file; relative ones resolved to a repository path (with .ts or /index.ts as TypeScript would). */
function importsOf(from: string): Import[] {
  const text = readFileSync(join(ROOT, from), 'utf8');
  return ts.preProcessFile(text, true, true).importedFiles.map(({ fileName: spec }) => {
    if (!spec.startsWith('.')) return { from, spec, file: null };
    const base = resolve(ROOT, dirname(from), spec);
    const hit = [base, `${base}.ts`, join(base, 'index.ts')].find((p) => existsSync(p) && statSync(p).isFile());
    return { from, spec, file: relative(ROOT, hit ?? base) };
  });
}

/** The cycles of a graph (each strongly connected component of more than one file, or a file importing itself). */
function cycles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>(), low = new Map<string, number>(), stack: string[] = [], onStack = new Set<string>(), found: string[][] = [];
  let next = 0;
  const visit = (v: string): void => {
    index.set(v, next); low.set(v, next); next++;
    stack.push(v); onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) { visit(w); low.set(v, Math.min(low.get(v)!, low.get(w)!)); }
      else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do { w = stack.pop()!; onStack.delete(w); component.push(w); } while (w !== v);
      if (component.length > 1 || graph.get(v)?.includes(v)) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

const src = sourceFiles('src'), tools = sourceFiles('tools');
const imports = new Map([...src, ...tools].map((f) => [f, importsOf(f)]));
const area = (file: string): string | null => /^src\/([^/]+)\//.exec(file)?.[1] ?? null;

type Imports = Map<string, Import[]>;
/** The rules, each as the list of imports of `files` that break it. */
const wrongArrows = (files: string[], of: Imports): string[] =>
  files.flatMap((f) => of.get(f)!.filter((i) => {
    const from = area(f), to = i.file && area(i.file);
    return from !== null && to !== null && to !== from && !SRC_AREAS[from].includes(to);
  })).map((i) => `${i.from} imports ${i.file}`);
const outsideSrc = (files: string[], of: Imports): string[] =>
  files.flatMap((f) => of.get(f)!.filter((i) => !i.file?.startsWith('src/'))).map((i) => `${i.from} imports ${i.spec}`);
const intoTest = (files: string[], of: Imports): string[] =>
  files.flatMap((f) => of.get(f)!.filter((i) => i.file?.startsWith('test/'))).map((i) => `${i.from} imports ${i.spec}`);

describe('import rules', () => {
  it('reads the imports of both trees', () => {
    expect(src.length).toBeGreaterThan(40);
    expect(tools.length).toBeGreaterThan(60);
    expect(imports.get('src/ui/page.ts')!.some((i) => i.file === 'src/art/portrait.ts')).toBe(true);
  });

  it('src/: each area imports only the areas below it (ui → art, chain, nn; art → nn; chain → nn; nn nothing)', () => {
    expect(wrongArrows(src, imports)).toEqual([]);
  });

  it('src/ imports no Node built-in, no package and nothing outside src/', () => {
    expect(outsideSrc(src, imports)).toEqual([]);
  });

  it('tools/ imports nothing from test/', () => {
    expect(intoTest(tools, imports)).toEqual([]);
  });

  it('no import cycles in src/ and tools/', () => {
    const graph = new Map([...imports].map(([f, list]) => [f, list.flatMap((i) => (i.file && imports.has(i.file) ? [i.file] : []))]));
    expect(cycles(graph).map((c) => c.join(' ↔ '))).toEqual([]);
  });

  it('the checks can fail: a cycle, a wrong arrow, a package in src/, a test in tools/', () => {
    expect(cycles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]))).toEqual([['a', 'b', 'c']]);
    expect(cycles(new Map([['a', ['a']]]))).toEqual([['a']]);
    const breaches: Imports = new Map([
      ['src/art/a.ts', [{ from: 'src/art/a.ts', spec: '../ui/b', file: 'src/ui/b.ts' }, { from: 'src/art/a.ts', spec: '../nn/c', file: 'src/nn/c.ts' }]],
      ['src/nn/c.ts', [{ from: 'src/nn/c.ts', spec: 'node:fs', file: null }]],
      ['tools/d.ts', [{ from: 'tools/d.ts', spec: '../test/e', file: 'test/e.ts' }, { from: 'tools/d.ts', spec: '../src/nn/c', file: 'src/nn/c.ts' }]],
    ]);
    expect(wrongArrows(['src/art/a.ts', 'src/nn/c.ts'], breaches)).toEqual(['src/art/a.ts imports src/ui/b.ts']);
    expect(outsideSrc(['src/art/a.ts', 'src/nn/c.ts'], breaches)).toEqual(['src/nn/c.ts imports node:fs']);
    expect(intoTest(['tools/d.ts'], breaches)).toEqual(['tools/d.ts imports ../test/e']);
  });
});
