// The quote log's indexed search against a plain filter over the same rows, for the paths the
// outlet-word entries and the prefix scan answer: outlet filters (one outlet, several, none, more
// than are looked up one by one), every prefix of a word as it is typed (prefixes that start a few
// terms, many rare terms, many common terms), and words and outlets outside ASCII.
import { describe, it, expect } from 'vitest';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { openDb, type VerbatimDb } from '../lib/store/db';
import { listGroups } from '../lib/store/quote-log';
import { outletTerm, termOf, wordOf } from '../lib/store/groups';
import type { ArticleRow, GroupQuery, QuoteRow, Relation } from '../lib/types';
import { articleRow, plainSearch, quoteRow, random, storeRows } from './support/synthetic-log';
import { rowReads } from './support/row-reads';

const T0 = Date.UTC(2024, 2, 22, 12);
const MINUTE = 60_000;


// Outlets: names with spaces and letters outside ASCII, one that is part of another's name, one
// spelled with "_" where another has a space, one without a name, and a wire service with more
// bureaus than a filter looks up one by one.
const OUTLETS = ['Le Monde', 'Süddeutsche Zeitung', 'Outlet 1', 'Outlet 12', 'outlet_1', 'Москва Today', null, ...Array.from({ length: 20 }, (_, i) => `Wire ${i}`)];
// Words: common ones sharing prefixes, many common words one prefix starts ("pr…"), many rare words
// one prefix starts ("zq…"), and words outside ASCII.
const COMMON = ['president', 'presidential', 'press', 'pressure', 'budget', 'border', 'harvest', 'election', 'elected'];
const PR = Array.from({ length: 26 }, (_, i) => `pr${String.fromCharCode(97 + i)}x`);
// A prefix longer than the prefix entries that starts many words.
const PRESX = Array.from({ length: 20 }, (_, i) => `presx${String.fromCharCode(97 + i)}`);
const ZQ = Array.from({ length: 14 }, (_, i) => `zq${String.fromCharCode(97 + i)}`);
const WIDE = ['über', 'überall', 'überzeugt', 'café', 'cafés', 'zürich', 'москва', 'москвы', '東京', 'naïve'];
const RARE = Array.from({ length: 300 }, (_, i) => `rr${i.toString(36)}q`);
const FUNCTION = ['the', 'will', 'of', 'and', 'a', 'to'];
const QUOTES = 2_400;
const PER_ARTICLE = 12;

async function store(): Promise<VerbatimDb> {
  const rnd = random(5);
  const pick = <T>(xs: readonly T[], skew = 1): T => xs[Math.floor(xs.length * rnd() ** skew)];
  const word = () => {
    const r = rnd();
    if (r < 0.2) return pick(FUNCTION);
    if (r < 0.45) return pick(COMMON, 2);
    if (r < 0.6) return pick([...PR, ...PRESX]);
    if (r < 0.63) return pick(ZQ);
    if (r < 0.75) return pick(WIDE, 1.5);
    return pick(RARE, 2);
  };
  const db = openDb(`log-index-${Math.floor(rnd() * 1e9)}`, { indexedDB: new IDBFactory(), IDBKeyRange });
  const articles: ArticleRow[] = [];
  const quotes: QuoteRow[] = [];
  for (let k = 0; k < QUOTES; k++) {
    const a = Math.floor(k / PER_ARTICLE);
    const at = T0 + Math.floor(k / 4) * MINUTE; // groups tie on their newest version
    if (k % PER_ARTICLE === 0) {
      const outlet = OUTLETS[(a * 7) % OUTLETS.length];
      articles.push(articleRow(a, outlet, T0 + a * PER_ARTICLE * MINUTE, at));
    }
    // Every fifth quote is another outlet's version of an earlier one, with its last words changed
    // half the time: a group whose words differ from outlet to outlet.
    const source = k % 5 === 4 && k > 60 ? quotes[k - 13 - Math.floor(rnd() * 40)] : null;
    const text = source ? (rnd() < 0.5 ? source.text : `${source.text.split(' ').slice(0, -2).join(' ')} ${word()} ${word()}`) : Array.from({ length: 5 + Math.floor(rnd() * 9) }, word).join(' ');
    quotes.push(quoteRow(a, text, k % PER_ARTICLE, source ? source.groupId : `g${k}`, at));
  }
  return storeRows(db, articles, quotes);
}


/** Every prefix of a word, as it is typed. */
const typed = (w: string) => Array.from(w, (_, i) => w.slice(0, i + 1));

describe('indexed search matches a plain filter over the quotes', () => {
  it('with outlet filters, prefixes as typed and words outside ASCII, paged, ordering included', async () => {
    const db = await store();
    const all = { quotes: await db.quotes.toArray(), groups: await db.groups.toArray(), articles: await db.articles.toArray() };
    const relations = [...new Set(all.groups.flatMap((g) => g.relationKeys.map(wordOf)))] as Relation[];
    expect(relations.length).toBeGreaterThan(0);
    // The store has what the paths are for: prefixes that start many common and many rare terms.
    const terms = new Set(all.groups.flatMap((g) => g.wordKeys.map(wordOf)));
    expect([...terms].filter((w) => w.startsWith('pr')).length).toBeGreaterThan(20);
    expect([...terms].filter((w) => w.startsWith('zq')).length).toBeGreaterThan(10);
    expect([...terms].filter((w) => w.startsWith('presx')).length).toBeGreaterThan(16);
    const texts = [
      ...typed('presidential'), ...typed('zqd'), 'zq', 'prax', 'prqx pr', ...typed('presxc').slice(3), 'budget presx', // words as typed; many terms
      ...typed('überzeugt'), ...typed('москвы'), '東', '東京', 'café', 'cafés zürich', 'naïve über', // outside ASCII
      'budget pre', 'election the pr', 'president press', // a whole word, then a prefix
      'zzzz', 'the', // no hits; function words alone
      ...typed('will').slice(0, 3), 't', 'th', 'an', 'budget th', // letters that start a function word
    ];
    const outlets = ['le monde', 'Outlet 1', 'outlet_1', 'süddeutsche', 'москва', 'wire', 'WIRE 1', 'nobody', ' '];
    const queries: GroupQuery[] = [];
    texts.forEach((text, i) => {
      // A deep page: candidates handed out in several batches.
      queries.push({ text, offset: 0, limit: 10 }, { text, offset: 12, limit: 25 }, { text, offset: 100, limit: 150 });
      for (const outlet of outlets) queries.push({ text, outlet, offset: 0, limit: 10 });
      queries.push({ text, outlet: outlets[i % outlets.length], offset: 10, limit: 30 });
      queries.push({ text, outlet: outlets[(i + 1) % outlets.length], relation: relations[i % relations.length], offset: 0, limit: 10 });
    });
    let nonEmpty = 0;
    let nonEmptyOutlet = 0;
    for (const q of queries) {
      const got = await listGroups(db, q);
      const want = plainSearch(all, q);
      expect({ q, ids: got.groups.map((g) => g.groupId), hasMore: got.hasMore }).toEqual({ q, ...want });
      if (want.ids.length > 0) nonEmpty++;
      if (want.ids.length > 0 && q.outlet?.trim()) nonEmptyOutlet++;
    }
    expect(nonEmpty).toBeGreaterThan(queries.length / 3);
    expect(nonEmptyOutlet).toBeGreaterThan(queries.length / 4);
    db.close();
  }, 180_000);
});

describe('outlet-word entries', () => {
  it('list each outlet with the words of its own versions only', async () => {
    const db = await store();
    const articles = new Map((await db.articles.toArray()).map((a) => [a.id as number, a]));
    const groups = await db.groups.toArray();
    const quotes = await db.quotes.toArray();
    const byGroup = new Map<string, QuoteRow[]>();
    for (const q of quotes) byGroup.set(q.groupId, [...(byGroup.get(q.groupId) ?? []), q]);
    let mixed = 0;
    for (const g of groups) {
      const rows = byGroup.get(g.groupId) ?? [];
      const want = new Set(rows.flatMap((r) => {
        const outlet = articles.get(r.articleId)?.outlet;
        return outlet ? r.normText.split(' ').filter((w) => g.wordKeys.some((k) => wordOf(k) === w)).map((w) => `${outletTerm(outlet)} ${w}`) : [];
      }));
      expect(new Set(g.outletWordKeys.map(termOf))).toEqual(want);
      if (new Set(rows.map((r) => articles.get(r.articleId)?.outlet)).size > 1) mixed++;
    }
    // Groups quoted by several outlets are among them.
    expect(mixed).toBeGreaterThan(20);
    expect(outletTerm(' Süddeutsche  Zeitung ')).toBe('süddeutsche_zeitung');
    db.close();
  });
});

describe('a query no longer wanted', () => {
  it('stops at its next step and throws the reason, for a search, the listing and a walk alike', async () => {
    const db = await store();
    const queries: GroupQuery[] = [{ text: 'pre', offset: 0, limit: 10 }, { offset: 0, limit: 10 }, { outlet: 'le monde', offset: 0, limit: 10 }];
    for (const q of queries) {
      const stop = new AbortController();
      const answer = listGroups(db, q, stop.signal);
      stop.abort(new Error('typed on'));
      await expect(answer).rejects.toThrow('typed on');
      // The same query, not stopped, answers.
      expect((await listGroups(db, q, new AbortController().signal)).groups.length).toBeGreaterThan(0);
    }
    db.close();
  });
});

describe('the work a search does', () => {
  /** Group summaries and article rows read while `run` runs. */
  async function reads(db: VerbatimDb, run: () => Promise<unknown>): Promise<{ summaries: number; articles: number }> {
    let articles = 0;
    const summaries = await rowReads(db, 'groups', async () => void (articles = await rowReads(db, 'articles', run)));
    return { summaries, articles };
  }

  /** 300 groups with "alpha", one each with "alphax" and "alphay" (a prefix of three terms, two of
   *  them rare), 60 of the alpha groups from one small outlet among 100 articles of others. */
  async function skewed(): Promise<VerbatimDb> {
    const db = openDb(`log-work-${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
    const articles: ArticleRow[] = [];
    const quotes: QuoteRow[] = [];
    for (let k = 0; k < 400; k++) {
      const a = Math.floor(k / 4);
      if (k % 4 === 0) articles.push(articleRow(a, a % 5 === 0 ? 'Tiny Gazette' : `Big Outlet ${a % 3}`, T0 + k * MINUTE, T0 + k * MINUTE));
      const text = k < 300 ? `the alpha plan number ${k}` : k === 300 ? 'an alphax moment' : k === 301 ? 'an alphay moment' : `nothing here ${k}`;
      quotes.push(quoteRow(a, text, k % 4, `g${k}`, T0 + k * MINUTE));
    }
    return storeRows(db, articles, quotes);
  }

  it('takes the smallest source read to its end over a lower bound, and reads no summary when its terms settle the search', async () => {
    const db = await skewed();
    const all = { quotes: await db.quotes.toArray(), groups: await db.groups.toArray(), articles: await db.articles.toArray() };
    for (const q of [
      { text: 'alph', outlet: 'tiny', offset: 0, limit: 100 }, // the outlet's 60 groups, not the word's 302 checked one by one
      { text: 'alpha', offset: 0, limit: 20 }, // the word's own entries
      { text: 'alph', offset: 0, limit: 20 }, // the three terms merged
    ]) {
      let got: Awaited<ReturnType<typeof listGroups>> = { groups: [], hasMore: false };
      const counts = await reads(db, async () => void (got = await listGroups(db, q)));
      expect({ q, ids: got.groups.map((g) => g.groupId), hasMore: got.hasMore }).toEqual({ q, ...plainSearch(all, q) });
      expect({ q, summaries: counts.summaries }).toEqual({ q, summaries: 0 });
      // Only the articles of the groups on the page (and the one after it) are read, not every article.
      expect(counts.articles).toBeLessThanOrEqual(Math.min(q.limit + 1, got.groups.length + 1));
    }
    // With a condition the source does not settle (two whole words), each candidate's summary is read.
    const counts = await reads(db, () => listGroups(db, { text: 'alpha plan numb', outlet: 'tiny', offset: 0, limit: 10 }));
    expect(counts.summaries).toBeGreaterThan(0);
    db.close();
  });

  it('lists the outlet filter without text from the articles of the matching outlets only', async () => {
    const db = await skewed();
    const all = { quotes: await db.quotes.toArray(), groups: await db.groups.toArray(), articles: await db.articles.toArray() };
    const q = { outlet: 'gazette', offset: 0, limit: 10 };
    let got: Awaited<ReturnType<typeof listGroups>> = { groups: [], hasMore: false };
    const counts = await reads(db, async () => void (got = await listGroups(db, q)));
    expect({ ids: got.groups.map((g) => g.groupId), hasMore: got.hasMore }).toEqual(plainSearch(all, q));
    expect(counts.articles).toBeLessThanOrEqual(q.limit + 1);
    db.close();
  });
});
