// The word diff shown to the reader between two versions of a quote.
import { diffArrays } from 'diff';
import type { DiffPart } from '../types';

/** Word diff from a (removed) to b (added); each side rebuilds exactly from its parts. */
export function wordDiff(a: string, b: string): DiffPart[] {
  if (a === b) return [{ value: a }];
  // Tokens are whitespace-separated words with their punctuation, plus the whitespace runs, so
  // "U.S." and "we’ll" stay whole in the diff.
  const tokens = (s: string) => s.split(/(\s+)/).filter(Boolean);
  return diffArrays(tokens(a), tokens(b)).map((p) => {
    const part: DiffPart = { value: p.value.join('') };
    if (p.added) part.added = true;
    if (p.removed) part.removed = true;
    return part;
  });
}
