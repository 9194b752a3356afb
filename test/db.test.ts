import { describe, it, expect } from 'vitest';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import Dexie from 'dexie';
import { DB_VERSION, SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4, SCHEMA_V5, articleQuotes, findArticleVersion, openDb } from '../lib/store/db';
import { STORED_POSTINGS, indexQuotes, keyPostings, unindexQuotes } from '../lib/store/postings';
import { getSettings, setGlobalPaused, setSitePaused } from '../lib/store/settings';
import { hashText } from '../lib/text/hash';
import { isPaused } from '../lib/settings';
import { statementKeys, storedKeys } from '../lib/matching/fingerprint';
import { isSingleKey } from '../lib/matching/fingerprint';
import { normalize } from '../lib/text/normalize';
import { MAX_KEY_POSTINGS, analyzePage } from '../lib/store/analyze-page';
import { wordOf } from '../lib/store/groups';

/** A fresh, isolated IndexedDB per test. */
function fresh() {
  return { indexedDB: new IDBFactory(), IDBKeyRange };
}

const V1_ARTICLES = [
  { id: 1, canonicalUrl: 'https://apnews.com/a', url: 'https://apnews.com/a?x=1', outlet: 'AP', byline: 'M. Lee', title: 'A', published: '2024-03-22', firstSeen: 1000, contentHash: 'h1', partial: false },
  { id: 2, canonicalUrl: 'https://nypost.com/b', url: 'https://nypost.com/b', outlet: 'NY Post', byline: null, title: 'B', published: null, firstSeen: 2000, contentHash: 'h2', partial: true },
  { id: 3, canonicalUrl: 'https://apnews.com/a', url: 'https://apnews.com/a', outlet: 'AP', byline: 'M. Lee', title: 'A (updated)', published: '2024-03-22', firstSeen: 3000, contentHash: 'h3', partial: false },
];
const NETANYAHU = 'I told him that I hope we would do this with U.S. support but if necessary – we will do it alone.';
const V1_QUOTES = [
  { id: 1, articleId: 1, text: 'I also said that we have no way to defeat Hamas without entering Rafah,', kind: 'statement', speaker: 'Netanyahu', speakerKey: 'netanyahu', statement: 0, start: 10, end: 80, anchor: { prefix: 'x', exact: 'y', suffix: 'z' } },
  { id: 2, articleId: 1, text: NETANYAHU, kind: 'statement', speaker: 'Netanyahu', speakerKey: 'netanyahu', statement: 0, start: 100, end: 198, anchor: { prefix: '', exact: NETANYAHU, suffix: '' } },
  { id: 3, articleId: 1, text: 'terrorist organization', kind: 'term', speaker: null, speakerKey: null, statement: 1, start: 300, end: 322, anchor: { prefix: '', exact: '', suffix: '' } },
  { id: 4, articleId: 2, text: 'We will do it by ourselves.', kind: 'statement', speaker: 'Benjamin Netanyahu', speakerKey: 'netanyahu', statement: 0, start: 5, end: 32, anchor: { prefix: '', exact: '', suffix: '' } },
  { id: 5, articleId: 3, text: 'I also said that we have no way to defeat Hamas without entering Rafah, ' + NETANYAHU, kind: 'statement', speaker: 'Netanyahu', speakerKey: 'netanyahu', statement: 0, start: 10, end: 190, anchor: { prefix: '', exact: '', suffix: '' } },
  { id: 6, articleId: 3, text: 'No unknown speaker field in this old row', kind: 'statement', statement: 1, start: 200, end: 240, anchor: { prefix: '', exact: '', suffix: '' } },
];

/** A database as an older release created it: that version's schema, opened. */
async function openAt(name: string, env: ReturnType<typeof fresh>, version: number, schema: Record<string, string>): Promise<Dexie> {
  const old = new Dexie(name, env);
  old.version(version).stores(schema);
  await old.open();
  return old;
}

async function createV1(name: string, env: ReturnType<typeof fresh>) {
  const v1 = await openAt(name, env, 1, SCHEMA_V1);
  await v1.table('articles').bulkAdd(V1_ARTICLES);
  await v1.table('quotes').bulkAdd(V1_QUOTES);
  await v1.table('settings').put({ key: 'globalPaused', value: true });
  v1.close();
}

describe('openDb', () => {
  it('opens an empty database at the current version with every table', async () => {
    const db = openDb('empty', fresh());
    await db.open();
    expect(db.verno).toBe(DB_VERSION);
    expect(db.tables.map((t) => t.name).sort()).toEqual(['articles', 'groups', 'pendingGroups', 'postings', 'quotes', 'settings', 'singles', 'speakers']);
    expect(await db.quotes.count()).toBe(0);
    db.close();
  });

  it('refuses a second row for the same page version (canonical URL + content hash)', async () => {
    const db = openDb('unique', fresh());
    const row = { canonicalUrl: 'https://x.test/a', url: 'https://x.test/a', outlet: null, byline: null, title: null, published: null, firstSeen: 1, lastSeen: 1, contentHash: 'h', partial: false };
    await db.articles.add({ ...row });
    await expect(db.articles.add({ ...row })).rejects.toThrow();
    await db.articles.add({ ...row, contentHash: 'h-edited' });
    expect(await db.articles.where('canonicalUrl').equals('https://x.test/a').count()).toBe(2);
    expect((await findArticleVersion(db, 'https://x.test/a', 'h-edited'))?.contentHash).toBe('h-edited');
    expect(await findArticleVersion(db, 'https://x.test/a', 'nope')).toBeUndefined();
    db.close();
  });

  it('finds quotes by shared key through the postings table, not by scanning', async () => {
    const db = openDb('keys', fresh());
    const base = { text: 't', normText: 't', kind: 'statement' as const, speakerKey: null, speaker: null, cue: null, statement: 0, parts: 1, start: 0, end: 1, anchor: { prefix: '', exact: 't', suffix: '' }, groupId: 'g', seenAt: 1 };
    const rows = [
      { ...base, id: 1, articleId: 1, keys: ['a', 'b'] },
      { ...base, id: 2, articleId: 2, keys: ['b', 'c'] },
      { ...base, id: 3, articleId: 3, keys: ['d'] },
    ];
    await db.transaction('rw', [db.quotes, db.singles, db.postings], async () => {
      await db.quotes.bulkAdd(rows);
      await indexQuotes(db, rows);
    });
    expect((await keyPostings(db, ['b'], 16)).get('b')).toEqual([1, 2]);
    expect((await keyPostings(db, ['z'], 16)).get('z')).toEqual([]);
    expect(await articleQuotes(db, 2).count()).toBe(1);
    db.close();
  });
});

describe('upgrade from version 1', () => {
  it('keeps every v1 record and computes normalised text, keys, groups and speakers', async () => {
    const env = fresh();
    await createV1('upgrade', env);
    const db = openDb('upgrade', env);
    await db.open();
    expect(db.verno).toBe(DB_VERSION);

    // Nothing lost: every article and quote, field by field.
    const articles = await db.articles.orderBy('id').toArray();
    expect(articles).toHaveLength(V1_ARTICLES.length);
    for (const [i, a] of V1_ARTICLES.entries()) expect(articles[i]).toMatchObject({ ...a, lastSeen: a.firstSeen });
    const quotes = await db.quotes.orderBy('id').toArray();
    expect(quotes).toHaveLength(V1_QUOTES.length);
    for (const [i, q] of V1_QUOTES.entries()) expect(quotes[i]).toMatchObject(q);
    expect(await getSettings(db)).toEqual({ globalPaused: true, pausedSites: [] });

    // Computed from the v1 rows.
    for (const q of quotes) expect(q.normText).toBe(normalize(q.text));
    const [q1, q2, q3, q4, q5, q6] = quotes;
    // Keys index the whole statement (both parts of article 1's split quote).
    expect(q1.keys).toEqual(storedKeys(`${q1.text} ${q2.text}`));
    expect(q2.keys).toEqual(q1.keys);
    expect(q1.keys.length).toBeGreaterThan(0);
    expect(q3.keys).toEqual([]);
    expect(q1.parts).toBe(2);
    expect(q4.parts).toBe(1);
    // The same words in the edited version join the earliest version's group; others found their own.
    expect(q5.groupId).toBe(q1.groupId);
    expect(q2.groupId).toBe(q1.groupId);
    expect(q4.groupId).not.toBe(q1.groupId);
    expect(q3.groupId).not.toBe(q1.groupId);
    expect(new Set(quotes.map((q) => q.groupId)).size).toBe(4);
    expect(q6).toMatchObject({ speaker: null, speakerKey: null, cue: null, seenAt: 3000 });
    expect(q1.seenAt).toBe(1000);
    // Indexes answer their queries on upgraded rows; every key of every row has its posting.
    expect((await keyPostings(db, [q1.keys[0]], 16)).get(q1.keys[0])?.length).toBeGreaterThanOrEqual(3);
    for (const q of quotes) for (const k of q.keys) expect((await db.postings.get(k))?.ids).toContain(q.id);
    expect(await db.quotes.where('groupId').equals(q1.groupId).count()).toBe(3);
    expect(await db.articles.where('url').equals('https://apnews.com/a?x=1').count()).toBe(1);

    const speakers = await db.speakers.toArray();
    expect(speakers).toEqual([{ key: 'netanyahu', name: 'Netanyahu', aliases: ['Netanyahu', 'Benjamin Netanyahu'] }]);
    db.close();
  });

  it('upgrades an empty v1 database', async () => {
    const env = fresh();
    (await openAt('empty-v1', env, 1, SCHEMA_V1)).close();
    const db = openDb('empty-v1', env);
    await db.open();
    expect(db.verno).toBe(DB_VERSION);
    expect(await db.speakers.count()).toBe(0);
    db.close();
  });
});

describe('upgrade from version 2', () => {
  it('re-keys every quote from its whole statement, lists the single-term keys and loses nothing', async () => {
    const env = fresh();
    const v2 = await openAt('upgrade-v2', env, 2, SCHEMA_V2);
    const base = { normText: '', speakerKey: 'netanyahu', speaker: 'Netanyahu', cue: 'said', anchor: { prefix: '', exact: '', suffix: '' }, seenAt: 1000 };
    const rows = [
      { ...base, id: 1, articleId: 1, text: V1_QUOTES[0].text, kind: 'statement', statement: 0, parts: 2, start: 10, end: 80, keys: ['stale'], groupId: 'g1' },
      { ...base, id: 2, articleId: 1, text: NETANYAHU, kind: 'statement', statement: 0, parts: 2, start: 100, end: 198, keys: ['stale'], groupId: 'g1' },
      { ...base, id: 3, articleId: 1, text: 'terrorist organization', kind: 'term', statement: 1, parts: 1, start: 300, end: 322, keys: [], groupId: 'g2' },
      { ...base, id: 4, articleId: 2, text: 'alone', kind: 'statement', statement: 0, parts: 1, start: 5, end: 10, keys: ['old-single'], groupId: 'g3' },
    ];
    await v2.table('articles').bulkAdd(V1_ARTICLES.slice(0, 2).map((a) => ({ ...a, lastSeen: a.firstSeen })));
    await v2.table('quotes').bulkAdd(rows);
    await v2.table('speakers').put({ key: 'netanyahu', name: 'Netanyahu', aliases: ['Netanyahu'] });
    v2.close();

    const db = openDb('upgrade-v2', env);
    await db.open();
    expect(db.verno).toBe(DB_VERSION);
    const quotes = await db.quotes.orderBy('id').toArray();
    for (const [i, r] of rows.entries()) expect(quotes[i]).toMatchObject({ ...r, keys: quotes[i].keys });
    expect(await db.articles.count()).toBe(2);
    expect(await db.speakers.count()).toBe(1);
    // Keys: the whole split statement's, on both parts; none on the term; a marked single key on the one-word statement.
    const expected = statementKeys(rows as never);
    expect(quotes[0].keys).toEqual(expected.get('1:0'));
    expect(quotes[1].keys).toEqual(quotes[0].keys);
    expect(quotes[2].keys).toEqual([]);
    expect(quotes[3].keys.filter(isSingleKey)).toHaveLength(1);
    expect(await db.singles.toCollection().primaryKeys()).toEqual(quotes[3].keys.filter(isSingleKey));
    expect((await keyPostings(db, [quotes[0].keys[0]], 16)).get(quotes[0].keys[0])).toEqual([1, 2]);
    expect((await keyPostings(db, ['stale', 'old-single'], 16)).get('stale')).toEqual([]);
    db.close();
  });
});

describe('upgrade from version 3', () => {
  it('posts every quote under each of its keys, oldest first, and loses nothing', async () => {
    const env = fresh();
    const v3 = await openAt('upgrade-v3', env, 3, SCHEMA_V3);
    const base = { normText: '', speakerKey: null, speaker: null, cue: null, anchor: { prefix: '', exact: '', suffix: '' }, seenAt: 1000, kind: 'statement', parts: 1, start: 0, end: 1, groupId: 'g' };
    // More quotes than one upgrade step handles, and more carrying one key than a row keeps.
    const rows = Array.from({ length: 2_500 }, (_, i) => ({ ...base, id: i + 1, articleId: i + 1, statement: 0, text: `q${i}`, keys: [`own${i}`, 'common', ...(i % 2 ? ['odd'] : [])] }));
    await v3.table('quotes').bulkAdd(rows);
    v3.close();

    const db = openDb('upgrade-v3', env);
    await db.open();
    expect(db.verno).toBe(DB_VERSION);
    expect(await db.quotes.toArray()).toEqual(rows);
    expect(await db.postings.count()).toBe(2_502);
    expect((await db.postings.get('own2499'))?.ids).toEqual([2_500]);
    expect((await db.postings.get('common'))?.ids).toEqual(Array.from({ length: STORED_POSTINGS }, (_, i) => i + 1));
    expect((await db.postings.get('odd'))?.ids).toEqual(Array.from({ length: STORED_POSTINGS }, (_, i) => 2 * i + 2));
    db.close();
  });
});

describe('upgrade from version 4', () => {
  it('summarises every statement group for the quote log, and loses nothing', async () => {
    // A store written by today's code, copied row for row into a version-4 database.
    const now = openDb('v5-source', fresh());
    const page = (name: string, text: string, outlet: string) => ({ url: `https://${name}.test/s`, canonicalUrl: null, title: null, outlet, byline: null, published: null, text, partial: false });
    await analyzePage(now, page('a', '“We will never negotiate with terrorists under any circumstances,” Prime Minister Jane Doe said. It was a “dangerous gamble”.', 'A'), 1000);
    await analyzePage(now, page('b', 'Prime Minister Jane Doe said: “We will not negotiate with terrorists under these circumstances.”', 'B'), 2000);
    await analyzePage(now, page('c', '“The harvest this year was the best in a decade for our farmers,” said John Roe.', 'C'), 3000);
    const env = fresh();
    const v4 = await openAt('upgrade-v4', env, 4, SCHEMA_V4);
    for (const t of ['articles', 'quotes', 'singles', 'postings', 'speakers'] as const) await v4.table(t).bulkAdd(await now.table(t).toArray());
    v4.close();

    const db = openDb('upgrade-v4', env);
    await db.open();
    expect(db.verno).toBe(DB_VERSION);
    for (const t of ['articles', 'quotes', 'singles', 'postings', 'speakers'] as const) expect(await db.table(t).toArray()).toEqual(await now.table(t).toArray());
    expect(await db.groups.orderBy('groupId').toArray()).toEqual(await now.groups.orderBy('groupId').toArray());
    expect(await db.groups.count()).toBe(3);
    const reworded = (await db.groups.toArray()).filter((g) => g.relationKeys.some((k) => ['minor', 'reworded', 'altered'].includes(wordOf(k))));
    expect(reworded).toHaveLength(1);
    expect(reworded[0].wordKeys.map(wordOf)).toContain('negotiate');
    expect(await db.groups.where('wordKeys').startsWith('harvest ').primaryKeys()).toHaveLength(1);
    db.close();
    now.close();
  });
});

describe('upgrade from version 5', () => {
  it('lists each relation with each word and the word pairs of every group summary, and loses nothing', async () => {
    // A store written by today's code, copied into a version-5 database with its summaries as
    // version 5 wrote them (no relation-word or pair entries).
    const now = openDb('v6-source', fresh());
    const page = (name: string, text: string, outlet: string) => ({ url: `https://${name}.test/s`, canonicalUrl: null, title: null, outlet, byline: null, published: null, text, partial: false });
    await analyzePage(now, page('a', '“We will never negotiate with terrorists under any circumstances,” Prime Minister Jane Doe said.', 'A'), 1000);
    await analyzePage(now, page('b', 'Prime Minister Jane Doe said: “We will not negotiate with terrorists under these circumstances.”', 'B'), 2000);
    await analyzePage(now, page('c', '“The harvest this year was the best in a decade for our farmers,” said John Roe.', 'C'), 3000);
    const env = fresh();
    const v5 = await openAt('upgrade-v5', env, 5, SCHEMA_V5);
    for (const t of ['articles', 'quotes', 'singles', 'postings', 'speakers'] as const) await v5.table(t).bulkAdd(await now.table(t).toArray());
    await v5.table('groups').bulkAdd((await now.groups.toArray()).map(({ groupId, latestSeenAt, relationKeys, wordKeys }) => ({ groupId, latestSeenAt, relationKeys, wordKeys })));
    v5.close();

    const db = openDb('upgrade-v5', env);
    await db.open();
    expect(db.verno).toBe(DB_VERSION);
    for (const t of ['articles', 'quotes', 'singles', 'postings', 'speakers'] as const) expect(await db.table(t).toArray()).toEqual(await now.table(t).toArray());
    expect(await db.groups.orderBy('groupId').toArray()).toEqual(await now.groups.orderBy('groupId').toArray());
    const relation = (await db.groups.toArray()).flatMap((g) => g.relationKeys.map(wordOf))[0];
    expect(relation).toBeTruthy();
    expect(await db.groups.where('relationWordKeys').startsWith(`${relation} negotiate `).primaryKeys()).toHaveLength(1);
    expect(await db.groups.where('relationWordKeys').startsWith(`${relation} harvest `).primaryKeys()).toHaveLength(0);
    expect(await db.groups.where('pairKeys').startsWith('negotiate terrorists ').primaryKeys()).toHaveLength(1);
    expect(await db.groups.where('pairKeys').startsWith('best decade ').primaryKeys()).toHaveLength(1); // function words skipped
    expect(await db.groups.where('pairKeys').startsWith('terrorists negotiate ').primaryKeys()).toHaveLength(0);
    db.close();
    now.close();
  });
});

describe('postings', () => {
  const row = (id: number, keys: string[]) => ({ id, keys });

  it('keep at least as many quotes per key as a page reads', () => {
    expect(MAX_KEY_POSTINGS).toBeLessThanOrEqual(STORED_POSTINGS);
  });

  it('keep the oldest quotes of a key, take an older imported id into a full row, and refuse rows without ids', async () => {
    const db = openDb('postings-cap', fresh());
    const many = Array.from({ length: STORED_POSTINGS + 5 }, (_, i) => row(i + 10, ['k']));
    await db.transaction('rw', [db.singles, db.postings], async () => {
      await indexQuotes(db, many.slice(0, 3));
      await indexQuotes(db, many.slice(3));
    });
    const full = Array.from({ length: STORED_POSTINGS }, (_, i) => i + 10);
    expect((await db.postings.get('k'))?.ids).toEqual(full);
    await db.transaction('rw', [db.singles, db.postings], () => indexQuotes(db, [row(3, ['k']), row(500, ['k'])]));
    expect((await db.postings.get('k'))?.ids).toEqual([3, ...full.slice(0, -1)]);
    await expect(db.transaction('rw', [db.singles, db.postings], () => indexQuotes(db, [{ keys: ['k'] }]))).rejects.toThrow(/without its id/);
    // A large import in one call, newest first: the oldest ids win across its steps.
    const imported = Array.from({ length: 2_500 }, (_, i) => row(2_500 - i, ['m']));
    await db.transaction('rw', [db.singles, db.postings], () => indexQuotes(db, imported));
    expect((await db.postings.get('m'))?.ids).toEqual(Array.from({ length: STORED_POSTINGS }, (_, i) => i + 1));
    db.close();
  });

  it('take the rows a lookup read in the same transaction as read, and read only the others', async () => {
    const db = openDb('postings-known', fresh());
    await db.transaction('rw', [db.singles, db.postings], () => indexQuotes(db, [row(1, ['a', 'b'])]));
    await db.transaction('rw', [db.singles, db.postings], async () => {
      const whole = new Map<string, readonly number[]>();
      expect((await keyPostings(db, ['a', 'zz'], 1, whole)).get('a')).toEqual([1]);
      expect([...whole]).toEqual([['a', [1]], ['zz', []]]);
      await indexQuotes(db, [row(2, ['a', 'b', 'zz'])], whole);
    });
    expect(await db.postings.toArray()).toEqual([{ k: 'a', ids: [1, 2] }, { k: 'b', ids: [1, 2] }, { k: 'zz', ids: [2] }]);
    // A known row stays current across the steps of one large call.
    await db.transaction('rw', [db.singles, db.postings], async () => {
      const whole = new Map<string, readonly number[]>();
      await keyPostings(db, ['a'], 1, whole);
      await indexQuotes(db, Array.from({ length: 2_001 }, (_, i) => row(10 + i, ['a'])), whole);
    });
    expect((await db.postings.get('a'))?.ids).toEqual([1, 2, ...Array.from({ length: STORED_POSTINGS - 2 }, (_, i) => 10 + i)]);
    db.close();
  });

  it('forget deleted quotes and drop keys no quote carries any more', async () => {
    const db = openDb('postings-delete', fresh());
    await db.transaction('rw', [db.singles, db.postings], () => indexQuotes(db, [row(1, ['a', 'b']), row(2, ['b'])]));
    await db.transaction('rw', [db.postings], () => unindexQuotes(db, [row(1, ['a', 'b']), row(9, ['nowhere'])]));
    expect(await db.postings.get('a')).toBeUndefined();
    expect((await db.postings.get('b'))?.ids).toEqual([2]);
    db.close();
  });
});

describe('settings', () => {
  it('pauses and resumes sites and the whole extension', async () => {
    const db = openDb('settings', fresh());
    expect(await getSettings(db)).toEqual({ globalPaused: false, pausedSites: [] });
    let s = await setSitePaused(db, 'WWW.BBC.com', true);
    s = await setSitePaused(db, 'apnews.com', true);
    expect(s.pausedSites).toEqual(['apnews.com', 'www.bbc.com']);
    expect(isPaused(s, 'www.bbc.com')).toBe(true);
    expect(isPaused(s, 'nytimes.com')).toBe(false);
    s = await setSitePaused(db, 'www.bbc.com', false);
    expect(s.pausedSites).toEqual(['apnews.com']);
    s = await setSitePaused(db, 'apnews.com', true);
    expect(s.pausedSites).toEqual(['apnews.com']);
    s = await setGlobalPaused(db, true);
    expect(isPaused(s, 'nytimes.com')).toBe(true);
    expect((await setGlobalPaused(db, false)).globalPaused).toBe(false);
    db.close();
  });
});

describe('hashText', () => {
  it('is stable and distinguishes small edits', () => {
    expect(hashText('abc')).toBe(hashText('abc'));
    expect(hashText('abc')).not.toBe(hashText('abd'));
    expect(hashText('')).toMatch(/^[0-9a-z]{11}$/);
  });
});

describe('keyPostings', () => {
  const row = (id: number, keys: string[]) => ({ id, articleId: 1, text: `q${id}`, normText: `q${id}`, kind: 'statement' as const, speaker: null, speakerKey: null, statement: id, start: id, end: id + 1, anchor: { prefix: '', exact: '', suffix: '' }, keys, groupId: `g${id}`, seenAt: id });

  it('reads each key once, oldest ids first, at most max per key; unknown keys and no keys give empty lists', async () => {
    const db = openDb('postings', fresh());
    const rows = [row(1, ['a', 'b']), row(2, ['a']), row(3, ['a', 'c']), row(4, ['b'])];
    await db.transaction('rw', [db.quotes, db.singles, db.postings], async () => {
      await db.quotes.bulkPut(rows as never);
      await indexQuotes(db, rows);
    });
    const read = await keyPostings(db, ['a', 'b', 'a', 'zz'], 2);
    expect([...read.keys()]).toEqual(['a', 'b', 'zz']);
    expect(read.get('a')).toEqual([1, 2]);
    expect(read.get('b')).toEqual([1, 4]);
    expect(read.get('zz')).toEqual([]);
    expect((await keyPostings(db, [], 2)).size).toBe(0);
    db.close();
  });

  it('reads inside an enclosing read-write transaction, seeing its own writes', async () => {
    const db = openDb('postings-rw', fresh());
    const read = await db.transaction('rw', [db.articles, db.quotes, db.singles, db.postings], async () => {
      await db.quotes.put(row(7, ['k']) as never);
      await indexQuotes(db, [row(7, ['k'])]);
      return keyPostings(db, ['k'], 16);
    });
    expect(read.get('k')).toEqual([7]);
    db.close();
  });

  it('reads a single-term key only when a stored statement carries it', async () => {
    const db = openDb('postings-singles', fresh());
    const rows = [row(1, ['=one', 'p']), row(2, ['p'])];
    await db.transaction('rw', [db.quotes, db.singles, db.postings], async () => {
      await db.quotes.bulkPut(rows as never);
      await indexQuotes(db, rows);
    });
    expect(await db.singles.toCollection().primaryKeys()).toEqual(['=one']);
    const read = await keyPostings(db, ['=one', '=two', 'p'], 16);
    expect(read.get('=one')).toEqual([1]);
    expect(read.get('=two')).toEqual([]);
    expect(read.get('p')).toEqual([1, 2]);
    db.close();
  });
});
