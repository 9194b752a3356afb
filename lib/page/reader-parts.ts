// [dom] The parts of reading a page that most pages never run: Readability, for a page with no
// marked article body, and the quote finder that puts back quote paragraphs a reader left out
// (recover.ts). The content script loads them only when a page needs them (entrypoints/
// page-reader.ts, lib/page/late-parts.ts): on a page that needs neither, their 50 KB are never
// compiled. Node callers (the scanner, tests) have them at hand: readArticle.
import { Readability } from '@mozilla/readability';
import { readArticleWith, type ReaderParts, type ReadOptions, type ReadResult } from './article';
import { recoverQuoteBlocks } from './recover';

export const readerParts: ReaderParts = { Readability, recoverQuoteBlocks };

/** Reads the article on a page in one go. null when the page has no article (or it cannot be read). */
export function readArticle(doc: Document, url: string, options: ReadOptions = {}): ReadResult | null {
  return readArticleWith(readerParts, doc, url, options);
}
