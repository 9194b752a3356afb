// Grading two versions of a quote: verbatim, excerpt, minor, reworded, altered, or null (not the
// same utterance). Pure; no model, no network.
//
// How it works:
//  1. Both texts become normalised words (normalize.ts). Equal words → verbatim.
//  2. The shorter version is placed in the longer one: the window of whole sentences of the
//     longer that shares most content with it. Whatever the longer says outside that window is
//     extent (a longer or shorter excerpt), never a wording change.
//  3. Inside the window the two word lists are aligned (weighted LCS: same word > same stem >
//     same synonym concept). Unaligned words at an edge on one side only are extent; everything
//     else (inner gaps, both sides differing at an edge) is a wording change, counted as function
//     edits, content changes, synonym swaps, bracketed insertions, elided sentences.
//  4. The wording similarity (content-concept Dice plus word-order agreement) decides "same
//     utterance or not"; the counts decide excerpt / minor / reworded; meaning checks (negation,
//     numbers, hedges, content spliced in) turn a same-utterance pair into "altered".
// A false "reworded" (two different utterances linked) costs more trust than a miss, so the
// thresholds lean toward null.

import { diffWords } from 'diff';
import type { DiffPart, Relation } from './types';
import {
  NEGATIONS,
  conceptOf,
  isContentWord,
  joinPhrases,
  normalizeTokens,
  numberValue,
  stem,
  type NormToken,
} from './normalize';

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

// ---------------------------------------------------------------------------------------------
// Thresholds

/** Below this wording similarity two texts are different utterances. Set on BASIL 2010–2014 (cross-outlet "different" near misses) and MRPC train; higher loses rewordings, lower links same-topic remarks. */
export const SAME_UTTERANCE_MIN_SCORE = 0.5;
/** A pair with fewer shared content concepts than this is never linked unless it is a clean excerpt: two shared words are topic, not an utterance. */
export const MIN_SHARED_CONTENT = 3;
/** A clean excerpt needs this many normalised words: shorter quotes ("the American people") are stock phrases shared by chance. */
export const MIN_EXCERPT_WORDS = 4;
/** Minor allows at most this many content-word changes (one swap or inflection keeping the referent, per the label guide); more is a rewording. */
export const MINOR_MAX_CONTENT_CHANGES = 1;
/** Minor allows this many function-word edits (an article, a "that", a conjunction, a contraction); more is restructuring. */
export const MINOR_MAX_FUNCTION_EDITS = 3;
/** A one-sided inner gap of at least this many words in the longer version, with no content of its own in the shorter, is an elided sentence (excerpt), not a wording change. */
export const ELISION_MIN_WORDS = 8;
/** Content words inserted in one place, with nothing in the other version, that make "words spliced in" (altered) when the rest is near-verbatim. */
export const SPLICE_MIN_CONTENT = 3;
/** Weight of content-concept agreement against word-order agreement in the score: content carries the meaning, order guards against bags of shared topic words. */
export const CONTENT_WEIGHT = 0.7;
/** Alignment credit: exact word, same stem (inflection), same synonym concept. */
const MATCH_EXACT = 1;
const MATCH_STEM = 0.9;
const MATCH_CONCEPT = 0.8;
/** Above this many aligned cells the word alignment is skipped for a cheaper bag comparison (block quotes). */
const MAX_ALIGN_CELLS = 400_000;

/** Words that limit a claim; adding or dropping one changes what was said. */
export const HEDGES = new Set([
  'may', 'might', 'perhaps', 'possibly', 'probably', 'likely', 'unlikely', 'some', 'many', 'most',
  'often', 'sometimes', 'almost', 'nearly', 'largely', 'mostly', 'partly', 'partially', 'somewhat',
  'arguably', 'seemingly', 'apparently', 'allegedly', 'reportedly', 'only', 'few', 'several',
]);

// ---------------------------------------------------------------------------------------------
// Words

interface Word {
  word: string;
  stem: string;
  concept: string;
  content: boolean;
  bracketed: boolean;
}

function toWords(tokens: NormToken[]): Word[] {
  // Phrases ("united states" → "usa") are joined so that "U.S." and "the United States" align.
  const out: Word[] = [];
  let i = 0;
  const joined = joinPhrases(tokens.map((t) => t.word));
  // Map joined words back to bracket flags: a joined phrase is bracketed if its first token was.
  for (const w of joined) {
    const bracketed = tokens[i]?.bracketed ?? false;
    const span = w === tokens[i]?.word ? 1 : phraseLength(tokens, i, w);
    i += span;
    const s = numberValue(w) ?? stem(w);
    out.push({ word: w, stem: s, concept: conceptOf(s), content: isContentWord(w), bracketed });
  }
  return out;
}

function phraseLength(tokens: NormToken[], i: number, joinedWord: string): number {
  for (let n = 2; n <= 3; n++) {
    if (joinPhrases(tokens.slice(i, i + n).map((t) => t.word))[0] === joinedWord) return n;
  }
  return 1;
}

function matchWeight(a: Word, b: Word): number {
  if (a.word === b.word) return MATCH_EXACT;
  if (a.stem === b.stem) return MATCH_STEM;
  if (a.content && b.content && a.concept === b.concept) return MATCH_CONCEPT;
  return 0;
}

// ---------------------------------------------------------------------------------------------
// Sentence window

function sentences(text: string): string[] {
  return text.split(/(?<=[.!?;:]["'”’)\]]?)\s+/).filter((s) => s.trim());
}

function conceptBag(words: Word[]): Map<string, number> {
  const bag = new Map<string, number>();
  for (const w of words) if (w.content) bag.set(w.concept, (bag.get(w.concept) ?? 0) + 1);
  return bag;
}

function bagOverlap(a: Map<string, number>, b: Map<string, number>): number {
  let n = 0;
  for (const [k, v] of a) n += Math.min(v, b.get(k) ?? 0);
  return n;
}

/** The run of whole sentences of `long` sharing the most content with `short` (ties: the shortest). */
function bestWindow(short: Word[], longText: string): Word[] {
  const parts = sentences(longText).map((s) => toWords(normalizeTokens(s)));
  if (parts.length <= 1) return parts[0] ?? [];
  const target = conceptBag(short);
  let best: Word[] = [];
  let bestOverlap = -1;
  for (let i = 0; i < parts.length; i++) {
    let window: Word[] = [];
    for (let j = i; j < parts.length; j++) {
      window = window.concat(parts[j]);
      const overlap = bagOverlap(target, conceptBag(window));
      if (overlap > bestOverlap || (overlap === bestOverlap && window.length < best.length)) {
        best = window;
        bestOverlap = overlap;
      }
    }
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// Alignment

/** Weighted LCS; returns aligned index pairs in order. */
function align(a: Word[], b: Word[]): [number, number][] {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) return [];
  if (n * m > MAX_ALIGN_CELLS) return greedyAlign(a, b);
  const dp = new Float64Array((n + 1) * (m + 1));
  const at = (i: number, j: number) => i * (m + 1) + j;
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const w = matchWeight(a[i], b[j]);
      let v = Math.max(dp[at(i + 1, j)], dp[at(i, j + 1)]);
      if (w > 0) v = Math.max(v, w + dp[at(i + 1, j + 1)]);
      dp[at(i, j)] = v;
    }
  }
  const pairs: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    const w = matchWeight(a[i], b[j]);
    if (w > 0 && dp[at(i, j)] === w + dp[at(i + 1, j + 1)]) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if (dp[at(i + 1, j)] >= dp[at(i, j + 1)]) i++;
    else j++;
  }
  return pairs;
}

/** Cheap alignment for very long texts: exact words in order, first occurrence. */
function greedyAlign(a: Word[], b: Word[]): [number, number][] {
  const pairs: [number, number][] = [];
  let j = 0;
  for (let i = 0; i < a.length && j < b.length; i++) {
    for (let k = j; k < Math.min(b.length, j + 50); k++) {
      if (a[i].word === b[k].word) {
        pairs.push([i, k]);
        j = k + 1;
        break;
      }
    }
  }
  return pairs;
}

// ---------------------------------------------------------------------------------------------
// Comparison

export interface Comparison {
  /** Wording similarity 0..1 over the shared part. */
  score: number;
  sharedContent: number;
  contentChanges: number;
  synonymSwaps: number;
  functionEdits: number;
  bracketEdits: number;
  elisions: number;
  /** True when one side has words beyond the other at an edge (a longer or shorter excerpt). */
  extent: boolean;
  negationChanged: boolean;
  numberChanged: boolean;
  hedgeChanged: boolean;
  spliced: boolean;
  /** Normalised words of the shorter version. */
  shortWords: number;
}

function multiset(words: Word[], pick: (w: Word) => string | null): Map<string, number> {
  const m = new Map<string, number>();
  for (const w of words) {
    const k = pick(w);
    if (k !== null) m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
}

function sameMultiset(a: Map<string, number>, b: Map<string, number>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}

const NOT_A_NUMBER = new Set(['one', 'half']); // "no one", "the one", "on the other half": pronoun uses dominate

function numberOf(w: Word): string | null {
  if (NOT_A_NUMBER.has(w.word)) return null;
  return numberValue(w.word);
}

/** Compare the shorter version s with the longer version's best window l. */
export function compareWords(s: Word[], l: Word[], shortWords: number): Comparison {
  const pairs = align(s, l);
  // Gaps: [sFrom, sTo) × [lFrom, lTo) between aligned pairs, plus the two edges.
  const gaps: { s: Word[]; l: Word[]; edge: boolean }[] = [];
  let ps = 0;
  let pl = 0;
  for (const [i, j] of pairs) {
    gaps.push({ s: s.slice(ps, i), l: l.slice(pl, j), edge: ps === 0 && pl === 0 });
    ps = i + 1;
    pl = j + 1;
  }
  gaps.push({ s: s.slice(ps), l: l.slice(pl), edge: true });
  if (pairs.length === 0) gaps.splice(0, gaps.length, { s, l, edge: false });

  // Region words that both versions speak to (for meaning checks): aligned words plus
  // wording-change gaps; one-sided edges and elided sentences are left out.
  const regionS: Word[] = [];
  const regionL: Word[] = [];
  for (const [i, j] of pairs) {
    regionS.push(s[i]);
    regionL.push(l[j]);
  }

  let extent = false;
  let elisions = 0;
  let functionEdits = 0;
  let bracketEdits = 0;
  let spliced = false;
  const looseS: Word[] = [];
  const looseL: Word[] = [];
  let stemOnlyMatches = 0;
  for (const [i, j] of pairs) if (s[i].word !== l[j].word) {
    if (s[i].stem === l[j].stem) stemOnlyMatches++;
  }
  let conceptMatches = 0;
  for (const [i, j] of pairs) if (s[i].stem !== l[j].stem) conceptMatches++;

  for (const g of gaps) {
    if (g.s.length === 0 && g.l.length === 0) continue;
    const oneSided = g.s.length === 0 || g.l.length === 0;
    if (g.edge && oneSided) {
      extent = true;
      continue;
    }
    const gs = g.s.filter((w) => !w.bracketed);
    const gl = g.l.filter((w) => !w.bracketed);
    bracketEdits += g.s.length - gs.length + (g.l.length - gl.length);
    if (oneSided && !g.edge) {
      const words = gs.length ? gs : gl;
      if (gl.length >= ELISION_MIN_WORDS) {
        elisions++;
        continue;
      }
      const content = words.filter((w) => w.content).length;
      if (content >= SPLICE_MIN_CONTENT) spliced = true;
    }
    regionS.push(...gs);
    regionL.push(...gl);
    for (const w of gs) (w.content ? looseS : null)?.push(w);
    for (const w of gl) (w.content ? looseL : null)?.push(w);
    const fs = gs.filter((w) => !w.content).length;
    const fl = gl.filter((w) => !w.content).length;
    functionEdits += Math.max(fs, fl);
  }

  // Content words that moved (reordered) or were swapped for a synonym elsewhere in the text.
  let moved = 0;
  let synonymSwaps = conceptMatches;
  const usedL = new Set<number>();
  const unmatchedS: Word[] = [];
  for (const w of looseS) {
    let k = looseL.findIndex((x, idx) => !usedL.has(idx) && x.stem === w.stem);
    if (k >= 0) {
      usedL.add(k);
      moved++;
      continue;
    }
    k = looseL.findIndex((x, idx) => !usedL.has(idx) && x.concept === w.concept);
    if (k >= 0) {
      usedL.add(k);
      synonymSwaps++;
      continue;
    }
    unmatchedS.push(w);
  }
  const unmatchedL = looseL.length - usedL.size;
  const contentChanges = Math.max(unmatchedS.length, unmatchedL);
  functionEdits += moved + stemOnlyMatches;

  const alignedContent = pairs.filter(([i]) => s[i].content).length;
  const sharedContent = alignedContent + moved + (synonymSwaps - conceptMatches);
  const contentS = regionS.filter((w) => w.content).length;
  const contentL = regionL.filter((w) => w.content).length;
  const contentDice = contentS + contentL === 0 ? 0 : (2 * sharedContent) / (contentS + contentL);
  const orderDice = regionS.length + regionL.length === 0 ? 0 : (2 * pairs.length) / (regionS.length + regionL.length);
  const score = CONTENT_WEIGHT * contentDice + (1 - CONTENT_WEIGHT) * orderDice;

  const negations = (ws: Word[]) => multiset(ws, (w) => (NEGATIONS.has(w.word) ? 'not' : null));
  const numbers = (ws: Word[]) => multiset(ws, numberOf);
  const hedges = (ws: Word[]) => multiset(ws, (w) => (HEDGES.has(w.word) ? w.word : null));
  return {
    score: Math.max(0, Math.min(1, score)),
    sharedContent,
    contentChanges,
    synonymSwaps,
    functionEdits,
    bracketEdits,
    elisions,
    extent,
    negationChanged: !sameMultiset(negations(regionS), negations(regionL)),
    numberChanged: !sameMultiset(numbers(regionS), numbers(regionL)),
    hedgeChanged: !sameMultiset(hedges(regionS), hedges(regionL)),
    spliced,
    shortWords,
  };
}

/** Compare two texts: the shorter against the best sentence window of the longer. */
export function compareTexts(a: string, b: string): Comparison | null {
  const wa = toWords(normalizeTokens(a));
  const wb = toWords(normalizeTokens(b));
  if (wa.length === 0 || wb.length === 0) return null;
  const [short, long, longText] = wa.length <= wb.length ? [wa, wb, b] : [wb, wa, a];
  const window = bestWindow(short, longText);
  return compareWords(short, window.length ? window : long, short.length);
}

/** The relation a comparison supports, or null for different utterances. */
export function gradeComparison(c: Comparison): { relation: Relation; score: number } | null {
  const clean =
    c.contentChanges === 0 && c.synonymSwaps === 0 && c.functionEdits === 0 && c.bracketEdits === 0;
  if (clean && (c.extent || c.elisions > 0) && c.shortWords >= MIN_EXCERPT_WORDS && c.sharedContent >= 1) {
    return { relation: 'excerpt', score: 1 };
  }
  // Same words once phrases are joined ("the U.S." / "the United States"): a spelling-level change.
  if (clean && !c.extent && c.elisions === 0) return { relation: 'minor', score: 1 };
  if (c.sharedContent < MIN_SHARED_CONTENT || c.score < SAME_UTTERANCE_MIN_SCORE) return null;
  const meaningMoved = c.negationChanged || c.numberChanged || c.hedgeChanged;
  const nearVerbatim =
    c.contentChanges + c.synonymSwaps <= MINOR_MAX_CONTENT_CHANGES && c.functionEdits <= MINOR_MAX_FUNCTION_EDITS;
  if (meaningMoved || (c.spliced && c.contentChanges <= SPLICE_MIN_CONTENT)) {
    return { relation: 'altered', score: c.score };
  }
  if (nearVerbatim || (clean && c.bracketEdits > 0)) return { relation: 'minor', score: c.score };
  return { relation: 'reworded', score: c.score };
}

/** Grade two versions of a quote. null when they are not the same utterance. */
export function relate(a: RelateInput, b: RelateInput): RelateResult | null {
  const na = normalizeTokens(a.text);
  const nb = normalizeTokens(b.text);
  if (na.length === 0 || nb.length === 0) return null;
  const speakerConflict = a.speakerKey !== null && b.speakerKey !== null && a.speakerKey !== b.speakerKey;
  const verbatim = na.length === nb.length && na.every((t, i) => t.word === nb[i].word);
  let graded: { relation: Relation; score: number } | null;
  if (verbatim) graded = { relation: 'verbatim', score: 1 };
  else {
    const c = compareTexts(a.text, b.text);
    graded = c ? gradeComparison(c) : null;
  }
  if (!graded) return null;
  return {
    relation: graded.relation,
    score: Math.round(graded.score * 1000) / 1000,
    diff: wordDiff(a.text, b.text),
    speakerConflict,
  };
}

function wordDiff(a: string, b: string): DiffPart[] {
  if (a === b) return [{ value: a }];
  return diffWords(a, b).map((p) => {
    const part: DiffPart = { value: p.value };
    if (p.added) part.added = true;
    if (p.removed) part.removed = true;
    return part;
  });
}
