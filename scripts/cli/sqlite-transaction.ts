// IndexedDB's transaction rules over the synchronous SQLite tables: transactions run one at a
// time in the order they were created (IndexedDB would let readers overlap; nothing here needs
// it), each write transaction is one SQLite transaction, and a transaction commits by itself once
// a turn of the event loop passes with no request on it, as IndexedDB's do. A rolled-back or
// killed write leaves the file as it was before that transaction.
import Dexie from 'dexie';
import type { SqliteTables } from './sqlite-tables';
import { decodeValue } from './sqlite-keys';

export type Mode = 'readonly' | 'readwrite' | 'versionchange';

/** Dexie's promise, for its zones (PSD: the transaction an async chain belongs to). */
const DexiePromise = Dexie.Promise as unknown as { PSD: unknown; usePSD(zone: unknown, fn: () => void): void };

/** Results handed back in the next turn of the event loop, all of one turn together. */
let deliveries: (() => void)[] = [];
function deliver(settle: () => void): void {
  deliveries.push(settle);
  if (deliveries.length > 1) return;
  setImmediate(() => {
    const now = deliveries;
    deliveries = [];
    for (const d of now) d();
  });
}

type Handler = ((event: { target: unknown; type: string; preventDefault(): void }) => void) | null;

export class TransactionInactiveError extends Error {
  override name = 'TransactionInactiveError';
}

export class Scheduler {
  private readonly waiting: SqliteTransaction[] = [];
  private current: SqliteTransaction | null = null;
  private closing = false;

  constructor(readonly tables: SqliteTables) {}

  transaction(storeNames: string[], mode: Mode): SqliteTransaction {
    const t = new SqliteTransaction(this, storeNames, mode);
    this.waiting.push(t);
    if (!this.current) this.next();
    return t;
  }

  /** The transaction that just ended hands over to the next one waiting. */
  next(): void {
    this.current = this.waiting.shift() ?? null;
    if (this.current) this.current.activate();
    else if (this.closing) this.tables.close();
  }

  drop(t: SqliteTransaction): void {
    const i = this.waiting.indexOf(t);
    if (i >= 0) this.waiting.splice(i, 1);
  }

  /** Closes the file once the transactions already asked for have ended. */
  close(): void {
    this.closing = true;
    if (!this.current) this.tables.close();
  }
}

export class SqliteTransaction {
  state: 'waiting' | 'active' | 'done' = 'waiting';
  error: Error | null = null;
  oncomplete: Handler = null;
  onerror: Handler = null;
  onabort: Handler = null;
  /** Called after oncomplete / onabort (the open request waits on its version change this way). */
  after: ((ok: boolean) => void) | null = null;
  private readonly queue: (() => void)[] = [];
  private began = false;
  private checkScheduled = false;
  /** Requests run whose results are not handed back yet. */
  private pending = 0;

  constructor(
    private readonly scheduler: Scheduler,
    readonly storeNames: string[],
    readonly mode: Mode,
  ) {}

  get tables(): SqliteTables {
    return this.scheduler.tables;
  }

  /** Runs `fn` on this transaction: now when it is active, else when its turn comes. Its result
   *  arrives as an IndexedDB request's does: in a later turn of the event loop, inside the Dexie
   *  zone that asked (Dexie follows its transaction across native awaits by re-entering the zone
   *  whenever a request completes; results handed back at once would run out of it after a
   *  while, and the next request would start a transaction of its own). */
  run<T>(fn: () => T): Promise<T> {
    if (this.state === 'done') return Promise.reject(new TransactionInactiveError('the transaction has already ended'));
    const zone = DexiePromise.PSD;
    return new Promise<T>((resolve, reject) => {
      const op = () => {
        let settle: () => void;
        try {
          const value = fn();
          settle = () => resolve(value);
        } catch (e) {
          settle = () => reject(e);
        }
        this.pending++;
        deliver(() => {
          this.pending--;
          DexiePromise.usePSD(zone, settle);
          this.scheduleCommit();
        });
      };
      if (this.state === 'active') op();
      else this.queue.push(op);
    });
  }

  activate(): void {
    this.state = 'active';
    if (this.mode !== 'readonly') {
      this.tables.sql.exec('BEGIN IMMEDIATE');
      this.began = true;
    }
    while (this.queue.length) (this.queue.shift() as () => void)();
    this.scheduleCommit();
  }

  /** IndexedDB's auto-commit: once a turn of the event loop passes with no request of this
   *  transaction outstanding (none made by the code its last results woke), it commits. */
  private scheduleCommit(): void {
    if (this.checkScheduled) return;
    this.checkScheduled = true;
    setImmediate(() => {
      this.checkScheduled = false;
      if (this.state === 'active' && this.pending === 0) this.finish();
    });
  }

  private readonly listeners: { type: string; fn: Handler }[] = [];
  addEventListener(type: string, fn: Handler): void {
    this.listeners.push({ type, fn });
  }
  removeEventListener(type: string, fn: Handler): void {
    const i = this.listeners.findIndex((l) => l.type === type && l.fn === fn);
    if (i >= 0) this.listeners.splice(i, 1);
  }

  private fire(handler: Handler, type: string): void {
    const event = { target: this, type, preventDefault() {} };
    handler?.(event);
    for (const l of this.listeners.filter((x) => x.type === type)) l.fn?.(event);
  }

  private finish(): void {
    try {
      if (this.began) {
        this.tables.saveCounters();
        this.tables.sql.exec('COMMIT');
      }
    } catch (e) {
      this.rollback(e as Error);
      return;
    }
    this.state = 'done';
    this.fire(this.oncomplete, 'complete');
    this.after?.(true);
    this.scheduler.next();
  }

  private rollback(error: Error): void {
    const wasActive = this.state === 'active';
    this.state = 'done';
    this.error = error;
    if (this.began && this.tables.sql.inTransaction) this.tables.sql.exec('ROLLBACK');
    this.tables.forgetCounters();
    this.queue.length = 0;
    if (!wasActive) this.scheduler.drop(this);
    setImmediate(() => {
      this.fire(this.onabort, 'abort');
      this.after?.(false);
      if (wasActive) this.scheduler.next();
    });
  }

  abort(): void {
    if (this.state === 'done') return;
    this.rollback(Object.assign(new Error('the transaction was aborted'), { name: 'AbortError' }));
  }

  /** Commits as soon as the requests already made have run (they have: requests run at once). */
  commit(): void {
    if (this.state === 'active') queueMicrotask(() => this.state === 'active' && this.finish());
  }

  get objectStoreNames(): string[] & { contains(name: string): boolean } {
    return nameList(this.mode === 'versionchange' ? Object.keys(this.tables.schema) : this.storeNames);
  }

  get db(): unknown {
    return this.versionDb;
  }
  /** The database object a version change hands out (set by the open request). */
  versionDb: unknown = null;

  /** The raw IndexedDB requests the store code makes itself (point gets and whole-key reads of
   *  lib/store/postings.ts), plus the schema Dexie reads. */
  objectStore(name: string): StoreHandle {
    if (this.mode !== 'versionchange' && !this.storeNames.includes(name)) {
      throw Object.assign(new Error(`${name} is not in this transaction`), { name: 'NotFoundError' });
    }
    return new StoreHandle(this.tables, name, this);
  }
}

export function nameList(names: string[]): string[] & { contains(name: string): boolean } {
  return Object.assign([...names], { contains: (n: string) => names.includes(n) });
}

interface RawRequest {
  result: unknown;
  error: Error | null;
  readyState: 'pending' | 'done';
  onsuccess: Handler;
  onerror: Handler;
}

function request(t: SqliteTransaction, fn: () => unknown): RawRequest {
  const req: RawRequest = { result: undefined, error: null, readyState: 'pending', onsuccess: null, onerror: null };
  t.run(fn).then(
    (result) => {
      req.result = result;
      req.readyState = 'done';
      req.onsuccess?.({ target: req, type: 'success', preventDefault() {} });
    },
    (e: Error) => {
      req.error = e;
      req.readyState = 'done';
      req.onerror?.({ target: req, type: 'error', preventDefault() {} });
    },
  );
  return req;
}

const PRIMARY = { name: null, isPrimaryKey: true, keyPath: null, extractKey: null };
const ALL = { type: 3, lower: undefined, upper: undefined } as const;

/** An object store as IndexedDB shows it: its schema, and the few requests used raw. */
export class StoreHandle {
  constructor(
    private readonly tables: SqliteTables,
    readonly name: string,
    private readonly trans: SqliteTransaction | null,
  ) {}

  private get spec() {
    return this.tables.schema[this.name];
  }
  get keyPath() {
    return this.spec.keyPath;
  }
  get autoIncrement() {
    return this.spec.autoIncrement;
  }
  get indexNames() {
    return nameList(this.spec.indexes.map((ix) => ix.name));
  }
  index(name: string) {
    const ix = this.spec.indexes.find((i) => i.name === name);
    if (!ix) throw Object.assign(new Error(`no index ${name} on ${this.name}`), { name: 'NotFoundError' });
    return { name: ix.name, keyPath: ix.keyPath, unique: ix.unique, multiEntry: ix.multiEntry };
  }
  createIndex(name: string, keyPath: string | string[], options?: { unique?: boolean; multiEntry?: boolean }) {
    this.tables.createIndex(this.name, { name, keyPath, unique: !!options?.unique, multiEntry: !!options?.multiEntry });
    return this.index(name);
  }
  deleteIndex(name: string): void {
    this.tables.deleteIndex(this.name, name);
  }

  private active(): SqliteTransaction {
    if (!this.trans) throw new TransactionInactiveError('a schema-only store handle has no requests');
    return this.trans;
  }
  get(key: unknown): RawRequest {
    return request(this.active(), () => this.tables.get(this.name, key));
  }
  getAll(): RawRequest {
    return request(this.active(), () => this.tables.select(this.name, { index: PRIMARY, range: ALL }, { values: true, reverse: false, unique: false }).map((e) => decodeValue(e.v as Buffer)));
  }
  getAllKeys(): RawRequest {
    return request(this.active(), () => this.tables.allKeys(this.name));
  }
}

