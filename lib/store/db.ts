// The quote store: the Dexie schema (its upgrades in upgrades.ts) and the only module that imports dexie.
// Opened only in the background and in extension pages (a content script's IndexedDB
// belongs to the news site, not to the extension).
import Dexie, { type Table, type Transaction } from 'dexie';
import type { ArticleRow, QuoteRow, SpeakerRow } from '../types';
import { summarizeGroups, upgradeToV2, upgradeToV3, upgradeToV4 } from './upgrades';

/** A single-term key some stored statement carries. */
export interface SingleRow {
  k: string;
}

/** The quotes carrying one index key: ids ascending (oldest first), at most STORED_POSTINGS. */
export interface PostingRow {
  k: string;
  ids: number[];
}

/** A statement group's summary, rewritten whenever its versions change (lib/store/groups.ts). */
export interface GroupRow {
  groupId: string;
  /** seenAt of the group's newest version. */
  latestSeenAt: number;
  /** Relations of its versions to the earliest (none for a group of one version), each followed by
   *  a space and recencyKey(latestSeenAt): one relation's entries sort newest group first. */
  relationKeys: string[];
  /** Distinct content words of its versions' normalised text (searchWords), each followed by a
   *  space and recencyKey(latestSeenAt): one word's entries sort newest group first. */
  wordKeys: string[];
  /** Every relation with every word ("altered harvest"), then the recency key: a word's groups
   *  with a relation, newest first. */
  relationWordKeys: string[];
  /** Consecutive content words of its quotes (wordPairs: "budget cuts"), then the recency key: the
   *  groups that may hold a phrase of two or more words, newest first. */
  pairKeys: string[];
  /** Each outlet (outletTerm) with each content word of its versions of the statement
   *  ("outlet_a harvest"), then the recency key: a word's groups quoted by an outlet, newest first. */
  outletWordKeys: string[];
  /** The first one to PREFIX_KEY_LENGTH letters of its words, function words too ("p", "pr",
   *  "pre"), then the recency key: the groups with a word that a short prefix starts, newest first. */
  prefixKeys: string[];
}

/** A statement group whose summary row waits to be rewritten (lib/store/pending-groups.ts). */
export interface PendingGroupRow {
  groupId: string;
}

export interface SettingRow {
  key: string;
  value: unknown;
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

/** Version 5: one summary row per statement group, so that the quote log reads a page of groups
 *  newest first, filters by relation and searches by word through indexes instead of walking
 *  every quote and grading every group (at 100,000 stored quotes a walk for a rare word read every
 *  row, and the relation filter graded every group). Each write that changes a group's quotes
 *  rewrites its row in the same transaction. */
export const SCHEMA_V5 = {
  ...SCHEMA_V4,
  // groupId: the summary of one group, rewritten by groupId
  // latestSeenAt: the log's listing, newest statements first
  // *relationKeys: the relation filter ("groups with a reworded version"), a page at a time newest first
  // *wordKeys: text search, the groups carrying a word newest first (read a page at a time however
  //   common the word), or every group with a word that starts with a prefix
  groups: '&groupId, latestSeenAt, *relationKeys, *wordKeys',
};

/** Version 6: the summary also lists each relation with each word and each pair of consecutive
 *  content words, so that a search with the relation filter reads only the groups with both, and
 *  a phrase only the groups holding its words side by side. Measured in Chromium at 100,000 stored
 *  quotes (npm run bench -- log): a common word with the relation filter read every group with
 *  the word and checked its relations (median 1083 ms); two common words that never form the
 *  phrase read the quotes of every group holding both (461 ms, slowest 1116 ms). With these
 *  entries: 98 ms (slowest 215 ms) and 2.5 ms (slowest 12 ms); a phrase of two common words 69 ms
 *  instead of 368 ms. Writing costs more: the bench's store of 100,000 quotes was built in 159 s
 *  instead of 140 s. */
export const SCHEMA_V6 = {
  ...SCHEMA_V5,
  // *relationWordKeys: a word's groups with a relation, newest first
  // *pairKeys: the groups holding two words side by side (function words between), newest first
  groups: '&groupId, latestSeenAt, *relationKeys, *wordKeys, *relationWordKeys, *pairKeys',
};

/** Version 7: the summary also lists each outlet with each word of its versions, so that a search
 *  with the outlet filter reads only the groups an outlet quoted with the word, and the first
 *  letters of its words, so that a word being typed ("p", "pr", "pre") reads the groups of its
 *  prefix instead of the first entries of every word it starts. Measured in Chromium at 100,000
 *  stored quotes (npm run bench -- log 100000, load average 10 to 13 on 2 cores both times): a
 *  common word with the outlet filter read the quotes of every article of the outlet (median
 *  601 ms, slowest 744 ms), now 246 ms (slowest 903 ms); each prefix of a word as typed 135 ms,
 *  slowest 476 ms, now 91 ms, slowest 178 ms. Writing costs more: the bench's store was built in
 *  1028 s instead of 219 s, at a higher load (not measured side by side).
 *  The summaries of a store upgraded from version 4, 5 or 6 are built once, by this upgrade. */
export const SCHEMA_V7 = {
  ...SCHEMA_V6,
  // *outletWordKeys: a word's groups with a version from an outlet, newest first
  // *prefixKeys: the groups with a word a short prefix starts, newest first
  groups: '&groupId, latestSeenAt, *relationKeys, *wordKeys, *relationWordKeys, *pairKeys, *outletWordKeys, *prefixKeys',
};

/** Version 8: articles are indexed by outlet name, so that the quote log's outlet filter reads the
 *  distinct names (one step each) and, where it needs them, the ids of the matching outlets'
 *  articles, instead of every article row on each query. IndexedDB builds the index from the
 *  stored rows when the version opens: nothing else changes. Measured in Chromium at 100,000
 *  stored quotes (npm run bench -- log 100000, one kept store, runs alternated with the code
 *  before, 2 cores shared at load average 7 to 11, so above a quiet machine's figures): a common
 *  word with the outlet filter took 173 to 606 ms, slowest 1.1 to 1.6 s, now 56 to 118 ms,
 *  slowest 77 to 224 ms (with the search's own changes in lib/store/quote-log.ts). */
export const SCHEMA_V8 = {
  ...SCHEMA_V7,
  // outlet: the quote log's outlet filter (the distinct names, the articles of those that match)
  articles: '++id, &[canonicalUrl+contentHash], canonicalUrl, url, lastSeen, outlet',
};

/** Version 9: the background no longer rewrites the summaries of a page's groups in the page's own
 *  transaction. It lists the groups as pending there and rewrites their summaries once the page
 *  has its answer and the machine has had time to draw it (lib/store/pending-groups.ts); the
 *  quote log brings every pending summary up to date before it reads any. Measured in Chromium
 *  (npm run bench -- page, runs alternated with the build that wrote them in the page's
 *  transaction, load average 2 to 3 on 2 cores): the hostile suite's page of 5,000 quotes waited
 *  10.0–16.1 s for its answer, now 4.8–8.3 s; its 3 MB page 5.6–9.1 s, now 3.6–6.6 s. */
export const SCHEMA_V9 = {
  ...SCHEMA_V8,
  // groupId: one row per group whose summary is stale, taken a step at a time in key order
  pendingGroups: '&groupId',
};

export const DB_VERSION = 9;

/** The transaction an upgrade runs in (upgrades.ts: only this module imports dexie). */
export type UpgradeTransaction = Transaction;

export class VerbatimDb extends Dexie {
  articles!: Table<ArticleRow, number>;
  quotes!: Table<QuoteRow, number>;
  singles!: Table<SingleRow, string>;
  postings!: Table<PostingRow, string>;
  groups!: Table<GroupRow, string>;
  pendingGroups!: Table<PendingGroupRow, string>;
  speakers!: Table<SpeakerRow, string>;
  settings!: Table<SettingRow, string>;

  constructor(name: string, options?: DbOptions) {
    super(name, options as ConstructorParameters<typeof Dexie>[1]);
    this.version(1).stores(SCHEMA_V1);
    this.version(2).stores(SCHEMA_V2).upgrade(upgradeToV2);
    this.version(3).stores(SCHEMA_V3).upgrade(upgradeToV3);
    this.version(4).stores(SCHEMA_V4).upgrade(upgradeToV4);
    // Versions 5 to 7 change the shape of the group summaries: the last of them writes them all.
    this.version(5).stores(SCHEMA_V5);
    this.version(6).stores(SCHEMA_V6);
    this.version(7).stores(SCHEMA_V7).upgrade(summarizeGroups);
    this.version(8).stores(SCHEMA_V8);
    this.version(9).stores(SCHEMA_V9);
  }

  /** The IDBKeyRange of this database's IndexedDB (fake-indexeddb's in Node), for raw requests. */
  get keyRange(): typeof IDBKeyRange {
    return (this as unknown as { _deps: { IDBKeyRange: typeof IDBKeyRange } })._deps.IDBKeyRange;
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
