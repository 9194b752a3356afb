// Where a page's speech verbs can be: every word of its masked text that could be one, found in one
// reading, so that the cues around each of thousands of quotes look their stretch up instead of
// reading it word by word (a page of scare quotes with no speech verb cost a full reading per quote).
import { countLeading } from '../text/sorted';
import { VERB_WORD, type VerbHit, findVerbs, mayBeVerb, verbsFrom } from './verbs';

export interface VerbIndex {
  /** The text indexed: the page's masked text. */
  text: string;
  /** Start of every word of text that mayBeVerb, in order. */
  starts: number[];
}

export function verbIndex(text: string): VerbIndex {
  const starts: number[] = [];
  for (const m of text.matchAll(new RegExp(VERB_WORD))) if (mayBeVerb(m[0])) starts.push(m.index);
  return { text, starts };
}

/**
 * findVerbs(stretch, limit) for a stretch that is index.text.slice(offset, offset + stretch.length),
 * with the same result: the words inside the stretch come from the index, and only the words its
 * two ends may cut ("unsaid" read from "said") are read from the stretch itself.
 */
export function findVerbsAt(index: VerbIndex | null, stretch: string, offset: number, limit = Infinity): VerbHit[] {
  if (!index) return findVerbs(stretch, limit);
  const { text, starts } = index;
  const end = offset + stretch.length;
  const head = wholeWordsFrom(text, offset, end);
  const tail = wholeWordsTo(text, offset, end);
  if (tail < head) return findVerbs(stretch, limit);
  const out: VerbHit[] = [];
  const take = (hits: Iterable<VerbHit>) => {
    for (const v of hits) {
      if (out.length >= limit) return;
      out.push(v);
    }
  };
  take(verbsFrom(stretch, 0, head - offset));
  for (let k = countLeading(starts, (s) => s < head); k < starts.length && starts[k] < tail && out.length < limit; k++) {
    take(verbsFrom(stretch, starts[k] - offset, starts[k] - offset + 1));
  }
  take(verbsFrom(stretch, tail - offset));
  return out;
}

/** A character that may belong to a word: a word character, or half of a character outside the BMP
 *  (which a single half cannot tell). */
function wordish(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  return (c >= 0xd800 && c <= 0xdfff) || WORD_CHAR.test(text[at]);
}

const WORD_CHAR = /[\p{L}'’#-]/u;

/** The first position in [from, to] after which no word of text is cut by `from`. */
function wholeWordsFrom(text: string, from: number, to: number): number {
  let p = from;
  if (p === 0 || !wordish(text, p - 1)) return p;
  while (p < to && wordish(text, p - 1)) p++;
  return p;
}

/** The last position in [from, to] before which no word of text is cut by `to`. */
function wholeWordsTo(text: string, from: number, to: number): number {
  let p = to;
  if (p === text.length || !wordish(text, p)) return p;
  while (p > from && wordish(text, p - 1)) p--;
  return p;
}
