// The house plan, enforced: lib/ is layered as the pipeline runs, and each layer imports only the
// layers below it (or files of its own folder):
//   types.ts → text/ → quotes/ → speakers/ → matching/ → extract, status, messages, message-parts,
//   reply-parts, kept-by-key, settings and share/ (the shared document) → page/ [dom] and store/
//   [dexie], side by side, neither importing the other.
// Components import only lib/types and lib/status; only lib/store/db.ts imports dexie; only
// modules marked "[browser]" or "[dom]" in their first lines touch browser globals; time is a
// parameter (no Date.now() in lib).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..');
const LIB = path.join(ROOT, 'lib');

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

const rel = (p: string) => path.relative(ROOT, p).split(path.sep).join('/');
const libFiles = walk(LIB).map(rel);
const head = (src: string) => src.split('\n').slice(0, 5).join('\n');
const isMarked = (src: string) => /\[(browser|dom)\]/.test(head(src));
const strip = (src: string) => src.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');

/** Layer of a lib file: a file may import files of a strictly lower layer, or of its own folder. */
const LAYERS: [RegExp, number][] = [
  [/^lib\/(types|time-budget)\.ts$/, 0],
  [/^lib\/text\//, 1],
  [/^lib\/quotes\//, 2],
  [/^lib\/speakers\//, 3],
  [/^lib\/matching\//, 4],
  [/^lib\/(extract|status|messages|message-parts|reply-parts|kept-by-key|settings)\.ts$/, 5],
  [/^lib\/share\//, 5],
  [/^lib\/page\//, 6],
  [/^lib\/store\//, 6],
];

function layerOf(file: string): number {
  const hit = LAYERS.find(([re]) => re.test(file));
  if (!hit) throw new Error(`${file} is in no layer of the house plan: add it to LAYERS`);
  return hit[1];
}

const folderOf = (file: string) => path.posix.dirname(file);

/** Project files a source file imports (relative and "@/" specifiers, resolved to .ts/.tsx). */
function projectImports(file: string, code: string): string[] {
  const out: string[] = [];
  for (const m of code.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"?]+)(?:\?[^'"]*)?['"]/g)) {
    const spec = m[1];
    let base: string;
    if (spec.startsWith('@/')) base = path.join(ROOT, spec.slice(2));
    else if (spec.startsWith('.')) base = path.resolve(path.dirname(path.join(ROOT, file)), spec);
    else continue;
    const hit = ['', '.ts', '.tsx', '/index.ts'].map((e) => base + e).find((p) => fs.existsSync(p) && fs.statSync(p).isFile());
    if (hit) out.push(rel(hit));
  }
  return out;
}

/** The project files a source file imports at run time: type-only imports (`import type`, or
 *  every name marked `type`) are erased when it is built and bind no module to another. */
function runtimeImports(file: string, code: string): string[] {
  const specs: string[] = [];
  for (const m of code.matchAll(/^\s*(?:import|export)\s+(type\s+)?([^'";]*?)\s*from\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]/gm)) {
    if (m[4]) specs.push(m[4]);
    else if (!m[1] && !/^\{[^}]*\}$/.test(m[2].trim())) specs.push(m[3]);
    else if (!m[1] && m[2].trim().slice(1, -1).split(',').some((name) => name.trim() && !name.trim().startsWith('type '))) specs.push(m[3]);
  }
  return specs.flatMap((spec) => projectImports(file, `from '${spec}'`));
}

/** The import circles of a graph (file → files it imports), each as the files around it. */
function circles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const found: string[][] = [];
  const done = new Set<string>();
  const visit = (f: string, path: string[]) => {
    const at = path.indexOf(f);
    if (at >= 0) return void found.push(path.slice(at));
    if (done.has(f)) return;
    for (const dep of graph.get(f) ?? []) visit(dep, [...path, f]);
    done.add(f);
  };
  for (const f of graph.keys()) visit(f, []);
  return found;
}

const GLOBALS = ['window', 'document', 'navigator', 'location', 'localStorage', 'indexedDB', 'chrome', 'browser'];

/** Browser globals the code uses, not counting names it declares itself (a local `window` of words). */
function browserGlobalsUsed(code: string): string[] {
  return GLOBALS.filter((g) => {
    const declared = new RegExp(`\\b(const|let|var|function)\\s+${g}\\b|[(,]\\s*${g}\\s*[:,)=]`).test(code);
    return !declared && new RegExp(`(^|[^.\\w])${g}\\s*[.[]`, 'm').test(code);
  });
}

describe('lib architecture', () => {
  it('has modules in every layer', () => {
    for (const [re] of LAYERS) expect(libFiles.some((f) => re.test(f)), String(re)).toBe(true);
  });
  for (const f of libFiles) {
    const src = fs.readFileSync(path.join(ROOT, f), 'utf8');
    const code = strip(src);
    it(`${f}: no Date.now()`, () => {
      expect(code).not.toMatch(/Date\.now\(/);
    });
    if (f !== 'lib/store/db.ts') {
      it(`${f}: does not import dexie`, () => {
        expect(code).not.toMatch(/from\s+['"]dexie/);
      });
    }
    if (!isMarked(src)) {
      it(`${f}: pure (no browser globals, no wxt/browser import)`, () => {
        expect(browserGlobalsUsed(code)).toEqual([]);
        expect(code).not.toMatch(/from\s+['"](wxt\/browser|webextension-polyfill)['"]/);
      });
    }
    it(`${f}: imports only lower layers or its own folder`, () => {
      const upward = projectImports(f, code).filter(
        (dep) => !dep.startsWith('lib/') || (folderOf(dep) !== folderOf(f) && layerOf(dep) >= layerOf(f)),
      );
      expect(upward).toEqual([]);
    });
  }
});

describe('lib/store', () => {
  it('imports run one way: no circle among its modules (db.ts registers the upgrades, which call the group and postings code)', () => {
    const store = libFiles.filter((f) => f.startsWith('lib/store/'));
    const graph = new Map(store.map((f) => [f, runtimeImports(f, strip(fs.readFileSync(path.join(ROOT, f), 'utf8'))).filter((d) => d.startsWith('lib/store/'))]));
    expect(graph.get('lib/store/db.ts')).toEqual(['lib/store/upgrades.ts']);
    expect(circles(graph)).toEqual([]);
  });
});

describe('components', () => {
  const dir = path.join(ROOT, 'components');
  const files = walk(dir).map(rel);
  it('has components to check', () => {
    expect(files.length).toBeGreaterThan(5);
  });
  for (const f of files) {
    it(`${f}: imports only lib/types, lib/status and other components`, () => {
      const code = strip(fs.readFileSync(path.join(ROOT, f), 'utf8'));
      const bad = projectImports(f, code).filter((dep) => !dep.startsWith('components/') && dep !== 'lib/types.ts' && dep !== 'lib/status.ts');
      expect(bad).toEqual([]);
    });
  }
});

/** The import circles among `files`, each as the files it runs through (type-only imports
 *  included): files in a circle can only be read, tested and changed together. */
function importCircles(files: string[]): string[][] {
  return circles(new Map(files.map((f) => [f, projectImports(f, strip(fs.readFileSync(path.join(ROOT, f), 'utf8'))).filter((d) => files.includes(d))])));
}

describe('import circles', () => {
  for (const folder of ['lib/text/', 'lib/quotes/', 'lib/matching/', 'lib/speakers/', 'lib/page/', 'lib/share/']) {
    it(`${folder}: none, type-only imports included`, () => {
      expect(importCircles(libFiles.filter((f) => f.startsWith(folder)))).toEqual([]);
    });
  }
});

describe('the layer check itself', () => {
  it('catches an import from a higher layer and allows a lower one', () => {
    expect(projectImports('lib/text/x.ts', "import { a } from '../store/db';")).toEqual(['lib/store/db.ts']);
    expect(layerOf('lib/store/db.ts')).toBeGreaterThan(layerOf('lib/text/normalize.ts'));
    expect(layerOf('lib/page/article.ts')).toBe(layerOf('lib/store/db.ts'));
  });
  it('finds a circle of type-only imports', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'verbatim-circle-'));
    try {
      fs.writeFileSync(path.join(dir, 'a.ts'), "import type { B } from './b';\nexport type A = B[];\n");
      fs.writeFileSync(path.join(dir, 'b.ts'), "import { c } from './c';\nexport type B = string;\n");
      fs.writeFileSync(path.join(dir, 'c.ts'), "import type { A } from './a';\nexport const c: A = [];\n");
      const files = ['a.ts', 'b.ts', 'c.ts'].map((n) => rel(path.join(dir, n)));
      expect(importCircles(files).map((c) => c.map((f) => path.basename(f)))).toEqual([['a.ts', 'b.ts', 'c.ts']]);
      expect(importCircles(files.slice(0, 2))).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
  it('finds an import circle, and counts only the imports that run', () => {
    expect(circles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]))).toEqual([['a', 'b', 'c']]);
    expect(circles(new Map([['a', ['b', 'c']], ['b', ['c']], ['c', []]]))).toEqual([]);
    const code = "import type { A } from './groups';\nimport { type B, type C } from './postings';\nimport { d, type E } from './quote-log';\nimport './settings';";
    expect(runtimeImports('lib/store/db.ts', code)).toEqual(['lib/store/quote-log.ts', 'lib/store/settings.ts']);
  });
});
