// Text layout: quotes masked, headlines, paragraphs and sentences.
import type { QuoteSpan } from '../types';
import { TITLE_WORDS } from '../text/names';
import { afterClosers, shortensWord } from '../text/sentences';
import { ATTRIBUTION_TAIL_VERBS } from '../text/vocabulary';
import { bare, wordClass } from './lexicon';
import { FUNCTION_WORDS } from './verbs';

export const MARKS = '"“”„«»‹›\'‘’「」';
/** The masked character standing for quoted words, so cues are never read inside a quote. */
export const MASK = '#';

export interface Sentence {
  start: number;
  end: number;
  para: number;
}

/** Paragraphs in title case ("Obama Says Museum Will Tell …"): their capitals are not names. */
export function headlineParagraphs(masked: string): Set<number> {
  const out = new Set<number>();
  masked.split('\n').forEach((line, i) => {
    if (line.length > HEADLINE_MAX_CHARS) return;
    const words = line.split(/\s+/).filter((w) => /^[\p{L}]/u.test(w) && w.length >= 3);
    if (words.length < HEADLINE_MIN_WORDS) return;
    const caps = words.filter((w) => /^\p{Lu}/u.test(w));
    if (caps.length < HEADLINE_CAPS_SHARE * words.length) return;
    // Capitalised ordinary words ("Says", "Will", "Over") tell a headline from a sentence full of names.
    const ordinary = caps.filter((w) => {
      const b = bare(w.replace(/[^\p{L}'’.-]/gu, ''));
      return wordClass(b) === 'common' && !TITLE_WORDS.has(b) && !FUNCTION_WORDS.has(b);
    });
    if (caps.length >= HEADLINE_CAPS_SHARE * words.length && ordinary.length >= 2) out.add(i);
  });
  return out;
}

/** A line this long with this share of capitalised words (of 3 letters or more) is a headline. */
export const HEADLINE_MIN_WORDS = 4;
/** Headlines are short; longer lines are prose and are not inspected. */
export const HEADLINE_MAX_CHARS = 160;
export const HEADLINE_CAPS_SHARE = 0.8;

export function maskQuotes(text: string, quotes: QuoteSpan[]): string {
  const sorted = [...quotes].sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const q of sorted) {
    const start = Math.max(at, Math.max(0, q.start));
    const end = Math.min(text.length, q.end);
    if (end <= start) continue;
    out += text.slice(at, start) + MASK.repeat(end - start);
    at = end;
  }
  return out + text.slice(at);
}

/** Verbs by which a speaker puts out a document of their own words ("issued a statement"). */
export const ISSUING_VERBS = new Set(['issued', 'issues', 'released', 'releases', 'sent', 'sends', 'published', 'publishes',
  'wrote', 'writes', 'posted', 'posts', 'signed', 'signs', 'drafted', 'delivered', 'put', 'penned', 'circulated']);

/** Where the opening mark(s) of a quote begin and the closing mark(s) end. */
export function markBounds(text: string, q: QuoteSpan): [number, number] {
  let s = q.start;
  // French typography sets a space inside guillemets: « Nous … ».
  if (GUILLEMET_SPACE.test(text.slice(Math.max(0, s - 2), s))) s -= 1;
  while (s > 0 && q.start - s < 3 && MARKS.includes(text[s - 1])) s--;
  let e = q.end;
  if (/^[ \u00a0\u202f][«»‹›]/u.test(text.slice(e, e + 2))) e += 1;
  while (e < text.length && e - q.end < 3 && MARKS.includes(text[e])) e++;
  return [s, e];
}

/** A guillemet and the space French typography puts inside it, right before a quote's words. */
export const GUILLEMET_SPACE = /[«»‹›][ \u00a0\u202f]$/u;

/** `?” Clinton asked.` — a short attribution after a quote ending in ?/!/. stays in the quote's sentence. */
export const ATTRIBUTION_TAIL = new RegExp(`^\\s+(?:[\\p{Lu}][\\p{L}.'’-]*\\s+){1,4}(?:${[...ATTRIBUTION_TAIL_VERBS].join('|')})\\b`, 'u');

export function splitSentences(masked: string, quotes: QuoteSpan[], original: string): Sentence[] {
  const out: Sentence[] = [];
  const closeAfterStop = new Set<number>();
  for (const q of quotes) {
    const last = original.slice(q.start, q.end).trimEnd().slice(-1);
    if (/[.!?…]/.test(last)) closeAfterStop.add(markBounds(original, q)[1]);
  }
  let para = 0;
  let start = 0;
  const push = (end: number) => {
    if (end > start && masked.slice(start, end).trim()) out.push({ start, end, para });
    start = end;
  };
  // Only newlines, stops and closing marks after a stop can end a sentence: visit just those.
  const stops = /[\n.!?]/g;
  const closers = [...closeAfterStop].map((p) => p - 1).sort((a, b) => a - b);
  let ci = 0;
  let m: RegExpExecArray | null = stops.exec(masked);
  while (m || ci < closers.length) {
    const useCloser = ci < closers.length && (!m || closers[ci] < m.index);
    const i = useCloser ? closers[ci++] : m!.index;
    if (!useCloser) m = stops.exec(masked);
    if (i < start) continue;
    const ch = masked[i];
    if (useCloser) {
      if (/\s/.test(masked[i + 1] ?? '') && /[\p{Lu}“"‘]/u.test(masked[i + 2] ?? '') && !ATTRIBUTION_TAIL.test(masked.slice(i + 1, i + 120))) push(i + 1);
      continue;
    }
    if (ch === '\n') {
      push(i);
      start = i + 1;
      para++;
      continue;
    }
    const j = afterClosers(masked, i);
    const next = masked.slice(j, j + 2);
    const glued = /^\p{Lu}\p{Ll}/u.test(next); // "north.Blinken": paragraphs run together
    if (!(/^\s[\p{Lu}“"‘(]/u.test(next) || glued || j >= masked.length)) continue;
    if (ch === '.' && shortensWord(masked, i, glued)) continue;
    push(j);
  }
  push(masked.length);
  return out;
}
