// The core stays pure: lib modules run in Node without a browser. Only modules that say so in
// their first lines ("[browser]" or "[dom]") may touch browser globals, and only lib/db.ts may
// import dexie. Time is a parameter: no Date.now() in lib.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const LIB = path.resolve(__dirname, '../lib');
const files = fs.readdirSync(LIB).filter((f) => /\.tsx?$/.test(f));
const head = (src: string) => src.split('\n').slice(0, 5).join('\n');
const isMarked = (src: string) => /\[(browser|dom)\]/.test(head(src));
const strip = (src: string) => src.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');

const GLOBALS = ['window', 'document', 'navigator', 'location', 'localStorage', 'indexedDB', 'chrome', 'browser'];

/** Browser globals the code uses, not counting names it declares itself (a local `window` of words). */
function browserGlobalsUsed(code: string): string[] {
  return GLOBALS.filter((g) => {
    const declared = new RegExp(`\\b(const|let|var|function)\\s+${g}\\b|[(,]\\s*${g}\\s*[:,)=]`).test(code);
    return !declared && new RegExp(`(^|[^.\\w])${g}\\s*[.[]`, 'm').test(code);
  });
}

describe('lib architecture', () => {
  it('has modules to check', () => {
    expect(files.length).toBeGreaterThan(5);
  });
  for (const f of files) {
    const src = fs.readFileSync(path.join(LIB, f), 'utf8');
    const code = strip(src);
    it(`${f}: no Date.now()`, () => {
      expect(code).not.toMatch(/Date\.now\(/);
    });
    if (f !== 'db.ts') {
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
  }
});
