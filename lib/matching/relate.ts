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
//     A cut marked with an ellipsis, and a gap of a whole sentence, are extent too.
//  4. The wording similarity (content-concept Dice plus word-order agreement) decides "same
//     utterance or not"; the counts decide excerpt / minor / reworded; meaning checks (negation,
//     numbers, hedges, content spliced in) turn a same-utterance pair into "altered".
//  5. A quote that only repeats a quote nested inside the other (a motto, a phrase the speaker
//     cites) is not the same utterance as the enclosing quote.
// A false "reworded" (two different utterances linked) costs more trust than a miss, so the
// thresholds lean toward null.

import { diffArrays } from 'diff';
import type { DiffPart, Relation } from '../types';
import { sentencePieces } from '../text/sentences';
import {
  NEGATIONS,
  conceptOf,
  isContentWord,
  joinPhrases,
  normalize,
  normalizeTokens,
  numberValue,
  phraseLength,
  stem,
  type NormToken,
} from '../text/normalize';

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

/**
 * Below this wording similarity two texts are different utterances. On BASIL 2010–2014 nearly
 * every cross-outlet pair labelled reworded/altered/minor scores ≥ 0.66, while the "different"
 * pairs that still share words (same talking point, same speaker another day) crowd 0.45–0.65.
 * Scanned on BASIL: 0.55 → P 95.5 R 95.5, 0.6 → P 96.2 R 95.5, 0.65 → P 96.6 R 94.8, 0.7 → P 96.9
 * R 94.8 (MRPC train accuracy 69.8, 68.5, 66.1, 62.7). MRPC train alone would pick ~0.5: its
 * pairs are 67% positive and reward recall, but here a false link costs more than a miss.
 */
export const SAME_UTTERANCE_MIN_SCORE = 0.6;
/**
 * A rewording (no meaning check fired, more than a minor edit) needs this much similarity: it
 * has no word-for-word stretch to vouch for it. BASIL 2010–2014: every labelled rewording scores
 * ≥ 0.77 and the threshold drops one false link (P 96.2 → 96.6, R unchanged); MRPC train accuracy
 * falls 67.9 → 65.2, since MRPC's positives are all rewordings of news sentences, not quotes.
 */
export const REWORDED_MIN_SCORE = 0.7;
/** A pair sharing fewer content concepts than this is linked only as a clean excerpt, or when the shorter quote has fewer content words than this and stands in the other almost word for word: two shared words are topic, not an utterance. */
export const MIN_SHARED_CONTENT = 3;
/**
 * With two or more content changes no meaning check explains, the shared content words must
 * outnumber them by this much: same-speaker remarks built on one template differ in exactly that
 * way. Costs no BASIL 2010–2014 pair and 0.7 points of MRPC train accuracy, for no false
 * "reworded" on sentences such as "a good job on the economy" / "a terrible job on immigration".
 */
export const MIN_SHARED_MARGIN = 2;
/** A clean excerpt needs this many normalised words: shorter quotes ("the American people") are stock phrases shared by chance. */
export const MIN_EXCERPT_WORDS = 4;
/**
 * Two versions that each run past the other (overlapping windows: one outlet quotes the start of a
 * sentence, another its end) must share this many aligned words in one unbroken run; fewer is a
 * chance echo of a phrase. BASIL 2010–2014: 5 links "dress like you deserve respect, not a spot at
 * a bar" with "Rise to the occasion. Dress like you deserve respect …" (R 95.5 → 97.4, P 96.6 →
 * 96.7 against 8); no false link added there, among the seeds' 866 other pairs or on MRPC.
 */
export const OVERLAP_MIN_WORDS = 5;
/**
 * Overlapping windows whose shared words come in several runs need this many: scattered shared
 * words are names and titles around different sentences ("Senator Richard M. Burr of North
 * Carolina" / "Senator Richard Burr, a North Carolina …": five words, three runs), which the
 * Chromium bench's held-out sentences linked at 5.
 */
export const OVERLAP_MIN_SCATTERED_WORDS = 8;
/** A quote with fewer content words than MIN_SHARED_CONTENT is linked only if at most this many of its words find no partner: one dropped function word. */
export const SHORT_MAX_UNALIGNED = 1;
/** Minor allows at most this many content-word changes (one swap or inflection keeping the referent, per the label guide); more is a rewording. */
export const MINOR_MAX_CONTENT_CHANGES = 1;
/** Minor allows this many function-word edits (an article, a "that", a conjunction, a contraction); more is restructuring. */
export const MINOR_MAX_FUNCTION_EDITS = 3;
/** A one-sided inner gap of at least this many words in the longer version is an elided sentence (excerpt), not a wording change; shorter gaps count as elided only where an ellipsis marks the cut. */
export const ELISION_MIN_WORDS = 8;
/** This many content words inside a quote on one side only, facing no content word on the other, are "words spliced in" (or cut out): altered. Fewer is an intensifier or a small addition (minor). */
export const SPLICE_MIN_CONTENT = 3;
/** Weight of content-concept agreement against word-order agreement in the score: content carries the meaning, order guards against bags of shared topic words. */
export const CONTENT_WEIGHT = 0.7;
/** Alignment credit: exact word, same stem (inflection), same synonym concept. */
const MATCH_EXACT = 1;
const MATCH_STEM = 0.9;
const MATCH_CONCEPT = 0.8;
/** Cost of starting a new run of aligned words: far below any match weight, so it only breaks ties toward compact alignments. */
const RUN_START_COST = 0.01;
/** Above this many alignment cells (block quote against block quote) a greedy in-order alignment replaces the full one. */
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
  /** An ellipsis stands before this word (a marked cut). */
  elided: boolean;
  /** The normalised words it was joined from ("united states" for "usa"). */
  surface: string;
}

function toWords(tokens: NormToken[]): Word[] {
  // Phrases ("united states" → "usa", "by ourselves") are joined so that they align as one word.
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

function matchWeight(a: Word, b: Word): number {
  if (a.word === b.word) return MATCH_EXACT;
  if (a.stem === b.stem) return MATCH_STEM;
  // Synonyms among content words, and a paraphrase phrase against its word ("going to" / "will").
  const phrase = a.word.includes('_') || b.word.includes('_');
  if ((phrase || (a.content && b.content)) && a.concept === b.concept) return MATCH_CONCEPT;
  return 0;
}

// ---------------------------------------------------------------------------------------------
// Sentence window (pieces from lib/text/sentences.ts)

/** Everything relate() needs about one text, computed once per text. */
interface Analysis {
  words: Word[];
  sentences: Word[][];
  /** normalize(text) */
  norm: string;
  /** Quotes nested inside this one (normalised text and words). */
  nested: { norm: string; words: Word[] }[];
}

/** A short quote may have this many more words than the nested quote it repeats (an article, a "the"). */
const NESTED_SLACK_WORDS = 2;

/** Recently analysed texts: a page's quote is compared with many candidates in a row. */
const ANALYSIS_CACHE_SIZE = 512;
const analysisCache = new Map<string, Analysis>();

function analyze(text: string): Analysis {
  const hit = analysisCache.get(text);
  if (hit) return hit;
  const sentenceWords = sentencePieces(text).map((x) => toWords(normalizeTokens(x)));
  const words = sentenceWords.flat();
  const norm = words.length ? normalize(text) : '';
  const nested: { norm: string; words: Word[] }[] = [];
  for (const m of text.matchAll(NESTED_QUOTE)) {
    const tokens = normalizeTokens(m[1]);
    if (tokens.length) nested.push({ norm: tokens.map((t) => t.word).join(' '), words: toWords(tokens) });
  }
  const result = { words, sentences: sentenceWords.filter((x) => x.length), norm, nested };
  if (analysisCache.size >= ANALYSIS_CACHE_SIZE) analysisCache.clear();
  analysisCache.set(text, result);
  return result;
}

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

interface Window {
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

/** The run of whole sentences of the longer text sharing the most with `short` (ties: the shortest). */
function bestWindow(short: Analysis, long: Analysis): Window {
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

// ---------------------------------------------------------------------------------------------
// Alignment

/**
 * Weighted LCS with a small cost per run of aligned words, so that among equally good
 * alignments the most compact one wins ("we will do it" aligned as one run, not with an early
 * "we" borrowed from elsewhere). Returns aligned index pairs in order.
 */
function align(a: Word[], b: Word[]): [number, number][] {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) return [];
  if (n * m > MAX_ALIGN_CELLS) return greedyAlign(a, b);
  // free[i,j]: best for a[i:], b[j:] when the previous step was not a match; run[i,j]: when it was.
  const free = new Float64Array((n + 1) * (m + 1));
  const run = new Float64Array((n + 1) * (m + 1));
  const at = (i: number, j: number) => i * (m + 1) + j;
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const skip = Math.max(free[at(i + 1, j)], free[at(i, j + 1)]);
      const w = matchWeight(a[i], b[j]);
      const take = w > 0 ? w + run[at(i + 1, j + 1)] : -Infinity;
      free[at(i, j)] = Math.max(skip, take - RUN_START_COST);
      run[at(i, j)] = Math.max(skip, take);
    }
  }
  const pairs: [number, number][] = [];
  let i = 0;
  let j = 0;
  let inRun = false;
  while (i < n && j < m) {
    const here = (inRun ? run : free)[at(i, j)];
    const w = matchWeight(a[i], b[j]);
    if (w > 0 && Math.abs(here - (w + run[at(i + 1, j + 1)] - (inRun ? 0 : RUN_START_COST))) < 1e-9) {
      pairs.push([i, j]);
      i++;
      j++;
      inRun = true;
    } else {
      if (Math.abs(here - free[at(i + 1, j)]) < 1e-9) i++;
      else j++;
      inRun = false;
    }
  }
  return pairs;
}

/**
 * A function word aligned on its own, with gaps on both sides, is a coincidence ("not" in
 * "don't make faces" against "not a spot at a bar"): it would split one difference in two.
 */
function dropLoneFunctionWords(pairs: [number, number][], s: Word[], l: Word[]): [number, number][] {
  const follows = (p: [number, number] | undefined, q: [number, number] | undefined) =>
    !!p && !!q && q[0] === p[0] + 1 && q[1] === p[1] + 1;
  // First words of both versions, or last words of both, are anchored: not a coincidence.
  const anchored = ([i, j]: [number, number]) => (i === 0 && j === 0) || (i === s.length - 1 && j === l.length - 1);
  return pairs.filter(
    (p, k) => s[p[0]].content || anchored(p) || follows(pairs[k - 1], p) || follows(p, pairs[k + 1]),
  );
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
  /** Same word spelled another way (digits for a number word). */
  spellingEdits: number;
  elisions: number;
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
  /** Content words and all words of the compared region, shorter version first. */
  regionContent: [number, number];
  regionWords: [number, number];
}

/** Opposites in general English: swapping one for the other reverses a claim (by concept, both ways). */
const ANTONYM_PAIRS: [string, string][] = [
  ['create', 'destroy'], ['increase', 'decrease'], ['win', 'lose'], ['support', 'oppose'],
  ['accept', 'reject'], ['approve', 'reject'], ['agree', 'disagree'], ['allow', 'ban'],
  ['allow', 'prohibit'], ['right', 'wrong'], ['good', 'bad'], ['succeed', 'fail'],
  ['success', 'failure'], ['legal', 'illegal'], ['possible', 'impossible'], ['strong', 'weak'],
  ['strengthen', 'weaken'], ['open', 'close'], ['include', 'exclude'], ['love', 'hate'],
  ['true', 'false'], ['guilty', 'innocent'], ['high', 'low'], ['higher', 'lower'], ['gain', 'loss'],
  ['safe', 'dangerous'], ['lawful', 'unlawful'], ['constitutional', 'unconstitutional'],
  ['fair', 'unfair'], ['responsible', 'irresponsible'], ['effective', 'ineffective'],
  ['acceptable', 'unacceptable'],
];
const ANTONYMS = new Map<string, Set<string>>();
for (const [a, b] of ANTONYM_PAIRS) {
  const [ca, cb] = [conceptOf(stem(a)), conceptOf(stem(b))];
  if (ca === cb) continue;
  if (!ANTONYMS.has(ca)) ANTONYMS.set(ca, new Set());
  if (!ANTONYMS.has(cb)) ANTONYMS.set(cb, new Set());
  ANTONYMS.get(ca)!.add(cb);
  ANTONYMS.get(cb)!.add(ca);
}

/** Negations, numbers and hedges: the words whose change moves the meaning. */
function isMeaningWord(w: Word): boolean {
  return NEGATIONS.has(w.word) || HEDGES.has(w.word) || numberOf(w) !== null;
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

/** "one" is mostly a pronoun ("no one", "the one"), so neither it nor "1" counts in the number check; "half" likewise. */
const NOT_A_NUMBER = new Set(['one', '1', 'half']);

function numberOf(w: Word): string | null {
  if (NOT_A_NUMBER.has(w.word)) return null;
  const v = numberValue(w.word);
  return v === null || v === '1' ? null : v;
}

/**
 * Compare the shorter version s with the longer version's best window l. `trimmed` says the
 * window leaves out sentences of the longer version before / after it (extent already differs).
 */
export function compareWords(s: Word[], l: Word[], trimmed: { before: boolean; after: boolean }): Comparison {
  const pairs = dropLoneFunctionWords(align(s, l), s, l);
  // Gaps between aligned pairs; the first and last are edges.
  // `marked`: an ellipsis on either side at the gap (before its first word or the word after it).
  const gaps: { s: Word[]; l: Word[]; edge: 'lead' | 'tail' | null; marked: boolean }[] = [];
  let ps = 0;
  let pl = 0;
  const cut = (ws: Word[], from: number, to: number) => ws.slice(from, to + 1).some((w) => w.elided);
  for (const [i, j] of pairs) {
    const marked = cut(s, ps, i) || cut(l, pl, j);
    gaps.push({ s: s.slice(ps, i), l: l.slice(pl, j), edge: ps === 0 && pl === 0 ? 'lead' : null, marked });
    ps = i + 1;
    pl = j + 1;
  }
  gaps.push({ s: s.slice(ps), l: l.slice(pl), edge: 'tail', marked: cut(s, ps, s.length - 1) || cut(l, pl, l.length - 1) });
  if (pairs.length === 0) gaps.splice(0, gaps.length, { s, l, edge: null, marked: false });

  // Region: the words both versions speak to (aligned words plus wording-change gaps);
  // one-sided edges and elided sentences are extent, left out of scores and meaning checks.
  const regionS: Word[] = [];
  const regionL: Word[] = [];
  for (const [i, j] of pairs) {
    regionS.push(s[i]);
    regionL.push(l[j]);
  }

  let extent = trimmed.before || trimmed.after;
  let elisions = 0;
  let functionEdits = 0;
  let bracketEdits = 0;
  let spliced = false;
  const overhang = { lead: 0, tail: 0 };
  const looseS: Word[] = [];
  const looseL: Word[] = [];
  let stemOnlyMatches = 0;
  let conceptMatches = 0;
  let spellingEdits = 0;
  for (const [i, j] of pairs) {
    if (s[i].word === l[j].word) {
      if (s[i].surface !== l[j].surface) spellingEdits++; // "the U.S." / "the United States"
      continue;
    }
    // Digits against words ("2 in 3" / "two in three"): a spelling choice, minor at most.
    if (numberValue(s[i].word) !== null && numberValue(s[i].word) === numberValue(l[j].word)) {
      spellingEdits++;
      continue;
    }
    if (s[i].stem === l[j].stem) stemOnlyMatches++;
    else conceptMatches++;
  }

  // The shorter version may run past the longer one at one edge when the longer runs past it
  // at the other (two overlapping windows of one utterance), over enough shared words. Any other
  // overhang is wording: words the longer version does not have.
  const lead = gaps[0];
  const tail = gaps[gaps.length - 1];
  const longExtra = {
    lead: trimmed.before || (lead.edge === 'lead' && lead.s.length === 0 && lead.l.length > 0),
    tail: trimmed.after || (tail.edge === 'tail' && tail.s.length === 0 && tail.l.length > 0),
  };
  const oneRun = pairs.every(([i, j], k) => k === 0 || (i === pairs[k - 1][0] + 1 && j === pairs[k - 1][1] + 1));
  const overlapping = pairs.length >= OVERLAP_MIN_SCATTERED_WORDS || (oneRun && pairs.length >= OVERLAP_MIN_WORDS);
  for (const g of gaps) {
    if (g.s.length === 0 && g.l.length === 0) continue;
    const oneSided = g.s.length === 0 || g.l.length === 0;
    if (g.edge && oneSided && [...g.s, ...g.l].every((w) => w.bracketed)) {
      bracketEdits += g.s.length + g.l.length;
      continue;
    }
    if (g.edge && oneSided) {
      if (g.l.length) {
        extent = true;
        continue;
      }
      const other = g.edge === 'lead' ? 'tail' : 'lead';
      if (overlapping && longExtra[other]) {
        overhang[g.edge] = g.s.length;
        continue;
      }
    }
    if (g.edge && g.marked && overlapping) {
      // An ellipsis marks a cut at this edge: what differs beyond it is extent, not wording.
      extent = true;
      overhang[g.edge] = g.s.length;
      continue;
    }
    const gs = g.s.filter((w) => !w.bracketed);
    const gl = g.l.filter((w) => !w.bracketed);
    bracketEdits += g.s.length - gs.length + (g.l.length - gl.length);
    if (gs.length === 0 && gl.length === 0) continue;
    if (!g.edge && g.marked) {
      elisions++;
      continue;
    }
    if (gs.length === 0 || gl.length === 0) {
      if (!g.edge && gl.length >= ELISION_MIN_WORDS) {
        elisions++;
        continue;
      }
    }
    // Content words on one side only, in the middle of a quote: words spliced in (or cut out).
    const cs = gs.filter((w) => w.content).length;
    const cl = gl.filter((w) => w.content).length;
    if (!g.edge && Math.min(cs, cl) === 0 && Math.max(cs, cl) >= SPLICE_MIN_CONTENT) spliced = true;
    regionS.push(...gs);
    regionL.push(...gl);
    for (const w of gs) if (w.content) looseS.push(w);
    for (const w of gl) if (w.content) looseL.push(w);
    const fs = gs.filter((w) => !w.content).length;
    const fl = gl.filter((w) => !w.content).length;
    functionEdits += Math.max(fs, fl);
  }

  // Content words that moved (reordered) or were swapped for a synonym elsewhere in the text.
  let moved = 0;
  let looseSynonyms = 0;
  let unmatchedS = 0;
  // First the same stem anywhere (moved or inflected), then the same concept (synonym).
  const take = (counts: Map<string, number>, key: string) => {
    const n = counts.get(key) ?? 0;
    if (n > 0) counts.set(key, n - 1);
    return n > 0;
  };
  const stemsL = new Map<string, number>();
  for (const x of looseL) stemsL.set(x.stem, (stemsL.get(x.stem) ?? 0) + 1);
  const leftS: Word[] = [];
  for (const w of looseS) {
    if (take(stemsL, w.stem)) moved++;
    else leftS.push(w);
  }
  const conceptsL = new Map<string, number>();
  for (const x of looseL) if ((stemsL.get(x.stem) ?? 0) > 0) {
    stemsL.set(x.stem, stemsL.get(x.stem)! - 1);
    conceptsL.set(x.concept, (conceptsL.get(x.concept) ?? 0) + 1);
  }
  const unmatchedSWords: Word[] = [];
  for (const w of leftS) {
    if (take(conceptsL, w.concept)) looseSynonyms++;
    else {
      unmatchedS++;
      unmatchedSWords.push(w);
    }
  }
  // A word swapped for its opposite ("create jobs" / "destroy jobs") reverses the claim.
  const antonymSwapped = unmatchedSWords.some((w) =>
    [...conceptsL].some(([c, n]) => n > 0 && ANTONYMS.get(w.concept)?.has(c)),
  );
  const matchedL = moved + looseSynonyms;
  const unmatchedL = looseL.length - matchedL;
  const contentChanges = Math.max(unmatchedS, unmatchedL);
  functionEdits += moved + stemOnlyMatches;
  const synonymSwaps = conceptMatches + looseSynonyms;

  const alignedContent = pairs.filter(([i]) => s[i].content).length;
  const sharedContent = alignedContent + moved + looseSynonyms;
  const contentS = regionS.filter((w) => w.content).length;
  const contentL = regionL.filter((w) => w.content).length;
  const contentDice = contentS + contentL === 0 ? 0 : (2 * sharedContent) / (contentS + contentL);
  const orderDice = regionS.length + regionL.length === 0 ? 0 : (2 * pairs.length) / (regionS.length + regionL.length);
  const score = CONTENT_WEIGHT * contentDice + (1 - CONTENT_WEIGHT) * orderDice;

  const overhangWords = overhang.lead + overhang.tail;
  const alignedS = new Set(pairs.map(([i]) => i));

  const negations = (ws: Word[]) => multiset(ws, (w) => (NEGATIONS.has(w.word) ? 'not' : null));
  const numbers = (ws: Word[]) => multiset(ws, numberOf);
  const hedges = (ws: Word[]) => multiset(ws, (w) => (HEDGES.has(w.word) ? w.word : null));
  return {
    score: Math.max(0, Math.min(1, score)),
    sharedContent,
    shortContent: s.filter((w) => w.content).length,
    contentChanges,
    synonymSwaps,
    functionEdits,
    bracketEdits,
    spellingEdits,
    elisions,
    extent,
    overhangWords,
    negationChanged: !sameMultiset(negations(regionS), negations(regionL)),
    numberChanged: !sameMultiset(numbers(regionS), numbers(regionL)),
    hedgeChanged: !sameMultiset(hedges(regionS), hedges(regionL)),
    antonymSwapped,
    spliced,
    shortWords: s.length,
    regionContent: [contentS, contentL],
    regionWords: [regionS.length, regionL.length],
    alignedWords: pairs.length,
    runs: pairs.filter((p, k) => k === 0 || p[0] !== pairs[k - 1][0] + 1 || p[1] !== pairs[k - 1][1] + 1).length,
    unalignedPlain: s.filter((w, i) => !alignedS.has(i) && !isMeaningWord(w)).length,
  };
}

/** Compare two texts: the shorter against the best sentence window of the longer. */
export function compareTexts(a: string, b: string): Comparison | null {
  return compareAnalyses(analyze(a), analyze(b));
}

function compareAnalyses(a: Analysis, b: Analysis): Comparison | null {
  if (a.words.length === 0 || b.words.length === 0) return null;
  // Equal lengths: order by text, so that relate(a, b) and relate(b, a) grade alike.
  const aFirst = a.words.length < b.words.length || (a.words.length === b.words.length && a.norm <= b.norm);
  const [short, long] = aFirst ? [a, b] : [b, a];
  const window = bestWindow(short, long);
  return compareWords(short.words, window.words, window);
}

/** The relation a comparison supports, or null for different utterances. */
export function gradeComparison(c: Comparison): { relation: Relation; score: number } | null {
  const clean =
    c.contentChanges === 0 &&
    c.synonymSwaps === 0 &&
    c.functionEdits === 0 &&
    c.bracketEdits === 0 &&
    c.spellingEdits === 0;
  const longer = c.extent || c.elisions > 0 || c.overhangWords > 0;
  if (clean && longer) {
    // Every word of the shorter version stands in the longer one in order: an excerpt, if it is
    // long enough not to be a stock phrase.
    return c.shortWords >= MIN_EXCERPT_WORDS && c.alignedWords >= MIN_EXCERPT_WORDS && c.sharedContent >= 1
      ? { relation: 'excerpt', score: 1 }
      : null;
  }
  // Same words once phrases are joined ("the U.S." / "the United States"), or only a bracketed
  // editorial insertion: a spelling-level change.
  if (clean) return { relation: 'minor', score: 1 };
  if (c.shortWords < MIN_EXCERPT_WORDS || c.score < SAME_UTTERANCE_MIN_SCORE) return null;
  if (c.shortContent < MIN_SHARED_CONTENT) {
    // A short quote has too few content words to vouch for it: it must stand in the longer one
    // almost word for word (a synonym allowed, SHORT_MAX_UNALIGNED words not), meaning intact.
    const meaningMoved = c.negationChanged || c.numberChanged || c.hedgeChanged || c.antonymSwapped;
    if (c.contentChanges > 0) return null;
    if (meaningMoved) {
      // "we will not do it alone" / "we will do it alone": every other word in place, in at most
      // two runs around the flipped word. Anything looser is a chance echo, not the same words.
      if (c.unalignedPlain > 0 || c.runs > 2) return null;
      return { relation: 'altered', score: c.score };
    }
    if (c.shortWords - c.alignedWords > SHORT_MAX_UNALIGNED) return null;
  } else if (c.sharedContent < MIN_SHARED_CONTENT) return null;
  if (c.negationChanged || c.numberChanged || c.hedgeChanged || c.antonymSwapped || c.spliced) {
    return { relation: 'altered', score: c.score };
  }
  // Two or more content changes that no meaning check explains, against a thin shared core, is a
  // template ("doing a good job on the economy" / "a terrible job on immigration"), not one
  // utterance reworded.
  if (c.contentChanges >= 2 && c.sharedContent < c.contentChanges + MIN_SHARED_MARGIN) return null;
  const nearVerbatim =
    c.contentChanges + c.synonymSwaps <= MINOR_MAX_CONTENT_CHANGES && c.functionEdits <= MINOR_MAX_FUNCTION_EDITS;
  if (nearVerbatim) return { relation: 'minor', score: c.score };
  return c.score >= REWORDED_MIN_SCORE ? { relation: 'reworded', score: c.score } : null;
}

/** Grade two versions of a quote. null when they are not the same utterance. */
export function relate(a: RelateInput, b: RelateInput): RelateResult | null {
  const xa = analyze(a.text);
  const xb = analyze(b.text);
  if (xa.words.length === 0 || xb.words.length === 0) return null;
  const speakerConflict = a.speakerKey !== null && b.speakerKey !== null && a.speakerKey !== b.speakerKey;
  let graded: { relation: Relation; score: number } | null;
  if (xa.norm === xb.norm) graded = { relation: 'verbatim', score: 1 };
  else if (quotedInside(xa, xb) || quotedInside(xb, xa)) graded = null;
  else {
    const c = compareAnalyses(xa, xb);
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

/**
 * A quote inside a quote: an opening mark after a space or the start, a closing mark not followed
 * by a letter (so the apostrophe in "Obama’s" does not close ‘a war of Obama’s choosing.’).
 */
const NESTED_QUOTE = /(?:^|[^\p{L}\p{N}])[‘'“"](.+?)[’'”"](?![\p{L}\p{N}])/gu;

/**
 * True when `short` is only the words of a quote nested inside `long` (a motto, a phrase the
 * speaker quotes from someone else): the enclosing quote is another utterance that mentions them.
 */
function quotedInside(short: Analysis, long: Analysis): boolean {
  if (short.norm.length >= long.norm.length) return false;
  const s = ` ${short.norm} `;
  const content = short.words.filter((w) => w.content).map((w) => w.concept);
  return long.nested.some((inner) => {
    if (` ${inner.norm} `.includes(s)) return true;
    // "The Queen of Rage" against "The 'Queen of Rage' is something...": the same content words,
    // give or take an article at the edge.
    if (content.length === 0 || inner.words.length + NESTED_SLACK_WORDS < short.words.length) return false;
    // Same content words in the same order ("I trust in God" is not "In God We Trust").
    let k = 0;
    for (const w of inner.words) if (k < content.length && w.content && w.concept === content[k]) k++;
    return k === content.length;
  });
}

function wordDiff(a: string, b: string): DiffPart[] {
  if (a === b) return [{ value: a }];
  // Tokens are whitespace-separated words with their punctuation, plus the whitespace runs, so
  // "U.S." and "we’ll" stay whole in the diff and each side rebuilds exactly from its parts.
  const tokens = (s: string) => s.split(/(\s+)/).filter(Boolean);
  return diffArrays(tokens(a), tokens(b)).map((p) => {
    const part: DiffPart = { value: p.value.join('') };
    if (p.added) part.added = true;
    if (p.removed) part.removed = true;
    return part;
  });
}
