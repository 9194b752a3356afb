// Organisations as speakers: their full names in the article, and "the commission", "the union",
// "the paper" resolved to the one the article named (a light coreference by head noun).
import { ORG_WORDS } from './name-groups';
import { firstAtOrAfter } from './people';

export interface OrgName {
  pos: number;
  name: string;
  /** Its lower-case words and its initials, read when first asked for. */
  words?: string[];
  initials?: string;
}

/** Organisation names read on either side of a description or acronym: far more than the organisations
 *  in play near one quote, and a small bound on each quote's work. */
export const ORG_REACH = 60;

/** The nearest organisation before pos that satisfies ok, else the nearest after it (ORG_REACH each way). */
function nearest(orgs: readonly OrgName[], pos: number, ok: (o: OrgName) => boolean): OrgName | undefined {
  const from = firstAtOrAfter(orgs, pos);
  for (let k = from - 1; k >= 0 && k >= from - ORG_REACH; k--) if (ok(orgs[k])) return orgs[k];
  for (let k = from; k < orgs.length && k < from + ORG_REACH; k++) if (ok(orgs[k])) return orgs[k];
  return undefined;
}

/** Words of a name before its organisation word, and the characters read for them. */
const MAX_LEADING_WORDS = 4;
const LEADING_CHARS = 80;
const capital = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);
const NAME_WORD = String.raw`\p{Lu}[\p{L}&'’.-]*`;
/** "Commission on Presidential Debates", "Association of Flight Attendants", "Department of Justice":
 *  an organisation word followed by of/on/for and a capitalised name (the name-group scan stops at the
 *  lower-case joiner). */
/** "the Council on Friday": a day or month after of/on/for is a date, not the rest of a name. */
const DAYS_AND_MONTHS = String.raw`(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December)\b`;
const JOINED_ORG = new RegExp(
  String.raw`(?<![\p{L}])(?:${[...ORG_WORDS].map(capital).join('|')})\s+(?:of|on|for)\s+(?:the\s+)?(?!${DAYS_AND_MONTHS})${NAME_WORD}(?:\s+(?:and\s+)?${NAME_WORD}){0,6}`,
  'gu',
);
/** Capitalised words right before the organisation word ("Association" in "National Rifle Association …"). */
const LEADING_WORDS = new RegExp(String.raw`(?:${NAME_WORD}\s+){1,${MAX_LEADING_WORDS}}$`, 'u');

/** Organisation names joined by of/on/for, in text order (each match reads a bounded stretch, so the
 *  scan stays linear however long a run of capitals is). */
export function joinedOrgNames(masked: string): OrgName[] {
  const out: OrgName[] = [];
  for (const m of masked.matchAll(JOINED_ORG)) {
    const lead = LEADING_WORDS.exec(masked.slice(Math.max(0, m.index - LEADING_CHARS), m.index))?.[0] ?? '';
    out.push({ pos: m.index - lead.length, name: (lead + m[0]).replace(/^The\s+/, '') });
  }
  return out;
}

/** Head nouns of a description that may name an organisation, with the words its name may hold
 *  instead ("the union" for the Association of Flight Attendants, "the paper" for The Times). */
export const ORG_HEADS = new Map<string, string[]>([
  ['commission', ['commission']], ['committee', ['committee']], ['council', ['council']], ['union', ['union', 'association', 'federation', 'brotherhood']],
  ['association', ['association']], ['campaign', ['campaign']], ['agency', ['agency']], ['department', ['department']], ['ministry', ['ministry']],
  ['administration', ['administration']], ['court', ['court']], ['board', ['board']], ['bureau', ['bureau']], ['office', ['office']],
  ['foundation', ['foundation']], ['institute', ['institute']], ['center', ['center', 'centre']], ['group', ['group']], ['network', ['network', 'news']],
  ['paper', ['times', 'post', 'journal', 'tribune', 'herald', 'globe', 'gazette', 'daily', 'news']], ['newspaper', ['times', 'post', 'journal', 'tribune', 'herald', 'globe', 'gazette', 'daily', 'news']],
  ['company', ['company', 'inc', 'corp', 'corporation', 'co']], ['party', ['party']], ['caucus', ['caucus']], ['coalition', ['coalition']], ['organization', ['organization', 'organisation']],
]);

/** The organisation a definite description ("the commission", "the union") refers to: the last one named
 *  before it whose name holds its head noun (or a word standing for it), else the first named after it. */
export function orgForDescription(orgs: readonly OrgName[], desc: string, pos: number): string | null {
  // "the union", "the Democratic committee": a modifier, perhaps capitalised, before the head noun.
  const m = /^the\s+(?:[\p{L}-]+\s+)?([\p{Ll}]+)$/u.exec(desc);
  const words = m ? ORG_HEADS.get(m[1]) : undefined;
  if (!words) return null;
  const holds = (o: OrgName) => (o.words ??= o.name.toLowerCase().split(/\s+/).map((w) => w.replace(/[.’']s?$/u, ''))).some((w) => words.includes(w));
  return nearest(orgs, pos, holds)?.name ?? null;
}

/** The organisation an acronym stands for ("NRA" → "National Rifle Association"), among those named
 *  nearest before it, else after it. */
export function orgForAcronym(orgs: readonly OrgName[], short: string, pos: number): string | null {
  return nearest(orgs, pos, (o) => (o.initials ??= acronym(o.name)) === short)?.name ?? null;
}

/** The initials of a name's capitalised words: "National Rifle Association" → "NRA". */
export function acronym(name: string): string {
  return name.split(/\s+/).filter((w) => /^\p{Lu}/u.test(w)).map((w) => w.charAt(0)).join('');
}
