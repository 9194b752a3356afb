// The rows of an IndexedDB database in one SQLite file: per object store a table of (key, value),
// per index a table of (index key, primary key), keys coded so that SQLite's order is IndexedDB's
// (sqlite-keys.ts) and values in V8's structured-clone format (what IndexedDB itself stores).
// Everything here is synchronous: better-sqlite3 answers in the calling thread, which is what lets
// the transactions above it (sqlite-transaction.ts) keep IndexedDB's timing.
import Database from 'better-sqlite3';
import type { DBCoreKeyRange, DBCoreQuery } from 'dexie';
import { decodeKey, decodeValue, encodeKey, encodeValue, isValidKey } from './sqlite-keys';

export interface IndexSpec {
  name: string;
  keyPath: string | string[];
  unique: boolean;
  multiEntry: boolean;
}
export interface StoreSpec {
  keyPath: string | string[] | null;
  autoIncrement: boolean;
  indexes: IndexSpec[];
}
/** A row as read for a query or a cursor: its key in the source read (index or primary), its
 *  primary key, and its value when asked for. */
export interface Entry {
  ik: Buffer;
  pk: Buffer;
  v?: Buffer;
}
export interface Selection {
  values: boolean;
  reverse: boolean;
  unique: boolean;
  limit?: number;
}

interface StoreStatements {
  get: Database.Statement;
  exists: Database.Statement;
  put: Database.Statement;
  del: Database.Statement;
  indexes: { insert: Database.Statement; del: Database.Statement; holder: Database.Statement }[];
}

/** Coded keys by their bytes, to compare an old and a new set of index keys. */
function keyMap(keys: Buffer[]): Map<string, Buffer> {
  return new Map(keys.map((k) => [k.toString('latin1'), k]));
}

export class ConstraintError extends Error {
  override name = 'ConstraintError';
}

/** DBCoreRangeType (a const enum in Dexie's types). */
const RANGE_EQUAL = 1;
const RANGE_ANY = 3;
const RANGE_NEVER = 4;

const quoteId = (id: string) => `"${id.replace(/"/g, '""')}"`;
const rowsTable = (store: string) => quoteId(`s:${store}`);
const indexTable = (store: string, index: string) => quoteId(`i:${store}:${index}`);

/** The value at a key path ("a.b", or several for a compound key); undefined when missing. */
export function valueAt(value: unknown, keyPath: string | string[]): unknown {
  if (Array.isArray(keyPath)) return keyPath.map((p) => valueAt(value, p));
  let v = value;
  for (const part of keyPath.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

/** The index keys one value files under: none when its key is not a valid key, one per distinct
 *  valid element for a multi-entry index over an array. */
function indexKeys(spec: IndexSpec, value: unknown): Buffer[] {
  const k = valueAt(value, spec.keyPath);
  if (spec.multiEntry && Array.isArray(k)) {
    const seen = new Map<string, Buffer>();
    for (const item of k) {
      if (!isValidKey(item)) continue;
      const b = encodeKey(item);
      seen.set(b.toString('latin1'), b);
    }
    return [...seen.values()];
  }
  return isValidKey(k) ? [encodeKey(k)] : [];
}

function rangeWhere(column: string, range: DBCoreKeyRange): { where: string; params: Buffer[] } {
  if (range.type === RANGE_ANY) return { where: '1', params: [] };
  if (range.type === RANGE_NEVER) return { where: '0', params: [] };
  if (range.type === RANGE_EQUAL) return { where: `${column} = ?`, params: [encodeKey(range.lower)] };
  const parts: string[] = [];
  const params: Buffer[] = [];
  if (range.lower !== undefined) {
    parts.push(`${column} ${range.lowerOpen ? '>' : '>='} ?`);
    params.push(encodeKey(range.lower));
  }
  if (range.upper !== undefined) {
    parts.push(`${column} ${range.upperOpen ? '<' : '<='} ?`);
    params.push(encodeKey(range.upper));
  }
  return { where: parts.join(' AND ') || '1', params };
}

export class SqliteTables {
  readonly sql: Database.Database;
  schema: Record<string, StoreSpec>;
  version: number;
  private readonly statements = new Map<string, Database.Statement>();
  /** The statements of each store's writes and point reads, prepared once (the schema of a store
   *  changes only in a version change, which clears them). */
  private readonly storeStatements = new Map<string, StoreStatements>();
  private readonly counters = new Map<string, number>();
  /** Counters moved since the last saveCounters(): written once per transaction, not per row. */
  private readonly movedCounters = new Set<string>();
  /** Every primary key of a store, decoded, as the last whole-key read found them: a page reads
   *  the singles table's keys whole, and the table changes on few pages. Dropped on any write to
   *  the store and on a rollback. */
  private readonly keyLists = new Map<string, unknown[]>();

  constructor(file: string) {
    this.sql = new Database(file);
    // WAL: a killed run loses at most the transaction it was in; NORMAL sync is enough for that
    // (what it gives up is the last transactions on a power cut, not the file's integrity).
    this.sql.pragma('journal_mode = WAL');
    this.sql.pragma('synchronous = NORMAL');
    this.sql.pragma('busy_timeout = 10000');
    // 64 MB of page cache (the default is 2 MB): a store of 10,000 articles is some hundred MB,
    // and every page reads postings and groups all over it.
    this.sql.pragma('cache_size = -65536');
    this.sql.exec('CREATE TABLE IF NOT EXISTS _meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
    const meta = (key: string) => (this.sql.prepare('SELECT value FROM _meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
    this.schema = JSON.parse(meta('schema') ?? '{}') as Record<string, StoreSpec>;
    this.version = Number(meta('version') ?? 0);
  }

  private stmt(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.sql.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  private setMeta(key: string, value: string): void {
    this.stmt('INSERT OR REPLACE INTO _meta (key, value) VALUES (?, ?)').run(key, value);
  }

  private statementsOf(store: string): StoreStatements {
    let st = this.storeStatements.get(store);
    if (!st) {
      const rows = rowsTable(store);
      st = {
        get: this.sql.prepare(`SELECT v FROM ${rows} WHERE k = ?`),
        exists: this.sql.prepare(`SELECT 1 AS one FROM ${rows} WHERE k = ?`),
        put: this.sql.prepare(`INSERT OR REPLACE INTO ${rows} (k, v) VALUES (?, ?)`),
        del: this.sql.prepare(`DELETE FROM ${rows} WHERE k = ?`),
        indexes: this.spec(store).indexes.map((ix) => {
          const table = indexTable(store, ix.name);
          return {
            insert: this.sql.prepare(`INSERT OR IGNORE INTO ${table} (ik, pk) VALUES (?, ?)`),
            del: this.sql.prepare(`DELETE FROM ${table} WHERE ik = ? AND pk = ?`),
            holder: this.sql.prepare(`SELECT pk FROM ${table} WHERE ik = ? LIMIT 1`),
          };
        }),
      };
      this.storeStatements.set(store, st);
    }
    return st;
  }

  private spec(store: string): StoreSpec {
    const spec = this.schema[store];
    if (!spec) throw Object.assign(new Error(`no object store named ${store}`), { name: 'NotFoundError' });
    return spec;
  }

  // ---- schema (in a version change) ----

  setVersion(version: number): void {
    this.version = version;
    this.setMeta('version', String(version));
  }

  createStore(store: string, keyPath: string | string[] | null, autoIncrement: boolean): void {
    this.sql.exec(`CREATE TABLE ${rowsTable(store)} (k BLOB PRIMARY KEY, v BLOB NOT NULL) WITHOUT ROWID`);
    this.schema[store] = { keyPath, autoIncrement, indexes: [] };
    this.setMeta('schema', JSON.stringify(this.schema));
    this.storeStatements.clear();
  }

  deleteStore(store: string): void {
    for (const ix of this.spec(store).indexes) this.sql.exec(`DROP TABLE ${indexTable(store, ix.name)}`);
    this.sql.exec(`DROP TABLE ${rowsTable(store)}`);
    delete this.schema[store];
    this.keyLists.delete(store);
    this.setMeta('schema', JSON.stringify(this.schema));
    this.storeStatements.clear();
  }

  createIndex(store: string, index: IndexSpec): void {
    const spec = this.spec(store);
    this.sql.exec(`CREATE TABLE ${indexTable(store, index.name)} (ik BLOB NOT NULL, pk BLOB NOT NULL, PRIMARY KEY (ik, pk)) WITHOUT ROWID`);
    spec.indexes.push(index);
    const insert = this.stmt(`INSERT INTO ${indexTable(store, index.name)} (ik, pk) VALUES (?, ?)`);
    for (const row of this.stmt(`SELECT k, v FROM ${rowsTable(store)}`).all() as { k: Buffer; v: Buffer }[]) {
      for (const ik of indexKeys(index, decodeValue(row.v))) insert.run(ik, row.k);
    }
    this.setMeta('schema', JSON.stringify(this.schema));
    this.storeStatements.clear();
  }

  deleteIndex(store: string, name: string): void {
    const spec = this.spec(store);
    this.sql.exec(`DROP TABLE ${indexTable(store, name)}`);
    spec.indexes = spec.indexes.filter((ix) => ix.name !== name);
    this.setMeta('schema', JSON.stringify(this.schema));
    this.storeStatements.clear();
  }

  // ---- reads ----

  get(store: string, key: unknown): unknown {
    const row = this.statementsOf(store).get.get(encodeKey(key)) as { v: Buffer } | undefined;
    return row ? decodeValue(row.v) : undefined;
  }

  /** Rows in a range of the primary key or of an index, in IndexedDB's order for the direction
   *  (for unique directions, each index key once, with its lowest primary key, as IndexedDB). */
  select(store: string, query: DBCoreQuery, how: Selection): Entry[] {
    this.spec(store);
    const primary = !!query.index.isPrimaryKey || query.index.name === null;
    const { where, params } = rangeWhere(primary ? 'k' : 'x.ik', query.range);
    const dir = how.reverse ? 'DESC' : 'ASC';
    const unique = how.unique && !primary;
    const limit = !unique && how.limit !== undefined && Number.isFinite(how.limit) ? ` LIMIT ${Math.max(0, Math.floor(how.limit))}` : '';
    const sql = primary
      ? `SELECT k AS ik, k AS pk${how.values ? ', v' : ''} FROM ${rowsTable(store)} WHERE ${where} ORDER BY k ${dir}${limit}`
      : `SELECT x.ik, x.pk${how.values ? ', s.v' : ''} FROM ${indexTable(store, query.index.name as string)} x` +
        `${how.values ? ` JOIN ${rowsTable(store)} s ON s.k = x.pk` : ''} WHERE ${where} ORDER BY x.ik ${dir}, x.pk ${unique ? 'ASC' : dir}${limit}`;
    const rows = this.stmt(sql).all(...params) as Entry[];
    if (!unique) return rows;
    const out: Entry[] = [];
    for (const r of rows) if (!out.length || !out[out.length - 1].ik.equals(r.ik)) out.push(r);
    return how.limit !== undefined && Number.isFinite(how.limit) ? out.slice(0, how.limit) : out;
  }

  count(store: string, query: DBCoreQuery): number {
    this.spec(store);
    const primary = !!query.index.isPrimaryKey || query.index.name === null;
    const { where, params } = rangeWhere(primary ? 'k' : 'ik', query.range);
    const table = primary ? rowsTable(store) : indexTable(store, query.index.name as string);
    return (this.stmt(`SELECT count(*) AS n FROM ${table} WHERE ${where}`).get(...params) as { n: number }).n;
  }

  // ---- writes ----

  private counter(store: string): number {
    let n = this.counters.get(store);
    if (n === undefined) {
      n = Number((this.stmt('SELECT value FROM _meta WHERE key = ?').get(`ai:${store}`) as { value: string } | undefined)?.value ?? 0);
      this.counters.set(store, n);
    }
    return n;
  }

  private setCounter(store: string, n: number): void {
    this.counters.set(store, n);
    this.movedCounters.add(store);
  }

  /** Writes the counters moved in this transaction; its commit calls this first. */
  saveCounters(): void {
    for (const store of this.movedCounters) this.setMeta(`ai:${store}`, String(this.counters.get(store)));
    this.movedCounters.clear();
  }

  /** After a rollback what is on disk is the truth again: counters and key lists are read anew. */
  forgetCounters(): void {
    this.counters.clear();
    this.movedCounters.clear();
    this.keyLists.clear();
  }

  /** Every primary key of a store in order (IDBObjectStore.getAllKeys), a fresh array each call. */
  allKeys(store: string): unknown[] {
    let keys = this.keyLists.get(store);
    if (!keys) {
      const query = { index: { name: null, isPrimaryKey: true, keyPath: null, extractKey: null }, range: { type: RANGE_ANY, lower: undefined, upper: undefined } } as unknown as DBCoreQuery;
      keys = this.select(store, query, { values: false, reverse: false, unique: false }).map((e) => decodeKey(e.pk));
      this.keyLists.set(store, keys);
    }
    return [...keys];
  }

  /** add (refuses an existing key) or put (replaces); returns the record's key. */
  write(store: string, value: unknown, outboundKey: unknown, add: boolean): unknown {
    const spec = this.spec(store);
    const st = this.statementsOf(store);
    this.keyLists.delete(store);
    let key = spec.keyPath === null ? outboundKey : valueAt(value, spec.keyPath);
    if (key === undefined && spec.autoIncrement) {
      key = this.counter(store) + 1;
      this.setCounter(store, key as number);
      if (typeof spec.keyPath === 'string') value = { ...(value as object), [spec.keyPath]: key };
    } else if (typeof key === 'number' && spec.autoIncrement && key > this.counter(store)) {
      this.setCounter(store, Math.floor(key));
    }
    const pk = encodeKey(key);
    if (add && st.exists.get(pk)) throw new ConstraintError(`${store}: a record with this key exists already`);
    if (!spec.indexes.length) {
      // most writes (postings, singles): nothing to keep in step, the old value need not be read
      st.put.run(pk, encodeValue(value));
      return key;
    }
    const now = spec.indexes.map((ix) => keyMap(indexKeys(ix, value)));
    for (const [i, ix] of spec.indexes.entries()) {
      if (!ix.unique) continue;
      for (const ik of now[i].values()) {
        const holder = st.indexes[i].holder.get(ik) as { pk: Buffer } | undefined;
        if (holder && !holder.pk.equals(pk as unknown as Uint8Array)) throw new ConstraintError(`${store}: another record has this ${ix.name} (a unique index)`);
      }
    }
    const old = add ? undefined : (st.get.get(pk) as { v: Buffer } | undefined);
    const before = old ? spec.indexes.map((ix) => keyMap(indexKeys(ix, decodeValue(old.v)))) : null;
    st.put.run(pk, encodeValue(value));
    // Only the index entries that changed are written: a group's summary row is rewritten with
    // most of its words unchanged.
    for (const [i, { insert, del }] of st.indexes.entries()) {
      for (const [id, ik] of before?.[i] ?? []) if (!now[i].has(id)) del.run(ik, pk);
      for (const [id, ik] of now[i]) if (!before?.[i].has(id)) insert.run(ik, pk);
    }
    return key;
  }

  delete(store: string, key: unknown): void {
    this.deleteEncoded(store, encodeKey(key));
  }

  private deleteEncoded(store: string, pk: Buffer): void {
    const spec = this.spec(store);
    const st = this.statementsOf(store);
    this.keyLists.delete(store);
    if (!spec.indexes.length) {
      st.del.run(pk);
      return;
    }
    const old = st.get.get(pk) as { v: Buffer } | undefined;
    if (!old) return;
    const value = decodeValue(old.v);
    for (const [i, ix] of spec.indexes.entries()) for (const ik of indexKeys(ix, value)) st.indexes[i].del.run(ik, pk);
    st.del.run(pk);
  }

  deleteRange(store: string, range: DBCoreKeyRange): void {
    const keys = this.select(store, { index: { name: null, isPrimaryKey: true, keyPath: null, extractKey: null }, range }, { values: false, reverse: false, unique: false });
    for (const e of keys) this.deleteEncoded(store, e.pk);
  }

  close(): void {
    this.sql.close();
  }
}
