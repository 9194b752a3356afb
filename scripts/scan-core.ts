// The command-line face of the product's own pipeline: read files in order into a fresh store,
// as a reader would visit them, and report every quote and every pair judged the same utterance.
import fs from 'node:fs';
import path from 'node:path';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { JSDOM, VirtualConsole } from 'jsdom';
import { openDb } from '../lib/store/db';
import { analyzePage } from '../lib/store/analyze-page';
import { readArticle } from '../lib/page/article';
import { relate } from '../lib/matching/relate';
import type { PagePayload, PageQuote, Relation } from '../lib/types';

/** Files above this are refused: no news article is 20 MB of text, and jsdom would need gigabytes. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** A NUL byte in the first 64 KB marks a binary file; real text never has one. */
const BINARY_SNIFF_BYTES = 64 * 1024;

export interface ScanQuote {
  id: string;
  text: string;
  start: number;
  end: number;
  speaker: string | null;
  /** One key per person across outlets and spellings (extra to the documented format). */
  speakerKey: string | null;
  kind: 'statement' | 'term';
  /** Parts of one statement share this (extra to the documented format). */
  statement: string;
}
export interface ScanArticle {
  file: string;
  outlet: string | null;
  title: string | null;
  quotes: ScanQuote[];
  error?: string;
}
export interface ScanVariant {
  a: string;
  b: string;
  relation: Relation;
  score: number;
  speakerConflict: boolean;
}
export interface ScanOutput {
  articles: ScanArticle[];
  variants: ScanVariant[];
}

/** Reads one input file into a page payload, or says plainly why it cannot. */
export function loadPayload(file: string): { payload: PagePayload } | { error: string } {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return { error: `${file}: no such file` };
  }
  if (stat.isDirectory()) return { error: `${file}: is a directory, not a file` };
  if (stat.size === 0) return { error: `${file}: empty file` };
  if (stat.size > MAX_FILE_BYTES) {
    return { error: `${file}: too large (${(stat.size / 1048576).toFixed(1)} MB; the limit is ${MAX_FILE_BYTES / 1048576} MB)` };
  }
  const bytes = fs.readFileSync(file);
  if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) return { error: `${file}: binary file, not text or HTML` };
  const raw = bytes.toString('utf8');
  if (!raw.trim()) return { error: `${file}: no text in file` };
  const url = 'file://' + path.resolve(file);
  if (/\.x?html?$/i.test(file)) {
    const virtualConsole = new VirtualConsole(); // page scripts never run; silence CSS parse noise
    const dom = new JSDOM(raw, { url, virtualConsole });
    const read = readArticle(dom.window.document, url);
    dom.window.close();
    if (!read) return { error: `${file}: no article text found in the page` };
    return { payload: read.payload };
  }
  return {
    payload: { url, canonicalUrl: null, title: null, outlet: null, byline: null, published: null, text: raw, partial: false },
  };
}

/** Runs the pipeline over files in the order given. `now` starts at a fixed time and ticks per file. */
export async function scanFiles(files: string[], startTime = Date.UTC(2024, 2, 22)): Promise<ScanOutput> {
  const db = openDb(`scan-${Math.random().toString(36).slice(2)}`, { indexedDB: new IDBFactory(), IDBKeyRange });
  const articles: ScanArticle[] = [];
  const variants: ScanVariant[] = [];
  const seenPairs = new Set<string>();
  // url -> the quotes of that file as output, to map stored variants back to output ids
  const byUrl = new Map<string, { quotes: PageQuote[]; ids: string[] }>();
  try {
    for (const [i, file] of files.entries()) {
      const loaded = loadPayload(file);
      if ('error' in loaded) {
        articles.push({ file, outlet: null, title: null, quotes: [], error: loaded.error });
        continue;
      }
      const { payload } = loaded;
      let result;
      try {
        result = await analyzePage(db, payload, startTime + i * 60_000);
      } catch (e) {
        articles.push({ file, outlet: payload.outlet, title: payload.title, quotes: [], error: `${file}: ${(e as Error).message}` });
        continue;
      }
      const ids = result.quotes.map((q) => `${i + 1}.${q.id}`);
      articles.push({
        file,
        outlet: result.outlet,
        title: result.title,
        quotes: result.quotes.map((q, k) => ({
          id: ids[k],
          text: q.text,
          start: q.start,
          end: q.end,
          speaker: q.speaker,
          speakerKey: q.speakerKey,
          kind: q.kind,
          statement: `${i + 1}.s${q.statement}`,
        })),
      });
      byUrl.set(payload.url, { quotes: result.quotes, ids });
      // Statement-level links, reported between the parts that carry the shared words.
      for (const [k, q] of result.quotes.entries()) {
        if (q.kind !== 'statement') continue;
        for (const v of q.variants) {
          const other = byUrl.get(v.url);
          if (!other || v.url === payload.url) continue;
          const otherStatements = new Set(
            other.quotes.filter((o) => o.text === v.text || v.text.includes(o.text)).map((o) => o.statement),
          );
          for (const [m, o] of other.quotes.entries()) {
            if (!otherStatements.has(o.statement) || o.kind !== 'statement') continue;
            const key = `${other.ids[m]}|${ids[k]}`;
            if (seenPairs.has(key)) continue;
            const r = relate({ text: o.text, speakerKey: o.speakerKey }, { text: q.text, speakerKey: q.speakerKey });
            if (!r) continue;
            seenPairs.add(key);
            variants.push({ a: other.ids[m], b: ids[k], relation: r.relation, score: round(r.score), speakerConflict: r.speakerConflict });
          }
        }
      }
    }
  } finally {
    db.close();
  }
  return { articles, variants };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
