// The gaps between aligned words, and what each one is. Unaligned words at an edge on one side
// only are extent; everything else (inner gaps, both sides differing at an edge) is a wording
// change, except a bracketed editorial insertion, a cut marked with an ellipsis, and a gap of a
// whole sentence (an elided sentence).
import { countRuns, type AlignedPair } from './align';
import type { Word } from './analysis';

/**
 * Two versions that each run past the other (overlapping windows: one outlet quotes the start of a
 * sentence, another its end) must share this many aligned words in one unbroken run; fewer is a
 * chance echo of a phrase. Five links "dress like you deserve respect, not a spot at a bar" with
 * "Rise to the occasion. Dress like you deserve respect …", which a longer run would miss.
 */
export const OVERLAP_MIN_WORDS = 5;
/**
 * Overlapping windows whose shared words come in several runs need this many: scattered shared
 * words are names and titles around different sentences ("Senator Richard M. Burr of North
 * Carolina" / "Senator Richard Burr, a North Carolina …": five words, three runs), which the
 * Chromium bench's held-out sentences linked at 5.
 */
export const OVERLAP_MIN_SCATTERED_WORDS = 8;
/** A one-sided inner gap of at least this many words in the longer version is an elided sentence (excerpt), not a wording change; shorter gaps count as elided only where an ellipsis marks the cut. */
export const ELISION_MIN_WORDS = 8;
/** This many content words inside a quote on one side only, facing no content word on the other, are "words spliced in" (or cut out): altered. Fewer is an intensifier or a small addition (minor). */
export const SPLICE_MIN_CONTENT = 3;

export type Edge = 'lead' | 'tail';

/** Unaligned words of both versions between two aligned pairs (or before the first, after the last). */
export interface Gap {
  s: Word[];
  l: Word[];
  edge: Edge | null;
  /** An ellipsis on either side at the gap (before its first word or the word after it). */
  marked: boolean;
  /** The longer version's words here lie inside one sentence: no sentence starts among them or at the next aligned word. */
  insideSentence: boolean;
}

/** What a gap is. */
export type GapKind =
  | { kind: 'none' }
  /** Words of the longer version beyond the shorter one at an edge: a longer excerpt. */
  | { kind: 'extent' }
  /** Words of the shorter version beyond the longer one at an edge: overlapping windows, or a cut marked with an ellipsis. */
  | { kind: 'overhang'; words: number; cut: boolean }
  /** Only bracketed editorial words differ. */
  | { kind: 'bracketed'; edits: number }
  /**
   * Words left out inside the quote: a cut marked with an ellipsis, or a sentence boundary crossed
   * (extent), or, with neither, a cut inside a sentence (`silent`: a change the reader is not told of).
   */
  | { kind: 'elided'; silent: boolean; bracketEdits: number }
  /** Words both versions speak to that differ: a wording change (bracketed words left out). */
  | { kind: 'wording'; s: Word[]; l: Word[]; inner: boolean; bracketEdits: number };

/** Gaps between aligned pairs; the first and last are edges. */
export function splitGaps(pairs: AlignedPair[], s: Word[], l: Word[]): Gap[] {
  if (pairs.length === 0) return [{ s, l, edge: null, marked: false, insideSentence: false }];
  const cut = (ws: Word[], from: number, to: number) => ws.slice(from, to + 1).some((w) => w.elided);
  const gaps: Gap[] = [];
  let ps = 0;
  let pl = 0;
  for (const [i, j] of pairs) {
    const marked = cut(s, ps, i) || cut(l, pl, j);
    const insideSentence = !l.slice(pl, j + 1).some((w) => w.sentenceStart);
    gaps.push({ s: s.slice(ps, i), l: l.slice(pl, j), edge: ps === 0 && pl === 0 ? 'lead' : null, marked, insideSentence });
    ps = i + 1;
    pl = j + 1;
  }
  gaps.push({ s: s.slice(ps), l: l.slice(pl), edge: 'tail', marked: cut(s, ps, s.length - 1) || cut(l, pl, l.length - 1), insideSentence: false });
  return gaps;
}

/** What the two versions do beyond each other, which decides whether an edge overhang is extent. */
export interface EdgeContext {
  /** The aligned words are enough to call two overlapping windows one utterance. */
  overlapping: boolean;
  /** The longer version has words beyond the shorter one at this edge. */
  longExtra: Record<Edge, boolean>;
}

/**
 * The shorter version may run past the longer one at one edge when the longer runs past it at the
 * other (two overlapping windows of one utterance), over enough shared words.
 */
export function edgeContext(pairs: AlignedPair[], gaps: Gap[], trimmed: { before: boolean; after: boolean }): EdgeContext {
  const lead = gaps[0];
  const tail = gaps[gaps.length - 1];
  const longExtra = {
    lead: trimmed.before || (lead.edge === 'lead' && lead.s.length === 0 && lead.l.length > 0),
    tail: trimmed.after || (tail.edge === 'tail' && tail.s.length === 0 && tail.l.length > 0),
  };
  const overlapping = pairs.length >= OVERLAP_MIN_SCATTERED_WORDS || (countRuns(pairs) <= 1 && pairs.length >= OVERLAP_MIN_WORDS);
  return { overlapping, longExtra };
}

/** Classify one gap. */
export function classifyGap(g: Gap, ctx: EdgeContext): GapKind {
  if (g.s.length === 0 && g.l.length === 0) return { kind: 'none' };
  const oneSided = g.s.length === 0 || g.l.length === 0;
  if (g.edge && oneSided) {
    if ([...g.s, ...g.l].every((w) => w.bracketed)) return { kind: 'bracketed', edits: g.s.length + g.l.length };
    if (g.l.length) return { kind: 'extent' };
    const other = g.edge === 'lead' ? 'tail' : 'lead';
    if (ctx.overlapping && ctx.longExtra[other]) return { kind: 'overhang', words: g.s.length, cut: false };
  }
  // An ellipsis marks a cut at this edge: what differs beyond it is extent, not wording.
  if (g.edge && g.marked && ctx.overlapping) return { kind: 'overhang', words: g.s.length, cut: true };
  const gs = g.s.filter((w) => !w.bracketed);
  const gl = g.l.filter((w) => !w.bracketed);
  const bracketEdits = g.s.length - gs.length + (g.l.length - gl.length);
  if (gs.length === 0 && gl.length === 0) return { kind: 'bracketed', edits: bracketEdits };
  if (!g.edge && g.marked) return { kind: 'elided', silent: false, bracketEdits };
  if (!g.edge && gs.length === 0 && gl.length >= ELISION_MIN_WORDS) return { kind: 'elided', silent: g.insideSentence, bracketEdits };
  return { kind: 'wording', s: gs, l: gl, inner: !g.edge, bracketEdits };
}

/** The gaps' contribution to a comparison. */
export interface GapTally {
  /** One side has words beyond the other at an edge (a longer or shorter excerpt). */
  extent: boolean;
  elisions: number;
  /** Cuts inside a sentence that no ellipsis marks: the reader is not told that words were left out. */
  silentElisions: number;
  functionEdits: number;
  bracketEdits: number;
  /** Content words spliced in (or cut out) inside the quote. */
  spliced: boolean;
  /** Words of the shorter version beyond the longer one at an edge (overlapping windows). */
  overhangWords: number;
  /** Words of wording-change gaps, shorter version and longer: part of the compared region. */
  changedS: Word[];
  changedL: Word[];
}

/** Sum what the gaps say. `trimmed`: the window already leaves out sentences of the longer version. */
export function tallyGaps(kinds: GapKind[], trimmed: { before: boolean; after: boolean }): GapTally {
  const t: GapTally = {
    extent: trimmed.before || trimmed.after,
    elisions: 0,
    silentElisions: 0,
    functionEdits: 0,
    bracketEdits: 0,
    spliced: false,
    overhangWords: 0,
    changedS: [],
    changedL: [],
  };
  for (const k of kinds) {
    if (k.kind === 'extent') t.extent = true;
    else if (k.kind === 'overhang') {
      t.overhangWords += k.words;
      if (k.cut) t.extent = true;
    } else if (k.kind === 'bracketed') t.bracketEdits += k.edits;
    else if (k.kind === 'elided') {
      t.elisions++;
      if (k.silent) t.silentElisions++;
      t.bracketEdits += k.bracketEdits;
    } else if (k.kind === 'wording') {
      t.bracketEdits += k.bracketEdits;
      const cs = k.s.filter((w) => w.content).length;
      const cl = k.l.filter((w) => w.content).length;
      if (k.inner && Math.min(cs, cl) === 0 && Math.max(cs, cl) >= SPLICE_MIN_CONTENT) t.spliced = true;
      t.changedS.push(...k.s);
      t.changedL.push(...k.l);
      t.functionEdits += Math.max(k.s.length - cs, k.l.length - cl);
    }
  }
  return t;
}
