// Names in the text: capitalised word runs read as persons, places and organisations.
import { NAME_PARTICLES, PLACE_ACRONYMS, TITLE_WORDS } from '../text/names';
import { isAbbreviation } from '../text/sentences';
import { wordMap } from '../text/vocabulary';
import { MASK } from './layout';
import { type WordClass, bare, wordClass } from './lexicon';
import { FEMALE_TITLES, FUNCTION_WORDS, MALE_TITLES, NAME_ADJECTIVES } from './verbs';

export type Gender = 'm' | 'f' | null;

export interface Person {
  name: string;
  first: string;
  last: string;
  gender: Gender;
  titles: Set<string>;
  /** Place in the order persons were met. */
  order: number;
}

export interface Mention {
  pos: number;
  person: Person;
}

export interface NameGroup {
  start: number;
  end: number;
  /** Title and descriptor words in front of the name ("secretary", "state", "israeli"). */
  titles: string[];
  nameTokens: string[];
  kind: 'person' | 'place' | 'org' | 'unknown';
  gender: Gender;
}

export const OPEN_PUNCT = /^[“"‘'([«„‹]+/u;
export const CLOSE_PUNCT = /[,.;:!?”"’')\]»›…]+$/u;

export function isCapitalised(core: string): boolean {
  return /^\p{Lu}/u.test(core);
}

/** Capitalised word runs ("U.S. Secretary of State Antony Blinken") in a stretch of masked text. */
export function nameGroups(names: PageNames, text: string, offset: number): NameGroup[] {
  return names.groups(text, offset);
}

/** The next word that starts with a capital, perhaps after opening punctuation. */
export const CAPITAL_AHEAD = /(?<!\S)[“"‘'([«„‹]*\p{Lu}/gu;

/** Lower-case words that can sit inside a name ("Abu", "bin", "of" in "Secretary of State"). */
export function joinsName(core: string, previous: string): boolean {
  const lower = core.toLowerCase();
  return NAME_PARTICLES.has(lower.endsWith('-') ? lower.slice(0, -1) : lower) || /^(?:al|el)-\p{Lu}/u.test(core) || (lower === 'of' && TITLE_WORDS.has(bare(previous)));
}

export function scanNameGroups(names: PageNames, text: string, offset: number): NameGroup[] {
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
      const g = names.analyse(cores, atStart);
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

/** A capitalised run read as a name; known holds the names of the page's people (see PageNames.known). */
export function analyseGroup(tokens: string[], atStart: boolean, known: ReadonlySet<string>): GroupReading | null {
  let i = 0;
  // Sentence-initial function words and participles: "But", "Speaking", "Shortly". Inside a sentence a
  // capitalised ordinary word is part of the name ("host Rush Limbaugh").
  while (i < tokens.length) {
    const b = bare(tokens[i]);
    const c = wordClass(b);
    const ordinary = (c === 'common' && !TITLE_WORDS.has(b) && !NAME_ADJECTIVES.has(b) && !known.has(b)) || (!c && /^\p{Lu}\p{Ll}+(?:ing|ly|ed)$/u.test(tokens[i]) && i < tokens.length - 1);
    if (FUNCTION_WORDS.has(b) || (ordinary && (atStart || i > 0 || tokens.length === 1))) i++;
    else break;
  }
  const rest = tokens.slice(i);
  if (!rest.length) return null;
  // "Obama Says African-American Museum Will …": a headline's verb is never part of a name.
  if (rest.some((t, k) => k > 0 && HEADLINE_VERBS.has(t))) return null;
  // Organisations are named in full: "Palestinian Civil Defence", "U.N. Security Council".
  // "Congress", "Reuters", "Politico", "NRA": an organisation word or an acronym alone is an organisation, never a person.
  if (rest.length === 1 && ((ORG_WORDS.has(bare(rest[0])) && /^\p{Lu}/u.test(rest[0])) || /^\p{Lu}{2,6}(?:['’]s)?$/u.test(rest[0]))) return { titles: [], nameTokens: [rest[0].replace(/['’]s?$/u, '')], kind: 'org', gender: null };
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
  // "Obama Monday": a day or month after a name is the time of the words, not part of the name.
  while (nameTokens.length > 1 && TIME_WORDS.test(nameTokens[nameTokens.length - 1])) nameTokens.pop();
  // "Director of National Intelligence James Clapper": an office word left before a given name.
  while (nameTokens.length >= 3 && wordClass(bare(nameTokens[0])) === 'common' && isGiven(wordClass(bare(nameTokens[1])))) titles.push(bare(nameTokens.shift()!));
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
  // "United States", "United Arab Emirates", "United Nations": no person's name begins so.
  else if (nameTokens.length >= 2 && nameTokens[0] === 'United') kind = bare(nameTokens[nameTokens.length - 1]) === 'nations' ? 'org' : 'place';
  else if (nameTokens.length >= 2 && (lastClass === 'place' || firstClass === 'place') && !isName(firstClass)) kind = 'place';
  else if (firstClass === 'org' || lastClass === 'org') kind = 'org';
  else if (
    (nameTokens.length >= 2 && (isName(firstClass) || isName(lastClass))) ||
    (honorific && !possessivePlace) ||
    (nameTokens.length >= 2 && nameTokens.length <= 4 && !firstClass && !lastClass && nameTokens.every((t) => !/^(?:\p{Lu}\.)+$/u.test(t)))
  )
    kind = 'person';
  if (nameTokens.length === 1 && firstClass === 'common' && !known.has(firstBare)) return null;
  return { titles, nameTokens, kind, gender };
}

/** Days and months: never the last word of a name. */
export const TIME_WORDS = /^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|June|July|August|September|October|November|December)$/;

const isGiven = (c: WordClass | undefined) => c === 'male' || c === 'female' || c === 'first';

/** Verbs of title-case headlines ("X Says …", "X Slams Y"), never words of a name. */
export const HEADLINE_VERBS = new Set(['Says', 'Tells', 'Slams', 'Urges', 'Warns', 'Blasts', 'Vows', 'Rips', 'Calls', 'Asks', 'Admits', 'Claims', 'Denies', 'Insists']);

/** Forms of address that always precede a surname. */
export const HONORIFICS = new Set(['mr', 'mrs', 'ms', 'miss', 'dr', 'prof', 'sir', 'dame', 'lord', 'lady']);

/** Titles that mark the name after them as a person's ("Sen. Tester", "Mr. King"). */
export const PERSONAL_TITLES = new Set([
  'mr', 'mrs', 'ms', 'miss', 'dr', 'prof', 'professor', 'sen', 'senator', 'rep', 'representative', 'gov', 'governor',
  'president', 'minister', 'secretary', 'ambassador', 'envoy', 'mayor', 'judge', 'justice', 'chancellor', 'premier',
  'king', 'queen', 'prince', 'princess', 'emir', 'sheikh', 'sheik', 'pope', 'rabbi', 'imam', 'rev', 'reverend',
  'gen', 'general', 'col', 'colonel', 'lt', 'lieutenant', 'capt', 'captain', 'sgt', 'sergeant', 'adm', 'admiral',
  'spokesman', 'spokeswoman', 'spokesperson', 'chairman', 'chairwoman', 'director', 'chief', 'commissioner',
  'congressman', 'congresswoman', 'attorney', 'adviser', 'advisor', 'resident', 'lord', 'lady', 'sir', 'dame',
  'speaker', 'leader', 'candidate', 'nominee', 'founder', 'ceo', 'host', 'anchor', 'correspondent', 'reporter', 'editor',
]);

/** Last words of organisation names. */
export const ORG_WORDS = new Set([
  'council', 'committee', 'department', 'ministry', 'agency', 'party', 'association', 'union', 'court', 'office',
  'times', 'post', 'news', 'journal', 'institute', 'university', 'center', 'centre', 'foundation', 'fund', 'commission',
  'bank', 'group', 'corp', 'inc', 'company', 'network', 'campaign', 'administration', 'government', 'army', 'forces',
  'police', 'coalition', 'defence', 'defense', 'service', 'board', 'bureau', 'organization', 'organisation', 'club',
  'tribune', 'herald', 'press', 'magazine', 'review', 'daily', 'project', 'alliance', 'caucus', 'congress', 'senate',
  'parliament', 'cabinet', 'authority', 'federation', 'society', 'watch', 'reuters', 'politico', 'initiative', 'school',
  'enforcement', 'investigations', 'services', 'administration', 'ministry', 'program', 'programme', 'division',
  'league', 'conference', 'council', 'institution', 'museum', 'hospital', 'clinic', 'lab', 'laboratory', 'academy',
]);

export const TITLE_ABBREVIATIONS = wordMap<string>({
  gov: 'governor', sen: 'senator', rep: 'congressman', pres: 'president', gen: 'general', sec: 'secretary',
});

/** A surname shared by several people goes to the most mentioned of them, not the latest ("Cruz said"
 *  after one mention of Heidi Cruz is Ted Cruz); a small gain on PolNeAR dev, never a loss. */
export const SURNAME_BY_PROMINENCE = true;

/** A name group without its place in the text. */
export type GroupReading = Omit<NameGroup, 'start' | 'end'>;

/** What reading one page has learned about its names: the surnames and first names of its people, so
 *  that a surname that is also a common word ("Ham", "King", "Rice") still reads as a name, and the name
 *  groups already read (they depend on those names). One per page: nothing carries over to the next. */
export class PageNames {
  private knownNames = new Set<string>();
  /** analyseGroup's answers by run (and whether it opens its clause). */
  private groupMemo = new Map<string, GroupReading | null>();
  /** Name groups by position in the masked text (position and length are cheap to hash; the text confirms a hit). */
  private groupsMemo = new Map<number, { text: string; groups: NameGroup[] }>();

  get known(): ReadonlySet<string> {
    return this.knownNames;
  }

  /** Names of the page's people become known: name groups are read again from now on. */
  learn(words: Iterable<string>): void {
    for (const w of words) this.knownNames.add(w);
    this.groupMemo = new Map();
    this.groupsMemo = new Map();
  }

  analyse(tokens: string[], atStart: boolean): GroupReading | null {
    const key = (atStart ? '^' : '') + tokens.join(' ');
    let g = this.groupMemo.get(key);
    if (g === undefined) {
      g = analyseGroup(tokens, atStart, this.knownNames);
      this.groupMemo.set(key, g);
    }
    return g;
  }

  groups(text: string, offset: number): NameGroup[] {
    const memoKey = offset * 65536 + (text.length & 0xffff);
    const memo = this.groupsMemo.get(memoKey);
    if (memo && memo.text === text) return memo.groups;
    // Frozen: callers share the memoised array.
    const groups = Object.freeze(scanNameGroups(this, text, offset)) as NameGroup[];
    this.groupsMemo.set(memoKey, { text, groups });
    return groups;
  }
}
