// Word alignment of two versions: which word of the shorter stands for which word of the longer
// (weighted LCS: same word > same stem > same synonym concept).
import { spelledAlike } from './spelling';
import { maskFits } from './surface';
import type { Word } from './analysis';

/** Index of a word in the shorter version and of its partner in the longer one. */
export type AlignedPair = [number, number];

/** Alignment credit: exact word, same stem (inflection), same synonym concept. */
const MATCH_EXACT = 1;
const MATCH_STEM = 0.9;
const MATCH_CONCEPT = 0.8;
/** Cost of starting a new run of aligned words: far below any match weight, so it only breaks ties toward compact alignments. */
const RUN_START_COST = 0.01;

function matchWeight(a: Word, b: Word): number {
  if (a.word === b.word) return MATCH_EXACT;
  // A masked word ("f***ing") stands for the word it hides: the same word, spelled otherwise.
  if ((a.mask && maskFits(a.mask, b.word)) || (b.mask && maskFits(b.mask, a.word))) return MATCH_STEM;
  if (a.stem === b.stem) return MATCH_STEM;
  // Synonyms among content words, and a paraphrase phrase against its word ("going to" / "will").
  const phrase = a.word.includes('_') || b.word.includes('_');
  if ((phrase || (a.content && b.content)) && a.concept === b.concept) return MATCH_CONCEPT;
  return 0;
}

/**
 * Weighted LCS with a small cost per run of aligned words, so that among equally good
 * alignments the most compact one wins ("we will do it" aligned as one run, not with an early
 * "we" borrowed from elsewhere). Returns aligned index pairs in order.
 */
function weightedLcs(a: Word[], b: Word[]): AlignedPair[] {
  const n = a.length;
  const m = b.length;
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
  const pairs: AlignedPair[] = [];
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

/** Above this many alignment cells (block quote against block quote) a greedy in-order alignment replaces the full one. */
const MAX_ALIGN_CELLS = 400_000;
/** How far ahead the greedy alignment looks for a word's partner. */
const GREEDY_LOOKAHEAD = 50;

/** Cheap alignment for very long texts: exact words in order, first occurrence. */
function greedyAlign(a: Word[], b: Word[]): AlignedPair[] {
  const pairs: AlignedPair[] = [];
  let j = 0;
  for (let i = 0; i < a.length && j < b.length; i++) {
    for (let k = j; k < Math.min(b.length, j + GREEDY_LOOKAHEAD); k++) {
      if (a[i].word === b[k].word) {
        pairs.push([i, k]);
        j = k + 1;
        break;
      }
    }
  }
  return pairs;
}

/**
 * A function word aligned on its own, with gaps on both sides, is a coincidence ("not" in
 * "don't make faces" against "not a spot at a bar"): it would split one difference in two.
 */
function dropLoneFunctionWords(pairs: AlignedPair[], s: Word[], l: Word[]): AlignedPair[] {
  const follows = (p: AlignedPair | undefined, q: AlignedPair | undefined) =>
    !!p && !!q && q[0] === p[0] + 1 && q[1] === p[1] + 1;
  // First words of both versions, or last words of both, are anchored: not a coincidence.
  const anchored = ([i, j]: AlignedPair) => (i === 0 && j === 0) || (i === s.length - 1 && j === l.length - 1);
  return pairs.filter(
    (p, k) => s[p[0]].content || anchored(p) || follows(pairs[k - 1], p) || follows(p, pairs[k + 1]),
  );
}

/**
 * Between aligned neighbours with as many words on each side, a content word spelled like the
 * word in the same place on the other side ("Muammar Qaddafi must leave" / "Moammar Gadhafi must
 * go") is that word spelled otherwise: aligned, so that it counts as a spelling edit. Only in such
 * a slot: anywhere else a similar spelling is as likely another word.
 */
function alignSpellingVariants(pairs: AlignedPair[], s: Word[], l: Word[]): AlignedPair[] {
  const out: AlignedPair[] = [];
  const bounds: AlignedPair[] = [[-1, -1], ...pairs, [s.length, l.length]];
  for (let k = 1; k < bounds.length; k++) {
    const [pi, pj] = bounds[k - 1];
    const [i, j] = bounds[k];
    const width = i - pi - 1;
    const slot = Array.from({ length: width }, (_, d): AlignedPair => [pi + 1 + d, pj + 1 + d]);
    const alike = ([x, y]: AlignedPair) => s[x].content && l[y].content && spelledAlike(s[x].word, l[y].word);
    if (width > 0 && j - pj - 1 === width) out.push(...slot.filter(alike));
    if (k < bounds.length - 1) out.push(bounds[k]);
  }
  return out;
}

/** The aligned words of the shorter version `s` and the longer window `l`, in order. */
export function alignWords(s: Word[], l: Word[]): AlignedPair[] {
  if (s.length === 0 || l.length === 0) return [];
  const pairs = s.length * l.length > MAX_ALIGN_CELLS ? greedyAlign(s, l) : weightedLcs(s, l);
  const kept = dropLoneFunctionWords(pairs, s, l);
  // With nothing aligned there is no slot to place a spelling in.
  return kept.length ? alignSpellingVariants(kept, s, l) : kept;
}

/** Runs of consecutively aligned words (1 = the shorter version stands as one block). */
export function countRuns(pairs: AlignedPair[]): number {
  return pairs.filter((p, k) => k === 0 || p[0] !== pairs[k - 1][0] + 1 || p[1] !== pairs[k - 1][1] + 1).length;
}
