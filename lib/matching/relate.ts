// Grading two versions of a quote: verbatim, excerpt, minor, reworded, altered, or null (not the
// same utterance). Pure; no model, no network.
//
// How it works:
//  1. Both texts become normalised words (words.ts). Equal normalised text → verbatim.
//  2. A quote that only repeats a quote nested inside the other (a motto, a phrase the speaker
//     cites) is not the same utterance as the enclosing quote (nested.ts).
//  3. The shorter version is placed in its best sentence window of the longer one (window.ts)
//     and compared word by word (compare.ts: align, classify the gaps, match loose words, score).
//  4. The counts decide the grade (grade.ts); the reader sees a word diff (word-diff.ts).

import type { DiffPart, Relation } from '../types';
import { sentencePieces } from '../text/sentences';
import { normalize, normalizeTokens } from '../text/normalize';
import { compareAnalyses, type Comparison } from './compare';
import { gradeComparison, type Grade } from './grade';
import { nestedQuotes, quotedInside } from './nested';
import { markSurfaceForms } from './surface';
import { wordDiff } from './word-diff';
import type { Analysis } from './analysis';
import { toWords } from './words';

export interface RelateInput {
  text: string;
  speakerKey: string | null;
}

export interface RelateResult {
  relation: Relation;
  /** 0..1: wording similarity over the part both versions share (1 for verbatim and clean excerpts). */
  score: number;
  /** Word diff from a (removed) to b (added). */
  diff: DiffPart[];
  /** Both speakers known and different for what is the same utterance. */
  speakerConflict: boolean;
}

/** Recently analysed texts: a page's quote is compared with many candidates in a row. */
const ANALYSIS_CACHE_SIZE = 512;
const analysisCache = new Map<string, Analysis>();

function analyze(text: string): Analysis {
  const hit = analysisCache.get(text);
  if (hit) return hit;
  // Symbols and masked words stay apart from the words they stand for (surface.ts), in the
  // verbatim test as in the comparison.
  const marked = markSurfaceForms(text);
  const sentenceWords = sentencePieces(marked).map((x) => toWords(normalizeTokens(x)));
  for (const ws of sentenceWords) if (ws.length) ws[0].sentenceStart = true;
  const words = sentenceWords.flat();
  const norm = words.length ? normalize(marked) : '';
  const result = { words, sentences: sentenceWords.filter((x) => x.length), norm, nested: nestedQuotes(marked) };
  if (analysisCache.size >= ANALYSIS_CACHE_SIZE) analysisCache.clear();
  analysisCache.set(text, result);
  return result;
}

/** Compare two texts: the shorter against the best sentence window of the longer. */
export function compareTexts(a: string, b: string): Comparison | null {
  return compareAnalyses(analyze(a), analyze(b));
}

function gradeAnalyses(a: Analysis, b: Analysis): Grade | null {
  if (a.norm === b.norm) return { relation: 'verbatim', score: 1 };
  if (quotedInside(a, b) || quotedInside(b, a)) return null;
  const c = compareAnalyses(a, b);
  return c ? gradeComparison(c) : null;
}

/** Grade two versions of a quote. null when they are not the same utterance. */
export function relate(a: RelateInput, b: RelateInput): RelateResult | null {
  const xa = analyze(a.text);
  const xb = analyze(b.text);
  if (xa.words.length === 0 || xb.words.length === 0) return null;
  const graded = gradeAnalyses(xa, xb);
  if (!graded) return null;
  return {
    relation: graded.relation,
    score: Math.round(graded.score * 1000) / 1000,
    diff: wordDiff(a.text, b.text),
    speakerConflict: a.speakerKey !== null && b.speakerKey !== null && a.speakerKey !== b.speakerKey,
  };
}
