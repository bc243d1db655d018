// docs/CONTRIBUTING.md's rules that a machine can hold, held over every file under src/: parsed with TypeScript's own
// parser (no regular expressions over code), each rule with a hand-written sample it must catch, so it cannot pass by
// matching nothing.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers';

/** One-letter property names that are the convention of their field, not a shortening: a point or a box (x, y, w,
 * h), a radius (r), and p, a class's probability in classify's public answer ({ name, p }, the library's API). */
const ONE_LETTER_FIELDS = new Set(['x', 'y', 'w', 'h', 'r', 'p']);

type Rule = (node: ts.Node) => string | null;

const isLogical = (n: ts.Node): boolean =>
  ts.isBinaryExpression(n) && [ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken].includes(n.operatorToken.kind);
const unwrap = (n: ts.Expression): ts.Expression => (ts.isParenthesizedExpression(n) ? unwrap(n.expression) : n);

const RULES: Record<string, Rule> = {
  // a comma joins expressions only in a for loop's header (for (i = 0, j = 0; …; i++, j++))
  'no comma expressions': (n) =>
    ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.CommaToken &&
    !(ts.isForStatement(n.parent) && (n.parent.initializer === n || n.parent.incrementor === n)) && !ts.isBinaryExpression(n.parent)
      ? 'a comma expression' : null,
  'an if, not `a && b()`, `void (a && b())` or a ternary as a statement': (n) => {
    if (ts.isExpressionStatement(n) && (isLogical(unwrap(n.expression)) || ts.isConditionalExpression(unwrap(n.expression)))) return 'a condition as a statement';
    if (ts.isVoidExpression(n) && (isLogical(unwrap(n.expression)) || ts.isConditionalExpression(unwrap(n.expression)))) return 'void of a condition';
    return null;
  },
  // arc(x, y, r, start, end) and ellipse(x, y, rx, ry, rotation, start, end): an angle is 0 or a named constant
  'no magic angles (7 for 2π)': (n) => {
    if (!ts.isCallExpression(n) || !ts.isPropertyAccessExpression(n.expression)) return null;
    const first = new Map([['arc', 3], ['ellipse', 4]]).get(n.expression.name.text);
    if (first === undefined) return null;
    const magic = n.arguments.slice(first).find((a) => ts.isNumericLiteral(unwrap(a)) && Number(unwrap(a).getText()) !== 0);
    return magic ? `the angle ${magic.getText()} in ${n.expression.name.text}()` : null;
  },
  'no short names for Math': (n) =>
    ts.isVariableDeclaration(n) && n.initializer && /^Math(\.\w+)?$/.test(unwrap(n.initializer).getText()) ? `${n.name.getText()} = ${n.initializer.getText()}` : null,
  'no one-letter fields': (n) =>
    (ts.isPropertySignature(n) || ts.isPropertyDeclaration(n)) && n.name.getText().length === 1 && !ONE_LETTER_FIELDS.has(n.name.getText())
      ? `the field ${n.name.getText()}` : null,
  // the seed's sub-streams are one registry (prng.ts): a bare number could repeat another's and tie two traits together
  'sub-streams by their SUBSTREAMS name': (n) =>
    ts.isCallExpression(n) && n.expression.getText() === 'stream' && n.arguments.length > 1 && !/^SUBSTREAMS\.\w+$/.test(n.arguments[1].getText())
      ? `stream(…, ${n.arguments[1].getText()})` : null,
  // data is data: a list is an array, not a string split at run time
  'no lists split out of a string literal': (n) =>
    ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'split' && ts.isStringLiteral(unwrap(n.expression.expression))
      ? `${n.getText()}` : null,
};

function breaches(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    for (const [rule, check] of Object.entries(RULES)) {
      const what = check(node);
      if (what) found.push(`${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${rule}: ${what}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));

describe("CONTRIBUTING's rules, held in src/", () => {
  it('every rule catches what it is about', () => {
    const samples: [string, string][] = [
      ['no comma expressions', 'const f = (v: number) => ((a[0] = v), b[0]);'],
      ['no comma expressions', 'if (ok) (best = n), (d = e);'],
      ['an if, not `a && b()`, `void (a && b())` or a ternary as a statement', "input.onkeydown = (e) => void (e.key === 'Enter' && submit());"],
      ['an if, not `a && b()`, `void (a && b())` or a ternary as a statement', 'ready && start();'],
      ['an if, not `a && b()`, `void (a && b())` or a ternary as a statement', 'dotted ? c.fill() : c.stroke();'],
      ['no magic angles (7 for 2π)', 'c.arc(x, y, r, 0, 7);'],
      ['no magic angles (7 for 2π)', 'c.ellipse(x, y, rx, ry, 0, 0, 6.3);'],
      ['no short names for Math', 'export const { abs, max } = Math;'],
      ['no short names for Math', 'const max = Math.max;'],
      ['no one-letter fields', 'interface Art { L: Layout; v: Visual }'],
      ['sub-streams by their SUBSTREAMS name', 'const r = stream(state, 5, life);'],
      ['no lists split out of a string literal', "const keys = 'H or ?'.split(' or ');"],
    ];
    for (const [rule, code] of samples) expect(breaches('sample.ts', code).map((b) => b.split(': ')[1]), code).toContain(rule);
    // and what they allow
    const fine = [
      'for (let i = 0, j = 0; i < n; i++, j++) x();',
      'c.arc(x, y, r, 0, FULL_TURN);',
      'const top = Math.max(0, ...a);',
      'interface Box { x: number; y: number; w: number; h: number }',
      'const r = stream(state, SUBSTREAMS.form, life); const main = stream(state);',
      'void classifyFile(f);',
    ];
    for (const code of fine) expect(breaches('sample.ts', code), code).toEqual([]);
  });

  it('no file under src/ breaks them', () => {
    const found = sources(join(ROOT, 'src')).flatMap((file) => breaches(relative(ROOT, file), readFileSync(file, 'utf8')));
    expect(found).toEqual([]);
  });
});
