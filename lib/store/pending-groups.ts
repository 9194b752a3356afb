// Group summaries written after a page's answer. The quote log reads a summary row per statement
// group (groups.ts). Rewriting the rows of every group a page's quotes joined, inside the page's
// transaction, made a quote-dense page wait twice as long for its answer (db.ts, version 9). So
// the page's transaction lists those groups as pending; the background rewrites their summaries
// once no page has been analysed for SETTLE_DELAY_MS, a step at a time, and any reader of the
// summaries brings them up to date first. A worker stopped meanwhile leaves the list in the store,
// and the next worker (or the next read of the log) finishes it.
import type { VerbatimDb } from './db';
import { refreshGroups } from './groups';

/** Groups whose summaries one step rewrites, in a transaction of its own: a page that arrives
 *  meanwhile waits for one step at most. */
export const SETTLE_STEP = 200;

/** How long the background waits after a page's answer before writing summaries. The page draws
 *  its answer meanwhile (on the 5,000-quote page, 100–300 ms of highlights and markers drawn in
 *  slices), and both would otherwise compete for the same cores. */
export const SETTLE_DELAY_MS = 2_000;

export type PendingTables = Pick<VerbatimDb, 'articles' | 'quotes' | 'groups' | 'pendingGroups' | 'transaction'>;

/** List groups as pending. Call inside the write transaction that changed their quotes (its scope
 *  must include pendingGroups). */
export async function markPending(db: Pick<VerbatimDb, 'pendingGroups'>, groupIds: Iterable<string>): Promise<void> {
  const ids = [...new Set(groupIds)];
  if (ids.length > 0) await db.pendingGroups.bulkPut(ids.map((groupId) => ({ groupId })));
}

/** Rewrite the pending summaries from the quotes as stored now, SETTLE_STEP groups per transaction,
 *  until none are left or `stop()` asks to stop between two steps. Two callers at once (the
 *  background and the quote log) write the same rows: each step reads the list inside its own
 *  transaction. */
export async function settlePending(db: PendingTables, stop: () => boolean = () => false, step = SETTLE_STEP): Promise<void> {
  if ((await db.pendingGroups.count()) === 0) return;
  while (!stop()) {
    const more = await db.transaction('rw', [db.articles, db.quotes, db.groups, db.pendingGroups], async () => {
      const ids = (await db.pendingGroups.limit(step).primaryKeys()) as string[];
      if (ids.length === 0) return false;
      await refreshGroups(db, ids);
      await db.pendingGroups.bulkDelete(ids);
      return true;
    });
    if (!more) return;
  }
}

export interface SummaryWriterOptions {
  delayMs?: number;
  /** Groups per step (SETTLE_STEP). */
  step?: number;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
  /** A step that failed (the store full, the worker's database closed): its groups stay pending. */
  report?: (err: unknown) => void;
}

/** The background's writer of pending summaries: a page's analysis holds it off while it runs
 *  (`pageStarted` returns the call that ends it), and the last one to end schedules the writing. */
export function summaryWriter(db: PendingTables, options: SummaryWriterOptions = {}) {
  const delayMs = options.delayMs ?? SETTLE_DELAY_MS;
  const setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
  const clearTimer = options.clearTimer ?? ((t) => clearTimeout(t as ReturnType<typeof setTimeout>));
  const report = options.report ?? (() => {});
  let active = 0;
  let timer: unknown = null;
  let running: Promise<void> | null = null;

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
    if (active > 0 || running) return;
    running = settlePending(db, () => active > 0, options.step)
      .catch(report)
      .finally(() => {
        running = null;
      });
  };
  // Summaries a stopped worker left pending.
  schedule();

  return {
    pageStarted(): () => void {
      active++;
      cancel();
      let ended = false;
      return () => {
        if (ended) return;
        ended = true;
        if (--active === 0) schedule();
      };
    },
    /** Resolves once the run under way (if any) has stopped. */
    async idle(): Promise<void> {
      await running;
    },
  };
}

export type SummaryWriter = ReturnType<typeof summaryWriter>;
