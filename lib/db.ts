// The quote store: the Dexie schema and the only module that imports dexie.
// Opened only in the background and in extension pages (a content script's IndexedDB
// belongs to the news site, not to the extension).
import Dexie, { type Table, type Transaction } from 'dexie';
import { normalize } from './normalize';
import { fingerprintKeys, isSingleKey, queryLookupKeys } from './fingerprint';
import type { QuoteKind } from './types';

/** One version of one article page. A page whose text changed is a new row with the same canonicalUrl. */
export interface ArticleRow {
  id?: number;
  /** The page's canonical URL (declared, else the URL without fragment and tracking parameters). */
  canonicalUrl: string;
  url: string;
  outlet: string | null;
  byline: string | null;
  title: string | null;
  published: string | null;
  /** ms since epoch: first and latest visit of this exact version. */
  firstSeen: number;
  lastSeen: number;
  /** Hash of the article text; a different hash for the same canonicalUrl is an edited page. */
  contentHash: string;
  partial: boolean;
}

/** Where a quote sits in its article text: 32 characters of context either side. */
export interface QuoteAnchor {
  prefix: string;
  exact: string;
  suffix: string;
}

export interface QuoteRow {
  id?: number;
  articleId: number;
  text: string;
  /** normalize(text): the canonical form the matcher and the log search use. */
  normText: string;
  kind: QuoteKind;
  speakerKey: string | null;
  speaker: string | null;
  /** The speech cue that carried the attribution ("said", ":"), if any. */
  cue: string | null;
  /** Parts of one statement in the same article share this index. */
  statement: number;
  /** How many parts that statement has (a split quote is matched whole). */
  parts: number;
  start: number;
  end: number;
  anchor: QuoteAnchor;
  /** storedKeys(text of the whole statement): candidate lookup keys. */
  keys: string[];
  /** Statement group: every quote reporting the same utterance shares it (stable across export/import). */
  groupId: string;
  /** ms since epoch when this quote was stored. */
  seenAt: number;
}

export interface SpeakerRow {
  /** The speaker key from attribution (one per person across outlets and spellings). */
  key: string;
  /** The display name seen most recently. */
  name: string;
  /** Every spelling of the name seen for this key. */
  aliases: string[];
}

/** A single-term key some stored statement carries. */
export interface SingleRow {
  k: string;
}

/** The quotes carrying one index key: ids ascending (oldest first), at most STORED_POSTINGS. */
export interface PostingRow {
  k: string;
  ids: number[];
}

export interface SettingRow {
  key: string;
  value: unknown;
}

export interface Settings {
  globalPaused: boolean;
  /** Host names (e.g. "www.bbc.com") where Verbatim does not read pages. */
  pausedSites: string[];
}

// ---- Schema history ----------------------------------------------------------------------
// Never edit a released version's schema: add a version with an upgrade instead.

/** Version 1: articles and their quotes, plus settings. No matching data. */
export const SCHEMA_V1 = {
  // &[canonicalUrl+contentHash]: "have I stored this exact version of this page?" (revisit = no new row)
  // canonicalUrl: "all versions of this page" (popup lookup, older versions of an edited page)
  articles: '++id, &[canonicalUrl+contentHash], canonicalUrl',
  // articleId: "the quotes of this article" (page result, delete an article)
  quotes: '++id, articleId',
  // key: settings are read and written by name
  settings: '&key',
};

/** Version 2: normalised text, lookup keys, statement groups and a speakers table. */
export const SCHEMA_V2 = {
  // url: the popup only knows the tab's URL, which may differ from the canonical one
  // lastSeen: "most recently read versions first" (pick the newest version of a page)
  articles: '++id, &[canonicalUrl+contentHash], canonicalUrl, url, lastSeen',
  // [articleId+statement]: "the parts of this stored statement" (join a split quote for matching);
  //   its prefix also answers "the quotes of this article" (delete an article, page result)
  // *keys: candidate lookup, where('keys').anyOf(pageKeys): never scan the store
  // groupId: "every version of this statement" (earliest version, quote log, export)
  // speakerKey: quote log filtered by speaker
  // seenAt: quote log, newest statements first
  quotes: '++id, [articleId+statement], *keys, groupId, speakerKey, seenAt',
  // key: upsert by speaker key
  speakers: '&key',
  settings: '&key',
};

/** Version 3: single-term keys are marked ("=…") and listed in a table of their own, so a page
 *  probes only the single-term keys some stored statement carries (a page statement has one per
 *  content word, about half of its lookup keys, and almost none exist in the store); per-word keys
 *  are no longer stored (storedKeys); every statement is re-keyed. Measured in Chromium (npm run
 *  bench): 307–383 key requests per page of 30 instead of 580–675, page lookup 22.6 / 39.1 /
 *  91.1 ms at 1k / 10k / 100k stored quotes instead of 41 / 61 / 134 ms.
 *  Postings stay in the multi-entry index. A table of (key, quote id) rows read by primary-key
 *  range was tried: no faster to read in the same bench (25.6 / 49.5 / 100 ms), and each stored
 *  quote became some 30 writes instead of one (insertion 436 / 310 / 197 quotes/s against
 *  2,168 / 2,524 / 1,916). */
export const SCHEMA_V3 = {
  ...SCHEMA_V2,
  // k: the single-term keys of stored one-content-word statements, read whole once per page
  singles: '&k',
};

/** Version 4: postings move out of the multi-entry index on quotes into a table of one row per
 *  key (its quote ids), read with one point get per key. In Chromium an index read checks every
 *  entry it returns against its record, a random read in a large store; a point get reads one row,
 *  so a key's postings cost the same whether it has one or sixteen. Measured in Chromium (npm run
 *  bench, the same page of 30 quotes, 16 postings read per key): 18–22 / 28–35 / 41–49 / 49 ms at
 *  1k / 10k / 100k / 1M stored quotes, against 25 / 30 / 95 / 595 ms with the index (72.8 ms at
 *  100k reading 4 postings per key). Storing costs more: one read and one write per key of each
 *  new quote (insertion 250–590 quotes/s against 1,400–3,000). The quotes keep their keys (a
 *  deleted quote's postings are found through them), unindexed. */
export const SCHEMA_V4 = {
  ...SCHEMA_V3,
  quotes: '++id, [articleId+statement], groupId, speakerKey, seenAt',
  // k: one row per index key, read by point get
  postings: '&k',
};

export const DB_VERSION = 4;

/** Quote ids kept per key. A page reads at most MAX_KEY_POSTINGS of them (lib/store.ts); the rest
 *  stand in when quotes are deleted. A key carried by more quotes is a stock phrase or a statement
 *  seen very often: the oldest versions stay findable and bring their statement group along. */
export const STORED_POSTINGS = 32;

// ---- Index keys as stored -------------------------------------------------------------------

/**
 * Parts of a split statement are joined with an ellipsis into the one text it is matched and keyed
 * by: the outlet stopped quoting there, so words another version has at that point are extent (not
 * quoted), not words cut out or spliced in.
 */
export const PART_JOINER = ' … ';

/** storedKeys of each statement's whole text (parts in text order, joined by PART_JOINER), by
 *  "articleId:statement", for rows that hold every part of their statements; terms have none. */
export function statementKeys(rows: readonly QuoteRow[]): Map<string, string[]> {
  const parts = new Map<string, QuoteRow[]>();
  for (const r of rows) {
    const k = `${r.articleId}:${r.statement}`;
    const list = parts.get(k);
    if (list) list.push(r);
    else parts.set(k, [r]);
  }
  const out = new Map<string, string[]>();
  for (const [k, list] of parts) {
    const statement = list.filter((r) => r.kind !== 'term').sort((a, b) => a.start - b.start);
    out.set(k, statement.length ? storedKeys(statement.map((r) => r.text).join(PART_JOINER)) : []);
  }
  return out;
}

/** The keys stored on a statement's rows (every part carries its whole statement's keys):
 *  fingerprintKeys. Version 2 also stored one key per content word, for page statements of a
 *  single content word; dropped in version 3: they were a third of the index (about 10 of 33 keys
 *  per corpus sentence), and without them the seeds keep 16/16 links and BASIL loses one
 *  same-utterance pair in the unlucky reading order (262/268 against 263/268) and 17 of 5,586
 *  five-word excerpts looked up as the page. */
export function storedKeys(text: string): string[] {
  return fingerprintKeys(text);
}

/** The keys a page statement is looked up with: its adjacent pairs and a single-term key per key
 *  term (queryLookupKeys). */
export function queryKeys(text: string): string[] {
  return queryLookupKeys(text);
}

/** Postings (quote ids, oldest first) of each key, at most `max` per key, read with one raw
 *  IndexedDB get per key on the postings table inside the current (or a new read) transaction.
 *  Pair keys are requested at once; single-term keys only once the singles table (read alongside)
 *  shows a stored statement carries them. Raw requests with one completion, not a promise each:
 *  measured in Chromium on a page's ~860 keys, Dexie's per-request wrapping doubled the cost
 *  (59.5 ms against 30.9 ms raw at 1k stored quotes). */
export async function keyPostings(
  db: VerbatimDb,
  keys: readonly string[],
  max: number,
  /** Filled with every key read and its whole postings row ([] when absent), for indexQuotes. */
  whole?: Map<string, readonly number[]>,
): Promise<Map<string, number[]>> {
  const unique = [...new Set(keys)];
  const out = new Map<string, number[]>(unique.map((k) => [k, []]));
  if (unique.length === 0) return out;
  await db.transaction('r', db.postings, db.singles, (tx) => {
    const idb = (tx as unknown as { idbtrans: IDBTransaction }).idbtrans;
    const postings = idb.objectStore('postings');
    const singles = unique.filter(isSingleKey);
    return new Promise<void>((resolve, reject) => {
      let pending = 0;
      const done = () => {
        if (--pending === 0) resolve();
      };
      const read = (k: string) => {
        pending++;
        const req = postings.get(k);
        req.onsuccess = () => {
          const row = req.result as PostingRow | undefined;
          if (row) out.set(k, row.ids.length > max ? row.ids.slice(0, max) : row.ids);
          whole?.set(k, row?.ids ?? []);
          done();
        };
        req.onerror = () => reject(req.error);
      };
      if (singles.length > 0) {
        pending++;
        const req = idb.objectStore('singles').getAllKeys();
        req.onsuccess = () => {
          const stored = new Set(req.result as string[]);
          for (const k of singles) if (stored.has(k)) read(k);
          done();
        };
        req.onerror = () => reject(req.error);
      }
      for (const k of unique) if (!isSingleKey(k)) read(k);
    });
  });
  return out;
}

/** Quote rows handled per step of the upgrades and of indexQuotes: bounded memory on a large store. */
const CHUNK = 2_000;

/** Key → ids of the given rows carrying it. */
function idsByKey(rows: readonly Pick<QuoteRow, 'id' | 'keys'>[]): Map<string, number[]> {
  const byKey = new Map<string, number[]>();
  for (const r of rows) {
    if (r.id === undefined) throw new Error('indexQuotes: a quote row without its id (store the rows first)');
    for (const k of r.keys) {
      const ids = byKey.get(k);
      if (ids) ids.push(r.id);
      else byKey.set(k, [r.id]);
    }
  }
  return byKey;
}

/** Record the single-term keys of stored quote rows. Entries are never removed: a stale one costs
 *  a page one empty read, and another statement may carry it. */
async function recordSingles(db: Pick<VerbatimDb, 'singles'>, rows: readonly Pick<QuoteRow, 'keys'>[]): Promise<void> {
  const singles = [...new Set(rows.flatMap((r) => r.keys.filter(isSingleKey)))];
  if (singles.length > 0) await db.singles.bulkPut(singles.map((k) => ({ k })));
}

/** Post stored quote rows (with their ids) under their keys and record their single-term keys.
 *  Call inside the write transaction that stored the rows (it must include postings and singles).
 *  One read and at most one write per distinct key; a key already holding STORED_POSTINGS older
 *  quotes is left as it is. `known`: postings rows read earlier in the same transaction
 *  (keyPostings' `whole`), not read again: a page's lookup has read about half of its stored keys. */
export async function indexQuotes(
  db: Pick<VerbatimDb, 'singles' | 'postings'>,
  rows: readonly Pick<QuoteRow, 'id' | 'keys'>[],
  known?: ReadonlyMap<string, readonly number[]>,
): Promise<void> {
  // A known row stays current across steps: each step's writes replace it.
  const current = new Map(known);
  // In steps, so that importing a large file holds one step's postings in memory, not the file's.
  for (let i = 0; i < rows.length; i += CHUNK) await postQuotes(db, rows.slice(i, i + CHUNK), current);
  await recordSingles(db, rows);
}

async function postQuotes(db: Pick<VerbatimDb, 'postings'>, rows: readonly Pick<QuoteRow, 'id' | 'keys'>[], known: Map<string, readonly number[]>): Promise<void> {
  const byKey = idsByKey(rows);
  if (byKey.size === 0) return;
  const keys = [...byKey.keys()];
  const unknown = keys.filter((k) => !known.has(k));
  const read = new Map(unknown.map((k, i) => [k, i]));
  const fetched = await db.postings.bulkGet(unknown);
  const changed: PostingRow[] = [];
  keys.forEach((k) => {
    const i = read.get(k);
    const have = (i === undefined ? known.get(k) : fetched[i]?.ids) ?? [];
    const added = byKey.get(k) as number[];
    // Ids come in ascending as a rule; an imported quote may keep an older id.
    if (have.length >= STORED_POSTINGS && added.every((id) => id > have[have.length - 1])) return;
    const ids = [...new Set([...have, ...added])].sort((a, b) => a - b).slice(0, STORED_POSTINGS);
    if (ids.length !== have.length || ids.some((id, j) => id !== have[j])) {
      changed.push({ k, ids });
      if (known.has(k)) known.set(k, ids);
    }
  });
  await db.postings.bulkPut(changed);
}

/** Take deleted quote rows out of the postings of their keys (inside the deleting transaction). */
export async function unindexQuotes(db: Pick<VerbatimDb, 'postings'>, rows: readonly Pick<QuoteRow, 'id' | 'keys'>[]): Promise<void> {
  const byKey = idsByKey(rows);
  if (byKey.size === 0) return;
  const keys = [...byKey.keys()];
  const stored = await db.postings.bulkGet(keys);
  const changed: PostingRow[] = [];
  const emptied: string[] = [];
  keys.forEach((k, i) => {
    const row = stored[i];
    if (!row) return;
    const gone = new Set(byKey.get(k));
    const ids = row.ids.filter((id) => !gone.has(id));
    if (ids.length === 0) emptied.push(k);
    else if (ids.length < row.ids.length) changed.push({ k, ids });
  });
  await db.postings.bulkPut(changed);
  await db.postings.bulkDelete(emptied);
}

/** Stable id of a new statement group, from the article version and statement that founded it. */
export function makeGroupId(canonicalUrl: string, contentHash: string, statement: number): string {
  return `${hashText(canonicalUrl)}${contentHash}:${statement}`;
}

/** A 53-bit string hash (cyrb53) as 11 base-36 digits: content identity, not security. */
export function hashText(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const n = 4294967296 * (2097151 & h2) + (h1 >>> 0);
  return n.toString(36).padStart(11, '0');
}

/** v1 → v2: compute what v1 did not store, from the v1 rows themselves. */
async function upgradeToV2(tx: Transaction): Promise<void> {
  const articles = new Map<number, ArticleRow>();
  await tx.table('articles').toCollection().modify((a: ArticleRow) => {
    if (typeof a.lastSeen !== 'number') a.lastSeen = a.firstSeen;
    articles.set(a.id as number, a);
  });
  const quotes: QuoteRow[] = await tx.table('quotes').toArray();
  // Join the parts of each statement: keys are computed on the whole statement, as new pages are.
  const statementText = new Map<string, string>();
  const partCount = new Map<string, number>();
  for (const q of [...quotes].sort((x, y) => x.start - y.start)) {
    const k = `${q.articleId}:${q.statement ?? 0}`;
    statementText.set(k, statementText.has(k) ? `${statementText.get(k)}${PART_JOINER}${q.text}` : q.text);
    partCount.set(k, (partCount.get(k) ?? 0) + 1);
  }
  // Statements with the same normalised words across articles become one group, founded by the
  // earliest version seen; finer grading happens when pages are read again.
  const byAge = [...quotes].sort(
    (x, y) => (articles.get(x.articleId)?.firstSeen ?? 0) - (articles.get(y.articleId)?.firstSeen ?? 0) || (x.id ?? 0) - (y.id ?? 0),
  );
  const groupOfNormText = new Map<string, string>();
  const groupOfStatement = new Map<string, string>();
  const speakers = new Map<string, SpeakerRow>();
  for (const q of byAge) {
    const article = articles.get(q.articleId);
    q.statement = q.statement ?? 0;
    const k = `${q.articleId}:${q.statement}`;
    const whole = statementText.get(k) ?? q.text;
    q.normText = normalize(q.text);
    q.keys = q.kind === 'term' ? [] : storedKeys(whole);
    q.speakerKey = q.speakerKey ?? null;
    q.speaker = q.speaker ?? null;
    q.cue = q.cue ?? null;
    q.parts = partCount.get(k) ?? 1;
    q.seenAt = typeof q.seenAt === 'number' ? q.seenAt : (article?.firstSeen ?? 0);
    let groupId = groupOfStatement.get(k);
    if (!groupId) {
      const wholeNorm = normalize(whole);
      const own = makeGroupId(article?.canonicalUrl ?? '', article?.contentHash ?? '', q.statement);
      groupId = q.kind === 'term' || !wholeNorm ? own : (groupOfNormText.get(wholeNorm) ?? own);
      if (q.kind !== 'term' && wholeNorm && !groupOfNormText.has(wholeNorm)) groupOfNormText.set(wholeNorm, groupId);
      groupOfStatement.set(k, groupId);
    }
    q.groupId = groupId;
    if (q.speakerKey) {
      const s = speakers.get(q.speakerKey) ?? { key: q.speakerKey, name: q.speaker ?? q.speakerKey, aliases: [] };
      if (q.speaker) {
        s.name = q.speaker;
        if (!s.aliases.includes(q.speaker)) s.aliases.push(q.speaker);
      }
      speakers.set(q.speakerKey, s);
    }
  }
  await tx.table('quotes').bulkPut(quotes);
  await tx.table('speakers').bulkPut([...speakers.values()]);
}

/** Every stored quote row, CHUNK rows at a time in id order, handed to `step`. */
async function inIdOrder(quotes: Table<QuoteRow, number>, step: (rows: QuoteRow[]) => Promise<void>): Promise<void> {
  let last = 0;
  for (;;) {
    const rows = await quotes.where(':id').above(last).limit(CHUNK).toArray();
    if (rows.length === 0) return;
    last = rows[rows.length - 1].id as number;
    await step(rows);
  }
}

/** v2 → v3: recompute every statement's keys (single-term keys are now marked "=") from its whole
 *  text and list the single-term ones. */
async function upgradeToV3(tx: Transaction): Promise<void> {
  const quotes = tx.table('quotes') as Table<QuoteRow, number>;
  const tables = { singles: tx.table('singles') as Table<SingleRow, string> };
  await inIdOrder(quotes, async (rows) => {
    const keysOf = new Map<string, string[]>();
    for (const r of rows) {
      const k = `${r.articleId}:${r.statement}`;
      if (r.kind !== 'term' && !keysOf.has(k)) {
        // A split statement's parts may sit in other chunks: read them all.
        const parts = (r.parts ?? 1) > 1 ? await quotes.where('[articleId+statement]').equals([r.articleId, r.statement]).toArray() : [r];
        keysOf.set(k, statementKeys(parts).get(k) ?? []);
      }
      r.keys = r.kind === 'term' ? [] : (keysOf.get(k) ?? []);
    }
    await quotes.bulkPut(rows);
    await recordSingles(tables, rows);
  });
}

/** v3 → v4: post every quote under its keys (rows in id order, so each key's ids stay ascending). */
async function upgradeToV4(tx: Transaction): Promise<void> {
  const quotes = tx.table('quotes') as Table<QuoteRow, number>;
  const tables = { postings: tx.table('postings') as Table<PostingRow, string> };
  // The singles were listed by the v3 upgrade or by the writes since.
  await inIdOrder(quotes, (rows) => postQuotes(tables, rows, new Map()));
}

export class VerbatimDb extends Dexie {
  articles!: Table<ArticleRow, number>;
  quotes!: Table<QuoteRow, number>;
  singles!: Table<SingleRow, string>;
  postings!: Table<PostingRow, string>;
  speakers!: Table<SpeakerRow, string>;
  settings!: Table<SettingRow, string>;

  constructor(name: string, options?: DbOptions) {
    super(name, options as ConstructorParameters<typeof Dexie>[1]);
    this.version(1).stores(SCHEMA_V1);
    this.version(2).stores(SCHEMA_V2).upgrade(upgradeToV2);
    this.version(3).stores(SCHEMA_V3).upgrade(upgradeToV3);
    this.version(4).stores(SCHEMA_V4).upgrade(upgradeToV4);
  }
}

export interface DbOptions {
  /** An IDBFactory (fake-indexeddb in Node tests; the real one by default). */
  indexedDB?: unknown;
  IDBKeyRange?: unknown;
}

/** Open (lazily) the Verbatim database. Only the background and extension pages call this. */
export function openDb(name = 'verbatim', options?: DbOptions): VerbatimDb {
  return new VerbatimDb(name, options);
}

/** The quotes of one stored article (through the [articleId+statement] index). */
export function articleQuotes(db: VerbatimDb, articleId: number) {
  return db.quotes.where('[articleId+statement]').between([articleId, Dexie.minKey], [articleId, Dexie.maxKey]);
}

/** The stored version with this exact text, if any. */
export function findArticleVersion(db: VerbatimDb, canonicalUrl: string, contentHash: string): Promise<ArticleRow | undefined> {
  return db.articles.where('[canonicalUrl+contentHash]').equals([canonicalUrl, contentHash]).first();
}

// ---- Settings ----------------------------------------------------------------------------

const GLOBAL_PAUSED = 'globalPaused';
const PAUSED_SITES = 'pausedSites';

export async function getSettings(db: VerbatimDb): Promise<Settings> {
  const rows = await db.settings.bulkGet([GLOBAL_PAUSED, PAUSED_SITES]);
  const globalPaused = rows[0]?.value === true;
  const sites = rows[1]?.value;
  const pausedSites = Array.isArray(sites) ? sites.filter((s): s is string => typeof s === 'string') : [];
  return { globalPaused, pausedSites };
}

export async function setGlobalPaused(db: VerbatimDb, paused: boolean): Promise<Settings> {
  await db.settings.put({ key: GLOBAL_PAUSED, value: paused });
  return getSettings(db);
}

export async function setSitePaused(db: VerbatimDb, host: string, paused: boolean): Promise<Settings> {
  const site = host.trim().toLowerCase();
  await db.transaction('rw', db.settings, async () => {
    const row = await db.settings.get(PAUSED_SITES);
    const current = Array.isArray(row?.value) ? (row.value as string[]) : [];
    const next = current.filter((s) => s !== site);
    if (paused && site) next.push(site);
    next.sort();
    await db.settings.put({ key: PAUSED_SITES, value: next });
  });
  return getSettings(db);
}

/** Whether Verbatim should read pages on this host. */
export function isPaused(settings: Settings, host: string): boolean {
  return settings.globalPaused || settings.pausedSites.includes(host.trim().toLowerCase());
}
