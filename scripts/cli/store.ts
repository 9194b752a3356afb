// The command line's store between runs: the extension's quote store (lib/store, the same Dexie
// schema and pipeline) in one SQLite file (sqlite-db.ts). Each page is stored in its own
// transaction, so a scan that is killed keeps every page stored before it, and the next scan over
// the same inputs recognises them instead of storing them twice. `verbatim export` turns the file
// into the quote log JSON the extension imports; `verbatim import` reads such JSON into it.
import fs from 'node:fs';
import type { VerbatimDb } from '../../lib/store/db';
import { SCAN_TICK_MS } from '../scan-core';
import { openSqliteDb } from './sqlite-db';

export interface ScanStore {
  db: VerbatimDb;
  /** Whether the store outlives the command (a file), and so is read by others: the quote log
   *  of an export, later scans. */
  kept: boolean;
  /** The time the next scan starts at: after everything already stored, so earlier scans stay earlier. */
  nextTime(start: number): number;
  close(): void;
}

export class StoreError extends Error {
  override name = 'StoreError';
}

/** The first bytes of every SQLite database file. */
const SQLITE_MAGIC = 'SQLite format 3\0';

/** Opens the store file (a missing file is created empty), or a store for this run only (null). */
export async function openScanStore(file: string | null): Promise<ScanStore> {
  if (file && fs.existsSync(file) && fs.statSync(file).size > 0) {
    const head = Buffer.alloc(SQLITE_MAGIC.length);
    const fd = fs.openSync(file, 'r');
    fs.readSync(fd, head as unknown as Uint8Array, 0, head.length, 0);
    fs.closeSync(fd);
    if (head.toString('latin1') !== SQLITE_MAGIC) {
      const json = head.toString('latin1').trimStart().startsWith('{');
      throw new StoreError(`${file}: not a Verbatim store${json ? ' (it looks like a quote log JSON: read it into a store with `verbatim import --store STORE FILE`)' : ''}`);
    }
  }
  let db: VerbatimDb;
  let last;
  try {
    db = openSqliteDb(file ?? ':memory:');
    last = await db.articles.orderBy('lastSeen').last();
  } catch (e) {
    throw new StoreError(`${file ?? 'store'}: cannot be opened (${(e as Error).message})`);
  }
  return {
    db,
    kept: file !== null,
    nextTime: (start) => (last ? Math.max(start, last.lastSeen + SCAN_TICK_MS) : start),
    close: () => db.close(),
  };
}
