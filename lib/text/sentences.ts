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

/** Closing marks that may follow a sentence's stop inside the sentence ("…alone.” He said"). */
const CLOSERS = '"\'”’)]';

/** The longest word read before a period to tell a shortened word from a sentence's last. */
const SHORTENED_WORD_CHARS = 12;

/** How a reader decides that a stop ends a sentence. One rule (a stop, maybe closing marks, then a
 *  space; not the period of an abbreviation, an initial or an initialism), read six ways: each
 *  reader's outputs were measured with its own reading, and the readings differ on real text (a
 *  number before the stop, "No?", "(Smith).", two periods in a token), so they are named here, side
 *  by side, until a change that measures the difference unifies them. */
export interface SentenceEndRule {
  /** The characters that end a sentence. */
  stops: string;
  /** The closing quote marks and brackets that may stand between the stop and the space. */
  closers: string;
  /** The word before the stop: its letters and periods ('dotted': "U.S"), the letters right before
   *  the stop ('adjacent'), or all the letters ('letters') or letters and digits ('alnum') of the token. */
  word: 'dotted' | 'adjacent' | 'letters' | 'alnum';
  /** An initial: one capital letter ('capital'), any word of at most one character ('short'). */
  initial: 'capital' | 'short' | 'none';
  /** An initialism: capitals and periods ("U.N", 'capitals'), or any token holding two periods ('dots'). */
  initialism: 'capitals' | 'dots' | 'none';
  /** An abbreviation holds back only a period, any stop ("No?" read as "No."), or nothing ('none'). */
  abbreviationStops: 'period' | 'any' | 'none';
  /** A stop after two periods (the end of "...") marks a cut and ends nothing ('cut'), or is read
   *  like any other stop ('stop'). */
  ellipsis: 'cut' | 'stop';
}

/** The attribution splitter's reading (speakers/layout splitSentences), the most careful one. */
export const SENTENCE_END: SentenceEndRule = {
  stops: '.!?', closers: CLOSERS, word: 'dotted', initial: 'capital', initialism: 'capitals', abbreviationStops: 'period', ellipsis: 'stop',
};

/** Quote marks and a parenthesis that may close a sentence after its stop, as quote finding's scans read them. */
const SENTENCE_CLOSERS = '"\'”’)';

/** Quote finding, in the gap between two parts of a quote: any stop after a word of two letters or
 *  digits or more that is no abbreviation, outside tokens holding two periods ("U.N."). */
export const GAP_SENTENCE_END: SentenceEndRule = {
  stops: '.!?', closers: SENTENCE_CLOSERS, word: 'alnum', initial: 'short', initialism: 'dots', abbreviationStops: 'any', ellipsis: 'stop',
};

/** Quote finding, reading back for the document named before a quoted phrase: a semicolon ends the
 *  noun phrase too, and a single letter's period ends it ("Plan B."). */
export const PHRASE_SENTENCE_END: SentenceEndRule = {
  stops: '.!?;', closers: SENTENCE_CLOSERS, word: 'letters', initial: 'none', initialism: 'dots', abbreviationStops: 'any', ellipsis: 'stop',
};

/** Quote finding, reading back for a speech word: a stop right before the space, after two letters
 *  or more ("2020." and "U.S." read on; so does "don't." for its one letter after the apostrophe). */
export const SPEECH_BEFORE_SENTENCE_END: SentenceEndRule = {
  stops: '.!?', closers: '', word: 'adjacent', initial: 'short', initialism: 'none', abbreviationStops: 'any', ellipsis: 'stop',
};

/** Quote finding, reading on for a speech word: any stop after a token of two letters or more that
 *  is no abbreviation. */
export const SPEECH_AFTER_SENTENCE_END: SentenceEndRule = {
  stops: '.!?', closers: SENTENCE_CLOSERS, word: 'letters', initial: 'short', initialism: 'none', abbreviationStops: 'any', ellipsis: 'stop',
};

/** The diff view, reading one shown word with its punctuation attached (matching/diff-view): any
 *  stop, maybe closed by quote marks or a bracket, but an ellipsis's, which marks a cut, often
 *  mid-sentence ("entering Rafah, … I told him"); no abbreviation, initial or initialism holds one back. */
export const DIFF_VIEW_SENTENCE_END: SentenceEndRule = {
  stops: '.!?', closers: CLOSERS, word: 'adjacent', initial: 'none', initialism: 'none', abbreviationStops: 'none', ellipsis: 'cut',
};

/** Where the closing marks after the stop at `stop` end. */
export function afterClosers(text: string, stop: number): number {
  let j = stop + 1;
  while (j < text.length && CLOSERS.includes(text[j])) j++;
  return j;
}

/** True when the stop at `stop` shortens a word rather than ending a sentence: it is the period of
 *  an abbreviation ("Mr.", "U.S."), an initial ("John F. Kennedy") or an initialism ("U.N").
 *  Glued to the next word ("U.S.Blinken"), an initialism's period is where two paragraphs ran together. */
export function shortensWord(text: string, stop: number, glued = false, rule: SentenceEndRule = SENTENCE_END): boolean {
  const word = wordBeforeStop(text, stop, rule);
  if (rule.abbreviationStops !== 'none' && isAbbreviation(word) && (rule.abbreviationStops === 'any' || text[stop] === '.')) return true;
  if (rule.initial === 'capital' ? /^\p{Lu}$/u.test(word) : rule.initial === 'short' && word.length <= 1) return true;
  if (rule.initialism === 'capitals') return /^(?:\p{Lu}\.)+\p{Lu}$/u.test(word) && !glued;
  return rule.initialism === 'dots' && /\..*\./.test(text.slice(tokenStart(text, stop), stop + 1));
}

/** True when a sentence ends just before `end` (a space or the text's end follows): the text there
 *  ends on a stop, maybe closed by quote marks or a bracket, that shortens no word. */
export function sentenceEndsBefore(text: string, end: number, rule: SentenceEndRule = SENTENCE_END): boolean {
  let stop = end - 1;
  while (stop >= 0 && rule.closers.includes(text[stop])) stop--;
  if (stop < 0 || !rule.stops.includes(text[stop])) return false;
  if (rule.ellipsis === 'cut' && text[stop - 1] === '.' && text[stop - 2] === '.') return false;
  return !shortensWord(text, stop, false, rule);
}

function wordBeforeStop(text: string, stop: number, rule: SentenceEndRule): string {
  if (rule.word === 'dotted') return text.slice(Math.max(0, stop - SHORTENED_WORD_CHARS), stop).match(/[\p{L}.]+$/u)?.[0] ?? '';
  if (rule.word === 'adjacent') return text.slice(Math.max(0, stop - SHORTENED_WORD_CHARS), stop).match(/\p{L}*$/u)![0];
  const token = text.slice(tokenStart(text, stop), stop + 1);
  return token.replace(rule.word === 'letters' ? /[^\p{L}]+/gu : /[^\p{L}\p{N}]+/gu, '');
}

function tokenStart(text: string, pos: number): number {
  let s = pos;
  while (s > 0 && !/\s/.test(text[s - 1])) s--;
  return s;
}
