// Pull throughput of sharing: N shared article documents on a CouchDB-protocol server
// (pouchdb-server on 127.0.0.1, or VERBATIM_COUCH_URL), pulled by a fresh member: replication into
// its mirror, then merged into its quote store in batches (fake-indexeddb in Node, which is
// slower than a browser's IndexedDB past some thousands of rows).
//   npx tsx scripts/bench/share-bench.ts [N=10000]
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import PouchDB from 'pouchdb-core';
import memory from 'pouchdb-adapter-memory';
import http from 'pouchdb-adapter-http';
import replication from 'pouchdb-replication';
import { openDb } from '../../lib/store/db';
import { shareSync, SHARE_BATCH, type MirrorDb } from '../../lib/store/share-sync';
import { startCouchServer } from '../../test/share/couch-server';
import { manyDocs } from '../../test/share/many-docs';

PouchDB.plugin(memory).plugin(http).plugin(replication);

async function main() {
  const n = Number(process.argv[2] ?? 10_000);
  const server = await startCouchServer();
  try {
    const url = `${server.url}bench${Date.now()}`;
    const remote = new PouchDB(url);
    // N distinct versions: a few analysed pages, each shared under many outlets' addresses.
    const docs = await manyDocs(n);
    for (let i = 0; i < docs.length; i += 1000) await remote.bulkDocs(docs.slice(i, i + 1000));
    console.log(`server holds ${(await remote.info()).doc_count} documents`);

    const db = openDb('dst', { indexedDB: new IDBFactory(), IDBKeyRange });
    const mirror = new PouchDB('dst-mirror', { adapter: 'memory' });
    let t = performance.now();
    const result = await mirror.replicate.from(remote, { batch_size: SHARE_BATCH });
    const replicateS = (performance.now() - t) / 1000;
    console.log(`replication into the mirror: ${result.docs_written} documents in ${replicateS.toFixed(1)} s (${Math.round(result.docs_written / replicateS)} documents/s)`);

    let merged = 0;
    let slowestBatchMs = 0;
    let batchStart = performance.now();
    let resolveAll = () => {};
    const all = new Promise<void>((resolve) => (resolveAll = resolve));
    const sync = shareSync({
      db, mirror: mirror as unknown as MirrorDb, remote, now: () => Date.now(),
      onMerged: (r) => {
        merged += r.merged;
        slowestBatchMs = Math.max(slowestBatchMs, performance.now() - batchStart);
        batchStart = performance.now();
        if (merged >= n) resolveAll();
      },
    });
    t = performance.now();
    batchStart = t;
    void sync.pullNow();
    await all;
    const mergeS = (performance.now() - t) / 1000;
    console.log(`merge into the quote store (fake-indexeddb): ${merged} documents in ${mergeS.toFixed(1)} s (${Math.round(merged / mergeS)} documents/s), slowest batch of ${SHARE_BATCH}: ${slowestBatchMs.toFixed(0)} ms`);
    console.log(`store holds ${await db.articles.count()} articles, ${await db.quotes.count()} quotes`);
    await sync.stop();
  } finally {
    await server.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
