// The sentence window: the shorter version is placed in the longer one as the run of whole
// sentences sharing most content with it. Whatever the longer says outside that window is extent
// (a longer or shorter excerpt), never a wording change.
import type { Analysis, Word } from './analysis';

export interface SentenceWindow {
  words: Word[];
  /** The longer version has sentences before / after the window. */
  before: boolean;
  after: boolean;
}

/** A window may span this many more sentences than the shorter version has: room for an elided sentence or two. */
const WINDOW_EXTRA_SENTENCES = 3;
/** Above this many candidate windows (block quotes of hundreds of sentences) the whole text is compared instead. */
const MAX_WINDOWS = 2000;
/** Word-level Dice only breaks ties between windows sharing the same content (favours the compact one). */
const WINDOW_WORD_TIEBREAK = 0.01;

function conceptBag(words: Word[]): Map<string, number> {
  const bag = new Map<string, number>();
  for (const w of words) if (w.content) bag.set(w.concept, (bag.get(w.concept) ?? 0) + 1);
  return bag;
}

function wordBag(words: Word[]): Map<string, number> {
  const bag = new Map<string, number>();
  for (const w of words) bag.set(w.word, (bag.get(w.word) ?? 0) + 1);
  return bag;
}

/** The run of whole sentences of the longer text sharing the most with `short` (ties: the shortest). */
export function bestWindow(short: Analysis, long: Analysis): SentenceWindow {
  const parts = long.sentences;
  if (parts.length <= 1) return { words: long.words, before: false, after: false };
  const target = conceptBag(short.words);
  const targetWords = wordBag(short.words);
  const maxSpan = short.sentences.length + WINDOW_EXTRA_SENTENCES;
  // Very many windows (a block quote against a block quote) cost more than they tell.
  if (parts.length * Math.min(maxSpan, parts.length) > MAX_WINDOWS) {
    return { words: long.words, before: false, after: false };
  }
  let bestFrom = 0;
  let bestTo = 0;
  let bestValue = -1;
  let bestLength = Infinity;
  for (let i = 0; i < parts.length; i++) {
    let contentShared = 0;
    let wordsShared = 0;
    let length = 0;
    const seenConcepts = new Map<string, number>();
    const seenWords = new Map<string, number>();
    for (let j = i; j < parts.length && j - i < maxSpan; j++) {
      for (const w of parts[j]) {
        length++;
        const sw = (seenWords.get(w.word) ?? 0) + 1;
        seenWords.set(w.word, sw);
        if (sw <= (targetWords.get(w.word) ?? 0)) wordsShared++;
        if (!w.content) continue;
        const sc = (seenConcepts.get(w.concept) ?? 0) + 1;
        seenConcepts.set(w.concept, sc);
        if (sc <= (target.get(w.concept) ?? 0)) contentShared++;
      }
      const wordDice = (2 * wordsShared) / (short.words.length + length);
      const value = contentShared + WINDOW_WORD_TIEBREAK * wordDice;
      if (value > bestValue + 1e-9 || (Math.abs(value - bestValue) < 1e-9 && length < bestLength)) {
        [bestFrom, bestTo, bestValue, bestLength] = [i, j, value, length];
      }
    }
  }
  return {
    words: parts.slice(bestFrom, bestTo + 1).flat(),
    before: bestFrom > 0,
    after: bestTo < parts.length - 1,
  };
}
