// The command line's on-disk store (scripts/cli/sqlite-*.ts): keys keep IndexedDB's order as
// SQLite bytes, the extension's store logic gives the same database on it as on IndexedDB, and a
// scan killed midway leaves a store the next scan resumes from.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Dexie, { cmp } from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { compareKeys, decodeKey, encodeKey } from '../scripts/cli/sqlite-keys';
import { openSqliteDb } from '../scripts/cli/sqlite-db';
import { openDb, type VerbatimDb } from '../lib/store/db';
import type { ArticleRow } from '../lib/types';
import { analyzePage } from '../lib/store/analyze-page';
import { exportJson } from '../lib/store/export';
import { loadPayload } from '../scripts/scan-load';

const PAGES = path.resolve(__dirname, 'fixtures', 'pages');

/** Keys of every kind IndexedDB orders, with the edge cases of each coding. */
function sampleKeys(): unknown[] {
  const numbers = [0, -0, 1, -1, 0.5, -0.5, 1e-300, -1e-300, 2 ** 53, -(2 ** 53), 1e300, Infinity, -Infinity, 42, 43];
  const strings = ['', 'a', 'ab', 'b', 'A', '\u0000', '\u007e', '\u007f', '\u0080', '\u407e', '\u407f', '\uffff', 'é', '😀', 'a b', 'a\u0000'];
  const dates = [new Date(0), new Date(-1), new Date(1e12)];
  const arrays: unknown[] = [[], [0], [0, 0], [1], ['a'], ['a', 'b'], ['ab'], [[]], [[0]], [1, 'a'], ['a', 1], [new Date(5)], [[], []]];
  return [...numbers, ...strings, ...dates, ...arrays];
}

describe('the SQLite key coding', () => {
  it("sorts coded keys in IndexedDB's order (Dexie.cmp) and decodes them back", () => {
    const keys = sampleKeys();
    for (const a of keys) {
      expect(decodeKey(encodeKey(a))).toEqual(Object.is(a, -0) ? 0 : a);
      for (const b of keys) expect(Math.sign(compareKeys(encodeKey(a), encodeKey(b)))).toBe(cmp(a, b));
    }
  });

  it('refuses what IndexedDB refuses as a key', () => {
    for (const bad of [NaN, null, undefined, true, {}, [NaN], new Date(NaN)]) expect(() => encodeKey(bad)).toThrow();
  });
});

describe('the extension store on SQLite', () => {
  it('stores the fixture pages into the same database as IndexedDB does', async () => {
    const files = fs
      .readdirSync(PAGES, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.html'))
      .sort()
      .map((f) => path.join(PAGES, f));
    const fill = async (db: VerbatimDb) => {
      for (const [i, file] of files.entries()) {
        const loaded = await loadPayload(file);
        if ('error' in loaded) throw new Error(loaded.error);
        await analyzePage(db, loaded.payload, 1_700_000_000_000 + i * 60_000, loaded.extracted);
      }
      // twice: the second pass is all revisits
      for (const file of files.slice(0, 2)) {
        const loaded = await loadPayload(file);
        if (!('error' in loaded)) await analyzePage(db, loaded.payload, 1_800_000_000_000, loaded.extracted);
      }
      return exportJson(db, 0);
    };
    const idb = openDb('same-db', { indexedDB: new IDBFactory(), IDBKeyRange });
    const sqlite = openSqliteDb(':memory:');
    try {
      const [a, b] = [await fill(idb), await fill(sqlite)];
      expect(JSON.parse(a).articles.length).toBe(files.length);
      expect(b).toBe(a);
    } finally {
      idb.close();
      sqlite.close();
    }
  }, 120_000);

  it("gives a one-off scan's pages (no group summaries) the results and store of the extension's pipeline", async () => {
    const files = fs
      .readdirSync(PAGES, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.html'))
      .sort()
      .map((f) => path.join(PAGES, f));
    const kept = openSqliteDb(':memory:');
    const oneOff = openSqliteDb(':memory:');
    try {
      for (const [i, file] of files.entries()) {
        const loaded = await loadPayload(file);
        if ('error' in loaded) throw new Error(loaded.error);
        const now = 1_700_000_000_000 + i * 60_000;
        const a = await analyzePage(kept, loaded.payload, now);
        const b = await analyzePage(oneOff, loaded.payload, now, loaded.extracted, { groupSummaries: false });
        expect(JSON.stringify(b)).toBe(JSON.stringify(a));
      }
      expect(await kept.groups.count()).toBeGreaterThan(0);
      expect(await oneOff.groups.count()).toBe(0);
      expect(await exportJson(oneOff, 0)).toBe(await exportJson(kept, 0));
    } finally {
      kept.close();
      oneOff.close();
    }
  }, 120_000);

  it('keeps what was committed when reopened, and nothing of an aborted transaction', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'verbatim-store-')), 'store.db');
    const db = openSqliteDb(file);
    await db.settings.put({ key: 'kept', value: 1 });
    await expect(
      db.transaction('rw', db.settings, async () => {
        await db.settings.put({ key: 'dropped', value: 2 });
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    db.close();
    const again = openSqliteDb(file);
    try {
      expect((await again.settings.toArray()).map((s) => s.key)).toEqual(['kept']);
    } finally {
      again.close();
    }
  });
});

describe('the SQLite store within transactions', () => {
  /** An article row with only what its indexes need. */
  const article = (n: number) => ({ canonicalUrl: `https://example.org/${n}`, url: `https://example.org/${n}`, contentHash: `h${n}`, lastSeen: n }) as unknown as ArticleRow;
  /** Every key of the singles table, read raw as lib/store/postings.ts reads it. */
  const singleKeys = (db: VerbatimDb) =>
    db.transaction('r', db.singles, (tx) => {
      const req = (tx as unknown as { idbtrans: IDBTransaction }).idbtrans.objectStore('singles').getAllKeys();
      return new Promise<unknown[]>((resolve, reject) => {
        req.onsuccess = () => resolve(req.result as unknown[]);
        req.onerror = () => reject(req.error);
      });
    });

  it('numbers rows on from the last committed one after a reopen, and an aborted transaction takes its numbers back', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'verbatim-store-')), 'store.db');
    const db = openSqliteDb(file);
    expect(await db.articles.bulkAdd([article(1), article(2)], { allKeys: true })).toEqual([1, 2]);
    await expect(
      db.transaction('rw', db.articles, async () => {
        expect(await db.articles.add(article(3))).toBe(3);
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    expect(await db.articles.add(article(4))).toBe(3);
    db.close();
    const again = openSqliteDb(file);
    try {
      expect(await again.articles.add(article(5))).toBe(4);
      expect(await again.articles.toCollection().primaryKeys()).toEqual([1, 2, 3, 4]);
    } finally {
      again.close();
    }
  });

  it("reads a table's keys whole as they are now: after a write, and after a rolled-back write", async () => {
    const db = openSqliteDb(':memory:');
    try {
      await db.singles.bulkPut([{ k: 'b' }, { k: 'a' }]);
      expect(await singleKeys(db)).toEqual(['a', 'b']);
      (await singleKeys(db)).push('changed by a caller');
      expect(await singleKeys(db)).toEqual(['a', 'b']);
      await db.singles.put({ k: 'c' });
      expect(await singleKeys(db)).toEqual(['a', 'b', 'c']);
      await expect(
        db.transaction('rw', db.singles, async () => {
          await db.singles.put({ k: 'd' });
          expect(await singleKeys(db)).toEqual(['a', 'b', 'c', 'd']);
          throw new Error('stop');
        }),
      ).rejects.toThrow('stop');
      expect(await singleKeys(db)).toEqual(['a', 'b', 'c']);
      await db.singles.delete('a');
      expect(await singleKeys(db)).toEqual(['b', 'c']);
    } finally {
      db.close();
    }
  });
});

describe('transactions on SQLite keep IndexedDB timing', () => {
  /** Plain async work between requests, as the page pipeline awaits its own helpers. */
  const nativeAwaits = async (depth: number): Promise<number> => (depth === 0 ? 0 : 1 + (await nativeAwaits(depth - 1)));

  /** The shape of a page's lookup: `width` statements matched side by side (Promise.all), each a
   *  chain of `depth` native awaits between its requests, one of them a nested read transaction
   *  (as keyPostings opens inside the page's write transaction). Resolves to whether every step
   *  ran inside the write transaction and read what it had written. */
  async function parallelChains(width: number, depth: number): Promise<boolean> {
    const db = openSqliteDb(':memory:');
    try {
      await db.settings.bulkPut(Array.from({ length: width + 1 }, (_, i) => ({ key: `k${i}`, value: i })));
      const steps: boolean[] = [];
      await db.transaction('rw', db.settings, async (tx) => {
        for (let round = 0; round < 10; round++) {
          await Promise.all(
            Array.from({ length: width }, async (_, j) => {
              await nativeAwaits(depth);
              const row = await db.settings.get(`k${j}`);
              await nativeAwaits(depth);
              const again = await db.transaction('r', db.settings, () => db.settings.get(`k${j}`));
              const both = await db.settings.bulkGet([`k${j}`, `k${j + 1}`]);
              steps.push(Dexie.currentTransaction === tx && row?.value === again?.value && both[0]?.value === row?.value);
            }),
          );
          await db.settings.put({ key: `k${round % width}`, value: round + 100 });
        }
      });
      return steps.length === 10 * width && steps.every(Boolean);
    } finally {
      db.close();
    }
  }

  it('keeps a transaction through parallel chains of native awaits: their reads join it, none starts a transaction of its own', async () => {
    // Results handed back in the same turn broke some of these shapes, not all (Dexie follows a
    // zone across native awaits by counting them): several are tried.
    const shapes: [number, number][] = [];
    for (const width of [2, 3, 4, 5, 6]) for (const depth of [20, 30, 40]) shapes.push([width, depth]);
    const broken: string[] = [];
    for (const [width, depth] of shapes) {
      const ok = await parallelChains(width, depth).catch((e: Error) => (broken.push(`${width}x${depth}: ${e.name}`), true));
      if (!ok) broken.push(`${width}x${depth}`);
    }
    expect(broken).toEqual([]);
  });
});

describe("the command line's Dexie", () => {
  it("leaves out Dexie's live-query middlewares, under the names Dexie gives them", () => {
    const names = (db: Dexie) => ((db as unknown as { _middlewares: { dbcore?: { name?: string }[] } })._middlewares.dbcore ?? []).map((m) => m.name);
    const plain = new Dexie('plain', { indexedDB: new IDBFactory(), IDBKeyRange });
    const sqlite = openSqliteDb(':memory:');
    try {
      // Dexie still has them: left out by name, they would silently stay if renamed
      expect(names(plain)).toEqual(expect.arrayContaining(['Observability', 'Cache']));
      expect(names(sqlite)).not.toContain('Observability');
      expect(names(sqlite)).not.toContain('Cache');
      expect(names(sqlite)).toContain('sqlite');
    } finally {
      plain.close();
      sqlite.close();
    }
  });
});
