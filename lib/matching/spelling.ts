// Two spellings of one word: a name transliterated ("Muammar" / "Moammar") or misspelt
// ("Secretery"), told apart from a different word by how few letters differ.
import { NEGATIONS, numberValue } from '../text/normalize';
import { HEDGES } from './meaning';

/** Words shorter than this differ in too few letters to tell a misspelling from another word ("cat" / "car"). */
const MIN_SPELLING_LENGTH = 5;
/**
 * At most this share of the longer word's letters may differ: "Qaddafi" / "Gadhafi" (2 of 7) and
 * "Secretery" (1 of 9) pass, "reform" / "inform" (2 of 6) does not.
 */
const MAX_SPELLING_DISTANCE_SHARE = 0.3;
/** Prefixes that turn a word into its opposite: "legal" / "illegal" is a change of meaning, not of spelling. */
const NEGATING_PREFIX = /^(un|in|il|im|ir|dis|non|anti)/;

/** Levenshtein distance, stopping early once it exceeds `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      rowMin = Math.min(rowMin, current[j]);
    }
    if (rowMin > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length];
}

function isMeaningWord(w: string): boolean {
  return NEGATIONS.has(w) || HEDGES.has(w) || numberValue(w) !== null;
}

/** Whether two different normalised words are one word spelled two ways. */
export function spelledAlike(a: string, b: string): boolean {
  if (a === b || a.length < MIN_SPELLING_LENGTH || b.length < MIN_SPELLING_LENGTH) return false;
  if (isMeaningWord(a) || isMeaningWord(b)) return false;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (long.endsWith(short) && NEGATING_PREFIX.test(long.slice(0, long.length - short.length))) return false;
  const limit = Math.floor(MAX_SPELLING_DISTANCE_SHARE * long.length);
  return editDistance(a, b, limit) <= limit;
}
