// Speech verbs and the words around them (adverb tails, pronouns, titles, function words).
import { SPEAKER_VERBS, wordMap } from '../text/vocabulary';
import { nounWords, wordClass } from './lexicon';

// Speech verbs (the inventory is lib/text/vocabulary.ts)

export interface VerbHit {
  verb: string;
  index: number;
}

/** Speech verbs in a stretch of text, in order: whole words only (a word-by-word lookup is much
 *  faster than one regular expression with two hundred alternatives). */
export function findVerbs(text: string, limit = Infinity): VerbHit[] {
  const out: VerbHit[] = [];
  for (const v of verbsFrom(text, 0)) {
    if (out.length >= limit) break;
    out.push(v);
  }
  return out;
}

/** The words of a speech-verb reading: letters with apostrophes, hyphens and the masks' '#'. */
export const VERB_WORD = /[\p{L}'’#-]+/gu;

/** Whether a word can be a speech verb at all, whatever surrounds it: what a page's verb index keeps. */
export function mayBeVerb(w: string): boolean {
  return w.length >= 3 && w.length <= 13 && (SPEAKER_VERBS.has(w) || SPEAKER_VERBS.has(w.toLowerCase()) || w === 'put');
}

/** The speech verbs of text whose words start in [from, to), read one at a time, so that a caller
 *  who needs the first verb does not read the whole stretch. `from` and `to` must not fall inside
 *  a word; each verb is judged on all of text, as findVerbs judges it. */
export function* verbsFrom(text: string, from: number, to = text.length): Generator<VerbHit> {
  const re = new RegExp(VERB_WORD);
  re.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) && m.index < to) {
    const w = m[0];
    if (!mayBeVerb(w)) continue;
    // "Said Dorothy Poynter, …", "Continued Stone:": a verb opening its sentence is capitalised.
    const v = SPEAKER_VERBS.has(w) ? w : SPEAKER_VERBS.has(w.toLowerCase()) && /^\p{Lu}\p{Ll}+$/u.test(w) ? w.toLowerCase() : w === 'put' && PUT_IT.test(text.slice(m.index + 3, m.index + 3 + PUT_IT_CHARS)) ? 'put' : null;
    // "the United States have linked …": a name, not the verb "states".
    if (v === 'states' && w === 'States' && /United\s+$/.test(text.slice(Math.max(0, m.index - 8), m.index))) continue;
    if (v && !sentenceAdverbIdiom(text, m.index, w.length)) yield { verb: v, index: m.index };
  }
}

/** "As a Homeland Security memo put it", "as Ms. Simonyan put it in a statement": "put it" reports
 *  words when the clause ends after it or goes on with how or where they were put (not "put it on the table"). */
const PUT_IT = /^\s+it(?:\s*[,.;:—–#]|\s*$|\s+(?:\p{Ll}+ly|best|this\s+way|in\s+(?:a|an|his|her|their|its)\s+\p{Ll}+|to\s+(?:me|us|him|her|them|reporters|\p{Lu}))\b)/u;
/** Characters after "put" that PUT_IT reads. */
const PUT_IT_CHARS = 40;

/** "Needless to say, …", "Suffice it to say, …", "Safe to say, …": the writer's aside, not a
 *  speech cue (its capitalised first word is no speaker). */
export function sentenceAdverbIdiom(text: string, index: number, length: number): boolean {
  return text.charAt(index + length) === ',' && /\bto\s+$/i.test(text.slice(Math.max(0, index - 4), index));
}

/** How far after a quote the words "subject + verb" may reach ("Mr. Blinken said late Wednesday"). */
export const SUBJECT_VERB_CHARS = 80;

export const PRONOUNS = wordMap<'m' | 'f' | 'n'>({ he: 'm', she: 'f', they: 'n', it: 'n', i: 'n', we: 'n' });

export const MALE_TITLES = new Set(['mr', 'king', 'prince', 'father', 'brother', 'sir', 'lord', 'congressman', 'spokesman', 'chairman', 'councilman', 'assemblyman', 'sheikh', 'sheik', 'emir', 'pope', 'rabbi', 'imam']);
export const FEMALE_TITLES = new Set(['mrs', 'ms', 'miss', 'queen', 'princess', 'sister', 'lady', 'dame', 'congresswoman', 'spokeswoman', 'chairwoman', 'councilwoman', 'assemblywoman']);

/** Words that start a sentence in capitals but never start a name. */
export const FUNCTION_WORDS = new Set([
  'the', 'a', 'an', 'and', 'but', 'yet', 'or', 'so', 'in', 'on', 'at', 'of', 'for', 'to', 'from', 'with', 'by', 'as',
  'when', 'while', 'after', 'before', 'since', 'because', 'if', 'though', 'although', 'then', 'this', 'that', 'these',
  'those', 'there', 'here', 'it', 'he', 'she', 'they', 'we', 'i', 'his', 'her', 'their', 'our', 'its', 'my', 'meanwhile',
  'however', 'still', 'also', 'even', 'now', 'later', 'earlier', 'last', 'next', 'both', 'other', 'another', 'some',
  'many', 'most', 'former', 'according', 'asked', 'told', 'said', 'says', 'speaking', 'despite', 'during', 'under',
  'over', 'about', 'against', 'between', 'among', 'without', 'within', 'into', 'through', 'like', 'unlike', 'what',
  'why', 'how', 'who', 'where', 'which', 'mostly', 'instead', 'indeed', 'today', 'tonight', 'yesterday', 'monday',
  'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'not', 'no', 'all', 'each', 'every', 'one',
  'selon', 'laut',
]);

/** Common adjectives that begin proper names ("New York Post", "United Nations"): never stripped. */
export const NAME_ADJECTIVES = new Set(['new', 'united', 'white', 'national', 'general', 'supreme', 'democratic', 'republican', 'north', 'south', 'east', 'west', 'great', 'royal', 'central', 'federal', 'american', 'first', 'wall', 'free', 'human']);

export const TAIL_WORDS = new Set([
  'also', 'later', 'then', 'again', 'once', 'previously', 'earlier', 'recently', 'repeatedly', 'publicly', 'privately',
  'simply', 'has', 'had', 'have', 'would', 'will', 'was', 'is', 'were', 'did', 'does', 'do', 'reportedly', 'further',
  'flatly', 'first', 'last', 'often', 'never', 'always',
]);

/** Drops adverbs and auxiliaries between a subject and its verb ("Mr. Blinken has repeatedly"); a noun in -ly
 *  ("family", "ally") stays. */
export function stripAdverbTail(text: string): string {
  let t = text.replace(/\s+$/, '');
  for (;;) {
    // Only the tail is searched: a `$`-anchored pattern on a long string costs a scan of all of it.
    const tail = t.slice(-TAIL_CHARS);
    const m = /\s+(\p{Ll}+)$/u.exec(tail);
    if (!m || m.index === 0 && tail.length === TAIL_CHARS) return t;
    const w = m[1];
    wordClass(w); // loads the noun list
    if (!(TAIL_WORDS.has(w) || (/ly$/.test(w) && w.length > 4 && !nounWords.has(w) && !LY_NOUNS.has(w)))) return t;
    t = t.slice(0, t.length - tail.length + m.index);
  }
}

/** Nouns in -ly that the word list does not mark as nouns. */
export const LY_NOUNS = new Set(['rally', 'ally', 'family', 'supply', 'reply', 'assembly', 'anomaly', 'monopoly', 'tally', 'belly', 'bully', 'jelly', 'homily', 'folly', 'lily', 'italy', 'july', 'melancholy']);

/** Longest stretch at the end of a text that tail patterns look at (one word with its spaces). */
export const TAIL_CHARS = 40;
