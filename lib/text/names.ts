// Person names: strip titles from a mention, and fold a full name into one key per person
// that survives outlets' spellings and transliterations (Nebenzya / Nebenzia, Zelensky / Zelenskyy).

/** Honorifics and office titles that precede a name and are not part of it (lower case, no dot). */
export const TITLE_WORDS = new Set([
  'mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'professor', 'sir', 'dame', 'lord', 'lady',
  'rev', 'reverend', 'fr', 'father', 'sister', 'brother', 'rabbi', 'imam', 'sheikh', 'sheik', 'pope', 'cardinal', 'bishop', 'archbishop',
  'president', 'vice', 'prime', 'minister', 'secretary', 'state', 'foreign', 'defense', 'defence', 'interior',
  'finance', 'treasury', 'homeland', 'security', 'intelligence', 'sheriff', 'general', 'attorney', 'ambassador', 'envoy', 'special', 'senior',
  'sen', 'senator', 'rep', 'representative', 'congressman', 'congresswoman', 'gov', 'governor', 'lt', 'lieutenant',
  'mayor', 'speaker', 'leader', 'majority', 'minority', 'whip', 'chairman', 'chairwoman', 'chair', 'director', 'chief',
  'spokesman', 'spokeswoman', 'spokesperson', 'press', 'deputy', 'acting', 'former', 'then', 'king', 'queen',
  'prince', 'princess', 'crown', 'emir', 'sultan', 'chancellor', 'premier', 'judge', 'justice', 'supreme', 'court',
  'gen', 'col', 'colonel', 'maj', 'major', 'capt', 'captain', 'sgt', 'sergeant', 'adm', 'admiral', 'cmdr', 'commander',
  'officer', 'staff', 'army', 'navy', 'national', 'adviser', 'advisor', 'counsel', 'commissioner', 'coordinator',
  'candidate', 'nominee', 'hopeful', 'democratic', 'republican', 'democrat', 'rival', 'retired', 'incumbent', 'gop', 'dem', 'sec', 'pres', 'atty', 'supt',
  'assemblyman', 'assemblywoman', 'councilman', 'councilwoman', 'councilmember', 'delegate', 'resident', 'u.s', 'us', 'un', 'u.n', 'uk', 'eu',
  'white', 'house', 'executive', 'ceo', 'founder', 'host', 'anchor', 'correspondent', 'reporter', 'editor', 'analyst',
]);

/** Dotted acronyms that qualify an office ("U.S. Secretary of State"); other dotted capitals are initials ("G.K."). */
export const PLACE_ACRONYMS = new Set(['u.s', 'u.n', 'u.k', 'e.u', 'd.c', 'n.y', 'l.a', 'u.a.e', 'n.j', 'n.c', 's.c']);

/** Name suffixes dropped before keying: the same person with or without "Jr." is one person. */
const NAME_SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv', 'phd', 'md', 'esq']);

/** Lower-case name particles kept inside a name ("Abu", "al-", "bin", "van der"). */
export const NAME_PARTICLES = new Set([
  'al', 'el', 'bin', 'ibn', 'abu', 'abd', 'abdel', 'abdul', 'de', 'del', 'della', 'di', 'da', 'dos', 'du', 'la', 'le',
  'van', 'von', 'der', 'den', 'ter', 'bint', 'ben', 'y', 'st',
]);

const POSSESSIVE = /['’]s?$/u;

function stripDiacritics(s: string): string {
  return s.normalize('NFD').replace(/\p{M}+/gu, '');
}

function bareWord(token: string): string {
  return stripDiacritics(token).toLowerCase().replace(/[.,]/g, '');
}

/**
 * The name inside a mention, without titles, honorifics or possessive:
 * "Mr. Blinken's" → "Blinken"; "U.S. Secretary of State Antony Blinken" → "Antony Blinken".
 * Null when nothing name-like (a capitalised word) is left.
 */
export function canonicalName(mention: string): string | null {
  if (typeof mention !== 'string') return null;
  const cleaned = mention.replace(/\s+/g, ' ').trim().replace(/[,;:]+$/, '');
  if (!cleaned) return null;
  let tokens = cleaned.split(' ');
  // Everything up to the last lower-case word (other than a particle) is description: "army chief Herzi Halevi".
  let lastLower = -1;
  tokens.forEach((t, i) => {
    const w = bareWord(t);
    if (/^\p{Ll}/u.test(t) && !NAME_PARTICLES.has(w.replace(/-.*$/, '')) && !/^(?:of|the)$/.test(w)) lastLower = i;
  });
  tokens = tokens.slice(lastLower + 1);
  // Everything up to the last title word is office and nationality: "Israeli Prime Minister Benjamin
  // Netanyahu", "Council President Donald Tusk"; at least one word stays ("Mr. King").
  let lastTitle = -1;
  for (let i = 0; i < tokens.length - 1; i++) {
    const w = bareWord(tokens[i]).replace(/['’]s?$/, '');
    if (TITLE_WORDS.has(w) || /['’]s?$/u.test(tokens[i]) || PLACE_ACRONYMS.has(tokens[i].toLowerCase().replace(/\.$/, ''))) lastTitle = i;
  }
  tokens = tokens.slice(lastTitle + 1);
  while (tokens.length > 1 && /^(?:of|the)$/i.test(tokens[0])) tokens.shift();
  if (tokens.length === 1 && TITLE_WORDS.has(bareWord(tokens[0]))) return null;
  if (tokens.length) tokens[tokens.length - 1] = tokens[tokens.length - 1].replace(POSSESSIVE, '');
  const name = tokens.join(' ').trim();
  if (!/^\p{Lu}/u.test(name) || !/\p{Ll}/u.test(name)) return null;
  return name;
}

/** Folds spelling variants of one surname together: y/i/j, doubled letters, kh/h, ph/f, -off/-ov. */
export function foldSurname(word: string): string {
  let s = stripDiacritics(word).toLowerCase().replace(/[^a-z]/g, '');
  s = s
    .replace(/kh/g, 'h')
    .replace(/ph/g, 'f')
    .replace(/ck/g, 'k')
    .replace(/q/g, 'k')
    .replace(/tch/g, 'ch')
    .replace(/sch/g, 'sh')
    .replace(/[yj]/g, 'i')
    .replace(/ou/g, 'u')
    .replace(/w/g, 'v')
    .replace(/(.)\1+/g, '$1')
    .replace(/ff$/, 'v')
    .replace(/f$/, 'v');
  // Vowels after the first letter are where transliterations disagree most (Mohammed / Muhammad).
  return s.charAt(0) + s.slice(1).replace(/[aeiou]+/g, (v) => (v.length > 1 ? 'V' : 'v'));
}

/** Familiar forms of given names whose initial differs from the full name's (the key keeps an initial). */
const NICKNAMES = new Map<string, string>([
  ['bob', 'robert'], ['bobby', 'robert'], ['rob', 'robert'], ['robbie', 'robert'], ['bill', 'william'], ['billy', 'william'],
  ['will', 'william'], ['willie', 'william'], ['dick', 'richard'], ['rick', 'richard'], ['ricky', 'richard'], ['rich', 'richard'],
  ['ted', 'edward'], ['ned', 'edward'], ['eddie', 'edward'], ['ed', 'edward'], ['peggy', 'margaret'], ['peg', 'margaret'],
  ['betty', 'elizabeth'], ['betsy', 'elizabeth'], ['beth', 'elizabeth'], ['liz', 'elizabeth'], ['libby', 'elizabeth'],
  ['polly', 'mary'], ['molly', 'mary'], ['hank', 'henry'], ['harry', 'henry'], ['jack', 'john'], ['johnny', 'john'],
  ['joe', 'joseph'], ['jim', 'james'], ['jimmy', 'james'], ['mike', 'michael'], ['tom', 'thomas'], ['tony', 'anthony'],
  ['andy', 'andrew'], ['chuck', 'charles'], ['charlie', 'charles'], ['chris', 'christopher'], ['dan', 'daniel'],
  ['danny', 'daniel'], ['dave', 'david'], ['don', 'donald'], ['ron', 'ronald'], ['steve', 'steven'], ['sam', 'samuel'],
  ['pat', 'patrick'], ['nick', 'nicholas'], ['matt', 'matthew'], ['ben', 'benjamin'], ['greg', 'gregory'], ['jeff', 'jeffrey'],
  ['kate', 'katherine'], ['kathy', 'katherine'], ['cathy', 'catherine'], ['sue', 'susan'], ['jenny', 'jennifer'],
  ['newt', 'newton'], ['mitch', 'mitchell'], ['larry', 'lawrence'], ['jerry', 'gerald'], ['gerry', 'gerald'],
]);

/** A given name in the form the key reads: "Bob" → "robert", "José" → "jose". */
export function givenName(word: string): string {
  const w = stripDiacritics(word).toLowerCase().replace(/[.,]/g, '');
  return NICKNAMES.get(w) ?? w;
}

/** A given name as one person's names agree on: an initial stays an initial, a full name is read in
 *  full and folded like a surname ("Vasily" and "Vassily" agree). */
export function givenKey(word: string): string {
  const g = givenName(word);
  return g.length <= 1 ? g : foldSurname(g);
}

/** Whether two given names can be one person's: equal once familiar forms are read in full ("Bob",
 *  "Robert") and spellings folded, or one is the other's initial ("J." and "Joseph"). Ron and Rand are
 *  two people. */
export function sameGivenName(a: string, b: string): boolean {
  if (!a || !b) return true;
  const x = givenKey(a);
  const y = givenKey(b);
  if (x.length === 1 || y.length === 1) return givenName(a).charAt(0) === givenName(b).charAt(0);
  return x === y;
}

/**
 * One key per person across outlets and spellings: first initial + folded surname
 * ("Antony Blinken" → "a:blvnkvn"). A single word ("Blinken", "Reuters") keys on itself alone.
 * First names count only by initial (familiar forms read in full first: Bob Goodlatte is Robert W.
 * Goodlatte), so nicknames agree (Joe / Joseph Biden) and two relatives with one initial (Ron / Rand
 * Paul) share a key: a known limit across outlets (within one article sameGivenName keeps them apart).
 */
export function speakerKey(fullName: string): string {
  if (typeof fullName !== 'string') return '';
  const name = canonicalName(fullName) ?? fullName;
  const tokens = stripDiacritics(name)
    .replace(/[’']s\b/g, '')
    .split(/\s+/)
    .map((t) => t.replace(/[.,]/g, ''))
    .filter((t) => t && !NAME_SUFFIXES.has(t.toLowerCase()));
  // Middle initials ("Joseph R. Biden") never distinguish people in news text.
  const words = tokens.filter((t, i) => i === 0 || i === tokens.length - 1 || t.length > 1);
  if (!words.length) return '';
  const last = words[words.length - 1];
  const surname = last.split('-').map(foldSurname).join('-');
  if (words.length === 1) return `:${surname}`;
  const first = givenName(words[0]).charAt(0);
  return `${first}:${surname}`;
}
