// The unit the grader works on: one normalised word with its stem, synonym concept and marks,
// and everything grading needs about one text, computed once per text.
import {
  conceptOf,
  isContentWord,
  joinPhrases,
  numberValue,
  phraseLength,
  stem,
  type NormToken,
} from '../text/normalize';

export interface Word {
  word: string;
  stem: string;
  concept: string;
  content: boolean;
  bracketed: boolean;
  /** An ellipsis stands before this word (a marked cut). */
  elided: boolean;
  /** The normalised words it was joined from ("united states" for "usa"). */
  surface: string;
}

/** Everything grading needs about one text. */
export interface Analysis {
  words: Word[];
  sentences: Word[][];
  /** normalize(text) */
  norm: string;
  /** Quotes nested inside this one (normalised text and words). */
  nested: { norm: string; words: Word[] }[];
}

/** Normalised tokens as grading words; phrases ("united states" → "usa", "by ourselves") are joined so that they align as one word. */
export function toWords(tokens: NormToken[]): Word[] {
  const out: Word[] = [];
  let i = 0;
  for (const w of joinPhrases(tokens.map((t) => t.word))) {
    const bracketed = tokens[i]?.bracketed ?? false;
    const elided = tokens[i]?.elided ?? false;
    const span = w === tokens[i]?.word ? 1 : phraseLength(w);
    const surface = tokens.slice(i, i + span).map((t) => t.word).join(' ');
    i += span;
    const s = numberValue(w) ?? stem(w);
    out.push({ word: w, stem: s, concept: conceptOf(s), content: isContentWord(w), bracketed, elided, surface });
  }
  return out;
}
