// Where `verbatim scan`'s time goes on a set of articles, phase by phase: each article's
// extraction (what the workers run: reading, finding quotes, naming speakers) and its store and
// matching (the main thread's share, in input order, which no number of workers shortens), timed
// in this process with the command's own code and an in-memory store, as a scan without --store.
// CPU time, not wall time: on a machine busy with other work the wall time of a phase says more
// about the other work than about the phase.
import { fileURLToPath } from 'node:url';
import { openMemoryDb, Scanner, SCAN_START_TIME, SCAN_TICK_MS } from '../scan-core';
import { loadInput } from '../scan-load';

export interface ScanPhases {
  /** Reading and extracting every article (on workers when a pool runs). */
  extractMs: number;
  /** Storing and matching every article (always on the main thread). */
  storeMs: number;
  /** Turning every article's result into its JSON line. */
  outputMs: number;
}

/** CPU time of this process so far (one thread runs here: no pool). */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** The phases of one cold scan of `files` (the first pass, as the command runs it). `kept`: as
 *  into a store file (with the quote log's group summaries), else as a scan without --store. */
export async function scanPhases(files: string[], kept = false): Promise<ScanPhases> {
  const db = openMemoryDb();
  const scanner = new Scanner(db, kept);
  const phases: ScanPhases = { extractMs: 0, storeMs: 0, outputMs: 0 };
  try {
    for (const [i, file] of files.entries()) {
      const t0 = cpuMs();
      const loaded = await loadInput({ kind: 'file', name: file, path: file });
      const t1 = cpuMs();
      const { article } = await scanner.add(i + 1, file, loaded, SCAN_START_TIME + i * SCAN_TICK_MS);
      const t2 = cpuMs();
      JSON.stringify(article);
      phases.extractMs += t1 - t0;
      phases.storeMs += t2 - t1;
      phases.outputMs += cpuMs() - t2;
    }
  } finally {
    db.close();
  }
  return phases;
}

// Run alone (node --import tsx scripts/bench/cli-phases.ts [--kept] FILE...), so that each kind of
// store is measured cold, as the command runs: prints the phases as JSON.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const phases = await scanPhases(args.filter((a) => a !== '--kept'), args.includes('--kept'));
  console.log(JSON.stringify(phases));
}
