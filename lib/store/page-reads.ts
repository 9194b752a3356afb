// The reads a page of the quote log makes for its candidate groups: each group's quotes, their
// articles and, where asked, the group's summary, as raw IndexedDB requests in the current
// transaction, each issued as soon as what it depends on has arrived.
import type { ArticleRow, QuoteRow } from '../types';
import type { GroupRow, VerbatimDb } from './db';

/** What was read for a step of candidate groups. */
export interface GroupReads {
  /** Each candidate's quote rows, in the order of the candidates (groupId index order). */
  rowsOf: QuoteRow[][];
  /** The articles of those rows that exist. */
  articleById: Map<number, ArticleRow>;
  /** The summaries asked for that exist. */
  summaryOf: Map<string, GroupRow>;
}

/** Raw IndexedDB reads of the log's tables in one read transaction, and the key ranges of the
 *  IndexedDB it belongs to (fake-indexeddb's in Node). */
export interface Reads {
  tx: IDBTransaction;
  range: typeof IDBKeyRange;
}

/** The reads of the Dexie transaction `tx` (the current scope's) of the same database. */
export function readsOf(db: VerbatimDb, tx: unknown): Reads {
  return { tx: (tx as { idbtrans: IDBTransaction }).idbtrans, range: db.keyRange };
}

/** A read transaction of its own on the log's tables, outside any Dexie scope: Dexie keeps its zone
 *  across each await inside its own transactions, which costs a search about as much CPU as its
 *  reads. Requests are chained from their completions only, so the transaction stays active. */
export async function openReads(db: VerbatimDb): Promise<Reads> {
  await db.open();
  return { tx: db.backendDB().transaction(['articles', 'quotes', 'groups', 'pendingGroups'], 'readonly'), range: db.keyRange };
}

/** The groups whose summaries wait to be rewritten (pending-groups.ts): none, as a rule, once the
 *  log has written them; a page stored since then has some. */
export async function pendingGroupIds(r: Reads): Promise<Set<string>> {
  return new Set((await request(r.tx.objectStore('pendingGroups').getAllKeys())) as string[]);
}

export function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** Read the quotes of each group, the articles of every quote once, and the summaries of the groups
 *  whose rows `wantsSummary` accepts, in one go: a quote read's completion issues its articles' and
 *  summary's reads at once, so a step costs one wait, not three. Raw requests, not Dexie's: its
 *  promise per request costs more than the read itself in Chromium on a page of groups. */
export function readGroups(r: Reads, ids: readonly string[], wantsSummary: (rows: readonly QuoteRow[]) => boolean): Promise<GroupReads> {
  const out: GroupReads = { rowsOf: ids.map(() => []), articleById: new Map(), summaryOf: new Map() };
  if (ids.length === 0) return Promise.resolve(out);
  const [quotes, articles, groups] = [r.tx.objectStore('quotes').index('groupId'), r.tx.objectStore('articles'), r.tx.objectStore('groups')];
  const asked = new Set<number>();
  return new Promise<GroupReads>((resolve, reject) => {
    let pending = 0;
    const ask = <T>(req: IDBRequest<T>, then: (result: T) => void) => {
      pending++;
      req.onsuccess = () => {
        then(req.result);
        if (--pending === 0) resolve(out);
      };
      req.onerror = () => reject(req.error);
    };
    ids.forEach((id, j) =>
      ask(quotes.getAll(id) as IDBRequest<QuoteRow[]>, (rows) => {
        out.rowsOf[j] = rows;
        for (const { articleId } of rows) {
          if (asked.has(articleId)) continue;
          asked.add(articleId);
          ask(articles.get(articleId) as IDBRequest<ArticleRow | undefined>, (a) => void (a && out.articleById.set(articleId, a)));
        }
        if (rows.length > 0 && wantsSummary(rows)) ask(groups.get(id) as IDBRequest<GroupRow | undefined>, (g) => void (g && out.summaryOf.set(id, g)));
      }),
    );
  });
}

/** Every quote of one article ([articleId+statement] index: statements are numbers). */
export function articleQuoteRows(r: Reads, articleId: number): Promise<QuoteRow[]> {
  const index = r.tx.objectStore('quotes').index('[articleId+statement]');
  return request(index.getAll(r.range.bound([articleId, -Infinity], [articleId, Infinity])) as IDBRequest<QuoteRow[]>);
}

/** The ids of the articles of these outlets (keys of the articles' outlet index). */
export async function outletArticles(r: Reads, names: readonly string[]): Promise<Set<number>> {
  const index = r.tx.objectStore('articles').index('outlet');
  return new Set((await Promise.all(names.map((name) => request(index.getAllKeys(name))))).flat() as number[]);
}

/** Rows stored in a table with generated ids, about (the newest row's id: ids are given in order). */
export async function stored(r: Reads, table: 'quotes' | 'articles'): Promise<number> {
  const cursor = await request(r.tx.objectStore(table).openKeyCursor(null, 'prev'));
  return (cursor?.key as number | undefined) ?? 0;
}

/** The stored outlet names that hold `part` (lower case): the distinct names of the articles'
 *  outlet index, one step each, not the article rows. */
export function outletNames(r: Reads, part: string): Promise<string[]> {
  const index = r.tx.objectStore('articles').index('outlet');
  return new Promise<string[]>((resolve, reject) => {
    const names: string[] = [];
    const req = index.openKeyCursor(null, 'nextunique');
    req.onsuccess = () => {
      const cursor = req.result;
      if (!cursor) return resolve(names);
      if ((cursor.key as string).toLowerCase().includes(part)) names.push(cursor.key as string);
      cursor.continue();
    };
    req.onerror = () => reject(req.error);
  });
}
