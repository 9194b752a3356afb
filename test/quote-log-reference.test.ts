// The quote log's search held to its definition on random stores: the page a query answers is the
// page a plain filter over every stored group gives (synthetic-log's plainSearch), and each listed
// group carries the versions and relations of the full group (loadGroup). Queries are drawn from
// the stored quotes themselves: phrases from the start of a word, cut at any letter as they are
// typed, with the relation, outlet and date filters, at several offsets.
import { describe, it, expect } from 'vitest';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { openDb, type VerbatimDb } from '../lib/store/db';
import { listGroups, loadGroup } from '../lib/store/quote-log';
import { wordOf } from '../lib/store/groups';
import type { ArticleRow, GroupQuery, QuoteGroup, QuoteRow, Relation } from '../lib/types';
import { articleRow, plainSearch, quoteRow, random, storeRows } from './support/synthetic-log';

const T0 = Date.UTC(2025, 0, 6, 9);
const MINUTE = 60_000;
const QUOTES = 900;
const QUERIES = 120;

/** A store of QUOTES quotes from a seed: a vocabulary of a random size with a skewed spread, words
 *  that share their first letters, function words, groups of one to five versions (copied,
 *  shortened or with words changed), outlets whose names hold one another. */
async function randomStore(seed: number): Promise<VerbatimDb> {
  const rnd = random(seed);
  const size = 40 + Math.floor(rnd() * 400);
  const stems = ['pres', 'pre', 'gov', 'camp', 'bud', 'x'];
  const vocab = Array.from({ length: size }, (_, i) => `${stems[i % stems.length]}${i.toString(36)}${i % 7 === 0 ? 'ing' : ''}`);
  const word = () => (rnd() < 0.2 ? ['the', 'of', 'will', 'a', 'can'][Math.floor(rnd() * 5)] : vocab[Math.floor(size * rnd() ** 2)]);
  const db = openDb(`log-reference-${seed}`, { indexedDB: new IDBFactory(), IDBKeyRange });
  const articles: ArticleRow[] = [];
  const quotes: QuoteRow[] = [];
  const perArticle = 4 + Math.floor(rnd() * 12);
  for (let k = 0; k < QUOTES; k++) {
    const a = Math.floor(k / perArticle);
    const at = T0 + Math.floor(k / (1 + Math.floor(rnd() * 3))) * MINUTE;
    if (k % perArticle === 0) articles.push(articleRow(a, rnd() < 0.1 ? null : `Outlet ${a % 13}`, at, at));
    const source = k > 30 && rnd() < 0.3 ? quotes[Math.floor(rnd() * quotes.length)] : null;
    const edit = rnd();
    const words = source ? source.text.split(' ') : Array.from({ length: 3 + Math.floor(rnd() * 12) }, word);
    if (source && edit < 0.3) words.splice(Math.floor(rnd() * words.length), 1);
    else if (source && edit < 0.6) words[Math.floor(rnd() * words.length)] = word();
    else if (source && edit < 0.7) words.push(word(), word(), word());
    quotes.push(quoteRow(a, words.join(' '), k % perArticle, source ? source.groupId : `g${k}`, at));
  }
  return storeRows(db, articles, quotes);
}

/** A query drawn from a stored quote: some words from one of its word starts, the last cut at a
 *  random letter, with filters now and then. */
function randomQuery(rnd: () => number, quotes: readonly QuoteRow[], relations: readonly Relation[]): GroupQuery {
  const words = quotes[Math.floor(rnd() * quotes.length)].normText.split(' ');
  const from = Math.floor(rnd() * words.length);
  const phrase = words.slice(from, from + 1 + Math.floor(rnd() * 3));
  const last = phrase[phrase.length - 1];
  phrase[phrase.length - 1] = last.slice(0, 1 + Math.floor(rnd() * last.length));
  const q: GroupQuery = { text: rnd() < 0.05 ? `${phrase.join(' ')}zq` : phrase.join(' '), offset: [0, 0, 3, 40][Math.floor(rnd() * 4)], limit: [5, 10, 100][Math.floor(rnd() * 3)] };
  if (rnd() < 0.3 && relations.length > 0) q.relation = relations[Math.floor(rnd() * relations.length)];
  if (rnd() < 0.25) q.outlet = ['outlet 1', 'Outlet 12', 'outlet', 'nobody'][Math.floor(rnd() * 4)];
  if (rnd() < 0.1) q.from = T0 + Math.floor(rnd() * QUOTES) * MINUTE;
  return q;
}

/** A plainSearch that also honours the date filter (the time a quote was stored). */
function reference(all: Parameters<typeof plainSearch>[0], q: GroupQuery): ReturnType<typeof plainSearch> {
  if (q.from === undefined && q.to === undefined) return plainSearch(all, q);
  const quotes = all.quotes.filter((r) => r.seenAt >= (q.from ?? -Infinity) && r.seenAt <= (q.to ?? Infinity));
  return plainSearch({ ...all, quotes }, q);
}

const shape = (g: QuoteGroup) => ({ id: g.groupId, latest: g.latestSeenAt, versions: g.versions.map((v) => ({ quoteIds: v.quoteIds, relation: v.relation, text: v.text, outlet: v.outlet })) });

describe('search on random stores matches the plain filter over every stored group', () => {
  for (const seed of [3, 17, 29, 101]) {
    it(`store ${seed}: the same groups in the same order, each as loadGroup builds it`, async () => {
      const db = await randomStore(seed);
      const all = { quotes: await db.quotes.toArray(), groups: await db.groups.toArray(), articles: await db.articles.toArray() };
      const relations = [...new Set(all.groups.flatMap((g) => g.relationKeys.map(wordOf)))] as Relation[];
      const rnd = random(seed * 7 + 1);
      let found = 0;
      for (let i = 0; i < QUERIES; i++) {
        const q = randomQuery(rnd, all.quotes, relations);
        const got = await listGroups(db, q);
        expect({ q, ids: got.groups.map((g) => g.groupId), hasMore: got.hasMore }).toEqual({ q, ...reference(all, q) });
        for (const listed of got.groups) expect({ q, ...shape(listed) }).toEqual({ q, ...shape((await loadGroup(db, listed.groupId)) as QuoteGroup) });
        if (got.groups.length > 0) found++;
      }
      // Most queries come from stored words: they find something.
      expect(found).toBeGreaterThan(QUERIES / 2);
      db.close();
    }, 120_000);
  }
});
