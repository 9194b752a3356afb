// The whole extraction for one article's text: quote spans, then their speakers.
// This is what the background, the command-line scan and the evaluations call.
import type { ExtractedQuote } from './types';
import { findQuotes } from './quotes/find-quotes';
import { attributeSpeakers } from './speakers/attribute';

/** Every quotation in the text with its speaker, ids "q1", "q2", … in text order. */
export function extractQuotes(text: string): ExtractedQuote[] {
  if (typeof text !== 'string' || !text) return [];
  const quotes = [...findQuotes(text)].sort((a, b) => a.start - b.start || a.end - b.end);
  const speakers = attributeSpeakers(text, quotes);
  return quotes.map((q, i) => ({ ...q, ...speakers[i], id: `q${i + 1}` }));
}
