// The unit the grader works on: one normalised word with its stem, synonym concept and marks,
// and everything grading needs about one text, computed once per text.
import { joinNumbers } from './numbers';
import { surfaceForm } from './surface';
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
  /** How it was written: the normalised words it was joined from ("united states" for "usa"), or a symbol or abbreviation (surface.ts). */
  surface: string;
  /** A masked word's visible letters ("f***ing": f, ing). */
  mask?: { head: string; tail: string };
  /** The first word of a sentence of its text. */
  sentenceStart?: boolean;
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
    const joined = tokens.slice(i, i + span).map((t) => t.word).join(' ');
    i += span;
    const previous = out[out.length - 1];
    const form = surfaceForm(w, previous !== undefined && numberValue(previous.word) !== null);
    const word = form?.word ?? w;
    const s = numberValue(word) ?? stem(word);
    const item: Word = { word, stem: s, concept: conceptOf(s), content: isContentWord(word), bracketed, elided, surface: form?.surface ?? joined };
    if (form?.mask) item.mask = form.mask;
    out.push(item);
  }
  return joinNumbers(out);
}
