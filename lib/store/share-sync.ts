// Sharing the quote log through a CouchDB database. A local PouchDB database mirrors the shared
// documents; PouchDB's own replication keeps it in step with the team's CouchDB (checkpoints,
// retries after the network or the server comes back, batches), and this module moves documents
// between the mirror and the quote store:
//   push: each stored article version not yet in the mirror becomes its document there;
//   pull: each document that arrives in the mirror is merged into the store (mergeSharedDocs),
//         a batch per transaction, with a pause between batches so an open tab's page never waits
//         behind a long pull.
// Both positions are kept in the store's settings table, so a stopped background resumes where it
// was. The PouchDB databases are parameters: IndexedDB-backed in the extension, in memory in tests.
import type { VerbatimDb } from './db';
import { mergeSharedDocs, sharedDocsAfter, type SkippedDoc } from './share-merge';

/** Documents per transaction, pushed or merged: big enough to amortise a transaction, small
 *  enough that a page analysed meanwhile waits at most one batch. */
export const SHARE_BATCH = 200;

/** Skipped documents remembered for the options page: the latest ones, enough to act on. */
export const MAX_SKIPPED_NOTES = 20;

/** Longest wait for replication to wind down on stop: a request to an unreachable server is
 *  abandoned, not awaited. */
const STOP_WAIT_MS = 5000;

/** Replication's first wait before trying an unreachable server again, and its longest: the wait
 *  doubles from the first up to the longest. PouchDB's own back-off grows to 10 minutes, too long
 *  for a colleague's article to wait after the server is back; a minute costs one small request a
 *  minute while it is away. A browser back online does not wait at all (reconnect). */
export const RETRY_FIRST_MS = 1000;
export const RETRY_MAX_MS = 60_000;

/** The wait before the next try, after waiting `previous` ms (0 before the first retry). */
export function retryDelay(previous: number): number {
  return previous > 0 ? Math.min(RETRY_MAX_MS, previous * 2) : RETRY_FIRST_MS;
}

const SKIPPED = 'share.skipped';

export type ShareState = 'starting' | 'active' | 'idle' | 'offline' | 'stopped';

export interface ShareStatus {
  state: ShareState;
  /** Documents this browser wrote for the team, and documents merged from it, since start. */
  pushed: number;
  merged: number;
  /** The last problem met (server unreachable, access denied), null once replication goes on. */
  lastError: string | null;
  /** ms since epoch of the last completed exchange with the server. */
  lastSync: number | null;
}

/** The parts of a PouchDB database this module uses (pouchdb-core with the replication plugin). */
export interface MirrorDb {
  allDocs(options: { keys: string[] }): Promise<{ rows: { key: string; error?: string; value?: { rev: string; deleted?: boolean } }[] }>;
  bulkDocs(docs: object[]): Promise<unknown[]>;
  changes(options: Record<string, unknown>): ChangesFeed & PromiseLike<{ results: { id: string; doc?: unknown; deleted?: boolean }[]; last_seq: string | number }>;
  sync(remote: unknown, options: Record<string, unknown>): ReplicationEvents;
}

export interface ChangesFeed {
  on(event: string, listener: (...args: any[]) => void): ChangesFeed;
  cancel(): void;
}

export interface ReplicationEvents {
  on(event: string, listener: (...args: any[]) => void): ReplicationEvents;
  cancel(): void;
  /** A two-way replication's directions. */
  push?: ReplicationEvents;
  pull?: ReplicationEvents;
}

export interface ShareSyncOptions {
  db: VerbatimDb;
  mirror: MirrorDb;
  /** The team's database (a PouchDB http database). */
  remote: unknown;
  now: () => number;
  /** Shown with each version this browser shares, if set. */
  sharedBy?: string;
  /** Names the server shared with (its database URL): each has its own push and pull positions. */
  target?: string;
  onStatus?: (status: ShareStatus) => void;
  /** After each merged batch (tests and the options page's counts). */
  onMerged?: (report: Awaited<ReturnType<typeof mergeSharedDocs>>) => void;
}

async function getSetting<T>(db: VerbatimDb, key: string, fallback: T): Promise<T> {
  const row = await db.settings.get(key);
  return row === undefined ? fallback : (row.value as T);
}

/** The documents skipped lately, newest last. */
export async function skippedDocs(db: VerbatimDb): Promise<SkippedDoc[]> {
  const notes = await getSetting<unknown>(db, SKIPPED, []);
  return Array.isArray(notes) ? (notes as SkippedDoc[]) : [];
}

/** The settings keys of one server's push and pull positions. */
function positionKeys(target = '') {
  return { pushedThrough: `share.pushedThrough:${target}`, pulledSeq: `share.pulledSeq:${target}`, authored: `share.authored:${target}` };
}

/** Let other work on the store (a page being analysed) run between two batches. */
const yieldToOthers = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** One running sync: its options, positions and status, shared by the passes below. */
interface SyncRun {
  options: ShareSyncOptions;
  positions: ReturnType<typeof positionKeys>;
  status: ShareStatus;
  stopped: boolean;
}

function report(run: SyncRun, changes: Partial<ShareStatus>): void {
  Object.assign(run.status, changes);
  run.options.onStatus?.({ ...run.status });
}

/** Offer the mirror every stored version it lacks, a batch at a time, and note which documents
 *  this browser wrote (only those may it withdraw later). */
async function pushPass(run: SyncRun): Promise<void> {
  const { db, mirror, sharedBy } = run.options;
  const { positions } = run;
  for (;;) {
    const after = await getSetting<number>(db, positions.pushedThrough, 0);
    const { docs, articleIds, throughId } = await sharedDocsAfter(db, after, SHARE_BATCH, sharedBy);
    if (!docs.length) return;
    // A version already in the mirror (pulled from the team, or pushed before) is never written
    // again: documents are immutable, and a second write would only make a conflict.
    const known = await mirror.allDocs({ keys: docs.map((d) => d._id) });
    const present = new Set(known.rows.filter((r) => !r.error).map((r) => r.key));
    const fresh = docs.filter((d) => !present.has(d._id));
    if (fresh.length) await mirror.bulkDocs(fresh);
    const byDoc = new Map(docs.map((d, i) => [d._id, articleIds[i]]));
    await db.transaction('rw', db.settings, async () => {
      const authored = await getSetting<[number, string][]>(db, positions.authored, []);
      authored.push(...fresh.map((d): [number, string] => [byDoc.get(d._id) as number, d._id]));
      await db.settings.bulkPut([{ key: positions.pushedThrough, value: throughId }, { key: positions.authored, value: authored }]);
    });
    report(run, { pushed: run.status.pushed + fresh.length });
    if (docs.length < SHARE_BATCH || run.stopped) return;
    await yieldToOthers();
  }
}

/** Withdraw from the team what this browser shared and has since deleted: the document becomes a
 *  tombstone on the server. Only documents this browser wrote are withdrawn; versions others
 *  shared stay theirs. */
async function withdrawPass(run: SyncRun): Promise<void> {
  const { db, mirror } = run.options;
  const { positions } = run;
  const authored = await getSetting<[number, string][]>(db, positions.authored, []);
  if (!authored.length) return;
  const present = new Set((await db.articles.bulkGet(authored.map(([id]) => id))).filter((a) => !!a).map((a) => a?.id));
  const gone = authored.filter(([id]) => !present.has(id));
  if (!gone.length) return;
  const known = await mirror.allDocs({ keys: gone.map(([, docId]) => docId) });
  const tombstones = known.rows.filter((r) => !r.error && r.value && !r.value.deleted).map((r) => ({ _id: r.key, _rev: r.value?.rev, _deleted: true }));
  if (tombstones.length) await mirror.bulkDocs(tombstones);
  const withdrawn = new Set(gone.map(([id]) => id));
  await db.settings.put({ key: positions.authored, value: authored.filter(([id]) => !withdrawn.has(id)) });
}

/** Merge what arrived in the mirror since the last pull, a batch per transaction, and move the
 *  pull position with each batch, in the same transaction. */
async function pullPass(run: SyncRun): Promise<void> {
  const { db, mirror } = run.options;
  const { positions } = run;
  for (;;) {
    const since = await getSetting<string | number>(db, positions.pulledSeq, 0);
    const res = await mirror.changes({ since, include_docs: true, limit: SHARE_BATCH });
    if (!res.results.length) return;
    const docs = res.results.map((r) => r.doc ?? { _id: r.id, _deleted: r.deleted === true });
    // The batch and the position after it are written together (every table: the merge writes
    // wherever an import does), so a background stopped at any point resumes at a batch boundary.
    const merged = await db.transaction('rw', db.tables, async () => {
      const batch = await mergeSharedDocs(db, docs);
      await db.settings.put({ key: positions.pulledSeq, value: res.last_seq });
      if (batch.skipped.length) {
        const notes = [...(await skippedDocs(db)), ...batch.skipped].slice(-MAX_SKIPPED_NOTES);
        await db.settings.put({ key: SKIPPED, value: notes });
      }
      return batch;
    });
    report(run, { merged: run.status.merged + merged.merged });
    run.options.onMerged?.(merged);
    if (res.results.length < SHARE_BATCH || run.stopped) return;
    await yieldToOthers();
  }
}

/** PouchDB's continuous two-way replication between the mirror and the team's database, its
 *  events told as the sync's state. It resumes from the checkpoints PouchDB keeps in both
 *  databases, so a new replication (after a restart or a reconnect) fetches only what is new.
 *  The state is read from each direction: the two-way object says "paused" without the error
 *  that paused a direction, so a lost server would read as in step. */
function replicate(run: SyncRun): ReplicationEvents {
  const { mirror, remote, now } = run.options;
  // Both directions keep their checkpoint in the mirror only: a checkpoint written on one side and
  // not the other (the network dropped between the two writes) makes PouchDB start over from the
  // first change, and the team's server need not hold a position for every member.
  const sync = mirror.sync(remote, {
    live: true, retry: true, back_off_function: retryDelay, batch_size: SHARE_BATCH,
    pull: { checkpoint: 'target' }, push: { checkpoint: 'source' },
  });
  const paused = { push: true, pull: true };
  for (const direction of ['push', 'pull'] as const) {
    sync[direction]
      ?.on('active', () => {
        paused[direction] = false;
        report(run, { state: 'active', lastError: null });
      })
      .on('paused', (err?: unknown) => {
        if (err) return report(run, { state: 'offline', lastError: `${(err as Error).message ?? err}` });
        paused[direction] = true;
        if (paused.push && paused.pull) report(run, { state: 'idle', lastError: null, lastSync: now() });
      });
  }
  return sync
    .on('denied', (err: unknown) => report(run, { lastError: `the server refused a document: ${(err as Error)?.message ?? err}` }))
    .on('error', (err: unknown) => report(run, { state: 'offline', lastError: `${(err as Error)?.message ?? err}` }));
}

/** Cancel a replication and wait for its requests in flight to end, or STOP_WAIT_MS at most. */
async function cancelReplication(replication: ReplicationEvents | null): Promise<void> {
  if (!replication) return;
  // Cancelling ends PouchDB's requests in flight; "complete" says they are done.
  const done = new Promise<void>((resolve) => replication.on('complete', () => resolve()));
  replication.cancel();
  await Promise.race([done, new Promise((resolve) => setTimeout(resolve, STOP_WAIT_MS))]);
}

/** Push and pull passes over the mirror. `pushNow` after a page was analysed; `pullNow` when the
 *  mirror changed. Passes run one at a time. */
export function shareSync(options: ShareSyncOptions) {
  const run: SyncRun = {
    options,
    positions: positionKeys(options.target),
    status: { state: 'starting', pushed: 0, merged: 0, lastError: null, lastSync: null },
    stopped: false,
  };
  let queue: Promise<void> = Promise.resolve();
  let pullWanted = false;
  let replication: ReplicationEvents | null = null;
  let feed: ChangesFeed | null = null;

  /** Run passes one after another; a failed pass is reported, never stops the next. */
  const enqueue = (pass: () => Promise<void>): Promise<void> => {
    queue = queue.then(() => (run.stopped ? undefined : pass())).catch((err: unknown) => report(run, { lastError: `${(err as Error)?.message ?? err}` }));
    return queue;
  };

  const sync = {
    status: (): ShareStatus => ({ ...run.status }),
    /** Offer what this browser has stored since the last push. */
    pushNow: () => enqueue(async () => {
      await pushPass(run);
      await withdrawPass(run);
    }),
    /** Merge what arrived in the mirror since the last pull. */
    pullNow: () => {
      if (pullWanted) return queue;
      pullWanted = true;
      return enqueue(() => {
        pullWanted = false;
        return pullPass(run);
      });
    },
    /** Catch up both ways, then replicate continuously until stop(). */
    async start(): Promise<void> {
      await enqueue(() => pushPass(run));
      await enqueue(() => withdrawPass(run));
      await enqueue(() => pullPass(run));
      if (run.stopped) return;
      feed = options.mirror.changes({ since: 'now', live: true }).on('change', () => void sync.pullNow()).on('error', () => undefined);
      replication = replicate(run);
    },
    /** Try the server again now rather than after the back-off (the browser is back online):
     *  a fresh replication, which starts from the checkpoints. */
    async reconnect(): Promise<void> {
      if (run.stopped || !replication) return;
      const old = replication;
      replication = replicate(run);
      await cancelReplication(old);
    },
    /** Stop replicating; a pass under way finishes its batch. */
    async stop(): Promise<void> {
      run.stopped = true;
      const running = replication;
      feed?.cancel();
      await cancelReplication(running);
      await queue;
      report(run, { state: 'stopped' });
    },
  };
  return sync;
}

export type ShareSync = ReturnType<typeof shareSync>;
