// The one canonical form of quote text, and the content words that matching and grading use.
//
// normalize() erases only what never changes what was said: quote-mark style, case,
// punctuation, dash and ellipsis style, whitespace, contractions, periods in abbreviations,
// thousands separators and US/UK spelling. Two quotes with equal normalize() are "verbatim".
// Brackets are dropped but their words are kept ("[U.S.] voters" → "usa voters"), numbers are kept.
//
// contentWords() goes further (stopwords out, light stemming) and conceptOf() further still
// (a small table of general-English near-synonyms): those feed candidate keys and the
// reworded/none decision, never the verbatim test.

import { wordMap } from './vocabulary';

/** One normalised word, and whether it stood inside [brackets] or (parentheses) in the source. */
export interface NormToken {
  word: string;
  /** Editorial insertion ("[President] Obama", "the (border) fence"): its presence alone is a minor change. */
  bracketed: boolean;
  /** An ellipsis stands right before this word: the quoting outlet marked a cut here. */
  elided?: boolean;
}

const APOSTROPHES = /[\u2018\u2019\u201A\u201B\u2032\u02BC\u0060\u00B4]/g;
const DOUBLE_MARKS = /[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB"]/g;
const DASHES = /[\u2010-\u2015\u2212\u2E3A\u2E3B-]/g;

/** Pronouns and adverbs after which 's is "is" rather than a possessive ("it's", "there's"). */
const S_IS_HOSTS = new Set([
  'it', 'he', 'she', 'that', 'there', 'here', 'what', 'who', 'where', 'how', 'this', 'everything',
  'nothing', 'something', 'someone', 'everyone', 'nobody', 'somebody', 'everybody', 'why', 'when',
]);

const IRREGULAR_NOT = wordMap<string>({
  "won't": 'will not',
  "can't": 'can not',
  "shan't": 'shall not',
  "ain't": 'is not',
  cannot: 'can not',
});

/** British spellings to American, whole words (the table is small on purpose: common news words). */
const SPELLING = wordMap<string>({
  defence: 'defense', offence: 'offense', licence: 'license', pretence: 'pretense',
  centre: 'center', centres: 'centers', theatre: 'theater', metre: 'meter', metres: 'meters',
  litre: 'liter', litres: 'liters', fibre: 'fiber', calibre: 'caliber', spectre: 'specter',
  programme: 'program', programmes: 'programs', judgement: 'judgment', acknowledgement: 'acknowledgment',
  ageing: 'aging', grey: 'gray', tyre: 'tire', tyres: 'tires', kerb: 'curb', cheque: 'check',
  manoeuvre: 'maneuver', manoeuvres: 'maneuvers', sceptical: 'skeptical', sceptic: 'skeptic',
  enrol: 'enroll', enrolment: 'enrollment', fulfil: 'fulfill', fulfilment: 'fulfillment',
  instil: 'instill', jewellery: 'jewelry', plough: 'plow', draught: 'draft', mould: 'mold',
  aluminium: 'aluminum', whilst: 'while', amongst: 'among', learnt: 'learned', spelt: 'spelled',
  travelled: 'traveled', travelling: 'traveling', traveller: 'traveler', travellers: 'travelers',
  cancelled: 'canceled', cancelling: 'canceling', labelled: 'labeled', labelling: 'labeling',
  modelling: 'modeling', modelled: 'modeled', fuelled: 'fueled', fuelling: 'fueling',
  signalled: 'signaled', signalling: 'signaling', counselling: 'counseling', levelled: 'leveled',
  totalled: 'totaled', marvellous: 'marvelous', paralyse: 'paralyze', paralysed: 'paralyzed',
  analyse: 'analyze', analysed: 'analyzed', analysing: 'analyzing', catalyse: 'catalyze',
});

/** -our words that become -or in American spelling (colour, labour...), as stems. */
const OUR_STEMS = [
  'behavi', 'col', 'fav', 'flav', 'harb', 'hon', 'hum', 'lab', 'neighb', 'rum', 'vap', 'vig',
  'arm', 'endeav', 'ferv', 'parl', 'sav', 'savi', 'splend', 'ard', 'clam', 'od', 'rig', 'val',
];
const OUR_RE = new RegExp(`^(${OUR_STEMS.join('|')})our(s|ed|ing|ite|ites|able|ably|er|ers|hood|hoods|ful|less|ist|ists|ly)?$`);

/** Words ending in -ise that are not the British form of an -ize verb. */
const ISE_KEEP = new Set([
  'advertise', 'advise', 'apprise', 'arise', 'chastise', 'circumcise', 'comprise', 'compromise',
  'concise', 'demise', 'despise', 'devise', 'disguise', 'enterprise', 'excise', 'exercise',
  'expertise', 'franchise', 'improvise', 'incise', 'merchandise', 'otherwise', 'paradise',
  'precise', 'premise', 'promise', 'raise', 'praise', 'revise', 'rise', 'supervise', 'surmise',
  'surprise', 'televise', 'treatise', 'wise', 'likewise', 'clockwise', 'noise', 'poise', 'cruise',
  'bruise', 'sunrise', 'upraise', 'reprise', 'anise', 'valise', 'mortise', 'porpoise', 'tortoise',
  'turquoise', 'guise', 'vise', 'prise', 'braise', 'appraise', 'dispraise',
]);

function americanSpelling(word: string): string {
  const fixed = SPELLING.get(word);
  if (fixed) return fixed;
  if (OUR_RE.test(word)) return word.replace(/our/, 'or');
  // -isation / -ise / -ised / -ises / -ising → -iz-, unless the base is a true -ise word.
  const m = /^(.{3,})is(e|ed|es|ing|ation|ations|er|ers)$/.exec(word);
  if (m) {
    const base = `${m[1]}ise`;
    if (!ISE_KEEP.has(base) && !ISE_KEEP.has(base.replace(/^(re|un|dis|over|under)/, ''))) {
      return `${m[1]}iz${m[2]}`;
    }
  }
  return word;
}

function expandContraction(word: string): string {
  const irregular = IRREGULAR_NOT.get(word);
  if (irregular) return irregular;
  if (word === "let's") return 'let us';
  let m = /^(.+)n't$/.exec(word);
  if (m) return `${m[1]} not`;
  m = /^(.+)'(ll|re|ve|m|d|s)$/.exec(word);
  if (m) {
    const [, host, tail] = m;
    switch (tail) {
      case 'll': return `${host} will`;
      case 're': return `${host} are`;
      case 've': return `${host} have`;
      case 'm': return `${host} am`;
      // 'd is "would" or "had"; "would" is the more frequent in speech and both are function words.
      case 'd': return `${host} would`;
      case 's': return S_IS_HOSTS.has(host) ? `${host} is` : host; // possessive 's is punctuation-level
    }
  }
  return word.replace(/'/g, '');
}

/** Normalise a piece of text (no brackets inside) to words. */
function normalizeWords(raw: string): string[] {
  let t = raw.normalize('NFKC').replace(APOSTROPHES, "'").replace(DOUBLE_MARKS, ' ');
  // The country, however written, is one word that is not the pronoun "us": U.S., U.S.A.,
  // and US/USA in capitals inside mixed-case text (in all-caps text "US" may be the pronoun).
  t = t.replace(/\bU\.S\.(A\.)?/g, 'usa');
  // Periods in other abbreviations: F.B.I. → FBI.
  t = t.replace(/\b((?:[A-Za-z]\.){2,})/g, (s) => s.replace(/\./g, ''));
  if (/\p{Ll}/u.test(t)) t = t.replace(/\b(USA|US)\b/g, 'usa');
  t = t.toLowerCase();
  t = t.replace(/&/g, ' and ').replace(/%/g, ' percent').replace(/\bper\s+cent\b/g, 'percent');
  t = t.replace(/(\d),(?=\d{3}\b)/g, '$1'); // 32,000 → 32000
  t = t.replace(/\b(in|on) to\b/g, '$1to'); // "paid in to Medicare" as transcribed elsewhere "into"
  t = t.replace(/\u2026|\.{2,}/g, ' ').replace(DASHES, ' ');
  const words: string[] = [];
  for (const piece of t.split(/\s+/)) {
    // Keep letters, digits, inner apostrophes and decimal points between digits.
    const cleaned = piece
      .replace(/(\d)\.(?=\d)/g, '$1\uE000')
      .replace(/[^\p{L}\p{N}'\uE000]+/gu, ' ')
      .replace(/\uE000/g, '.');
    for (let w of cleaned.split(' ')) {
      w = w.replace(/^'+|'+$/g, '');
      if (!w) continue;
      for (const x of expandContraction(w).split(' ')) {
        if (x) words.push(americanSpelling(x));
      }
    }
  }
  return words;
}

const BRACKETED = /\[[^\]]*\]|\([^)]*\)/g;

const ELLIPSIS = /\u2026|\.\s?\.\s?\./g;

/** Pieces whose words are remembered: matching normalises the same quote texts again and again
 *  (each page quote against each candidate, each group version against its earliest), and a
 *  piece's words depend on its text alone. Cleared when full, so memory stays bounded (some MB). */
const WORDS_CACHE_LIMIT = 10_000;
const wordsCache = new Map<string, readonly string[]>();

function cachedWords(piece: string): readonly string[] {
  let words = wordsCache.get(piece);
  if (!words) {
    if (wordsCache.size >= WORDS_CACHE_LIMIT) wordsCache.clear();
    words = normalizeWords(piece);
    wordsCache.set(piece, words);
  }
  return words;
}

/** Normalise one stretch of text, marking the first word after each ellipsis. */
function pushWords(tokens: NormToken[], raw: string, bracketed: boolean): void {
  let elided = false;
  for (const piece of raw.split(ELLIPSIS)) {
    let first = true;
    for (const word of cachedWords(piece)) {
      tokens.push(elided && first ? { word, bracketed, elided: true } : { word, bracketed });
      first = false;
    }
    elided = true;
  }
}

/** Normalised words with flags for words that stood in brackets or parentheses or follow an ellipsis. */
export function normalizeTokens(text: string): NormToken[] {
  if (!text) return [];
  const tokens: NormToken[] = [];
  let last = 0;
  for (const m of text.matchAll(BRACKETED)) {
    pushWords(tokens, text.slice(last, m.index), false);
    pushWords(tokens, m[0], true);
    last = (m.index ?? 0) + m[0].length;
  }
  pushWords(tokens, text.slice(last), false);
  return tokens;
}

/** The canonical form of quote text: lower-case words separated by single spaces. */
export function normalize(text: string): string {
  return normalizeTokens(text).map((t) => t.word).join(' ');
}

// ---------------------------------------------------------------------------------------------
// Content words

/** Articles, prepositions, conjunctions, pronouns, auxiliaries and modals: the words both lists below
 *  leave out of a quote's content. */
const GRAMMAR_WORDS =
  'a an the and or but so yet nor for of to in on at by with from into onto upon about above below over ' +
  'under between through during before after since until than then as if because while whereas though ' +
  'although unless whether i me my mine myself we us our ours ourselves you your yours yourself ' +
  'yourselves he him his himself she her hers herself it its itself they them their theirs themselves ' +
  'this that these those who whom whose which what where when why how there here ' +
  'am is are was were be been being have has had having will would shall should can could ' +
  'may might must ';

/** Function words: they carry no topic, so they neither make keys nor count as content. */
export const STOPWORDS = new Set(
  (
    GRAMMAR_WORDS +
    'do does did doing done also just very really too quite rather even still ' +
    'all any each every both either some such own same other another more most much many few ' +
    'up down out off again further once only well back now ever already however therefore thus ' +
    'let get got gets getting go goes going went gone say says said saying tell tells telling told ' +
    'mr mrs ms dr sir oh yes yeah ok okay one thing things way lot lots kind sort something ' +
    'anything everything someone anyone everyone'
  ).split(' '),
);

/** Words that reverse a claim: never content, checked on their own by the grader. */
export const NEGATIONS = new Set([
  'not', 'no', 'never', 'nothing', 'none', 'nobody', 'neither', 'nor', 'nowhere', 'without',
]);

/** Irregular forms reduced to one stem (regular inflection is handled by stem()). */
const IRREGULAR = wordMap<string>({
  made: 'make', took: 'take', taken: 'take', gave: 'give', given: 'give', knew: 'know', known: 'know',
  thought: 'think', brought: 'bring', bought: 'buy', came: 'come', saw: 'see', seen: 'see',
  felt: 'feel', kept: 'keep', held: 'hold', meant: 'mean', paid: 'pay', sent: 'send', built: 'build',
  spent: 'spend', stood: 'stand', won: 'win', lost: 'lose', sold: 'sell', children: 'child',
  men: 'man', women: 'woman', wrote: 'write', written: 'write', spoke: 'speak', spoken: 'speak',
  began: 'begin', begun: 'begin', chose: 'choose', chosen: 'choose', fell: 'fall', fallen: 'fall',
  drove: 'drive', driven: 'drive', ran: 'run', led: 'lead', fought: 'fight', sought: 'seek',
  taught: 'teach', caught: 'catch', struck: 'strike', hit: 'hit', met: 'meet', left: 'leave',
  lives: 'life', wives: 'wife', feet: 'foot', teeth: 'tooth', mice: 'mouse', died: 'die',
  better: 'good', best: 'good', worse: 'bad', worst: 'bad', ate: 'eat', eaten: 'eat', grew: 'grow',
  grown: 'grow', threw: 'throw', thrown: 'throw', broke: 'break', broken: 'break', forgot: 'forget',
  forgotten: 'forget', understood: 'understand', became: 'become', heard: 'hear', found: 'find',
});

/** A light English stemmer: inflections only (plural, -ed, -ing, -ies), then a final e dropped. */
export function stem(word: string): string {
  if (word.includes('_')) return word;
  const irregular = IRREGULAR.get(word);
  if (irregular) return stem0(irregular);
  return stem0(word);
}

function stem0(word: string): string {
  let w = word;
  if (w.length <= 3 || /\d/.test(w)) return w;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('ied') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('ing') && w.length > 5) w = undouble(w.slice(0, -3));
  else if (w.endsWith('ed') && w.length > 4 && !w.endsWith('eed')) w = undouble(w.slice(0, -2));
  else if (w.endsWith('es') && /(ch|sh|x|z|ss)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is|ous)$/.test(w)) w = w.slice(0, -1);
  if (w.length > 3 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}

function undouble(w: string): string {
  return /([bdfgklmnprtvz])\1$/.test(w) && !/ll$/.test(w) ? w.slice(0, -1) : w;
}

/**
 * Multi-word phrases read as one word. A name ("united states" → "usa") becomes the same word
 * as its abbreviation; a paraphrase ("by ourselves") becomes one word of its own, joined by "_",
 * whose concept is its single-word equivalent ("alone"), so it counts as a synonym swap.
 */
const NAME_PHRASES: [string[], string][] = [
  [['united', 'states'], 'usa'],
  [['united', 'nations'], 'un'],
  [['per', 'cent'], 'percent'],
  [['white', 'house'], 'whitehouse'],
];
const PARAPHRASE_PHRASES: [string[], string][] = [
  [['by', 'ourselves'], 'alone'],
  [['by', 'myself'], 'alone'],
  [['by', 'themselves'], 'alone'],
  [['by', 'himself'], 'alone'],
  [['by', 'herself'], 'alone'],
  [['by', 'itself'], 'alone'],
  [['on', 'our', 'own'], 'alone'],
  [['on', 'my', 'own'], 'alone'],
  [['on', 'their', 'own'], 'alone'],
  [['in', 'our', 'judgment'], 'believe'],
  [['in', 'my', 'judgment'], 'believe'],
  [['in', 'our', 'view'], 'believe'],
  [['in', 'my', 'view'], 'believe'],
  [['a', 'lot', 'of'], 'many'],
  [['going', 'to'], 'will'],
];
const PHRASES: [string[], string][] = [
  ...NAME_PHRASES,
  ...PARAPHRASE_PHRASES.map(([p]): [string[], string] => [p, p.join('_')]),
];
/** Joined paraphrase word → the word it stands for. */
const PHRASE_MEANS = new Map(PARAPHRASE_PHRASES.map(([p, as]) => [p.join('_'), as]));

export function joinPhrases(words: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    let joined = false;
    for (const [phrase, as] of PHRASES) {
      if (phrase.every((p, k) => words[i + k] === p)) {
        out.push(as);
        i += phrase.length - 1;
        joined = true;
        break;
      }
    }
    if (!joined) out.push(words[i]);
  }
  return out;
}

/** How many normalised words a joined word stands for (1 for ordinary words). */
export function phraseLength(joined: string): number {
  if (PHRASE_MEANS.has(joined)) return joined.split('_').length;
  const name = NAME_PHRASES.find(([, as]) => as === joined);
  return name ? name[0].length : 1;
}

const NUMBER_WORDS = wordMap<string>({
  zero: '0', one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8',
  nine: '9', ten: '10', eleven: '11', twelve: '12', thirteen: '13', fourteen: '14', fifteen: '15',
  sixteen: '16', seventeen: '17', eighteen: '18', nineteen: '19', twenty: '20', thirty: '30',
  forty: '40', fifty: '50', sixty: '60', seventy: '70', eighty: '80', ninety: '90', hundred: '100',
  thousand: '1000', million: '1000000', billion: '1000000000', trillion: '1000000000000',
  half: '0.5', dozen: '12',
});

/** The number a word stands for ("three" → "3", "32000" → "32000"), else null. */
export function numberValue(word: string): string | null {
  if (/^\d+(\.\d+)?$/.test(word)) return word;
  return NUMBER_WORDS.get(word) ?? null;
}

/** A content word: not a stopword, not a negation, not a bare letter. */
export function isContentWord(word: string): boolean {
  const phrase = PHRASE_MEANS.get(word);
  if (phrase !== undefined) return isContentWord(phrase);
  return !STOPWORDS.has(word) && !NEGATIONS.has(word) && (word.length > 1 || /\d/.test(word));
}

/** Content-word stems of a normalised word list, in order (number words become digits). */
export function contentStems(words: string[]): string[] {
  const out: string[] = [];
  for (const w of joinPhrases(words)) {
    if (!isContentWord(w)) continue;
    out.push(numberValue(w) ?? stem(w));
  }
  return out;
}

/** Normalised content words of a quote, minus stopwords, lightly stemmed, in order. */
export function contentWords(text: string): string[] {
  return contentStems(normalizeTokens(text).map((t) => t.word));
}

// ---------------------------------------------------------------------------------------------
// Concepts: a small, general table of near-synonyms that news outlets swap when they reword or
// translate a quote. Each group maps to its first member's stem. Kept deliberately short: every
// pair must be interchangeable in most news sentences, because a wrong merge makes different
// utterances look alike, which is the costlier error.

const SYNONYM_GROUPS: string[][] = [
  ['major', 'significant', 'large', 'big', 'substantial', 'massive', 'huge'],
  ['need', 'necessary', 'needed', 'require', 'required'],
  ['alone'],
  ['believe', 'think', 'judgment'],
  ['achieve', 'accomplish', 'attain'],
  ['kill', 'death', 'dead', 'die'],
  ['damage', 'havoc', 'harm', 'destruction'],
  ['endanger', 'jeopardize', 'threaten', 'imperil'],
  ['help', 'assist', 'aid', 'assistance'],
  ['begin', 'start', 'launch'],
  ['increase', 'rise', 'raise', 'grow', 'growing', 'increasing', 'mount'],
  ['decrease', 'reduce', 'cut', 'lower', 'decline'],
  ['quick', 'fast', 'rapid', 'swift'],
  ['quickly', 'fast', 'rapidly', 'swiftly'],
  ['buy', 'purchase'],
  ['enough', 'sufficient', 'adequate'],
  ['show', 'demonstrate'],
  ['try', 'attempt', 'seek'],
  ['use', 'utilize', 'employ'],
  ['want', 'wish', 'desire'],
  ['country', 'nation'],
  ['important', 'crucial', 'critical', 'vital', 'key', 'essential'],
  ['difficult', 'hard', 'tough'],
  ['chance', 'opportunity'],
  ['ask', 'request', 'urge'],
  ['allow', 'permit', 'let'],
  ['goal', 'objective', 'aim'],
  ['support', 'back', 'backing'],
  ['shift', 'change'],
  ['isolate', 'isolation'],
  ['clear', 'clearly'],
  ['stop', 'halt', 'end'],
  ['answer', 'respond', 'response', 'reply'],
  ['problem', 'issue'],
  ['people', 'person'],
  ['law', 'legislation'],
  ['bill', 'legislation'],
  ['job', 'work', 'employment'],
  ['enter', 'entry', 'invade', 'invasion'],
  ['defeat', 'beat'],
  ['eliminate', 'destroy'],
  ['continue', 'keep', 'remain'],
  ['danger', 'risk', 'threat'],
  ['serious', 'grave', 'severe'],
  ['angry', 'furious'],
  ['sad', 'unhappy'],
  ['happy', 'glad', 'pleased'],
  ['agree', 'consent'],
  ['plan', 'intend', 'scheme'],
];

const CONCEPT = new Map<string, string>();
for (const group of SYNONYM_GROUPS) {
  const head = stem(group[0]);
  for (const w of group) {
    const s = stem(w);
    if (!CONCEPT.has(s)) CONCEPT.set(s, head);
  }
}

/** The concept a content stem belongs to (its synonym group's head), else the stem itself. */
export function conceptOf(stemmed: string): string {
  const phrase = PHRASE_MEANS.get(stemmed);
  if (phrase !== undefined) return conceptOf(stem(phrase));
  return CONCEPT.get(stemmed) ?? stemmed;
}

/**
 * Pure function words: the narrower list used for index keys, so that a short excerpt such as
 * "we'll do it by ourselves" or "still a lot of work to be done" keeps two or more key terms
 * (light verbs and adverbs such as do, still, lot, way stay in).
 */
export const FUNCTION_WORDS = new Set(
  (
    GRAMMAR_WORDS +
    'all any each every both either some such more most much many few mr mrs ms ' +
    // Attribution words and titles: in news text they sit next to every name ("Obama said",
    // "President Obama") and would make the busiest keys without telling two quotes apart.
    'say says said saying tell tells told according added asked president sen senator rep gov governor'
  ).split(' '),
);

/** Key terms of a quote: concepts of every word that is not a pure function word or a negation, in order. */
export function keyTerms(text: string): string[] {
  const out: string[] = [];
  for (const w of joinPhrases(normalizeTokens(text).map((t) => t.word))) {
    const meaning = PHRASE_MEANS.get(w) ?? w;
    if (FUNCTION_WORDS.has(meaning) || NEGATIONS.has(meaning) || (w.length < 2 && !/\d/.test(w))) continue;
    out.push(conceptOf(numberValue(w) ?? stem(w)));
  }
  return out;
}

/** Concepts of a quote's content words, in order. */
export function contentConcepts(text: string): string[] {
  return contentWords(text).map(conceptOf);
}
