// Browser side of the quote-log benchmark (bundled at run time by log-bench.mjs, never committed
// as a bundle). Runs in a page on http://127.0.0.1 in Chromium, the same IndexedDB engine as the
// extension's origin. One store grows to each size; at each size the log's first page, text
// searches and the relation filter are timed through lib/store/quote-log.ts listGroups (the
// product's path) and through the walk the log used before group summaries (listGroupsWalk below),
// on the same store in the same run.
import Dexie from 'dexie';
import { openDb, type VerbatimDb } from '../../lib/store/db';
import { listGroups, loadGroup } from '../../lib/store/quote-log';
import { refreshGroups, searchWords } from '../../lib/store/groups';
import { normalize } from '../../lib/text/normalize';
import type { ArticleRow, GroupQuery, QuoteGroup, QuoteRow } from '../../lib/types';
import { benchArticleRow, storedText } from './stored-text';

/** Quotes per stored article. */
const QUOTES_PER_ARTICLE = 30;
/** Every SECOND_VERSION_EVERY-th quote is another outlet's edited version of an earlier quote, in
 *  its statement group: graded groups of two versions, as a reader who follows a story collects. */
const SECOND_VERSION_EVERY = 10;
/** Quotes per write transaction. */
const CHUNK = 5_000;
/** The log's page size (entrypoints/quotes). */
export const PAGE_SIZE = 100;
/** Timed runs per measure (different queries each, medians reported). */
const RUNS = 7;
/** Of those, the runs that also time the walk (seconds each at 100k). */
const WALK_RUNS = 3;

const DB_NAME = 'verbatim-log-bench';
let db: VerbatimDb | null = null;
let texts: string[] = [];
let stored = 0;

/** Another outlet's version: one word dropped near the middle, another changed. */
function edited(s: string): string {
  const words = s.split(/\s+/);
  if (words.length > 6) words.splice(Math.floor(words.length / 2), 1);
  if (words.length > 3) words[words.length - 2] = 'reportedly';
  return words.join(' ');
}

async function setup(sentences: string[]): Promise<void> {
  texts = sentences;
  await Dexie.delete(DB_NAME);
  db = openDb(DB_NAME);
  await db.open();
  stored = 0;
}

/** Grow the store to `size` quotes: rows as analyzePage stores them (index keys left out: the log
 *  does not read them), group summaries written in the same transactions. */
async function growTo(size: number): Promise<{ ms: number; groups: number }> {
  if (!db) throw new Error('setup() first');
  const d = db;
  const t0 = performance.now();
  for (let from = stored; from < size; from += CHUNK) {
    const to = Math.min(size, from + CHUNK);
    const articles: ArticleRow[] = [];
    const quotes: QuoteRow[] = [];
    for (let k = from; k < to; k++) {
      const a = Math.floor(k / QUOTES_PER_ARTICLE);
      if (k % QUOTES_PER_ARTICLE === 0 || k === from) {
        articles.push(benchArticleRow(a, a * 60_000));
      }
      // A second version quotes the statement of a first version stored a few articles earlier.
      const source = k % SECOND_VERSION_EVERY === SECOND_VERSION_EVERY - 1 && k > 3 * QUOTES_PER_ARTICLE ? k - 3 * QUOTES_PER_ARTICLE - 1 : -1;
      const text = source >= 0 ? edited(storedText(texts, source)) : storedText(texts, k);
      const groupOf = source >= 0 ? source : k;
      quotes.push({
        id: k + 1, articleId: a + 1, text, normText: normalize(text), kind: 'statement', speakerKey: `speaker-${k % 500}`, speaker: `Speaker ${k % 500}`, cue: 'said',
        statement: k % QUOTES_PER_ARTICLE, parts: 1, start: 0, end: text.length, anchor: { prefix: '', exact: text, suffix: '' }, keys: [],
        groupId: `g${groupOf}`, seenAt: a * 60_000,
      });
    }
    await d.transaction('rw', [d.articles, d.quotes, d.groups], async () => {
      await d.articles.bulkPut(articles);
      await d.quotes.bulkAdd(quotes);
      await refreshGroups(d, quotes.map((q) => q.groupId));
    });
    stored = to;
  }
  return { ms: performance.now() - t0, groups: await d.groups.count() };
}

// ---- the baseline: the log's query before group summaries ----------------------------------------

/** listGroups as it was before schema v5: one cursor over the quotes newest first, every row
 *  tested, then each group loaded and graded; the relation filter graded every group. */
async function listGroupsWalk(d: VerbatimDb, query: GroupQuery): Promise<{ groups: QuoteGroup[]; hasMore: boolean }> {
  const text = query.text ? normalize(query.text) : '';
  const offset = Math.max(0, query.offset | 0);
  const limit = Math.max(0, query.limit | 0);
  return d.transaction('r', d.articles, d.quotes, async () => {
    const want = offset + limit + 1;
    const seenGroups = new Set<string>();
    const firstRows: QuoteRow[] = [];
    await d.quotes
      .orderBy('seenAt')
      .reverse()
      .until(() => !query.relation && firstRows.length >= want)
      .each((q) => {
        if (seenGroups.has(q.groupId)) return;
        if (text && !q.normText.includes(text)) return;
        seenGroups.add(q.groupId);
        firstRows.push(q);
      });
    const groups: QuoteGroup[] = [];
    let matched = 0;
    let hasMore = false;
    for (const q of firstRows) {
      const group = await loadGroup(d, q.groupId);
      if (!group) continue;
      if (query.relation && !group.versions.some((v) => v.relation === query.relation)) continue;
      matched++;
      if (matched <= offset) continue;
      if (groups.length >= limit) {
        hasMore = true;
        break;
      }
      groups.push(group);
    }
    return { groups, hasMore };
  });
}

// ---- measures -----------------------------------------------------------------------------------

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? Math.round(s[Math.floor((s.length - 1) / 2)] * 10) / 10 : NaN;
}

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const out = await fn();
  return [performance.now() - t0, out];
}

/** Search words by how many stored quotes carry them, from a sample of the store: rare (a handful
 *  of quotes: what a reader looks up) and common (hundreds or more). */
async function pickWords(d: VerbatimDb): Promise<{ rare: string[]; common: string[] }> {
  const freq = new Map<string, number>();
  for (let k = 0; k < Math.min(stored, 20_000); k++) for (const w of searchWords(normalize(storedText(texts, k)))) freq.set(w, (freq.get(w) ?? 0) + 1);
  const byCount = [...freq].filter(([w]) => w.length >= 5 && /^[a-z]+$/.test(w));
  const pick = (lo: number, hi: number) => byCount.filter(([, n]) => n >= lo && n <= hi).map(([w]) => w);
  const spread = (ws: string[]) => Array.from({ length: Math.min(RUNS, ws.length) }, (_, i) => ws[Math.floor((i * ws.length) / Math.min(RUNS, ws.length))]);
  const rare = spread(pick(2, 5));
  const common = spread(pick(400, 2_000));
  // Warm the store's indexes for both paths alike.
  await d.groups.where('wordKeys').startsWith(`${rare[0] ?? 'x'} `).count();
  return { rare, common };
}

export interface LogMeasure {
  size: number;
  groups: number;
  firstPageMs: number;
  firstPageWalkMs: number;
  rareSearchMs: number;
  rareSearchWalkMs: number;
  rareHits: number;
  commonSearchMs: number;
  commonSearchWalkMs: number;
  relationMs: number;
  relationWalkMs: number | null;
  relationHits: number;
  words: { rare: string[]; common: string[] };
}

/** Each path timed on the same queries, alternating which goes first. `walkRelation`: also time the
 *  old relation filter (it grades every group: minutes at 100k). */
async function measure(walkRelation: boolean): Promise<LogMeasure> {
  if (!db) throw new Error('setup() first');
  const d = db;
  const words = await pickWords(d);
  const page = (q: Partial<GroupQuery>): GroupQuery => ({ offset: 0, limit: PAGE_SIZE, ...q });
  const pair = async (queries: Partial<GroupQuery>[]) => {
    const now: number[] = [];
    const walk: number[] = [];
    let hits = 0;
    for (const [i, q] of queries.entries()) {
      const runNow = async () => {
        const [ms, r] = await timed(() => listGroups(d, page(q)));
        now.push(ms);
        hits += r.groups.length;
      };
      const runWalk = async () => void walk.push((await timed(() => listGroupsWalk(d, page(q))))[0]);
      // The walk reads the whole store for a rare word: its first WALK_RUNS queries give its median.
      if (i >= WALK_RUNS) await runNow();
      else if (i % 2) await runWalk().then(runNow);
      else await runNow().then(runWalk);
    }
    return { now: median(now), walk: median(walk), hits };
  };
  const first = await pair(Array.from({ length: RUNS }, () => ({})));
  const rare = await pair(words.rare.map((text) => ({ text })));
  const common = await pair(words.common.map((text) => ({ text })));
  const relation: number[] = [];
  let relationHits = 0;
  for (const rel of ['minor', 'reworded', 'excerpt', 'altered', 'minor'] as const) {
    const [ms, r] = await timed(() => listGroups(d, page({ relation: rel })));
    relation.push(ms);
    relationHits += r.groups.length;
  }
  const relationWalkMs = walkRelation ? (await timed(() => listGroupsWalk(d, page({ relation: 'minor' }))))[0] : null;
  return {
    size: stored,
    groups: await d.groups.count(),
    firstPageMs: first.now,
    firstPageWalkMs: first.walk,
    rareSearchMs: rare.now,
    rareSearchWalkMs: rare.walk,
    rareHits: Math.round(rare.hits / Math.max(1, words.rare.length)),
    commonSearchMs: common.now,
    commonSearchWalkMs: common.walk,
    relationMs: median(relation),
    relationWalkMs: relationWalkMs === null ? null : Math.round(relationWalkMs),
    relationHits: Math.round(relationHits / relation.length),
    words,
  };
}

/** Time the first page until two runs in a row agree within 25 % (LevelDB compacts after a bulk
 *  build, and reads meanwhile cost several times more), or maxMs. */
async function settle(maxMs: number): Promise<number[]> {
  if (!db) throw new Error('setup() first');
  const d = db;
  const probes: number[] = [];
  const t0 = performance.now();
  for (;;) {
    probes.push(Math.round((await timed(() => listGroups(d, { offset: 0, limit: PAGE_SIZE })))[0]));
    const n = probes.length;
    if (n >= 2 && Math.max(probes[n - 1], probes[n - 2]) <= 1.25 * Math.min(probes[n - 1], probes[n - 2])) return probes;
    if (performance.now() - t0 > maxMs) return probes;
    await new Promise((r) => setTimeout(r, 5_000));
  }
}

async function teardown(): Promise<void> {
  db?.close();
  await Dexie.delete(DB_NAME);
  db = null;
}

(globalThis as unknown as { verbatimLogBench: unknown }).verbatimLogBench = { setup, growTo, measure, settle, teardown };
