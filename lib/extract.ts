// The whole extraction for one article's text: quote spans, then their speakers.
// This is what the background, the command-line scan and the evaluations call.
import type { ExtractedQuote } from './types';
import { findQuotes } from './quotes/find-quotes';
import { attributePage } from './speakers/attribute';
import type { TimeBudget } from './time-budget';

/** Every quotation in the text with its speaker, ids "q1", "q2", … in text order. */
export function extractQuotes(text: string): ExtractedQuote[] {
  return extractPage(text).quotes;
}

/** Time attribution may take on one page (ATTRIBUTION_BUDGET_MS in the background); past it the
 *  remaining quotes have no speaker. */
export type ExtractOptions = TimeBudget;

/** Attribution time one page may take in the background: an ordinary article needs a small part
 *  of it, and a page built to be slow (thousands of quotes in one paragraph) stops there instead of
 *  holding the worker that every other tab waits for. */
export const ATTRIBUTION_BUDGET_MS = 2_000;

/** A page's quotes, and whether attribution ran out of time (then later quotes have no speaker). */
export interface ExtractedPage {
  quotes: ExtractedQuote[];
  partial: boolean;
}

/** extractQuotes with a time budget: every quote is found, speakers as far as time allows. */
export function extractPage(text: string, options: ExtractOptions = {}): ExtractedPage {
  if (typeof text !== 'string' || !text) return { quotes: [], partial: false };
  const quotes = [...findQuotes(text)].sort((a, b) => a.start - b.start || a.end - b.end);
  const { attributions, partial } = attributePage(text, quotes, options);
  return { quotes: quotes.map((q, i) => ({ ...q, ...attributions[i], id: `q${i + 1}` })), partial };
}
