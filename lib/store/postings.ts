// The postings table: the quote ids carrying each index key, read by point get per key, and the
// singles table that lists which single-term keys exist at all.
import { isSingleKey } from '../matching/fingerprint';
import type { QuoteRow } from '../types';
import type { PostingRow, VerbatimDb } from './db';

/** Quote ids kept per key. A page reads at most MAX_KEY_POSTINGS of them (lib/store.ts); the rest
 *  stand in when quotes are deleted. A key carried by more quotes is a stock phrase or a statement
 *  seen very often: the oldest versions stay findable and bring their statement group along. */
export const STORED_POSTINGS = 32;

/** Postings (quote ids, oldest first) of each key, at most `max` per key, read with one raw
 *  IndexedDB get per key on the postings table inside the current (or a new read) transaction.
 *  Pair keys are requested at once; single-term keys only once the singles table (read alongside)
 *  shows a stored statement carries them. Raw requests with one completion, not a promise each:
 *  measured in Chromium on a page's ~860 keys, Dexie's per-request wrapping doubled the cost
 *  (59.5 ms against 30.9 ms raw at 1k stored quotes). */
export async function keyPostings(
  db: VerbatimDb,
  keys: readonly string[],
  max: number,
  /** Filled with every key read and its whole postings row ([] when absent), for indexQuotes. */
  whole?: Map<string, readonly number[]>,
): Promise<Map<string, number[]>> {
  const unique = [...new Set(keys)];
  const out = new Map<string, number[]>(unique.map((k) => [k, []]));
  if (unique.length === 0) return out;
  await db.transaction('r', db.postings, db.singles, (tx) => {
    const idb = (tx as unknown as { idbtrans: IDBTransaction }).idbtrans;
    const postings = idb.objectStore('postings');
    const singles = unique.filter(isSingleKey);
    return new Promise<void>((resolve, reject) => {
      let pending = 0;
      const done = () => {
        if (--pending === 0) resolve();
      };
      const read = (k: string) => {
        pending++;
        const req = postings.get(k);
        req.onsuccess = () => {
          const row = req.result as PostingRow | undefined;
          if (row) out.set(k, row.ids.length > max ? row.ids.slice(0, max) : row.ids);
          whole?.set(k, row?.ids ?? []);
          done();
        };
        req.onerror = () => reject(req.error);
      };
      if (singles.length > 0) {
        pending++;
        const req = idb.objectStore('singles').getAllKeys();
        req.onsuccess = () => {
          const stored = new Set(req.result as string[]);
          for (const k of singles) if (stored.has(k)) read(k);
          done();
        };
        req.onerror = () => reject(req.error);
      }
      for (const k of unique) if (!isSingleKey(k)) read(k);
    });
  });
  return out;
}

/** Quote rows handled per step of the upgrades and of indexQuotes: bounded memory on a large store. */
export const CHUNK = 2_000;

/** Key → ids of the given rows carrying it. */
function idsByKey(rows: readonly Pick<QuoteRow, 'id' | 'keys'>[]): Map<string, number[]> {
  const byKey = new Map<string, number[]>();
  for (const r of rows) {
    if (r.id === undefined) throw new Error('indexQuotes: a quote row without its id (store the rows first)');
    for (const k of r.keys) {
      const ids = byKey.get(k);
      if (ids) ids.push(r.id);
      else byKey.set(k, [r.id]);
    }
  }
  return byKey;
}

/** Record the single-term keys of stored quote rows. Entries are never removed: a stale one costs
 *  a page one empty read, and another statement may carry it. */
export async function recordSingles(db: Pick<VerbatimDb, 'singles'>, rows: readonly Pick<QuoteRow, 'keys'>[]): Promise<void> {
  const singles = [...new Set(rows.flatMap((r) => r.keys.filter(isSingleKey)))];
  if (singles.length > 0) await db.singles.bulkPut(singles.map((k) => ({ k })));
}

/** Post stored quote rows (with their ids) under their keys and record their single-term keys.
 *  Call inside the write transaction that stored the rows (it must include postings and singles).
 *  One read and at most one write per distinct key; a key already holding STORED_POSTINGS older
 *  quotes is left as it is. `known`: postings rows read earlier in the same transaction
 *  (keyPostings' `whole`), not read again: a page's lookup has read about half of its stored keys. */
export async function indexQuotes(
  db: Pick<VerbatimDb, 'singles' | 'postings'>,
  rows: readonly Pick<QuoteRow, 'id' | 'keys'>[],
  known?: ReadonlyMap<string, readonly number[]>,
): Promise<void> {
  // A known row stays current across steps: each step's writes replace it.
  const current = new Map(known);
  // In steps, so that importing a large file holds one step's postings in memory, not the file's.
  for (let i = 0; i < rows.length; i += CHUNK) await postQuotes(db, rows.slice(i, i + CHUNK), current);
  await recordSingles(db, rows);
}

export async function postQuotes(db: Pick<VerbatimDb, 'postings'>, rows: readonly Pick<QuoteRow, 'id' | 'keys'>[], known: Map<string, readonly number[]>): Promise<void> {
  const byKey = idsByKey(rows);
  if (byKey.size === 0) return;
  const keys = [...byKey.keys()];
  const unknown = keys.filter((k) => !known.has(k));
  const read = new Map(unknown.map((k, i) => [k, i]));
  const fetched = await db.postings.bulkGet(unknown);
  const changed: PostingRow[] = [];
  keys.forEach((k) => {
    const i = read.get(k);
    const have = (i === undefined ? known.get(k) : fetched[i]?.ids) ?? [];
    const added = byKey.get(k) as number[];
    // Ids come in ascending as a rule; an imported quote may keep an older id.
    if (have.length >= STORED_POSTINGS && added.every((id) => id > have[have.length - 1])) return;
    const ids = [...new Set([...have, ...added])].sort((a, b) => a - b).slice(0, STORED_POSTINGS);
    if (ids.length !== have.length || ids.some((id, j) => id !== have[j])) {
      changed.push({ k, ids });
      if (known.has(k)) known.set(k, ids);
    }
  });
  await db.postings.bulkPut(changed);
}

/** Take deleted quote rows out of the postings of their keys (inside the deleting transaction). */
export async function unindexQuotes(db: Pick<VerbatimDb, 'postings'>, rows: readonly Pick<QuoteRow, 'id' | 'keys'>[]): Promise<void> {
  const byKey = idsByKey(rows);
  if (byKey.size === 0) return;
  const keys = [...byKey.keys()];
  const stored = await db.postings.bulkGet(keys);
  const changed: PostingRow[] = [];
  const emptied: string[] = [];
  keys.forEach((k, i) => {
    const row = stored[i];
    if (!row) return;
    const gone = new Set(byKey.get(k));
    const ids = row.ids.filter((id) => !gone.has(id));
    if (ids.length === 0) emptied.push(k);
    else if (ids.length < row.ids.length) changed.push({ k, ids });
  });
  await db.postings.bulkPut(changed);
  await db.postings.bulkDelete(emptied);
}
