// `verbatim push`: a scanned archive's quote log into a team's CouchDB database (a real
// pouchdb-server), where a browser-less PouchDB pull sees the same documents the extension shares.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import PouchDB from 'pouchdb-core';
import memory from 'pouchdb-adapter-memory';
import http from 'pouchdb-adapter-http';
import replication from 'pouchdb-replication';
import { openDb } from '../lib/store/db';
import { analyzePage } from '../lib/store/analyze-page';
import { mergeSharedDocs } from '../lib/store/share-merge';
import { sharedDocId, type SharedDoc } from '../lib/share/shared-doc';
import { openScanStore } from '../scripts/cli/store';
import { main } from '../scripts/cli/main';
import { pushCommand, PushError } from '../scripts/cli/push-command';
import type { PagePayload } from '../lib/types';
import { couchServerMissing, startCouchServer, type CouchServer } from './share/couch-server';

PouchDB.plugin(memory).plugin(http).plugin(replication);

const T0 = Date.UTC(2024, 2, 22, 12);
const missing = couchServerMissing();

function payload(name: string, text: string, outlet: string): PagePayload {
  return { url: `https://${name}.test/story`, canonicalUrl: null, title: `Story in ${outlet}`, outlet, byline: null, published: '2024-03-22T10:00:00Z', text, partial: false };
}

const PAGES = [
  payload('a', '“We will never negotiate with terrorists under any circumstances,” Prime Minister Jane Doe said.', 'Paper A'),
  payload('b', 'Prime Minister Jane Doe said: “We will not negotiate with terrorists under these circumstances.”', 'Paper B'),
  payload('c', '“The harvest this year was the best in a decade for our farmers,” said John Roe, the agriculture minister.', 'Farm News'),
];

describe.skipIf(missing)('verbatim push', () => {
  let server: CouchServer;
  let dir: string;
  let file: string;
  let n = 0;

  /** A new team database on the server; its URL. */
  async function teamDb(): Promise<string> {
    const url = `${server.url}archive${++n}`;
    expect((await fetch(url, { method: 'PUT' })).ok).toBe(true);
    return url;
  }

  beforeAll(async () => {
    server = await startCouchServer();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'verbatim-push-'));
    file = path.join(dir, 'archive.db');
    // An archive scanned by the command line: its store file, written through the store's interface.
    const store = await openScanStore(file);
    for (const [i, p] of PAGES.entries()) await analyzePage(store.db, p, T0 + i * 60_000);
    store.close();
  }, 40_000);
  afterAll(async () => {
    await server?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes every stored version as the extension shares it; a PouchDB pull sees them and merges them whole', async () => {
    const url = await teamDb();
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    let code: number;
    let said: string;
    try {
      code = await main(['push', url, '--store', file, '--shared-by', 'Archive desk']);
    } finally {
      said = stderr.mock.calls.map((c) => String(c[0])).join('');
      stderr.mockRestore();
    }
    expect(code).toBe(0);
    expect(said).toMatch(/3 article versions pushed, 0 already there/);

    const pulled = new PouchDB('push-reader', { adapter: 'memory' });
    await pulled.replicate.from(url);
    const docs = (await pulled.allDocs({ include_docs: true })).rows.map((r) => r.doc as unknown as SharedDoc);
    const store = await openScanStore(file);
    const expected = (await store.db.articles.toArray()).map((a) => sharedDocId(a.canonicalUrl, a.contentHash)).sort();
    store.close();
    expect(docs.map((d) => d._id).sort()).toEqual(expected);
    expect(docs.every((d) => d.sharedBy === 'Archive desk')).toBe(true);

    const member = openDb('push-member', { indexedDB: new IDBFactory(), IDBKeyRange });
    const merged = await mergeSharedDocs(member, docs);
    expect(merged.skipped).toEqual([]);
    expect(merged.added.articles).toBe(3);
    expect((await member.articles.toArray()).map((a) => a.outlet).sort()).toEqual(['Farm News', 'Paper A', 'Paper B']);
  }, 60_000);

  it('pushes nothing twice: a second push finds every version there', async () => {
    const url = await teamDb();
    const store = await openScanStore(file);
    try {
      const first = await pushCommand(store.db, { url, err: new PassThrough() });
      const second = await pushCommand(store.db, { url, err: new PassThrough() });
      expect([first.pushed, first.present]).toEqual([3, 0]);
      expect([second.pushed, second.present, second.refused]).toEqual([0, 3, []]);
      expect(((await (await fetch(url)).json()) as { doc_count: number }).doc_count).toBe(3);
    } finally {
      store.close();
    }
  }, 60_000);

  it('refuses a plain-http server elsewhere, a missing database or an unreachable server with a clear error', async () => {
    const store = await openScanStore(file);
    try {
      const push = (url: string, extra = {}) => pushCommand(store.db, { url, err: new PassThrough(), ...extra });
      await expect(push('http://couch.example.org/newsroom')).rejects.toThrow(/https/);
      await expect(push(`${server.url}no-such-db`)).rejects.toThrow(/no such database/);
      await expect(push('http://127.0.0.1:9/newsroom')).rejects.toThrow(PushError);
    } finally {
      store.close();
    }
  }, 60_000);
});
