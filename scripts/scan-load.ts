// Reading one input into a page ready for the store: HTML through jsdom and Readability, text as
// it is, and its quotes found. What a worker of the extraction pool runs, apart from the store.
import fs from 'node:fs';
import path from 'node:path';
import { readArticle } from '../lib/page/reader-parts';
import { extractQuotes } from '../lib/extract';
import type { ExtractedQuote, PagePayload } from '../lib/types';

/** Files above this are refused: no news article is 20 MB of text, and jsdom would need gigabytes. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** A NUL byte in the first 64 KB marks a binary file; real text never has one. */
const BINARY_SNIFF_BYTES = 64 * 1024;

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
      closeQuietly(dom.window);
    }
  }
  return withQuotes({ url, canonicalUrl: null, title: null, outlet: null, byline: null, published: null, text: raw, partial: false });
}

/** Frees a page's window. jsdom's close throws on some nestings of frames (an iframe inside an
 *  svg's descendants: its frame has no window left to close); the article is read by then, so a
 *  failed close costs nothing but the memory the worker gets back when it is renewed. */
function closeQuietly(window: { close(): void }): void {
  try {
    window.close();
  } catch {
    // nothing to lose: see above
  }
}

function withQuotes(payload: PagePayload): Loaded {
  return { payload, extracted: extractQuotes(payload.text) };
}
