// Comparing two versions word by word: the shorter against the best sentence window of the
// longer, as counts of what differs (the grade is decided from them in grade.ts).
//  1. align the words (align.ts);
//  2. split the unaligned words into gaps and classify each: extent, overhang, bracketed,
//     elided sentence, or a wording change (gaps.ts);
//  3. match the loose content words of wording changes across the versions (loose-words.ts);
//  4. score the wording similarity (content-concept Dice plus word-order agreement) and run the
//     meaning checks over the region both versions speak to (meaning.ts).
import { numberValue } from '../text/normalize';
import { alignWords, countRuns, type AlignedPair } from './align';
import { classifyGap, edgeContext, splitGaps, tallyGaps } from './gaps';
import { matchLooseWords } from './loose-words';
import { isMeaningWord, meaningChanges } from './meaning';
import { spelledAlike } from './spelling';
import { maskFits } from './surface';
import { bestWindow } from './window';
import type { Analysis, Word } from './analysis';

/** Weight of content-concept agreement against word-order agreement in the score: content carries the meaning, order guards against bags of shared topic words. */
export const CONTENT_WEIGHT = 0.7;

export interface Comparison {
  /** Wording similarity 0..1 over the shared part. */
  score: number;
  sharedContent: number;
  contentChanges: number;
  synonymSwaps: number;
  /** Function-word edits, content words that moved (counted in functionEdits too) among them. */
  functionEdits: number;
  movedWords: number;
  bracketEdits: number;
  /** Same word spelled another way (digits for a number word). */
  spellingEdits: number;
  elisions: number;
  /** Cuts inside a sentence that no ellipsis marks. */
  silentElisions: number;
  /** True when one side has words beyond the other at an edge (a longer or shorter excerpt). */
  extent: boolean;
  negationChanged: boolean;
  numberChanged: boolean;
  hedgeChanged: boolean;
  /** A content word was replaced by its opposite. */
  antonymSwapped: boolean;
  spliced: boolean;
  /** Words of the shorter version beyond the longer one at one edge (overlapping windows). */
  overhangWords: number;
  /** Normalised words of the shorter version, its content words, and aligned words. */
  shortWords: number;
  shortContent: number;
  alignedWords: number;
  /** Runs of consecutively aligned words (1 = the shorter version stands as one block). */
  runs: number;
  /** Words of the shorter version left unaligned that are not negations, numbers or hedges. */
  unalignedPlain: number;
}

/** How the aligned pairs differ in themselves. */
interface AlignedEdits {
  /** Same stem, another inflection. */
  stemOnlyMatches: number;
  /** Same synonym concept, another word. */
  conceptMatches: number;
  /** Same word spelled another way: joined phrases ("the U.S." / "the United States"), digits for number words. */
  spellingEdits: number;
}

function sameWordSpelledOtherwise(a: Word, b: Word): boolean {
  if (numberValue(a.word) !== null && numberValue(a.word) === numberValue(b.word)) return true;
  if ((a.mask && maskFits(a.mask, b.word)) || (b.mask && maskFits(b.mask, a.word))) return true;
  return a.stem !== b.stem && spelledAlike(a.word, b.word);
}

function alignedEdits(pairs: AlignedPair[], s: Word[], l: Word[]): AlignedEdits {
  const edits = { stemOnlyMatches: 0, conceptMatches: 0, spellingEdits: 0 };
  for (const [i, j] of pairs) {
    if (s[i].word === l[j].word) {
      if (s[i].surface !== l[j].surface) edits.spellingEdits++;
      continue;
    }
    // Digits against words ("2 in 3" / "two in three"), a masked word against the spelled one:
    // a spelling choice, minor at most.
    if (sameWordSpelledOtherwise(s[i], l[j])) {
      edits.spellingEdits++;
      continue;
    }
    if (s[i].stem === l[j].stem) edits.stemOnlyMatches++;
    else edits.conceptMatches++;
  }
  return edits;
}

/** Content-concept Dice and word-order agreement over the compared region, weighted by CONTENT_WEIGHT. */
function wordingScore(regionS: Word[], regionL: Word[], sharedContent: number, alignedWords: number): number {
  const contentS = regionS.filter((w) => w.content).length;
  const contentL = regionL.filter((w) => w.content).length;
  const contentDice = contentS + contentL === 0 ? 0 : (2 * sharedContent) / (contentS + contentL);
  const orderDice = regionS.length + regionL.length === 0 ? 0 : (2 * alignedWords) / (regionS.length + regionL.length);
  const score = CONTENT_WEIGHT * contentDice + (1 - CONTENT_WEIGHT) * orderDice;
  return Math.max(0, Math.min(1, score));
}

/**
 * Compare the shorter version s with the longer version's best window l. `trimmed` says the
 * window leaves out sentences of the longer version before / after it (extent already differs).
 */
export function compareWords(s: Word[], l: Word[], trimmed: { before: boolean; after: boolean }): Comparison {
  const pairs = alignWords(s, l);
  const gaps = splitGaps(pairs, s, l);
  const context = edgeContext(pairs, gaps, trimmed);
  const tally = tallyGaps(gaps.map((g) => classifyGap(g, context)), trimmed);
  const edits = alignedEdits(pairs, s, l);
  const loose = matchLooseWords(
    tally.changedS.filter((w) => w.content),
    tally.changedL.filter((w) => w.content),
  );
  // Region: the words both versions speak to (aligned words plus wording-change gaps); one-sided
  // edges and elided sentences are extent, left out of scores and meaning checks.
  const regionS = [...pairs.map(([i]) => s[i]), ...tally.changedS];
  const regionL = [...pairs.map(([, j]) => l[j]), ...tally.changedL];
  const sharedContent = pairs.filter(([i]) => s[i].content).length + loose.moved + loose.looseSynonyms;
  const alignedS = new Set(pairs.map(([i]) => i));
  return {
    score: wordingScore(regionS, regionL, sharedContent, pairs.length),
    sharedContent,
    shortContent: s.filter((w) => w.content).length,
    contentChanges: loose.contentChanges,
    synonymSwaps: edits.conceptMatches + loose.looseSynonyms,
    functionEdits: tally.functionEdits + loose.moved + edits.stemOnlyMatches,
    movedWords: loose.moved,
    bracketEdits: tally.bracketEdits,
    spellingEdits: edits.spellingEdits,
    elisions: tally.elisions,
    silentElisions: tally.silentElisions,
    extent: tally.extent,
    overhangWords: tally.overhangWords,
    ...meaningChanges(regionS, regionL),
    antonymSwapped: loose.antonymSwapped,
    spliced: tally.spliced,
    shortWords: s.length,
    alignedWords: pairs.length,
    runs: countRuns(pairs),
    unalignedPlain: s.filter((w, i) => !alignedS.has(i) && !isMeaningWord(w)).length,
  };
}

/** Compare two analysed texts: the shorter against the best sentence window of the longer. null when either has no words. */
export function compareAnalyses(a: Analysis, b: Analysis): Comparison | null {
  if (a.words.length === 0 || b.words.length === 0) return null;
  // Equal lengths: order by text, so that relate(a, b) and relate(b, a) grade alike.
  const aFirst = a.words.length < b.words.length || (a.words.length === b.words.length && a.norm <= b.norm);
  const [short, long] = aFirst ? [a, b] : [b, a];
  const window = bestWindow(short, long);
  return compareWords(short.words, window.words, window);
}
