// Import files from an attacker or an unlucky user: each gives a clean import or a short, clear
// message, and a refused file leaves the store exactly as it was.
import { describe, it, expect } from 'vitest';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { openDb, type VerbatimDb } from '../lib/store/db';
import { analyzePage } from '../lib/store/analyze-page';
import { deleteAll } from '../lib/store/quote-log';
import { exportCsv, exportJson, exportMarkdown, importJson, MAX_IMPORT_BYTES, type ImportResult } from '../lib/store/export';
import { storedKeys } from '../lib/matching/fingerprint';
import { getSettings, setGlobalPaused } from '../lib/store/settings';
import type { PagePayload } from '../lib/types';
import { storeTables } from './support/store-tables';
import { seededRandom as rng } from './support/seeded-random';

const T0 = Date.UTC(2024, 2, 22, 12);
const MINUTE = 60_000;
/** Longest error message a refused file may produce: MAX_REPORTED_ERRORS short lines. */
const MAX_MESSAGE_CHARS = 2_000;

let dbCount = 0;
function fresh(): VerbatimDb {
  return openDb(`hostile-${dbCount++}`, { indexedDB: new IDBFactory(), IDBKeyRange });
}

function payload(name: string, text: string, outlet: string): PagePayload {
  return { url: `https://${name}.test/story`, canonicalUrl: null, title: `Story in ${outlet}`, outlet, byline: null, published: '2024-03-22T10:00:00Z', text, partial: false };
}

const A = '“We will never negotiate with terrorists under any circumstances,” Prime Minister Jane Doe said.\nThe opposition called it a “dangerous gamble”.';
const C = '“The harvest this year was the best in a decade for our farmers,” said John Roe, the agriculture minister.';
const D = '“Tariffs will rise on imported steel and aluminium next month,” the trade secretary said.';

async function sourceFile(): Promise<string> {
  const src = fresh();
  await analyzePage(src, payload('a', A, 'Paper A'), T0);
  await analyzePage(src, payload('c', C, 'Farm News'), T0 + MINUTE);
  const json = await exportJson(src, T0 + 2 * MINUTE);
  src.close();
  return json;
}


/** A store holding one page of its own. */
async function target(): Promise<VerbatimDb> {
  const db = fresh();
  await analyzePage(db, payload('d', D, 'Trade Weekly'), T0 - MINUTE);
  return db;
}

/** Import `input` into a store holding one page; a refused file must leave it unchanged and say why
 *  briefly; an accepted one must leave a store whose every quote is findable and whose pages still
 *  analyse. */
async function attempt(input: string | Blob): Promise<ImportResult> {
  const db = await target();
  const before = await storeTables(db);
  let result: ImportResult;
  try {
    result = await importJson(db, input);
  } catch (err) {
    throw new Error(`import threw instead of answering: ${(err as Error).name}: ${(err as Error).message.slice(0, 200)}`);
  }
  if (!result.ok) {
    expect(result.error).toMatch(/^Nothing was imported: /);
    expect(result.error.length).toBeLessThan(MAX_MESSAGE_CHARS);
    expect(await storeTables(db)).toEqual(before);
  } else {
    const after = await storeTables(db);
    const articleIds = new Set(after.articles.map((a) => a.id));
    for (const q of after.quotes) {
      expect(articleIds.has(q.articleId)).toBe(true);
      for (const k of q.keys) expect(after.postings.find((p) => p.k === k)?.ids).toContain(q.id);
    }
    await exportCsv(db);
    await exportMarkdown(db);
    expect((await analyzePage(db, payload('e', C, 'Other Farm Paper'), T0 + 9 * MINUTE)).quotes).toHaveLength(1);
  }
  db.close();
  return result;
}

/** Stands in a file for a value nested 10,000 deep (JSON.stringify itself cannot write one). */
const DEEP = '@deep@';

/** A JSON text nested `depth` deep, written without JSON.stringify (which would overflow). */
function nestedJson(depth: number): string {
  return `${'['.repeat(depth)}1${']'.repeat(depth)}`;
}

describe('ids come from the store, never from the file', () => {
  it('an imported id of 2^53 − 1 does not spend the key generator: later pages are still stored', async () => {
    const file = JSON.parse(await sourceFile());
    const top = Number.MAX_SAFE_INTEGER;
    const old = file.articles[1].id;
    file.articles[1].id = top;
    for (const q of file.quotes) if (q.articleId === old) q.articleId = top;
    file.quotes[file.quotes.length - 1].id = top;
    const db = await target();
    expect((await importJson(db, JSON.stringify(file))).ok).toBe(true);
    expect(Math.max(...(await db.articles.toCollection().primaryKeys()))).toBeLessThan(100);
    expect(Math.max(...(await db.quotes.toCollection().primaryKeys()))).toBeLessThan(100);
    const r = await analyzePage(db, payload('e', C, 'Other Farm Paper'), T0 + 9 * MINUTE);
    expect(r.quotes[0].variants.map((v) => v.outlet)).toEqual(['Farm News']);
    db.close();
  });

  it('"Delete everything" recovers a store whose key generator is spent, and keeps the settings', async () => {
    const db = fresh();
    await setGlobalPaused(db, true);
    // A store written by an import that kept the file's ids (2^53: the id after which no browser
    // generates another; fake-indexeddb stops one id later than Chromium does).
    await db.articles.add({ ...payload('x', C, 'X'), id: 2 ** 53, contentHash: 'h', firstSeen: T0, lastSeen: T0, canonicalUrl: 'https://x.test/story' } as never);
    await expect(analyzePage(db, payload('a', A, 'Paper A'), T0)).rejects.toThrow();
    await deleteAll(db);
    expect(await db.articles.count()).toBe(0);
    expect((await analyzePage(db, payload('a', A, 'Paper A'), T0)).quotes.length).toBeGreaterThan(0);
    expect((await getSettings(db)).globalPaused).toBe(true);
    db.close();
  });
});

describe('merging into a stored page version', () => {
  it('keeps one row per span: a changed copy of a stored quote is not appended', async () => {
    const file = JSON.parse(await sourceFile());
    const farm = file.articles.find((a: { outlet: string }) => a.outlet === 'Farm News');
    const q = file.quotes.find((x: { articleId: number }) => x.articleId === farm.id);
    // The same page version, its quote's words changed (same length, anchor to match) and split off.
    q.text = q.text.replace('harvest', 'HARVEST');
    q.anchor.exact = q.text;
    q.statement = 7;
    const db = fresh();
    await analyzePage(db, payload('c', C, 'Farm News'), T0 + 5 * MINUTE);
    const result = await importJson(db, JSON.stringify(file));
    expect(result.ok && result.merged.articles).toBe(1);
    const stored = await db.articles.filter((a) => a.outlet === 'Farm News').toArray();
    expect(stored).toHaveLength(1);
    const rows = await db.quotes.where('[articleId+statement]').between([stored[0].id, -Infinity], [stored[0].id, Infinity]).toArray();
    expect(rows.map((r) => r.text)).toEqual(['The harvest this year was the best in a decade for our farmers,']);
    expect(rows[0].keys).toEqual(storedKeys(rows[0].text));
    db.close();
  });

  it('refuses a file with two rows for the same words of one page', async () => {
    const file = JSON.parse(await sourceFile());
    file.quotes.push({ ...file.quotes[0], id: 999, statement: 9 });
    const r = await attempt(JSON.stringify(file));
    expect(!r.ok && r.error).toMatch(/quotes\[\d+\]: the same words of the same article as quotes\[0\]/);
  });
});

describe('every value is bounded, every message short', () => {
  type Row = Record<string, unknown>;
  type File = { articles: Row[]; quotes: Row[]; speakers: Row[] };
  type Case = [name: string, mutate: (f: File) => void, message: RegExp];
  const TEN_MB = 'x'.repeat(10 * 1024 * 1024);
  const cases: Case[] = [
    ['a date of 1e300', (f: File) => void (f.articles[0].firstSeen = 1e300), /articles\[0\]\.firstSeen: expected a number \(ms since 1970/],
    ['a negative date', (f: File) => void (f.quotes[0].seenAt = -1), /quotes\[0\]\.seenAt: expected a number/],
    ['a date past year 9999', (f: File) => void (f.quotes[1].seenAt = 8.64e15), /quotes\[1\]\.seenAt/],
    ['an offset of 1e300', (f: File) => void (f.quotes[0].end = 1e300), /quotes\[0\]\.end: expected an integer from 0 to/],
    ['a fractional statement', (f: File) => void (f.quotes[0].statement = 0.5), /quotes\[0\]\.statement: expected an integer/],
    ['an unsafe id', (f: File) => void (f.articles[0].id = 2 ** 60), /articles\[0\]\.id: expected a positive integer id/],
    ['text that is not the span', (f: File) => void (f.quotes[0].text = 'short'), /quotes\[0\]\.text: its length is not end − start/],
    ['an anchor that is not the text', (f: File) => void ((f.quotes[0].anchor as { exact: string }).exact = 'other'), /quotes\[0\]\.anchor\.exact: not the quote's text/],
    ['a 10 MB title', (f: File) => void (f.articles[0].title = TEN_MB), /articles\[0\]\.title: longer than 2000 characters \(10485760\)/],
    ['a 10 MB format', (f: File) => void ((f as unknown as Row).format = TEN_MB), /format: expected "verbatim", found a string of 10485760 characters/],
    ['a 10 MB alias', (f: File) => void (f.speakers[0].aliases = [TEN_MB]), /speakers\[0\]\.aliases: expected an array of strings \(\[0\]: longer than/],
    ['a 10 MB field name', (f: File) => void (f.quotes[0][TEN_MB] = 1), /quotes\[0\]\.x{40}…: not a field of a Verbatim export/],
    ['a huge key list', (f: File) => void (f.quotes[0].keys = Array.from({ length: 20_000 }, () => 'k')), /quotes\[0\]\.keys: more than 10000 entries/],
    ['deep nesting in a field', (f: File) => void (f.quotes[0].cue = DEEP), /quotes\[0\]\.cue: expected a string or null, found an array of 1/],
    ['deep nesting as the format', (f: File) => void ((f as unknown as Row).format = DEEP), /format: expected "verbatim", found an array of 1/],
    ['deep nesting in an extra field', (f: File) => void (f.articles[0].extra = DEEP), /articles\[0\]\.extra: not a field of a Verbatim export/],
    ['a "__proto__" field', (f: File) => void Object.defineProperty(f.quotes[0], '__proto__', { value: { text: 'x' }, enumerable: true }), /quotes\[0\]\.__proto__: not a field/],
    ['a "constructor" field', (f: File) => void (f.articles[0]['constructor' as string] = { prototype: { polluted: true } }), /articles\[0\]\.constructor: not a field/],
    ['a "__proto__" field at the top', (f: File) => void Object.defineProperty(f, '__proto__', { value: { format: 'verbatim' }, enumerable: true }), /__proto__: not a field/],
    ['a speaker key "constructor" twice', (f: File) => void f.speakers.push({ ...f.speakers[0], key: 'constructor' }, { ...f.speakers[0], key: 'constructor' }), /speakers\[\d\]\.key: "constructor" appears twice/],
    ['quotes as a string', (f: File) => void ((f as unknown as Row).quotes = 'none'), /quotes: expected an array, found "none"/],
    ['a row nested 10,000 deep', (f: File) => void ((f.articles as unknown[])[0] = DEEP), /articles\[0\]: expected an object, found an array of 1/],
    ['a duplicate article id', (f: File) => void f.articles.push({ ...f.articles[0], canonicalUrl: 'https://other.test/' }), /articles\[2\]\.id: \d+ appears twice/],
  ];
  it.each(cases)('%s', async (_name, mutate, message) => {
    const file = JSON.parse(await sourceFile()) as File;
    mutate(file);
    const r = await attempt(JSON.stringify(file).replaceAll(`"${DEEP}"`, nestedJson(10_000)));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(message);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('answers a 10,000-deep file with a message, not a RangeError', async () => {
    const r = await attempt(nestedJson(10_000));
    expect(!r.ok && r.error).toMatch(/file: expected a JSON object, found an array of 1/);
    const inside = (await sourceFile()).replace('"exportedAt"', `"deep": ${nestedJson(10_000)}, "exportedAt"`);
    expect(await attempt(inside)).toMatchObject({ ok: false, error: expect.stringMatching(/deep: not a field of a Verbatim export/) });
  });

  it('keeps a JSON syntax error short, wherever it is in a huge file', async () => {
    const r = await attempt(`{"format": "verbatim", "title": "${'y'.repeat(1_000_000)}`);
    expect(!r.ok && r.error).toMatch(/not valid JSON.*truncated/);
  });

  it(`refuses a file over ${MAX_IMPORT_BYTES} bytes before reading it`, async () => {
    let read = false;
    const huge = { size: MAX_IMPORT_BYTES + 1, text: async () => ((read = true), '{}') } as unknown as Blob;
    const r = await attempt(huge);
    expect(read).toBe(false);
    expect(!r.ok && r.error).toMatch(/file: 129 MB is larger than the 128 MB Verbatim imports/);
  });

  it('reads a file given as a Blob', async () => {
    const r = await attempt(new Blob([await sourceFile()]));
    expect(r).toMatchObject({ ok: true, added: { articles: 2, quotes: 3 } });
  });
});


const ODD_VALUES: unknown[] = [
  null, true, 0, -1, 1.5, 1e300, -1e300, Number.MAX_SAFE_INTEGER, '', 'constructor', '__proto__', 'toString',
  '=HYPERLINK("https://evil.test")', 'javascript:alert(1)', [], [1], {}, JSON.parse('{"__proto__": {"polluted": true}}'), 'x'.repeat(100_000),
];

describe('fuzzed files', () => {
  it('each of 150 mutated exports imports cleanly or is refused with a short message, changing nothing', async () => {
    const json = await sourceFile();
    const random = rng(1234);
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
    let refused = 0;
    for (let n = 0; n < 150; n++) {
      const file = JSON.parse(json);
      const how = n % 3;
      let text: string;
      if (how === 0) {
        // Cut the text anywhere, or flip a character.
        const at = Math.floor(random() * json.length);
        text = random() < 0.5 ? json.slice(0, at) : json.slice(0, at) + pick(['"', '{', ']', ',', '\\', '\u0000', 'é']) + json.slice(at + 1);
      } else {
        // Set, delete or duplicate some field of some row.
        for (let m = 0; m < 1 + Math.floor(random() * 3); m++) {
          const table = pick(['articles', 'quotes', 'speakers'] as const);
          const rows = file[table] as Record<string, unknown>[];
          if (rows.length === 0) continue;
          const row = pick(rows);
          const field = pick([...Object.keys(row), '__proto__', 'constructor']);
          const action = random();
          if (action < 0.6) row[field] = pick(ODD_VALUES);
          else if (action < 0.8) delete row[field];
          else rows.push(structuredClone(row));
        }
        text = JSON.stringify(file);
      }
      const r = await attempt(text);
      if (!r.ok) refused++;
    }
    // The mutations are mostly harmful; some (a changed title, a cut in whitespace) are fine.
    expect(refused).toBeGreaterThan(100);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, 120_000);
});
