// The people of one article, indexed by name, and lists of entries in text order.
import { givenKey, givenName, speakerKey as nameKey } from '../text/names';
import { countLeading } from '../text/sorted';
import { type Mention, type NameGroup, type Person, SURNAME_BY_PROMINENCE, TITLE_ABBREVIATIONS } from './name-groups';

/** speakerKey is pure and called for the same few names again and again: remember its answers. */
export const keyMemo = new Map<string, string>();
/** Bound on the memo so a long-running background never grows it without limit. */
export const KEY_MEMO_MAX = 20000;
export function speakerKey(name: string): string {
  let k = keyMemo.get(name);
  if (k === undefined) {
    if (keyMemo.size > KEY_MEMO_MAX) keyMemo.clear();
    k = nameKey(name);
    keyMemo.set(name, k);
  }
  return k;
}
/** Adds a person to the list of a key, keeping the list in the order persons were met. */
export function addTo(index: Map<string, Person[]>, key: string, person: Person): void {
  const list = index.get(key);
  if (!list) {
    index.set(key, [person]);
    return;
  }
  const lo = countLeading(list, (p) => p.order <= person.order);
  if (list[lo - 1] !== person) list.splice(lo, 0, person);
}

/** The people of one article, indexed so that resolving a name costs the same however many people
 *  the article names. Lists answer "the first person met who …", as a scan of all persons would. */
export class People {
  persons: Person[] = [];
  mentions: Mention[] = [];
  /** By the key of the full name; a name that grows ("Blinken" → "Antony Blinken") is filed again. */
  private byKey = new Map<string, Person[]>();
  /** By every shorter tail of the full name ("Guajardo Villarreal" of "Ildefonso Guajardo Villarreal"). */
  private bySuffix = new Map<string, Person[]>();
  private byLastKey = new Map<string, Person[]>();
  private byFirst = new Map<string, Person[]>();
  /** By key and given name ("r:pvl|rvnvld"), so that two given names under one key are found apart at once. */
  private byGiven = new Map<string, Person[]>();

  private file(p: Person): void {
    addTo(this.byKey, speakerKey(p.name), p);
    const toks = p.name.split(' ');
    for (let k = 1; k < toks.length; k++) addTo(this.bySuffix, toks.slice(k).join(' '), p);
    addTo(this.byLastKey, speakerKey(p.last), p);
    if (p.first) addTo(this.byFirst, p.first, p);
    if (p.first) addTo(this.byGiven, `${speakerKey(p.name)}|${givenKey(p.first)}`, p);
  }

  /** The first person met with this key whose given name can be first's (Ron and Rand Paul are two). */
  private byKeyAndGiven(key: string, first: string): Person | null {
    const has = (list: Person[] | undefined) => list?.find((p) => speakerKey(p.name) === key) ?? null;
    const g = givenKey(first);
    // An initial ("J. Biden") fits whoever has the key; a full given name fits the same name or an initial.
    if (g.length <= 1) return this.byName(key);
    return has(this.byGiven.get(`${key}|${g}`)) ?? has(this.byGiven.get(`${key}|${givenName(first).charAt(0)}`));
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
      // One key, two given names (Ron and Rand Paul): two people.
      found = this.byKeyAndGiven(key, first);
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
    return countLeading(this.at.get(person) ?? [], (p) => p < pos);
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
export const FOCUS_BACK = 500;

/** Index of the first entry at or after pos in a list in text order. */
export function firstAtOrAfter(list: readonly { pos: number }[], pos: number): number {
  return countLeading(list, (e) => e.pos < pos);
}

/** The last entry before pos that satisfies ok, among the FOCUS_BACK entries before pos (text order). */
export function lastBefore<T extends { pos: number }>(list: readonly T[], pos: number, ok: (x: T) => boolean): T | undefined {
  const end = firstAtOrAfter(list, pos);
  for (let k = end - 1; k >= 0 && k >= end - FOCUS_BACK; k--) if (ok(list[k])) return list[k];
  return undefined;
}

/** Whether an entry strictly between from and to satisfies ok (the FOCUS_BACK entries nearest to). */
export function someBetween<T extends { pos: number }>(list: readonly T[], from: number, to: number, ok: (x: T) => boolean): boolean {
  const end = firstAtOrAfter(list, to);
  for (let k = end - 1; k >= 0 && k >= end - FOCUS_BACK && list[k].pos > from; k--) if (ok(list[k])) return true;
  return false;
}
