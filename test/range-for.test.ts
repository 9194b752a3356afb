import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import fs from 'node:fs';
import path from 'node:path';
import { rangeFor, type ReadResult } from '../lib/page/article';
import { readArticle } from '../lib/page/reader-parts';

// rangeFor reads a span within one text node from the node's characters and any other span from its
// Range: either way it must accept exactly the spans whose Range still reads as the article's text.

const PAGES = path.resolve(__dirname, 'fixtures/pages');
const manifest = JSON.parse(fs.readFileSync(path.join(PAGES, 'manifest.json'), 'utf8')) as { pages: Array<{ file: string }> };

function read(file: string): { doc: Document; read: ReadResult } {
  const url = 'http://127.0.0.1:8000/' + file;
  const doc = new JSDOM(fs.readFileSync(path.join(PAGES, file), 'utf8'), { url }).window.document;
  return { doc, read: readArticle(doc, url)! };
}

const squash = (s: string) => s.replace(/\s+/g, '');

/** Spans of the article: every sentence-sized run of words, and single words, some across nodes. */
function spans(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const m of text.matchAll(/[^.\n]{20,200}[.]/g)) out.push([m.index!, m.index! + m[0].length]);
  for (const m of text.matchAll(/\S+/g)) if (m.index! % 7 === 0) out.push([m.index!, m.index! + m[0].length]);
  return out;
}

/** Changes to a text node: a word changed, whitespace made longer, the same words written again. */
const CHANGES: Array<[string, (data: string) => string]> = [
  ['a character changed', (d) => d.replace(/[a-z]/, 'Q')],
  ['spaces made a line break', (d) => d.replace(/ /g, '\n  ')],
  ['the same words', (d) => d],
  ['text cut short', (d) => d.slice(0, Math.floor(d.length / 2))],
];

describe('rangeFor after the page changed its text', () => {
  for (const page of manifest.pages) {
    it.each(CHANGES)(`${page.file.split('/')[0]}: %s`, (name, change) => {
      const { doc, read: r } = read(page.file);
      const all = spans(r.payload.text);
      // a Range is live (a change to its node moves its ends): keep its ends as they were
      const before = all.map(([s, e]) => {
        const range = rangeFor(r.map, s, e, doc);
        return range && { startContainer: range.startContainer, startOffset: range.startOffset, endContainer: range.endContainer, endOffset: range.endOffset };
      });
      expect(before.filter(Boolean).length).toBeGreaterThan(all.length * 0.9);
      const changed = new Set<Text>();
      r.map.segments.forEach((seg, k) => {
        if (k % 3 === 0 && !changed.has(seg.node)) {
          changed.add(seg.node);
          seg.node.data = change(seg.node.data);
        }
      });
      let accepted = 0;
      let refused = 0;
      all.forEach(([s, e], k) => {
        const was = before[k];
        const now = rangeFor(r.map, s, e, doc);
        if (!was) return expect(now).toBeNull();
        // the same ends as before, read through a Range of the page as it is now
        let reads: string | null = null;
        const sc = was.startContainer as Text;
        const ec = was.endContainer as Text;
        if (was.startOffset <= sc.length && was.endOffset <= ec.length) {
          const range = doc.createRange();
          range.setStart(sc, was.startOffset);
          range.setEnd(ec, was.endOffset);
          reads = range.toString();
        }
        const expected = r.payload.text.slice(s, e);
        const same = reads !== null && (reads === expected || squash(reads) === squash(expected));
        expect(now !== null, `${s}-${e} ${sc === ec ? 'in one node' : 'across nodes'}`).toBe(same);
        if (now) accepted++;
        else refused++;
      });
      // every change leaves some spans as they were (nodes not changed); all but the no-op refuse others
      expect(accepted).toBeGreaterThan(0);
      if (name !== 'the same words') expect(refused).toBeGreaterThan(0);
    });
  }
});
