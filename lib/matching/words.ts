// A text's normalised tokens as the words the grader works on (analysis.ts): phrases joined,
// symbols and abbreviations read as words, numbers written in several words joined into one.
import type { Word } from './analysis';
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
