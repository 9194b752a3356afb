// Where sentences end, for the modules that read text sentence by sentence.
import { ABBREVIATIONS } from './vocabulary';

/** Sentence pieces: split after . ! ? ; : (and a closing mark), never inside an ellipsis. Matching
 *  compares quotes piece by piece, so a clause after a semicolon counts as a piece of its own. */
export function sentencePieces(text: string): string[] {
  return text.split(/(?<=(?:[^.]|^)[.!?;:]["'”’)\]]?)\s+/).filter((x) => x.trim());
}

/** A word whose period does not end a sentence ("Mr.", "Sen.", "U.S."); any case. */
export function isAbbreviation(word: string): boolean {
  return ABBREVIATIONS.has(word.toLowerCase());
}
