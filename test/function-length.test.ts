// The house plan's size rule, enforced: no function in lib/, entrypoints/ or components/ is longer
// than MAX_FUNCTION_LINES, counted from its first line to its last by the TypeScript parser
// (declarations, methods, arrows and function expressions alike, nested ones on their own).
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..');
const FOLDERS = ['lib', 'entrypoints', 'components'];
/** Past this a function no longer reads at one sitting: split it into named steps. */
const MAX_FUNCTION_LINES = 80;

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

/** Each function with a body in `code`, as its name (or its variable's) and its length in lines. */
function functionLengths(file: string, code: string): { name: string; line: number; lines: number }[] {
  const sf = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out: { name: string; line: number; lines: number }[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const first = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
      const last = sf.getLineAndCharacterOfPosition(node.getEnd()).line;
      const named = node.name ?? (ts.isVariableDeclaration(node.parent) ? node.parent.name : undefined);
      out.push({ name: named?.getText(sf) ?? '(anonymous)', line: first + 1, lines: last - first + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

describe('function length', () => {
  for (const folder of FOLDERS) {
    it(`${folder}/: no function longer than ${MAX_FUNCTION_LINES} lines`, () => {
      const long = walk(path.join(ROOT, folder)).flatMap((p) =>
        functionLengths(p, fs.readFileSync(p, 'utf8'))
          .filter((f) => f.lines > MAX_FUNCTION_LINES)
          .map((f) => `${path.relative(ROOT, p)}:${f.line} ${f.name} (${f.lines} lines)`),
      );
      expect(long).toEqual([]);
    });
  }

  it('measures each function on its own, nested ones included', () => {
    const body = Array.from({ length: 5 }, (_, i) => `  const x${i} = ${i};`).join('\n');
    const code = `function outer() {\n${body}\n  const inner = () => {\n    return 1;\n  };\n}\nclass A {\n  m() {\n    return 2;\n  }\n}\n`;
    expect(functionLengths('x.ts', code).map((f) => [f.name, f.lines])).toEqual([['outer', 10], ['inner', 3], ['m', 3]]);
  });
});
