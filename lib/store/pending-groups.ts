// Group summaries written after a page's answer. The quote log reads a summary row per statement
// group (groups.ts). Rewriting the rows of every group a page's quotes joined, inside the page's
// transaction, made a quote-dense page wait twice as long for its answer (db.ts, version 9). So
// the page's transaction lists those groups as pending; the background rewrites their summaries
// once no page has been analysed for SETTLE_DELAY_MS, a step at a time, and any reader of the
// summaries brings them up to date first. A worker stopped meanwhile leaves the list in the store,
// and the next worker (or the next read of the log) finishes it.
import type { VerbatimDb } from './db';
import { refreshGroups } from './groups';
import { StorageFullError, unlessFull } from './storage-full';

/** Groups whose summaries one step rewrites, in a transaction of its own: a page that arrives
 *  meanwhile waits for one step at most. */
export const SETTLE_STEP = 200;

/** How long the background waits after a page's answer before writing summaries: the page draws
 *  its answer meanwhile, and a reader who moves on opens the next page, whose loading would
 *  otherwise share the machine's cores with them. Measured in Chromium on the 5,000-quote page
 *  (npm run bench -- page, whose traced visit follows the first one within seconds; four rounds
 *  alternating builds): with a wait of 2 s the summaries of the first visit were written while the
 *  next one loaded, and the target of no long task was met in 2 of 4 rounds, as with summaries
 *  written in the page's transaction; with 10 s, in 4 of 4. A reader spends longer than this on a
 *  page as a rule; the quote log writes what is still pending when it opens. */
export const SETTLE_DELAY_MS = 10_000;

export type PendingTables = Pick<VerbatimDb, 'articles' | 'quotes' | 'groups' | 'pendingGroups' | 'transaction'>;

/** List groups as pending. Call inside the write transaction that changed their quotes (its scope
 *  must include pendingGroups). */
export async function markPending(db: Pick<VerbatimDb, 'pendingGroups'>, groupIds: Iterable<string>): Promise<void> {
  const ids = [...new Set(groupIds)];
  if (ids.length > 0) await db.pendingGroups.bulkPut(ids.map((groupId) => ({ groupId })));
}

/** Rewrite the pending summaries from the quotes as stored now, SETTLE_STEP groups per transaction,
 *  until none are left (true) or `stop()` asks to stop between two steps (false). Two callers at
 *  once (the background and the quote log) write the same rows: each step reads the list inside
 *  its own transaction. A step that fails is done again one group at a time, so that one group
 *  whose summary cannot be built (a damaged row) does not hold the others: such a group leaves the
 *  list, and the error names how many did. A full disk stops at once and keeps the list. */
export async function settlePending(db: PendingTables, stop: () => boolean = () => false, step = SETTLE_STEP): Promise<boolean> {
  if ((await db.pendingGroups.count()) === 0) return true;
  const unwritten: string[] = [];
  let firstError: unknown = null;
  while (!stop()) {
    let done: boolean;
    try {
      done = (await settleStep(db, null, step)) === 0;
    } catch (err) {
      if (err instanceof StorageFullError) throw err;
      const ids = (await db.pendingGroups.limit(step).primaryKeys()) as string[];
      for (const id of ids) {
        try {
          await settleStep(db, [id], 1);
        } catch (one) {
          if (one instanceof StorageFullError) throw one;
          firstError ??= one;
          unwritten.push(id);
          await db.pendingGroups.delete(id);
        }
      }
      done = ids.length === 0;
    }
    if (done) break;
  }
  if (unwritten.length > 0) {
    const why = String((firstError as Error)?.message ?? firstError).slice(0, 200);
    throw new Error(`The search index of ${unwritten.length} statement group${unwritten.length === 1 ? '' : 's'} could not be written (${why})`);
  }
  return (await db.pendingGroups.count()) === 0;
}

/** What a full disk cost: the summaries wait, listed, for room. */
const SUMMARIES_NOT_WRITTEN = 'Storage is full: the quote log cannot index what was read last. Delete old articles in the quote log or free disk space.';

/** One step: the summaries of `ids` (or of the first `step` pending groups) rewritten and taken
 *  off the list in one transaction. Returns how many were. */
function settleStep(db: PendingTables, ids: readonly string[] | null, step: number): Promise<number> {
  const write = () =>
    db.transaction('rw', [db.articles, db.quotes, db.groups, db.pendingGroups], async () => {
      const take = ids ?? ((await db.pendingGroups.limit(step).primaryKeys()) as string[]);
      if (take.length === 0) return 0;
      await refreshGroups(db, take);
      await db.pendingGroups.bulkDelete([...take]);
      return take.length;
    });
  return unlessFull(write, SUMMARIES_NOT_WRITTEN);
}

/** Longest time summaries wait for pages to stop arriving: a tab whose page keeps changing (a live
 *  blog read for an hour) would otherwise hold them off for as long, and the quote log would then
 *  write them all before it lists anything. Past it, the writer goes on between pages, a step at a
 *  time. */
export const MAX_SETTLE_WAIT_MS = 30_000;

export interface SummaryWriterOptions {
  delayMs?: number;
  /** Groups per step (SETTLE_STEP). */
  step?: number;
  /** The clock (milliseconds) that tells how long summaries have waited. */
  now: () => number;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
  /** A step that failed (the store full, the worker's database closed): its groups stay pending. */
  report?: (err: unknown) => void;
}

/** The background's writer of pending summaries: a page's analysis holds it off while it runs
 *  (`pageStarted` returns the call that ends it), and the last one to end schedules the writing,
 *  unless summaries have waited MAX_SETTLE_WAIT_MS already. */
export function summaryWriter(db: PendingTables, options: SummaryWriterOptions) {
  const delayMs = options.delayMs ?? SETTLE_DELAY_MS;
  const now = options.now;
  const setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
  const clearTimer = options.clearTimer ?? ((t) => clearTimeout(t as ReturnType<typeof setTimeout>));
  const report = options.report ?? (() => {});
  let active = 0;
  let timer: unknown = null;
  let running: Promise<void> | null = null;
  /** When the first page whose summaries are not written yet ended (null: none is known). */
  let waitingSince: number | null = null;

  const overdue = () => waitingSince !== null && now() - waitingSince >= MAX_SETTLE_WAIT_MS;
  const held = () => active > 0 && !overdue();
  const cancel = () => {
    if (timer !== null) clearTimer(timer);
    timer = null;
  };
  const schedule = () => {
    cancel();
    timer = setTimer(() => {
      timer = null;
      write();
    }, delayMs);
  };
  const write = () => {
    // A run still under way stops at its next step (a page started) or finishes the list.
    if (held() || running) return;
    running = settlePending(db, held, options.step)
      .then((done) => {
        if (done) waitingSince = null;
      }, report)
      .finally(() => {
        running = null;
      });
  };
  // Summaries a stopped worker left pending.
  schedule();

  return {
    pageStarted(): () => void {
      active++;
      if (!overdue()) cancel();
      let ended = false;
      return () => {
        if (ended) return;
        ended = true;
        waitingSince ??= now();
        if (--active === 0 || overdue()) schedule();
      };
    },
    /** Resolves once the run under way (if any) has stopped. */
    async idle(): Promise<void> {
      await running;
    },
  };
}

export type SummaryWriter = ReturnType<typeof summaryWriter>;
