// Statement groups: every stored version of one statement, graded against the earliest, and the
// summary row kept per group so that the quote log lists, filters and searches without grading or
// walking the quotes.
import { diffView } from '../matching/diff-view';
import { rowsByStatement } from '../matching/fingerprint';
import { relate } from '../matching/relate';
import { joinStatements, type Statement } from '../matching/statements';
import { STOPWORDS } from '../text/normalize';
import type { ArticleRow, DiffView, GroupVersion, QuoteGroup, QuoteRow, Relation } from '../types';
import type { GroupRow, VerbatimDb } from './db';

/** The view of a version built only for its group's summary row (never shown). */
const NO_VIEW: DiffView = { layout: 'same', summary: '', segments: [], rows: [] };

/** Longest word kept in the search index: longer "words" are not typed into a search box. */
const MAX_INDEXED_WORD = 40;

/** Every version of one statement group from its quote rows, earliest first, graded against the
 *  earliest; null when none of its rows has its article. */
export function buildGroup(
  groupId: string,
  rows: readonly QuoteRow[],
  articleById: ReadonlyMap<number, ArticleRow>,
  /** Grade only the versions this accepts (the others keep relation null). */
  grade: (v: GroupVersion) => boolean = () => true,
  /** Whether to draw each version's diff view: a summary row (groupRow) never reads them. */
  views = true,
): QuoteGroup | null {
  if (rows.length === 0) return null;
  const byVersion = rowsByStatement(rows);
  const versions: GroupVersion[] = [];
  for (const parts of byVersion.values()) {
    parts.sort((a, b) => a.start - b.start);
    const s = joinStatements(parts).get(parts[0].statement) as Statement;
    const a = articleById.get(parts[0].articleId);
    if (!a) continue;
    versions.push({
      quoteId: parts[0].id as number,
      quoteIds: parts.map((p) => p.id as number),
      articleId: a.id as number,
      statement: parts[0].statement,
      text: s.text,
      kind: s.kind,
      speaker: s.speaker,
      speakerKey: s.speakerKey,
      outlet: a.outlet,
      url: a.url,
      title: a.title,
      published: a.published,
      firstSeen: a.firstSeen,
      ...(a.sharedBy ? { sharedBy: a.sharedBy } : {}),
      seenAt: Math.max(...parts.map((p) => p.seenAt)),
      relation: null,
      score: null,
      diff: [],
      view: views ? diffView(s.text, s.text) : NO_VIEW,
      speakerConflict: false,
    });
  }
  if (versions.length === 0) return null;
  versions.sort((x, y) => x.firstSeen - y.firstSeen || x.quoteId - y.quoteId);
  const earliest = versions[0];
  for (const v of versions.slice(1)) {
    if (!grade(v)) continue;
    const r = relate({ text: earliest.text, speakerKey: earliest.speakerKey }, { text: v.text, speakerKey: v.speakerKey });
    if (r) Object.assign(v, { relation: r.relation, score: r.score, diff: r.diff, speakerConflict: r.speakerConflict });
    if (views) v.view = diffView(earliest.text, v.text, v.relation);
  }
  return { groupId, versions, earliest, latestSeenAt: Math.max(...versions.map((v) => v.seenAt)) };
}

/** The words a search looks up: the distinct content words of normalised text (function words
 *  are in almost every statement and would only make the index large). */
export function searchWords(normText: string): string[] {
  return [...new Set(normText.split(' ').filter((w) => w.length > 0 && w.length <= MAX_INDEXED_WORD && !STOPWORDS.has(w)))];
}

/** Latest time a recency key orders (the end of year 9999, as import bounds times). */
const MAX_TIME = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
/** Base-36 digits of a recency key: 36^10 > MAX_TIME. */
const RECENCY_DIGITS = 10;

/** A time as a fixed-width string that sorts newest first. */
export function recencyKey(ms: number): string {
  return (MAX_TIME - Math.min(MAX_TIME, Math.max(0, Math.floor(ms)))).toString(36).padStart(RECENCY_DIGITS, '0');
}

/** The word (or relation) of a wordKeys (or relationKeys) entry. */
export function wordOf(wordKey: string): string {
  return wordKey.slice(0, wordKey.indexOf(' '));
}

/** What an index entry of a group summary is for, its recency key cut off: a word, a relation, or
 *  two words ("relation word", "word word"). */
export function termOf(key: string): string {
  return key.slice(0, key.lastIndexOf(' '));
}

/** Consecutive pairs of the content words of normalised text, function words skipped: a phrase of
 *  whole words holds each of its own pairs, and the quote holding the phrase holds them too. A
 *  word too long to be indexed breaks the chain (a pair with it is never looked up). */
export function wordPairs(normText: string): string[] {
  const content = normText.split(' ').filter((w) => w.length > 0 && !STOPWORDS.has(w));
  const pairs: string[] = [];
  for (let i = 1; i < content.length; i++) {
    if (content[i - 1].length <= MAX_INDEXED_WORD && content[i].length <= MAX_INDEXED_WORD) pairs.push(`${content[i - 1]} ${content[i]}`);
  }
  return pairs;
}

/** An outlet's name as the first term of an outlet-word entry: lower case, its spaces as "_" (an
 *  entry's terms are split at spaces). Names that differ only there share a term: the index is a
 *  superset, and a search checks the outlet on the quotes. */
export function outletTerm(outlet: string): string {
  return outlet.trim().toLowerCase().split(/\s+/).join('_');
}

/** Longest prefix of a word kept in the prefix entries: the first letters typed of a word start so
 *  many indexed words ("p", "pr", "pre": hundreds) that reading each word's entries costs more
 *  than reading the groups of the prefix itself; from four letters on a prefix starts few words.
 *  Function words are included: letters that start one ("c", "ca" of "can") may be the start of
 *  either, and the search needs a source for both. */
export const PREFIX_KEY_LENGTH = 3;

/** The prefixes of a word up to PREFIX_KEY_LENGTH letters ("tax": "t", "ta", "tax"). */
function shortPrefixes(word: string): string[] {
  return Array.from({ length: Math.min(PREFIX_KEY_LENGTH, word.length) }, (_, i) => word.slice(0, i + 1));
}

/** The short prefixes of every word (function words too) of normalised text. */
export function textPrefixes(normText: string): string[] {
  return [...new Set(normText.split(' ').flatMap(shortPrefixes))];
}

/** The terms of a summary: its versions' relations, content words, word pairs, outlet-words and
 *  short prefixes of every word. */
interface SummaryTerms {
  relations: readonly string[];
  words: readonly string[];
  pairs: readonly string[];
  outletWords: readonly string[];
  prefixes: readonly string[];
}

/** The index entries of a summary for its terms, each followed by the group's recency key; the
 *  relation-word entries are every relation with every word. */
function summaryKeys(t: SummaryTerms, recency: string): Omit<GroupRow, 'groupId' | 'latestSeenAt'> {
  const keyed = (terms: Iterable<string>) => [...new Set(terms)].map((term) => `${term} ${recency}`).sort();
  return {
    relationKeys: keyed(t.relations),
    wordKeys: keyed(t.words),
    relationWordKeys: keyed(t.relations.flatMap((r) => t.words.map((w) => `${r} ${w}`))),
    pairKeys: keyed(t.pairs),
    outletWordKeys: keyed(t.outletWords),
    prefixKeys: keyed(t.prefixes),
  };
}

/** The summary row of a built group: what the log's listing, filters and search read. `rows`: the
 *  quotes whose words it lists (a row whose article is not among the group's versions has no
 *  outlet entries). */
export function groupRow(group: QuoteGroup, rows: readonly QuoteRow[]): GroupRow {
  const relations = [...new Set(group.versions.map((v) => v.relation).filter((r): r is Relation => r !== null))];
  const words = [...new Set(rows.flatMap((r) => searchWords(r.normText)))];
  const pairs = rows.flatMap((r) => wordPairs(r.normText));
  const outletOf = new Map(group.versions.map((v) => [v.articleId, v.outlet ? outletTerm(v.outlet) : '']));
  const outletWords = rows.flatMap((r) => {
    const outlet = outletOf.get(r.articleId);
    return outlet ? searchWords(r.normText).map((w) => `${outlet} ${w}`) : [];
  });
  const prefixes = rows.flatMap((r) => textPrefixes(r.normText));
  return { groupId: group.groupId, latestSeenAt: group.latestSeenAt, ...summaryKeys({ relations, words, pairs, outletWords, prefixes }, recencyKey(group.latestSeenAt)) };
}

export type GroupTables = Pick<VerbatimDb, 'articles' | 'quotes' | 'groups'>;

/** Rows read per step when many groups are summarised (upgrade, import): bounded memory. */
const GROUP_STEP = 500;

/** Rewrite the summary rows of these groups from their quotes as stored now (deleting the row of a
 *  group that has no quotes left). Call inside the write transaction that changed the quotes. */
export async function refreshGroups(db: GroupTables, groupIds: Iterable<string>): Promise<void> {
  const ids = [...new Set(groupIds)];
  for (let i = 0; i < ids.length; i += GROUP_STEP) {
    const step = ids.slice(i, i + GROUP_STEP);
    const rowsOf = await Promise.all(step.map((id) => db.quotes.where('groupId').equals(id).toArray()));
    const articleIds = [...new Set(rowsOf.flat().map((r) => r.articleId))];
    const articles = await db.articles.bulkGet(articleIds);
    const articleById = new Map(articles.filter((a): a is ArticleRow => !!a).map((a) => [a.id as number, a]));
    const put: GroupRow[] = [];
    const gone: string[] = [];
    step.forEach((id, j) => {
      const group = buildGroup(id, rowsOf[j], articleById, undefined, false);
      if (group) put.push(groupRow(group, rowsOf[j]));
      else gone.push(id);
    });
    await db.groups.bulkPut(put);
    await db.groups.bulkDelete(gone);
  }
}

/** Update the summaries of the groups that rows just stored (a new page version, seen after every
 *  stored one) joined: only the new versions are graded against their group's earliest, whose
 *  other versions' relations are already in the summary. A group without a summary, or whose
 *  earliest version is a new one, is summarised whole. */
export async function addToGroups(db: GroupTables, added: readonly QuoteRow[]): Promise<void> {
  const ids = [...new Set(added.map((r) => r.groupId))];
  const newArticles = new Set(added.map((r) => r.articleId));
  const summaries = await db.groups.bulkGet(ids);
  const whole: string[] = [];
  const put: GroupRow[] = [];
  await Promise.all(
    ids.map(async (id, i) => {
      const have = summaries[i];
      if (!have) return void whole.push(id);
      const rows = await db.quotes.where('groupId').equals(id).toArray();
      const articles = await db.articles.bulkGet([...new Set(rows.map((r) => r.articleId))]);
      const articleById = new Map(articles.filter((a): a is ArticleRow => !!a).map((a) => [a.id as number, a]));
      const group = buildGroup(id, rows, articleById, (v) => newArticles.has(v.articleId), false);
      if (!group || newArticles.has(group.earliest.articleId)) return void whole.push(id);
      const fresh = groupRow(group, rows.filter((r) => newArticles.has(r.articleId)));
      const terms = (a: string[], b: string[]) => [...new Set([...a, ...b].map(termOf))];
      const keys = summaryKeys(
        {
          relations: terms(have.relationKeys, fresh.relationKeys),
          words: terms(have.wordKeys, fresh.wordKeys),
          pairs: terms(have.pairKeys, fresh.pairKeys),
          outletWords: terms(have.outletWordKeys, fresh.outletWordKeys),
          prefixes: terms(have.prefixKeys, fresh.prefixKeys),
        },
        recencyKey(group.latestSeenAt),
      );
      put.push({ groupId: id, latestSeenAt: group.latestSeenAt, ...keys });
    }),
  );
  await db.groups.bulkPut(put);
  await refreshGroups(db, whole);
}
