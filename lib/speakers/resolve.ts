// A cue's source resolved to a speaker: a name, a pronoun (by the pronoun strategy) or a description.
import type { Attribution } from '../types';
import { TITLE_WORDS } from '../text/names';
import { type Cue, cueBefore } from './cues';
import { type Discourse, sentenceIndex } from './discourse';
import { type Gender, type Mention, type NameGroup, type Person } from './name-groups';
import { firstAtOrAfter, lastBefore, someBetween, speakerKey } from './people';
import { orgForAcronym, orgForDescription } from './organisations';
import { PRONOUNS } from './verbs';
import { pageAuthor } from './byline';
import { type DocumentMention, documentAntecedent, documentKind, documentMentions } from './documents';
import { ORG_HEADS } from './organisations';
import { isPersonNoun, isVerbWord, nounWords, wordClass } from './lexicon';
import { describe } from './subject';

/** How a bare "he"/"she" at pos is resolved to a person that fits it. The product's way is focusPronoun;
 *  scripts/eval/pronoun-strategies.ts holds the others it was measured against. */
export type PronounResolver = (r: Reading, pos: number, fits: (p: Person | null) => boolean) => Person | null;
/** Role nouns that, with "the", refer back to a named person ("the president" → Barack Obama). */
export const ROLE_NOUNS = /\b(?:president|nominee|candidate|governor|senator|secretary|businessman|businesswoman|mogul|congressman|congresswoman|mayor|billionaire|chairman|chairwoman|minister|ambassador|premier|chancellor|lawmaker|prosecutor|general|democrat|republican)\b/;
/** With no speaker yet, a pronoun takes the last sentence subject rather than the last name seen
 *  (+1.1 points on PolNeAR dev; names in prepositional phrases are rarely the ones who speak next). */
export const SUBJECT_FALLBACK = true;

/** The subject of the sentence just before takes a pronoun the focus person was not named for (+1.8
 *  points on PolNeAR dev he/she quotes; the seed's "he said" after a paragraph about Netanyahu survives
 *  because Blinken is named in that paragraph). */
export const PREVIOUS_SUBJECT_TAKES_OVER = true;

/** A person of unknown gender resolved from "he"/"she" keeps that gender for later pronouns (+0.6 points
 *  on PolNeAR dev he/she quotes; a wrong resolution can then propagate, which is the trade-off). */
export const LEARN_GENDER_FROM_PRONOUNS = true;
// ---------------------------------------------------------------------------------------------
// Resolving a cue's source to a speaker, as the quotes are read in text order

export interface SpokenEntry {
  pos: number;
  person: Person | null;
  speaker: string;
  key: string | null;
}

/** The discourse and what reading its quotes has built so far. */
export interface Reading {
  d: Discourse;
  pronouns: PronounResolver;
  /** Speakers of the statements read so far, in text order. */
  speakerHistory: SpokenEntry[];
  /** speechSubjects' answer, computed when first asked for. */
  speechCache: Mention[] | null;
  /** Whether a sentence holds a quote, by its start. */
  quoteIn: Map<number, boolean>;
  /** The page's author (pageAuthor), read when an "I" is first met. */
  author?: string | null;
  /** Documents the page introduces (documentMentions), read when a document is first met as a speaker. */
  documents?: DocumentMention[];
}

export function spoken(p: Person, cue: Cue): Attribution {
  return { speaker: p.name, speakerKey: speakerKey(p.name), cue: cue.cue };
}

/** Subjects of every speech verb in the text, quoted or reported ("Blinken told reporters that …"),
 *  for the focus; computed only when asked for. */
export function speechSubjects(r: Reading): Mention[] {
  if (r.speechCache) return r.speechCache;
  const { sentences, masked, people } = r.d;
  const out: Mention[] = (r.speechCache = []);
  for (const sen of sentences) {
    const c = cueBefore(r.d.names, masked.slice(sen.start, sen.end), sen.start, r.d.verbs, 1);
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

export function focusPerson(r: Reading, pos: number, fits: (p: Person) => boolean): Person | null {
  const { people, subjects } = r.d;
  const stmt = lastBefore(r.speakerHistory, pos, (h) => !!h.person && fits(h.person));
  const act = lastBefore(speechSubjects(r), pos, (m) => fits(m.person));
  if (stmt && act && act.person !== stmt.person && act.pos > stmt.pos) {
    const stillNamed = someBetween(people.mentions, act.pos, pos, (m) => m.person === stmt.person);
    return stillNamed ? stmt.person : act.person;
  }
  return stmt?.person ?? act?.person ?? (SUBJECT_FALLBACK ? lastBefore(subjects, pos, (m) => fits(m.person))?.person : null) ?? people.recent(pos, fits);
}

export function resolveSource(r: Reading, cue: Cue): Attribution | null {
  const src = cue.source;
  if (src.type === 'name') return resolveName(r, cue, src.group);
  if (src.type === 'pronoun') return resolvePronoun(r, cue, src);
  // A description that is no noun phrase is a misread clause: no speaker, rather than a wrong one.
  if (!plausibleDescription(src.text)) return null;
  return resolveDescription(r, cue, src.text);
}

/** A present participle: -ing on a known verb stem ("going", "looping", "running"), not "king" or "string". */
export function isParticiple(word: string): boolean {
  const m = /^(\p{Ll}{2,}?)(\p{Ll})?\2?ing$/u.exec(word);
  if (!m) return false;
  const stem = word.slice(0, -3);
  return [stem, stem + 'e', stem.length > 3 && stem.at(-1) === stem.at(-2) ? stem.slice(0, -1) : ''].some((x) => x.length >= 2 && wordClass(x) !== undefined && !nounWords.has(word));
}

/** Whether a description can name a speaker: not a clause opening with a verb or participle ("looping the
 *  streets …", "going"), not two sentences run together ("… of Trump. Meanwhile Trump"), no markup left
 *  in the text, not a clause opened by a subject pronoun ("I …", "He released …"). */
export function plausibleDescription(desc: string): boolean {
  const first = desc.split(/\s+/)[0] ?? '';
  // A participle opening a clause ("looping the streets …"), or alone when it is a known verb's ("going").
  const clause = /\s/.test(desc.trim()) && /^\p{Ll}{3,}ing$/u.test(first) && !nounWords.has(first);
  if (clause || isParticiple(first) || (/^\p{Ll}/u.test(first) && isVerbWord(first))) return false;
  // A subject pronoun opening it ("He released a letter …", "they turned to …") makes it a clause.
  if (/[.!?]\s+\p{Lu}/u.test(desc) || /[<>="]/.test(desc) || /^(?:I|[Hh]e|[Ss]he|[Tt]hey|[Ww]e|[Yy]ou)\s/.test(desc)) return false;
  return true;
}

export function resolveName(r: Reading, cue: Cue, g: NameGroup): Attribution | null {
  if (g.kind === 'place' || g.kind === 'org') {
    let name = [...g.nameTokens].join(' ');
    // "the Times", "the Security Council": the fuller name the article used before.
    const fuller = lastBefore(r.d.orgNames, cue.pos, (o) => o.name !== name && o.name.endsWith(' ' + name));
    // "the NRA" after "the National Rifle Association": an acronym of a name the article gave.
    const spelled = !fuller && /^\p{Lu}{2,6}$/u.test(name) ? orgForAcronym(r.d.orgNames, name, cue.pos) : null;
    name = fuller?.name ?? spelled ?? name;
    return { speaker: name, speakerKey: speakerKey(name), cue: cue.cue };
  }
  const p = r.d.people.resolve(g, g.start, true);
  if (!p) return null;
  // "9/11 widow Terry Strada", "Gold Star mother Tina Houchins": the noun before the name tells the
  // person's gender better than a given name shared by men and women.
  const noun = /(\p{Ll}+)\s+$/u.exec(r.d.masked.slice(Math.max(0, g.start - GENDER_NOUN_CHARS), g.start))?.[1];
  const told = noun ? NOUN_GENDER.get(noun) : undefined;
  if (told) p.gender = told;
  r.d.people.addMention(g.start, p);
  return spoken(p, cue);
}

export function resolvePronoun(r: Reading, cue: Cue, src: { word: string; pos: number }): Attribution | null {
  if (src.word === 'he' || src.word === 'she') {
    const want: Gender = PRONOUNS.get(src.word) === 'm' ? 'm' : 'f';
    const fits = (p: Person | null) => !!p && (p.gender === null || p.gender === want);
    const p = r.pronouns(r, src.pos, fits);
    if (!p) return null;
    if (LEARN_GENDER_FROM_PRONOUNS && !p.gender) p.gender = want;
    return spoken(p, cue);
  }
  if (src.word === 'i') {
    // The writer's "I" in a first-person piece: its author, when the page names one.
    if (r.author === undefined) r.author = pageAuthor(r.d.text);
    return r.author ? { speaker: r.author, speakerKey: speakerKey(r.author), cue: cue.cue } : null;
  }
  if (src.word === 'it' || src.word === 'they') {
    // "it"/"they" is a thing or a body: not a person, nor one described ("the announcer").
    const h = lastBefore(r.speakerHistory, src.pos, (x) => !x.person && !isPersonNoun(headWord(x.speaker)));
    if (h && h.pos >= previousParagraphStart(r, src.pos)) return { speaker: h.speaker, speakerKey: h.key, cue: cue.cue };
    // "The Security Council on Friday condemned … what it called “…”": an organisation named in the paragraph.
    const { sentences } = r.d;
    const org = lastBefore(r.d.orgNames, src.pos, () => true);
    if (org && sentences[sentenceIndex(sentences, org.pos)].para === sentences[sentenceIndex(sentences, src.pos)].para) {
      return { speaker: org.name, speakerKey: speakerKey(org.name), cue: cue.cue };
    }
    // "Donald Trump's campaign is defending his tweets. It's denouncing what it calls “…”": the body or
    // document that opens the sentence before.
    const body = src.word === 'it' ? bodySubjectBefore(r, src.pos) : null;
    return body ? resolveDescription(r, cue, body) : null;
  }
  return null;
}

/** The product's way: the latest speech act wins (quoted or reported: "Blinken told reporters that
 *  …"), except that a quoted speaker who is still being talked about after it keeps the focus; then the
 *  subject of the sentence just before, if the focus person was not named there. On PolNeAR dev
 *  statements whose source is a bare he/she (n=170): 84.7 %, against 81.2 % for the last speech act only,
 *  79.4 % for the sentence subject, 76.5 % for the last quoted speaker and 65.3 % for the last person named
 *  (scripts/eval/speakers-eval.ts --pronouns=…). (Preferring people known to be of the pronoun's gender
 *  over people of unknown gender lost 3 points on PolNeAR dev.) */
export function focusPronoun(r: Reading, pos: number, fits: (p: Person | null) => boolean): Person | null {
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

/** A sentence opening with a body or a document and its verb: "Donald Trump's campaign is defending",
 *  "The study found": the noun phrase, its head noun in the last group. */
const BODY_SUBJECT = /^\s*((?:[Tt]he\s+|[Aa]n?\s+)?(?:(?:\p{Lu}[\p{L}.'’-]*\s+){0,3}\p{Lu}[\p{L}.'’-]*['’]s\s+)?(?:[\p{Ll}\d-]+\s+){0,2}?(\p{Ll}+))\s+(?:is|was|has|had|will|would|\p{Ll}+ed|\p{Ll}+s)\s/u;

/** The body or document that opens the sentence holding pos (before pos) or the sentence before it in the
 *  same or the previous paragraph, for "it": null when that subject is no organisation or document. */
export function bodySubjectBefore(r: Reading, pos: number): string | null {
  const { sentences, masked } = r.d;
  const here = sentenceIndex(sentences, pos);
  for (const k of [here, here - 1]) {
    const s = sentences[k];
    if (!s || s.para < sentences[here].para - 1) continue;
    const m = BODY_SUBJECT.exec(masked.slice(s.start, Math.min(s.end, pos, s.start + BODY_SUBJECT_CHARS)));
    if (m && !/^(?:it|this|that)$/i.test(m[1]) && (ORG_HEADS.has(m[2]) || documentKind(m[2]))) return describe(m[1]);
  }
  return null;
}

/** The longest opening subject bodySubjectBefore reads (a possessor and a few modifiers). */
export const BODY_SUBJECT_CHARS = 120;

/** The document a definite description at pos refers back to ("the report" → "an exhaustive study"),
 *  as a speaker; null when the description is no document's or the page introduced none of its kind. */
export function introducedDocument(r: Reading, desc: string, pos: number): string | null {
  const first = documentAntecedent((r.documents ??= documentMentions(r.d.masked)), desc, pos);
  return first ? describe(first.text) : null;
}

export function resolveDescription(r: Reading, cue: Cue, desc: string): Attribution {
  // "a statement from the Democratic committee": the one who issued the statement speaks.
  const maker = STATEMENT_FROM.exec(desc)?.[1];
  if (maker) return resolveDescription(r, cue, maker);
  // "the report says" after "An exhaustive study being released on Tuesday …": the document introduced.
  const doc = introducedDocument(r, desc, cue.pos);
  if (doc) return { speaker: doc, speakerKey: null, cue: cue.cue };
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
  // "footage of Trump saying …": the person recorded speaks.
  const recorded = /^(?:\p{Ll}+\s+)?(?:footage|video|audio|clip|tape|recording)\s+of\s+(\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3})$/u.exec(desc);
  const shown = recorded ? r.d.people.resolve({ nameTokens: recorded[1].split(/\s+/), titles: [], gender: null }, cue.pos, false) : null;
  if (shown) return spoken(shown, cue);
  // "Obama's former campaign strategist", "the 34-year-old mother of three": a definite description of a
  // person refers to the person in focus, when that person was named in this paragraph or the one before.
  const p = describedPerson(r, cue, desc);
  if (p) return spoken(p, cue);
  // "the commission", "the union": the organisation the article named.
  const org = orgForDescription(r.d.orgNames, desc, cue.pos);
  if (org) return { speaker: org, speakerKey: speakerKey(org), cue: cue.cue };
  // "the Obama campaign", "the Clinton Foundation": an organisation word after a name is the
  // organisation's name under its article.
  const named = /^the\s+((?:\p{Lu}[\p{L}.'’-]*\s+){1,4}(\p{L}+))$/u.exec(desc);
  if (named && ORG_HEADS.has(named[2].toLowerCase())) return { speaker: desc, speakerKey: speakerKey(named[1]), cue: cue.cue };
  // "Japan", "Zero Hedge", "the Security Council": a proper name read as a description still names one speaker.
  if (/^(?:the\s+)?\p{Lu}/u.test(desc) && desc.split(/\s+/).every((w, i) => (i === 0 && w === 'the') || /^\p{Lu}/u.test(w))) {
    return { speaker: desc, speakerKey: speakerKey(desc), cue: cue.cue };
  }
  return { speaker: desc, speakerKey: null, cue: cue.cue };
}

/** A statement and who issued it: "a statement from the Democratic committee", "a written statement by Acme". */
const STATEMENT_FROM = /^(?:an?|the)\s+(?:[\p{Ll}-]+\s+)?(?:statement|release|announcement|email|e-mail)\s+(?:from|by)\s+(\S.*)$/u;

/** Characters read before a name for a gendered noun in front of it (one word). */
export const GENDER_NOUN_CHARS = 20;

/** Gendered person nouns: a description with one refers only to a person of that gender. */
const NOUN_GENDER = new Map<string, Gender>([
  ['mother', 'f'], ['wife', 'f'], ['daughter', 'f'], ['sister', 'f'], ['woman', 'f'], ['widow', 'f'], ['grandmother', 'f'],
  ['father', 'm'], ['husband', 'm'], ['son', 'm'], ['brother', 'm'], ['man', 'm'], ['widower', 'm'], ['grandfather', 'm'],
]);

/** The person in focus a definite description of a person refers to ("the former strategist"), if any. */
export function describedPerson(r: Reading, cue: Cue, desc: string): Person | null {
  const m = /^(?:the|(\p{Lu}[\p{L}.-]*(?:\s+\p{Lu}[\p{L}.-]*)*)['’]s?)\s+(?:[\p{Ll}\d-]+\s+){0,4}?([\p{Ll}]+)(?:\s+of\s+.*)?$/u.exec(desc);
  // A plural ("the authors") is no one person; a bare "the announcer" brings in someone new more often
  // than it refers back: only a possessive or a modified description does ("the 34-year-old mother").
  if (!m || !isPersonNoun(m[2]) || /[^s]s$/.test(m[2]) || /^the\s+\S+$/.test(desc)) return null;
  const gender = NOUN_GENDER.get(m[2]) ?? (/woman$/.test(m[2]) ? 'f' : /man$/.test(m[2]) ? 'm' : null);
  const possessor = m[1] ? r.d.people.resolve({ nameTokens: m[1].split(/\s+/), titles: [], gender: null }, cue.pos, false) : null;
  const p = focusPerson(r, cue.pos, (x) => x !== possessor && (!gender || !x.gender || x.gender === gender));
  if (!p) return null;
  return someBetween(r.d.people.mentions, previousParagraphStart(r, cue.pos) - 1, cue.pos, (x) => x.person === p) ? p : null;
}

/** The head word of a speaker phrase: its last word before a maker or place ("a study by the Tax Policy
 *  Center" → "study"). */
export function headWord(speaker: string): string {
  return speaker.replace(/\s+(?:by|from|of|at|for|in|on)\s.*$/, '').split(/\s+/).pop() ?? '';
}

/** Where the paragraph before the one holding pos starts (paragraph numbers count blank lines too). */
export function previousParagraphStart(r: Reading, pos: number): number {
  const { sentences } = r.d;
  const here = sentenceIndex(sentences, pos);
  let k = here;
  while (k > 0 && sentences[k - 1].para === sentences[here].para) k--;
  const from = k > 0 ? sentences[k - 1].para : sentences[here].para;
  while (k > 0 && sentences[k - 1].para >= from) k--;
  return sentences[k].start;
}

