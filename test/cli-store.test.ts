// The command line's on-disk store (scripts/cli/sqlite-*.ts): keys keep IndexedDB's order as
// SQLite bytes, the extension's store logic gives the same database on it as on IndexedDB, and a
// scan killed midway leaves a store the next scan resumes from.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cmp } from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { compareKeys, decodeKey, encodeKey } from '../scripts/cli/sqlite-keys';
import { openSqliteDb } from '../scripts/cli/sqlite-db';
import { openDb, type VerbatimDb } from '../lib/store/db';
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
