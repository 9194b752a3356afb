import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { openDb, type VerbatimDb } from '../lib/store/db';
import { analyzePage } from '../lib/store/analyze-page';
import { deleteArticle } from '../lib/store/quote-log';
import { CSV_FIELDS, exportCsv, exportJson, exportMarkdown, importJson, validateExport } from '../lib/store/export';
import type { PagePayload } from '../lib/types';
import { storeTables } from './support/store-tables';

const T0 = Date.UTC(2024, 2, 22, 12);
const MINUTE = 60_000;
const EXPORTED_AT = Date.UTC(2024, 3, 1);

function fresh(name = 'x'): VerbatimDb {
  return openDb(name, { indexedDB: new IDBFactory(), IDBKeyRange });
}

function payload(name: string, text: string, outlet: string, extra: Partial<PagePayload> = {}): PagePayload {
  return { url: `https://${name}.test/story`, canonicalUrl: null, title: `Story in ${outlet}`, outlet, byline: null, published: '2024-03-22T10:00:00Z', text, partial: false, ...extra };
}

const A = 'Officials met on Friday.\n“We will never negotiate with terrorists under any circumstances,” Prime Minister Jane Doe said.\n“Our schools and hospitals will receive the full budget next year,” she added.';
const B = 'Prime Minister Jane Doe said: “We will not negotiate with terrorists under these circumstances.”\nThe opposition called it a “dangerous gamble”.';
const C = '“The harvest this year was the best in a decade for our farmers,” said John Roe, the agriculture minister.';

/** A store with three outlets, a shared statement, a term, an edited page and a deleted article (id gaps). */
async function populated(name = 'src'): Promise<VerbatimDb> {
  const db = fresh(name);
  await analyzePage(db, payload('gone', C, 'Gone Daily'), T0 - MINUTE);
  await analyzePage(db, payload('a', A, 'Paper A'), T0);
  await analyzePage(db, payload('b', B, 'Paper B'), T0 + MINUTE);
  await analyzePage(db, payload('c', C, 'Farm News'), T0 + 2 * MINUTE);
  await analyzePage(db, payload('a', A.replace('full budget', 'whole budget'), 'Paper A'), T0 + 3 * MINUTE);
  const gone = await db.articles.where('url').equals('https://gone.test/story').first();
  await deleteArticle(db, gone?.id as number);
  return db;
}


/** The tables with every row id replaced by its rank (1, 2, …): the store assigns ids on import,
 *  so two stores hold the same data when they agree up to an order-preserving renumbering. */
async function tablesUpToIds(db: VerbatimDb) {
  const t = await storeTables(db);
  const rank = (ids: number[]) => new Map([...ids].sort((a, b) => a - b).map((id, i) => [id, i + 1]));
  const articleRank = rank(t.articles.map((a) => a.id as number));
  const quoteRank = rank(t.quotes.map((q) => q.id as number));
  return {
    ...t,
    articles: t.articles.map((a) => ({ ...a, id: articleRank.get(a.id as number) })),
    quotes: t.quotes.map((q) => ({ ...q, id: quoteRank.get(q.id as number), articleId: articleRank.get(q.articleId) })),
    postings: t.postings.map((p) => ({ ...p, ids: p.ids.map((id) => quoteRank.get(id)) })),
  };
}

/** An export with its row ids renumbered by rank, as tablesUpToIds. */
function exportUpToIds(json: string) {
  const file = JSON.parse(json);
  const rank = (ids: number[]) => new Map([...ids].sort((a, b) => a - b).map((id, i) => [id, i + 1]));
  const articleRank = rank(file.articles.map((a: { id: number }) => a.id));
  const quoteRank = rank(file.quotes.map((q: { id: number }) => q.id));
  file.articles = file.articles.map((a: { id: number }) => ({ ...a, id: articleRank.get(a.id) }));
  file.quotes = file.quotes.map((q: { id: number; articleId: number }) => ({ ...q, id: quoteRank.get(q.id), articleId: articleRank.get(q.articleId) }));
  return file;
}

describe('JSON export and import', () => {
  it('round-trips a store: import(export(db)) into an empty store gives the same database, ids assigned by the store in the same order', async () => {
    const src = await populated();
    const json = await exportJson(src, EXPORTED_AT);
    const parsed = JSON.parse(json);
    expect(parsed).toMatchObject({ format: 'verbatim', version: 1, exportedAt: '2024-04-01T00:00:00.000Z' });
    expect(parsed.quotes.length).toBeGreaterThan(4);
    expect(parsed.articles[0].id).toBeGreaterThan(1); // the deleted article left a gap in the ids

    const dst = fresh('dst');
    const result = await importJson(dst, json);
    expect(result).toMatchObject({ ok: true, added: { articles: 4, quotes: parsed.quotes.length, speakers: parsed.speakers.length } });
    expect(await tablesUpToIds(dst)).toEqual(await tablesUpToIds(src));
    const imported = await exportJson(dst, EXPORTED_AT);
    expect(exportUpToIds(imported)).toEqual(exportUpToIds(json));
    // The ids are the store's own: 1, 2, … without the file's gap.
    expect((await dst.articles.toCollection().primaryKeys()).sort((a, b) => a - b)).toEqual([1, 2, 3, 4]);

    // Importing the same file again changes nothing.
    const again = await importJson(dst, json);
    expect(again).toEqual({ ok: true, added: { articles: 0, quotes: 0, speakers: 0 }, merged: { articles: 0, speakers: 0 } });
    expect(await exportJson(dst, EXPORTED_AT)).toBe(imported);
    // A store made by import exports and re-imports exactly, ids included.
    const third = fresh('third');
    expect((await importJson(third, imported)).ok).toBe(true);
    expect(await exportJson(third, EXPORTED_AT)).toBe(imported);
    third.close();
    src.close();
    dst.close();
  });

  it('recomputes index keys from the text instead of trusting the file, and makes imported quotes findable', async () => {
    const src = await populated('src-keys');
    const file = JSON.parse(await exportJson(src, EXPORTED_AT));
    for (const q of file.quotes) q.keys = ['forged'];
    const dst = fresh('dst-keys');
    expect((await importJson(dst, JSON.stringify(file))).ok).toBe(true);
    expect(await tablesUpToIds(dst)).toEqual(await tablesUpToIds(src));
    expect(await dst.postings.get('forged')).toBeUndefined();
    for (const q of await dst.quotes.toArray()) for (const k of q.keys) expect((await dst.postings.get(k))?.ids).toContain(q.id);
    const r = await analyzePage(dst, payload('d', A, 'Paper D'), T0 + 9 * MINUTE);
    // Both versions of Paper A's page and Paper B.
    expect(r.quotes.find((q) => q.text.includes('negotiate'))?.variants.map((v) => v.outlet)).toEqual(['Paper A', 'Paper A', 'Paper B']);
    src.close();
    dst.close();
  });

  it('merges into a store holding other pages and some of the same ones, without duplicates', async () => {
    const src = await populated();
    const json = await exportJson(src, EXPORTED_AT);
    const dst = fresh('merge');
    // Different pages first, so the exported ids are taken; then one page the file also has.
    await analyzePage(dst, payload('d', '“Tariffs will rise on imported steel and aluminium next month,” the trade secretary said.', 'Trade Weekly'), T0 - 10 * MINUTE);
    await analyzePage(dst, payload('e', '“Tourism numbers recovered fully after the long winter closures,” the mayor said.', 'City Paper'), T0 - 9 * MINUTE);
    await analyzePage(dst, payload('c', C, 'Farm News'), T0 + 30 * MINUTE);
    const result = await importJson(dst, json);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.added.articles).toBe(3);
    expect(result.merged.articles).toBe(1);
    const farm = await dst.articles.where('url').equals('https://c.test/story').toArray();
    expect(farm).toHaveLength(1);
    expect(farm[0].firstSeen).toBe(T0 + 2 * MINUTE); // the earlier visit from the file
    expect(farm[0].lastSeen).toBe(T0 + 30 * MINUTE);
    expect(await dst.quotes.where('articleId').equals(farm[0].id as number).count()).toBe(1);
    // Every quote points at an existing article, and texts are unchanged.
    const ids = new Set((await dst.articles.toArray()).map((a) => a.id));
    const quotes = await dst.quotes.toArray();
    expect(quotes.every((q) => ids.has(q.articleId))).toBe(true);
    const srcTexts = (await src.quotes.toArray()).map((q) => q.text).sort();
    const dstTexts = quotes.map((q) => q.text);
    for (const t of srcTexts) expect(dstTexts).toContain(t);
    expect(quotes).toHaveLength(srcTexts.length + 2);
    const again = await importJson(dst, json);
    expect(again.ok && again.added).toEqual({ articles: 0, quotes: 0, speakers: 0 });
    src.close();
    dst.close();
  });

  describe('rejects bad files and changes nothing', () => {
    async function attempt(mutate: (file: Record<string, unknown>) => unknown, raw?: (json: string) => string) {
      const src = await populated();
      const json = await exportJson(src, EXPORTED_AT);
      src.close();
      const dst = fresh('bad');
      await analyzePage(dst, payload('d', '“Tariffs will rise on imported steel and aluminium next month,” the trade secretary said.', 'Trade Weekly'), T0);
      const before = await storeTables(dst);
      const file = JSON.parse(json);
      const text = raw ? raw(json) : JSON.stringify(mutate(file) ?? file);
      const result = await importJson(dst, text);
      expect(await storeTables(dst)).toEqual(before);
      dst.close();
      expect(result.ok).toBe(false);
      return result.ok ? '' : result.error;
    }

    it.each([
      ['truncated JSON', null, (j: string) => j.slice(0, Math.floor(j.length / 2)), /not valid JSON.*truncated/],
      ['empty file', null, () => '', /not valid JSON/],
      ['not an object', () => [1, 2], null, /expected a JSON object/],
      ['another format', (f: Record<string, unknown>) => ({ ...f, format: 'other' }), null, /format: expected "verbatim"/],
      ['a newer version', (f: Record<string, unknown>) => ({ ...f, version: 2 }), null, /version: 2 is newer/],
      ['a missing table', (f: Record<string, unknown>) => ({ ...f, quotes: undefined }), null, /quotes: expected an array/],
      ['a wrong type', (f: { articles: Record<string, unknown>[] }) => void (f.articles[1].firstSeen = 'yesterday'), null, /articles\[1\]\.firstSeen: expected a number/],
      ['a wrong kind', (f: { quotes: Record<string, unknown>[] }) => void (f.quotes[2].kind = 'rumour'), null, /quotes\[2\]\.kind: expected "statement" or "term"/],
      ['a missing field', (f: { quotes: Record<string, unknown>[] }) => void delete f.quotes[0].text, null, /quotes\[0\]\.text: missing/],
      ['bad keys', (f: { quotes: Record<string, unknown>[] }) => void (f.quotes[1].keys = [1, 2]), null, /quotes\[1\]\.keys: expected an array of strings/],
      ['a bad anchor', (f: { quotes: Record<string, unknown>[] }) => void (f.quotes[0].anchor = { prefix: '' }), null, /quotes\[0\]\.anchor\.exact: expected a string/],
      ['a dangling reference', (f: { quotes: Record<string, unknown>[] }) => void (f.quotes[3].articleId = 999), null, /quotes\[3\]\.articleId: refers to a missing article \(999\)/],
      ['a duplicate id', (f: { quotes: Record<string, unknown>[] }) => void (f.quotes[1].id = f.quotes[0].id), null, /quotes\[1\]\.id: \d+ appears twice/],
      ['a duplicate page version', (f: { articles: Record<string, unknown>[] }) => void f.articles.push({ ...f.articles[0], id: 500 }), null, /same page version/],
      ['a bad speaker', (f: { speakers: Record<string, unknown>[] }) => void (f.speakers[0].aliases = 'Jane'), null, /speakers\[0\]\.aliases: expected an array of strings/],
    ] as const)('%s', async (_name, mutate, raw, message) => {
      const error = await attempt((mutate ?? ((f) => f)) as (f: Record<string, unknown>) => unknown, raw ?? undefined);
      expect(error).toMatch(/^Nothing was imported: /);
      expect(error).toMatch(message);
    });

    it('lists many problems, shortened', () => {
      const errors = validateExport({ format: 'verbatim', version: 1, articles: Array.from({ length: 20 }, () => ({})), quotes: [], speakers: [] });
      expect(errors.length).toBeGreaterThan(20);
    });

    it('rolls back a write that fails half-way', async () => {
      const src = await populated();
      const json = await exportJson(src, EXPORTED_AT);
      src.close();
      const dst = fresh('half');
      let n = 0;
      dst.quotes.hook('creating', () => {
        if (++n === 3) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      });
      const result = await importJson(dst, json);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.error).toMatch(/QuotaExceededError.*nothing was changed/);
      expect([await dst.articles.count(), await dst.quotes.count(), await dst.speakers.count()]).toEqual([0, 0, 0]);
      dst.close();
    });
  });
});

describe('CSV and Markdown', () => {
  it('writes one CSV row per quote with its group, relation to the earliest version, speaker, outlet, date and URL', async () => {
    const db = await populated();
    const csv = await exportCsv(db);
    const parsed = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.fields).toEqual([...CSV_FIELDS]);
    expect(parsed.data).toHaveLength(await db.quotes.count());
    const negotiate = parsed.data.filter((r) => r.text.includes('negotiate'));
    // Paper A's first version, Paper B, then Paper A's edited version (same words as its first).
    expect(negotiate.map((r) => r.outlet)).toEqual(['Paper A', 'Paper B', 'Paper A']);
    expect(new Set(negotiate.map((r) => r.group)).size).toBe(1);
    expect(negotiate[2].relation).toBe('verbatim');
    expect(negotiate[0].relation).toBe('earliest');
    expect(['minor', 'reworded', 'altered']).toContain(negotiate[1].relation);
    expect(negotiate[1].url).toBe('https://b.test/story');
    expect(negotiate[1].speaker).toBe('Jane Doe');
    expect(negotiate[1].published).toBe('2024-03-22T10:00:00Z');
    // The edited page's unchanged quote joins the first version's group, verbatim.
    const schools = parsed.data.filter((r) => r.text.includes('hospitals'));
    expect(schools).toHaveLength(2);
    expect(new Set(schools.map((r) => r.group)).size).toBe(1);
    expect(schools.map((r) => r.relation)).toEqual(['earliest', 'minor']);
    // Quotes with commas, quote marks and newlines survive.
    expect(parsed.data.find((r) => r.text.includes('harvest'))?.text).toBe('The harvest this year was the best in a decade for our farmers,');
    db.close();
  });

  it('writes a readable Markdown log grouped by speaker and statement', async () => {
    const db = await populated();
    const md = await exportMarkdown(db);
    expect(md).toMatch(/^# Verbatim quote log/);
    const jane = md.indexOf('## Jane Doe');
    const john = md.indexOf('## John Roe');
    expect(jane).toBeGreaterThan(0);
    expect(john).toBeGreaterThan(jane);
    const statement = md.slice(jane, john);
    expect(statement).toContain('### “We will never negotiate with terrorists under any circumstances,”');
    expect(statement).toMatch(/\*\*Paper A\*\* · \[Story in Paper A\]\(https:\/\/a\.test\/story\) — earliest version seen/);
    expect(statement).toMatch(/\*\*Paper B\*\*.* — (minor|reworded|altered) \(\d\.\d\d\): “We will not negotiate/);
    expect(md).toContain('## Terms and titles');
    expect(md).toContain('dangerous gamble');
    db.close();
  });

  it('neutralises cells a spreadsheet would run (OWASP CSV injection): a quote mark in front, the field quoted', async () => {
    const db = fresh('csv-injection');
    const hostile = ['=HYPERLINK("https://evil.test","Click")', '@SUM(1+1)', "+cmd|' /C calc'!A0", '-2+3', '\t=1+1', '\r=1+1'];
    await analyzePage(db, payload('evil', `“${hostile[2]} is what we will run on every machine in the building,” Jane Doe said.`, hostile[1], { title: hostile[0], published: hostile[3] }), T0);
    const csv = await exportCsv(db);
    const row = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data[0];
    expect(row.title).toBe(`'${hostile[0]}`);
    expect(row.outlet).toBe(`'${hostile[1]}`);
    expect(row.text.startsWith(`'${hostile[2]}`)).toBe(true);
    expect(row.published).toBe(`'${hostile[3]}`);
    expect(csv).toContain(`"'=HYPERLINK(""https://evil.test"",""Click"")"`);
    expect(csv).toContain(`"'@SUM(1+1)"`);
    // Every cell of every row: none starts with a formula character.
    for (const r of Papa.parse<string[]>(csv, { skipEmptyLines: true }).data) for (const cell of r) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    db.close();
    // Tab, carriage return and a formula that goes on after a line break, from an imported file.
    const file = JSON.parse(await exportJson(await populated('csv-src'), EXPORTED_AT));
    file.articles[0].title = hostile[4];
    file.articles[1].title = hostile[5];
    file.articles[2].title = '=1+1\n2';
    const dst = fresh('csv-dst');
    expect((await importJson(dst, JSON.stringify(file))).ok).toBe(true);
    const titles = Papa.parse<Record<string, string>>(await exportCsv(dst), { header: true, skipEmptyLines: true }).data.map((r) => r.title);
    for (const t of [hostile[4], hostile[5], '=1+1\n2']) expect(titles).toContain(`'${t}`);
    dst.close();
  });

  it('writes Markdown links only to http(s) pages and escapes page-controlled text', async () => {
    const file = JSON.parse(await exportJson(await populated('md-src'), EXPORTED_AT));
    const [a, b] = file.articles;
    a.url = 'javascript:alert(document.cookie)';
    a.title = '[Click](javascript:alert(1)) <img src=x onerror=alert(1)> &lt;b&gt; ![i](https://evil.test/x.png)';
    b.url = 'https://b.test/story (with) <spaces>';
    b.outlet = '**Bold** _outlet_ `code` ~~gone~~ | pipe #';
    const db = fresh('md-dst');
    expect((await importJson(db, JSON.stringify(file))).ok).toBe(true);
    const md = await exportMarkdown(db);
    expect(md).not.toMatch(/\]\(javascript:/);
    expect(md).not.toMatch(/\]\((?!https?:)/); // no link target other than http(s)
    expect(md).toContain('javascript:alert\\(document.cookie\\)');
    expect(md).toContain('\\[Click\\]\\(javascript:alert\\(1\\)\\) \\<img src=x onerror=alert\\(1\\)\\> \\&lt;b\\&gt; \\!\\[i\\]\\(https://evil.test/x.png\\)');
    expect(md).toContain('(https://b.test/story%20%28with%29%20%3Cspaces%3E)');
    expect(md).toContain('\\*\\*Bold\\*\\* \\_outlet\\_ \\`code\\` \\~\\~gone\\~\\~ \\| pipe \\#');
    db.close();
  });

  it('exports a store holding a date no ISO string can show (written before import bounded dates)', async () => {
    const db = await populated('bad-date');
    await db.articles.toCollection().modify((a) => void (a.firstSeen = 1e300));
    expect(Papa.parse(await exportCsv(db), { header: true, skipEmptyLines: true }).errors).toEqual([]);
    expect(await exportMarkdown(db)).toContain('# Verbatim quote log');
    db.close();
  });

  it('exports an empty store', async () => {
    const db = fresh('empty');
    expect(JSON.parse(await exportJson(db, EXPORTED_AT))).toEqual({ format: 'verbatim', version: 1, exportedAt: '2024-04-01T00:00:00.000Z', articles: [], quotes: [], speakers: [] });
    expect((await exportCsv(db)).trim().split('\n')).toEqual([CSV_FIELDS.join(',')]);
    expect(await exportMarkdown(db)).toContain('# Verbatim quote log');
    db.close();
  });
});

describe.skipIf(!fs.existsSync(path.resolve(__dirname, 'fixtures/seeds')))('seed articles', () => {
  it('round-trip the seeds store', async () => {
    const dir = path.resolve(__dirname, 'fixtures/seeds');
    const db = fresh('seeds');
    for (const [i, f] of fs.readdirSync(dir).filter((x) => x.endsWith('.txt')).sort().entries()) {
      await analyzePage(db, payload(f.replace(/\W/g, ''), fs.readFileSync(path.join(dir, f), 'utf8'), f), T0 + i * MINUTE);
    }
    const json = await exportJson(db, EXPORTED_AT);
    const dst = fresh('seeds-dst');
    expect((await importJson(dst, json)).ok).toBe(true);
    expect(await tablesUpToIds(dst)).toEqual(await tablesUpToIds(db));
    expect(Papa.parse(await exportCsv(dst), { header: true, skipEmptyLines: true }).data).toHaveLength(await db.quotes.count());
    db.close();
    dst.close();
  });
});
