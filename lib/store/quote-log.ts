// The quote log's queries: statement groups (every stored version of one statement, graded against
// the earliest), the filtered newest-first listing, and forgetting articles.
import { STOPWORDS, normalize } from '../text/normalize';
import type { ArticleRow, GroupQuery, QuoteGroup, QuoteRow, Relation } from '../types';
import { articleQuotes, type GroupRow, type VerbatimDb } from './db';
import { buildGroup, refreshGroups, searchWords } from './groups';
import { unindexQuotes } from './postings';

/** Every version of one statement group, earliest first, graded against the earliest. */
export async function loadGroup(db: VerbatimDb, groupId: string): Promise<QuoteGroup | null> {
  const rows = await db.quotes.where('groupId').equals(groupId).toArray();
  if (rows.length === 0) return null;
  const articles = await db.articles.bulkGet([...new Set(rows.map((r) => r.articleId))]);
  return buildGroup(groupId, rows, new Map(articles.filter((a): a is ArticleRow => !!a).map((a) => [a.id as number, a])));
}

/** A search whose rarest word is in more groups than this is answered by walking the quotes newest
 *  first instead: matches are then dense enough that the walk fills a page after reading a small
 *  share of the store, while reading and sorting this many summary rows already takes longer. */
export const INDEXED_SEARCH_MAX_GROUPS = 3_000;

/** Groups read at once while a page of the log is filled from candidate groups. */
const FILL_STEP = 50;

interface RowFilter {
  text: string;
  speaker: string;
  outlet: Set<number> | null;
  from?: number;
  to?: number;
}

/** Whether a stored quote row meets every row-level filter of the log (the text as a normalised
 *  substring of the quote, the speaker by key or part of a name, the outlet, the time stored). */
function rowMatches(q: QuoteRow, f: RowFilter): boolean {
  if (f.text && !q.normText.includes(f.text)) return false;
  if (f.speaker && q.speakerKey?.toLowerCase() !== f.speaker && !(q.speaker ?? '').toLowerCase().includes(f.speaker)) return false;
  if (f.outlet && !f.outlet.has(q.articleId)) return false;
  if (f.from !== undefined && q.seenAt < f.from) return false;
  if (f.to !== undefined && q.seenAt > f.to) return false;
  return true;
}

/** Group ids whose summary carries every content word of the search (the last one as a prefix:
 *  the reader may still be typing it), newest first; null when the index cannot answer (no content
 *  word, or too many groups carry even the rarest word: see INDEXED_SEARCH_MAX_GROUPS). */
async function searchCandidates(db: VerbatimDb, text: string, relation: Relation | undefined): Promise<GroupRow[] | null> {
  const words = text.split(' ');
  const last = words[words.length - 1];
  const whole = searchWords(words.slice(0, -1).join(' '));
  const lookups = whole.map((w) => db.groups.where('words').equals(w));
  const prefix = last && !STOPWORDS.has(last) ? last : null;
  if (prefix) lookups.push(db.groups.where('words').startsWith(prefix));
  else if (last) whole.push(...searchWords(last));
  if (lookups.length === 0) return null;
  // The rarest word drives; counting stops being cheap past the limit, so each count is capped.
  const counts = await Promise.all(lookups.map((c) => c.clone().limit(INDEXED_SEARCH_MAX_GROUPS + 1).count()));
  const order = counts.map((n, i) => [n, i]).sort((x, y) => x[0] - y[0]);
  if (order[0][0] > INDEXED_SEARCH_MAX_GROUPS) return null;
  let ids = new Set((await lookups[order[0][1]].primaryKeys()) as string[]);
  // A second word, when it is also rare, narrows the rows read.
  if (order.length > 1 && order[1][0] <= INDEXED_SEARCH_MAX_GROUPS) {
    const other = new Set((await lookups[order[1][1]].primaryKeys()) as string[]);
    ids = new Set([...ids].filter((id) => other.has(id)));
  }
  const rows = (await db.groups.bulkGet([...ids])).filter((g): g is GroupRow => !!g && (!relation || g.relations.includes(relation)));
  return rows.sort((a, b) => b.latestSeenAt - a.latestSeenAt || (a.groupId < b.groupId ? 1 : -1));
}

/** Build the groups of these candidates (in order) that pass the filters, until the page after
 *  `offset` matches is full. */
async function fill(db: VerbatimDb, candidates: readonly string[], f: RowFilter | null, offset: number, limit: number): Promise<{ groups: QuoteGroup[]; hasMore: boolean }> {
  const groups: QuoteGroup[] = [];
  let matched = 0;
  for (let i = 0; i < candidates.length; i += FILL_STEP) {
    const step = candidates.slice(i, i + FILL_STEP);
    const rowsOf = await Promise.all(step.map((id) => db.quotes.where('groupId').equals(id).toArray()));
    const articles = await db.articles.bulkGet([...new Set(rowsOf.flat().map((r) => r.articleId))]);
    const articleById = new Map(articles.filter((a): a is ArticleRow => !!a).map((a) => [a.id as number, a]));
    for (const [j, id] of step.entries()) {
      if (f && !rowsOf[j].some((q) => rowMatches(q, f))) continue;
      const group = buildGroup(id, rowsOf[j], articleById);
      if (!group) continue;
      matched++;
      if (matched <= offset) continue;
      if (groups.length >= limit) return { groups, hasMore: true };
      groups.push(group);
    }
  }
  return { groups, hasMore: false };
}

/** Statement groups for the quote log, newest first, filtered. Reads the group summaries through
 *  their indexes: the listing by latestSeenAt, the relation filter by relation, a text search by
 *  its rarest content word; only a search for a common word (or function words alone) and the
 *  speaker, outlet and date filters walk the quotes newest first, stopping once the page is full. */
export async function listGroups(db: VerbatimDb, query: GroupQuery): Promise<{ groups: QuoteGroup[]; hasMore: boolean }> {
  const text = query.text ? normalize(query.text) : '';
  const speaker = query.speaker?.trim().toLowerCase() ?? '';
  const outlet = query.outlet?.trim().toLowerCase() ?? '';
  const offset = Math.max(0, query.offset | 0);
  const limit = Math.max(0, query.limit | 0);
  return db.transaction('r', db.articles, db.quotes, db.groups, async () => {
    let outletArticles: Set<number> | null = null;
    if (outlet) {
      const ids = await db.articles.filter((a) => (a.outlet ?? '').toLowerCase().includes(outlet)).primaryKeys();
      outletArticles = new Set(ids);
    }
    const rowFilter: RowFilter = { text, speaker, outlet: outletArticles, from: query.from, to: query.to };
    const rowFiltered = !!(text || speaker || outlet || query.from !== undefined || query.to !== undefined);
    if (!rowFiltered) {
      if (query.relation) {
        const rows = await db.groups.where('relations').equals(query.relation).toArray();
        rows.sort((a, b) => b.latestSeenAt - a.latestSeenAt || (a.groupId < b.groupId ? 1 : -1));
        return fill(db, rows.slice(offset, offset + limit + 1).map((g) => g.groupId), null, 0, limit);
      }
      const ids = (await db.groups.orderBy('latestSeenAt').reverse().offset(offset).limit(limit + 1).primaryKeys()) as string[];
      return fill(db, ids, null, 0, limit);
    }
    if (text) {
      const candidates = await searchCandidates(db, text, query.relation);
      if (candidates) return fill(db, candidates.map((g) => g.groupId), rowFilter, offset, limit);
    }
    // The walk: one cursor over the quotes, newest first, one row per group.
    const withRelation = query.relation ? new Set((await db.groups.where('relations').equals(query.relation).primaryKeys()) as string[]) : null;
    const collection =
      query.from !== undefined || query.to !== undefined
        ? db.quotes.where('seenAt').between(query.from ?? -Infinity, query.to ?? Infinity, true, true).reverse()
        : db.quotes.orderBy('seenAt').reverse();
    const want = offset + limit + 1;
    const seenGroups = new Set<string>();
    const firstRows: QuoteRow[] = [];
    await collection
      .until(() => firstRows.length >= want)
      .each((q) => {
        if (seenGroups.has(q.groupId)) return;
        if (withRelation && !withRelation.has(q.groupId)) return;
        if (!rowMatches(q, rowFilter)) return;
        seenGroups.add(q.groupId);
        firstRows.push(q);
      });
    return fill(db, firstRows.map((q) => q.groupId), null, offset, limit);
  });
}

/** Forget one stored article version and its quotes. */
export async function deleteArticle(db: VerbatimDb, id: number): Promise<void> {
  await db.transaction('rw', [db.articles, db.quotes, db.postings, db.groups], async () => {
    const rows = await articleQuotes(db, id).toArray();
    await unindexQuotes(db, rows);
    await articleQuotes(db, id).delete();
    await db.articles.delete(id);
    await refreshGroups(db, rows.map((r) => r.groupId));
  });
}

/** Forget everything read (settings stay). Clearing a table keeps its key generator: a store
 *  whose generator is spent (a row was once stored under id 2^53 − 1) would still refuse every new
 *  page, so such a store is deleted and made again, with its settings. */
export async function deleteAll(db: VerbatimDb): Promise<void> {
  await db.transaction('rw', [db.articles, db.quotes, db.singles, db.postings, db.groups, db.speakers], async () => {
    await Promise.all([db.articles.clear(), db.quotes.clear(), db.singles.clear(), db.postings.clear(), db.groups.clear(), db.speakers.clear()]);
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
