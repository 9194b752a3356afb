// Upgrading a store across several versions that change the group summaries builds them once, and
// to the shape today's code writes (outlet-word entries of schema v7 included); the articles'
// outlet index of schema v8 is built from the stored rows alone, and the pending summaries of
// schema v9 start empty.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import Dexie from 'dexie';
import { DB_VERSION, SCHEMA_V3, SCHEMA_V4, SCHEMA_V5, SCHEMA_V6, SCHEMA_V7, SCHEMA_V8, openDb, type VerbatimDb } from '../lib/store/db';
import { listGroups } from '../lib/store/quote-log';
import { analyzePage } from '../lib/store/analyze-page';
import { outletTerm, refreshGroups } from '../lib/store/groups';

// Every call of refreshGroups from another module (the upgrades) is counted with the groups it
// summarised.
const summarised = vi.hoisted(() => ({ calls: [] as string[][] }));
vi.mock('../lib/store/groups', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../lib/store/groups')>();
  return {
    ...actual,
    refreshGroups: async (...args: Parameters<typeof actual.refreshGroups>) => {
      summarised.calls.push([...args[1]]);
      return actual.refreshGroups(...args);
    },
  };
});

function fresh() {
  return { indexedDB: new IDBFactory(), IDBKeyRange };
}

const page = (name: string, text: string, outlet: string) => ({ url: `https://${name}.test/s`, canonicalUrl: null, title: null, outlet, byline: null, published: null, text, partial: false });

/** A store written by today's code: three articles from three outlets, one statement in two. */
async function today(): Promise<VerbatimDb> {
  const now = openDb(`today-${Math.random()}`, fresh());
  await analyzePage(now, page('a', '“We will never negotiate with terrorists under any circumstances,” Prime Minister Jane Doe said.', 'Paper A'), 1000);
  await analyzePage(now, page('b', 'Prime Minister Jane Doe said: “We will not negotiate with terrorists under these circumstances.”', 'Le Monde'), 2000);
  await analyzePage(now, page('c', '“The harvest this year was the best in a decade for our farmers,” said John Roe.', 'Farm News'), 3000);
  return now;
}

/** Today's rows copied into a store at an older version (its summaries as that version wrote them). */
async function olderStore(now: VerbatimDb, env: ReturnType<typeof fresh>, version: number, schema: Record<string, string>): Promise<void> {
  const old = new Dexie('older', env);
  old.version(version).stores(schema);
  await old.open();
  const tables = ['articles', 'quotes', 'singles', 'speakers', ...(version >= 4 ? ['postings'] : [])];
  for (const t of tables) await old.table(t).bulkAdd(await now.table(t).toArray());
  if (version >= 5) {
    const groups = await now.groups.toArray();
    await old.table('groups').bulkAdd(
      version >= 7
        ? groups
        : groups.map(({ groupId, latestSeenAt, relationKeys, wordKeys, relationWordKeys, pairKeys }) => ({ groupId, latestSeenAt, relationKeys, wordKeys, ...(version >= 6 ? { relationWordKeys, pairKeys } : {}) })),
    );
  }
  old.close();
}

beforeEach(() => {
  summarised.calls = [];
});

/** Today's store, a copy of it at an older version, and that copy opened by today's code (the
 *  summaries its upgrade wrote counted from here). */
async function upgraded(version: number, schema: Record<string, string>): Promise<{ now: VerbatimDb; db: VerbatimDb }> {
  const now = await today();
  const env = fresh();
  await olderStore(now, env, version, schema);
  summarised.calls = [];
  const db = openDb('older', env);
  await db.open();
  return { now, db };
}

describe('upgrading across the versions that change group summaries', () => {
  for (const [version, schema] of [
    [3, SCHEMA_V3],
    [4, SCHEMA_V4],
    [5, SCHEMA_V5],
    [6, SCHEMA_V6],
  ] as const) {
    it(`summarises every group once from version ${version}, as today's code does, and loses nothing`, async () => {
      const { now, db } = await upgraded(version, schema);
      expect(db.verno).toBe(DB_VERSION);
      expect(summarised.calls).toHaveLength(1);
      expect(summarised.calls[0].sort()).toEqual((await now.groups.toCollection().primaryKeys()).sort());
      for (const t of ['articles', 'quotes', 'singles', 'postings', 'speakers'] as const) expect(await db.table(t).toArray()).toEqual(await now.table(t).toArray());
      expect(await db.groups.orderBy('groupId').toArray()).toEqual(await now.groups.orderBy('groupId').toArray());
      // The outlet-word index answers: the statement both outlets quoted, the harvest only Farm News did.
      const under = (outlet: string, word: string) => db.groups.where('outletWordKeys').startsWith(`${outletTerm(outlet)} ${word} `).primaryKeys();
      expect(await under('Le Monde', 'negotiate')).toHaveLength(1);
      expect(await under('Paper A', 'negotiate')).toHaveLength(1);
      expect(await under('Farm News', 'harvest')).toHaveLength(1);
      expect(await under('Le Monde', 'harvest')).toHaveLength(0);
      // So does the prefix index: the groups with a word that starts "ne", "har".
      expect(await db.groups.where('prefixKeys').startsWith('ne ').primaryKeys()).toHaveLength(1);
      expect(await db.groups.where('prefixKeys').startsWith('har ').primaryKeys()).toHaveLength(1);
      db.close();
      now.close();
    });
  }

  for (const [version, schema] of [
    [7, SCHEMA_V7],
    [8, SCHEMA_V8],
  ] as const) {
    it(`opens a version ${version} store with its articles indexed by outlet, no summary pending or written again, and loses nothing`, async () => {
      const { now, db } = await upgraded(version, schema);
      expect(db.verno).toBe(DB_VERSION);
      expect(summarised.calls).toHaveLength(0);
      expect(await db.pendingGroups.count()).toBe(0);
      for (const t of ['articles', 'quotes', 'singles', 'postings', 'speakers', 'groups'] as const) expect(await db.table(t).toArray()).toEqual(await now.table(t).toArray());
      expect(await db.articles.orderBy('outlet').uniqueKeys()).toEqual(['Farm News', 'Le Monde', 'Paper A']);
      expect(await db.articles.where('outlet').equals('Le Monde').count()).toBe(1);
      // The outlet filter answers through it, with and without words.
      const ids = async (outlet: string, text?: string) => (await listGroups(db, { outlet, text, offset: 0, limit: 10 })).groups.map((g) => g.groupId);
      expect(await ids('monde', 'negotiate')).toEqual(await ids('paper', 'negotiate'));
      expect(await ids('monde', 'negotiate')).toHaveLength(1);
      expect(await ids('farm')).toHaveLength(1);
      expect(await ids('farm', 'negotiate')).toEqual([]);
      expect(await ids('nobody')).toEqual([]);
      db.close();
      now.close();
    });
  }

  it('opens a current store without summarising again', async () => {
    const now = await today();
    now.close();
    summarised.calls = [];
    await now.open();
    expect(summarised.calls).toHaveLength(0);
    now.close();
  });

  it('counts the summaries an upgrade writes through refreshGroups (the count above can fail)', async () => {
    const db = openDb('count', fresh());
    await db.open();
    await refreshGroups(db, ['a', 'b']);
    expect(summarised.calls).toEqual([['a', 'b']]);
    db.close();
  });
});
