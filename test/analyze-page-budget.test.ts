// Matching one page has a time budget (MATCH_BUDGET_MS) on every visit: past it the statements
// not yet matched show as new and the result is partial; everything is still stored. The clock is
// a fake that advances on every reading, so the budget runs out at the same step on any machine.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { openDb, type VerbatimDb } from '../lib/store/db';
import { MATCH_BUDGET_MS, MATCH_WINDOW, analyzePage, getPageResult, type MatchBudget } from '../lib/store/analyze-page';
import { extractQuotes } from '../lib/extract';
import type { PagePayload, PageResult } from '../lib/types';

const T0 = Date.UTC(2024, 2, 22, 12);
const MINUTE = 60_000;
const STATEMENTS = 80;
const NAMES = ['Maria Lopez', 'James Chen', 'Aisha Bello', 'Tom Novak', 'Priya Raman'];
const text = Array.from({ length: STATEMENTS }, (_, i) => `“We counted ${i + 1} boxes at the depot before noon,” ${NAMES[i % NAMES.length]} said.`).join('\n');
const quotes = extractQuotes(text);

const fresh = (): VerbatimDb => openDb('budget', { indexedDB: new IDBFactory(), IDBKeyRange });
const payload = (url: string, body = text): PagePayload => ({ url, canonicalUrl: null, title: 'Depot', outlet: 'Example', byline: null, published: null, text: body, partial: false });

/** A clock that moves `step` ms each time it is read. */
function ticking(step: number): () => number {
  let t = 0;
  return () => (t += step);
}

/** The budget, running out after about `readings` readings of the clock. */
const outAfter = (readings: number): MatchBudget => ({ now: ticking(MATCH_BUDGET_MS / readings), budgetMs: MATCH_BUDGET_MS });

/** A store holding another outlet's copy of the page: every statement of the page has variants. */
async function storeWithCopy(): Promise<VerbatimDb> {
  const db = fresh();
  await analyzePage(db, payload('https://other.example/depot'), T0, quotes);
  return db;
}

const matchedAt = (r: PageResult) => r.quotes.flatMap((q, i) => (q.status === 'new' ? [] : [i]));

/** The page cut short: partial, its first statements matched and graded in full (as without a
 *  budget), at most the statements in progress at the deadline missing among them, the rest new. */
function expectCutShort(r: PageResult, full: PageResult): void {
  expect(r.partial).toBe(true);
  expect(r.quotes).toHaveLength(STATEMENTS);
  const matched = matchedAt(r);
  expect(matched[0]).toBe(0);
  expect(r.quotes.at(-1)?.status).toBe('new');
  expect(Math.max(...matched)).toBeLessThan(matched.length + MATCH_WINDOW);
  for (const i of matched) expect(r.quotes[i]).toEqual(full.quotes[i]);
  for (const q of r.quotes) if (q.status === 'new') expect(q.variants).toEqual([]);
  expect(r.quotes.map((q) => q.text)).toEqual(full.quotes.map((q) => q.text));
}

describe('the time budget for matching a page', () => {
  it('on a first visit: the page past the budget is partial, its first statements matched, the rest new, every quote stored', async () => {
    const full = await analyzePage(await storeWithCopy(), payload('https://news.example/depot'), T0 + MINUTE, quotes);
    expect(full.partial).toBe(false);
    expect(matchedAt(full)).toHaveLength(STATEMENTS);

    const db = await storeWithCopy();
    const cut = await analyzePage(db, payload('https://news.example/depot'), T0 + MINUTE, quotes, outAfter(1500));
    expectCutShort(cut, full);
    const article = await db.articles.where('url').equals('https://news.example/depot').first();
    expect(await db.quotes.where('articleId').equals(article?.id as number).count()).toBe(STATEMENTS);
    // Cut short is that answer's, not the stored version's: the next visit with time matches it all.
    expect(article?.partial).toBe(false);
    expect(await getPageResult(db, 'https://news.example/depot')).toMatchObject({ partial: false, quotes: full.quotes.map((q) => ({ status: q.status })) });
  });

  it('on a revisit (the same version again, and getPageResult): partial past the budget, nothing stored twice', async () => {
    const db = await storeWithCopy();
    await analyzePage(db, payload('https://news.example/depot'), T0 + MINUTE, quotes);
    const full = await getPageResult(db, 'https://news.example/depot');
    expect(full?.partial).toBe(false);
    const rows = await db.quotes.count();

    const again = await analyzePage(db, payload('https://news.example/depot'), T0 + 2 * MINUTE, quotes, outAfter(1500));
    expectCutShort(again, full as PageResult);
    expect(await db.quotes.count()).toBe(rows);
    expect((await db.articles.where('url').equals('https://news.example/depot').first())?.lastSeen).toBe(T0 + 2 * MINUTE);

    const shown = await getPageResult(db, 'https://news.example/depot', outAfter(1500));
    expectCutShort(shown as PageResult, full as PageResult);
  });

  it('a budget that runs out before the first statement: every quote stored and new, nothing thrown', async () => {
    const db = await storeWithCopy();
    const r = await analyzePage(db, payload('https://news.example/depot'), T0 + MINUTE, quotes, outAfter(1));
    expect(r.partial).toBe(true);
    expect(r.quotes.every((q) => q.status === 'new')).toBe(true);
    expect(await db.quotes.count()).toBe(2 * STATEMENTS);
  });

  it('a page within the budget gives the same result as with no budget', async () => {
    const budget = outAfter(1e9);
    const plain = await storeWithCopy();
    const timed = await storeWithCopy();
    const url = 'https://news.example/depot';
    expect(await analyzePage(timed, payload(url), T0 + MINUTE, quotes, budget)).toEqual(await analyzePage(plain, payload(url), T0 + MINUTE, quotes));
    expect(await getPageResult(timed, url, budget)).toEqual(await getPageResult(plain, url));
  });
});

const SEEDS_DIR = path.resolve(__dirname, '../../shared/seeds');
const seedFiles = fs.existsSync(SEEDS_DIR) ? fs.readdirSync(SEEDS_DIR).filter((f) => f.endsWith('.txt')).sort() : [];
if (seedFiles.length === 0) console.log(`seed budget test skipped: no seeds at ${SEEDS_DIR}`);

describe.skipIf(seedFiles.length === 0)('the seed articles within the budget', () => {
  it('read in order with the background\'s budget on a clock that never runs out give exactly the results without one', async () => {
    const budget = outAfter(1e9);
    const plain = fresh();
    const timed = fresh();
    for (const [i, f] of seedFiles.entries()) {
      const body = fs.readFileSync(path.join(SEEDS_DIR, f), 'utf8');
      const page = payload(`https://news.test/${f}`, body);
      const a = await analyzePage(plain, page, T0 + i * MINUTE);
      const b = await analyzePage(timed, page, T0 + i * MINUTE, undefined, budget);
      expect(b).toEqual(a);
      expect(b.partial).toBe(false);
    }
  });
});
