// Counting the rows a query reads from one table, whichever way it reads them: through Dexie (its
// reading hook) or with raw IndexedDB requests (fake-indexeddb's get and getAll, on the table or on
// one of its indexes).
import { IDBIndex, IDBObjectStore } from 'fake-indexeddb';
import type { VerbatimDb } from '../../lib/store/db';

type TableName = 'quotes' | 'articles' | 'groups';
type Reader = (this: IDBObjectStore | IDBIndex, query: IDBValidKey | IDBKeyRange, count?: number) => IDBRequest;

/** Rows of `table` read while `run` runs. */
export async function rowReads(db: VerbatimDb, table: TableName, run: () => Promise<unknown>): Promise<number> {
  let reads = 0;
  const count = <T>(row: T) => (reads++, row);
  const patched: [object, 'get' | 'getAll', Reader][] = [];
  for (const proto of [IDBObjectStore.prototype, IDBIndex.prototype]) {
    for (const name of ['get', 'getAll'] as const) {
      const original = (proto as unknown as Record<string, Reader>)[name];
      patched.push([proto, name, original]);
      (proto as unknown as Record<string, Reader>)[name] = function (this: IDBObjectStore | IDBIndex, ...args) {
        const req = original.apply(this, args);
        const store = 'objectStore' in this ? this.objectStore : this;
        if (store.name === table) req.addEventListener('success', () => (reads += Array.isArray(req.result) ? req.result.length : req.result === undefined ? 0 : 1));
        return req;
      };
    }
  }
  db[table].hook('reading', count);
  try {
    await run();
  } finally {
    db[table].hook('reading').unsubscribe(count);
    for (const [proto, name, original] of patched) (proto as unknown as Record<string, Reader>)[name] = original;
  }
  return reads;
}
