// The quote log's queries: statement groups (every stored version of one statement, graded against
// the earliest), the filtered newest-first listing, and forgetting articles.
import { diffView } from '../matching/diff-view';
import { relate } from '../matching/relate';
import { joinStatements, type Statement } from '../matching/statements';
import { normalize } from '../text/normalize';
import type { ArticleRow, GroupQuery, GroupVersion, QuoteGroup, QuoteRow } from '../types';
import { articleQuotes, type VerbatimDb } from './db';
import { unindexQuotes } from './postings';

/** Every version of one statement group, earliest first, graded against the earliest. */
export async function loadGroup(db: VerbatimDb, groupId: string): Promise<QuoteGroup | null> {
  const rows = await db.quotes.where('groupId').equals(groupId).toArray();
  if (rows.length === 0) return null;
  const articles = await db.articles.bulkGet([...new Set(rows.map((r) => r.articleId))]);
  const articleById = new Map(articles.filter((a): a is ArticleRow => !!a).map((a) => [a.id as number, a]));
  const byVersion = new Map<string, QuoteRow[]>();
  for (const r of rows) {
    const k = `${r.articleId}:${r.statement}`;
    byVersion.set(k, [...(byVersion.get(k) ?? []), r]);
  }
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
      seenAt: Math.max(...parts.map((p) => p.seenAt)),
      relation: null,
      score: null,
      diff: [],
      view: diffView(s.text, s.text),
      speakerConflict: false,
    });
  }
  if (versions.length === 0) return null;
  versions.sort((x, y) => x.firstSeen - y.firstSeen || x.quoteId - y.quoteId);
  const earliest = versions[0];
  for (const v of versions.slice(1)) {
    const r = relate({ text: earliest.text, speakerKey: earliest.speakerKey }, { text: v.text, speakerKey: v.speakerKey });
    if (r) Object.assign(v, { relation: r.relation, score: r.score, diff: r.diff, speakerConflict: r.speakerConflict });
    v.view = diffView(earliest.text, v.text, v.relation);
  }
  return { groupId, versions, earliest, latestSeenAt: Math.max(...versions.map((v) => v.seenAt)) };
}

/** Statement groups for the quote log, newest first, filtered; walks quotes newest first and
 *  stops as soon as the page of groups is full. */
export async function listGroups(db: VerbatimDb, query: GroupQuery): Promise<{ groups: QuoteGroup[]; hasMore: boolean }> {
  const text = query.text ? normalize(query.text) : '';
  const speaker = query.speaker?.trim().toLowerCase() ?? '';
  const outlet = query.outlet?.trim().toLowerCase() ?? '';
  const offset = Math.max(0, query.offset | 0);
  const limit = Math.max(0, query.limit | 0);
  return db.transaction('r', db.articles, db.quotes, async () => {
    let outletArticles: Set<number> | null = null;
    if (outlet) {
      const ids = await db.articles.filter((a) => (a.outlet ?? '').toLowerCase().includes(outlet)).primaryKeys();
      outletArticles = new Set(ids);
    }
    const collection =
      query.from !== undefined || query.to !== undefined
        ? db.quotes.where('seenAt').between(query.from ?? -Infinity, query.to ?? Infinity, true, true).reverse()
        : db.quotes.orderBy('seenAt').reverse();
    // One cursor, newest first, one row per group; stop once the page is full unless the relation
    // filter needs the groups graded.
    const want = offset + limit + 1;
    const seenGroups = new Set<string>();
    const firstRows: QuoteRow[] = [];
    await collection
      .until(() => !query.relation && firstRows.length >= want)
      .each((q) => {
        if (seenGroups.has(q.groupId)) return;
        if (text && !q.normText.includes(text)) return;
        if (speaker && q.speakerKey?.toLowerCase() !== speaker && !(q.speaker ?? '').toLowerCase().includes(speaker)) return;
        if (outletArticles && !outletArticles.has(q.articleId)) return;
        seenGroups.add(q.groupId);
        firstRows.push(q);
      });
    const groups: QuoteGroup[] = [];
    let matched = 0;
    let hasMore = false;
    for (const q of firstRows) {
      const group = await loadGroup(db, q.groupId);
      if (!group) continue;
      if (query.relation && !group.versions.some((v) => v.relation === query.relation)) continue;
      matched++;
      if (matched <= offset) continue;
      if (groups.length >= limit) {
        hasMore = true;
        break;
      }
      groups.push(group);
    }
    return { groups, hasMore };
  });
}

/** Forget one stored article version and its quotes. */
export async function deleteArticle(db: VerbatimDb, id: number): Promise<void> {
  await db.transaction('rw', db.articles, db.quotes, db.postings, async () => {
    await unindexQuotes(db, await articleQuotes(db, id).toArray());
    await articleQuotes(db, id).delete();
    await db.articles.delete(id);
  });
}

/** Forget everything read (settings stay). Clearing a table keeps its key generator: a store
 *  whose generator is spent (a row was once stored under id 2^53 − 1) would still refuse every new
 *  page, so such a store is deleted and made again, with its settings. */
export async function deleteAll(db: VerbatimDb): Promise<void> {
  await db.transaction('rw', [db.articles, db.quotes, db.singles, db.postings, db.speakers], async () => {
    await Promise.all([db.articles.clear(), db.quotes.clear(), db.singles.clear(), db.postings.clear(), db.speakers.clear()]);
  });
  if (await keyGeneratorsWork(db)) return;
  const settings = await db.settings.toArray();
  // Other open connections (the background) close on the version change and reopen when next used.
  await db.delete({ disableAutoOpen: false });
  await db.open();
  await db.settings.bulkPut(settings);
}

/** Whether both tables with generated ids can still generate one: one row added and deleted each. */
async function keyGeneratorsWork(db: VerbatimDb): Promise<boolean> {
  try {
    await db.transaction('rw', db.articles, db.quotes, async () => {
      const probe = { canonicalUrl: '', contentHash: '' } as ArticleRow;
      await db.articles.delete(await db.articles.add(probe));
      await db.quotes.delete(await db.quotes.add({ articleId: 0, statement: 0, groupId: '', seenAt: 0 } as QuoteRow));
    });
    return true;
  } catch (err) {
    if ((err as Error).name === 'ConstraintError') return false;
    throw err;
  }
}
