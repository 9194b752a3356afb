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

/** The transaction Dexie runs the current scope in, as IndexedDB's own. */
function idbTransaction(tx: unknown): IDBTransaction {
  return (tx as { idbtrans: IDBTransaction }).idbtrans;
}

/** Read the quotes of each group, the articles of every quote once, and the summaries of the groups
 *  whose rows `wantsSummary` accepts, in one go: a quote read's completion issues its articles' and
 *  summary's reads at once, so a step costs one wait, not three. Raw requests, not Dexie's: its
 *  promise per request costs more than the read itself in Chromium on a page of groups. */
export function readGroups(db: VerbatimDb, ids: readonly string[], wantsSummary: (rows: readonly QuoteRow[]) => boolean): Promise<GroupReads> {
  const out: GroupReads = { rowsOf: ids.map(() => []), articleById: new Map(), summaryOf: new Map() };
  if (ids.length === 0) return Promise.resolve(out);
  return db.transaction('r', db.quotes, db.articles, db.groups, (tx) => {
    const idb = idbTransaction(tx);
    const [quotes, articles, groups] = [idb.objectStore('quotes').index('groupId'), idb.objectStore('articles'), idb.objectStore('groups')];
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
  });
}
