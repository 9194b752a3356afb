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

/** `keep`: measure the store a kept profile holds (its quotes have ids 1..stored), grown further
 *  if asked for more. */
async function setup(sentences: string[], keep = false): Promise<void> {
  texts = sentences;
  if (!keep) await Dexie.delete(DB_NAME);
  db = openDb(DB_NAME);
  await db.open();
  stored = keep ? (((await db.quotes.orderBy(':id').reverse().limit(1).primaryKeys())[0] as number | undefined) ?? 0) : 0;
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
 *  tested (the text as a phrase from the start of a word, as listGroups matches it; the outlet by
 *  part of its name), then each group loaded and graded; the relation filter graded every group. */
async function listGroupsWalk(d: VerbatimDb, query: GroupQuery): Promise<{ groups: QuoteGroup[]; hasMore: boolean }> {
  const text = query.text ? normalize(query.text) : '';
  const outlet = query.outlet?.toLowerCase() ?? '';
  const offset = Math.max(0, query.offset | 0);
  const limit = Math.max(0, query.limit | 0);
  return d.transaction('r', d.articles, d.quotes, async () => {
    const outletArticles = outlet ? new Set(await d.articles.filter((a) => (a.outlet ?? '').toLowerCase().includes(outlet)).primaryKeys()) : null;
    const want = offset + limit + 1;
    const seenGroups = new Set<string>();
    const firstRows: QuoteRow[] = [];
    await d.quotes
      .orderBy('seenAt')
      .reverse()
      .until(() => !query.relation && firstRows.length >= want)
      .each((q) => {
        if (seenGroups.has(q.groupId)) return;
        if (text && !` ${q.normText}`.includes(` ${text}`)) return;
        if (outletArticles && !outletArticles.has(q.articleId)) return;
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

/** Spread `n` picks evenly over a list. */
const spread = <T>(xs: readonly T[], n = RUNS): T[] => Array.from({ length: Math.min(n, xs.length) }, (_, i) => xs[Math.floor((i * xs.length) / Math.min(n, xs.length))]);

/** The search texts of each shape, from a sample of the store: rare words (a handful of quotes:
 *  what a reader looks up), common words (hundreds of quotes or more), phrases of two common
 *  words, every prefix of a common word as it is typed, and two common words that share many
 *  quotes but never stand side by side in the sample (a search with no hits that the word index
 *  alone cannot rule out), beside a word no quote has. */
async function pickWords(d: VerbatimDb): Promise<{ rare: string[]; common: string[]; pairs: string[]; prefixes: string[]; apart: string[] }> {
  const freq = new Map<string, number>();
  const bigrams = new Map<string, number>();
  const sample = Array.from({ length: Math.min(stored, 20_000) }, (_, k) => normalize(storedText(texts, k)));
  for (const s of sample) for (const w of searchWords(s)) freq.set(w, (freq.get(w) ?? 0) + 1);
  const byCount = [...freq].filter(([w]) => w.length >= 5 && /^[a-z]+$/.test(w));
  const pick = (lo: number, hi: number) => byCount.filter(([, n]) => n >= lo && n <= hi).map(([w]) => w);
  const rare = spread(pick(2, 5));
  const commonSet = new Set(pick(400, 2_000));
  const common = spread([...commonSet]);
  const isCommon = (w: string) => (freq.get(w) ?? 0) >= 200 && /^[a-z]{4,}$/.test(w);
  for (const s of sample) {
    const ws = s.split(' ');
    for (let i = 1; i < ws.length; i++) if (isCommon(ws[i - 1]) && isCommon(ws[i])) bigrams.set(`${ws[i - 1]} ${ws[i]}`, (bigrams.get(`${ws[i - 1]} ${ws[i]}`) ?? 0) + 1);
  }
  const pairs = spread([...bigrams].filter(([, n]) => n >= 20).sort((a, b) => b[1] - a[1]).map(([p]) => p));
  // Two common words found together in many sentences, never side by side in this order.
  const together = new Map<string, number>();
  const top = [...commonSet].slice(0, 40);
  for (const s of sample) {
    const ws = new Set(s.split(' '));
    for (const a of top) if (ws.has(a)) for (const b of top) if (a < b && ws.has(b)) together.set(`${b} ${a}`, (together.get(`${b} ${a}`) ?? 0) + 1);
  }
  const apart = spread([...together].filter(([p]) => !sample.some((s) => ` ${s} `.includes(` ${p} `))).sort((a, b) => b[1] - a[1]).map(([p]) => p), 3);
  const prefixes = common.slice(0, 2).flatMap((w) => Array.from({ length: w.length - 1 }, (_, i) => w.slice(0, i + 1)));
  // Warm the store's indexes for both paths alike.
  await d.groups.where('wordKeys').startsWith(`${rare[0] ?? 'x'} `).count();
  return { rare, common, pairs, prefixes, apart };
}

export interface ShapeMeasure {
  name: string;
  /** Median of the product's path (and, for prefixes, the slowest of them). */
  ms: number;
  maxMs: number;
  /** The query that took maxMs. */
  slowest: string;
  /** Each query's time, in the order of `queries`. */
  each: number[];
  /** Median of the walk over quotes, on the first WALK_RUNS queries; null when not timed. */
  walkMs: number | null;
  /** Groups found per query (at most a page). */
  hits: number;
  search: boolean;
  queries: string[];
}

/** A narrower run: only the shapes whose names contain one of `only`, without the walk. */
export interface MeasureOptions {
  only?: string[];
  walk?: boolean;
}

export interface LogMeasure {
  size: number;
  groups: number;
  shapes: ShapeMeasure[];
}

/** Each shape's queries timed through listGroups and through the walk, alternating which goes
 *  first. `walkRelation`: also time the old relation filter (it grades every group: minutes at 100k). */
async function measure(walkRelation: boolean, opts: MeasureOptions = {}): Promise<LogMeasure> {
  if (!db) throw new Error('setup() first');
  const d = db;
  const words = await pickWords(d);
  const page = (q: Partial<GroupQuery>): GroupQuery => ({ offset: 0, limit: PAGE_SIZE, ...q });
  const shapes: ShapeMeasure[] = [];
  const shape = async (name: string, queries: Partial<GroupQuery>[], how: { walk?: boolean; search?: boolean } = {}) => {
    if (opts.only && !opts.only.some((part) => name.includes(part))) return;
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
      if (i >= WALK_RUNS || how.walk === false || opts.walk === false) await runNow();
      else if (i % 2) await runWalk().then(runNow);
      else await runNow().then(runWalk);
    }
    const label = (q: Partial<GroupQuery>) => [q.text && `"${q.text}"`, q.relation, q.outlet].filter(Boolean).join(' + ') || '(none)';
    const worst = now.indexOf(Math.max(...now));
    shapes.push({
      name, ms: median(now), maxMs: Math.round(Math.max(...now) * 10) / 10, slowest: label(queries[worst] ?? {}), each: now.map((ms) => Math.round(ms * 10) / 10), walkMs: walk.length ? median(walk) : null,
      hits: Math.round(hits / Math.max(1, queries.length)), search: how.search ?? true, queries: queries.map(label),
    });
  };
  const relations = ['minor', 'reworded', 'excerpt', 'altered'] as const;
  const relationCounts = await Promise.all(relations.map((r) => d.groups.where('relationKeys').startsWith(`${r} `).count()));
  const relation = relations[relationCounts.indexOf(Math.max(...relationCounts))];
  await shape('first page', Array.from({ length: RUNS }, () => ({})), { search: false });
  await shape('rare word', words.rare.map((text) => ({ text })));
  await shape('common word', words.common.map((text) => ({ text })));
  await shape('two common words', words.pairs.map((text) => ({ text })));
  await shape(`common word + ${relation}`, words.common.map((text) => ({ text, relation })), { walk: walkRelation });
  await shape('common word + outlet', words.common.map((text, i) => ({ text, outlet: `Outlet ${(i * 7) % 50}` })));
  await shape('prefix as typed', words.prefixes.map((text) => ({ text })));
  await shape('no hits', [{ text: 'zqxwvj' }, ...words.apart.map((text) => ({ text }))]);
  await shape('relation filter', [...relations, 'minor' as const].map((r) => ({ relation: r })), { walk: walkRelation, search: false });
  return { size: stored, groups: await d.groups.count(), shapes };
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
