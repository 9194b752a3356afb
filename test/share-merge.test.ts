import { describe, it, expect } from 'vitest';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { openDb, type VerbatimDb } from '../lib/store/db';
import { analyzePage } from '../lib/store/analyze-page';
import { exportData, exportJson, importJson } from '../lib/store/export';
import { loadGroup } from '../lib/store/quote-log';
import { mergeSharedDocs, sharedDocsAfter } from '../lib/store/share-merge';
import {
  MAX_DOC_CHARS, MAX_SHARED_BY, checkSharedDoc, makeSharedDoc, sharedDocId, sharedDocsAsExport, sharerName, sharerProblem, type SharedDoc,
} from '../lib/share/shared-doc';
import type { PagePayload } from '../lib/types';

const T0 = Date.UTC(2024, 2, 22, 12);
const MINUTE = 60_000;

function fresh(name: string): VerbatimDb {
  return openDb(name, { indexedDB: new IDBFactory(), IDBKeyRange });
}

function payload(name: string, text: string, outlet: string): PagePayload {
  return { url: `https://${name}.test/story`, canonicalUrl: null, title: `Story in ${outlet}`, outlet, byline: null, published: '2024-03-22T10:00:00Z', text, partial: false };
}

const A = 'Officials met on Friday.\n“We will never negotiate with terrorists under any circumstances,” Prime Minister Jane Doe said.\n“Our schools and hospitals will receive the full budget next year,” she added.';
const B = 'Prime Minister Jane Doe said: “We will not negotiate with terrorists under these circumstances.”\nThe opposition called it a “dangerous gamble”.';
const C = '“The harvest this year was the best in a decade for our farmers,” said John Roe, the agriculture minister.';

async function docsOf(db: VerbatimDb, sharedBy?: string): Promise<SharedDoc[]> {
  return (await sharedDocsAfter(db, 0, 1000, sharedBy)).docs;
}

/** The store's rows without ids (and without who shared them, which only the receiving store
 *  records), sorted: what two stores must agree on after merging. */
async function content(db: VerbatimDb) {
  const data = await exportData(db, 0);
  const urlOf = new Map(data.articles.map((a) => [a.id, `${a.canonicalUrl}#${a.contentHash}`]));
  return {
    articles: data.articles.map(({ id: _id, sharedBy: _by, ...a }) => a).sort((x, y) => (x.url + x.contentHash < y.url + y.contentHash ? -1 : 1)),
    quotes: data.quotes.map(({ id: _id, articleId, ...q }) => ({ ...q, article: urlOf.get(articleId) })).sort((x, y) => JSON.stringify(x) < JSON.stringify(y) ? -1 : 1),
    speakers: data.speakers,
  };
}

async function counts(db: VerbatimDb) {
  return { articles: await db.articles.count(), quotes: await db.quotes.count(), speakers: await db.speakers.count(), postings: await db.postings.count() };
}

describe('shared document ids', () => {
  it('derive from canonical URL and content hash, one id per version and the same id on every machine', () => {
    const a = sharedDocId('https://a.test/story', 'abc123');
    expect(a).toBe(sharedDocId('https://a.test/story', 'abc123'));
    expect(a).not.toBe(sharedDocId('https://a.test/story', 'abc124'));
    expect(a).not.toBe(sharedDocId('https://a.test/story2', 'abc123'));
    expect(a.startsWith('_')).toBe(false); // CouchDB reserves "_" ids
  });

  it('never collide between versions whose URL and hash would join the same way', () => {
    expect(sharedDocId('https://a.test/x:y', 'h')).not.toBe(sharedDocId('https://a.test/x', 'h:y'));
  });

  it('are what a stored version shares, whatever its row id', async () => {
    const one = fresh('id1');
    const two = fresh('id2');
    await analyzePage(one, payload('c', C, 'Farm News'), T0);
    await analyzePage(two, payload('a', A, 'Paper A'), T0);
    await analyzePage(two, payload('c', C, 'Farm News'), T0 + MINUTE);
    const [d1] = await docsOf(one);
    const d2 = (await docsOf(two)).find((d) => d.article.url === 'https://c.test/story') as SharedDoc;
    expect(d1._id).toBe(d2._id);
    expect(d1.quotes).toEqual(d2.quotes.map((q) => ({ ...q, seenAt: d1.quotes[0].seenAt })));
  });
});

describe('checkSharedDoc: pulled documents are untrusted', () => {
  const good = (): SharedDoc => ({
    _id: sharedDocId('https://a.test/story', 'h1'),
    type: 'verbatim-article',
    version: 1,
    article: { canonicalUrl: 'https://a.test/story', url: 'https://a.test/story', outlet: 'A', byline: null, title: 'T', published: null, firstSeen: T0, lastSeen: T0, contentHash: 'h1', partial: false },
    quotes: [],
    speakers: [],
  });

  const bad: [string, (d: Record<string, unknown>) => void, RegExp][] = [
    ['an id that is not its version', (d) => { d._id = sharedDocId('https://a.test/other', 'h1'); }, /id does not match/],
    ['a javascript: link', (d) => { (d.article as Record<string, unknown>).url = 'javascript:alert(1)'; }, /article\.url/],
    ['a data: canonical URL', (d) => { (d.article as Record<string, unknown>).canonicalUrl = 'data:text/html,x'; }, /canonicalUrl/],
    ['another document type', (d) => { d.type = 'invoice'; }, /type/],
    ['a newer version', (d) => { d.version = 2; }, /newer/],
    ['quotes that are not a list', (d) => { d.quotes = 'many'; }, /quotes/],
    ['a huge document', (d) => { d.padding = 'x'.repeat(MAX_DOC_CHARS); }, /more than/],
    ['a long sharedBy', (d) => { d.sharedBy = 'x'.repeat(500); }, /sharedBy/],
    ['a sharedBy that is not text', (d) => { d.sharedBy = { name: 'x' }; }, /sharedBy: expected a string/],
    ['a sharedBy that turns the text after it around', (d) => { d.sharedBy = 'Desk \u202eevil'; }, /sharedBy: expected no control/],
    ['a sharedBy with a line break', (d) => { d.sharedBy = 'Desk\nSecond line'; }, /sharedBy: expected no control/],
    ['an empty sharedBy', (d) => { d.sharedBy = ''; }, /sharedBy/],
  ];

  it('accepts a well-formed document', () => {
    expect(checkSharedDoc(good())).toEqual([]);
  });
  for (const [what, spoil, message] of bad) {
    it(`rejects ${what}`, () => {
      const d = good() as unknown as Record<string, unknown>;
      spoil(d);
      const errors = checkSharedDoc(d);
      expect(errors.length).toBeGreaterThan(0);
      expect(errors.join('\n')).toMatch(message);
    });
  }
  for (const v of [null, 'text', 42, []]) {
    it(`rejects ${JSON.stringify(v)} without throwing`, () => {
      expect(checkSharedDoc(v)).toEqual(['document: expected a JSON object']);
    });
  }

  it('keeps only the fields an export carries', () => {
    const d = good() as unknown as Record<string, unknown>;
    (d.article as Record<string, unknown>).extra = 'x';
    d.quotes = [{ text: 'a', anchor: { prefix: '', exact: 'a', suffix: '', evil: 1 }, evil: 2 }];
    const file = sharedDocsAsExport([d as unknown as SharedDoc]);
    expect(file.articles[0]).not.toHaveProperty('extra');
    expect(file.quotes[0]).not.toHaveProperty('evil');
    expect(file.quotes[0].anchor).toEqual({ prefix: '', exact: 'a', suffix: '' });
  });
});

describe('the sharer\'s name', () => {
  const cases: [string, string][] = [
    ['  Jane   Doe, politics desk ', 'Jane Doe, politics desk'],
    ['Desk\u202e 1\u0007', 'Desk 1'],
    ['line\nbreak', 'line break'],
    ['   ', ''],
    ['x'.repeat(MAX_SHARED_BY + 20), 'x'.repeat(MAX_SHARED_BY)],
    // cut at the limit, never inside a character that takes two UTF-16 units
    ['x'.repeat(MAX_SHARED_BY - 1) + '😀', 'x'.repeat(MAX_SHARED_BY - 1)],
  ];
  for (const [typed, sent] of cases) {
    it(`${JSON.stringify(typed.slice(0, 30))} goes out as ${JSON.stringify(sent.slice(0, 30))}, which a receiver accepts`, () => {
      expect(sharerName(typed)).toBe(sent);
      if (sent) expect(sharerProblem(sent)).toBeNull();
    });
  }
  for (const [value, problem] of [[' Desk', /spaces/], ['Des\u200fk', /control/], ['x'.repeat(MAX_SHARED_BY + 1), /characters/], [7, /string/]] as const) {
    it(`a name from outside like ${JSON.stringify(String(value).slice(0, 12))} is refused`, () => {
      expect(sharerProblem(value)).toMatch(problem);
    });
  }

  it('goes with a version as this browser read it, and a pulled version keeps the name it came with', async () => {
    const src = fresh('by1');
    await analyzePage(src, payload('a', A, 'Paper A'), T0);
    const [doc] = await docsOf(src, '  Desk\t1 ');
    expect(doc.sharedBy).toBe('Desk 1');
    expect(doc.article).not.toHaveProperty('sharedBy');
    expect((await docsOf(src, '')).map((d) => d.sharedBy)).toEqual([undefined]);
    const dst = fresh('by2');
    await mergeSharedDocs(dst, [doc]);
    // shared on (to another team's database, say) by a browser with a name of its own
    expect((await docsOf(dst, 'Desk 2')).map((d) => d.sharedBy)).toEqual(['Desk 1']);
  });

  it('is stored on pulled versions only, and shown with them as variants and in the log', async () => {
    const src = fresh('by3');
    await analyzePage(src, payload('a', A, 'Paper A'), T0);
    const dst = fresh('by4');
    await analyzePage(dst, payload('c', C, 'Farm News'), T0);
    await mergeSharedDocs(dst, await docsOf(src, 'Desk 1'));
    expect(Object.fromEntries((await dst.articles.toArray()).map((a) => [a.outlet, a.sharedBy]))).toEqual({ 'Farm News': undefined, 'Paper A': 'Desk 1' });
    const page = await analyzePage(dst, payload('b', B, 'Paper B'), T0 + MINUTE);
    const q = page.quotes.find((x) => x.text.startsWith('We will not negotiate'));
    expect(q?.variants.map((v) => [v.outlet, v.sharedBy])).toEqual([['Paper A', 'Desk 1']]);
    const group = await loadGroup(dst, (await dst.quotes.get(q?.variants[0].quoteId as number))?.groupId as string);
    expect(group?.versions.map((v) => [v.outlet, v.sharedBy])).toEqual([['Paper A', 'Desk 1'], ['Paper B', undefined]]);
  });

  it('survives the quote log\'s export and import; an import file with a bad name changes nothing', async () => {
    const src = fresh('by5');
    await analyzePage(src, payload('a', A, 'Paper A'), T0);
    const shared = fresh('by6');
    await mergeSharedDocs(shared, await docsOf(src, 'Desk 1'));
    const file = await exportJson(shared, T0);
    const copy = fresh('by7');
    expect((await importJson(copy, file)).ok).toBe(true);
    expect((await copy.articles.toArray()).map((a) => a.sharedBy)).toEqual(['Desk 1']);
    const spoiled = JSON.parse(file);
    spoiled.articles[0].sharedBy = '\u202eevil';
    const refused = fresh('by8');
    const result = await importJson(refused, JSON.stringify(spoiled));
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.error).toMatch(/articles\[0\]\.sharedBy/);
    expect(await refused.articles.count()).toBe(0);
  });
});

describe('mergeSharedDocs', () => {
  it('gives a second store the first one\'s versions, and merging the same documents twice changes nothing', async () => {
    const src = fresh('src');
    await analyzePage(src, payload('a', A, 'Paper A'), T0);
    await analyzePage(src, payload('b', B, 'Paper B'), T0 + MINUTE);
    await analyzePage(src, payload('c', C, 'Farm News'), T0 + 2 * MINUTE);
    const docs = await docsOf(src, 'Desk 1');
    expect(docs.map((d) => d.sharedBy)).toEqual(['Desk 1', 'Desk 1', 'Desk 1']);

    const dst = fresh('dst');
    const first = await mergeSharedDocs(dst, JSON.parse(JSON.stringify(docs)));
    expect(first.skipped).toEqual([]);
    expect(first.merged).toBe(3);
    expect(first.added.articles).toBe(3);
    expect(await content(dst)).toEqual(await content(src));
    const before = await counts(dst);

    const again = await mergeSharedDocs(dst, JSON.parse(JSON.stringify(docs)));
    expect(again.added).toEqual({ articles: 0, quotes: 0, speakers: 0 });
    expect(await counts(dst)).toEqual(before);
    expect(await content(dst)).toEqual(await content(src));
  });

  it('merges a version the store already read without duplicating it', async () => {
    const src = fresh('src2');
    await analyzePage(src, payload('a', A, 'Paper A'), T0);
    const dst = fresh('dst2');
    await analyzePage(dst, payload('a', A, 'Paper A'), T0 + MINUTE);
    const before = await counts(dst);
    const report = await mergeSharedDocs(dst, await docsOf(src));
    expect(report.added).toEqual({ articles: 0, quotes: 0, speakers: 0 });
    expect(await counts(dst)).toEqual(before);
    expect((await dst.articles.toArray())[0].firstSeen).toBe(T0); // the earlier reading counts
  });

  it('makes pulled quotes variants of what this browser reads next', async () => {
    const src = fresh('src3');
    await analyzePage(src, payload('a', A, 'Paper A'), T0);
    const dst = fresh('dst3');
    await mergeSharedDocs(dst, await docsOf(src));
    const page = await analyzePage(dst, payload('b', B, 'Paper B'), T0 + MINUTE);
    const q = page.quotes.find((x) => x.text.startsWith('We will not negotiate'));
    expect(q?.variants.map((v) => v.outlet)).toContain('Paper A');
  });

  it('skips a bad document with a note and merges the rest of its batch', async () => {
    const src = fresh('src4');
    await analyzePage(src, payload('a', A, 'Paper A'), T0);
    await analyzePage(src, payload('c', C, 'Farm News'), T0 + MINUTE);
    const [a, c] = await docsOf(src);
    const wrongField = JSON.parse(JSON.stringify(c));
    wrongField.quotes[0].start = 'zero';
    const dst = fresh('dst4');
    const report = await mergeSharedDocs(dst, [wrongField, null, { _id: 'x', _deleted: true }, a]);
    expect(report.merged).toBe(1);
    expect(report.tombstones).toBe(1);
    expect(report.skipped.map((s) => s.id)).toEqual([c._id, '(no id)']);
    expect(report.skipped[0].reason).toMatch(/quotes\[0\]\.start/);
    expect((await dst.articles.toArray()).map((x) => x.outlet)).toEqual(['Paper A']);
  });

  it('merges one speaker named in several documents of a batch as one row', async () => {
    const src = fresh('src5');
    await analyzePage(src, payload('a', A, 'Paper A'), T0);
    await analyzePage(src, payload('b', B, 'Paper B'), T0 + MINUTE);
    const docs = await docsOf(src);
    expect(docs.every((d) => d.speakers.length === 1)).toBe(true);
    const dst = fresh('dst5');
    const report = await mergeSharedDocs(dst, docs);
    expect(report.skipped).toEqual([]);
    expect(await dst.speakers.count()).toBe(1);
  });

  it('carries a document exactly as makeSharedDoc builds it from the stored rows', async () => {
    const src = fresh('src6');
    await analyzePage(src, payload('c', C, 'Farm News'), T0);
    const [article] = await src.articles.toArray();
    const quotes = await src.quotes.toArray();
    const doc = makeSharedDoc(article, quotes, await src.speakers.toArray());
    expect(doc.article).not.toHaveProperty('id');
    expect(doc.quotes[0]).not.toHaveProperty('keys');
    expect(doc.quotes.length).toBe(quotes.length);
    expect(checkSharedDoc(doc)).toEqual([]);
  });
});
