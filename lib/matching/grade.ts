// Grading a comparison: the counts of what differs decide same utterance or not, and then
// excerpt / minor / reworded / altered. A false "reworded" (two different utterances linked)
// costs more trust than a miss, so the thresholds lean toward null.
import type { Relation } from '../types';
import type { Comparison } from './compare';

/**
 * Below this wording similarity two texts are different utterances: cross-outlet versions of one
 * utterance score above it, while pairs that share words without being one utterance (the same
 * talking point, the same speaker another day) crowd just under it. A paraphrase corpus alone
 * would pick a lower value, as it rewards recall; here a false link costs more than a miss.
 */
export const SAME_UTTERANCE_MIN_SCORE = 0.6;
/** A pair sharing fewer content concepts than this is linked only as a clean excerpt, or when the shorter quote has fewer content words than this and stands in the other almost word for word: two shared words are topic, not an utterance. */
export const MIN_SHARED_CONTENT = 3;
/**
 * With two or more content changes no meaning check explains, the shared content words must
 * outnumber them by this much: same-speaker remarks built on one template differ in exactly that
 * way ("a good job on the economy" / "a terrible job on immigration" is not one utterance reworded).
 */
export const MIN_SHARED_MARGIN = 2;
/** A clean excerpt needs this many normalised words: shorter quotes ("the American people") are stock phrases shared by chance. */
export const MIN_EXCERPT_WORDS = 4;
/** A quote with fewer content words than MIN_SHARED_CONTENT is linked only if at most this many of its words find no partner: one dropped function word. */
export const SHORT_MAX_UNALIGNED = 1;

/** A relation and its wording score. */
export interface Grade {
  relation: Relation;
  score: number;
}

/** The relation a comparison supports, or null for different utterances. */
export function gradeComparison(c: Comparison): Grade | null {
  const clean =
    c.contentChanges === 0 &&
    c.synonymSwaps === 0 &&
    c.functionEdits === 0 &&
    c.bracketEdits === 0 &&
    c.spellingEdits === 0;
  const longer = c.extent || c.elisions > 0 || c.overhangWords > 0;
  if (clean && longer) {
    // Every word of the shorter version stands in the longer one in order: an excerpt, if it is
    // long enough not to be a stock phrase. Words cut from inside a sentence with no ellipsis to
    // say so make it a change: the reader cannot tell this version from what was said.
    if (c.shortWords < MIN_EXCERPT_WORDS || c.alignedWords < MIN_EXCERPT_WORDS || c.sharedContent < 1) return null;
    return { relation: c.silentElisions > 0 ? 'minor' : 'excerpt', score: 1 };
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
  return changeGrade(c);
}

/** Minor allows at most this many content-word changes (one swap or inflection keeping the referent, per the label guide); more is a rewording. */
export const MINOR_MAX_CONTENT_CHANGES = 1;
/** Minor allows this many function-word edits (an article, a "that", a conjunction, a contraction); more is restructuring. */
export const MINOR_MAX_FUNCTION_EDITS = 3;
/**
 * A rewording (no meaning check fired, more than a minor edit) needs this much similarity: it
 * has no word-for-word stretch to vouch for it. Labelled rewordings of quotes stay above it;
 * rewordings of news sentences (not quotes) often fall below, which is the price of fewer false links.
 */
export const REWORDED_MIN_SCORE = 0.7;

/** How one utterance, its meaning intact, was changed: minor when near word for word, reworded
 *  when similar enough without that, else null. */
function changeGrade(c: Comparison): Grade | null {
  // The same words in another order (a list of names reordered) is a minor change however many
  // moved: a move changes no word.
  const nearVerbatim =
    c.contentChanges + c.synonymSwaps <= MINOR_MAX_CONTENT_CHANGES &&
    (c.functionEdits <= MINOR_MAX_FUNCTION_EDITS ||
      (c.contentChanges + c.synonymSwaps === 0 && c.functionEdits - c.movedWords <= MINOR_MAX_FUNCTION_EDITS));
  if (nearVerbatim) return { relation: 'minor', score: c.score };
  return c.score >= REWORDED_MIN_SCORE ? { relation: 'reworded', score: c.score } : null;
}

