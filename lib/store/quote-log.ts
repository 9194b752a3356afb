// The quote log's queries: statement groups (every stored version of one statement, graded against
// the earliest), the filtered newest-first listing, and forgetting articles.
import { STOPWORDS, normalize } from '../text/normalize';
import type { ArticleRow, GroupQuery, QuoteGroup, QuoteRow, Relation } from '../types';
import { articleQuotes, type GroupRow, type VerbatimDb } from './db';
import { buildGroup, refreshGroups, searchWords, wordOf } from './groups';
import { unindexQuotes } from './postings';

/** Every version of one statement group, earliest first, graded against the earliest. */
export async function loadGroup(db: VerbatimDb, groupId: string): Promise<QuoteGroup | null> {
  const rows = await db.quotes.where('groupId').equals(groupId).toArray();
  if (rows.length === 0) return null;
  const articles = await db.articles.bulkGet([...new Set(rows.map((r) => r.articleId))]);
  return buildGroup(groupId, rows, new Map(articles.filter((a): a is ArticleRow => !!a).map((a) => [a.id as number, a])));
}

/** A lone partly typed word is looked up as a prefix (every group with a word starting so, ordered
 *  by the recency in its index keys) when at most this many index entries start so; beyond that,
 *  matches are so dense that the walk over the newest quotes fills a page sooner. */
export const PREFIX_SEARCH_MAX_GROUPS = 20_000;

/** Candidate groups read at once: summaries checked in memory, then quotes read for the survivors. */
const SEARCH_STEP = 200;
/** Groups whose quotes are read at once while a page is filled. */
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

/** A page of the log filled from candidate groups given in order (newest first): each candidate is
 *  built from its quotes when one of them passes the row filter, until `limit` groups after
 *  `offset` matches are in and one more shows there is more. */
class PageFill {
  readonly groups: QuoteGroup[] = [];
  hasMore = false;
  private matched = 0;

  constructor(
    private readonly db: VerbatimDb,
    private readonly filter: RowFilter | null,
    private readonly offset: number,
    private readonly limit: number,
  ) {}

  get done(): boolean {
    return this.hasMore;
  }

  async add(candidates: readonly string[]): Promise<void> {
    for (let i = 0; i < candidates.length && !this.done; i += FILL_STEP) {
      const step = candidates.slice(i, i + FILL_STEP);
      const rowsOf = await Promise.all(step.map((id) => this.db.quotes.where('groupId').equals(id).toArray()));
      const articles = await this.db.articles.bulkGet([...new Set(rowsOf.flat().map((r) => r.articleId))]);
      const articleById = new Map(articles.filter((a): a is ArticleRow => !!a).map((a) => [a.id as number, a]));
      for (const [j, id] of step.entries()) {
        if (this.filter && !rowsOf[j].some((q) => rowMatches(q, this.filter as RowFilter))) continue;
        const group = buildGroup(id, rowsOf[j], articleById);
        if (!group) continue;
        this.matched++;
        if (this.matched <= this.offset) continue;
        if (this.groups.length >= this.limit) {
          this.hasMore = true;
          return;
        }
        this.groups.push(group);
      }
    }
  }

  result(): { groups: QuoteGroup[]; hasMore: boolean } {
    return { groups: this.groups, hasMore: this.hasMore };
  }
}

/** The groups with a word that starts with `prefix`, newest first, from the index keys alone (each
 *  carries its group's recency) read with one raw key cursor: Dexie's per-step promise made a
 *  cursor over a few thousand keys cost hundreds of ms in Chromium. */
async function prefixGroupsNewestFirst(db: VerbatimDb, prefix: string): Promise<string[]> {
  const recency = new Map<string, string>();
  await db.transaction('r', db.groups, (tx) => {
    const index = (tx as unknown as { idbtrans: IDBTransaction }).idbtrans.objectStore('groups').index('wordKeys');
    return new Promise<void>((resolve, reject) => {
      const req = index.openKeyCursor(db.keyRange.bound(prefix, `${prefix}\uffff`));
      req.onsuccess = () => {
        const cursor = req.result;
        if (!cursor) return resolve();
        const key = cursor.key as string;
        recency.set(cursor.primaryKey as string, key.slice(key.indexOf(' ') + 1));
        cursor.continue();
      };
      req.onerror = () => reject(req.error);
    });
  });
  return [...recency].sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : a[0] < b[0] ? -1 : 1)).map(([id]) => id);
}

/** Whether some function word (never indexed) starts with these letters. */
function startsFunctionWord(prefix: string): boolean {
  for (const w of STOPWORDS) if (w.startsWith(prefix)) return true;
  return false;
}

/** The index entries of one whole word (or one relation), newest group first. */
function entries(db: VerbatimDb, index: 'wordKeys' | 'relationKeys', word: string) {
  return db.groups.where(index).between(`${word} `, `${word} \uffff`, true, true);
}

/** Fill `page` with the groups whose quotes contain the search text, through the word index: the
 *  rarest whole word's groups are read newest first a step at a time, the other words and the
 *  relation checked on their summaries, the phrase on their quotes; a lone partly typed word reads
 *  every group with a word it starts (PREFIX_SEARCH_MAX_GROUPS). False when the text has no
 *  content word (function words alone are in nearly every statement: the walk answers at once). */
async function search(db: VerbatimDb, text: string, relation: Relation | undefined, page: PageFill): Promise<boolean> {
  const typed = text.split(' ').filter((w) => w.length > 0);
  const lastTyped = typed.pop() ?? '';
  const whole = searchWords(typed.join(' '));
  // A word typed so far that may be the start of a function word ("th", "everyth") may also be one
  // being typed in full, and function words are not indexed.
  let prefix: string | null = searchWords(lastTyped)[0] ?? null;
  if (prefix && startsFunctionWord(prefix)) prefix = null;
  if (!prefix && whole.length === 0) return false;
  const fits = (g: GroupRow) => {
    if (relation && !g.relationKeys.some((k) => wordOf(k) === relation)) return false;
    const words = new Set(g.wordKeys.map(wordOf));
    return whole.every((w) => words.has(w)) && (!prefix || [...words].some((w) => w.startsWith(prefix as string)));
  };
  if (prefix && whole.length === 0) {
    const range = db.groups.where('wordKeys').startsWith(prefix);
    // So many groups carry a word starting so that the walk fills a page at once.
    if ((await range.count()) > PREFIX_SEARCH_MAX_GROUPS) return false;
    const ids = await prefixGroupsNewestFirst(db, prefix);
    for (let i = 0; i < ids.length && !page.done; i += SEARCH_STEP) {
      const rows = (await db.groups.bulkGet(ids.slice(i, i + SEARCH_STEP))).filter((g): g is GroupRow => !!g && fits(g));
      await page.add(rows.map((g) => g.groupId));
    }
    return true;
  }
  const counts = await Promise.all(whole.map((w) => entries(db, 'wordKeys', w).count()));
  const driver = whole[counts.indexOf(Math.min(...counts))];
  for (let offset = 0; !page.done; offset += SEARCH_STEP) {
    const ids = (await entries(db, 'wordKeys', driver).offset(offset).limit(SEARCH_STEP).primaryKeys()) as string[];
    if (ids.length === 0) break;
    const rows = (await db.groups.bulkGet(ids)).filter((g): g is GroupRow => !!g && fits(g));
    await page.add(rows.map((g) => g.groupId));
    if (ids.length < SEARCH_STEP) break;
  }
  return true;
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
      const page = new PageFill(db, null, 0, limit);
      if (query.relation) {
        await page.add((await entries(db, 'relationKeys', query.relation).offset(offset).limit(limit + 1).primaryKeys()) as string[]);
      } else {
        await page.add((await db.groups.orderBy('latestSeenAt').reverse().offset(offset).limit(limit + 1).primaryKeys()) as string[]);
      }
      return page.result();
    }
    if (text) {
      const page = new PageFill(db, rowFilter, offset, limit);
      if (await search(db, text, query.relation, page)) return page.result();
    }
    // The walk: one cursor over the quotes, newest first, one row per group.
    const withRelation = query.relation ? new Set((await entries(db, 'relationKeys', query.relation).primaryKeys()) as string[]) : null;
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
    const page = new PageFill(db, null, offset, limit);
    await page.add(firstRows.map((q) => q.groupId));
    return page.result();
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
