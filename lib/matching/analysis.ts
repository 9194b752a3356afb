// The unit the grader works on: one normalised word with its stem, synonym concept and marks,
// and everything grading needs about one text, computed once per text (relate.ts analyze).
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
