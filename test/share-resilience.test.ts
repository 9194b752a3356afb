// Replication against what it meets in use, with a real CouchDB-protocol server (pouchdb-server,
// started here so it can be restarted): the server restarted mid-pull, the network cut and back,
// the background stopped mid-pull. Each time every document arrives exactly once, and the
// replication resumes from its checkpoint instead of starting over.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import PouchDB from 'pouchdb-core';
import memory from 'pouchdb-adapter-memory';
import http from 'pouchdb-adapter-http';
import replication from 'pouchdb-replication';
import { openDb, type VerbatimDb } from '../lib/store/db';
import { RETRY_FIRST_MS, RETRY_MAX_MS, retryDelay, shareSync, type MirrorDb, type ShareState, type ShareSync } from '../lib/store/share-sync';
import { couchServerMissing, startCouchServer, type CouchServer } from './share/couch-server';
import { startCutProxy, type CutProxy } from './share/cut-proxy';
import { manyDocs } from './share/many-docs';

PouchDB.plugin(memory).plugin(http).plugin(replication);

/** Enough documents that a pull takes several replication batches (SHARE_BATCH each). */
const N = 1000;
const missing = couchServerMissing();

describe('the retry back-off', () => {
  it('starts at RETRY_FIRST_MS, doubles, and stops growing at RETRY_MAX_MS', () => {
    const waits: number[] = [];
    let wait = 0;
    for (let i = 0; i < 10; i++) waits.push((wait = retryDelay(wait)));
    expect(waits[0]).toBe(RETRY_FIRST_MS);
    for (let i = 1; i < waits.length; i++) expect(waits[i]).toBe(Math.min(RETRY_MAX_MS, 2 * waits[i - 1]));
    expect(waits.at(-1)).toBe(RETRY_MAX_MS);
  });
});

async function until(what: string, ok: () => Promise<boolean> | boolean, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await ok()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

let count = 0;

interface Reader {
  name: string;
  factory: IDBFactory;
  db: VerbatimDb;
  mirror: PouchDB.Database;
  sync: ShareSync;
  states: ShareState[];
}

/** A member with an empty store that pulls from `url` (through the proxy when given). */
function reader(url: string, existing?: Pick<Reader, 'name' | 'factory' | 'mirror'>): Reader {
  const name = existing?.name ?? `r${++count}`;
  const factory = existing?.factory ?? new IDBFactory();
  // A new connection to the same store, as a restarted background opens it.
  const db = openDb(name, { indexedDB: factory, IDBKeyRange });
  const mirror = existing?.mirror ?? new PouchDB(`${name}-mirror`, { adapter: 'memory' });
  const states: ShareState[] = [];
  const sync = shareSync({ db, mirror: mirror as unknown as MirrorDb, remote: new PouchDB(url, { skip_setup: true }), now: () => Date.now(), onStatus: (s) => states.push(s.state) });
  return { name, factory, db, mirror, sync, states };
}

/** The `since` of each changes request to the team database, in order (the pull's position). */
function changesSince(proxy: CutProxy, db: string, from = 0): string[] {
  return proxy.requests.slice(from).flatMap((line) => {
    const m = new RegExp(`^(?:GET|POST) /${db}/_changes\\?(\\S*)`).exec(line);
    return m ? [new URLSearchParams(m[1]).get('since') ?? '0'] : [];
  });
}

async function mirrorCount(r: Reader): Promise<number> {
  return (await r.mirror.info()).doc_count;
}

/** PouchDB's replication reads its progress with a `src.info()` it does not catch (pouchdb-replication,
 *  the batch loop's `src.info().then(…)`): when the server goes away mid-batch that call rejects
 *  unhandled, though the replication itself retries. Only that rejection, a failed request to the
 *  test's own server, is let through; any other still fails the run. */
function tolerateProgressReadFailures(bases: () => string[]): () => void {
  const theirs = process.listeners('unhandledRejection');
  process.removeAllListeners('unhandledRejection');
  const mine = (reason: unknown, promise: Promise<unknown>) => {
    const message = reason instanceof Error ? reason.message : '';
    if (bases().some((b) => message.startsWith(`request to ${b}`))) return;
    for (const l of theirs) l(reason, promise);
  };
  process.on('unhandledRejection', mine);
  return () => {
    process.off('unhandledRejection', mine);
    for (const l of theirs) process.on('unhandledRejection', l);
  };
}

describe.skipIf(missing)('replication survives', () => {
  let server: CouchServer;
  let proxy: CutProxy;
  let n = 0;
  let seeded: Awaited<ReturnType<typeof manyDocs>>;

  let restoreHandlers = () => {};

  beforeAll(async () => {
    restoreHandlers = tolerateProgressReadFailures(() => [server?.url, proxy?.url].filter((u): u is string => !!u));
    server = await startCouchServer({ own: true });
    proxy = await startCutProxy(server.url);
    seeded = await manyDocs(N);
  }, 60_000);
  afterEach(async () => {
    // a test that failed while the network was cut leaves it cut
    if (proxy && !proxy.listening()) await proxy.restore();
  });
  afterAll(async () => {
    await proxy?.close();
    await server?.stop();
    restoreHandlers();
  });

  /** A team database holding N documents; its name and its URL through the proxy. */
  async function seededDb(): Promise<{ name: string; url: string }> {
    const name = `team${++n}`;
    const remote = new PouchDB(`${server.url}${name}`);
    for (let i = 0; i < seeded.length; i += 500) await remote.bulkDocs(seeded.slice(i, i + 500));
    return { name, url: `${proxy.url}${name}` };
  }

  async function expectEveryDocOnce(r: Reader): Promise<void> {
    await until(`${r.name} to hold ${N} versions`, async () => (await r.db.articles.count()) >= N, 120_000);
    expect(await r.db.articles.count()).toBe(N);
    expect(await mirrorCount(r)).toBe(N);
    expect(new Set((await r.db.articles.toArray()).map((a) => a.canonicalUrl)).size).toBe(N);
  }

  it('a server restarted mid-pull: replication retries, resumes from its checkpoint, and every document arrives once', async () => {
    const team = await seededDb();
    const r = reader(team.url);
    await r.sync.start();
    await until('the pull to be under way', async () => (await mirrorCount(r)) > 0);
    const atRestart = await mirrorCount(r);
    const mark = proxy.requests.length;
    await server.restart();
    expect(atRestart).toBeLessThan(N); // it was mid-pull
    await expectEveryDocOnce(r);
    const since = changesSince(proxy, team.name, mark);
    expect(since.length).toBeGreaterThan(0);
    expect(Number(since[0])).toBeGreaterThan(0); // from the checkpoint, not from the start
    await r.sync.stop();
  }, 180_000);

  it('the network cut mid-pull and back: the state says offline, a reconnect resumes at once from the checkpoint', async () => {
    const team = await seededDb();
    const r = reader(team.url);
    await r.sync.start();
    await until('the pull to be under way', async () => (await mirrorCount(r)) > 0);
    await proxy.cut();
    const atCut = await mirrorCount(r);
    expect(atCut).toBeLessThan(N);
    await until('the state to say offline', () => r.sync.status().state === 'offline', 20_000);
    expect(r.sync.status().lastError).toBeTruthy();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await mirrorCount(r)).toBe(atCut); // nothing crossed while cut
    const mark = proxy.requests.length;
    await proxy.restore();
    const t = performance.now();
    await r.sync.reconnect();
    await expectEveryDocOnce(r);
    console.log(`share-resilience: after the network came back, the remaining ${N - atCut} documents arrived in ${(performance.now() - t).toFixed(0)} ms`);
    expect(Number(changesSince(proxy, team.name, mark)[0])).toBeGreaterThan(0);
    expect(r.states).toContain('offline');
    expect(r.sync.status().lastError).toBeNull();
    await r.sync.stop();
  }, 180_000);

  it('the background stopped mid-pull: the next one resumes from the store\'s position and the mirror\'s checkpoint', async () => {
    const team = await seededDb();
    const first = reader(team.url);
    await first.sync.start();
    await until('a first batch merged', async () => (await first.db.articles.count()) > 0);
    // Stopped while busy, not waited for: the next background starts at once on the same store
    // (a new connection) and the same mirror.
    void first.sync.stop();
    const mark = proxy.requests.length;
    const next = reader(team.url, first);
    const merged: number[] = [];
    const again = shareSync({ db: next.db, mirror: next.mirror as unknown as MirrorDb, remote: new PouchDB(team.url, { skip_setup: true }), now: () => Date.now(), onMerged: (m) => merged.push(m.merged) });
    await next.sync.stop(); // only `again` runs on the reopened store
    await again.start();
    await expectEveryDocOnce(next);
    const sum = merged.reduce((a, b) => a + b, 0);
    expect(sum).toBeLessThan(N); // it did not merge everything again
    const since = changesSince(proxy, team.name, mark);
    if (since.length) expect(Number(since[0])).toBeGreaterThan(0);
    await again.stop();
  }, 180_000);
});
