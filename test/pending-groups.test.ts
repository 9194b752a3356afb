// Group summaries written after a page's answer: the rows they end up as, the quote log's view of
// a store with summaries still pending, and the background's writer that waits for pages to end.
import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { openDb, type VerbatimDb } from '../lib/store/db';
import { analyzePage } from '../lib/store/analyze-page';
import { deleteAll, deleteArticle, listGroups } from '../lib/store/quote-log';
import { MAX_SETTLE_WAIT_MS, settlePending, summaryWriter } from '../lib/store/pending-groups';
import { makeHandlers } from '../entrypoints/background';
import { PartStore } from '../lib/message-parts';
import { ReplyStore } from '../lib/reply-parts';
import type { PagePayload, PageResult } from '../lib/types';

const SEEDS_DIR = fs.existsSync(path.resolve(__dirname, 'fixtures/seeds/expected.json'))
  ? path.resolve(__dirname, 'fixtures/seeds')
  : path.resolve(__dirname, '../../shared/seeds');
const seedFiles = fs.existsSync(SEEDS_DIR) ? fs.readdirSync(SEEDS_DIR).filter((f) => f.endsWith('.txt')).sort() : [];
if (seedFiles.length === 0) console.log(`pending summaries on the seed articles skipped: no seeds at ${SEEDS_DIR}`);

const T0 = Date.UTC(2024, 2, 22, 12);
const MINUTE = 60_000;

let n = 0;
const fresh = (): VerbatimDb => openDb(`pending-${n++}`, { indexedDB: new IDBFactory(), IDBKeyRange });

const payload = (name: string, text: string, outlet: string): PagePayload => ({
  url: `https://${name}.test/story`,
  canonicalUrl: null,
  title: `Story in ${outlet}`,
  outlet,
  byline: null,
  published: null,
  text,
  partial: false,
});

// Versions of two statements from three outlets: a reworded one, an excerpt, a new speaker.
const PAGES: PagePayload[] = [
  payload('a', 'Officials met.\n“We will never negotiate with terrorists under any circumstances,” Prime Minister Jane Doe said.\n“The harvest this year was the best in a decade for our farmers,” said John Roe, the agriculture minister.', 'Outlet A'),
  payload('b', 'Prime Minister Jane Doe said: “We will not negotiate with terrorists under these circumstances.”', 'Outlet B'),
  payload('c', '“The harvest this year was the best in a decade,” said John Roe.\nJane Doe said “never negotiate with terrorists.”', 'Outlet C'),
  ...seedFiles.map((f) => payload(f.replace(/\W/g, '-'), fs.readFileSync(path.join(SEEDS_DIR, f), 'utf8'), f.split(/[-_.]/)[0])),
];

async function readAll(db: VerbatimDb, groupSummaries: boolean | 'later'): Promise<PageResult[]> {
  const results: PageResult[] = [];
  for (const [i, p] of PAGES.entries()) results.push(await analyzePage(db, p, T0 + i * MINUTE, undefined, { groupSummaries }));
  return results;
}

const byId = <T extends { groupId: string }>(rows: T[]) => [...rows].sort((a, b) => (a.groupId < b.groupId ? -1 : 1));

describe('group summaries written after the page', () => {
  it('a page lists its groups as pending and writes no summary; settled, the rows are those written with the page', async () => {
    const now = fresh();
    const later = fresh();
    const withPage = await readAll(now, true);
    const answered = await readAll(later, 'later');
    // The page's answer does not depend on when the summaries are written.
    expect(answered).toEqual(withPage);
    expect(await later.groups.count()).toBe(0);
    const groupIds = new Set((await later.quotes.toArray()).map((q) => q.groupId));
    expect(new Set(await later.pendingGroups.toCollection().primaryKeys())).toEqual(groupIds);
    expect(groupIds.size).toBeGreaterThan(PAGES.length);

    await settlePending(later, undefined, 3);
    expect(await later.pendingGroups.count()).toBe(0);
    expect(byId(await later.groups.toArray())).toEqual(byId(await now.groups.toArray()));
  });

  it('the quote log writes pending summaries before it lists, filters or searches', async () => {
    const now = fresh();
    const later = fresh();
    await readAll(now, true);
    await readAll(later, 'later');
    for (const query of [{ offset: 0, limit: 50 }, { offset: 0, limit: 50, relation: 'reworded' as const }, { offset: 0, limit: 50, text: 'negotiate' }, { offset: 1, limit: 2 }]) {
      const listed = await listGroups(later, query);
      expect(listed).toEqual(await listGroups(now, query));
    }
    expect((await listGroups(later, { offset: 0, limit: 50, text: 'harvest' })).groups.length).toBe(1);
    expect(await later.pendingGroups.count()).toBe(0);
  });

  it('a group whose summary cannot be built holds no other: the log lists the rest, saying how many it could not index', async () => {
    const db = fresh();
    await readAll(db, true);
    const before = await listGroups(db, { offset: 0, limit: 500 });
    expect(before.unlisted).toBeUndefined();
    // A page whose summaries wait, and a stored quote a summary cannot be built from (its words
    // are missing), listed first.
    await analyzePage(db, payload('d', '“Stocks fell sharply on the news,” said analyst Mary Poe.', 'Outlet D'), T0 + 9 * MINUTE, undefined, { groupSummaries: 'later' });
    const [article] = await db.articles.toArray();
    await db.quotes.add({ articleId: article.id, statement: 999, groupId: '!broken', seenAt: T0 } as never);
    await db.pendingGroups.put({ groupId: '!broken' });
    const after = await listGroups(db, { offset: 0, limit: 500 });
    expect(after.unlisted).toMatch(/^Quotes read in the last moments are not listed yet: The search index of 1 statement group could not be written \(.{1,200}\)$/);
    expect(after.groups[0].versions[0].text).toMatch(/^Stocks fell sharply/);
    expect(after.groups.slice(1)).toEqual(before.groups);
    expect(await db.pendingGroups.count()).toBe(0);
    // Reported once: the next read has nothing left to write.
    expect((await listGroups(db, { offset: 0, limit: 500 })).unlisted).toBeUndefined();
  });

  it('a full disk keeps every summary pending and says so', async () => {
    const db = fresh();
    await readAll(db, 'later');
    const pending = await db.pendingGroups.count();
    db.groups.hook('creating', () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const err = await settlePending(db).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/^Storage is full: the quote log cannot index what was read last/);
    expect(await db.pendingGroups.count()).toBe(pending);
    expect((await listGroups(db, { offset: 0, limit: 50 })).unlisted).toMatch(/Storage is full/);
  });

  it('stops between steps when asked, leaving the rest pending', async () => {
    const db = fresh();
    await readAll(db, 'later');
    const pending = await db.pendingGroups.count();
    let steps = 0;
    await settlePending(db, () => steps++ >= 1, 2);
    expect(await db.pendingGroups.count()).toBe(pending - 2);
    expect(await db.groups.count()).toBe(2);
  });

  it('a pending group whose article was deleted meanwhile loses its summary; "delete everything" empties the list', async () => {
    const db = fresh();
    const [first] = await readAll(db, 'later');
    const article = await db.articles.where('url').equals(first.url).first();
    await deleteArticle(db, article?.id as number);
    await settlePending(db);
    const left = new Set((await db.quotes.toArray()).map((q) => q.groupId));
    expect(new Set(await db.groups.toCollection().primaryKeys())).toEqual(left);
    await analyzePage(db, payload('d', '“Stocks fell sharply on the news,” said analyst Mary Poe.', 'Outlet D'), T0 + 9 * MINUTE, undefined, { groupSummaries: 'later' });
    expect(await db.pendingGroups.count()).toBe(1);
    await deleteAll(db);
    expect(await db.pendingGroups.count()).toBe(0);
  });
});

/** Timers the test fires by hand. */
function handTimers() {
  const due = new Map<number, () => void>();
  let next = 0;
  return {
    setTimer: (run: () => void) => {
      due.set(++next, run);
      return next;
    },
    clearTimer: (t: unknown) => void due.delete(t as number),
    pending: () => due.size,
    fire: () => {
      const runs = [...due.values()];
      due.clear();
      for (const run of runs) run();
    },
  };
}

describe("the background's summary writer", () => {
  it('writes the summaries a stopped worker left pending, once started', async () => {
    const db = fresh();
    await readAll(db, 'later');
    const timers = handTimers();
    const writer = summaryWriter(db, { ...timers, now: () => 0 });
    expect(timers.pending()).toBe(1);
    timers.fire();
    await writer.idle();
    expect(await db.pendingGroups.count()).toBe(0);
    expect(await db.groups.count()).toBeGreaterThan(0);
  });

  it('waits while a page is analysed, and writes once the last page ended', async () => {
    const db = fresh();
    const timers = handTimers();
    const writer = summaryWriter(db, { ...timers, now: () => 0 });
    const one = writer.pageStarted();
    const two = writer.pageStarted();
    expect(timers.pending()).toBe(0);
    await readAll(db, 'later');
    one();
    one(); // ending twice counts once
    expect(timers.pending()).toBe(0);
    two();
    expect(timers.pending()).toBe(1);
    timers.fire();
    await writer.idle();
    expect(await db.pendingGroups.count()).toBe(0);
  });

  it('pages that keep coming hold the summaries off for MAX_SETTLE_WAIT_MS at most', async () => {
    const db = fresh();
    await readAll(db, 'later');
    let clock = 0;
    const timers = handTimers();
    const writer = summaryWriter(db, { ...timers, now: () => clock });
    writer.pageStarted()();
    clock = 1_000;
    const second = writer.pageStarted();
    expect(timers.pending()).toBe(0);
    second();
    clock = MAX_SETTLE_WAIT_MS - 1;
    writer.pageStarted();
    expect(timers.pending()).toBe(0);
    timers.fire();
    clock = MAX_SETTLE_WAIT_MS;
    const fourth = writer.pageStarted();
    expect(timers.pending()).toBe(0);
    fourth(); // a page is still under way, and the summaries have waited long enough
    expect(timers.pending()).toBe(1);
    timers.fire();
    await writer.idle();
    expect(await db.pendingGroups.count()).toBe(0);
  });

  it('a page that starts while summaries are written stops them at the next step', async () => {
    const db = fresh();
    await readAll(db, 'later');
    const pending = await db.pendingGroups.count();
    const timers = handTimers();
    const writer = summaryWriter(db, { ...timers, now: () => 0, step: 1 });
    timers.fire();
    while ((await db.groups.count()) === 0);
    const ended = writer.pageStarted();
    await writer.idle();
    const left = await db.pendingGroups.count();
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThan(pending);
    ended();
    timers.fire();
    await writer.idle();
    expect(await db.pendingGroups.count()).toBe(0);
  });

  it('the background answers a page before its summaries are written, and writes them after', async () => {
    const db = fresh();
    const timers = handTimers();
    const writer = summaryWriter(db, { ...timers, now: () => 0 });
    timers.fire();
    const handlers = makeHandlers(db, () => T0, undefined, new PartStore(), new ReplyStore(), writer);
    const result = (await handlers.analyzePage?.(PAGES[0], { tab: { id: 1 } })) as PageResult;
    expect(result.quotes.length).toBeGreaterThan(0);
    expect(await db.groups.count()).toBe(0);
    expect(await db.pendingGroups.count()).toBeGreaterThan(0);
    expect(timers.pending()).toBe(1);
    timers.fire();
    await writer.idle();
    expect(await db.pendingGroups.count()).toBe(0);
    expect(await db.groups.count()).toBe(new Set((await db.quotes.toArray()).map((q) => q.groupId)).size);
  });
});
