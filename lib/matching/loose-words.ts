// Content words left unaligned in wording-change gaps are matched across the two versions: the
// same stem elsewhere is a word that moved (or was inflected), the same concept a synonym swap,
// anything else a content change.
import { areOpposites } from './meaning';
import type { Word } from './analysis';

export interface LooseMatch {
  /** Content words found elsewhere in the other version by stem: moved or inflected. */
  moved: number;
  /** Content words found elsewhere in the other version by synonym concept. */
  looseSynonyms: number;
  /** Content words of either version with no partner (the larger side's count). */
  contentChanges: number;
  /** A content word was replaced by its opposite ("create jobs" / "destroy jobs"). */
  antonymSwapped: boolean;
}

/** Take one from a count, if any is left. */
function take(counts: Map<string, number>, key: string): boolean {
  const n = counts.get(key) ?? 0;
  if (n > 0) counts.set(key, n - 1);
  return n > 0;
}

/** Match the unaligned content words of the shorter version (`looseS`) with the longer's (`looseL`): first the same stem, then the same concept. */
export function matchLooseWords(looseS: Word[], looseL: Word[]): LooseMatch {
  const stemsL = new Map<string, number>();
  for (const x of looseL) stemsL.set(x.stem, (stemsL.get(x.stem) ?? 0) + 1);
  let moved = 0;
  const leftS: Word[] = [];
  for (const w of looseS) {
    if (take(stemsL, w.stem)) moved++;
    else leftS.push(w);
  }
  // The longer version's words not taken by stem, by concept.
  const conceptsL = new Map<string, number>();
  for (const x of looseL) if (take(stemsL, x.stem)) conceptsL.set(x.concept, (conceptsL.get(x.concept) ?? 0) + 1);
  let looseSynonyms = 0;
  const unmatchedS: Word[] = [];
  for (const w of leftS) {
    if (take(conceptsL, w.concept)) looseSynonyms++;
    else unmatchedS.push(w);
  }
  const antonymSwapped = unmatchedS.some((w) => [...conceptsL].some(([c, n]) => n > 0 && areOpposites(w.concept, c)));
  const unmatchedL = looseL.length - moved - looseSynonyms;
  return { moved, looseSynonyms, contentChanges: Math.max(unmatchedS.length, unmatchedL), antonymSwapped };
}
