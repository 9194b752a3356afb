// Who said each quote: speech cues around the quote, then names, titles, surnames and pronouns
// resolved to the person they refer to. Runs in the background (it loads compromise's lexicon).
import nlp from 'compromise';
import type { Attribution, QuoteSpan } from '../types';
import { speakerKey as nameKey, TITLE_WORDS, NAME_PARTICLES, PLACE_ACRONYMS } from '../text/names';
import { isAbbreviation } from '../text/sentences';
import {
  ATTRIBUTION_TAIL_VERBS, CUE_FRAMES, GERUND, INVERTED_AUXILIARIES, SOURCE_LEADS, SPEAKER_VERBS, wordMap,
} from '../text/vocabulary';
// Quotes shorter than this are phrases: their speakers do not take the discourse focus for later
// pronouns (lower would let a scare quote's speaker capture "he said").
import { STATEMENT_MIN_WORDS, documentSource } from '../quotes/find-quotes';

/** speakerKey is pure and called for the same few names again and again: remember its answers. */
const keyMemo = new Map<string, string>();
/** Bound on the memo so a long-running background never grows it without limit. */
const KEY_MEMO_MAX = 20000;
function speakerKey(name: string): string {
  let k = keyMemo.get(name);
  if (k === undefined) {
    if (keyMemo.size > KEY_MEMO_MAX) keyMemo.clear();
    k = nameKey(name);
    keyMemo.set(name, k);
  }
  return k;
}

/**
 * How a bare "he"/"she" is resolved. 'focus' (default): the latest speech act, quoted or reported, whose
 * speaker fits the pronoun, unless the last quoted speaker is still being named after it; then the subject
 * of the sentence just before, if the focus person was not named there. On PolNeAR dev statements whose
 * source is a bare he/she (n=170): focus 84.7 %, speech act only 81.2 %, sentence subject 79.4 %, last
 * quoted speaker 76.5 %, last person named 65.3 % (scripts/eval/speakers-eval.ts --pronouns=…).
 */
export type PronounStrategy = 'focus' | 'speaker' | 'speech' | 'mention' | 'subject';

export interface AttributeOptions {
  pronouns?: PronounStrategy;
  /** Use compromise's word list for first names, genders, places and common words (default true; off only to measure what it earns). */
  lexicon?: boolean;
  /** The caller's clock in milliseconds (lib reads no time of its own); with budgetMs, bounds the work. */
  now?: () => number;
  /** Time one page's attribution may take: past it, the remaining quotes get no speaker and the
   *  result says it is partial, so that no page can keep the background busy. */
  budgetMs?: number;
}

/** Speakers of a page's quotes, and whether the time budget ran out before every quote was read. */
export interface PageAttribution {
  attributions: Attribution[];
  partial: boolean;
}

// ---------------------------------------------------------------------------------------------
// Lexicon: first names with gender, places, demonyms and common words, from compromise's word list
// (a table lookup; compromise's parser itself is not run, it costs ~20 ms per article).

type WordClass = 'male' | 'female' | 'first' | 'last' | 'place' | 'demonym' | 'org' | 'common';
let lexicon: Map<string, WordClass> | null = null;
/** Words compromise lists only as verbs: a "description" holding one is a misread clause. */
const verbWords = new Set<string>();
/** Nouns, so that "family" or "ally" are not taken for adverbs in -ly. */
const nounWords = new Set<string>();

let lexiconOn = true;

function isVerbWord(word: string): boolean {
  const w = word.toLowerCase();
  if (wordClass(w) === undefined && /^\p{Ll}{3,}ed$/u.test(word)) return true; // "bemoaned"
  return verbWords.has(w);
}

function wordClass(word: string): WordClass | undefined {
  if (!lexiconOn) return undefined;
  if (!lexicon) {
    lexicon = new Map();
    const lex = (nlp as unknown as { model(): { one: { lexicon: Record<string, string | string[]> } } }).model().one.lexicon;
    for (const [w, tag] of Object.entries(lex)) {
      if (w.includes(' ')) continue;
      const t = Array.isArray(tag) ? tag.join(',') : tag;
      let c: WordClass = 'common';
      if (t.includes('MaleName')) c = 'male';
      else if (t.includes('FemaleName')) c = 'female';
      else if (t.includes('FirstName')) c = 'first';
      else if (t.includes('LastName') || t.includes('Person')) c = 'last';
      else if (t.includes('Demonym')) c = 'demonym';
      else if (/Country|City|Region|Place/.test(t)) c = 'place';
      else if (/Organization|SportsTeam/.test(t)) c = 'org';
      else if (t.includes('Honorific')) continue;
      // Finite forms only: infinitives ("tax", "report") are as often nouns.
      if (c === 'common' && /Noun|Singular|Plural|Uncountable|Actor/.test(t)) nounWords.add(w);
      if (c === 'common' && /PastTense|PresentTense|Modal|Copula/.test(t) && !/Noun|Singular|Plural|Adjective|Actor/.test(t)) verbWords.add(w);
      lexicon.set(w, c);
    }
  }
  return lexicon.get(word.toLowerCase());
}

// ---------------------------------------------------------------------------------------------
// Speech verbs (the inventory is lib/text/vocabulary.ts)

interface VerbHit {
  verb: string;
  index: number;
}

/** Speech verbs in a stretch of text, in order: whole words only (a word-by-word lookup is much
 *  faster than one regular expression with two hundred alternatives). */
function findVerbs(text: string, limit = Infinity): VerbHit[] {
  const out: VerbHit[] = [];
  const re = /[\p{L}'’#-]+/gu;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) && out.length < limit) {
    const w = m[0];
    if (w.length < 3 || w.length > 13) continue;
    // "Said Dorothy Poynter, …", "Continued Stone:": a verb opening its sentence is capitalised.
    const v = SPEAKER_VERBS.has(w) ? w : SPEAKER_VERBS.has(w.toLowerCase()) && /^\p{Lu}\p{Ll}+$/u.test(w) ? w.toLowerCase() : null;
    if (v && !sentenceAdverbIdiom(text, m.index, w.length)) out.push({ verb: v, index: m.index });
  }
  return out;
}

/** "Needless to say, …", "Suffice it to say, …", "Safe to say, …": the writer's aside, not a
 *  speech cue (its capitalised first word is no speaker). */
function sentenceAdverbIdiom(text: string, index: number, length: number): boolean {
  return text.charAt(index + length) === ',' && /\bto\s+$/i.test(text.slice(Math.max(0, index - 4), index));
}

/** How far after a quote the words "subject + verb" may reach ("Mr. Blinken said late Wednesday"). */
const SUBJECT_VERB_CHARS = 80;

const PRONOUNS = wordMap<'m' | 'f' | 'n'>({ he: 'm', she: 'f', they: 'n', it: 'n', i: 'n', we: 'n' });

const MALE_TITLES = new Set(['mr', 'king', 'prince', 'father', 'brother', 'sir', 'lord', 'congressman', 'spokesman', 'chairman', 'councilman', 'assemblyman', 'sheikh', 'sheik', 'emir', 'pope', 'rabbi', 'imam']);
const FEMALE_TITLES = new Set(['mrs', 'ms', 'miss', 'queen', 'princess', 'sister', 'lady', 'dame', 'congresswoman', 'spokeswoman', 'chairwoman', 'councilwoman', 'assemblywoman']);

/** Words that start a sentence in capitals but never start a name. */
const FUNCTION_WORDS = new Set([
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
const NAME_ADJECTIVES = new Set(['new', 'united', 'white', 'national', 'general', 'supreme', 'democratic', 'republican', 'north', 'south', 'east', 'west', 'great', 'royal', 'central', 'federal', 'american', 'first', 'wall', 'free', 'human']);

const TAIL_WORDS = new Set([
  'also', 'later', 'then', 'again', 'once', 'previously', 'earlier', 'recently', 'repeatedly', 'publicly', 'privately',
  'simply', 'has', 'had', 'have', 'would', 'will', 'was', 'is', 'were', 'did', 'does', 'do', 'reportedly', 'further',
  'flatly', 'first', 'last', 'often', 'never', 'always',
]);

/** Drops adverbs and auxiliaries between a subject and its verb ("Mr. Blinken has repeatedly"); a noun in -ly
 *  ("family", "ally") stays. */
function stripAdverbTail(text: string): string {
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
const LY_NOUNS = new Set(['rally', 'ally', 'family', 'supply', 'reply', 'assembly', 'anomaly', 'monopoly', 'tally', 'belly', 'bully', 'jelly', 'homily', 'folly', 'lily', 'italy', 'july', 'melancholy']);

/** Longest stretch at the end of a text that tail patterns look at (one word with its spaces). */
const TAIL_CHARS = 40;

// ---------------------------------------------------------------------------------------------
// People mentioned in the text

type Gender = 'm' | 'f' | null;

interface Person {
  name: string;
  first: string;
  last: string;
  gender: Gender;
  titles: Set<string>;
  /** Place in the order persons were met. */
  order: number;
}

interface Mention {
  pos: number;
  person: Person;
}

interface NameGroup {
  start: number;
  end: number;
  /** Title and descriptor words in front of the name ("secretary", "state", "israeli"). */
  titles: string[];
  nameTokens: string[];
  kind: 'person' | 'place' | 'org' | 'unknown';
  gender: Gender;
}

const OPEN_PUNCT = /^[“"‘'([«„‹]+/u;
const CLOSE_PUNCT = /[,.;:!?”"’')\]»›…]+$/u;

function isCapitalised(core: string): boolean {
  return /^\p{Lu}/u.test(core);
}

function bare(core: string): string {
  let b = core.toLowerCase();
  if (b.endsWith('.')) b = b.slice(0, -1);
  if (b.endsWith("'s") || b.endsWith('’s')) b = b.slice(0, -2);
  return b;
}

/** Capitalised word runs ("U.S. Secretary of State Antony Blinken") in a stretch of masked text. */
function nameGroups(text: string, offset: number): NameGroup[] {
  // Keyed by position and length (cheap to hash); the text itself confirms a hit.
  const memoKey = offset * 65536 + (text.length & 0xffff);
  const memo = groupsMemo.get(memoKey);
  if (memo && memo.text === text) return memo.groups;
  // Frozen: callers share the memoised array.
  const groups = Object.freeze(scanNameGroups(text, offset)) as NameGroup[];
  groupsMemo.set(memoKey, { text, groups });
  return groups;
}

/** The next word that starts with a capital, perhaps after opening punctuation. */
const CAPITAL_AHEAD = /(?<!\S)[“"‘'([«„‹]*\p{Lu}/gu;

/** Lower-case words that can sit inside a name ("Abu", "bin", "of" in "Secretary of State"). */
function joinsName(core: string, previous: string): boolean {
  const lower = core.toLowerCase();
  return NAME_PARTICLES.has(lower.endsWith('-') ? lower.slice(0, -1) : lower) || /^(?:al|el)-\p{Lu}/u.test(core) || (lower === 'of' && TITLE_WORDS.has(bare(previous)));
}

function scanNameGroups(text: string, offset: number): NameGroup[] {
  const groups: NameGroup[] = [];
  let cur: { core: string; start: number; end: number }[] = [];
  const flush = () => {
    if (!cur.length) return;
    // Trailing "of"/particles cannot end a name.
    while (cur.length && !isCapitalised(cur[cur.length - 1].core)) cur.pop();
    if (cur.length) {
      const cores = cur.map((t) => t.core);
      // Does the run open its sentence or clause (where any word is capitalised)?
      let back = cur[0].start - 1;
      while (back >= 0 && /\s/.test(text[back])) back--;
      const atStart = back < 0 || '.!?:;—–“"‘('.includes(text[back]);
      const key = (atStart ? '^' : '') + cores.join(' ');
      let g = groupMemo.get(key);
      if (g === undefined) {
        g = analyseGroup(cores, atStart);
        groupMemo.set(key, g);
      }
      // Built field by field: an object spread here was the scan's hottest line.
      if (g) groups.push({ titles: g.titles, nameTokens: g.nameTokens, kind: g.kind, gender: g.gender, start: offset + cur[0].start, end: offset + cur[cur.length - 1].end });
    }
    cur = [];
  };
  const re = /\S+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const raw = m[0];
    const c0 = raw.charCodeAt(0);
    // Fast path: a plain lower-case word ends any name unless it is a particle; with no name open,
    // jump straight to the next capitalised word.
    if (c0 >= 97 && c0 <= 122) {
      if (cur.length && joinsName(raw.replace(/[,.;:!?”"’')\]]+$/u, ''), cur[cur.length - 1].core)) {
        const core = raw.replace(/[,.;:!?”"’')\]]+$/u, '');
        cur.push({ core, start: m.index, end: m.index + core.length });
        if (core.length !== raw.length) flush();
        continue;
      }
      flush();
      CAPITAL_AHEAD.lastIndex = re.lastIndex;
      const next = CAPITAL_AHEAD.exec(text);
      if (!next) break;
      re.lastIndex = next.index;
      continue;
    }
    const lead = raw.match(OPEN_PUNCT)?.[0].length ?? 0;
    if (lead) flush();
    let core = raw.slice(lead);
    const trail = core.match(CLOSE_PUNCT)?.[0] ?? '';
    const isAbbrev = trail === '.' && (isAbbreviation(core.slice(0, -1)) || /^(?:\p{Lu}\.)+$/u.test(core));
    if (trail && !isAbbrev) core = core.slice(0, core.length - trail.length);
    if (!core || core.includes(MASK)) {
      flush();
      continue;
    }
    const start = m.index + lead;
    const end = start + core.length;
    if (isCapitalised(core)) cur.push({ core, start, end });
    else if (cur.length && joinsName(core, cur[cur.length - 1].core)) cur.push({ core, start, end });
    else flush();
    if (trail && !isAbbrev) flush();
  }
  flush();
  return groups;
}

function analyseGroup(tokens: string[], atStart = true): Omit<NameGroup, 'start' | 'end'> | null {
  let i = 0;
  // Sentence-initial function words and participles: "But", "Speaking", "Shortly". Inside a sentence a
  // capitalised ordinary word is part of the name ("host Rush Limbaugh").
  while (i < tokens.length) {
    const b = bare(tokens[i]);
    const c = wordClass(b);
    const ordinary = (c === 'common' && !TITLE_WORDS.has(b) && !NAME_ADJECTIVES.has(b) && !knownNames.has(b)) || (!c && /^\p{Lu}\p{Ll}+(?:ing|ly|ed)$/u.test(tokens[i]) && i < tokens.length - 1);
    if (FUNCTION_WORDS.has(b) || (ordinary && (atStart || i > 0 || tokens.length === 1))) i++;
    else break;
  }
  const rest = tokens.slice(i);
  if (!rest.length) return null;
  // Organisations are named in full: "Palestinian Civil Defence", "U.N. Security Council".
  if (rest.length >= 2 && ORG_WORDS.has(bare(rest[rest.length - 1]))) {
    const nameTokens = rest.map((t, k, arr) => (k === arr.length - 1 ? t.replace(/['’]s?$/u, '') : t));
    return { titles: [], nameTokens, kind: 'org', gender: null };
  }
  // Everything up to the last title word is office and nationality ("Israeli Prime Minister …",
  // "NYPD Commissioner James O'Neill"); at least one word stays ("Mr. King").
  let lastTitle = -1;
  for (let k = 0; k < rest.length - 1; k++) {
    const tok = rest[k];
    const b = bare(tok);
    if (TITLE_WORDS.has(b) || tok === 'Del.' || wordClass(b) === 'demonym' || /['’]s?$/u.test(tok) || PLACE_ACRONYMS.has(b)) lastTitle = k;
  }
  while (lastTitle + 1 < rest.length - 1 && bare(rest[lastTitle + 1]) === 'of') lastTitle++;
  const titleToks = rest.slice(0, lastTitle + 1);
  const titles = titleToks.map(bare);
  let gender: Gender = null;
  for (const t of titles) {
    if (MALE_TITLES.has(t)) gender = 'm';
    if (FEMALE_TITLES.has(t)) gender = 'f';
  }
  const possessivePlace = titleToks.some((t) => /['’]s?$/u.test(t));
  const nameTokens = rest.slice(lastTitle + 1).map((t, k, arr) => (k === arr.length - 1 ? t.replace(/['’]s?$/u, '') : t));
  if (!nameTokens.length) return null;
  const firstBare = bare(nameTokens[0]);
  const firstClass = wordClass(firstBare);
  // A title word is a name only after an honorific: "Mr. King", not "President".
  if (nameTokens.length === 1 && TITLE_WORDS.has(firstBare) && !(titles.length && HONORIFICS.has(titles[titles.length - 1]))) return null;
  // A first name tells the gender only in front of a surname: a lone "Graham" is a surname.
  if (!gender && nameTokens.length >= 2) gender = firstClass === 'male' ? 'm' : firstClass === 'female' ? 'f' : null;
  let kind: NameGroup['kind'] = 'unknown';
  const lastClass = wordClass(bare(nameTokens[nameTokens.length - 1]));
  const isName = (c: WordClass | undefined) => c === 'male' || c === 'female' || c === 'first' || c === 'last';
  const honorific = titles.some((t) => PERSONAL_TITLES.has(t));
  if (nameTokens.length === 1 && (firstClass === 'place' || firstClass === 'demonym')) kind = 'place';
  else if (nameTokens.length >= 2 && (lastClass === 'place' || firstClass === 'place') && !isName(firstClass)) kind = 'place';
  else if (firstClass === 'org' || lastClass === 'org') kind = 'org';
  else if (
    (nameTokens.length >= 2 && (isName(firstClass) || isName(lastClass))) ||
    (honorific && !possessivePlace) ||
    (nameTokens.length >= 2 && nameTokens.length <= 4 && !firstClass && !lastClass && nameTokens.every((t) => !/^(?:\p{Lu}\.)+$/u.test(t)))
  )
    kind = 'person';
  if (nameTokens.length === 1 && firstClass === 'common' && !knownNames.has(firstBare)) return null;
  return { titles, nameTokens, kind, gender };
}

/** Forms of address that always precede a surname. */
const HONORIFICS = new Set(['mr', 'mrs', 'ms', 'miss', 'dr', 'prof', 'sir', 'dame', 'lord', 'lady']);

/** Titles that mark the name after them as a person's ("Sen. Tester", "Mr. King"). */
const PERSONAL_TITLES = new Set([
  'mr', 'mrs', 'ms', 'miss', 'dr', 'prof', 'professor', 'sen', 'senator', 'rep', 'representative', 'gov', 'governor',
  'president', 'minister', 'secretary', 'ambassador', 'envoy', 'mayor', 'judge', 'justice', 'chancellor', 'premier',
  'king', 'queen', 'prince', 'princess', 'emir', 'sheikh', 'sheik', 'pope', 'rabbi', 'imam', 'rev', 'reverend',
  'gen', 'general', 'col', 'colonel', 'lt', 'lieutenant', 'capt', 'captain', 'sgt', 'sergeant', 'adm', 'admiral',
  'spokesman', 'spokeswoman', 'spokesperson', 'chairman', 'chairwoman', 'director', 'chief', 'commissioner',
  'congressman', 'congresswoman', 'attorney', 'adviser', 'advisor', 'resident', 'lord', 'lady', 'sir', 'dame',
  'speaker', 'leader', 'candidate', 'nominee', 'founder', 'ceo', 'host', 'anchor', 'correspondent', 'reporter', 'editor',
]);

/** Last words of organisation names. */
const ORG_WORDS = new Set([
  'council', 'committee', 'department', 'ministry', 'agency', 'party', 'association', 'union', 'court', 'office',
  'times', 'post', 'news', 'journal', 'institute', 'university', 'center', 'centre', 'foundation', 'fund', 'commission',
  'bank', 'group', 'corp', 'inc', 'company', 'network', 'campaign', 'administration', 'government', 'army', 'forces',
  'police', 'coalition', 'defence', 'defense', 'service', 'board', 'bureau', 'organization', 'organisation', 'club',
  'tribune', 'herald', 'press', 'magazine', 'review', 'daily', 'project', 'alliance', 'caucus', 'congress', 'senate',
  'parliament', 'cabinet', 'authority', 'federation', 'society', 'watch', 'reuters', 'politico', 'initiative', 'school',
  'enforcement', 'investigations', 'services', 'administration', 'ministry', 'program', 'programme', 'division',
  'league', 'conference', 'council', 'institution', 'museum', 'hospital', 'clinic', 'lab', 'laboratory', 'academy',
]);

const TITLE_ABBREVIATIONS = wordMap<string>({
  gov: 'governor', sen: 'senator', rep: 'congressman', pres: 'president', gen: 'general', sec: 'secretary',
});

/** A surname shared by several people goes to the most mentioned of them, not the latest ("Cruz said"
 *  after one mention of Heidi Cruz is Ted Cruz); a small gain on PolNeAR dev, never a loss. */
const SURNAME_BY_PROMINENCE = true;

/** Surnames and first names of the people in the article being read, so that a surname that is also a
 *  common word ("Ham", "King", "Rice") still reads as a name. Reset by every attributeSpeakers call. */
let knownNames = new Set<string>();
/** analyseGroup's answers for the article being read (they depend on knownNames, so reset with it). */
let groupMemo = new Map<string, Omit<NameGroup, 'start' | 'end'> | null>();
/** nameGroups' answers by position in the masked text of the article being read. */
let groupsMemo = new Map<number, { text: string; groups: NameGroup[] }>();

/** Adds a person to the list of a key, keeping the list in the order persons were met. */
function addTo(index: Map<string, Person[]>, key: string, person: Person): void {
  const list = index.get(key);
  if (!list) {
    index.set(key, [person]);
    return;
  }
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].order <= person.order) lo = mid + 1;
    else hi = mid;
  }
  if (list[lo - 1] !== person) list.splice(lo, 0, person);
}

/** The people of one article, indexed so that resolving a name costs the same however many people
 *  the article names. Lists answer "the first person met who …", as a scan of all persons would. */
class People {
  persons: Person[] = [];
  mentions: Mention[] = [];
  /** By the key of the full name; a name that grows ("Blinken" → "Antony Blinken") is filed again. */
  private byKey = new Map<string, Person[]>();
  /** By every shorter tail of the full name ("Guajardo Villarreal" of "Ildefonso Guajardo Villarreal"). */
  private bySuffix = new Map<string, Person[]>();
  private byLastKey = new Map<string, Person[]>();
  private byFirst = new Map<string, Person[]>();

  private file(p: Person): void {
    addTo(this.byKey, speakerKey(p.name), p);
    const toks = p.name.split(' ');
    for (let k = 1; k < toks.length; k++) addTo(this.bySuffix, toks.slice(k).join(' '), p);
    addTo(this.byLastKey, speakerKey(p.last), p);
    if (p.first) addTo(this.byFirst, p.first, p);
  }

  /** The first person met whose full name has this key. */
  byName(key: string): Person | null {
    return this.byKey.get(key)?.find((p) => speakerKey(p.name) === key) ?? null;
  }

  /** The person a name refers to at position pos, creating one for a new full name. */
  resolve(group: Pick<NameGroup, 'nameTokens' | 'titles' | 'gender'>, pos: number, create: boolean): Person | null {
    const toks = group.nameTokens.filter((t) => !/^(?:jr|sr|ii|iii)\.?$/i.test(t));
    if (!toks.length) return null;
    const last = toks[toks.length - 1];
    const first = toks.length > 1 ? toks[0] : '';
    const joined = toks.join(' ');
    const key = speakerKey(joined);
    const lastKey = speakerKey(last);
    let found: Person | null = null;
    const genderFits = (p: Person) => !group.gender || !p.gender || p.gender === group.gender;
    const sameLast = this.byLastKey.get(lastKey) ?? [];
    if (toks.length > 1) {
      found = this.byName(key);
      // "Mr. Guajardo Villarreal" after "Ildefonso Guajardo Villarreal": a compound surname.
      if (!found) found = this.bySuffix.get(joined)?.find((p) => p.name.endsWith(' ' + joined) && genderFits(p)) ?? null;
      if (!found) {
        // A surname-only person seen earlier ("Blinken" in a headline) gains the full name, unless their
        // genders differ ("Mr. Obama" does not become Michelle Obama).
        found = sameLast.find((p) => !p.first && genderFits(p)) ?? null;
        if (found) {
          found.first = first;
          found.name = joined;
          this.file(found);
        }
      }
    } else {
      // "Mr. Obama" is not Michelle Obama: an honorific's gender must fit.
      const candidates = new Set([...sameLast, ...(this.byFirst.get(last) ?? [])]);
      const matches = (p: Person) => candidates.has(p) && (speakerKey(p.last) === lastKey || (!!p.first && p.first === last)) && genderFits(p);
      const fitting = [...candidates].filter(matches);
      found = this.latestOf(pos, fitting);
      if (found && SURNAME_BY_PROMINENCE && fitting.length > 1) {
        // "Cruz said" after "Heidi Cruz": a bare surname means the family member the article is about.
        let best = found;
        for (const p of fitting) if (this.countBefore(p, pos) > this.countBefore(best, pos)) best = p;
        found = best;
      }
      if (!found) found = sameLast.find((p) => genderFits(p)) ?? null;
    }
    if (!found && create) {
      found = { name: joined, first, last, gender: null, titles: new Set(), order: this.persons.length };
      this.persons.push(found);
      this.file(found);
    }
    if (found) {
      if (!found.gender && group.gender) found.gender = group.gender;
      for (const t of group.titles) found.titles.add(TITLE_ABBREVIATIONS.get(t) ?? t);
    }
    return found;
  }

  /** Where each person is mentioned, in text order. */
  private at = new Map<Person, number[]>();

  /** Records a mention (text order of the whole list is restored by sortMentions). */
  note(pos: number, person: Person): void {
    this.mentions.push({ pos, person });
    this.placeMention(pos, person);
  }

  private placeMention(pos: number, person: Person): void {
    let list = this.at.get(person);
    if (!list) this.at.set(person, (list = []));
    let i = list.length;
    while (i > 0 && list[i - 1] > pos) i--;
    list.splice(i, 0, pos);
  }

  sortMentions(): void {
    this.mentions.sort((a, b) => a.pos - b.pos);
    this.sorted = true;
  }

  /** How many times a person is mentioned before pos. */
  countBefore(person: Person, pos: number): number {
    const list = this.at.get(person) ?? [];
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid] < pos) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Of these persons, the one mentioned last before pos. */
  latestOf(pos: number, persons: Person[]): Person | null {
    let best: Person | null = null;
    let bestAt = -1;
    for (const p of persons) {
      const n = this.countBefore(p, pos);
      const at = n ? this.at.get(p)![n - 1] : -1;
      if (at > bestAt) {
        best = p;
        bestAt = at;
      }
    }
    return best;
  }

  /** Keeps mentions in text order. */
  addMention(pos: number, person: Person): void {
    const i = firstAtOrAfter(this.mentions, pos + 1);
    if (this.mentions[i - 1]?.pos === pos && this.mentions[i - 1].person === person) return;
    this.mentions.splice(i, 0, { pos, person });
    this.placeMention(pos, person);
  }

  /** Set once the mentions are in text order (addMention keeps them so). */
  sorted = false;

  /** The most recent person mentioned before pos that satisfies ok. */
  recent(pos: number, ok: (p: Person) => boolean): Person | null {
    // In text order the mentions at or after pos are skipped at once; before that, every one is read.
    const from = this.sorted ? firstAtOrAfter(this.mentions, pos) : this.mentions.length;
    for (let k = from - 1; k >= 0 && (!this.sorted || k >= from - FOCUS_BACK); k--) {
      const m = this.mentions[k];
      if (m.pos < pos && ok(m.person)) return m.person;
    }
    return null;
  }
}

/** How many entries back (speech acts, mentions) a pronoun or a role is resolved: far more than any
 *  article's discourse needs, and a bound on the work for each quote. */
const FOCUS_BACK = 500;

/** Index of the first entry at or after pos in a list in text order. */
function firstAtOrAfter(list: readonly { pos: number }[], pos: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].pos < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The last entry before pos that satisfies ok, among the FOCUS_BACK entries before pos (text order). */
function lastBefore<T extends { pos: number }>(list: readonly T[], pos: number, ok: (x: T) => boolean): T | undefined {
  const end = firstAtOrAfter(list, pos);
  for (let k = end - 1; k >= 0 && k >= end - FOCUS_BACK; k--) if (ok(list[k])) return list[k];
  return undefined;
}

/** Whether an entry strictly between from and to satisfies ok (the FOCUS_BACK entries nearest to). */
function someBetween<T extends { pos: number }>(list: readonly T[], from: number, to: number, ok: (x: T) => boolean): boolean {
  const end = firstAtOrAfter(list, to);
  for (let k = end - 1; k >= 0 && k >= end - FOCUS_BACK && list[k].pos > from; k--) if (ok(list[k])) return true;
  return false;
}

// ---------------------------------------------------------------------------------------------
// Text layout: quotes masked, paragraphs and sentences

const MARKS = '"“”„«»‹›\'‘’「」';
/** The masked character standing for quoted words, so cues are never read inside a quote. */
const MASK = '#';

interface Sentence {
  start: number;
  end: number;
  para: number;
}

/** Paragraphs in title case ("Obama Says Museum Will Tell …"): their capitals are not names. */
function headlineParagraphs(masked: string): Set<number> {
  const out = new Set<number>();
  masked.split('\n').forEach((line, i) => {
    if (line.length > HEADLINE_MAX_CHARS) return;
    const words = line.split(/\s+/).filter((w) => /^[\p{L}]/u.test(w) && w.length >= 3);
    if (words.length < HEADLINE_MIN_WORDS) return;
    const caps = words.filter((w) => /^\p{Lu}/u.test(w));
    if (caps.length < HEADLINE_CAPS_SHARE * words.length) return;
    // Capitalised ordinary words ("Says", "Will", "Over") tell a headline from a sentence full of names.
    const ordinary = caps.filter((w) => {
      const b = bare(w.replace(/[^\p{L}'’.-]/gu, ''));
      return wordClass(b) === 'common' && !TITLE_WORDS.has(b) && !FUNCTION_WORDS.has(b);
    });
    if (caps.length >= HEADLINE_CAPS_SHARE * words.length && ordinary.length >= 2) out.add(i);
  });
  return out;
}

/** A line this long with this share of capitalised words (of 3 letters or more) is a headline. */
const HEADLINE_MIN_WORDS = 4;
/** Headlines are short; longer lines are prose and are not inspected. */
const HEADLINE_MAX_CHARS = 160;
const HEADLINE_CAPS_SHARE = 0.8;

function maskQuotes(text: string, quotes: QuoteSpan[]): string {
  const sorted = [...quotes].sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const q of sorted) {
    const start = Math.max(at, Math.max(0, q.start));
    const end = Math.min(text.length, q.end);
    if (end <= start) continue;
    out += text.slice(at, start) + MASK.repeat(end - start);
    at = end;
  }
  return out + text.slice(at);
}

/** Verbs by which a speaker puts out a document of their own words ("issued a statement"). */
const ISSUING_VERBS = new Set(['issued', 'issues', 'released', 'releases', 'sent', 'sends', 'published', 'publishes',
  'wrote', 'writes', 'posted', 'posts', 'signed', 'signs', 'drafted', 'delivered', 'put', 'penned', 'circulated']);

/** Where the opening mark(s) of a quote begin and the closing mark(s) end. */
function markBounds(text: string, q: QuoteSpan): [number, number] {
  let s = q.start;
  // French typography sets a space inside guillemets: « Nous … ».
  if (GUILLEMET_SPACE.test(text.slice(Math.max(0, s - 2), s))) s -= 1;
  while (s > 0 && q.start - s < 3 && MARKS.includes(text[s - 1])) s--;
  let e = q.end;
  if (/^[ \u00a0\u202f][«»‹›]/u.test(text.slice(e, e + 2))) e += 1;
  while (e < text.length && e - q.end < 3 && MARKS.includes(text[e])) e++;
  return [s, e];
}

/** A guillemet and the space French typography puts inside it, right before a quote's words. */
const GUILLEMET_SPACE = /[«»‹›][ \u00a0\u202f]$/u;

/** `?” Clinton asked.` — a short attribution after a quote ending in ?/!/. stays in the quote's sentence. */
const ATTRIBUTION_TAIL = new RegExp(`^\\s+(?:[\\p{Lu}][\\p{L}.'’-]*\\s+){1,4}(?:${[...ATTRIBUTION_TAIL_VERBS].join('|')})\\b`, 'u');

function splitSentences(masked: string, quotes: QuoteSpan[], original: string): Sentence[] {
  const out: Sentence[] = [];
  const closeAfterStop = new Set<number>();
  for (const q of quotes) {
    const last = original.slice(q.start, q.end).trimEnd().slice(-1);
    if (/[.!?…]/.test(last)) closeAfterStop.add(markBounds(original, q)[1]);
  }
  let para = 0;
  let start = 0;
  const push = (end: number) => {
    if (end > start && masked.slice(start, end).trim()) out.push({ start, end, para });
    start = end;
  };
  // Only newlines, stops and closing marks after a stop can end a sentence: visit just those.
  const stops = /[\n.!?]/g;
  const closers = [...closeAfterStop].map((p) => p - 1).sort((a, b) => a - b);
  let ci = 0;
  let m: RegExpExecArray | null = stops.exec(masked);
  while (m || ci < closers.length) {
    const useCloser = ci < closers.length && (!m || closers[ci] < m.index);
    const i = useCloser ? closers[ci++] : m!.index;
    if (!useCloser) m = stops.exec(masked);
    if (i < start) continue;
    const ch = masked[i];
    if (useCloser) {
      if (/\s/.test(masked[i + 1] ?? '') && /[\p{Lu}“"‘]/u.test(masked[i + 2] ?? '') && !ATTRIBUTION_TAIL.test(masked.slice(i + 1, i + 120))) push(i + 1);
      continue;
    }
    if (ch === '\n') {
      push(i);
      start = i + 1;
      para++;
      continue;
    }
    let j = i + 1;
    while (j < masked.length && /[”"’')\]]/.test(masked[j])) j++;
    const next = masked.slice(j, j + 2);
    const glued = /^\p{Lu}\p{Ll}/u.test(next); // "north.Blinken": paragraphs run together
    if (!(/^\s[\p{Lu}“"‘(]/u.test(next) || glued || j >= masked.length)) continue;
    if (ch === '.') {
      const word = masked.slice(Math.max(0, i - 12), i).match(/[\p{L}.]+$/u)?.[0] ?? '';
      if (isAbbreviation(word) || /^\p{Lu}$/u.test(word) || (/^(?:\p{Lu}\.)+\p{Lu}$/u.test(word) && !glued)) continue;
    }
    push(j);
  }
  push(masked.length);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Speech cues

type Source =
  | { type: 'name'; group: NameGroup }
  | { type: 'pronoun'; word: string; pos: number }
  | { type: 'description'; text: string };

interface Cue {
  source: Source;
  cue: string;
  /** Position of the source mention, for resolving against the people named before it. */
  pos: number;
}

const DETERMINER = /^(?:a|an|the|one|two|three|several|some|many|other|another|its|his|her|their|our|this|that|these|those|\d+)\b/i;

/** The speaker phrase in the words before a speech verb: "Speaking in Nicosia, Egyptian Foreign Minister Sameh Shoukry". */
function subjectBefore(text: string, offset: number): Source | null {
  const chunks = subjectChunks(stripTimeTail(text));
  if (!chunks.length) return null;
  // Walk back over the subject and its appositives ("Kerr Putney, the Charlotte-Mecklenburg police
  // chief,"; "Emad, 55, a father of six …,"; "Donna Sampson Rawlings, 59, of Ashton, Md., who …,").
  const w: SubjectWalk = { offset, description: null, appositivePerson: null, used: 0 };
  for (let k = chunks.length - 1; k >= 0 && w.used < MAX_APPOSITIVE_CHUNKS; k--) {
    const step = readChunk(w, chunks[k], k, k === chunks.length - 1);
    if (step === 'stop') break;
    if (step !== 'next') return step;
  }
  return walkResult(w);
}

/** Words before a verb without the adverbs and times right before it ("Mr. Blinken said late Wednesday"). */
function stripTimeTail(text: string): string {
  let t = stripAdverbTail(text);
  const cut = Math.max(0, t.length - TAIL_CHARS);
  t = t.slice(0, cut) + t.slice(cut).replace(/\s+(?:(?:on|in|at|late|early)\s+(?:\p{Lu}\p{Ll}+day|\p{Ll}+)|(?:earlier|later|last|this|next)\s+(?:week|month|year|night|morning|\p{Lu}\p{Ll}+day))\s*$/u, '');
  return stripAdverbTail(t);
}

interface Chunk {
  text: string;
  start: number;
}

/** The stretches between commas, dashes, colons and brackets. */
function subjectChunks(t: string): Chunk[] {
  const chunks: Chunk[] = [];
  const re = /[^,;—–:()]+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(t))) if (m[0].trim()) chunks.push({ text: m[0], start: m.index });
  return chunks;
}

/** The walk left over a verb's chunks: a description met so far, a person closing an appositive. */
interface SubjectWalk {
  offset: number;
  description: string | null;
  appositivePerson: NameGroup | null;
  used: number;
}

/** One chunk of the walk, read as the words of one phrase. */
interface ChunkRead {
  /** The chunk without its leading marks and conjunctions. */
  c: string;
  cStart: number;
  trimmed: string;
  words: string[];
  last: boolean;
  k: number;
}

/** What a chunk tells: the speaker, read on ('next'), or stop the walk. */
type ChunkStep = Source | 'next' | 'stop';

function readChunk(w: SubjectWalk, chunk: Chunk, k: number, last: boolean): ChunkStep {
  // Marks left of a chunk belong to an unlisted short quote (`''That,'' he added`).
  let c = chunk.text.replace(/^[\s”"’'“‘]+/u, (x) => ' '.repeat(x.length));
  const lead = c.match(/^\s*(?:(?:and|but|yet|so|then|also|or|now)\s+)*/i)?.[0].length ?? 0;
  c = c.slice(lead);
  const cStart = w.offset + chunk.start + lead;
  const asName = asClauseName(c, cStart);
  if (asName) return asName;
  if (/^\s*(?:as|when|while|though|although|because|if|since|once|until|after|before|whereas)\s/i.test(c) && !last) return 'stop';
  const trimmed = c.trim();
  if (!trimmed || trimmed.includes(MASK)) return 'stop';
  const r: ChunkRead = { c, cStart, trimmed, words: trimmed.split(/\s+/), last, k };
  const pronoun = pronounSubject(w, r);
  if (pronoun) return pronoun;
  w.used++;
  return clauseStep(w, r) ?? nameStep(w, r) ?? descriptionStep(w, r);
}

/** A subordinate clause ("As a phone rang,") is never the speaker, but "As Andrew J. Tabler, an expert
 *  …, noted" names one. */
function asClauseName(c: string, cStart: number): Source | null {
  const asName = /^\s*as\s+/i.exec(c);
  if (!asName) return null;
  const at = cStart + asName[0].length;
  const gs = nameGroups(c.slice(asName[0].length), at);
  if (gs.length === 1 && gs[0].kind !== 'place' && c.slice(asName[0].length + gs[0].end - at).trim() === '') return { type: 'name', group: gs[0] };
  return null;
}

/** A pronoun subject, or 'stop' for a chunk too long to be a subject (not the verb's own chunk). */
function pronounSubject(w: SubjectWalk, r: ChunkRead): ChunkStep | null {
  const { c, cStart, trimmed, words, last } = r;
  const pron = trimmed.toLowerCase().replace(/['’]s$/, '');
  if (words.length === 1 && PRONOUNS.has(pron)) {
    if (w.description) return 'stop';
    return { type: 'pronoun', word: pron, pos: cStart + c.indexOf(trimmed) };
  }
  if (!last) return words.length > MAX_SUBJECT_WORDS ? 'stop' : null;
  const lastWord = words[words.length - 1].toLowerCase();
  if (words.length > 1 && (lastWord === 'he' || lastWord === 'she') && /^(?:what|as|that|which|whom|how)$/i.test(words[words.length - 2])) {
    // "through what she calls": a pronoun right before the verb after a relative word.
    return { type: 'pronoun', word: lastWord, pos: cStart + c.lastIndexOf(words[words.length - 1]) };
  }
  if (words.length > 1 && /^(?:he|she)$/i.test(words[0]) && isVerbWord(words[1].replace(/[^\p{L}]/gu, ''))) {
    // "He then defended the remark, saying …": the pronoun subject of the main clause.
    return { type: 'pronoun', word: words[0].toLowerCase(), pos: cStart + c.indexOf(words[0]) };
  }
  return null;
}

/** Relative clauses, chained verb phrases, adverbials, ages and home towns between a name and its verb. */
function clauseStep(w: SubjectWalk, r: ChunkRead): ChunkStep | null {
  const { c, cStart, trimmed, words, last } = r;
  if (/^(?:which|that|whom)\s/i.test(trimmed) && last) {
    // "which army chief Herzi Halevi has said is …": the relative clause has its own subject.
    const innerGroups = nameGroups(c, cStart);
    const inner = innerGroups[innerGroups.length - 1];
    if (inner && c.slice(inner.end - cStart).trim() === '' && inner.kind !== 'place') return { type: 'name', group: inner };
  }
  // A verb phrase chained to the subject ("Donald Trump, her opponent, bemoaned the unrest and said")
  // and adverbials ("as well") sit between a subject and its verb.
  if (/^(?:as well|too|however|though|meanwhile|instead|again|also|in turn|in return|in response|in particular)$/i.test(trimmed) || (isVerbWord(words[0].replace(/[^\p{L}]/gu, '')) && !/^\p{Lu}/u.test(words[0]))) return 'next';
  // Relative clauses, ages, home towns and state abbreviations between a name and its verb.
  if (/^(?:who|which|whose|that)\b/i.test(trimmed) || /^\d+$/.test(trimmed) || /^[RDI]-[\p{L}.]+$/u.test(trimmed) || /^(?:of|from)\s+\p{Lu}/u.test(trimmed) || /^\p{Lu}[\p{L}.]{0,5}\.$/u.test(trimmed)) return 'next';
  return null;
}

/** The names of a chunk: a bare name, a name ending the chunk, or the name that opens the verb's clause. */
function nameStep(w: SubjectWalk, r: ChunkRead): ChunkStep | null {
  const { c, cStart, trimmed, last, k } = r;
  const groups = nameGroups(c, cStart);
  const lastGroup = groups[groups.length - 1];
  const endsWithName = !!lastGroup && c.slice(lastGroup.end - cStart).trim() === '';
  const bareName = endsWithName && groups.length === 1 && c.slice(0, lastGroup.start - cStart).trim() === '';
  const det = DETERMINER.test(trimmed) || /^\p{Ll}/u.test(trimmed);
  if (bareName && (lastGroup.kind !== 'place' || lastGroup.nameTokens.length > 1)) return { type: 'name', group: lastGroup };
  // "Dan McLaughlin at the National Review": the person, not the place of work.
  if (groups.length >= 2 && groups[0].kind === 'person' && c.slice(0, groups[0].start - cStart).trim() === '' && /^\s*(?:at|of|from|with|for)\s+(?:the\s+)?$/i.test(c.slice(groups[0].end - cStart, groups[1].start - cStart))) {
    return { type: 'name', group: groups[0] };
  }
  if (w.description && !DETERMINER.test(w.description)) return 'stop';
  if (endsWithName && !det && lastGroup.kind !== 'place') return { type: 'name', group: lastGroup };
  if (endsWithName && lastGroup.kind === 'person') {
    // "Dog Andres, a spokesman for House Speaker Paul Ryan, said": a name ending an appositive is the
    // speaker only when no bare name stands before it.
    if (!det || k === 0) return { type: 'name', group: lastGroup };
    w.appositivePerson = w.appositivePerson ?? lastGroup;
  }
  // "Trump unleashed a series of tweets early Friday saying …", "Trump told a North Carolina rally,
  // saying": the name that opens the clause.
  const opening = groups[0];
  if (last && opening && opening.kind !== 'place' && !det && c.slice(0, opening.start - cStart).trim() === '' && !isPossessiveModifier(c, opening, cStart)) {
    return { type: 'name', group: opening };
  }
  return null;
}

/** A chunk without a name that is the speaker: a description, kept while the walk looks further left. */
function descriptionStep(w: SubjectWalk, r: ChunkRead): ChunkStep {
  const { trimmed, words, last } = r;
  const det = DETERMINER.test(trimmed) || /^\p{Ll}/u.test(trimmed);
  // "a historian who attended the session": the noun phrase before its relative clause.
  const headNp = det ? trimmed.replace(/\s+(?:who|whom|whose|which|that)\s.*$/i, '') : trimmed;
  if (headNp !== trimmed && headNp.split(/\s+/).length <= MAX_HEAD_WORDS) {
    if (w.description && (!DETERMINER.test(w.description) || words.length > MAX_HEAD_WORDS)) return 'stop';
    w.description = headNp;
    return 'next';
  }
  if (last) {
    const clause = clauseSubject(r, det);
    if (clause) return clause;
  }
  if (det || /^\p{Lu}/u.test(trimmed)) {
    // A description: keep looking left for the name it describes; else the description speaks.
    if (/^(?:in|on|at|after|before|during|for|with|without|despite|to|by|like|unlike|since|while|when|if|once)\s/i.test(trimmed) || /^\p{L}+ing\s/u.test(trimmed)) return 'stop';
    // Only an appositive ("…, a division of …,") lets an earlier noun phrase take over as the head;
    // a clause ("Nike holds $10.7 billion offshore") does not.
    if (w.description && (!DETERMINER.test(w.description) || words.length > MAX_HEAD_WORDS || words.slice(1).some((x) => isVerbWord(x.replace(/[^\p{L}]/gu, ''))))) return 'stop';
    // "a key issue was the unusual language that said": the noun phrase the relative clause hangs on.
    w.description = trimmed.replace(/\s+(?:that|which|who)$/i, '').replace(/^.*\b(?:is|was|are|were|been|be)\s+(?=\S)/i, '');
    return 'next';
  }
  return 'stop';
}

/** In the verb's own chunk, a clause: its subject is the noun phrase before its verb. */
function clauseSubject(r: ChunkRead, det: boolean): ChunkStep | null {
  const { c, cStart, trimmed, words } = r;
  // "… was the unusual language that said", "the report, which said": the verb of a relative clause
  // speaks for the noun phrase the clause hangs on (after any copula), not for the main clause's subject.
  const relHead = RELATIVE_HEAD.exec(trimmed);
  if (relHead && relHead[1].split(/\s+/).length <= MAX_HEAD_WORDS) {
    const np = cleanDescription(relHead[1]);
    if (np) return { type: 'description', text: describe(np) };
  }
  if (words.length > MAX_SUBJECT_WORDS || (det && words.slice(1).some((x) => isVerbWord(x.replace(/[^\p{L}]/gu, ''))))) {
    // A clause before a participle ("several environmental groups granted Mr. Clarke an extension …,
    // saying"): its subject is the noun phrase before its verb.
    const np = cleanDescription(trimmed);
    if (np && np !== trimmed && det) return { type: 'description', text: describe(np) };
    const person = nameGroups(c, cStart).filter((g) => g.kind === 'person').pop();
    if (person) return { type: 'name', group: person };
    // A long appositive ("director of the centrist Urban-Brookings Tax Policy Center and a professor at
    // …"): the name may stand before it.
    return 'next';
  }
  return null;
}

/** After the walk: a person closing an appositive, else the description met. */
function walkResult(w: SubjectWalk): Source | null {
  if (w.appositivePerson) return { type: 'name', group: w.appositivePerson };
  if (!w.description) return null;
  const cleaned = cleanDescription(w.description);
  if (!cleaned || cleaned.split(/\s+/).length > MAX_DESCRIPTION_WORDS) return null;
  // "the Hill", "the Times": a capitalised name behind the article is an organisation's name.
  if (/^the\s+\p{Lu}/iu.test(cleaned) && cleaned.split(/\s+/).slice(1).every((x) => /^\p{Lu}/u.test(x))) {
    const words = cleaned.split(/\s+/).slice(1);
    const g = analyseGroup(words) ?? { titles: [], nameTokens: words, kind: 'org' as const, gender: null };
    if (g.kind !== 'person') return { type: 'name', group: { ...g, kind: 'org', start: w.offset, end: w.offset } };
  }
  return { type: 'description', text: describe(cleaned) };
}

/** A name group that is a possessive modifier ("Scott's family"), not the speaker itself. */
function isPossessiveModifier(text: string, group: NameGroup, textStart: number): boolean {
  const after = text.slice(group.end - textStart);
  return /^['’]s?\s+\S/u.test(after) || (/['’]s$/u.test(text.slice(group.start - textStart, group.end - textStart)) && after.trim() !== '');
}

/** How far after a quote a name and its appositives may run before the speech verb. */
const MAX_APPOSITIVE_CHARS = 250;
/** Chunks (between commas) searched left of a verb for the speaker's name: name, age, town, role. */
const MAX_APPOSITIVE_CHUNKS = 5;
/** Longer chunks are clauses, not noun phrases naming a speaker. */
const MAX_SUBJECT_WORDS = 12;
/** An earlier noun phrase longer than this is not the head of an appositive. */
const MAX_HEAD_WORDS = 6;
/** A noun phrase closed by a relative pronoun, after an optional copula: "was the unusual language that". */
const RELATIVE_HEAD = /^(?:.*\b(?:is|was|are|were)\s+)?((?:the|a|an|its|their|his|her|this)\s+[^,;]+?)\s+(?:that|which|who)$/i;
/** Descriptions longer than this are usually misparsed clauses ("a key issue was the unusual language that"). */
const MAX_DESCRIPTION_WORDS = 10;

const SOURCE_LEAD = SOURCE_LEADS.map((l) => l.replace(' ', '\\s+')).join('|');
/** A source lead opening the words after a quote, and any source lead in the words before one. */
const SOURCE_LEAD_START = new RegExp(`^(${SOURCE_LEAD})\\s+`, 'iu');
const SOURCE_LEAD_ANY = new RegExp(`(?<![\\p{L}])(${SOURCE_LEAD})\\s+`, 'giu');
/** A speech verb opening the words after a quote, perhaps after an auxiliary of a compound past. */
const INVERTED_VERB = new RegExp(`^(?:(?:${INVERTED_AUXILIARIES.join('|')})\\s+)?([\\p{L}'’#-]+)\\s+`, 'u');

/** The speaker phrase after an inverted verb: "said resident Mohammed Abu Habib", "according to Netanyahu". */
function subjectAfter(text: string, offset: number): Source | null {
  // Periods of abbreviations and initials ("Rep. G.K. Butterfield") stay inside the phrase.
  const m = text.match(/^\s*((?:[^,.;:—–()#]|\.(?=\s?\p{Lu}))+)/u);
  if (!m) return null;
  let phrase = m[1];
  // Stop at a following clause or prepositional tail: "said White House spokesperson John Kirby, adding".
  phrase = phrase.replace(/\s+(?:who|which|adding|in|on|at|of|during|after|before|last|this|when|while|as)\b.*$/u, '');
  const trimmed = phrase.trim();
  if (!trimmed) return null;
  const pron = trimmed.toLowerCase();
  if (PRONOUNS.has(pron)) return { type: 'pronoun', word: pron, pos: offset + text.indexOf(trimmed) };
  if (/^(?:that|it|this|the\s+(?:plan|measure|move))\b/i.test(trimmed) && !/^the\b/i.test(trimmed)) return null;
  const start = offset + text.indexOf(trimmed);
  const groups = nameGroups(trimmed, start);
  const lastGroup = groups[groups.length - 1];
  if (lastGroup && trimmed.slice(lastGroup.end - start).trim() === '') return { type: 'name', group: lastGroup };
  if (trimmed.split(/\s+/).length <= 8 && DETERMINER.test(trimmed)) return { type: 'description', text: describe(trimmed) };
  return null;
}

/** A description cut at its first verb ("a report released last year" → "a report"); null when it is no noun phrase. */
function cleanDescription(phrase: string): string | null {
  const words = phrase.trim().split(/\s+/);
  const cut = words.findIndex((w, i) => i > 0 && (isVerbWord(w.replace(/[^\p{L}]/gu, '')) || (/ed$/.test(w) && !wordClass(w) && i > 1)));
  const kept = cut > 0 ? words.slice(0, cut) : words;
  if (isVerbWord(kept[0].replace(/[^\p{L}]/gu, ''))) return null;
  const last = kept[kept.length - 1].toLowerCase().replace(/[^\p{L}]/gu, '');
  if (kept.every((w) => FUNCTION_WORDS.has(w.toLowerCase()) || /ly$/i.test(w))) return null;
  if (FUNCTION_WORDS.has(last) && !/^(?:one|other|others)$/.test(last)) return null;
  return kept.join(' ');
}

function describe(phrase: string): string {
  let p = phrase.replace(/\s+/g, ' ').trim();
  if (/^(?:A|An|The|One|Two|Three|Several|Some|Many|Other|Another)\b/.test(p)) p = p.charAt(0).toLowerCase() + p.slice(1);
  else if (/^\p{Lu}\p{Ll}+s\b/u.test(p) && !/^\p{Lu}\p{Ll}+s\s+\p{Lu}/u.test(p)) p = p.charAt(0).toLowerCase() + p.slice(1);
  return p;
}

/** Cues in the words right after a quote: `,” Mr. Blinken said`, `,” said resident X`, `― Maria Lopez`. */
function cueAfter(right: string, offset: number): Cue | null {
  const lead = right.match(/^[\s,;]*/)![0].length;
  const r = right.slice(lead);
  const o = offset + lead;
  const dash = r.match(/^[―—–-]+\s*/);
  if (dash) {
    const src = subjectAfter(r.slice(dash[0].length), o + dash[0].length);
    if (src && src.type === 'name') return { source: src, cue: '―', pos: o };
  }
  const acc = SOURCE_LEAD_START.exec(r);
  if (acc) {
    const src = subjectAfter(r.slice(acc[0].length), o + acc[0].length);
    if (src) return { source: src, cue: acc[1].toLowerCase().replace(/\s+/g, ' '), pos: o };
  }
  // Inverted: "said resident Mohammed Abu Habib", "a déclaré Emmanuel Macron".
  const inv = INVERTED_VERB.exec(r);
  if (inv && SPEAKER_VERBS.has(inv[1]) && !GERUND.test(inv[1])) {
    const src = subjectAfter(r.slice(inv[0].length), o + inv[0].length);
    if (src) return { source: src, cue: inv[1], pos: o + inv[0].length };
  }
  // "…,” but he said that …": the cue belongs to the next clause, not to this quote.
  if (/^(?:but|and|while|though|although|because|as|yet|so)\s/i.test(r)) return null;
  // Normal order: "he said", "Mr. Blinken said late Wednesday", "Blinken told reporters".
  const clause = r.slice(0, SUBJECT_VERB_CHARS + 20).replace(/[,.;:!?#—–][\s\S]*$/, '');
  const first = findVerbs(clause, 1)[0];
  if (first && first.index > 0 && first.index <= SUBJECT_VERB_CHARS && !GERUND.test(first.verb)) {
    const src = subjectBefore(clause.slice(0, first.index), o);
    if (src) return { source: src, cue: cueWithTail(first.verb, r.slice(first.index + first.verb.length)), pos: o };
  }
  // A name with appositives before the verb: `,” Mr. King, 82, told me`, `,” Michael McFaul, a senior
  // fellow at the Hoover Institution, said of RT`.
  if (/^\p{Lu}/u.test(r)) {
    for (const v of findVerbs(r.slice(0, MAX_APPOSITIVE_CHARS), 1)) {
      if (GERUND.test(v.verb)) break;
      const pre = r.slice(0, v.index);
      if (pre.includes(MASK)) break;
      const src = subjectBefore(pre, o);
      if (src && src.type === 'name') return { source: src, cue: cueWithTail(v.verb, r.slice(v.index + v.verb.length)), pos: o };
      break;
    }
  }
  return null;
}

const CUE_FRAME = new RegExp(`^\\s+(${CUE_FRAMES.join('|')})\\b`);

function cueWithTail(verb: string, after: string): string {
  const tail = CUE_FRAME.exec(after);
  return tail ? `${verb} ${tail[1]}` : verb;
}

/** Cues in the words before a quote in its sentence: "Blinken said, “", "X told members: “", "According to X, “". */
function cueBefore(left: string, offset: number, maxVerbs = MAX_VERBS_TRIED): Cue | null {
  const acc = [...left.matchAll(SOURCE_LEAD_ANY)].pop();
  const verbs = findVerbs(left).filter((v) => !(v.verb === 'states' && /\bUnited\s+$/.test(left.slice(Math.max(0, v.index - 10), v.index))));
  const lastVerb = verbs.pop();
  if (acc && (!lastVerb || acc.index! > lastVerb.index || /^meeting|^said/.test(lastVerb.verb))) {
    // "Welch said, according to Vermont Edition": the speaker, not the outlet relaying him.
    if (lastVerb && acc.index! > lastVerb.index) {
      const direct = cueAtVerb(left, offset, lastVerb.verb, lastVerb.index);
      if (direct) return direct;
    }
    const from = acc.index! + acc[0].length;
    const src = subjectAfter(left.slice(from), offset + from);
    if (src) return { source: src, cue: acc[1].toLowerCase().replace(/\s+/g, ' '), pos: offset + from };
  }
  const candidates = lastVerb ? [...verbs, lastVerb].reverse().slice(0, maxVerbs) : [];
  for (const v of candidates) {
    const cue = cueAtVerb(left, offset, v.verb, v.index);
    if (cue) return cue;
  }
  return null;
}

/** Earlier speech verbs tried when the last one has no subject ("Clinton says Trump's tweets …"). */
const MAX_VERBS_TRIED = 3;

function cueAtVerb(left: string, offset: number, verb: string, vpos: number): Cue | null {
  // The clause that holds the verb starts after the last quote mark or semicolon before it.
  // An unlisted short quote before the verb (`''Hopefully,'' the president said`) also starts the clause.
  let closeAt = -1;
  for (const c of left.slice(0, vpos).matchAll(/(?:”|''|")(?=[\s,])/g)) closeAt = c.index! + c[0].length;
  const clauseStart = Math.max(left.lastIndexOf(MASK, vpos) + 1, left.lastIndexOf(';', vpos) + 1, closeAt);
  let before = left.slice(clauseStart, vpos);
  before = before.replace(/^[”"’'\s,]+/, (s) => ' '.repeat(s.length));
  const cited = verb === 'saying' ? before.match(/\b(?:cited|quoted|citing|quoting)\s+(.+?)\s+as\s*$/) : null;
  if (cited && verb === 'saying') {
    // "OCHA cited Palestinian Civil Defence as saying …": the one cited is the speaker.
    const from = clauseStart + cited.index! + cited[0].indexOf(cited[1]);
    const src = subjectAfter(cited[1], offset + from);
    if (src) return { source: src, cue: 'saying', pos: offset + from };
  }
  // "called for an “immediate” cease-fire": a demand, not words quoted from the one calling.
  if (/^\s+for\b/.test(left.slice(vpos + verb.length))) return null;
  const absolute = GERUND.test(verb) ? /\bwith\s+([^,;]+?)\s*$/.exec(before) : null;
  if (absolute) {
    // "with a UN panel of independent experts saying …": the gerund has its own subject.
    const from = clauseStart + absolute.index + absolute[0].indexOf(absolute[1]);
    const src = subjectBefore(absolute[1], offset + from);
    if (src) return { source: src, cue: verb, pos: offset + from };
  }
  if (GERUND.test(verb)) {
    // "calling it “delusional”": the subject of the main clause, before the participle.
    const trimmedBefore = before.trimEnd();
    const mainSrc = subjectBefore(trimmedBefore.endsWith(',') ? trimmedBefore.slice(0, -1) : trimmedBefore, offset + clauseStart);
    if (mainSrc) return { source: mainSrc, cue: verb, pos: offset + clauseStart };
    return null;
  }
  // "he was formally called to": a passive is no speech cue.
  if (/\b(?:was|were|been|being|is|are)\s+(?:\p{Ll}+ly\s+)?$/u.test(before.slice(-TAIL_CHARS))) return null;
  // "…, noted NBC’s Dante Chinni.": a verb after a comma with a name behind it is inverted.
  const afterVerb = left.slice(vpos + verb.length);
  const inverted = before.trimEnd().endsWith(',') && /^\s+\p{Lu}/u.test(afterVerb) ? subjectAfter(afterVerb, offset + vpos + verb.length) : null;
  if (inverted && inverted.type === 'name') return { source: inverted, cue: verb, pos: offset + vpos };
  let src = subjectBefore(before, offset + clauseStart);
  if (!src && !before.trim()) {
    // Inverted before the quote: "Said Mr. Smith: “…”".
    src = subjectAfter(left.slice(vpos + verb.length), offset + vpos + verb.length);
  }
  if (!src) return null;
  return { source: src, cue: cueWithTail(verb, left.slice(vpos + verb.length)), pos: offset + clauseStart };
}

/** A later clause in the sentence: "calling the measure a “…” that …, Russian Ambassador Vasily Nebenzya told members". */
function cueLater(right: string, offset: number): Cue | null {
  for (const v of findVerbs(right)) {
    if (GERUND.test(v.verb)) continue;
    const upto = right.slice(0, v.index);
    const clauseStart = Math.max(upto.lastIndexOf(MASK) + 1, upto.lastIndexOf(',') + 1, upto.lastIndexOf(';') + 1);
    const src = subjectBefore(upto.slice(clauseStart).replace(/^[”"’'\s]+/, (s) => ' '.repeat(s.length)), offset + clauseStart);
    if (src) return { source: src, cue: v.verb, pos: offset + clauseStart };
    return null;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Attribution

/** Role nouns that, with "the", refer back to a named person ("the president" → Barack Obama). */
const ROLE_NOUNS = /\b(?:president|nominee|candidate|governor|senator|secretary|businessman|businesswoman|mogul|congressman|congresswoman|mayor|billionaire|chairman|chairwoman|minister|ambassador|premier|chancellor|lawmaker|prosecutor|general|democrat|republican)\b/;

/** How far from a quote, in characters, its cues are read: beyond any attribution in real text
 *  (MAX_APPOSITIVE_CHARS is the longest reach of one), and a bound on each quote's work however
 *  long its sentence runs. */
const LOOK_CHARS = 1000;

/** Sentences of the paragraph searched back for a cue when a quote's own sentence has none. */
const MAX_SENTENCES_BACK = 12;

/** A sentence this short after a quote is its attribution ("Clinton said on Tuesday."); longer ones are
 *  new reporting whose subject need not be the quote's speaker. */
const CUE_SENTENCE_WORDS = 8;

/** With no speaker yet, a pronoun takes the last sentence subject rather than the last name seen
 *  (+1.1 points on PolNeAR dev; names in prepositional phrases are rarely the ones who speak next). */
const SUBJECT_FALLBACK = true;

/** The subject of the sentence just before takes a pronoun the focus person was not named for (+1.8
 *  points on PolNeAR dev he/she quotes; the seed's "he said" after a paragraph about Netanyahu survives
 *  because Blinken is named in that paragraph). */
const PREVIOUS_SUBJECT_TAKES_OVER = true;

/** A person of unknown gender resolved from "he"/"she" keeps that gender for later pronouns (+0.6 points
 *  on PolNeAR dev he/she quotes; a wrong resolution can then propagate, which is the trade-off). */
const LEARN_GENDER_FROM_PRONOUNS = true;

const NONE: Attribution = { speaker: null, speakerKey: null, cue: null };

/**
 * One attribution per quote, same order: the speaker (a person's full name as the article gives it,
 * an organisation, or a description such as "a senior Israeli military official"), its key and cue.
 */
export function attributeSpeakers(text: string, quotes: QuoteSpan[], options: AttributeOptions = {}): Attribution[] {
  return attributePage(text, quotes, options).attributions;
}

// ---------------------------------------------------------------------------------------------
// The discourse: the page read once (masked text, sentences, people, their mentions, subjects)

interface Discourse {
  text: string;
  masked: string;
  sentences: Sentence[];
  people: People;
  headline: Set<number>;
  /** Name groups of each sentence (headline sentences: clean full names only). */
  sentenceGroups: NameGroup[][];
  /** Multi-word organisation names, for "the Times" after "The New York Times". */
  orgNames: { pos: number; name: string }[];
  /** The subject of each sentence, for pronouns. */
  subjects: Mention[];
}

/** Index of the sentence holding pos (the last that starts at or before it). */
function sentenceIndex(sentences: Sentence[], pos: number): number {
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sentences[mid].start <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function readDiscourse(text: string, quotes: QuoteSpan[]): Discourse {
  // Short parentheticals ("(D-N.C.)", "(R-Utah)") sit between a name and its verb: blank them out.
  const masked = maskQuotes(text, quotes).replace(/\([^()\n#]{0,40}\)/g, (p) => ' '.repeat(p.length));
  const sentences = splitSentences(masked, quotes, text);
  const people = new People();
  knownNames = new Set();
  groupMemo = new Map();
  groupsMemo = new Map();
  const headline = headlineParagraphs(masked);
  const sentenceGroups = groupsOfSentences(masked, sentences, headline);
  const orgNames = noteFullNames(sentenceGroups, people);
  // Mentions also come from single surnames of known people ("Blinken said").
  for (const p of people.persons) {
    knownNames.add(bare(p.last));
    if (p.first) knownNames.add(bare(p.first));
  }
  groupMemo = new Map();
  groupsMemo = new Map();
  noteSingleNames(sentences, sentenceGroups, headline, people);
  noteCommonWordNames(masked, sentences, headline, people);
  people.sortMentions();
  const subjects = sentenceSubjects(masked, sentences, people);
  return { text, masked, sentences, people, headline, sentenceGroups, orgNames, subjects };
}

/** The name groups of each sentence. In a title-case headline only clean full names count ("Rush
 *  Limbaugh" in "Rush Limbaugh Says …"): a run with an ordinary word in it is headline wording, not a name. */
function groupsOfSentences(masked: string, sentences: Sentence[], headline: Set<number>): NameGroup[][] {
  return sentences.map((s) => {
    const groups = nameGroups(masked.slice(s.start, s.end), s.start);
    if (!headline.has(s.para)) return groups;
    return groups.filter((g) => g.kind === 'person' && g.nameTokens.length >= 2 && g.nameTokens.length <= 3 && g.nameTokens.every((t) => wordClass(bare(t)) !== 'common'));
  });
}

/** Notes the people named by person groups; returns the multi-word organisation names met. */
function noteFullNames(sentenceGroups: NameGroup[][], people: People): { pos: number; name: string }[] {
  const orgNames: { pos: number; name: string }[] = [];
  for (const groups of sentenceGroups) {
    for (const g of groups) if (g.kind === 'org' && g.nameTokens.length > 1) orgNames.push({ pos: g.start, name: g.nameTokens.join(' ') });
    for (const g of groups) {
      if (g.kind !== 'person') continue;
      const p = people.resolve(g, g.start, true);
      if (p) people.note(g.start, p);
    }
  }
  return orgNames;
}

/** Single capitalised words that are the surname or first name of a known person. */
function noteSingleNames(sentences: Sentence[], sentenceGroups: NameGroup[][], headline: Set<number>, people: People): void {
  for (const [si, s] of sentences.entries()) {
    if (headline.has(s.para)) continue;
    for (const g of sentenceGroups[si]) {
      if (g.kind !== 'unknown' || g.nameTokens.length !== 1) continue;
      const p = people.resolve(g, g.start, false);
      if (p) people.note(g.start, p);
    }
  }
}

/** Surnames that are also common words ("Ham", "Baker") were skipped by the scan: find them now.
 *  One pass over the text, whatever the number of such names. */
function noteCommonWordNames(masked: string, sentences: Sentence[], headline: Set<number>, people: People): void {
  const seen = new Set(people.mentions.map((x) => x.pos));
  const commonNames = new Set([...knownNames].filter((w) => wordClass(w) === 'common').map((w) => w.charAt(0).toUpperCase() + w.slice(1)));
  if (!commonNames.size) return;
  // A name stands as a word of its own: no letter or joiner glued before it, no letter or hyphen after.
  for (const m of masked.matchAll(/(?<![\p{L}'’-])\p{Lu}[\p{L}'’.-]*/gu)) {
    const run = m[0];
    const at = m.index;
    let cap = '';
    for (let end = run.length; end > 0 && !cap; end--) {
      if (end < run.length && /[\p{L}-]/u.test(run[end])) continue;
      if (commonNames.has(run.slice(0, end))) cap = run.slice(0, end);
    }
    if (!cap || seen.has(at)) continue;
    if (headline.has(sentences[sentenceIndex(sentences, at)]?.para ?? -1)) continue;
    const p = people.resolve({ nameTokens: [cap], titles: [], gender: null }, at, false);
    if (p) {
      people.note(at, p);
      seen.add(at);
    }
  }
}

/** The subject of each sentence: its first person, after any leading phrase ("In an interview with
 *  Rusty Humphries, Ham made it clear …"). */
function sentenceSubjects(masked: string, sentences: Sentence[], people: People): Mention[] {
  const subjects: Mention[] = [];
  let k = 0;
  for (const sen of sentences) {
    while (k < people.mentions.length && people.mentions[k].pos < sen.start) k++;
    const body = masked.slice(sen.start, sen.end);
    const leadEnd = /^\s*(?:in|at|on|after|before|during|with|without|for|from|despite|since|while|when|as|like|unlike|under|by|speaking|asked|responding|according)\b/i.test(body)
      ? sen.start + Math.max(0, body.indexOf(','))
      : sen.start;
    for (let j = k; j < people.mentions.length && people.mentions[j].pos < sen.end; j++) {
      if (people.mentions[j].pos >= leadEnd) {
        subjects.push(people.mentions[j]);
        break;
      }
    }
  }
  return subjects;
}

// ---------------------------------------------------------------------------------------------
// Resolving a cue's source to a speaker, as the quotes are read in text order

interface SpokenEntry {
  pos: number;
  person: Person | null;
  speaker: string;
}

/** The discourse and what reading its quotes has built so far. */
interface Reading {
  d: Discourse;
  strategy: PronounStrategy;
  /** Speakers of the statements read so far, in text order. */
  speakerHistory: SpokenEntry[];
  /** speechSubjects' answer, computed when first asked for. */
  speechCache: Mention[] | null;
  /** Whether a sentence holds a quote, by its start. */
  quoteIn: Map<number, boolean>;
}

function spoken(p: Person, cue: Cue): Attribution {
  return { speaker: p.name, speakerKey: speakerKey(p.name), cue: cue.cue };
}

/** Subjects of every speech verb in the text, quoted or reported ("Blinken told reporters that …"),
 *  for the 'speech' pronoun strategy and the focus; computed only when asked for. */
function speechSubjects(r: Reading): Mention[] {
  if (r.speechCache) return r.speechCache;
  const { sentences, masked, people } = r.d;
  const out: Mention[] = (r.speechCache = []);
  for (const sen of sentences) {
    const c = cueBefore(masked.slice(sen.start, sen.end), sen.start, 1);
    if (c && c.source.type === 'name' && c.source.group.kind !== 'place' && c.source.group.kind !== 'org') {
      const p = people.resolve(c.source.group, c.source.group.start, false);
      if (p) out.push({ pos: c.source.group.start, person: p });
    } else if (c && c.source.type === 'pronoun') {
      // "Ban Ki-moon condemned what he called …": the pronoun is the sentence's named subject.
      const at = c.source.pos;
      const named = people.mentions[firstAtOrAfter(people.mentions, sen.start)];
      const first = named && named.pos < at ? named : undefined;
      if (first) out.push({ pos: at, person: first.person });
    }
  }
  return out;
}

function focusPerson(r: Reading, pos: number, fits: (p: Person) => boolean): Person | null {
  const { people, subjects } = r.d;
  const stmt = lastBefore(r.speakerHistory, pos, (h) => !!h.person && fits(h.person));
  const act = lastBefore(speechSubjects(r), pos, (m) => fits(m.person));
  if (stmt && act && act.person !== stmt.person && act.pos > stmt.pos) {
    const stillNamed = someBetween(people.mentions, act.pos, pos, (m) => m.person === stmt.person);
    return stillNamed ? stmt.person : act.person;
  }
  return stmt?.person ?? act?.person ?? (SUBJECT_FALLBACK ? lastBefore(subjects, pos, (m) => fits(m.person))?.person : null) ?? people.recent(pos, fits);
}

function resolveSource(r: Reading, cue: Cue): Attribution | null {
  const src = cue.source;
  if (src.type === 'name') return resolveName(r, cue, src.group);
  if (src.type === 'pronoun') return resolvePronoun(r, cue, src);
  return resolveDescription(r, cue, src.text);
}

function resolveName(r: Reading, cue: Cue, g: NameGroup): Attribution | null {
  if (g.kind === 'place' || g.kind === 'org') {
    let name = [...g.nameTokens].join(' ');
    // "the Times", "the Security Council": the fuller name the article used before.
    const fuller = lastBefore(r.d.orgNames, cue.pos, (o) => o.name !== name && o.name.endsWith(' ' + name));
    if (fuller) name = fuller.name;
    return { speaker: name, speakerKey: speakerKey(name), cue: cue.cue };
  }
  const p = r.d.people.resolve(g, g.start, true);
  if (!p) return null;
  r.d.people.addMention(g.start, p);
  return spoken(p, cue);
}

function resolvePronoun(r: Reading, cue: Cue, src: { word: string; pos: number }): Attribution | null {
  if (src.word === 'he' || src.word === 'she') {
    const want: Gender = PRONOUNS.get(src.word) === 'm' ? 'm' : 'f';
    const fits = (p: Person | null) => !!p && (p.gender === null || p.gender === want);
    const p = pronounPerson(r, src.pos, fits);
    if (!p) return null;
    if (LEARN_GENDER_FROM_PRONOUNS && !p.gender) p.gender = want;
    return spoken(p, cue);
  }
  if (src.word === 'it' || src.word === 'they') {
    const h = lastBefore(r.speakerHistory, src.pos, (x) => !x.person);
    if (h) return { speaker: h.speaker, speakerKey: null, cue: cue.cue };
    return null;
  }
  return null;
}

/** The person a bare he/she at pos refers to, by the reading's pronoun strategy. */
function pronounPerson(r: Reading, pos: number, fits: (p: Person | null) => boolean): Person | null {
  const { people, subjects } = r.d;
  switch (r.strategy) {
    case 'focus':
      return focusPronoun(r, pos, fits);
    case 'speaker':
      return lastSpeakerPronoun(r, pos, fits);
    case 'speech':
      return lastBefore(speechSubjects(r), pos, (m) => fits(m.person))?.person ?? people.recent(pos, fits);
    case 'mention':
      return people.recent(pos, fits);
    default:
      for (let k = subjects.length - 1; k >= 0; k--) if (subjects[k].pos < pos && fits(subjects[k].person)) return subjects[k].person;
      return null;
  }
}

/** The product's strategy: the latest speech act wins (quoted or reported: "Blinken told reporters that
 *  …"), except that a quoted speaker who is still being talked about after it keeps the focus. (Preferring
 *  people known to be of the pronoun's gender over people of unknown gender lost 3 points on PolNeAR dev.) */
function focusPronoun(r: Reading, pos: number, fits: (p: Person | null) => boolean): Person | null {
  const { sentences, subjects, people } = r.d;
  let p = focusPerson(r, pos, fits);
  // A different person, subject of the sentence just before, who was not named there alongside
  // the focus, takes over ("During a town hall, Tina Houchins had a question. “…,” she said").
  const here = sentenceIndex(sentences, pos);
  const before = sentences[here - 1];
  if (PREVIOUS_SUBJECT_TAKES_OVER && p && before && before.para >= sentences[here].para - 1) {
    const first = subjects[firstAtOrAfter(subjects, before.start)];
    const subj = first && first.pos < before.end ? first : undefined;
    const focusThere = someBetween(people.mentions, before.start - 1, before.end, (m) => m.person === p);
    if (subj && subj.person !== p && fits(subj.person) && !focusThere) p = subj.person;
  }
  return p;
}

/** Research strategy 'speaker': the last quoted speaker that fits, unless someone named since takes over. */
function lastSpeakerPronoun(r: Reading, pos: number, fits: (p: Person | null) => boolean): Person | null {
  const { people } = r.d;
  const history = r.speakerHistory;
  let p: Person | null = null;
  for (let k = history.length - 1; k >= 0; k--) {
    const h = history[k];
    if (h.pos < pos && h.person && fits(h.person)) {
      p = h.person;
      break;
    }
  }
  // A person named after the last quote, in a sentence of their own, takes the focus back.
  const last = history.filter((h) => h.pos < pos).pop();
  const named = people.recent(pos, (x) => fits(x));
  if (named && p !== named && last) {
    const since = people.mentions.filter((m) => m.pos > last.pos && m.pos < pos && m.person === named).length;
    const sinceP = people.mentions.filter((m) => m.pos > last.pos && m.pos < pos && m.person === p).length;
    if (since > 0 && sinceP === 0) p = named;
  }
  if (!p) p = named;
  return p;
}

function resolveDescription(r: Reading, cue: Cue, desc: string): Attribution {
  // "the president" after "President Barack Obama": the titled person.
  const dm = desc.match(/^the\s+(?:[\p{L}.-]+\s+)?([\p{Ll}-]+)$/u);
  if (dm && TITLE_WORDS.has(dm[1])) {
    const p = r.d.people.recent(cue.pos, (x) => x.titles.has(dm[1]));
    if (p) return spoken(p, cue);
  }
  // "the Republican nominee", "the former secretary of state": a definite role names the person in focus.
  const role = /^the\s/i.test(desc) ? desc.toLowerCase().match(ROLE_NOUNS) : null;
  if (role) {
    const p = focusPerson(r, cue.pos, () => true);
    if (p) return spoken(p, cue);
  }
  return { speaker: desc, speakerKey: null, cue: cue.cue };
}

// ---------------------------------------------------------------------------------------------
// Attributing each quote

/** True when masked[from, to) holds nothing but spaces (read from the end, where text is near). */
function blank(masked: string, from: number, to: number): boolean {
  for (let k = to - 1; k >= from; k--) if (!/\s/.test(masked[k])) return false;
  return true;
}

/** Whether a sentence holds a quote, asked once per sentence. */
function hasQuote(r: Reading, sen: Sentence): boolean {
  let has = r.quoteIn.get(sen.start);
  if (has === undefined) r.quoteIn.set(sen.start, (has = r.d.masked.slice(sen.start, sen.end).includes(MASK)));
  return has;
}

/** A sentence of at most max words (counting stops at max + 1). */
function fewWords(masked: string, sen: Sentence, max: number): boolean {
  const re = /\S+/g;
  re.lastIndex = sen.start;
  let n = 0;
  for (let m = re.exec(masked); m && m.index < sen.end && n <= max; m = re.exec(masked)) n++;
  return n <= max;
}

/** The cue at the end of a sentence, read from its last LOOK_CHARS only. */
function cueBeforeEnd(masked: string, sen: Sentence): Cue | null {
  const from = Math.max(sen.start, sen.end - LOOK_CHARS);
  return cueBefore(masked.slice(from, sen.end), from);
}

/** The quote read just before, with its attribution and paragraph. */
interface Previous {
  q: QuoteSpan;
  a: Attribution;
  para: number;
}

/** Where a quote sits: its marks' bounds and its sentence. */
interface Place {
  ms: number;
  me: number;
  si: number;
  s: Sentence | undefined;
}

/** attributeSpeakers within a time budget: see AttributeOptions.budgetMs. */
export function attributePage(text: string, quotes: QuoteSpan[], options: AttributeOptions = {}): PageAttribution {
  if (typeof text !== 'string' || !Array.isArray(quotes) || !quotes.length) return { attributions: [], partial: false };
  const { now, budgetMs } = options;
  const deadline = now && budgetMs !== undefined ? now() + budgetMs : Infinity;
  lexiconOn = options.lexicon !== false;
  const r: Reading = { d: readDiscourse(text, quotes), strategy: options.pronouns ?? 'focus', speakerHistory: [], speechCache: null, quoteIn: new Map() };
  const order = quotes.map((_, i) => i).sort((a, b) => quotes[a].start - quotes[b].start);
  const result: Attribution[] = quotes.map(() => NONE);
  const statementSpeaker = new Map<number, Attribution>();
  let prev: Previous | null = null;
  let partial = false;
  for (const qi of order) {
    if (now && now() > deadline) {
      // Out of time: the quotes not yet read keep NONE.
      partial = true;
      break;
    }
    const q = quotes[qi];
    const [ms, me] = markBounds(text, q);
    const si = sentenceIndex(r.d.sentences, ms);
    const at: Place = { ms, me, si, s: r.d.sentences[si] };
    const final: Attribution = attributeQuote(r, q, at, prev, statementSpeaker) ?? NONE;
    result[qi] = final;
    recordSpeaker(r, q, at, final);
    if (final.speaker && !statementSpeaker.has(q.statement)) statementSpeaker.set(q.statement, final);
    prev = { q, a: final, para: at.s ? at.s.para : -1 };
  }
  return { attributions: result, partial };
}

/** A statement's speaker joins the history that pronouns are resolved against. */
function recordSpeaker(r: Reading, q: QuoteSpan, at: Place, final: Attribution): void {
  const words = q.text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  if (q.kind === 'statement' && words >= STATEMENT_MIN_WORDS && final.speaker) {
    const person = final.speakerKey ? r.d.people.byName(final.speakerKey) : null;
    r.speakerHistory.push({ pos: at.s ? Math.max(at.me, at.s.end) : at.me, person, speaker: final.speaker });
  }
}

function attributeQuote(r: Reading, q: QuoteSpan, at: Place, prev: Previous | null, statementSpeaker: Map<number, Attribution>): Attribution | null {
  let a: Attribution | null = null;
  // The second part of a split statement speaks with the first part's voice.
  if (prev && prev.q.statement === q.statement && prev.a.speaker && q.statement !== undefined && statementSpeaker.has(q.statement)) {
    a = statementSpeaker.get(q.statement)!;
  }
  if (!a && q.kind === 'statement') a = documentAttribution(r.d.text, at.ms);
  if (!a && at.s) a = cueInSentence(r, at, at.s);
  // A term (scare quote, title) is someone's word only when its own sentence says so.
  if (!a && at.s && q.kind !== 'term') a = cueAroundSentence(r, at, at.s, prev);
  return a;
}

/** A document's wording ("a resolution supporting “…”") is the document's, not the sentence's subject's,
 *  unless the subject issued it ("the Security Council issued a statement calling for “…”"): then the
 *  cues name the issuer. */
function documentAttribution(text: string, ms: number): Attribution | null {
  const doc = documentSource(text, ms);
  const verb = doc ? /([\p{L}]+)\s*$/u.exec(text.slice(Math.max(0, doc.start - 20), doc.start))?.[1].toLowerCase() : undefined;
  if (doc && !(verb && ISSUING_VERBS.has(verb))) return { speaker: describe(text.slice(doc.start, doc.end)), speakerKey: null, cue: doc.link };
  return null;
}

/** A cue in the quote's own sentence, before or after it; else the subject of a colon lead. */
function cueInSentence(r: Reading, at: Place, s: Sentence): Attribution | null {
  const { masked, sentenceGroups } = r.d;
  const { ms, me } = at;
  let a: Attribution | null = null;
  const right = masked.slice(me, Math.min(s.end, me + LOOK_CHARS));
  const leftStart = Math.max(s.start, ms - LOOK_CHARS);
  const left = masked.slice(leftStart, ms);
  // A lead that ends in a comma or colon right before the quote introduces it ("X wrote to Y, ''…''
  // Y replied, ''…''"): it wins over a cue after the quote.
  const introduced = /[,:]\s*$/.test(left.slice(-TAIL_CHARS)) && findVerbs(left).length ? cueBefore(left, leftStart) : null;
  const cue = introduced ?? cueAfter(right, me) ?? cueBefore(left, leftStart) ?? cueLater(right, me);
  if (cue) a = resolveSource(r, cue);
  if (!a && left.trimEnd().endsWith(':')) {
    // "Kaine has adopted the stance common among Catholics: “…”": a colon lead names its subject.
    const opening = sentenceGroups[at.si]?.[0];
    if (opening && opening.kind !== 'place' && opening.start < ms && blank(masked, s.start, opening.start)) {
      a = resolveSource(r, { source: { type: 'name', group: opening }, cue: ':', pos: opening.start });
    }
  }
  return a;
}

/** No cue in the sentence: the paragraph's other sentences, then a quote-only paragraph continues
 *  the previous speaker, else the next sentence names the speaker. */
function cueAroundSentence(r: Reading, at: Place, s: Sentence, prev: Previous | null): Attribution | null {
  const { masked, sentences } = r.d;
  const { si } = at;
  let a: Attribution | null = null;
  const para = s.para;
  const lead = !blank(masked, s.start, at.ms);
  const prevS = sentences[si - 1];
  if (!lead && prevS && prevS.para < para && masked.slice(Math.max(prevS.start, prevS.end - LOOK_CHARS), prevS.end).trimEnd().endsWith(':')) {
    // "Caddell continued:" / "He said:" closing the paragraph before a quoted one.
    const c = cueBeforeEnd(masked, prevS);
    if (c) a = resolveSource(r, c);
  }
  const next = sentences[si + 1];
  if (!a && next && next.para === para) {
    // `“…?” Clinton said.` split off as a sentence of its own.
    if (fewWords(masked, next, CUE_SENTENCE_WORDS) && !hasQuote(r, next)) {
      const c = cueBeforeEnd(masked, next);
      if (c) a = resolveSource(r, c);
    }
  }
  if (!a && prev && prev.a.speaker && prev.para === para) a = { ...prev.a };
  for (let k = si - 1; k >= 0 && k >= si - MAX_SENTENCES_BACK && sentences[k].para === para && !a; k--) {
    const c = cueBeforeEnd(masked, sentences[k]);
    if (c) a = resolveSource(r, c);
  }
  if (!a && prev && prev.a.speaker && prev.para === para - 1 && !lead) a = { ...prev.a };
  if (!a && next && (next.para === para || next.para === para + 1)) {
    // The speaker is named only in the next sentence or paragraph.
    const c = cueBeforeEnd(masked, next) ?? cueAfter(masked.slice(next.start, Math.min(next.end, next.start + LOOK_CHARS)), next.start);
    if (c && !hasQuote(r, next)) a = resolveSource(r, c);
  }
  return a;
}
