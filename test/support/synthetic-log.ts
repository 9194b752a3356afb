// A quote log made of synthetic rows, for tests that hold the log's indexed search to a plain
// filter over the same rows: the rows, how they are stored, and the plain filter itself.
import type { GroupRow, VerbatimDb } from '../../lib/store/db';
import { refreshGroups, wordOf } from '../../lib/store/groups';
import { normalize } from '../../lib/text/normalize';
import type { ArticleRow, GroupQuery, QuoteRow } from '../../lib/types';

/** Deterministic pseudo-random numbers in [0, 1). */
export function random(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

/** Article `a` (id a + 1) of an outlet, first seen at `firstSeen`. */
export function articleRow(a: number, outlet: string | null, firstSeen: number, lastSeen: number): ArticleRow {
  return { id: a + 1, canonicalUrl: `https://n.test/${a}`, url: `https://n.test/${a}`, outlet, byline: null, title: null, published: null, firstSeen, lastSeen, contentHash: `h${a}`, partial: false };
}

/** A statement of article `a` (id a + 1) in a group, seen at `seenAt`. */
export function quoteRow(a: number, text: string, statement: number, groupId: string, seenAt: number): QuoteRow {
  return { articleId: a + 1, text, normText: normalize(text), kind: 'statement', speakerKey: null, speaker: null, cue: null, statement, parts: 1, start: 0, end: text.length, anchor: { prefix: '', exact: text, suffix: '' }, keys: [], groupId, seenAt };
}

/** Store the rows and summarise their groups, in one transaction. */
export async function storeRows(db: VerbatimDb, articles: ArticleRow[], quotes: QuoteRow[]): Promise<VerbatimDb> {
  await db.transaction('rw', [db.articles, db.quotes, db.groups], async () => {
    await db.articles.bulkAdd(articles);
    await db.quotes.bulkAdd(quotes);
    await refreshGroups(db, quotes.map((q) => q.groupId));
  });
  return db;
}

/** The page a plain filter over every quote gives: the groups with a quote holding the text as a
 *  phrase from the start of a word, from an outlet whose name holds the filter, with a version in
 *  the relation, newest first, then by group id. */
export function plainSearch(all: { quotes: QuoteRow[]; groups: GroupRow[]; articles: ArticleRow[] }, q: GroupQuery): { ids: string[]; hasMore: boolean } {
  const text = normalize(q.text ?? '');
  const outlet = q.outlet?.trim().toLowerCase() ?? '';
  const articles = new Set(all.articles.filter((a) => !outlet || (a.outlet ?? '').toLowerCase().includes(outlet)).map((a) => a.id));
  const hit = new Set(all.quotes.filter((r) => ` ${r.normText}`.includes(` ${text}`) && articles.has(r.articleId)).map((r) => r.groupId));
  const rows = all.groups
    .filter((g) => hit.has(g.groupId) && (!q.relation || g.relationKeys.some((k) => wordOf(k) === q.relation)))
    .sort((a, b) => b.latestSeenAt - a.latestSeenAt || (a.groupId < b.groupId ? -1 : 1));
  return { ids: rows.slice(q.offset, q.offset + q.limit).map((g) => g.groupId), hasMore: rows.length > q.offset + q.limit };
}
