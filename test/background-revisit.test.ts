// A page version the store holds is answered from its stored quotes: the background does not find
// quotes and speakers in its text again (most of its time on a reload), and the answer is the one
// the page got when its text was read.
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { makeHandlers } from '../entrypoints/background';
import { openDb } from '../lib/store/db';
import { revisitPage } from '../lib/store/analyze-page';
import { summaryWriter } from '../lib/store/pending-groups';
import { PartStore } from '../lib/message-parts';
import { ReplyStore } from '../lib/reply-parts';
import type { PagePayload, PageResult } from '../lib/types';

const extractions = vi.hoisted(() => ({ count: 0 }));
vi.mock('../lib/extract', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../lib/extract')>();
  return {
    ...actual,
    extractPage: (...args: Parameters<typeof actual.extractPage>) => {
      extractions.count++;
      return actual.extractPage(...args);
    },
  };
});

const TEXT =
  'Blinken left the region on Friday.\n' +
  '“I told him that I hope we would do this with U.S. support, but if necessary we will do it alone,” Netanyahu said.\n' +
  '“It’s difficult to get there, but I believe it is still possible,” Blinken told reporters.';
const payload = (url: string, text = TEXT): PagePayload => ({ url, canonicalUrl: 'https://news.example/rafah', title: 'Talks end', outlet: 'Example News', byline: null, published: null, text, partial: false });

describe('a page version already stored', () => {
  it('is answered without reading its text again, as the full pipeline answers it, its visit noted', async () => {
    let clock = 1000;
    const db = openDb('revisit-1');
    const handlers = makeHandlers(db, () => clock);
    const first = (await handlers.analyzePage!(payload('https://news.example/rafah?x=1'), {} as never)) as PageResult;
    expect(extractions.count).toBe(1);
    clock = 5000;
    const again = (await handlers.analyzePage!(payload('https://news.example/rafah?x=2'), {} as never)) as PageResult;
    expect(extractions.count).toBe(1);
    // The answer the page got when its text was read, at the URL it has now.
    expect(again).toEqual({ ...first, url: 'https://news.example/rafah?x=2' });
    expect(again.quotes.filter((q) => q.speaker).length).toBe(2);
    const [article] = await db.articles.toArray();
    expect([article.firstSeen, article.lastSeen, article.url]).toEqual([1000, 5000, 'https://news.example/rafah?x=2']);
    // An edited version is new: it is read.
    await handlers.analyzePage!(payload('https://news.example/rafah', `${TEXT}\nTalks resume on Monday.`), {} as never);
    expect(extractions.count).toBe(2);
    expect(await db.articles.count()).toBe(2);
  });

  it('with the summary writer of the browser, a reload lists nothing pending', async () => {
    const db = openDb('revisit-3');
    const writer = summaryWriter(db, { now: () => 0, setTimer: () => 0, clearTimer: () => {} });
    const handlers = makeHandlers(db, () => 1000, undefined, new PartStore(), new ReplyStore(), writer);
    await handlers.analyzePage!(payload('https://news.example/rafah'), {} as never);
    const pending = await db.pendingGroups.count();
    expect(pending).toBeGreaterThan(0);
    await db.pendingGroups.clear();
    await handlers.analyzePage!(payload('https://news.example/rafah'), {} as never);
    expect(await db.pendingGroups.count()).toBe(0);
  });

  it('revisitPage answers null for a version not stored, and stores nothing', async () => {
    const db = openDb('revisit-2');
    expect(await revisitPage(db, payload('https://news.example/rafah'), 1000)).toBeNull();
    expect(await db.articles.count()).toBe(0);
  });
});
