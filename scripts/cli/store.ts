// The command line's store between runs: one file in the quote log's own versioned JSON (what the
// extension exports and imports), loaded into the extension's store logic at the start of a run
// and written back, whole and atomically, as the scan goes and at its end. The same file is what
// `verbatim export` writes and what the extension's quote log imports.
import fs from 'node:fs';
import path from 'node:path';
import { exportJson, importJson } from '../../lib/store/export';
import type { VerbatimDb } from '../../lib/store/db';
import { openMemoryDb, SCAN_TICK_MS } from '../scan-core';

/** Inputs scanned between two saves of the store file: a scan stopped midway resumes from the last
 *  save (inputs already stored are recognised, not stored twice); each save rewrites the whole file. */
export const SAVE_EVERY = 1000;

export interface ScanStore {
  db: VerbatimDb;
  /** The time the next scan starts at: after everything already stored, so earlier scans stay earlier. */
  nextTime(start: number): number;
  progress(scanned: number): Promise<void>;
  save(): Promise<void>;
  close(): void;
}

export class StoreError extends Error {}

/** Opens the store file (a missing file is an empty store), or a store for this run only (null). */
export async function openScanStore(file: string | null): Promise<ScanStore> {
  const db = openMemoryDb();
  if (file && fs.existsSync(file)) {
    const result = await importJson(db, fs.readFileSync(file, 'utf8'));
    if (!result.ok) {
      db.close();
      throw new StoreError(`${file}: not a Verbatim quote log (${result.errors.slice(0, 3).join('; ')})`);
    }
  }
  const last = await db.articles.orderBy('lastSeen').last();
  const save = async () => {
    if (!file) return;
    const tmp = path.join(path.dirname(path.resolve(file)), `.${path.basename(file)}.${process.pid}.tmp`);
    fs.writeFileSync(tmp, await exportJson(db, Date.now()));
    fs.renameSync(tmp, file);
  };
  return {
    db,
    nextTime: (start) => (last ? Math.max(start, last.lastSeen + SCAN_TICK_MS) : start),
    progress: async (scanned) => {
      if (scanned % SAVE_EVERY === 0) await save();
    },
    save,
    close: () => db.close(),
  };
}
