// Meaning checks: the words whose change moves what was said (negations, numbers, hedges,
// opposites). A same-utterance pair that differs in one of them is "altered".
import { NEGATIONS, conceptOf, numberValue, stem } from '../text/normalize';
import type { Word } from './analysis';

/** Words that limit a claim; adding or dropping one changes what was said. */
export const HEDGES = new Set([
  'may', 'might', 'perhaps', 'possibly', 'probably', 'likely', 'unlikely', 'some', 'many', 'most',
  'often', 'sometimes', 'almost', 'nearly', 'largely', 'mostly', 'partly', 'partially', 'somewhat',
  'arguably', 'seemingly', 'apparently', 'allegedly', 'reportedly', 'only', 'few', 'several',
]);

/** "one" is mostly a pronoun ("no one", "the one"), so neither it nor "1" counts in the number check; "half" likewise. */
const NOT_A_NUMBER = new Set(['one', '1', 'half']);

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

/** Whether two synonym concepts are opposites ("create" / "destroy"). */
export function areOpposites(a: string, b: string): boolean {
  return ANTONYMS.get(a)?.has(b) ?? false;
}

/** The number a word stands for, unless it is one of the words that are mostly not numbers. */
export function numberOf(w: Word): string | null {
  if (NOT_A_NUMBER.has(w.word)) return null;
  const v = numberValue(w.word);
  return v === null || v === '1' ? null : v;
}

/** Negations, numbers and hedges: the words whose change moves the meaning. */
export function isMeaningWord(w: Word): boolean {
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

export interface MeaningChanges {
  negationChanged: boolean;
  numberChanged: boolean;
  hedgeChanged: boolean;
}

/** Which meaning words differ between the compared regions of the two versions. */
export function meaningChanges(regionS: Word[], regionL: Word[]): MeaningChanges {
  const changed = (pick: (w: Word) => string | null) => !sameMultiset(multiset(regionS, pick), multiset(regionL, pick));
  return {
    negationChanged: changed((w) => (NEGATIONS.has(w.word) ? 'not' : null)),
    numberChanged: changed(numberOf),
    hedgeChanged: changed((w) => (HEDGES.has(w.word) ? w.word : null)),
  };
}
