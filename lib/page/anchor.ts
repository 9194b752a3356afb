// Re-anchoring: find a quote again in an article's text after the page re-rendered or changed.
// A quote is remembered as a text-quote selector (exact words + a little context on each side +
// the old offset); on new text we look for the exact words first, then for an approximate match,
// and pick the candidate whose context and position agree best (as Hypothesis's match-quote does).
import search from 'approx-string-match';
import { ANCHOR_CONTEXT } from '../types';


/** Most errors allowed in the quote itself, as a share of its length: a quote with more changed characters is a different quote. */
export const MAX_ERROR_RATIO = 0.2;

/** Hard cap on allowed errors: keeps the approximate search fast on very long quotes. */
export const MAX_ERRORS_CAP = 64;

/** Lowest accepted overall score (0..1): below this the best candidate is more likely a different passage. */
export const MIN_ANCHOR_SCORE = 0.5;

/** Relative weights of the evidence: the quote's words matter most, context next, position breaks ties. */
const WEIGHT_QUOTE = 50;
const WEIGHT_PREFIX = 20;
const WEIGHT_SUFFIX = 20;
const WEIGHT_POSITION = 2;

export interface QuoteSelector {
  exact: string;
  prefix: string;
  suffix: string;
  /** Offset of `exact` in the text the selector was taken from (a hint, not a requirement). */
  start: number;
}

export interface Anchor {
  start: number;
  end: number;
  /** 0..1, how well the quote, its context and position agree. */
  score: number;
}

/** The selector for text.slice(start, end); null when the offsets are outside the text or empty. */
export function quoteSelector(text: string, start: number, end: number, contextChars = ANCHOR_CONTEXT): QuoteSelector | null {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > text.length || end <= start) return null;
  return {
    exact: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - contextChars), start),
    suffix: text.slice(end, Math.min(text.length, end + contextChars)),
    start,
  };
}

/** 0..1 similarity of two strings from an approximate search of `b` inside `a`-sized context. */
function contextScore(text: string, context: string, matchAt: number, side: 'before' | 'after'): number {
  if (!context) return 1;
  const window =
    side === 'before'
      ? text.slice(Math.max(0, matchAt - context.length), matchAt)
      : text.slice(matchAt, matchAt + context.length);
  if (window === context) return 1;
  if (!window) return 0;
  const maxErrors = Math.min(MAX_ERRORS_CAP, context.length);
  const found = search(window, context, maxErrors);
  if (found.length === 0) return 0;
  const errors = Math.min(...found.map((m) => m.errors));
  return Math.max(0, 1 - errors / context.length);
}

interface Candidate {
  start: number;
  end: number;
  errors: number;
}

function scoreCandidate(text: string, selector: QuoteSelector, c: Candidate): number {
  const quoteScore = 1 - c.errors / Math.max(1, selector.exact.length);
  const prefixScore = contextScore(text, selector.prefix, c.start, 'before');
  const suffixScore = contextScore(text, selector.suffix, c.end, 'after');
  const positionScore = 1 - Math.abs(c.start - selector.start) / Math.max(1, text.length);
  const total = WEIGHT_QUOTE + WEIGHT_PREFIX + WEIGHT_SUFFIX + WEIGHT_POSITION;
  return (
    (quoteScore * WEIGHT_QUOTE +
      prefixScore * WEIGHT_PREFIX +
      suffixScore * WEIGHT_SUFFIX +
      positionScore * WEIGHT_POSITION) /
    total
  );
}

function exactCandidates(text: string, exact: string): Candidate[] {
  const out: Candidate[] = [];
  let at = text.indexOf(exact);
  while (at !== -1) {
    out.push({ start: at, end: at + exact.length, errors: 0 });
    at = text.indexOf(exact, at + 1);
  }
  return out;
}

/**
 * Where the selector's quote is in `text`, or null when it is gone (or changed past MAX_ERROR_RATIO).
 * Exact occurrences are preferred; the approximate search runs only when there is none.
 */
export function anchorQuote(text: string, selector: QuoteSelector): Anchor | null {
  if (!text || !selector || !selector.exact) return null;
  const { exact } = selector;
  // Fast path: unchanged text at the old offset with the same context.
  if (text.startsWith(exact, selector.start)) {
    const c = { start: selector.start, end: selector.start + exact.length, errors: 0 };
    const score = scoreCandidate(text, selector, c);
    if (score === 1) return { start: c.start, end: c.end, score };
  }
  let candidates = exactCandidates(text, exact);
  if (candidates.length === 0) {
    const maxErrors = Math.min(MAX_ERRORS_CAP, Math.floor(exact.length * MAX_ERROR_RATIO));
    if (maxErrors === 0) return null;
    candidates = search(text, exact, maxErrors);
  }
  let best: Anchor | null = null;
  for (const c of candidates) {
    const score = scoreCandidate(text, selector, c);
    if (!best || score > best.score) best = { start: c.start, end: c.end, score };
  }
  return best && best.score >= MIN_ANCHOR_SCORE ? best : null;
}

/** anchorQuote for many selectors; each result is independent (null where a quote is gone). */
export function anchorQuotes(text: string, selectors: readonly QuoteSelector[]): (Anchor | null)[] {
  return selectors.map((s) => anchorQuote(text, s));
}
