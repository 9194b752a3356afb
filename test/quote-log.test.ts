// The quote log at scale: group summaries kept in step with every write, and listing, relation
// filter and search answered through their indexes instead of a walk over the quotes.
import { describe, it, expect } from 'vitest';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { openDb, type VerbatimDb } from '../lib/store/db';
import { analyzePage } from '../lib/store/analyze-page';
import { deleteArticle, listGroups } from '../lib/store/quote-log';
import { buildGroup, groupRow, refreshGroups, wordOf } from '../lib/store/groups';
import { exportJson, importJson } from '../lib/store/export';
import { normalize } from '../lib/text/normalize';
import type { ArticleRow, PagePayload, QuoteRow } from '../lib/types';

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
  async function quoteReads(db: VerbatimDb, run: () => Promise<unknown>): Promise<number> {
    let reads = 0;
    const count = (row: QuoteRow) => (reads++, row);
    db.quotes.hook('reading', count);
    try {
      await run();
    } finally {
      db.quotes.hook('reading').unsubscribe(count);
    }
    return reads;
  }

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
    expect((await listGroups(db, { text: 'plan harvest', offset: 0, limit: 100 })).groups).toEqual([]);
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
    expect(reads).toBeLessThanOrEqual(2 * 50);
    // A lone partly typed word: every group with a word it starts.
    expect((await listGroups(db, { text: 'nothi', offset: 0, limit: GROUPS })).groups).toHaveLength(GROUPS - Math.ceil(GROUPS / 7));
    // The start of a function word (never indexed) is answered by the walk.
    expect((await listGroups(db, { text: 'everyth', offset: 0, limit: GROUPS })).groups).toHaveLength(Math.ceil(GROUPS / 7));
    expect((await listGroups(db, { text: 'harv', offset: 0, limit: 3 })).groups.map((g) => g.groupId)).toEqual(['g291', 'g281', 'g271']);
    db.close();
  });

  it('answers a search for function words alone by the walk, newest first, stopping at a full page', async () => {
    const db = await big();
    let groups: Awaited<ReturnType<typeof listGroups>>['groups'] = [];
    const reads = await quoteReads(db, async () => void ({ groups } = await listGroups(db, { text: 'will', offset: 0, limit: 10 })));
    expect(groups.map((g) => g.groupId)).toEqual(['g299', 'g298', 'g297', 'g296', 'g295', 'g294', 'g293', 'g292', 'g291', 'g290']);
    expect(reads).toBeGreaterThan(0);
    expect(reads).toBeLessThan(50);
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
