// A quote inside a quote (a motto, a phrase the speaker cites from someone else): a version that
// only repeats it is not the same utterance as the enclosing quote.
import { normalizeTokens } from '../text/normalize';
import type { Analysis, Word } from './analysis';
import { toWords } from './words';

/**
 * A quote inside a quote: an opening mark after a space or the start, a closing mark not followed
 * by a letter (so the apostrophe in "Obama’s" does not close ‘a war of Obama’s choosing.’).
 */
const NESTED_QUOTE = /(?:^|[^\p{L}\p{N}])[‘'“"](.+?)[’'”"](?![\p{L}\p{N}])/gu;

/** A short quote may have this many more words than the nested quote it repeats (an article, a "the"). */
const NESTED_SLACK_WORDS = 2;

/** The quotes nested inside a text, as normalised text and words. */
export function nestedQuotes(text: string): { norm: string; words: Word[] }[] {
  const nested: { norm: string; words: Word[] }[] = [];
  for (const m of text.matchAll(NESTED_QUOTE)) {
    const tokens = normalizeTokens(m[1]);
    if (tokens.length) nested.push({ norm: tokens.map((t) => t.word).join(' '), words: toWords(tokens) });
  }
  return nested;
}

/**
 * True when `short` is only the words of a quote nested inside `long` (a motto, a phrase the
 * speaker quotes from someone else): the enclosing quote is another utterance that mentions them.
 */
export function quotedInside(short: Analysis, long: Analysis): boolean {
  if (short.norm.length >= long.norm.length) return false;
  const s = ` ${short.norm} `;
  const content = short.words.filter((w) => w.content).map((w) => w.concept);
  return long.nested.some((inner) => {
    if (` ${inner.norm} `.includes(s)) return true;
    // "The Queen of Rage" against "The 'Queen of Rage' is something...": the same content words,
    // give or take an article at the edge.
    if (content.length === 0 || inner.words.length + NESTED_SLACK_WORDS < short.words.length) return false;
    // Same content words in the same order ("I trust in God" is not "In God We Trust").
    let k = 0;
    for (const w of inner.words) if (k < content.length && w.content && w.concept === content[k]) k++;
    return k === content.length;
  });
}
