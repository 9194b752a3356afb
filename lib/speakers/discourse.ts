// The discourse: the page read once (masked text, sentences, people, their mentions, subjects).
import type { QuoteSpan } from '../types';
import { countLeading } from '../text/sorted';
import { type Sentence, headlineParagraphs, maskQuotes, splitSentences } from './layout';
import { bare, wordClass } from './lexicon';
import { type Mention, type NameGroup, PageNames, nameGroups } from './name-groups';
import { joinedOrgNames } from './organisations';
import { People } from './people';
import { type VerbIndex, verbIndex } from './verb-index';

export interface Discourse {
  text: string;
  masked: string;
  sentences: Sentence[];
  people: People;
  /** The page's names, read once for this page. */
  names: PageNames;
  headline: Set<number>;
  /** Name groups of each sentence (headline sentences: clean full names only). */
  sentenceGroups: NameGroup[][];
  /** Multi-word organisation names, for "the Times" after "The New York Times". */
  orgNames: { pos: number; name: string }[];
  /** The subject of each sentence, for pronouns. */
  subjects: Mention[];
  /** Where masked may hold a speech verb. */
  verbs: VerbIndex;
}

/** Index of the sentence holding pos (the last that starts at or before it). */
export function sentenceIndex(sentences: Sentence[], pos: number): number {
  return Math.max(0, countLeading(sentences, (s) => s.start <= pos) - 1);
}

export function readDiscourse(text: string, quotes: QuoteSpan[]): Discourse {
  // Short parentheticals ("(D-N.C.)", "(R-Utah)") sit between a name and its verb: blank them out.
  const masked = maskQuotes(text, quotes).replace(/\([^()\n#]{0,40}\)/g, (p) => ' '.repeat(p.length));
  const sentences = splitSentences(masked, quotes, text);
  const people = new People();
  const names = new PageNames();
  const headline = headlineParagraphs(masked);
  const sentenceGroups = groupsOfSentences(names, masked, sentences, headline);
  const orgNames = [...noteFullNames(sentenceGroups, people), ...joinedOrgNames(masked)].sort((a, b) => a.pos - b.pos);
  // Mentions also come from single surnames of known people ("Blinken said").
  names.learn(people.persons.flatMap((p) => (p.first ? [bare(p.last), bare(p.first)] : [bare(p.last)])));
  noteSingleNames(sentences, sentenceGroups, headline, people);
  noteCommonWordNames(names, masked, sentences, headline, people);
  people.sortMentions();
  const subjects = sentenceSubjects(masked, sentences, people);
  return { text, masked, sentences, people, names, headline, sentenceGroups, orgNames, subjects, verbs: verbIndex(masked) };
}

/** The name groups of each sentence. In a title-case headline only clean full names count ("Rush
 *  Limbaugh" in "Rush Limbaugh Says …"): a run with an ordinary word in it is headline wording, not a name. */
export function groupsOfSentences(names: PageNames, masked: string, sentences: Sentence[], headline: Set<number>): NameGroup[][] {
  return sentences.map((s) => {
    const groups = nameGroups(names, masked.slice(s.start, s.end), s.start);
    if (!headline.has(s.para)) return groups;
    return groups.filter((g) => g.kind === 'person' && g.nameTokens.length >= 2 && g.nameTokens.length <= 3 && g.nameTokens.every((t) => wordClass(bare(t)) !== 'common'));
  });
}

/** Notes the people named by person groups; returns the multi-word organisation names met. */
export function noteFullNames(sentenceGroups: NameGroup[][], people: People): { pos: number; name: string }[] {
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
export function noteSingleNames(sentences: Sentence[], sentenceGroups: NameGroup[][], headline: Set<number>, people: People): void {
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
export function noteCommonWordNames(names: PageNames, masked: string, sentences: Sentence[], headline: Set<number>, people: People): void {
  const seen = new Set(people.mentions.map((x) => x.pos));
  const commonNames = new Set([...names.known].filter((w) => wordClass(w) === 'common').map((w) => w.charAt(0).toUpperCase() + w.slice(1)));
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
export function sentenceSubjects(masked: string, sentences: Sentence[], people: People): Mention[] {
  const subjects: Mention[] = [];
  let k = 0;
  for (const sen of sentences) {
    while (k < people.mentions.length && people.mentions[k].pos < sen.start) k++;
    const body = masked.slice(sen.start, sen.end);
    const leadEnd = /^\s*(?:in|at|on|after|before|during|with|without|for|from|despite|since|while|when|as|like|unlike|under|by|speaking|asked|responding|according|though|although|because|whereas)\b/i.test(body)
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
