// The quote log's queries: statement groups (every stored version of one statement, graded against
// the earliest), the filtered newest-first listing, and forgetting articles.
import { STOPWORDS, normalize } from '../text/normalize';
import type { ArticleRow, GroupQuery, QuoteGroup, QuoteRow, Relation } from '../types';
import { articleQuotes, type GroupRow, type VerbatimDb } from './db';
import { PREFIX_KEY_LENGTH, buildGroup, outletTerm, refreshGroups, searchWords, termOf, wordOf, wordPairs } from './groups';
import { articleQuoteRows, openReads, outletArticles, outletNames, pendingGroupIds, readGroups, readsOf, request, stored, type Reads } from './page-reads';
import { unindexQuotes } from './postings';
import { settlePending } from './pending-groups';

/** A page of the quote log; `unlisted` says why recently read quotes may be missing from it. */
export interface LogPage {
  groups: QuoteGroup[];
  hasMore: boolean;
  unlisted?: string;
}

/** Every version of one statement group, earliest first, graded against the earliest. */
export async function loadGroup(db: VerbatimDb, groupId: string): Promise<QuoteGroup | null> {
  const rows = await db.quotes.where('groupId').equals(groupId).toArray();
  if (rows.length === 0) return null;
  const articles = await db.articles.bulkGet([...new Set(rows.map((r) => r.articleId))]);
  return buildGroup(groupId, rows, new Map(articles.filter((a): a is ArticleRow => !!a).map((a) => [a.id as number, a])));
}

/** Groups read in the first window of a search that must check every group (function words
 *  alone, a prefix that starts too many words); each window doubles, up to WINDOW_GROWTH times
 *  the first. */
const FIRST_WINDOW = 256;
const WINDOW_GROWTH = 8;
/** Entries of a word read at first when its groups are candidates (shared among the words a
 *  prefix starts), doubled on each further read. */
const FIRST_READ = 128;
/** Fewest entries read of a term at once (a term that holds a merge back reads as many again as it
 *  has, at least this many): reading more than the page needs costs more than one more request. */
const MIN_READ = 16;
/** Entries of each exact term (whole word, relation, word pair) read to tell which is rarest. */
const PROBE = 256;
/** Terms a partly typed word longer than PREFIX_KEY_LENGTH is looked up through one by one, each
 *  read and merged in the log's order (RangeMerge): the merge reads the first entries of every
 *  term before it hands out one group (16 terms read 256 entries at first, as one probed word
 *  does). A prefix that starts more ("pres", "cons") is looked up through the
 *  prefix entries of its first letters, each candidate checked on its summary. */
const MERGE_MAX_TERMS = 16;
/** A candidate group read through the word index (its summary, then its quotes) costs about as
 *  much as this many quote rows read through an outlet's articles: the outlet drives a search
 *  when its quotes are fewer than this many times the candidates the words would bring. */
const ROW_PER_CANDIDATE = 10;
/** Groups whose quotes are read at once while a page is filled: as many as the page still needs
 *  (at most MAX_FILL_STEP, a page and its next group) until a candidate fails the filter, then
 *  between MIN_FILL_STEP and FILL_STEP (candidates that fail make more steps). */
const MAX_FILL_STEP = 128;
const FILL_STEP = 50;
const MIN_FILL_STEP = 8;
/** Outlets an outlet filter is looked up through, one range per outlet and word. A filter that
 *  matches more ("e", "news") keeps a large share of the store: the words alone serve it. */
const MAX_OUTLET_TERMS = 16;

interface RowFilter {
  text: string;
  speaker: string;
  /** Part of an outlet's name, lower case ('' for none). */
  outlet: string;
  /** The stored outlet names that hold it. */
  outletNames: string[];
  /** The outletTerm of each of them. */
  outletTerms: string[];
  from?: number;
  to?: number;
}

/** Whether a stored quote row meets every row-level filter of the log (the text as a phrase that
 *  starts at the start of a word of the normalised quote, the speaker by key or part of a name,
 *  the outlet, the time stored). */
function rowMatches(q: QuoteRow, f: RowFilter, inOutlet: (articleId: number) => boolean): boolean {
  if (f.text && !` ${q.normText}`.includes(` ${f.text}`)) return false;
  if (f.speaker && q.speakerKey?.toLowerCase() !== f.speaker && !(q.speaker ?? '').toLowerCase().includes(f.speaker)) return false;
  if (f.outlet && !inOutlet(q.articleId)) return false;
  if (f.from !== undefined && q.seenAt < f.from) return false;
  if (f.to !== undefined && q.seenAt > f.to) return false;
  return true;
}

/** A page of the log filled from candidate groups given in order (newest first): each candidate is
 *  built from its quotes when one of them passes the row filter, until `limit` groups after
 *  `offset` matches are in and one more shows there is more. */
class PageFill {
  readonly groups: QuoteGroup[] = [];
  hasMore = false;
  /** Candidates that passed the row filter so far (those skipped by the offset included). */
  matched = 0;
  /** Candidates that did not. */
  private failed = 0;
  /** Groups whose summaries are out of date (a page stored after the log wrote them): graded from
   *  their quotes, never listed with the relations of the summary. */
  private pending: Promise<Set<string>> | null = null;

  constructor(
    private readonly reads: Reads,
    private readonly filter: RowFilter | null,
    private readonly offset: number,
    private readonly limit: number,
    /** Aborted when the reader has moved on (typed on): the next step throws its reason. */
    private readonly signal?: AbortSignal,
    /** A relation every candidate group has a version in (the relation filter). */
    private readonly relation?: Relation,
  ) {}

  /** Matches the page still takes: those the offset skips, its groups and one more. */
  get need(): number {
    return this.offset + this.limit + 1 - this.matched;
  }

  get done(): boolean {
    return this.hasMore;
  }

  async add(candidates: readonly string[]): Promise<void> {
    this.signal?.throwIfAborted();
    const pending = await (this.pending ??= pendingGroupIds(this.reads));
    for (let i = 0; i < candidates.length && !this.done; ) {
      this.signal?.throwIfAborted();
      // No more groups read at once than the page still needs (when all of them match), at least
      // MIN_FILL_STEP once a candidate has failed.
      const need = this.need;
      const step = candidates.slice(i, (i += this.failed > 0 ? Math.min(FILL_STEP, Math.max(need, MIN_FILL_STEP)) : Math.min(MAX_FILL_STEP, need)));
      // The summaries of the groups of several versions (more than two with the relation filter:
      // one of two versions in the filter's relation is that relation) whose rows may pass: their
      // relations.
      const versions = (rows: readonly QuoteRow[]) => new Set(rows.map((q) => `${q.articleId}:${q.statement}`)).size;
      const mayPass = (rows: readonly QuoteRow[]) => !this.filter || rows.some((q) => rowMatches(q, this.filter as RowFilter, () => true));
      const { rowsOf, articleById, summaryOf } = await readGroups(this.reads, step, (rows) => versions(rows) > (this.relation ? 2 : 1) && mayPass(rows));
      const inOutlet = (articleId: number) => (articleById.get(articleId)?.outlet ?? '').toLowerCase().includes(this.filter?.outlet ?? '');
      const passes = step.map((_, j) => !this.filter || rowsOf[j].some((q) => rowMatches(q, this.filter as RowFilter, inOutlet)));
      for (const [j, id] of step.entries()) {
        const known = pending.has(id) ? undefined : (summaryOf.get(id) ?? this.relation);
        const group = passes[j] ? listedGroup(id, rowsOf[j], articleById, known) : null;
        if (!group) {
          this.failed++;
          continue;
        }
        this.matched++;
        if (this.matched <= this.offset) continue;
        if (this.groups.length >= this.limit) {
          this.hasMore = true;
          return;
        }
        this.groups.push(group);
      }
    }
  }

  result(): { groups: QuoteGroup[]; hasMore: boolean } {
    return { groups: this.groups, hasMore: this.hasMore };
  }
}

/** A group as the log lists it: each version's relation to the earliest, taken from the group's
 *  summary where that settles it (two versions, or no relation at all), graded otherwise; without
 *  scores, word diffs, speaker conflicts and diff views, which the log reads for the one group the
 *  reader opens (loadGroup). Grading is most of the cost of a page of groups with several versions.
 *  `known`: the summary, or a relation the group is known to have a version in. */
function listedGroup(id: string, rows: readonly QuoteRow[], articleById: ReadonlyMap<number, ArticleRow>, known: GroupRow | Relation | undefined): QuoteGroup | null {
  const group = buildGroup(id, rows, articleById, () => false, false);
  if (!group || group.versions.length === 1) return group;
  const relations = typeof known === 'string' ? [known] : known ? [...new Set(known.relationKeys.map(wordOf))] : null;
  if (relations && (relations.length === 0 || (group.versions.length === 2 && relations.length === 1))) {
    group.versions[1].relation = (relations[0] as Relation | undefined) ?? null;
    return group;
  }
  const graded = buildGroup(id, rows, articleById, undefined, false) as QuoteGroup;
  for (const v of graded.versions) Object.assign(v, { score: null, diff: [], speakerConflict: false });
  return graded;
}

/** Whether some function word (never indexed) starts with these letters. */
function startsFunctionWord(prefix: string): boolean {
  for (const w of STOPWORDS) if (w.startsWith(prefix)) return true;
  return false;
}

/** The index entries of one whole word (or one relation), newest group first. */
function entries(db: VerbatimDb, index: 'wordKeys' | 'relationKeys', word: string) {
  return db.groups.where(index).between(`${word} `, `${word} \uffff`, true, true);
}

/** Raw IndexedDB requests on the groups table: Dexie's promise per request and per cursor step cost
 *  several times the read itself in Chromium. */
function onGroups<T>(r: Reads, run: (groups: IDBObjectStore, range: typeof IDBKeyRange) => Promise<T>): Promise<T> {
  return run(r.tx.objectStore('groups'), r.range);
}

/** The log's order: newest statement first, then by group id (the order of the index entries). */
function displayOrder(a: Pick<GroupRow, 'latestSeenAt' | 'groupId'>, b: Pick<GroupRow, 'latestSeenAt' | 'groupId'>): number {
  return b.latestSeenAt - a.latestSeenAt || (a.groupId < b.groupId ? -1 : a.groupId > b.groupId ? 1 : 0);
}

/** The index entries of one word (or relation): their keys carry the group's recency, so they
 *  come newest group first. */
function wordRange(range: typeof IDBKeyRange, word: string): IDBKeyRange {
  return range.bound(`${word} `, `${word} \uffff`);
}

/** Summaries by point get, in the order of the ids (absent ones left out). */
function summaries(r: Reads, ids: readonly string[]): Promise<GroupRow[]> {
  return onGroups(r, async (groups) => (await Promise.all(ids.map((id) => request(groups.get(id))))).filter((g): g is GroupRow => !!g));
}

/** The indexes of a group summary whose entries are a term, a space and the group's recency key. */
type TermIndex = 'wordKeys' | 'relationKeys' | 'relationWordKeys' | 'pairKeys' | 'outletWordKeys' | 'prefixKeys';

/** Candidate group ids of a search in the log's order, a batch at a time (null: no more). */
interface Candidates {
  /** `need`: about how many more the page takes (a hint for how much to read at once). */
  next(r: Reads, need: number): Promise<string[] | null>;
}

/** A group as one entry of a term index names it: its id and the entry's recency key. */
interface Entry {
  groupId: string;
  recency: string;
}

/** The order of a term's entries, which is the log's order: newest first (the recency key), then by
 *  group id. */
function entryOrder(a: Entry, b: Entry): number {
  if (a.recency !== b.recency) return a.recency < b.recency ? -1 : 1;
  return a.groupId < b.groupId ? -1 : a.groupId > b.groupId ? 1 : 0;
}

/** Up to `n` entries of a term's range from the start, or after `after`: a key cursor (index keys
 *  and group ids, never the summaries themselves). An index range cannot start between two
 *  entries with the same key (groups seen in the same millisecond): those up to `after` are
 *  stepped over. */
function readEntries(index: IDBIndex, range: IDBKeyRange, n: number, after?: { key: string; groupId: string }): Promise<{ key: string; groupId: string }[]> {
  return new Promise((resolve, reject) => {
    const out: { key: string; groupId: string }[] = [];
    const req = index.openKeyCursor(range);
    req.onsuccess = () => {
      const cursor = req.result;
      if (!cursor) return resolve(out);
      const entry = { key: cursor.key as string, groupId: cursor.primaryKey as string };
      if (!after || entry.key !== after.key || entry.groupId > after.groupId) out.push(entry);
      if (out.length >= n) return resolve(out);
      cursor.continue();
    };
    req.onerror = () => reject(req.error);
  });
}

/** One term's entries (a word's, a relation's, ...), read in its order a share at a time, each read
 *  going on from the last entry read. A term merged with no other (`alone`) needs only its groups'
 *  ids, in their order: each read takes them from the start with one request (getAllKeys: a key
 *  cursor's step per entry costs several times as much in Chromium), those read before skipped. */
class RangeReader {
  entries: Entry[] = [];
  ended = false;
  /** Entries handed to the merge so far. */
  taken = 0;
  private last: { key: string; groupId: string } | undefined;

  constructor(
    readonly index: TermIndex,
    readonly word: string,
    readonly alone = false,
  ) {}

  /** Read `n` more entries (fewer at the end of the range). */
  async read(r: Reads, n: number): Promise<void> {
    if (this.alone) return this.readIds(r, n);
    const after = this.last;
    const read = await onGroups(r, (groups, range) => {
      const rest = after ? range.bound(after.key, `${this.word} \uffff`) : wordRange(range, this.word);
      return readEntries(groups.index(this.index), rest, n, after);
    });
    for (const e of read) this.entries.push({ groupId: e.groupId, recency: e.key.slice(e.key.lastIndexOf(' ') + 1) });
    this.last = read[read.length - 1] ?? after;
    this.ended = read.length < n;
  }

  /** The next `n` group ids, without their recency keys (left empty: a lone term is never merged). */
  private async readIds(r: Reads, n: number): Promise<void> {
    const have = this.entries.length;
    const ids = await onGroups(r, (groups, range) => request(groups.index(this.index).getAllKeys(wordRange(range, this.word), have + n)));
    for (const groupId of ids.slice(have) as string[]) this.entries.push({ groupId, recency: '' });
    this.ended = ids.length < have + n;
  }
}

/** The groups with any of some terms, in the log's order: each term's entries read in its own
 *  order, merged up to the point every term not read to its end has reached. */
class RangeMerge implements Candidates {
  private readonly emitted = new Set<string>();

  constructor(private readonly readers: RangeReader[]) {}

  async next(reads: Reads, need: number): Promise<string[] | null> {
    for (;;) {
      const open = this.readers.filter((r) => !r.ended);
      // Every unread entry of an open term comes after the last one read from it.
      const bound = open.map((r) => r.entries[r.entries.length - 1]).sort(entryOrder)[0] as Entry | undefined;
      const ready: Entry[] = [];
      for (const r of this.readers) {
        while (r.taken < r.entries.length && (r.alone || !bound || entryOrder(r.entries[r.taken], bound) <= 0)) ready.push(r.entries[r.taken++]);
      }
      const fresh = ready.filter((e) => !this.emitted.has(e.groupId) && (this.emitted.add(e.groupId), true));
      if (fresh.length > 0) return this.readers.length === 1 ? fresh.map((e) => e.groupId) : fresh.sort(entryOrder).map((e) => e.groupId);
      if (open.length === 0) return null;
      // Read further the terms that hold the merge back.
      const behind = open.filter((r) => r.alone || r.entries[r.entries.length - 1] === bound);
      // As many as the page still needs (all of them may be this term's), or as many again.
      await Promise.all(behind.map((r) => r.read(reads, Math.max(MIN_READ, Math.min(need, FIRST_READ), r.entries.length))));
    }
  }
}

/** Every group, in the log's order, a window at a time: a reverse key cursor on latestSeenAt from
 *  the last time read (inclusive: groups seen in the same millisecond are not skipped). */
class EveryGroup implements Candidates {
  private before = Infinity;
  private readonly seen = new Set<string>();
  private size = FIRST_WINDOW;

  async next(r: Reads): Promise<string[] | null> {
    if (this.before === -Infinity) return null;
    const { size, before } = this;
    const rows = await onGroups(
      r,
      (groups, range) =>
        new Promise<{ latestSeenAt: number; groupId: string }[]>((resolve, reject) => {
          const out: { latestSeenAt: number; groupId: string }[] = [];
          const req = groups.index('latestSeenAt').openKeyCursor(before === Infinity ? null : range.upperBound(before), 'prev');
          req.onsuccess = () => {
            const cursor = req.result;
            if (!cursor) return resolve(out);
            out.push({ latestSeenAt: cursor.key as number, groupId: cursor.primaryKey as string });
            if (out.length >= size) return resolve(out);
            cursor.continue();
          };
          req.onerror = () => reject(req.error);
        }),
    );
    const fresh = rows.filter((g) => !this.seen.has(g.groupId));
    for (const g of fresh) this.seen.add(g.groupId);
    if (rows.length < size) this.before = -Infinity;
    else this.before = rows[rows.length - 1].latestSeenAt;
    // A window of one millisecond's groups only: read more at once.
    this.size = fresh.length === 0 ? 2 * size : Math.min(WINDOW_GROWTH * FIRST_WINDOW, 2 * size);
    return fresh.sort(displayOrder).map((g) => g.groupId);
  }
}

const NO_CANDIDATES: Candidates = { next: async () => null };

/** The distinct terms of an index that start with `prefix` (one key cursor jumping from term to
 *  term), or null when more than `max` do. */
function termsStarting(groups: IDBObjectStore, range: typeof IDBKeyRange, index: TermIndex, prefix: string, max: number): Promise<string[] | null> {
  return new Promise((resolve, reject) => {
    const terms: string[] = [];
    const req = groups.index(index).openKeyCursor(range.bound(prefix, `${prefix}\uffff`));
    req.onsuccess = () => {
      const cursor = req.result;
      if (!cursor) return resolve(terms);
      const term = termOf(cursor.key as string);
      terms.push(term);
      if (terms.length > max) return resolve(null);
      cursor.continue(`${term} \uffff`);
    };
    req.onerror = () => reject(req.error);
  });
}

/** What a search asks of a group's summary: every whole word, a word starting with the prefix,
 *  the relation, and with the outlet filter each of these words from one of the outlets.
 *  Necessary for a match; the phrase itself is checked on the quotes. `pairs`: the pairs of
 *  consecutive content words among the whole words; `lastWord`: the last of them, which the word
 *  the prefix starts follows in any match; `outlets`: the outletTerms of the outlet filter, null
 *  without one or when it matches more than MAX_OUTLET_TERMS. */
interface Terms {
  whole: string[];
  pairs: string[];
  lastWord: string | null;
  prefix: string | null;
  /** The last word as typed, function word or not: its first letters' prefix entries hold it. */
  typedPrefix: string | null;
  relation: Relation | undefined;
  outlets: string[] | null;
}

function fits(g: GroupRow, t: Terms): boolean {
  if (t.relation && !g.relationKeys.some((k) => wordOf(k) === t.relation)) return false;
  const words = g.wordKeys.map(wordOf);
  if (t.whole.some((w) => !words.includes(w))) return false;
  if (t.prefix && !words.some((w) => w.startsWith(t.prefix as string))) return false;
  if (!t.outlets) return true;
  const outlets = t.outlets;
  // The quote that matches is one outlet's: it holds every whole word and the prefix.
  const outletWords = new Set(g.outletWordKeys.map(termOf));
  if (t.whole.some((w) => !outlets.some((o) => outletWords.has(`${o} ${w}`)))) return false;
  return !t.prefix || [...outletWords].some((k) => outlets.some((o) => k.startsWith(`${o} ${t.prefix}`)));
}

/** One source of candidates: the entries of some terms of one index, merged. */
interface Source {
  index: TermIndex;
  readers: RangeReader[];
  /** The whole words every group the source lists holds. */
  holds: string[];
  /** Whether its terms are those the prefix starts: each group holds a word the prefix starts. */
  prefixed: boolean;
}

function source(index: TermIndex, terms: string[], holds: string[], prefixed: boolean): Source {
  return { index, readers: terms.map((term) => new RangeReader(index, term, terms.length === 1)), holds, prefixed };
}

/** How many candidates a probed source holds, at least (exact when every reader ended). */
function probed(s: Source): number {
  return s.readers.reduce((n, r) => n + r.entries.length, 0);
}

const ended = (s: Source) => s.readers.every((r) => r.ended);

/** Whether every group a source lists fits the search (fits), so that no summary need be read:
 *  its terms hold the relation, the prefix and every whole word, and with the outlet filter they
 *  are outlet-word terms (which hold only one word or the prefix: more are checked on summaries).
 *  The prefix entries list function words and words too long to be indexed: a superset. */
function sourceFits(s: Source, t: Terms): boolean {
  // A prefix entry of a word typed in full holds the one condition left: a word it starts.
  if (s.index === 'prefixKeys') return onlyShortPrefix(t);
  if (t.relation && s.index !== 'relationKeys' && s.index !== 'relationWordKeys') return false;
  if (t.prefix && !s.prefixed) return false;
  if (t.whole.some((w) => !s.holds.includes(w))) return false;
  return !t.outlets || s.index === 'outletWordKeys';
}

/** Whether a search asks nothing but a word that its first letters start, as typed, in full in
 *  the prefix entries (which list every word, function words and words too long to be indexed
 *  too), so that a group with its prefix entry has a quote the text filter takes. */
function onlyShortPrefix(t: Terms): boolean {
  return t.whole.length === 0 && !t.relation && !t.outlets && (t.typedPrefix ?? '').length <= PREFIX_KEY_LENGTH;
}

/** Every group holds all of a search's exact terms: the whole words (with the relation, each
 *  word's groups with it), the relation alone when no word is whole, the pairs of whole words,
 *  and with the outlet filter each whole word from one of the outlets. A word's groups without the
 *  relation hold every pair it is in: the word is left out (`paired`). */
function exactSources(t: Terms, paired: ReadonlySet<string>): Source[] {
  // A word's groups hold its groups from the outlets: never rarer.
  const alone = t.whole.filter((w) => !paired.has(w) && !t.outlets);
  const terms: [TermIndex, string][] = t.relation ? t.whole.map((w) => ['relationWordKeys', `${t.relation} ${w}`]) : alone.map((w) => ['wordKeys', w]);
  if (t.relation && t.whole.length === 0) terms.push(['relationKeys', t.relation]);
  for (const p of t.pairs) terms.push(['pairKeys', p]);
  // The whole words a term holds: a word, a relation's word, both words of a pair.
  const holds = (index: TermIndex, term: string) => (index === 'pairKeys' ? term.split(' ') : index === 'relationKeys' ? [] : [term.slice(term.indexOf(' ') + 1)]);
  const sources = terms.map(([index, term]) => source(index, [term], holds(index, term), false));
  const outlets = t.outlets;
  if (outlets) for (const w of t.whole) sources.push(source('outletWordKeys', outlets.map((o) => `${o} ${w}`), [w], false));
  return sources;
}

/** Every group holds one of the terms a prefix starts: a word (with the relation, the relation and
 *  a word), a pair of the last whole word and a word (the words alone then left out: they hold
 *  every such pair), and with the outlet filter an outlet and a word. A prefix of at most
 *  PREFIX_KEY_LENGTH letters is one term of the prefix entries; a longer one that starts more than
 *  MERGE_MAX_TERMS words is looked up through the prefix entries of its first letters (a superset:
 *  fits checks the words), and its other sources so long are left out. Letters that may start a
 *  function word (no prefix) are looked up through the prefix entries alone. Null: none can match. */
async function prefixSources(r: Reads, t: Terms): Promise<Source[] | null> {
  const prefix = t.prefix;
  // Letters that start a function word: only the prefix entries (which list function words) hold them.
  if (!prefix) return t.typedPrefix ? [source('prefixKeys', [t.typedPrefix.slice(0, PREFIX_KEY_LENGTH)], [], false)] : [];
  const short = prefix.length <= PREFIX_KEY_LENGTH;
  // Each source's starts: its terms are those that any of them starts.
  const starts: [TermIndex, string[]][] = short ? [] : [[t.relation ? 'relationWordKeys' : 'wordKeys', [t.relation ? `${t.relation} ${prefix}` : prefix]]];
  if (t.lastWord) starts.push(['pairKeys', [`${t.lastWord} ${prefix}`]]);
  if (t.outlets) starts.push(['outletWordKeys', t.outlets.map((o) => `${o} ${prefix}`)]);
  const found = await onGroups(r, (groups, range) =>
    Promise.all(
      starts.map(async ([index, from]) => {
        const each = await Promise.all(from.map((start) => termsStarting(groups, range, index, start, MERGE_MAX_TERMS)));
        const terms = each.some((ts) => ts === null) ? null : (each as string[][]).flat();
        return terms && terms.length <= MERGE_MAX_TERMS ? terms : null;
      }),
    ),
  );
  if (found.some((terms) => terms !== null && terms.length === 0)) return null;
  const holds = (index: TermIndex) => (index === 'pairKeys' && t.lastWord ? [t.lastWord] : []);
  const sources = starts.flatMap(([index], i) => (found[i] ? [source(index, found[i] as string[], holds(index), true)] : []));
  if (short || found[0] === null) sources.push(source('prefixKeys', [prefix.slice(0, PREFIX_KEY_LENGTH)], [], false));
  const paired = sources.some((s) => s.index === 'pairKeys');
  // The groups of the words it starts hold those of the outlets with them: never rarer.
  const fromOutlets = sources.some((s) => s.index === 'outletWordKeys');
  return sources.filter((s) => !((paired && s.index === 'prefixKeys') || ((paired || fromOutlets) && s.index === 'wordKeys')));
}

/** The candidates of a search and about how many there are (Infinity: too many to say): the
 *  rarest source, told apart by reading at most PROBE entries of each exact term (counting a range
 *  reads all of its entries, each checked against its row in Chromium) and a share of FIRST_READ
 *  of each term a prefix starts; every group when there is no source. `outletIndexed`: whether a source reads
 *  the outlet filter's own entries. */
async function pickCandidates(reads: Reads, t: Terms): Promise<{ candidates: Candidates; size: number; outletIndexed: boolean; fit: boolean }> {
  const none = { candidates: NO_CANDIDATES, size: 0, outletIndexed: true, fit: true };
  // An outlet filter that matches no outlet, with words to look up: nothing can match.
  if (t.outlets?.length === 0 && (t.whole.length > 0 || t.prefix)) return none;
  const starting = await prefixSources(reads, t);
  if (starting === null) return none;
  const paired = new Set(t.pairs.flatMap((p) => p.split(' ')));
  if (t.lastWord && starting.some((s) => s.index === 'pairKeys')) paired.add(t.lastWord);
  // The relation's groups hold those of the relation with each word the prefix starts: never rarer.
  const relationWords = starting.some((s) => s.index === 'relationWordKeys');
  const exact = exactSources(t, paired).filter((s) => !(relationWords && s.index === 'relationKeys'));
  const sources = [...exact, ...starting];
  const outletIndexed = sources.some((s) => s.index === 'outletWordKeys');
  if (sources.length === 0) return { candidates: new EveryGroup(), size: Infinity, outletIndexed, fit: false };
  await Promise.all([
    // An exact source of several readers (a word in each of several outlets) shares the probe.
    ...exact.flatMap((s) => s.readers.map((r) => r.read(reads, Math.max(MIN_READ, Math.ceil(PROBE / s.readers.length))))),
    ...starting.flatMap((s) => s.readers.map((r) => r.read(reads, Math.max(MIN_READ, Math.ceil(FIRST_READ / s.readers.length))))),
  ]);
  const rarest = await rarestSource(reads, sources, t);
  return { candidates: new RangeMerge(rarest.readers), size: ended(rarest) ? probed(rarest) : Infinity, outletIndexed, fit: sourceFits(rarest, t) };
}

/** The source with the fewest candidates, among equals one read to its end, then one whose groups
 *  need no summary read (sourceFits). A source's count is exact once read to its end and a lower
 *  bound before: the smallest so far, if not read to its end (its terms shared a probe) while the
 *  next is, is read further until it ends or holds more than the next. */
async function rarestSource(reads: Reads, sources: Source[], t: Terms): Promise<Source> {
  const fit = new Map(sources.map((s) => [s, sourceFits(s, t)]));
  for (;;) {
    const [a, b] = [...sources].sort((x, y) => probed(x) - probed(y) || Number(ended(y)) - Number(ended(x)) || Number(fit.get(y)) - Number(fit.get(x)));
    if (!b || ended(a) || !ended(b)) return a;
    await Promise.all(a.readers.filter((r) => !r.ended).map((r) => r.read(reads, Math.max(MIN_READ, r.entries.length))));
  }
}

/** Fill `page` from candidates in the log's order, each checked on its summary, then on its
 *  quotes (PageFill), until the page is full or the candidates end. */
async function fillFrom(r: Reads, candidates: Candidates, t: Terms, fit: boolean, page: PageFill): Promise<void> {
  while (!page.done) {
    const ids = await candidates.next(r, page.need);
    if (!ids) return;
    await page.add(fit ? ids : (await summaries(r, ids)).filter((g) => fits(g, t)).map((g) => g.groupId));
  }
}

/** Fill `page` from the quotes of the outlet's articles: each row checked against the row filter,
 *  the groups of those that pass checked on their summaries and put in the log's order. */
async function fillFromOutlet(r: Reads, articles: ReadonlySet<number>, filter: RowFilter, t: Terms, page: PageFill): Promise<void> {
  const rows = await Promise.all([...articles].map((id) => articleQuoteRows(r, id)));
  const ids = [...new Set(rows.flat().filter((q) => rowMatches(q, filter, (id) => articles.has(id))).map((q) => q.groupId))];
  const found = (await summaries(r, ids)).filter((g) => fits(g, t));
  await page.add(found.sort(displayOrder).map((g) => g.groupId));
}

/** Fill `page` with the groups whose quotes contain the search text, through the word index: the
 *  smallest source of candidates (the rarest whole word, the words a partly typed last word
 *  starts, the relation, or the quotes of a small outlet) read in the log's order a window at a
 *  time, so that a common word costs about a page of groups, not all of its own. `want`: the
 *  matches the page needs (its offset, its groups and one more).
 *  A page of groups is most of a search's cost (each group's quotes, their articles), then the
 *  index entries read and Dexie's zone (openReads). Measured in Chromium at 100,000 stored quotes
 *  (npm run bench -- log 100000 --no-walk, three runs alternated with the search before these
 *  reads on one kept store, load average 1.6 to 1.9 on 2 cores): the slowest query of a run 41,
 *  57 and 76 ms against 98, 89 and 78 ms; medians of a common word 20 to 30 ms against 32 to
 *  38 ms, with the relation filter 28 to 40 ms against 52 to 57 ms, as typed 21 to 27 ms against
 *  32 to 35 ms. */
async function search(r: Reads, filter: RowFilter, relation: Relation | undefined, page: PageFill, want: number): Promise<void> {
  const typed = filter.text.split(' ').filter((w) => w.length > 0);
  const lastTyped = typed.pop() ?? '';
  const whole = searchWords(typed.join(' '));
  // A word typed so far that may be the start of a function word ("th", "everyth") may also be one
  // being typed in full, and function words are not indexed.
  let prefix: string | null = searchWords(lastTyped)[0] ?? null;
  if (prefix && startsFunctionWord(prefix)) prefix = null;
  const pairs = wordPairs(typed.join(' '));
  const content = typed.filter((w) => !STOPWORDS.has(w));
  const lastWord = searchWords(content[content.length - 1] ?? '')[0] ?? null;
  const outlets = filter.outlet && filter.outletTerms.length <= MAX_OUTLET_TERMS ? filter.outletTerms : null;
  const terms: Terms = { whole, pairs, lastWord, prefix, typedPrefix: lastTyped || null, relation, outlets };
  const { candidates, size, outletIndexed, fit } = await pickCandidates(r, terms);
  // The outlet's words are indexed: its candidates are read in the log's order like any others.
  if (filter.outlet && !outletIndexed) {
    const articles = await outletArticles(r, filter.outletNames);
    const share = articles.size / Math.max(1, await stored(r, 'articles'));
    // An outlet's quotes against the candidates the words would bring at the outlet's share of the store.
    const outletQuotes = share * (await stored(r, 'quotes'));
    if (outletQuotes < ROW_PER_CANDIDATE * Math.min(size, want / Math.max(share, 1e-9))) {
      return fillFromOutlet(r, articles, filter, terms, page);
    }
  }
  await fillFrom(r, candidates, terms, fit, page);
}

/** Statement groups for the quote log, newest first, filtered, each as the log lists it
 *  (listedGroup: the full group, scores, word diffs and diff views included, is loadGroup's). Reads
 *  the group summaries through their indexes: the listing by latestSeenAt, the relation filter by
 *  relation, a text search (with any other filter) by its smallest source of candidates in the
 *  log's order (search); only the speaker, outlet and date filters without text walk the quotes
 *  newest first, stopping once the page is full. `signal`: aborted when the answer is no longer
 *  wanted (the reader typed on), it stops the reads at the next step, which throws its reason. */
export async function listGroups(db: VerbatimDb, query: GroupQuery, signal?: AbortSignal): Promise<LogPage> {
  // Summaries the background has not written yet (a page read seconds ago) are written first.
  // When that fails (the disk is full) the log still lists what the written summaries hold.
  let unlisted: string | undefined;
  try {
    await settlePending(db, () => !!signal?.aborted);
  } catch (err) {
    unlisted = `Quotes read in the last moments are not listed yet: ${String((err as Error)?.message ?? err).slice(0, 200)}`;
  }
  const page = await listPage(db, query, signal);
  return unlisted ? { ...page, unlisted } : page;
}

/** A page of the log from the summaries as written. */
async function listPage(db: VerbatimDb, query: GroupQuery, signal?: AbortSignal): Promise<LogPage> {
  const text = query.text ? normalize(query.text) : '';
  const speaker = query.speaker?.trim().toLowerCase() ?? '';
  const outlet = query.outlet?.trim().toLowerCase() ?? '';
  const offset = Math.max(0, query.offset | 0);
  const limit = Math.max(0, query.limit | 0);
  const filterOf = (names: string[]): RowFilter => ({ text, speaker, outlet, outletNames: names, outletTerms: [...new Set(names.map(outletTerm))], from: query.from, to: query.to });
  if (text) {
    // A search reads in a transaction of its own, outside Dexie's scope (openReads).
    const r = await openReads(db);
    const rowFilter = filterOf(outlet ? await outletNames(r, outlet) : []);
    const page = new PageFill(r, rowFilter, offset, limit, signal, query.relation);
    await search(r, rowFilter, query.relation, page, offset + limit + 1);
    return page.result();
  }
  return db.transaction('r', [db.articles, db.quotes, db.groups, db.pendingGroups], async (tx) => {
    const r = readsOf(db, tx);
    const names = outlet ? await outletNames(r, outlet) : [];
    const rowFilter = filterOf(names);
    if (!speaker && !outlet && query.from === undefined && query.to === undefined) {
      const page = new PageFill(r, null, 0, limit, signal, query.relation);
      if (query.relation) {
        await page.add((await entries(db, 'relationKeys', query.relation).offset(offset).limit(limit + 1).primaryKeys()) as string[]);
      } else {
        await page.add((await db.groups.orderBy('latestSeenAt').reverse().offset(offset).limit(limit + 1).primaryKeys()) as string[]);
      }
      return page.result();
    }
    // The walk: one cursor over the quotes, newest first, one row per group.
    const withRelation = query.relation ? new Set((await entries(db, 'relationKeys', query.relation).primaryKeys()) as string[]) : null;
    const collection =
      query.from !== undefined || query.to !== undefined
        ? db.quotes.where('seenAt').between(query.from ?? -Infinity, query.to ?? Infinity, true, true).reverse()
        : db.quotes.orderBy('seenAt').reverse();
    const want = offset + limit + 1;
    const inOutlet = outlet ? await outletArticles(r, names) : new Set<number>();
    const seenGroups = new Set<string>();
    const firstRows: QuoteRow[] = [];
    await collection
      .until(() => firstRows.length >= want || !!signal?.aborted)
      .each((q) => {
        if (seenGroups.has(q.groupId)) return;
        if (withRelation && !withRelation.has(q.groupId)) return;
        if (!rowMatches(q, rowFilter, (id) => inOutlet.has(id))) return;
        seenGroups.add(q.groupId);
        firstRows.push(q);
      });
    signal?.throwIfAborted();
    const page = new PageFill(r, null, offset, limit, signal, query.relation);
    await page.add(firstRows.map((q) => q.groupId));
    return page.result();
  });
}

/** Forget one stored article version and its quotes. */
export async function deleteArticle(db: VerbatimDb, id: number): Promise<void> {
  await db.transaction('rw', [db.articles, db.quotes, db.postings, db.groups], async () => {
    const rows = await articleQuotes(db, id).toArray();
    await unindexQuotes(db, rows);
    await articleQuotes(db, id).delete();
    await db.articles.delete(id);
    await refreshGroups(db, rows.map((r) => r.groupId));
  });
}

/** Forget everything read (settings stay). Clearing a table keeps its key generator: a store
 *  whose generator is spent (a row was once stored under id 2^53 − 1) would still refuse every new
 *  page, so such a store is deleted and made again, with its settings. */
export async function deleteAll(db: VerbatimDb): Promise<void> {
  await db.transaction('rw', [db.articles, db.quotes, db.singles, db.postings, db.groups, db.pendingGroups, db.speakers], async () => {
    await Promise.all([db.articles.clear(), db.quotes.clear(), db.singles.clear(), db.postings.clear(), db.groups.clear(), db.pendingGroups.clear(), db.speakers.clear()]);
  });
  if (await keyGeneratorsWork(db)) return;
  const settings = await db.settings.toArray();
  // Other open connections (the background) close on the version change and reopen when next used.
  await db.delete({ disableAutoOpen: false });
  await db.open();
  await db.settings.bulkPut(settings);
}

/** Whether both tables with generated ids can still generate one: one row added and deleted each. */
async function keyGeneratorsWork(db: VerbatimDb): Promise<boolean> {
  try {
    await db.transaction('rw', db.articles, db.quotes, async () => {
      const probe = { canonicalUrl: '', contentHash: '' } as ArticleRow;
      await db.articles.delete(await db.articles.add(probe));
      await db.quotes.delete(await db.quotes.add({ articleId: 0, statement: 0, groupId: '', seenAt: 0 } as QuoteRow));
    });
    return true;
  } catch (err) {
    if ((err as Error).name === 'ConstraintError') return false;
    throw err;
  }
}
