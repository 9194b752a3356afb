// [browser] PouchDB in the extension: the local mirror of the shared documents (IndexedDB) and the
// team's database over HTTP. Loaded only when sharing is on (background, dynamic import).
import PouchDB from 'pouchdb-core';
import idb from 'pouchdb-adapter-idb';
import http from 'pouchdb-adapter-http';
import replication from 'pouchdb-replication';
import { hashText } from '../text/hash';
import type { MirrorDb } from './share-sync';

PouchDB.plugin(idb).plugin(http).plugin(replication);

/** The mirror for one database URL (a mirror never carries one team's documents to another), and
 *  the remote database with the user's credentials. The remote is not created if missing: that is
 *  the server administrator's choice. */
export function openSharePouch(dbUrl: string, username: string, password: string): { mirror: MirrorDb; remote: unknown } {
  const mirror = new PouchDB(`verbatim-share-${hashText(dbUrl)}`, { adapter: 'idb' });
  const remote = new PouchDB(dbUrl, { adapter: 'http', skip_setup: true, ...(username ? { auth: { username, password } } : {}) });
  return { mirror: mirror as unknown as MirrorDb, remote };
}
