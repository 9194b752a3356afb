// The quote log at scale: group summaries kept in step with every write, and listing, relation
// filter and search answered through their indexes instead of a walk over the quotes.
import { describe, it, expect } from 'vitest';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { openDb, type VerbatimDb } from '../lib/store/db';
import { analyzePage } from '../lib/store/analyze-page';
import { deleteArticle, listGroups, loadGroup } from '../lib/store/quote-log';
import { buildGroup, groupRow, refreshGroups, wordOf } from '../lib/store/groups';
import { exportJson, importJson } from '../lib/store/export';
import { normalize } from '../lib/text/normalize';
import type { ArticleRow, GroupQuery, PagePayload, QuoteGroup, QuoteRow, Relation } from '../lib/types';
import { articleRow, plainSearch, quoteRow, random, storeRows } from './support/synthetic-log';
import { rowReads } from './support/row-reads';

const T0 = Date.UTC(2024, 2, 22, 12);
const MINUTE = 60_000;

let n = 0;
function fresh(): VerbatimDb {
  return openDb(`log-${n++}`, { indexedDB: new IDBFactory(), IDBKeyRange });
}

function payload(name: string, text: string, outlet: string): PagePayload {
  return { url: `https://${name}.test/story`, canonicalUrl: null, title: `Story in ${outlet}`, outlet, byline: null, published: null, text, partial: false };
}

/** The summary rows as they should be: every group rebuilt from its quotes as stored now. */
async function expectedGroupRows(db: VerbatimDb) {
  const quotes = await db.quotes.toArray();
  const articles = new Map((await db.articles.toArray()).map((a) => [a.id as number, a]));
  const byGroup = new Map<string, QuoteRow[]>();
  for (const q of quotes) byGroup.set(q.groupId, [...(byGroup.get(q.groupId) ?? []), q]);
  return [...byGroup]
    .map(([id, rows]) => groupRow(buildGroup(id, rows, articles) as NonNullable<ReturnType<typeof buildGroup>>, rows))
    .sort((a, b) => (a.groupId < b.groupId ? -1 : 1));
}

const A = 'Officials met.\n“We will never negotiate with terrorists under any circumstances,” Prime Minister Jane Doe said.';
const B = 'Prime Minister Jane Doe said: “We will not negotiate with terrorists under these circumstances.”';
const C = '“The harvest this year was the best in a decade for our farmers,” said John Roe, the agriculture minister.';

describe('group summaries', () => {
  it('stay in step with analysing pages, importing and deleting articles', async () => {
    const db = fresh();
    await analyzePage(db, payload('a', A, 'Paper A'), T0);
    await analyzePage(db, payload('b', B, 'Paper B'), T0 + MINUTE);
    expect(await db.groups.orderBy('groupId').toArray()).toEqual(await expectedGroupRows(db));
    // A third version, graded alone against the earliest, and an unchanged revisit.
    await analyzePage(db, payload('b2', B.replace('these', 'all such'), 'Paper B2'), T0 + 2 * MINUTE);
    await analyzePage(db, payload('a', A, 'Paper A'), T0 + 3 * MINUTE);
    expect(await db.groups.orderBy('groupId').toArray()).toEqual(await expectedGroupRows(db));
    expect((await db.groups.toArray()).find((g) => g.wordKeys.some((k) => wordOf(k) === 'negotiate'))?.latestSeenAt).toBe(T0 + 2 * MINUTE);
    const negotiate = (await db.groups.toArray()).find((g) => g.wordKeys.some((k) => wordOf(k) === 'negotiate'));
    expect(negotiate?.relationKeys.length).toBe(1);
    expect(negotiate?.wordKeys.map(wordOf)).not.toContain('we'); // function words are not indexed

    const other = fresh();
    await analyzePage(other, payload('c', C, 'Farm News'), T0 + 2 * MINUTE);
    expect((await importJson(db, await exportJson(other, T0))).ok).toBe(true);
    expect(await db.groups.orderBy('groupId').toArray()).toEqual(await expectedGroupRows(db));

    const a = await db.articles.where('url').equals('https://a.test/story').first();
    await deleteArticle(db, a?.id as number);
    expect(await db.groups.orderBy('groupId').toArray()).toEqual(await expectedGroupRows(db));
    // Paper B's version is now the earliest: Paper B2's is graded against it.
    expect((await db.groups.toArray()).find((g) => g.wordKeys.some((k) => wordOf(k) === 'negotiate'))?.relationKeys).toHaveLength(1);
    db.close();
    other.close();
  });
});

describe('group summaries after an import into stored versions', () => {
  it('follow the dates and outlet a stored version takes from the file', async () => {
    const db = fresh();
    await analyzePage(db, payload('a', A, 'Paper A'), T0);
    await analyzePage(db, { ...payload('b', B, 'Paper B'), outlet: null }, T0 + MINUTE);
    // The same two versions, seen earlier elsewhere: B first, with its outlet named.
    const other = fresh();
    await analyzePage(other, payload('b', B, 'Le Monde'), T0 - 2 * MINUTE);
    await analyzePage(other, payload('a', A, 'Paper A'), T0 - MINUTE);
    expect((await importJson(db, await exportJson(other, T0))).ok).toBe(true);
    expect(await db.articles.count()).toBe(2);
    expect(await db.groups.orderBy('groupId').toArray()).toEqual(await expectedGroupRows(db));
    const negotiate = (await db.groups.toArray()).find((g) => g.wordKeys.some((k) => wordOf(k) === 'negotiate'));
    expect(negotiate?.outletWordKeys.some((k) => k.startsWith('le_monde negotiate '))).toBe(true);
    db.close();
    other.close();
  });
});

describe('the log at scale', () => {
  const GROUPS = 300;
  const WORDS = ['budget', 'harvest', 'border', 'tariff', 'school', 'hospital', 'election', 'ceasefire', 'vaccine', 'pension'];

  /** GROUPS statement groups of one or two versions; every 50th group's second version reworded. */
  async function big(): Promise<VerbatimDb> {
    const db = fresh();
    const articles: ArticleRow[] = [];
    const quotes: QuoteRow[] = [];
    for (let g = 0; g < GROUPS; g++) {
      const text = `the ${WORDS[g % WORDS.length]} plan number ${g} will change ${g % 7 === 0 ? 'everything' : 'nothing'} for families zq${g}x`;
      const versions = g % 50 === 0 ? [text, text.replace('change', 'alter').replace('families', 'voters')] : [text];
      versions.forEach((t, v) => {
        const id = articles.length + 1;
        articles.push({ id, canonicalUrl: `https://n.test/${id}`, url: `https://n.test/${id}`, outlet: `Outlet ${id % 5}`, byline: null, title: null, published: null, firstSeen: T0 + g * MINUTE + v, lastSeen: T0 + g * MINUTE + v, contentHash: `h${id}`, partial: false });
        quotes.push({ articleId: id, text: t, normText: normalize(t), kind: 'statement', speakerKey: null, speaker: null, cue: null, statement: 0, parts: 1, start: 0, end: t.length, anchor: { prefix: '', exact: t, suffix: '' }, keys: [], groupId: `g${g}`, seenAt: T0 + g * MINUTE + v });
      });
    }
    await db.transaction('rw', [db.articles, db.quotes, db.groups], async () => {
      await db.articles.bulkAdd(articles);
      await db.quotes.bulkAdd(quotes);
      await refreshGroups(db, quotes.map((q) => q.groupId));
    });
    return db;
  }

  /** Quote rows read through Dexie while `run` runs. */
  const quoteReads = (db: VerbatimDb, run: () => Promise<unknown>) => rowReads(db, 'quotes', run);

  it('searches a rare word through the word index, reading only the quotes of the groups that have it', async () => {
    const db = await big();
    let groups: Awaited<ReturnType<typeof listGroups>>['groups'] = [];
    const reads = await quoteReads(db, async () => void ({ groups } = await listGroups(db, { text: 'ZQ137X', offset: 0, limit: 100 })));
    expect(groups.map((g) => g.groupId)).toEqual(['g137']);
    expect(reads).toBeGreaterThan(0);
    expect(reads).toBeLessThanOrEqual(2);
    // The last word may be partly typed; the earlier ones are whole words; the phrase must match.
    expect((await listGroups(db, { text: 'number 13', offset: 0, limit: 100 })).groups.map((g) => g.groupId)).toEqual(
      ['g139', 'g138', 'g137', 'g136', 'g135', 'g134', 'g133', 'g132', 'g131', 'g130', 'g13'],
    );
    expect((await listGroups(db, { text: 'harvest plan number 11', offset: 0, limit: 100 })).groups.map((g) => g.groupId)).toEqual(['g111', 'g11']);
    // Words that share every quote but never stand side by side: the pair index rules them out
    // without reading a quote.
    expect(await quoteReads(db, async () => expect((await listGroups(db, { text: 'plan harvest', offset: 0, limit: 100 })).groups).toEqual([]))).toBe(0);
    expect(await quoteReads(db, async () => expect((await listGroups(db, { text: 'plan harvest nu', offset: 0, limit: 100 })).groups).toEqual([]))).toBe(0);
    // A function word typed last: the other words drive, the phrase decides.
    expect((await listGroups(db, { text: 'plan number 137 wil', offset: 0, limit: 100 })).groups.map((g) => g.groupId)).toEqual(['g137']);
    expect((await listGroups(db, { text: 'change nothing for', offset: 0, limit: 3 })).groups.map((g) => g.groupId)).toEqual(['g299', 'g298', 'g297']);
    db.close();
  });

  it('searches a word every group carries newest first, reading only about a page of groups', async () => {
    const db = await big();
    let groups: Awaited<ReturnType<typeof listGroups>>['groups'] = [];
    const reads = await quoteReads(db, async () => void ({ groups } = await listGroups(db, { text: 'families', offset: 0, limit: 10 })));
    expect(groups.map((g) => g.groupId)).toEqual(['g299', 'g298', 'g297', 'g296', 'g295', 'g294', 'g293', 'g292', 'g291', 'g290']);
    expect(reads).toBeGreaterThan(0);
    expect(reads).toBeLessThanOrEqual(2 * 11);
    // A lone partly typed word: every group with a word it starts.
    expect((await listGroups(db, { text: 'nothi', offset: 0, limit: GROUPS })).groups).toHaveLength(GROUPS - Math.ceil(GROUPS / 7));
    // The start of a function word (never indexed): every group is a candidate, its quotes decide.
    expect((await listGroups(db, { text: 'everyth', offset: 0, limit: GROUPS })).groups).toHaveLength(Math.ceil(GROUPS / 7));
    expect((await listGroups(db, { text: 'harv', offset: 0, limit: 3 })).groups.map((g) => g.groupId)).toEqual(['g291', 'g281', 'g271']);
    db.close();
  });

  it('answers a search for function words alone newest first, stopping at a full page', async () => {
    const db = await big();
    let groups: Awaited<ReturnType<typeof listGroups>>['groups'] = [];
    const reads = await quoteReads(db, async () => void ({ groups } = await listGroups(db, { text: 'will', offset: 0, limit: 10 })));
    expect(groups.map((g) => g.groupId)).toEqual(['g299', 'g298', 'g297', 'g296', 'g295', 'g294', 'g293', 'g292', 'g291', 'g290']);
    expect(reads).toBeGreaterThan(0);
    expect(reads).toBeLessThanOrEqual(2 * 11);
    db.close();
  });

  it('filters by relation through precomputed summaries, grading only the groups it shows', async () => {
    const db = await big();
    let groups: Awaited<ReturnType<typeof listGroups>>['groups'] = [];
    const reads = await quoteReads(db, async () => void ({ groups } = await listGroups(db, { relation: 'reworded', offset: 0, limit: 100 })));
    const expected = Array.from({ length: GROUPS / 50 }, (_, i) => `g${GROUPS - 50 - i * 50}`);
    expect(groups.map((g) => g.groupId)).toEqual(expected);
    expect(groups.every((g) => g.versions[1].relation === 'reworded')).toBe(true);
    expect(reads).toBeLessThanOrEqual(2 * expected.length);
    // With a text filter too, and paged.
    expect((await listGroups(db, { relation: 'reworded', text: 'budget', offset: 0, limit: 100 })).groups.map((g) => g.groupId)).toEqual(['g250', 'g200', 'g150', 'g100', 'g50', 'g0']);
    const page2 = await listGroups(db, { relation: 'reworded', offset: 2, limit: 2 });
    expect(page2).toMatchObject({ hasMore: true });
    expect(page2.groups.map((g) => g.groupId)).toEqual(expected.slice(2, 4));
    db.close();
  });

  it('opens the first page reading only that page of groups', async () => {
    const db = await big();
    let page: Awaited<ReturnType<typeof listGroups>> = { groups: [], hasMore: false };
    const reads = await quoteReads(db, async () => void (page = await listGroups(db, { offset: 0, limit: 20 })));
    expect(page.hasMore).toBe(true);
    expect(page.groups.map((g) => g.groupId)).toEqual(Array.from({ length: 20 }, (_, i) => `g${GROUPS - 1 - i}`));
    expect(reads).toBeLessThanOrEqual(2 * 21);
    db.close();
  });
});

// ---- search against a plain scan ----------------------------------------------------------------


// A vocabulary with a Zipf-like spread, words sharing prefixes ("gov…"), and one prefix ("pa")
// that starts more words than a search reads one by one.
const STEMS = ['govern', 'government', 'governor', 'governments', 'gov', 'budget', 'border', 'borders', 'tariff', 'harvest', 'school', 'election', 'elections', 'elected', 'vaccine', 'pension', 'minister', 'ministry'];
const PA = Array.from({ length: 80 }, (_, i) => `pa${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}x`);
const RARE = Array.from({ length: 400 }, (_, i) => `zz${i.toString(36)}q`);
const VOCAB = [...STEMS, ...PA, ...RARE];
const FUNCTION = ['the', 'will', 'of', 'and', 'a', 'to'];
const QUOTES = 3_000;
const PER_ARTICLE = 20;

async function store(): Promise<VerbatimDb> {
  const rnd = random(11);
  const word = () => (rnd() < 0.25 ? FUNCTION[Math.floor(rnd() * FUNCTION.length)] : VOCAB[Math.floor(VOCAB.length * rnd() ** 2.5)]);
  const db = fresh();
  const articles: ArticleRow[] = [];
  const quotes: QuoteRow[] = [];
  for (let k = 0; k < QUOTES; k++) {
    const a = Math.floor(k / PER_ARTICLE);
    // Quotes stored in the same minute: groups tie on their newest version.
    const at = T0 + Math.floor(k / 3) * MINUTE;
    if (k % PER_ARTICLE === 0) articles.push(articleRow(a, `Outlet ${a % 12}`, T0 + a * PER_ARTICLE * MINUTE, at));
    // Every sixth quote is another version of one stored earlier, edited or not.
    const source = k % 6 === 5 && k > 100 ? quotes[k - 1 - Math.floor(rnd() * 90)] : null;
    const text = source ? (rnd() < 0.5 ? source.text : `${source.text.split(' ').slice(0, -2).join(' ')} ${word()}`) : Array.from({ length: 6 + Math.floor(rnd() * 10) }, word).join(' ');
    quotes.push(quoteRow(a, text, k % PER_ARTICLE, source ? source.groupId : `g${k}`, at));
  }
  return storeRows(db, articles, quotes);
}


describe('search matches a plain scan over the quotes', () => {
  it('for every shape of search, paged, ordering included', async () => {
    const db = await store();
    const all = { quotes: await db.quotes.toArray(), groups: await db.groups.toArray(), articles: await db.articles.toArray() };
    const stored = all.quotes;
    const relations = [...new Set(all.groups.flatMap((g) => g.relationKeys.map(wordOf)))] as Relation[];
    expect(relations.length).toBeGreaterThan(0);
    // Adjacent pairs of the commonest words, as stored.
    const pairs = [...new Set(stored.flatMap((r) => r.normText.split(' ').slice(1).map((w, i, ws) => `${i === 0 ? r.normText.split(' ')[0] : ws[i - 1]} ${w}`)))]
      .filter((p) => p.split(' ').every((w) => STEMS.includes(w)))
      .slice(0, 6);
    expect(pairs.length).toBeGreaterThan(2);
    // Pairs of common words that share a quote but never stand side by side in one.
    const adjacent = new Set(stored.flatMap((r) => r.normText.split(' ').filter((w) => !FUNCTION.includes(w)).map((w, i, ws) => `${ws[i - 1]} ${w}`)));
    const apart = STEMS.flatMap((a) => STEMS.map((b) => `${a} ${b}`))
      .filter((p) => !adjacent.has(p) && stored.some((r) => p.split(' ').every((w) => r.normText.split(' ').includes(w))))
      .slice(0, 4);
    expect(apart.length).toBeGreaterThan(2);
    const texts = [
      'budget', 'government', 'governor', 'zz5q', 'zz1', // common, rare and typed-in-part words
      ...['g', 'go', 'gov', 'gove', 'gover', 'govern', 'governm'], // a word as it is typed
      'p', 'pa', 'pab', 'pabax', // a prefix that starts many words
      ...pairs, 'budget gov', 'the budget', 'budget of the', 'border borders',
      'zqzqzq', 'harvest zqzq', 'tariff budget harvest school', // no hits
      ...apart, ...apart.map((p) => p.replace(' ', ' the ')), // words that meet in a quote, never side by side
      'budget of the', 'of the gov', 'budget the govern', // function words between the words of a pair
    ];
    const queries: GroupQuery[] = [];
    texts.forEach((text, i) => {
      queries.push({ text, offset: 0, limit: 10 }, { text, offset: 15, limit: 10 }, { text, offset: 90, limit: 60 });
      const filters: Partial<GroupQuery>[] = [{ relation: relations[0] }, { outlet: 'Outlet 3' }, { outlet: 'outlet 1', relation: relations[relations.length - 1] }];
      queries.push({ text, ...filters[i % filters.length], offset: 0, limit: 10 });
      // Every relation with every text: the relation's groups with a word, or with a pair.
      for (const relation of relations) queries.push({ text, relation, offset: 0, limit: 10 });
    });
    let nonEmpty = 0;
    let nonEmptyPhraseRelation = 0;
    for (const q of queries) {
      const got = await listGroups(db, q);
      const want = plainSearch(all, q);
      expect({ q, ids: got.groups.map((g) => g.groupId), hasMore: got.hasMore }).toEqual({ q, ...want });
      if (want.ids.length > 0) nonEmpty++;
      if (want.ids.length > 0 && q.relation && q.text?.includes(' ')) nonEmptyPhraseRelation++;
    }
    // Most searches find something; among them a phrase with the relation filter.
    expect(nonEmpty).toBeGreaterThan(queries.length / 3);
    expect(nonEmptyPhraseRelation).toBeGreaterThan(3);
    db.close();
  }, 120_000);
});

describe('groups as the log lists them', () => {
  it('carry each version of the full group with its relation to the earliest, from the summary or graded', async () => {
    const db = await store();
    const { groups } = await listGroups(db, { offset: 0, limit: 5_000 });
    const shape = (g: QuoteGroup) => g.versions.map((v) => ({ quoteIds: v.quoteIds, relation: v.relation, text: v.text, outlet: v.outlet }));
    let several = 0;
    let mixed = 0;
    for (const listed of groups) {
      const full = (await loadGroup(db, listed.groupId)) as QuoteGroup;
      expect({ id: listed.groupId, versions: shape(listed) }).toEqual({ id: listed.groupId, versions: shape(full) });
      expect(listed.earliest.quoteId).toBe(full.earliest.quoteId);
      expect(listed.latestSeenAt).toBe(full.latestSeenAt);
      if (full.versions.length > 1) several++;
      if (new Set(full.versions.slice(1).map((v) => v.relation)).size > 1) mixed++;
    }
    // Groups of two versions (settled by the summary) and of more with different relations (graded).
    expect(several).toBeGreaterThan(100);
    expect(mixed).toBeGreaterThan(3);
    // With the relation filter, a group of two versions has its one other version in the relation.
    const relations = [...new Set(groups.flatMap((g) => g.versions.map((v) => v.relation)))].filter((r): r is Relation => r !== null);
    expect(relations.length).toBeGreaterThan(1);
    for (const relation of relations) {
      for (const q of [{ relation }, { relation, text: 'budget' }, { relation, from: 0 }]) {
        for (const listed of (await listGroups(db, { ...q, offset: 0, limit: 5_000 })).groups) {
          const full = (await loadGroup(db, listed.groupId)) as QuoteGroup;
          expect({ q, id: listed.groupId, versions: shape(listed) }).toEqual({ q, id: listed.groupId, versions: shape(full) });
        }
      }
    }
    db.close();
  }, 120_000);
});
