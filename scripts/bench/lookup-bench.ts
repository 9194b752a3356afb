// Candidate lookup benchmark: a page of quotes looked up through the postings table (one row per key)
// against a linear scan of every stored quote with relate(), at growing store sizes, in the same
// run. Independent of Node: the IndexedDB factory and the sentences are parameters, so the same
// code runs in Chromium's real IndexedDB. Standalone on Node:  npx tsx scripts/bench/lookup-bench.ts [sizes...]
import { indexQuotes } from '../../lib/store/postings';
import { openDb, type VerbatimDb } from '../../lib/store/db';
import { makeGroupId } from '../../lib/store/group-id';
import { queryKeys, storedKeys } from '../../lib/matching/fingerprint';
import type { ArticleRow, QuoteRow } from '../../lib/types';
import { findCandidateIds, findVariants } from '../../lib/store/analyze-page';
import { normalize } from '../../lib/text/normalize';
import { relate } from '../../lib/matching/relate';
import { storedText } from './stored-text';

/** Quotes per page, as the target states (a long article). */
export const PAGE_QUOTES = 30;
/** Of the page's quotes, this many are edited copies of stored sentences, the rest unseen. */
const PAGE_KNOWN = 20;
/** Sentences held out of every store, to be the page's unseen quotes. */
const HELD_OUT = 200;
/** Quotes per stored article (a long article's worth). */
const QUOTES_PER_ARTICLE = 30;
/** Rows per write transaction while building a store: large enough to amortise, small enough for memory. */
const INSERT_CHUNK = 6_000;
/** The linear scan reads at most this many stored quotes and is extrapolated beyond: a full
 *  scan costs PAGE_QUOTES relate() calls per stored quote (about 0.5–1 ms each here: 100k quotes
 *  would take 45 minutes), and its cost is linear by construction. */
export const SCAN_CAP = 3_000;

export interface LookupBenchRow {
  size: number;
  insertQuotesPerSec: number;
  /** Mean JSON size of a stored quote record, keys included (UTF-16 code units ≈ bytes for English). */
  bytesPerQuote: number;
  keyBytesPerQuote: number;
  keysPerQuote: number;
  /** Median ms to look up and grade a page of PAGE_QUOTES quotes through the index. */
  indexMs: number;
  /** Median ms of the index part alone (candidate ids for the page, no grading). */
  candidatesMs: number;
  /** Insert throughput of the database writes alone (key computation excluded). */
  writeQuotesPerSec: number;
  /** ms for the linear scan with relate(), measured (or extrapolated from SCAN_CAP rows). */
  scanMs: number;
  scanExtrapolated: boolean;
  /** scanMs / indexMs */
  ratio: number;
  /** Of the (page quote, stored quote) pairs the scan relates, the share the index also finds
   *  (over the scanned rows when the scan is capped). */
  recall: number;
  /** Page quotes with at least one variant found through the index. */
  pageQuotesMatched: number;
}

export interface LookupBenchOptions {
  sizes: number[];
  indexedDB: unknown;
  IDBKeyRange: unknown;
  /** Real corpus sentences; on Node they are read from ../shared/corpus when absent. */
  sentences?: string[];
  /** Index lookup repetitions (median reported). */
  runs?: number;
  log?: (line: string) => void;
}

/** Deterministic small edit of a stored sentence: drop one word near the middle, change the case
 *  of the first letter. Keeps it the same utterance (an excerpt or minor change). */
function editSentence(s: string): string {
  const words = s.split(/\s+/);
  if (words.length > 6) words.splice(Math.floor(words.length / 2), 1);
  const t = words.join(' ');
  return t.charAt(0).toLowerCase() + t.slice(1);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function buildStore(db: VerbatimDb, stock: string[], size: number): Promise<{ ms: number; keyMs: number; bytes: number; keyBytes: number; keys: number }> {
  let keyMs = 0;
  let bytes = 0;
  let keyBytes = 0;
  let keys = 0;
  const t0 = performance.now();
  for (let from = 0; from < size; from += INSERT_CHUNK) {
    const to = Math.min(size, from + INSERT_CHUNK);
    const articles: ArticleRow[] = [];
    const quotes: QuoteRow[] = [];
    for (let k = from; k < to; k++) {
      const a = Math.floor(k / QUOTES_PER_ARTICLE);
      if (k % QUOTES_PER_ARTICLE === 0 || k === from) {
        if (!articles.some((x) => x.id === a + 1)) {
          articles.push({
            id: a + 1, canonicalUrl: `https://news.example/a/${a}`, url: `https://news.example/a/${a}`, outlet: `Outlet ${a % 50}`,
            byline: null, title: `Article ${a}`, published: null, firstSeen: a, lastSeen: a, contentHash: `h${a}`, partial: false,
          });
        }
      }
      const text = storedText(stock, k);
      const tk = performance.now();
      const normText = normalize(text);
      const rowKeys = storedKeys(text);
      keyMs += performance.now() - tk;
      const row: QuoteRow = {
        articleId: a + 1, text, normText, kind: 'statement', speakerKey: null, speaker: null, cue: null,
        statement: k % QUOTES_PER_ARTICLE, parts: 1, start: 0, end: text.length,
        anchor: { prefix: '', exact: text, suffix: '' }, keys: rowKeys,
        groupId: makeGroupId(`https://news.example/a/${a}`, `h${a}`, k % QUOTES_PER_ARTICLE), seenAt: a,
      };
      quotes.push(row);
      bytes += JSON.stringify(row).length;
      keyBytes += row.keys.reduce((n, key) => n + key.length + 3, 0);
      keys += row.keys.length;
    }
    await db.transaction('rw', [db.articles, db.quotes, db.singles, db.postings], async () => {
      await db.articles.bulkPut(articles);
      const ids = await db.quotes.bulkAdd(quotes, { allKeys: true });
      quotes.forEach((q, i) => (q.id = ids[i]));
      await indexQuotes(db, quotes);
    });
  }
  return { ms: performance.now() - t0, keyMs, bytes, keyBytes, keys };
}

/** The page: edited copies of stored sentences spread over the store, plus unseen sentences. */
function makePage(stock: string[], heldOut: string[], size: number): string[] {
  const known = Math.min(PAGE_KNOWN, size);
  const page: string[] = [];
  for (let i = 0; i < known; i++) page.push(editSentence(storedText(stock, Math.floor(((i + 0.5) * Math.min(size, stock.length)) / known))));
  for (let i = 0; page.length < PAGE_QUOTES; i++) page.push(heldOut[i % heldOut.length]);
  return page;
}

async function lookupPage(db: VerbatimDb, page: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  await db.transaction('r', [db.articles, db.quotes, db.singles, db.postings], async () => {
    for (const [i, text] of page.entries()) {
      for (const v of await findVariants(db, { text, speakerKey: null })) found.add(`${i}:${v.quoteId}`);
    }
  });
  return found;
}

/** The index part alone: candidate ids for every page quote, no grading. */
async function candidatesPage(db: VerbatimDb, page: string[]): Promise<number> {
  let n = 0;
  await db.transaction('r', [db.quotes, db.singles, db.postings], async () => {
    for (const text of page) n += (await findCandidateIds(db, queryKeys(text))).length;
  });
  return n;
}

async function scanPage(db: VerbatimDb, page: string[], limit: number): Promise<Set<string>> {
  const found = new Set<string>();
  await db.quotes.limit(limit).each((q) => {
    for (const [i, text] of page.entries()) {
      if (relate({ text: q.text, speakerKey: q.speakerKey }, { text, speakerKey: null })) found.add(`${i}:${q.id}`);
    }
  });
  return found;
}

export async function benchLookup(opts: LookupBenchOptions): Promise<LookupBenchRow[]> {
  const log = opts.log ?? ((line: string) => console.log(line));
  let sentences = opts.sentences;
  if (!sentences) {
    // Node only: the path is computed so a browser bundle never tries to include the loader.
    const loader = './corpus-sentences';
    const mod = (await import(/* @vite-ignore */ loader)) as { loadCorpusSentences: () => string[] | null };
    sentences = mod.loadCorpusSentences() ?? undefined;
    if (!sentences) return [];
  }
  const stock = sentences.slice(0, sentences.length - HELD_OUT);
  const heldOut = sentences.slice(sentences.length - HELD_OUT);
  const runs = opts.runs ?? 5;
  const rows: LookupBenchRow[] = [];
  log(`sentences: ${sentences.length} (${stock.length} for stores, ${HELD_OUT} held out); page of ${PAGE_QUOTES} quotes (${PAGE_KNOWN} edited copies, rest unseen)`);
  log('size      insert q/s (writes)  bytes/quote (keys)  keys/quote  index ms (lookup only)  scan ms            scan/index  recall  matched');
  for (const size of opts.sizes) {
    const name = `verbatim-bench-${size}-${Math.random().toString(36).slice(2)}`;
    const db = openDb(name, { indexedDB: opts.indexedDB, IDBKeyRange: opts.IDBKeyRange });
    try {
      const built = await buildStore(db, stock, size);
      const page = makePage(stock, heldOut, size);
      await lookupPage(db, page); // warm-up
      const times: number[] = [];
      let found = new Set<string>();
      for (let r = 0; r < runs; r++) {
        const t0 = performance.now();
        found = await lookupPage(db, page);
        times.push(performance.now() - t0);
      }
      const indexMs = median(times);
      const candTimes: number[] = [];
      for (let r = 0; r < runs; r++) {
        const t1 = performance.now();
        await candidatesPage(db, page);
        candTimes.push(performance.now() - t1);
      }
      const scanned = Math.min(size, SCAN_CAP);
      const t0 = performance.now();
      const byScan = await scanPage(db, page, scanned);
      const scanMs = ((performance.now() - t0) * size) / scanned;
      const extrapolated = scanned < size;
      // Recall on the scanned rows (all of them, or the first SCAN_CAP): the index searched everything.
      const recall = byScan.size === 0 ? 1 : [...byScan].filter((p) => found.has(p)).length / byScan.size;
      const matched = new Set([...found].map((p) => p.split(':')[0])).size;
      const row: LookupBenchRow = {
        size,
        insertQuotesPerSec: Math.round((size / built.ms) * 1000),
        writeQuotesPerSec: Math.round((size / (built.ms - built.keyMs)) * 1000),
        candidatesMs: Math.round(median(candTimes) * 10) / 10,
        bytesPerQuote: Math.round(built.bytes / size),
        keyBytesPerQuote: Math.round(built.keyBytes / size),
        keysPerQuote: Math.round((built.keys / size) * 10) / 10,
        indexMs: Math.round(indexMs * 10) / 10,
        scanMs: Math.round(scanMs),
        scanExtrapolated: extrapolated,
        ratio: Math.round(scanMs / indexMs),
        recall: Math.round(recall * 1000) / 1000,
        pageQuotesMatched: matched,
      };
      rows.push(row);
      log(
        [
          String(size).padEnd(9),
          `${row.insertQuotesPerSec} (${row.writeQuotesPerSec})`.padEnd(20),
          `${row.bytesPerQuote} (${row.keyBytesPerQuote})`.padEnd(19),
          String(row.keysPerQuote).padEnd(11),
          `${row.indexMs} (${row.candidatesMs})`.padEnd(23),
          `${row.scanMs}${extrapolated ? ' (extrap.)' : ''}`.padEnd(18),
          `${row.ratio}×`.padEnd(11),
          String(row.recall).padEnd(7),
          `${matched}/${PAGE_QUOTES}`,
        ].join(' '),
      );
    } finally {
      // delete() closes this connection first; a store left behind would slow the next size.
      await db.delete().catch(() => undefined);
    }
  }
  return rows;
}

// Standalone on Node: sizes from the command line (default 1k 10k 100k), fake-indexeddb.
const argv = typeof process !== 'undefined' ? process.argv : [];
if (/lookup-bench\.ts$/.test(argv[1] ?? '')) {
  void (async () => {
    const fake = await import('fake-indexeddb');
    const sizes = argv.slice(2).map(Number).filter((n) => n > 0);
    await benchLookup({ sizes: sizes.length ? sizes : [1_000, 10_000, 100_000], indexedDB: new fake.IDBFactory(), IDBKeyRange: fake.IDBKeyRange });
  })();
}
