// A quote that says "constructor", "__proto__", "toString" or "hasOwnProperty" goes through the
// whole store like any other words: it is stored, found by a search, exported and imported, and
// an older store holding it upgrades. (The word tables themselves: test/word-tables.test.ts.)
import { describe, expect, it } from 'vitest';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import Dexie from 'dexie';
import { DB_VERSION, SCHEMA_V3, openDb, type VerbatimDb } from '../lib/store/db';
import { analyzePage } from '../lib/store/analyze-page';
import { listGroups } from '../lib/store/quote-log';
import { exportCsv, exportJson, exportMarkdown, importJson } from '../lib/store/export';
import type { PagePayload } from '../lib/types';

const TEXT = [
  'Officials met the builders on Monday.',
  '“The constructor’s plan will not work for this city at all,” Mayor Jane Smith said.',
  '“Every toString and hasOwnProperty in the code was checked twice,” said John Roe, the engineer.',
  '“Nobody here touched __proto__ or the constructors this week,” the engineer, John Roe, said.',
].join('\n');

const env = () => ({ indexedDB: new IDBFactory(), IDBKeyRange });
let n = 0;

function payload(text: string): PagePayload {
  return { url: 'https://words.test/story', canonicalUrl: null, title: 'Builders', outlet: 'Words Daily', byline: null, published: null, text, partial: false };
}

async function search(db: VerbatimDb, text: string): Promise<number> {
  return (await listGroups(db, { text, offset: 0, limit: 50 } as Parameters<typeof listGroups>[1])).groups.length;
}

describe('a quote holding an inherited name, through the store', () => {
  it('is stored with its speaker, found by a search for the word, exported and imported', async () => {
    const db = openDb(`words-${n++}`, env());
    const page = await analyzePage(db, payload(TEXT), 1000);
    expect(page.quotes.map((q) => q.speaker)).toEqual(['Jane Smith', 'John Roe', 'John Roe']);
    expect(await db.quotes.count()).toBe(3);
    // "constructors" is the same word as "constructor" to a search.
    for (const [word, groups] of [['constructor', 2], ['tostring', 1], ['hasownproperty', 1], ['proto', 1]] as const) expect(await search(db, word), word).toBe(groups);
    for (const out of [await exportCsv(db), await exportMarkdown(db)]) expect(out).toContain('constructor');
    const copy = openDb(`words-${n++}`, env());
    const result = await importJson(copy, await exportJson(db, 2000));
    expect(result).toMatchObject({ ok: true });
    expect((await copy.quotes.toArray()).map((q) => q.text).sort()).toEqual((await db.quotes.toArray()).map((q) => q.text).sort());
    expect(await search(copy, 'constructor')).toBe(2);
  });
  it('an older store holding it upgrades to the current version', async () => {
    const now = openDb(`words-${n++}`, env());
    await analyzePage(now, payload(TEXT), 1000);
    const older = env();
    const old = new Dexie('older', older);
    old.version(3).stores(SCHEMA_V3);
    await old.open();
    for (const t of ['articles', 'quotes', 'singles', 'speakers']) await old.table(t).bulkAdd(await now.table(t).toArray());
    old.close();
    const db = openDb('older', older);
    await db.open();
    expect(db.verno).toBe(DB_VERSION);
    expect(await search(db, 'constructor')).toBe(2);
  });
});
