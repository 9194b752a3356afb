// The command-line face of the product's own pipeline: read inputs in order into a store, as a
// reader would visit them, and report every quote and every pair judged the same utterance.
import fs from 'node:fs';
import path from 'node:path';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { openDb, type VerbatimDb } from '../lib/store/db';
import { analyzePage } from '../lib/store/analyze-page';
import { readArticle } from '../lib/page/article';
import { relate } from '../lib/matching/relate';
import { extractQuotes } from '../lib/extract';
import type { ExtractedQuote, PagePayload, PageQuote, Relation } from '../lib/types';

/** Files above this are refused: no news article is 20 MB of text, and jsdom would need gigabytes. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** A NUL byte in the first 64 KB marks a binary file; real text never has one. */
const BINARY_SNIFF_BYTES = 64 * 1024;
/** The clock of a scan without dates: a fixed start, one minute per input, so runs repeat exactly. */
export const SCAN_START_TIME = Date.UTC(2024, 2, 22);
export const SCAN_TICK_MS = 60_000;

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
  /** The earlier version: an output id ("1.q3"), or "URL#quote id" for a version already in the store. */
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

/** One thing to scan: a file on disk (read where it is extracted), or a page already in memory
 *  (standard input, a web archive record). */
export type ScanInput =
  | { kind: 'file'; name: string; path: string }
  | { kind: 'page'; name: string; url: string; body: string; html: boolean; date: number | null }
  | { kind: 'broken'; name: string; error: string };

/** A page ready for the store: its payload and its quotes (found where it was loaded, so that a
 *  pool of workers does the costly part of every page). */
export type Loaded = { payload: PagePayload; extracted: ExtractedQuote[] } | { error: string };

/** Reads one input file into a page payload, or says plainly why it cannot. */
export function loadPayload(file: string): Promise<Loaded> {
  return loadInput({ kind: 'file', name: file, path: file });
}

/** One input into a page payload: HTML through jsdom and Readability, anything else as plain text
 *  with one paragraph per line. Never throws on bad input: the error says which input and why. */
export async function loadInput(input: ScanInput): Promise<Loaded> {
  if (input.kind === 'broken') return { error: input.error };
  if (input.kind === 'page') return pagePayload(input.name, input.body, input.url, input.html);
  const file = input.path;
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
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    return { error: `${file}: cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` };
  }
  if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) return { error: `${file}: binary file, not text or HTML` };
  return pagePayload(file, bytes.toString('utf8'), 'file://' + path.resolve(file), /\.x?html?$/i.test(file));
}

/** Whether text without a telling name is an HTML page: it opens with a tag or a doctype. */
export function looksLikeHtml(text: string): boolean {
  return /^\s*(<!doctype html|<html|<head|<body|<!--|<meta|<article|<div|<p[\s>])/i.test(text.slice(0, 1024));
}

async function pagePayload(name: string, raw: string, url: string, html: boolean): Promise<Loaded> {
  if (!raw.trim()) return { error: `${name}: no text in file` };
  if (raw.length > MAX_FILE_BYTES) return { error: `${name}: too large (the limit is ${MAX_FILE_BYTES / 1048576} MB)` };
  if (html) {
    // Loaded only for HTML: a scan of text files never pays for jsdom.
    const { JSDOM, VirtualConsole } = await import('jsdom');
    const virtualConsole = new VirtualConsole(); // page scripts never run; silence CSS parse noise
    const dom = new JSDOM(raw, { url, virtualConsole });
    try {
      const read = readArticle(dom.window.document, url);
      if (!read) return { error: `${name}: no article text found in the page` };
      return withQuotes(read.payload);
    } finally {
      dom.window.close();
    }
  }
  return withQuotes({ url, canonicalUrl: null, title: null, outlet: null, byline: null, published: null, text: raw, partial: false });
}

function withQuotes(payload: PagePayload): Loaded {
  return { payload, extracted: extractQuotes(payload.text) };
}

/** Runs loaded inputs through the page pipeline one at a time, in the order given to `add`, and
 *  turns each page result into output rows with ids local to this scan. */
export class Scanner {
  private readonly seenPairs = new Set<string>();
  // url -> the quotes of that input as output, to map stored variants back to output ids
  private readonly byUrl = new Map<string, { quotes: PageQuote[]; ids: string[] }>();
  readonly variants: ScanVariant[] = [];

  constructor(private readonly db: VerbatimDb) {}

  /** Input number `n` (1-based; ids are "n.q…"), seen at time `now`; returns its output row and
   *  the variant pairs it adds. */
  async add(n: number, name: string, loaded: Loaded, now: number): Promise<{ article: ScanArticle; variants: ScanVariant[] }> {
    if ('error' in loaded) return { article: { file: name, outlet: null, title: null, quotes: [], error: loaded.error }, variants: [] };
    const { payload, extracted } = loaded;
    let result;
    try {
      result = await analyzePage(this.db, payload, now, extracted);
    } catch (e) {
      return { article: { file: name, outlet: payload.outlet, title: payload.title, quotes: [], error: `${name}: ${(e as Error).message}` }, variants: [] };
    }
    const ids = result.quotes.map((q) => `${n}.${q.id}`);
    const article: ScanArticle = {
      file: name,
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
        statement: `${n}.s${q.statement}`,
      })),
    };
    this.byUrl.set(payload.url, { quotes: result.quotes, ids });
    const added: ScanVariant[] = [];
    // Statement-level links, reported between the parts that carry the shared words.
    for (const [k, q] of result.quotes.entries()) {
      if (q.kind !== 'statement') continue;
      for (const v of q.variants) {
        if (v.url === payload.url) continue;
        const other = this.byUrl.get(v.url);
        if (!other) {
          // A version stored by an earlier scan: reported as the store holds it.
          const key = `${v.url}#${v.quoteId}|${ids[k]}`;
          if (this.seenPairs.has(key)) continue;
          this.seenPairs.add(key);
          added.push({ a: `${v.url}#${v.quoteId}`, b: ids[k], relation: v.relation, score: round(v.score), speakerConflict: v.speakerConflict });
          continue;
        }
        const otherStatements = new Set(other.quotes.filter((o) => o.text === v.text || v.text.includes(o.text)).map((o) => o.statement));
        for (const [m, o] of other.quotes.entries()) {
          if (!otherStatements.has(o.statement) || o.kind !== 'statement') continue;
          const key = `${other.ids[m]}|${ids[k]}`;
          if (this.seenPairs.has(key)) continue;
          const r = relate({ text: o.text, speakerKey: o.speakerKey }, { text: q.text, speakerKey: q.speakerKey });
          if (!r) continue;
          this.seenPairs.add(key);
          added.push({ a: other.ids[m], b: ids[k], relation: r.relation, score: round(r.score), speakerConflict: r.speakerConflict });
        }
      }
    }
    this.variants.push(...added);
    return { article, variants: added };
  }
}

/** A store that lives as long as the process: for evaluation scripts and tests. */
export function openMemoryDb(): VerbatimDb {
  return openDb(`scan-${Math.random().toString(36).slice(2)}`, { indexedDB: new IDBFactory(), IDBKeyRange });
}

/** Runs the pipeline over files in the order given. `now` starts at a fixed time and ticks per file. */
export async function scanFiles(files: string[], startTime = SCAN_START_TIME): Promise<ScanOutput> {
  const db = openMemoryDb();
  const scanner = new Scanner(db);
  const articles: ScanArticle[] = [];
  try {
    for (const [i, file] of files.entries()) {
      articles.push((await scanner.add(i + 1, file, await loadPayload(file), startTime + i * SCAN_TICK_MS)).article);
    }
  } finally {
    db.close();
  }
  return { articles, variants: scanner.variants };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
