// A number written in several words ("twenty-five", "5 million", "$5bn") is one number: grading
// reads it as its value, so that "5 million" and "5,000,000" are the same number spelled
// otherwise (a minor change) and only a different value is a changed number (altered).
import { numberValue } from '../text/normalize';
import type { Word } from './analysis';

/** Words that multiply the number before them. */
const MULTIPLIERS = new Map([
  ['hundred', 100], ['thousand', 1e3], ['million', 1e6], ['billion', 1e9], ['trillion', 1e12],
]);
/** Suffixes news copy writes after digits for a multiplier ("5bn"); "m" and "k" are left out, as they are also units. */
const SUFFIXED = /^(\d+(?:\.\d+)?)(mn|bn|tn)$/;
const SUFFIX_MULTIPLIER = new Map([['mn', 1e6], ['bn', 1e9], ['tn', 1e12]]);
/** Decimals kept in a value, so that 1.1 million is 1100000 and not a float's tail. */
const VALUE_DECIMALS = 6;

function valueOf(word: string): number | null {
  const v = numberValue(word);
  return v === null || MULTIPLIERS.has(word) || word === 'half' ? null : Number(v);
}

/** The value of a run of number words starting at `from`, and how many words it spans; null when no run of two or more words starts there. */
function numberRun(words: Word[], from: number): { value: number; span: number } | null {
  const first = words[from].word;
  const suffixed = SUFFIXED.exec(first);
  if (suffixed) return { value: Number(suffixed[1]) * SUFFIX_MULTIPLIER.get(suffixed[2])!, span: 1 };
  let value = valueOf(first);
  if (value === null) return null;
  let span = 1;
  for (let k = from + 1; k < words.length; k++) {
    const w = words[k].word;
    const multiplier = MULTIPLIERS.get(w);
    const unit = valueOf(w);
    if (multiplier !== undefined) value *= multiplier;
    // "twenty five": a unit after a round ten; "two three" is two numbers.
    else if (unit !== null && unit < 10 && value >= 20 && value < 100 && value % 10 === 0) value += unit;
    else break;
    span++;
  }
  return span > 1 ? { value, span } : null;
}

/** The words with each multi-word or suffixed number joined into one word holding its value. */
export function joinNumbers(words: Word[]): Word[] {
  const out: Word[] = [];
  for (let i = 0; i < words.length; ) {
    const run = numberRun(words, i);
    if (!run) {
      out.push(words[i++]);
      continue;
    }
    const value = String(Number(run.value.toFixed(VALUE_DECIMALS)));
    const parts = words.slice(i, i + run.span);
    out.push({ ...parts[0], word: value, stem: value, concept: value, content: true, surface: parts.map((w) => w.surface).join(' ') });
    i += run.span;
  }
  return out;
}
