// Browser side of the candidate-lookup benchmark (bundled at run time by browser-bench.mjs, never
// committed as a bundle). Runs in a page on http://127.0.0.1 in Chromium: the same IndexedDB
// engine as the extension's origin. One database grows 0 → 1k → 10k → … stored quotes; at each
// size a page of PAGE_QUOTES quotes is looked up through the postings table (lib/store.ts
// findCandidateIds / findVariants, the product's own code path) and compared with a linear scan
// of the store with relate().
//
// The same file is the Web Worker that computes index keys for the store being built (key
// computation is CPU-bound JS; two workers keep the 1M build within the time budget).
import { indexQuotes, keyPostings } from '../../lib/store/postings';
import { makeGroupId } from '../../lib/store/group-id';
import { openDb, type PostingRow, type VerbatimDb } from '../../lib/store/db';
import { queryKeys, storedKeys } from '../../lib/matching/fingerprint';
import type { ArticleRow, QuoteRow } from '../../lib/types';
import { isSingleKey } from '../../lib/matching/fingerprint';
import { normalize } from '../../lib/text/normalize';
import { relate } from '../../lib/matching/relate';
import { MAX_KEY_POSTINGS, findCandidateIds, findVariants } from '../../lib/store/analyze-page';
import { benchArticleRow, storedText } from './stored-text';

/** Quotes per page: the target page. */
export const PAGE_QUOTES = 30;
/** Of the page's quotes, this many are edited copies of stored sentences (known sources), the rest unseen. */
export const PAGE_KNOWN = 20;
/** Sentences held out of every store, to be the page's unseen quotes. */
export const HELD_OUT = 200;
/** Quotes per stored article (a long article's worth), as in the Node benchmark. */
const QUOTES_PER_ARTICLE = 30;
/** Rows per write transaction: large enough to amortise the commit, small enough for memory. */
const INSERT_CHUNK = 5_000;
/** Timed lookups per size, each with a different page (a repeated page would only measure caches). */
const LOOKUP_RUNS = 7;
/** Stored rows related against the page to time the scan's grading part: the per-row cost is
 *  flat, so a sample gives it; more rows only lengthen the run (about 30 relate() calls per row). */
const SCAN_SAMPLE = 150;
/** Rows read by the timed full cursor scan; beyond it the read is extrapolated (linear by construction). */
const SCAN_READ_CAP = 200_000;

/** Chunks between progress lines while a large store is built. */
const PROGRESS_EVERY = 20;

const DB_NAME = 'verbatim-browser-bench';
const CONTROL_DB_NAME = 'verbatim-browser-bench-control';
/** Quotes in the control store: the same page looked up in a small store right after the big one
 *  separates the cost of store size from the machine's load at that moment. */
const CONTROL_SIZE = 1_000;

// ---- corpus-derived texts (same construction as scripts/bench/lookup-bench.ts) ----------------

/** Deterministic small edit: drop one word near the middle, lower-case the first letter. */
function editSentence(s: string): string {
  const words = s.split(/\s+/);
  if (words.length > 6) words.splice(Math.floor(words.length / 2), 1);
  const t = words.join(' ');
  return t.charAt(0).toLowerCase() + t.slice(1);
}

interface Page {
  texts: string[];
  /** For each known quote, the index k of its stored source (row id k + 1); -1 for unseen quotes. */
  sources: number[];
}

/** Page `variant`: PAGE_KNOWN edited copies of stored sentences spread over the stored corpus
 *  sentences, then unseen held-out sentences. Different variants use different sources. */
function makePage(stock: string[], heldOut: string[], size: number, variant: number): Page {
  const span = Math.min(size, stock.length);
  const known = Math.min(PAGE_KNOWN, span);
  const texts: string[] = [];
  const sources: number[] = [];
  for (let i = 0; i < known; i++) {
    const k = (Math.floor(((i + 0.5) * span) / known) + variant * 7) % span;
    texts.push(editSentence(storedText(stock, k)));
    sources.push(k);
  }
  for (let i = 0; texts.length < PAGE_QUOTES; i++) {
    texts.push(heldOut[(variant * (PAGE_QUOTES - known) + i) % heldOut.length]);
    sources.push(-1);
  }
  return { texts, sources };
}

// ---- state --------------------------------------------------------------------------------------

interface KeyedRow {
  text: string;
  normText: string;
  keys: string[];
}

function keyRows(stock: string[], from: number, to: number): KeyedRow[] {
  const out: KeyedRow[] = [];
  for (let k = from; k < to; k++) {
    const text = storedText(stock, k);
    out.push({ text, normText: normalize(text), keys: storedKeys(text) });
  }
  return out;
}

let stock: string[] = [];
let heldOut: string[] = [];
let db: VerbatimDb | null = null;
let control: VerbatimDb | null = null;
let stored = 0;
let workers: Worker[] = [];
let nextJob = 0;
const pending = new Map<number, (rows: KeyedRow[]) => void>();

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

async function usage(): Promise<number | null> {
  try {
    const e = await navigator.storage.estimate();
    return typeof e.usage === 'number' ? e.usage : null;
  } catch {
    return null;
  }
}

export interface SetupResult {
  sentences: number;
  stock: number;
  heldOut: number;
  workers: number;
  usageBytes: number | null;
  persisted: boolean | null;
}

async function setup(sentences: string[], workerCount: number, scriptUrl: string): Promise<SetupResult> {
  stock = sentences.slice(0, sentences.length - HELD_OUT);
  heldOut = sentences.slice(sentences.length - HELD_OUT);
  await new Promise<void>((resolve) => {
    const req = indexedDB.deleteDatabase(DB_NAME);
    req.onsuccess = req.onerror = req.onblocked = () => resolve();
  });
  await new Promise<void>((resolve) => {
    const req = indexedDB.deleteDatabase(CONTROL_DB_NAME);
    req.onsuccess = req.onerror = req.onblocked = () => resolve();
  });
  db = openDb(DB_NAME);
  await db.open();
  control = openDb(CONTROL_DB_NAME);
  const controlSize = Math.min(CONTROL_SIZE, stock.length);
  await writeRows(control, makeRows(0, controlSize, keyRows(stock, 0, controlSize)));
  stored = 0;
  workers = [];
  for (let i = 0; i < workerCount; i++) {
    const w = new Worker(scriptUrl);
    w.onmessage = (e: MessageEvent<{ job: number; rows: KeyedRow[] }>) => {
      const done = pending.get(e.data.job);
      pending.delete(e.data.job);
      done?.(e.data.rows);
    };
    w.postMessage({ stock });
    workers.push(w);
  }
  let persisted: boolean | null = null;
  try {
    persisted = await navigator.storage.persisted();
  } catch {
    persisted = null;
  }
  return { sentences: sentences.length, stock: stock.length, heldOut: heldOut.length, workers: workerCount, usageBytes: await usage(), persisted };
}

function computeKeys(from: number, to: number): Promise<KeyedRow[]> {
  if (workers.length === 0) return Promise.resolve(keyRows(stock, from, to));
  const job = nextJob++;
  return new Promise((resolve) => {
    pending.set(job, resolve);
    workers[job % workers.length].postMessage({ job, from, to });
  });
}

export interface GrowResult {
  size: number;
  added: number;
  ms: number;
  /** ms the main thread spent waiting for keys (computation not hidden behind writes). */
  keyWaitMs: number;
  /** ms inside write transactions. */
  writeMs: number;
  /** Of writeMs, the time spent posting keys (indexQuotes). */
  indexMs: number;
  jsonBytes: number;
  keyCount: number;
  usageBytes: number | null;
}

/** Article and quote rows for stored quotes [from, to), one article per QUOTES_PER_ARTICLE quotes. */
function makeRows(from: number, to: number, keyed: KeyedRow[]): { articles: ArticleRow[]; quotes: QuoteRow[] } {
  const articles: ArticleRow[] = [];
  const quotes: QuoteRow[] = [];
  for (let k = from; k < to; k++) {
    const a = Math.floor(k / QUOTES_PER_ARTICLE);
    if (k % QUOTES_PER_ARTICLE === 0 || k === from) {
      articles.push(benchArticleRow(a, a));
    }
    const { text, normText, keys } = keyed[k - from];
    quotes.push({
      id: k + 1, articleId: a + 1, text, normText, kind: 'statement', speakerKey: null, speaker: null, cue: null,
      statement: k % QUOTES_PER_ARTICLE, parts: 1, start: 0, end: text.length,
      anchor: { prefix: '', exact: text, suffix: '' }, keys,
      groupId: makeGroupId(`https://news.example/a/${a}`, `h${a}`, k % QUOTES_PER_ARTICLE), seenAt: a,
    });
  }
  return { articles, quotes };
}

/** Write one chunk in one transaction; returns the ms of it spent posting the keys. */
async function writeRows(target: VerbatimDb, rows: { articles: ArticleRow[]; quotes: QuoteRow[] }): Promise<number> {
  let indexMs = 0;
  await target.transaction('rw', [target.articles, target.quotes, target.singles, target.postings], async () => {
    await target.articles.bulkPut(rows.articles);
    await target.quotes.bulkAdd(rows.quotes);
    const t0 = performance.now();
    await indexQuotes(target, rows.quotes);
    indexMs = performance.now() - t0;
  });
  return indexMs;
}

/** Grow the store to `size` quotes (or as far as `maxMs` allows: whole chunks), writing INSERT_CHUNK rows per transaction while the workers
 *  compute the next chunks' keys. */
async function growTo(size: number, maxMs = Infinity): Promise<GrowResult> {
  if (!db) throw new Error('setup() first');
  const t0 = performance.now();
  const start = stored;
  const chunks: Array<[number, number]> = [];
  for (let from = stored; from < size; from += INSERT_CHUNK) chunks.push([from, Math.min(size, from + INSERT_CHUNK)]);
  const inFlight = Math.max(2, workers.length * 2);
  const queue: Promise<KeyedRow[]>[] = chunks.slice(0, inFlight).map(([a, b]) => computeKeys(a, b));
  let keyWaitMs = 0;
  let writeMs = 0;
  let indexMs = 0;
  let jsonBytes = 0;
  let keyCount = 0;
  for (let c = 0; c < chunks.length; c++) {
    const [from, to] = chunks[c];
    const tw = performance.now();
    const keyed = await queue[c];
    keyWaitMs += performance.now() - tw;
    if (c + inFlight < chunks.length) queue.push(computeKeys(...chunks[c + inFlight]));
    const { articles, quotes } = makeRows(from, to, keyed);
    for (const row of quotes) {
      jsonBytes += JSON.stringify(row).length;
      keyCount += row.keys.length;
    }
    keyed.length = 0;
    const tx = performance.now();
    indexMs += await writeRows(db, { articles, quotes });
    writeMs += performance.now() - tx;
    stored = to;
    if ((c + 1) % PROGRESS_EVERY === 0) console.info(`stored ${to} quotes, ${Math.round(performance.now() - t0)} ms into this step`);
    if (performance.now() - t0 > maxMs) break;
  }
  return { size: stored, added: stored - start, ms: performance.now() - t0, keyWaitMs, writeMs, indexMs, jsonBytes, keyCount, usageBytes: await usage() };
}

/** Time to compute keys for `n` quotes on this thread (what the background pays per quote stored). */
function keyCostMs(n: number): number {
  const from = Math.max(0, stock.length - n);
  const t0 = performance.now();
  keyRows(stock, from, stock.length);
  return (performance.now() - t0) / (stock.length - from);
}

export interface MeasureResult {
  size: number;
  /** Median ms, over LOOKUP_RUNS different pages: candidate ids for every page quote (index only). */
  candidatesMs: number;
  candidatesFirstMs: number;
  /** Median ms of the same pages' candidate lookup in the CONTROL_SIZE store, interleaved with the timed runs. */
  controlMs: number;
  candidatesPerQuote: number;
  /** Median ms to post a page's 30 quotes after its lookup, reusing the rows it read / reading every row. */
  storeReusedMs: number;
  storeFreshMs: number;
  /** Median ms: the full lookup (candidates, rows, grading with relate()) for every page quote. */
  variantsMs: number;
  variantsFirstMs: number;
  /** Known page quotes whose stored source was found by the full lookup (summed over runs). */
  sourcesFound: number;
  sourcesTotal: number;
  /** Unseen page quotes that the lookup linked to something (summed over runs). */
  unseenLinked: number;
  unseenTotal: number;
  /** IndexedDB key requests per timed page on the product's path: distinct pair keys, and the single-term keys the store carries. */
  keysPerPage: number;
  /** Diagnostics, median ms over the same pages: every page key's request issued at once in one
   *  transaction, through Dexie (bulkGet) and through the raw IDB API (as lib/db.ts keyPostings). */
  batchedDexieMs: number;
  batchedRawMs: number;
  /** Postings those requests return per page, at most MAX_KEY_POSTINGS per key. */
  postingsPerPage: number;
  /** Median ms to compute the lookup keys of a page's texts (part of the product path). */
  pageKeysMs: number;
  /** The linear scan: cursor over every stored row (measured up to SCAN_READ_CAP) + relate()
   *  of each row against the page (measured on a sample, per row). */
  scanReadMs: number;
  scanReadRows: number;
  relatePerRowMs: number;
  scanSampleRows: number;
  scanSampleLinks: number;
  scanMs: number;
}

/** A page's key requests issued at once through the raw API: one point get per key on the
 *  postings table, as keyPostings issues them. [ms, postings up to MAX_KEY_POSTINGS per key]. */
function rawKeyBatch(idb: IDBDatabase, keys: string[]): Promise<[number, number]> {
  const t0 = performance.now();
  let postings = 0;
  return new Promise((resolve, reject) => {
    const tx = idb.transaction('postings', 'readonly');
    const store = tx.objectStore('postings');
    for (const k of keys) {
      const req = store.get(k);
      req.onsuccess = () => {
        postings += Math.min(MAX_KEY_POSTINGS, (req.result as PostingRow | undefined)?.ids.length ?? 0);
      };
    }
    tx.oncomplete = () => resolve([performance.now() - t0, postings]);
    tx.onerror = () => reject(tx.error);
  });
}

class RolledBack extends Error {}

/** ms to store a page's quotes (keys and postings) right after its lookup, rolled back after. */
async function storePageMs(target: VerbatimDb, texts: string[], reuse: boolean): Promise<number> {
  let ms = 0;
  try {
    await target.transaction('rw', [target.quotes, target.singles, target.postings], async () => {
      const whole = new Map<string, readonly number[]>();
      await keyPostings(target, texts.flatMap((t) => queryKeys(t)), MAX_KEY_POSTINGS, whole);
      const t0 = performance.now();
      const rows = texts.map((text, i) => ({ id: 1e9 + i, keys: storedKeys(text) }));
      await indexQuotes(target, rows, reuse ? whole : undefined);
      ms = performance.now() - t0;
      throw new RolledBack();
    });
  } catch (e) {
    if (!(e instanceof RolledBack)) throw e;
  }
  return ms;
}

/** Pause between settle probes: LevelDB compacts in the background after a bulk build. */
const SETTLE_STEP_MS = 10_000;
/** Settled: two probes in a row within this factor of each other. */
const SETTLE_TOLERANCE = 1.25;

export interface SettleResult {
  waitedMs: number;
  /** ms of the same page's raw key requests, probe after probe. */
  probesMs: number[];
}

/** A bulk build leaves LevelDB compacting for minutes, and reads meanwhile cost many times what
 *  they cost once it is done (at 1M: 12.9 s for a page right after the build, 0.25 s minutes
 *  later). A store that grows a page at a time is always settled, so the bench waits: the same
 *  page's raw requests are timed every SETTLE_STEP_MS until two in a row agree, or maxMs. */
async function settle(size: number, maxMs: number): Promise<SettleResult> {
  if (!db) throw new Error('setup() first');
  const idb = db.backendDB();
  const page = makePage(stock, heldOut, size, LOOKUP_RUNS + 1);
  const keys = [...new Set(page.texts.flatMap((t) => queryKeys(t)))].filter((k) => !isSingleKey(k));
  const t0 = performance.now();
  const probesMs: number[] = [];
  for (;;) {
    probesMs.push(Math.round((await rawKeyBatch(idb, keys))[0] * 10) / 10);
    const n = probesMs.length;
    if (n >= 2 && Math.max(probesMs[n - 1], probesMs[n - 2]) <= SETTLE_TOLERANCE * Math.min(probesMs[n - 1], probesMs[n - 2])) break;
    if (performance.now() - t0 + SETTLE_STEP_MS > maxMs) break;
    await new Promise((r) => setTimeout(r, SETTLE_STEP_MS));
  }
  return { waitedMs: Math.round(performance.now() - t0), probesMs };
}

async function measure(size: number): Promise<MeasureResult> {
  if (!db) throw new Error('setup() first');
  const d = db;
  const pages = Array.from({ length: LOOKUP_RUNS + 1 }, (_, v) => makePage(stock, heldOut, size, v));
  // Page 0 is the cold run (first lookup after the writes); pages 1.. are timed for the median.
  const candTimes: number[] = [];
  const varTimes: number[] = [];
  let candFirst = 0;
  let varFirst = 0;
  let candidates = 0;
  let sourcesFound = 0;
  let sourcesTotal = 0;
  let unseenLinked = 0;
  let unseenTotal = 0;
  const controlTimes: number[] = [];
  const candidatesMs = async (target: VerbatimDb, texts: string[]): Promise<[number, number]> => {
    const t0 = performance.now();
    let n = 0;
    // All of a page's lookups go out together, as analyzePage issues them.
    await target.transaction('r', [target.quotes, target.singles, target.postings], async () => {
      const keys = texts.map((text) => queryKeys(text));
      const read = await keyPostings(target, keys.flat(), MAX_KEY_POSTINGS);
      const found = await Promise.all(keys.map((k) => findCandidateIds(target, k, undefined, undefined, undefined, read)));
      for (const ids of found) n += ids.length;
    });
    return [performance.now() - t0, n];
  };
  for (const [v, page] of pages.entries()) {
    const [ms, n] = await candidatesMs(d, page.texts);
    if (control && v > 0) controlTimes.push((await candidatesMs(control, page.texts))[0]);
    if (v === 0) candFirst = ms;
    else {
      candTimes.push(ms);
      candidates += n;
    }
  }
  for (const [v, page] of pages.entries()) {
    const found: Awaited<ReturnType<typeof findVariants>>[] = [];
    const t0 = performance.now();
    await d.transaction('r', [d.articles, d.quotes, d.singles, d.postings], async () => {
      found.push(...(await Promise.all(page.texts.map((text) => findVariants(d, { text, speakerKey: null })))));
    });
    const ms = performance.now() - t0;
    if (v === 0) varFirst = ms;
    else varTimes.push(ms);
    for (const [i, src] of page.sources.entries()) {
      if (src >= 0) {
        sourcesTotal++;
        if (found[i].some((f) => f.quoteId === src + 1)) sourcesFound++;
      } else {
        unseenTotal++;
        if (found[i].length > 0) unseenLinked++;
      }
    }
  }
  // Diagnostics: where the index time goes (requests, Dexie, sequencing).
  // The requests the product issues: every pair key, and the single-term keys the store carries.
  const singlesStored = new Set(await d.singles.toCollection().primaryKeys());
  const pageKeys = pages.slice(1).map((p) => [...new Set(p.texts.flatMap((t) => queryKeys(t)))].filter((k) => !isSingleKey(k) || singlesStored.has(k)));
  const keysPerPage = pageKeys.reduce((a, k) => a + k.length, 0) / pageKeys.length;
  const dexieTimes: number[] = [];
  for (const keys of pageKeys) {
    const t0 = performance.now();
    await d.postings.bulkGet(keys);
    dexieTimes.push(performance.now() - t0);
  }
  const rawTimes: number[] = [];
  let postingsRead = 0;
  for (const keys of pageKeys) {
    const [ms, n] = await rawKeyBatch(d.backendDB(), keys);
    rawTimes.push(ms);
    postingsRead += n;
  }
  // The page's lookup keys computed from its 30 texts: the CPU part of the product path.
  const keyTimes = pages.slice(1).map((p) => {
    const t0 = performance.now();
    for (const t of p.texts) queryKeys(t);
    return performance.now() - t0;
  });
  // Storing a page's quotes as analyzePage does (after its lookup, in the same transaction),
  // with and without the lookup's rows reused; each transaction is rolled back.
  const storeReused: number[] = [];
  const storeFresh: number[] = [];
  for (const [v, p] of pages.slice(1).entries()) {
    for (const reuse of v % 2 ? [true, false] : [false, true]) {
      (reuse ? storeReused : storeFresh).push(await storePageMs(d, p.texts, reuse));
    }
  }
  // Linear scan, read part: every row through a cursor, as a scan must.
  const readRows = Math.min(size, SCAN_READ_CAP);
  let seen = 0;
  const tr = performance.now();
  await d.quotes.limit(readRows).each((q) => {
    if (q.text) seen++;
  });
  const readMeasured = performance.now() - tr;
  const scanReadMs = (readMeasured * size) / Math.max(1, seen);
  // Grading part: relate() of sample rows spread over the store against the timed page.
  const page = pages[1] ?? pages[0];
  const sampleIds = Array.from({ length: Math.min(SCAN_SAMPLE, size) }, (_, i) => 1 + Math.floor(((i + 0.5) * size) / Math.min(SCAN_SAMPLE, size)));
  const sample = (await d.quotes.bulkGet(sampleIds)).filter((r): r is QuoteRow => !!r);
  let links = 0;
  const tg = performance.now();
  for (const q of sample) {
    for (const text of page.texts) if (relate({ text: q.text, speakerKey: q.speakerKey }, { text, speakerKey: null })) links++;
  }
  const relatePerRowMs = (performance.now() - tg) / Math.max(1, sample.length);
  return {
    size,
    candidatesMs: round1(median(candTimes)),
    candidatesFirstMs: round1(candFirst),
    controlMs: round1(median(controlTimes)),
    storeReusedMs: round1(median(storeReused)),
    storeFreshMs: round1(median(storeFresh)),
    candidatesPerQuote: round1(candidates / (LOOKUP_RUNS * PAGE_QUOTES)),
    variantsMs: round1(median(varTimes)),
    variantsFirstMs: round1(varFirst),
    sourcesFound,
    sourcesTotal,
    unseenLinked,
    unseenTotal,
    keysPerPage: Math.round(keysPerPage),
    batchedDexieMs: round1(median(dexieTimes)),
    batchedRawMs: round1(median(rawTimes)),
    postingsPerPage: Math.round(postingsRead / pageKeys.length),
    pageKeysMs: round1(median(keyTimes)),
    scanReadMs: Math.round(scanReadMs),
    scanReadRows: seen,
    relatePerRowMs: Math.round(relatePerRowMs * 1000) / 1000,
    scanSampleRows: sample.length,
    scanSampleLinks: links,
    scanMs: Math.round(scanReadMs + relatePerRowMs * size),
  };
}

async function teardown(): Promise<void> {
  for (const w of workers) w.terminate();
  workers = [];
  if (control) {
    control.close();
    await control.delete().catch(() => undefined);
    control = null;
  }
  if (db) {
    db.close();
    await db.delete().catch(() => undefined);
    db = null;
  }
}

// ---- entry: page or worker --------------------------------------------------------------------

const isWorker = typeof document === 'undefined' && typeof (globalThis as { importScripts?: unknown }).importScripts === 'function';
if (isWorker) {
  let workerStock: string[] = [];
  globalThis.onmessage = (e: MessageEvent<{ stock?: string[]; job?: number; from?: number; to?: number }>) => {
    if (e.data.stock) workerStock = e.data.stock;
    else if (typeof e.data.job === 'number') {
      postMessage({ job: e.data.job, rows: keyRows(workerStock, e.data.from ?? 0, e.data.to ?? 0) });
    }
  };
} else {
  (globalThis as unknown as { verbatimBench: unknown }).verbatimBench = { setup, growTo, settle, measure, keyCostMs, teardown, PAGE_QUOTES, PAGE_KNOWN };
}
