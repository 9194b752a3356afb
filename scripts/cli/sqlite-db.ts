// The quote store on disk for the command line: the extension's own Dexie database (lib/store/db.ts,
// every query and write of lib/store unchanged) with its bottom layer, Dexie's DBCore, answered
// from one SQLite file through better-sqlite3 instead of from IndexedDB. Dexie still opens the
// database through an IndexedDB-shaped factory; that factory only keeps the schema and version in
// the file (sqlite-tables.ts) and runs the version change as one SQLite transaction.
import path from 'node:path';
import type { DBCore, DBCoreCursor, DBCoreMutateRequest, DBCoreMutateResponse, DBCoreTable, DBCoreTableSchema, DBCoreTransaction, Middleware } from 'dexie';
import { openDb, type VerbatimDb } from '../../lib/store/db';
import { compareKeys, decodeKey, decodeValue, encodeKey } from './sqlite-keys';
import { SqliteTables, type Entry } from './sqlite-tables';
import { nameList, Scheduler, SqliteTransaction, StoreHandle } from './sqlite-transaction';

/** A cursor over rows read at once: Dexie's cursor contract (start / stop / next / continue). */
class ListCursor implements DBCoreCursor {
  private i = 0;
  done = false;
  private stopped = false;
  private waiting = false;
  private moved = false;
  private callback: () => void = () => {};
  private resolveIteration: (value: unknown) => void = () => {};
  private rejectIteration: (e: unknown) => void = () => {};

  constructor(
    readonly trans: DBCoreTransaction,
    private readonly rows: Entry[],
    private readonly reverse: boolean,
    private readonly primary: boolean,
  ) {}

  get key(): unknown {
    return decodeKey(this.rows[this.i].ik);
  }
  get primaryKey(): unknown {
    return decodeKey(this.rows[this.i].pk);
  }
  get value(): unknown {
    const v = this.rows[this.i].v;
    return v ? decodeValue(v) : undefined;
  }

  private moveTo(fits: (e: Entry) => boolean): void {
    while (this.i < this.rows.length && !fits(this.rows[this.i])) this.i++;
    this.moved = true;
    if (this.waiting) {
      this.waiting = false;
      queueMicrotask(() => this.loop());
    }
  }
  continue(key?: unknown): void {
    this.i++;
    if (key === undefined) return this.moveTo(() => true);
    const k = encodeKey(key);
    this.moveTo((e) => (this.reverse ? compareKeys(e.ik, k) <= 0 : compareKeys(e.ik, k) >= 0));
  }
  continuePrimaryKey(key: unknown, primaryKey: unknown): void {
    const k = encodeKey(key);
    const p = encodeKey(primaryKey);
    this.i++;
    this.moveTo((e) => {
      const c = compareKeys(e.ik, k) || (this.primary ? 0 : compareKeys(e.pk, p));
      return this.reverse ? c <= 0 : c >= 0;
    });
  }
  advance(count: number): void {
    this.i += count - 1;
    this.continue();
  }

  start(callback: () => void): Promise<unknown> {
    this.callback = callback;
    this.stopped = false;
    return new Promise((resolve, reject) => {
      this.resolveIteration = resolve;
      this.rejectIteration = reject;
      this.loop();
    });
  }
  private loop(): void {
    while (!this.stopped) {
      if (this.i >= this.rows.length) {
        this.done = true;
        this.stop();
        return;
      }
      this.moved = false;
      try {
        this.callback();
      } catch (e) {
        this.fail(e as Error);
        return;
      }
      if (!this.moved) {
        // the callback will move (or stop) later
        this.waiting = !this.stopped;
        return;
      }
    }
  }
  stop(value?: unknown): void {
    this.stopped = true;
    this.resolveIteration(value);
  }
  next(): Promise<DBCoreCursor> {
    let gotOne = 1;
    return this.start(() => (gotOne-- ? this.continue() : this.stop())).then(() => this);
  }
  fail(error: Error): void {
    this.stopped = true;
    this.rejectIteration(error);
  }
}

function mutate(tables: SqliteTables, name: string, req: DBCoreMutateRequest): DBCoreMutateResponse {
  const failures: Record<number, Error> = {};
  let numFailures = 0;
  if (req.type === 'deleteRange') {
    tables.deleteRange(name, req.range);
    return { numFailures, failures, results: [], lastResult: undefined };
  }
  if (req.type === 'delete') {
    for (const key of req.keys) tables.delete(name, key);
    return { numFailures, failures, results: req.keys, lastResult: undefined };
  }
  const results: unknown[] = [];
  for (const [i, value] of req.values.entries()) {
    try {
      results.push(tables.write(name, value, req.keys?.[i], req.type === 'add'));
    } catch (e) {
      failures[i] = e as Error;
      numFailures++;
      results.push(undefined);
    }
  }
  return { numFailures, failures, results, lastResult: results[results.length - 1] };
}

function coreTable(tables: SqliteTables, schema: DBCoreTableSchema): DBCoreTable {
  const name = schema.name;
  const on = (trans: DBCoreTransaction) => trans as unknown as SqliteTransaction;
  return {
    name,
    schema,
    mutate: (req) => on(req.trans).run(() => mutate(tables, name, req)),
    get: (req) => on(req.trans).run(() => tables.get(name, req.key)),
    getMany: (req) => on(req.trans).run(() => req.keys.map((k) => tables.get(name, k))),
    query: (req) =>
      on(req.trans).run(() => {
        const direction = req.direction ?? 'next';
        const rows = tables.select(name, req.query, { values: !!req.values, reverse: direction.startsWith('prev'), unique: direction.endsWith('unique'), limit: req.limit });
        // keys of an index query are the records' primary keys (IDBIndex.getAllKeys)
        return { result: rows.map((e) => (req.values ? decodeValue(e.v as Buffer) : decodeKey(e.pk))) };
      }),
    openCursor: (req) =>
      on(req.trans).run(() => {
        const rows = tables.select(name, req.query, { values: !!req.values, reverse: !!req.reverse, unique: !!req.unique });
        return rows.length ? new ListCursor(req.trans, rows, !!req.reverse, !!req.query.index.isPrimaryKey) : null;
      }),
    count: (req) => on(req.trans).run(() => tables.count(name, req.query)),
  };
}

/** The IndexedDB-shaped factory Dexie opens the database through (schema and version only). */
function schemaFactory(scheduler: Scheduler, name: string) {
  const tables = scheduler.tables;
  const database = {
    name,
    get version() {
      return tables.version;
    },
    get objectStoreNames() {
      return nameList(Object.keys(tables.schema));
    },
    createObjectStore(store: string, options?: { keyPath?: string | string[] | null; autoIncrement?: boolean }) {
      tables.createStore(store, options?.keyPath ?? null, !!options?.autoIncrement);
      return new StoreHandle(tables, store, null);
    },
    deleteObjectStore: (store: string) => tables.deleteStore(store),
    transaction: (stores: string | string[]) => ({ db: database, objectStore: (store: string) => new StoreHandle(tables, store, null), storeNames: stores }),
    close: () => scheduler.close(),
    onversionchange: null,
    onclose: null,
  };
  type Req = { result: unknown; error: Error | null; transaction: SqliteTransaction | null } & Record<'onsuccess' | 'onerror' | 'onupgradeneeded' | 'onblocked', ((e: unknown) => void) | null>;
  const open = (version?: number) => {
    const req: Req = { result: database, error: null, transaction: null, onsuccess: null, onerror: null, onupgradeneeded: null, onblocked: null };
    setImmediate(() => {
      if (version === undefined || version === tables.version) return req.onsuccess?.({ target: req, type: 'success' });
      if (version < tables.version) {
        req.error = Object.assign(new Error(`the store file is of a newer version (${tables.version / 10}) than this command (${version / 10})`), { name: 'VersionError' });
        return req.onerror?.({ target: req, type: 'error', preventDefault() {} });
      }
      const oldVersion = tables.version;
      const t = scheduler.transaction([], 'versionchange');
      t.versionDb = database;
      req.transaction = t;
      t.run(() => tables.setVersion(version));
      t.after = (ok) => {
        req.transaction = null;
        if (ok) req.onsuccess?.({ target: req, type: 'success' });
        else {
          req.error = t.error;
          req.onerror?.({ target: req, type: 'error', preventDefault() {} });
        }
      };
      req.onupgradeneeded?.({ target: req, type: 'upgradeneeded', oldVersion, newVersion: version });
    });
    return req;
  };
  return { open: (_name: string, version?: number) => open(version), databases: async () => [], cmp: (a: unknown, b: unknown) => compareKeys(encodeKey(a), encodeKey(b)) };
}

/** IDBKeyRange as Dexie builds it (bounds only: the SQLite layer reads ranges from Dexie's DBCore). */
export class KeyRange {
  constructor(
    readonly lower: unknown,
    readonly upper: unknown,
    readonly lowerOpen = false,
    readonly upperOpen = false,
  ) {
    if (lower !== undefined) encodeKey(lower);
    if (upper !== undefined) encodeKey(upper);
  }
  static only(key: unknown) {
    return new KeyRange(key, key);
  }
  static bound(lower: unknown, upper: unknown, lowerOpen?: boolean, upperOpen?: boolean) {
    return new KeyRange(lower, upper, lowerOpen, upperOpen);
  }
  static lowerBound(lower: unknown, open?: boolean) {
    return new KeyRange(lower, undefined, open);
  }
  static upperBound(upper: unknown, open?: boolean) {
    return new KeyRange(undefined, upper, false, open);
  }
}

/** Above every middleware of Dexie's (theirs are levels 0 to 2). */
const TOP_LEVEL = 1000;

/** Dexie's own middlewares that serve only liveQuery() (Dexie names them so). */
const UNUSED_MIDDLEWARES = ['Observability', 'Cache'];

/** Opens (creating it when missing) the quote store kept in one SQLite file. */
export function openSqliteDb(file: string): VerbatimDb {
  const scheduler = new Scheduler(new SqliteTables(file));
  const db = openDb(`verbatim:${path.resolve(file)}`, { indexedDB: schemaFactory(scheduler, file), IDBKeyRange: KeyRange });
  const middleware: Middleware<DBCore> = {
    stack: 'dbcore',
    name: 'sqlite',
    // below Dexie's own middlewares: they stay as they are, only the storage under them changes
    level: -100,
    create: (down) => {
      const byName = new Map(down.schema.tables.map((t) => [t.name, coreTable(scheduler.tables, t)]));
      return {
        ...down,
        transaction: (stores, mode) => scheduler.transaction(stores, mode) as unknown as DBCoreTransaction,
        table: (name) => {
          const t = byName.get(name);
          if (!t) throw Object.assign(new Error(`no table ${name}`), { name: 'NotFoundError' });
          return t;
        },
      };
    },
  };
  db.use(middleware);
  // Dexie asks its middleware stack for a table on every transaction's first use of it, and the
  // virtual-index layer then rebuilds its lookup of every index each time (a tenth of a scan's
  // store time on 84 articles). What the layers hand out depends only on the schema (the hooks
  // layer reads its transaction when a request runs), so each table is built once.
  db.use({
    stack: 'dbcore',
    name: 'tables-once',
    level: TOP_LEVEL,
    create: (down) => {
      const built = new Map<string, DBCoreTable>();
      return {
        ...down,
        table: (name) => {
          let t = built.get(name);
          if (!t) built.set(name, (t = down.table(name)));
          return t;
        },
      };
    },
  });
  // Dexie's live-query layers: they note every range each write touches and keep a cache of
  // query results for liveQuery() subscribers, of which the command line has none. On 84 articles
  // they were a fifth of the store's time (RangeSet bookkeeping on every index of every row).
  for (const name of UNUSED_MIDDLEWARES) db.unuse({ stack: 'dbcore', name });
  return db;
}
