// Two quote stores share through a real CouchDB-protocol server (pouchdb-server on 127.0.0.1).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import PouchDB from 'pouchdb-core';
import memory from 'pouchdb-adapter-memory';
import http from 'pouchdb-adapter-http';
import replication from 'pouchdb-replication';
import { openDb, type VerbatimDb } from '../lib/store/db';
import { analyzePage } from '../lib/store/analyze-page';
import { deleteArticle } from '../lib/store/quote-log';
import { shareSync, skippedDocs, type MirrorDb, type ShareSync } from '../lib/store/share-sync';
import { sharedDocId } from '../lib/share/shared-doc';
import type { PagePayload } from '../lib/types';
import { couchServerMissing, startCouchServer, type CouchServer } from './share/couch-server';

PouchDB.plugin(memory).plugin(http).plugin(replication);

const T0 = Date.UTC(2024, 2, 22, 12);
const MINUTE = 60_000;
const missing = couchServerMissing();
if (missing) console.log(`share-sync: skipped: ${missing}`);

function payload(name: string, text: string, outlet: string): PagePayload {
  return { url: `https://${name}.test/story`, canonicalUrl: null, title: `Story in ${outlet}`, outlet, byline: null, published: '2024-03-22T10:00:00Z', text, partial: false };
}

const A = 'Officials met on Friday.\n“We will never negotiate with terrorists under any circumstances,” Prime Minister Jane Doe said.';
const B = 'Prime Minister Jane Doe said: “We will not negotiate with terrorists under these circumstances.”';
const C = '“The harvest this year was the best in a decade for our farmers,” said John Roe, the agriculture minister.';

let dbCount = 0;

interface Member {
  db: VerbatimDb;
  sync: ShareSync;
  mirror: PouchDB.Database;
}

function member(remoteUrl: string, sharedBy: string): Member {
  const name = `m${++dbCount}`;
  const db = openDb(name, { indexedDB: new IDBFactory(), IDBKeyRange });
  const mirror = new PouchDB(`${name}-mirror`, { adapter: 'memory' });
  const remote = new PouchDB(remoteUrl);
  const sync = shareSync({ db, mirror: mirror as unknown as MirrorDb, remote, now: () => Date.now(), sharedBy });
  return { db, sync, mirror };
}

async function until(what: string, ok: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await ok()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const hasOutlet = (db: VerbatimDb, outlet: string) => async () => (await db.articles.toArray()).some((a) => a.outlet === outlet);

describe.skipIf(missing)('sharing through a CouchDB server', () => {
  let server: CouchServer;
  let n = 0;
  const dbUrl = () => `${server.url}team${++n}`;

  beforeAll(async () => {
    server = await startCouchServer();
  }, 40_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('two stores each push their articles, pull the other\'s, and end with each other\'s versions', async () => {
    const url = dbUrl();
    const one = member(url, 'Desk 1');
    const two = member(url, 'Desk 2');
    await analyzePage(one.db, payload('a', A, 'Paper A'), T0);
    await analyzePage(two.db, payload('c', C, 'Farm News'), T0 + MINUTE);
    await Promise.all([one.sync.start(), two.sync.start()]);
    await until('store two has Paper A', hasOutlet(two.db, 'Paper A'));
    await until('store one has Farm News', hasOutlet(one.db, 'Farm News'));

    // A page read later in one store is seen in the other, and is a variant of what it then reads.
    await analyzePage(one.db, payload('b', B, 'Paper B'), T0 + 2 * MINUTE);
    await one.sync.pushNow();
    await until('store two has Paper B', hasOutlet(two.db, 'Paper B'));
    const page = await analyzePage(two.db, payload('a2', A, 'Paper A2'), T0 + 3 * MINUTE);
    const q = page.quotes.find((x) => x.text.startsWith('We will never'));
    expect(q?.variants.map((v) => v.outlet).sort()).toEqual(['Paper A', 'Paper B']);
    await two.sync.pushNow();

    await until('both stores hold the same four versions', async () => (await one.db.articles.count()) === 4 && (await two.db.articles.count()) === 4);
    const versions = async (db: VerbatimDb) => (await db.articles.toArray()).map((a) => sharedDocId(a.canonicalUrl, a.contentHash)).sort();
    expect(await versions(one.db)).toEqual(await versions(two.db));
    await Promise.all([one.sync.stop(), two.sync.stop()]);
  }, 60_000);

  it('skips a hostile document on the server with a note and merges the rest', async () => {
    const url = dbUrl();
    const remote = new PouchDB(url);
    const seeder = member(url, 'Desk 1');
    await analyzePage(seeder.db, payload('a', A, 'Paper A'), T0);
    await seeder.sync.start();
    await until('the seed reached the server', async () => (await remote.info()).doc_count === 1);
    await seeder.sync.stop();
    const good = await remote.get(sharedDocId('https://a.test/story', (await seeder.db.articles.toArray())[0].contentHash));
    const hostile = JSON.parse(JSON.stringify(good));
    delete hostile._rev;
    hostile.article.url = 'javascript:alert(1)';
    hostile.article.canonicalUrl = 'https://evil.test/story';
    hostile._id = sharedDocId(hostile.article.canonicalUrl, hostile.article.contentHash);
    const wrongId = { ...hostile, _id: 'article:abc:https://evil.test/x', article: { ...hostile.article, url: 'https://evil.test/x' } };
    await remote.bulkDocs([hostile, wrongId, { _id: 'junk', type: 'verbatim-article', version: 1, quotes: 7 }]);

    const reader = member(url, 'Desk 2');
    await reader.sync.start();
    await until('the reader noted three skipped documents', async () => (await skippedDocs(reader.db)).length === 3);
    expect((await reader.db.articles.toArray()).map((a) => a.url)).toEqual(['https://a.test/story']);
    const notes = await skippedDocs(reader.db);
    expect(notes.map((s) => s.id).sort()).toEqual([hostile._id, wrongId._id, 'junk'].sort());
    expect(notes.find((s) => s.id === hostile._id)?.reason).toMatch(/article\.url/);
    await reader.sync.stop();
  }, 60_000);

  it('resumes after a stop without pulling or pushing anything twice', async () => {
    const url = dbUrl();
    const one = member(url, 'Desk 1');
    await analyzePage(one.db, payload('a', A, 'Paper A'), T0);
    await one.sync.start();
    await until('pushed', async () => (await new PouchDB(url).info()).doc_count === 1);
    await one.sync.stop();
    await analyzePage(one.db, payload('c', C, 'Farm News'), T0 + MINUTE);
    // A new background (the service worker restarted) on the same store and mirror.
    const again = shareSync({ db: one.db, mirror: one.mirror as unknown as MirrorDb, remote: new PouchDB(url), now: () => Date.now() });
    await again.start();
    expect(again.status().pushed).toBe(1);
    await until('both on the server', async () => (await new PouchDB(url).info()).doc_count === 2);
    expect(await one.db.articles.count()).toBe(2);
    await again.stop();
  }, 60_000);

  it('withdraws a version this browser shared and then deleted (a tombstone), never one another member shared', async () => {
    const url = dbUrl();
    const remote = new PouchDB(url);
    const one = member(url, 'Desk 1');
    const two = member(url, 'Desk 2');
    await analyzePage(one.db, payload('a', A, 'Paper A'), T0);
    await analyzePage(two.db, payload('c', C, 'Farm News'), T0 + MINUTE);
    await Promise.all([one.sync.start(), two.sync.start()]);
    await until('both versions on the server and in store one', async () => (await remote.info()).doc_count === 2 && (await one.db.articles.count()) === 2);
    for (const a of await one.db.articles.toArray()) await deleteArticle(one.db, a.id as number);
    await one.sync.pushNow();
    await until('the server shows the withdrawal', async () => (await remote.info()).doc_count === 1);
    const ids = (await remote.allDocs()).rows.map((r) => r.id);
    expect(ids).toEqual([sharedDocId('https://c.test/story', (await two.db.articles.toArray()).find((a) => a.outlet === 'Farm News')?.contentHash as string)]);
    await Promise.all([one.sync.stop(), two.sync.stop()]);
  }, 60_000);

  it('measures how soon a second store sees a new article (median of runs)', async () => {
    const url = dbUrl();
    const one = member(url, 'Desk 1');
    const two = member(url, 'Desk 2');
    await Promise.all([one.sync.start(), two.sync.start()]);
    const times: number[] = [];
    for (let i = 0; i < 7; i++) {
      const outlet = `Outlet ${i}`;
      const t = performance.now();
      await analyzePage(one.db, payload(`p${i}`, C.replace('harvest', `harvest ${i}`), outlet), T0 + i * MINUTE);
      await one.sync.pushNow();
      await until(`store two has ${outlet}`, hasOutlet(two.db, outlet));
      times.push(performance.now() - t);
    }
    times.sort((x, y) => x - y);
    console.log(`share-sync: a second store saw a new article after ${times[3].toFixed(0)} ms (median of 7; ${times[0].toFixed(0)}–${times[6].toFixed(0)} ms)`);
    expect(times).toHaveLength(7);
    await Promise.all([one.sync.stop(), two.sync.stop()]);
  }, 120_000);
});
