// The pipeline for one page: extract → store → match → each quote with its variants.
// Runs in the background (the only owner of the database) and in extension pages (quote log).
import { extractQuotes } from '../extract';
import { contentConcepts } from '../text/normalize';
import { relate } from '../matching/relate';
import { diffView } from '../matching/diff-view';
import { queryKeys, storedKeys } from '../matching/fingerprint';
import { articleQuotes, findArticleVersion, type VerbatimDb } from './db';
import { indexQuotes, keyPostings } from './postings';
import { makeGroupId } from './group-id';
import { quoteRow } from './quote-row';
import { addToGroups } from './groups';
import { markPending } from './pending-groups';
import { joinStatements, type Statement } from '../matching/statements';
import { canonicalizeUrl } from '../text/url';
import { contentHash } from '../text/hash';
import { unlessFull } from './storage-full';
import { ANCHOR_CONTEXT } from '../types';
import type { ArticleRow, QuoteRow, SpeakerRow } from '../types';
import { statusRank } from '../status';
import type { DiffPart, ExtractedQuote, PagePayload, PageQuote, PageResult, QuoteKind, QuoteStatus, Relation, Variant } from '../types';
import { deadline, type TimeBudget } from '../time-budget';

/** Candidate statements graded per page statement: enough for every outlet's copy of a widely
 *  quoted sentence, few enough that grading (the costly part) stays bounded at any store size. */
export const CANDIDATE_LIMIT = 24;

/** Postings read per key, oldest first. A key's postings are one row (lib/db.ts), so reading more
 *  of them costs no more requests; they cost ranking work in memory. A key shared by more quotes
 *  (a stock phrase, a statement seen very often) is read only this far: a statement's distinctive
 *  keys point at its own versions, and any version found brings the rest of its statement group
 *  (GROUP_EXPANSION_LIMIT). With the multi-entry index of schema v3 each posting was a random read
 *  and this was 4; in the Chromium bench's store of much-repeated sentences 16 found 149/160 known
 *  sources at 100k stored quotes against 146/160 at 4. At most STORED_POSTINGS. */
export const MAX_KEY_POSTINGS = 16;

/** A candidate must share at least this many keys with the statement: one shared key is enough
 *  for a five-word excerpt, and grading rejects chance overlaps. */
export const MIN_SHARED_KEYS = 1;

/** A candidate is graded only if it shares at least this share of the smaller key set (shared keys
 *  ÷ the fewer keys of the two): chance overlaps share one or two keys of twenty, while the
 *  hardest true pairs seen (rewordings, translations) share 0.38 or more. Grading is the costly
 *  step; lower finds looser rewordings, slower. A split statement counts its smallest part, on
 *  either side: one part may be all another outlet quoted (keyShareBase). */
export const MIN_KEY_SHARE = 0.2;

/** Members of a matched statement group read to complete the variants (oldest first): a group
 *  holds one statement's versions, so this bounds grading for a statement seen very often. */
export const GROUP_EXPANSION_LIMIT = 48;

/** A version with at most this many distinct content words carries too little evidence for a
 *  "reworded" or "altered" link ("we would not support it" against any long statement about
 *  support): such pairs are linked only as verbatim, excerpt or minor. Misses a few true
 *  paraphrases of very short quotes, in exchange for no false rewording flags on them. */
export const SHORT_VERSION_MAX_CONCEPTS = 1;

const CLOSE_RELATIONS: ReadonlySet<Relation> = new Set(['verbatim', 'excerpt', 'minor']);

function distinctConcepts(text: string): number {
  return new Set(contentConcepts(text)).size;
}

/** Variants listed per quote: the popup and card show the closest few; the log has them all. */
export const MAX_VARIANTS = 24;

/** Matching time one page may take in the background, on every visit (a revisit grades the page
 *  again against the store as it is now). Ordinary articles need a small part of it: 840 PolNeAR
 *  articles read in order in Node (fake-indexeddb, slower than Chromium's) took a median of
 *  10-15 ms and at most 0.2-0.8 s each. A page built to be slow (thousands of near-identical
 *  quotes, each graded against stored near-copies) took 45 s in Chromium, while every other tab's
 *  page waited for the background. Past it the statements not yet matched have no variants (they
 *  show as new) and the result is partial. Attribution has its own (ATTRIBUTION_BUDGET_MS). */
export const MATCH_BUDGET_MS = 2_000;

/** Statements matched at once: enough that some statements' reads are in flight while another
 *  is graded, few enough that the statements cut short when time runs out (at most this many,
 *  dropped whole, their work lost) are a small part of what the budget matches on a slow page. */
export const MATCH_WINDOW = 16;

/** How long matching may run (MATCH_BUDGET_MS in the background). Without a clock, no limit. */
export type MatchBudget = TimeBudget;

// ---- Candidate lookup ----------------------------------------------------------------------

/** Stored quote ids sharing index keys with `keys`, most shared first; reads only the postings
 *  of the given keys (never the whole store), or takes them from `read` (keyPostings of a whole page). */
export async function findCandidateIds(
  db: VerbatimDb,
  keys: string[],
  limit = CANDIDATE_LIMIT,
  exclude: (id: number) => boolean = () => false,
  maxPostings = MAX_KEY_POSTINGS,
  read?: Map<string, number[]>,
): Promise<number[]> {
  return (await rankCandidates(db, keys, limit, exclude, maxPostings, read)).map(([id]) => id);
}

/** [quote id, shared key count], most shared first (newest first among equals). */
async function rankCandidates(
  db: VerbatimDb,
  keys: string[],
  limit: number,
  exclude: (id: number) => boolean,
  maxPostings = MAX_KEY_POSTINGS,
  read?: Map<string, number[]>,
): Promise<[number, number][]> {
  const unique = [...new Set(keys)];
  if (unique.length === 0) return [];
  const postings = read ?? (await keyPostings(db, unique, maxPostings));
  const shared = new Map<number, number>();
  for (const k of unique) for (const id of postings.get(k) ?? []) shared.set(id, (shared.get(id) ?? 0) + 1);
  return [...shared]
    .filter(([id, n]) => n >= MIN_SHARED_KEYS && !exclude(id))
    .sort((a, b) => b[1] - a[1] || b[0] - a[0])
    .slice(0, limit);
}

interface CandidateStatement extends Statement {
  articleId: number;
  groupId: string;
  firstPartId: number;
}

interface Match {
  candidate: CandidateStatement;
  article: ArticleRow;
  relation: Relation;
  score: number;
  diff: DiffPart[];
  speakerConflict: boolean;
  /** The id of the candidate part that matched best. */
  quoteId: number;
}

/** The key count a shared-key share is taken of: the statement's, or for a statement split in
 *  parts its smallest part's, since another outlet may quote one part alone (or quote one part
 *  with other words around it), sharing that part's keys and few of the rest. A part without
 *  keys (no content word) cannot be looked up alone and does not count. */
function keyShareBase(statementKeys: number, partKeys: number[]): number {
  return Math.min(statementKeys, ...partKeys.filter((n) => n > 0));
}

/** Load the candidate rows that share enough of their keys with the page statement, completed
 *  with the missing parts of their statements. `pageBase`: keyShareBase of the page statement. */
async function loadCandidateStatements(db: VerbatimDb, ranked: [number, number][], pageBase: number): Promise<CandidateStatement[]> {
  const shared = new Map(ranked);
  const rows = (await db.quotes.bulkGet(ranked.map(([id]) => id))).filter((r): r is QuoteRow => {
    if (!r || r.kind === 'term') return false;
    // A stored row keeps its whole statement's keys; a part of a split statement counts its own.
    const base = keyShareBase(r.keys.length, (r.parts ?? 1) > 1 ? [storedKeys(r.text).length] : []);
    return (shared.get(r.id as number) ?? 0) >= MIN_KEY_SHARE * Math.min(pageBase, base);
  });
  return candidateStatements(db, rows);
}

/** Join rows into stored statements, fetching parts that are missing. */
async function candidateStatements(db: VerbatimDb, rows: QuoteRow[]): Promise<CandidateStatement[]> {
  const byStatement = new Map<string, QuoteRow[]>();
  for (const r of rows) {
    const k = `${r.articleId}:${r.statement}`;
    byStatement.set(k, [...(byStatement.get(k) ?? []), r]);
  }
  const out: CandidateStatement[] = [];
  for (const [, parts] of byStatement) {
    const first = parts[0];
    let all = parts;
    if ((first.parts ?? 1) > parts.length) {
      all = await db.quotes.where('[articleId+statement]').equals([first.articleId, first.statement]).toArray();
    }
    const s = joinStatements(all).get(first.statement);
    if (!s) continue;
    const sorted = [...all].sort((a, b) => a.start - b.start);
    out.push({ ...s, articleId: first.articleId, groupId: first.groupId, firstPartId: sorted[0].id as number });
  }
  return out;
}

/** Grade one stored statement against a page statement: whole against whole, then (for split
 *  quotes) each part against the other whole. A part with no counterpart in the other version is
 *  a sentence that outlet did not quote (extent), not words spliced in or reworded: when one is
 *  left over and another part matches closely, the parts decide ("I have decided not to run,"
 *  she said, "and I am at peace with it" against a statement quoting only its first part is an
 *  excerpt, not altered). */
function grade(candidate: CandidateStatement, page: Statement): Omit<Match, 'article'> | null {
  type R = NonNullable<ReturnType<typeof relate>>;
  type Graded = { r: R; quoteId: number };
  const relateOne = (a: string, b: string): R | null => {
    const r = relate({ text: a, speakerKey: candidate.speakerKey }, { text: b, speakerKey: page.speakerKey });
    if (r && !CLOSE_RELATIONS.has(r.relation) && Math.min(distinctConcepts(a), distinctConcepts(b)) <= SHORT_VERSION_MAX_CONCEPTS) return null;
    return r;
  };
  const whole = relateOne(candidate.text, page.text);
  let best: Graded | null = whole && { r: whole, quoteId: candidate.firstPartId };
  if ((!best || !CLOSE_RELATIONS.has(best.r.relation)) && (candidate.parts.length > 1 || page.parts.length > 1)) {
    // Each part against the other whole: [relation or null, the candidate part it stands for].
    const tries: [R | null, number][] = [];
    if (page.parts.length > 1) for (const p of page.parts) tries.push([relateOne(candidate.text, p.text), candidate.firstPartId]);
    if (candidate.parts.length > 1) for (const c of candidate.parts) tries.push([relateOne(c.text, page.text), c.id ?? candidate.firstPartId]);
    let parts: Graded | null = null;
    for (const [r, quoteId] of tries) if (r && (!parts || r.score > parts.r.score)) parts = { r, quoteId };
    const leftOver = tries.some(([r]) => !r);
    if (!best) best = parts;
    else if (parts && leftOver && CLOSE_RELATIONS.has(parts.r.relation)) best = parts;
  }
  if (!best) return null;
  const { r, quoteId } = best;
  return { candidate, relation: r.relation, score: r.score, diff: r.diff, speakerConflict: r.speakerConflict, quoteId };
}

/** Every stored statement (outside `own`) that reports the same utterance as `page`: candidates
 *  found through the key index, then the other members of the statement groups they belong to
 *  (versions whose keys were too common to be read, or linked through a rewording). */
async function matchStatement(
  db: VerbatimDb,
  page: Statement,
  keys: string[],
  own: ArticleRow,
  read?: Map<string, number[]>,
  late: () => boolean = () => false,
): Promise<Match[] | null> {
  if (page.kind === 'term' || keys.length === 0) return [];
  const ownIds = new Set(page.parts.map((p) => p.id).filter((id): id is number => id !== undefined));
  const ranked = await rankCandidates(db, keys, CANDIDATE_LIMIT + ownIds.size, (id) => ownIds.has(id), MAX_KEY_POSTINGS, read);
  const partKeys = page.parts.length > 1 ? page.parts.map((p) => new Set(queryKeys(p.text)).size) : [];
  const candidates = (await loadCandidateStatements(db, ranked, keyShareBase(new Set(keys).size, partKeys))).filter((c) => c.articleId !== own.id);
  if (candidates.length === 0) return [];
  const matches = await gradeAll(db, candidates, page, late);
  if (!matches) return null;
  const seen = new Set(candidates.map((c) => `${c.articleId}:${c.statement}`));
  for (const groupId of new Set(matches.map((m) => m.candidate.groupId))) {
    if (late()) return null;
    const members = (await db.quotes.where('groupId').equals(groupId).limit(GROUP_EXPANSION_LIMIT).toArray()).filter(
      (r) => r.articleId !== own.id && r.kind !== 'term' && !seen.has(`${r.articleId}:${r.statement}`),
    );
    const extra = await candidateStatements(db, members);
    for (const c of extra) seen.add(`${c.articleId}:${c.statement}`);
    const more = await gradeAll(db, extra, page, late);
    if (!more) return null;
    matches.push(...more);
  }
  return matches.sort((a, b) => b.score - a.score || a.article.firstSeen - b.article.firstSeen);
}

/** A page's matches; `partial` when time ran out and some statements were not matched (they
 *  have no matches here). */
interface PageMatches {
  matches: Map<number, Match[]>;
  partial: boolean;
}

/** Every statement of a page matched, within the budget: the index reads of all statements go
 *  out together in the one transaction, then MATCH_WINDOW statements at a time are matched in
 *  text order (joinStatements' order), so that past the deadline what is matched is the top of
 *  the article, what the reader sees first. A statement still in progress at the deadline is
 *  dropped whole: a half-graded statement could show a milder status than its full grading.
 *  The deadline is only read, never awaited, so the transaction stays busy and alive. */
async function matchAll(
  db: VerbatimDb,
  statements: Map<number, Statement>,
  own: ArticleRow,
  budget: MatchBudget,
  keysOf?: Map<number, string[]>,
  whole?: Map<string, readonly number[]>,
): Promise<PageMatches> {
  const late = deadline(budget);
  const entries = [...statements];
  const keys = entries.map(([n, s]) => (s.kind === 'term' ? [] : (keysOf?.get(n) ?? queryKeys(s.text))));
  // A key shared by several statements of the page is read once.
  const read = await keyPostings(db, keys.flat(), MAX_KEY_POSTINGS, whole);
  const results: (Match[] | null)[] = entries.map(() => null);
  let next = 0;
  const lane = async () => {
    while (next < entries.length && !late()) {
      const i = next++;
      results[i] = await matchStatement(db, entries[i][1], keys[i], own, read, late);
    }
  };
  await Promise.all(Array.from({ length: Math.min(MATCH_WINDOW, entries.length) }, lane));
  return { matches: new Map(entries.map(([n], i) => [n, results[i] ?? []])), partial: results.includes(null) };
}

/** The candidates graded against the page statement; null when time ran out first. */
async function gradeAll(db: VerbatimDb, candidates: CandidateStatement[], page: Statement, late: () => boolean = () => false): Promise<Match[] | null> {
  if (candidates.length === 0) return [];
  const articles = await db.articles.bulkGet([...new Set(candidates.map((c) => c.articleId))]);
  const articleById = new Map(articles.filter((a): a is ArticleRow => !!a).map((a) => [a.id as number, a]));
  const matches: Match[] = [];
  for (const c of candidates) {
    const article = articleById.get(c.articleId);
    if (!article) continue;
    if (late()) return null;
    const g = grade(c, page);
    if (g) matches.push({ ...g, article });
  }
  return matches;
}

/** Stored statements that report the same utterance as `quote`: the page lookup path for one
 *  statement, without storing anything (benchmarks, the quote log's "find similar"). */
export async function findVariants(
  db: VerbatimDb,
  quote: { text: string; speakerKey: string | null },
): Promise<{ quoteId: number; articleId: number; relation: Relation; score: number; speakerConflict: boolean }[]> {
  const page: Statement = { statement: 0, kind: 'statement', text: quote.text, speaker: null, speakerKey: quote.speakerKey, parts: [{ text: quote.text }] };
  const nowhere = { id: -1, canonicalUrl: '' } as ArticleRow;
  const matches = (await matchStatement(db, page, queryKeys(quote.text), nowhere)) ?? [];
  return matches.map((m) => ({ quoteId: m.quoteId, articleId: m.candidate.articleId, relation: m.relation, score: m.score, speakerConflict: m.speakerConflict }));
}

/** Worst news first (lib/status.ts order). */
function statusOf(kind: QuoteKind, variants: Variant[]): QuoteStatus {
  if (kind === 'term') return 'term';
  let status: QuoteStatus = 'new';
  for (const v of variants) {
    const s: QuoteStatus = v.speakerConflict
      ? 'conflict'
      : v.relation === 'altered'
        ? 'altered'
        : v.relation === 'minor' || v.relation === 'reworded'
          ? 'reworded'
          : 'same';
    if (status === 'new' || statusRank(s) < statusRank(status)) status = s;
  }
  return status;
}

/** Each match as a variant of the page's statement `pageText`, its view drawn against the page's words. */
function toVariants(matches: Match[], own: ArticleRow, pageText: string): Variant[] {
  // An older version of this same page repeating the quote word for word is not news (it still
  // decides the quote's group).
  const shown = matches.filter((m) => !(m.article.canonicalUrl === own.canonicalUrl && m.relation === 'verbatim' && !m.speakerConflict)).slice(0, MAX_VARIANTS);
  const earliest = Math.min(own.firstSeen, ...shown.map((m) => m.article.firstSeen));
  return shown.map((m) => ({
    quoteId: m.quoteId,
    text: m.candidate.text,
    speaker: m.candidate.speaker,
    speakerKey: m.candidate.speakerKey,
    outlet: m.article.outlet,
    url: m.article.url,
    title: m.article.title,
    published: m.article.published,
    firstSeen: m.article.firstSeen,
    ...(m.article.sharedBy ? { sharedBy: m.article.sharedBy } : {}),
    relation: m.relation,
    score: m.score,
    diff: m.diff,
    view: diffView(pageText, m.candidate.text, m.relation),
    speakerConflict: m.speakerConflict,
    earliest: m.article.firstSeen === earliest,
  }));
}

/** Rebuild the page's quotes from stored rows, each with its graded variants. */
async function resultFor(db: VerbatimDb, article: ArticleRow, rows: QuoteRow[], known: PageMatches | MatchBudget): Promise<PageResult> {
  const statements = joinStatements(rows);
  const { matches, partial } = 'matches' in known ? known : await matchAll(db, statements, article, known);
  const variantsByStatement = new Map<number, Variant[]>();
  for (const [n, s] of statements) variantsByStatement.set(n, toVariants(matches.get(n) ?? [], article, s.text));
  const sorted = [...rows].sort((a, b) => a.start - b.start);
  const quotes: PageQuote[] = sorted.map((r, i) => {
    const variants = variantsByStatement.get(r.statement) ?? [];
    return {
      id: `q${i + 1}`,
      start: r.start,
      end: r.end,
      text: r.text,
      kind: r.kind,
      statement: r.statement,
      speaker: r.speaker,
      speakerKey: r.speakerKey,
      cue: r.cue ?? null,
      status: statusOf(statements.get(r.statement)?.kind ?? r.kind, variants),
      variants,
    };
  });
  // Matching cut short is this answer's, not the stored version's: a later visit may match it all.
  return { url: article.url, outlet: article.outlet, title: article.title, partial: article.partial || partial, published: article.published, firstSeen: article.firstSeen, quotes };
}

// ---- The pipeline --------------------------------------------------------------------------

/** The result of a stored version of a page, its visit noted; null for a version not stored. Call
 *  inside a read-write transaction over the articles and what matching reads. */
async function revisit(db: VerbatimDb, canonicalUrl: string, hash: string, url: string, now: number, options: MatchBudget): Promise<PageResult | null> {
  const existing = await findArticleVersion(db, canonicalUrl, hash);
  if (!existing) return null;
  // The same version again: note the visit, store nothing new.
  existing.lastSeen = Math.max(existing.lastSeen, now);
  existing.url = url;
  await db.articles.put(existing);
  const rows = await articleQuotes(db, existing.id as number).toArray();
  return resultFor(db, existing, rows, options);
}

/** The result of a page whose version is stored already (its visit noted), from the stored quotes:
 *  the background answers a reload without finding quotes and speakers in the text again. Null
 *  for a version not stored yet (analyzePage stores it). */
export async function revisitPage(db: VerbatimDb, payload: PagePayload, now: number, options: MatchBudget = {}): Promise<PageResult | null> {
  const canonicalUrl = canonicalizeUrl(payload.canonicalUrl || payload.url);
  const hash = contentHash(payload.text);
  // An async callback: Dexie keeps the transaction open across its awaits only in one.
  return unlessFull(() => db.transaction('rw', [db.articles, db.quotes, db.singles, db.postings], async () => revisit(db, canonicalUrl, hash, payload.url, now, options)));
}

export interface AnalyzeOptions extends MatchBudget {
  /** Whether to keep the statement groups' summary rows (the quote log's listing and search read
   *  them; matching never does): false for a store that nothing will list, a one-off scan's;
   *  'later' lists the page's groups as pending for the background to summarise after the page
   *  has its answer (pending-groups.ts). */
  groupSummaries?: boolean | 'later';
}

/** Analyse a page: extract its quotes, store this version (once), grade every quote against what
 *  was seen before (as far as the options' MatchBudget allows). One read-write transaction: a
 *  failed write leaves nothing behind. `extracted`: the page text's quotes when already found
 *  elsewhere (the command line finds them on worker threads, where the costly part of a page runs
 *  in parallel). */
export async function analyzePage(
  db: VerbatimDb,
  payload: PagePayload,
  now: number,
  extracted: ExtractedQuote[] = extractQuotes(payload.text),
  options: AnalyzeOptions = {},
): Promise<PageResult> {
  const canonicalUrl = canonicalizeUrl(payload.canonicalUrl || payload.url);
  const hash = contentHash(payload.text);
  const statements = joinStatements(extracted);
  // Stored keys index the whole statement; lookup keys add what finds short versions (db.ts).
  const keysByStatement = new Map<number, string[]>();
  const lookupByStatement = new Map<number, string[]>();
  for (const [n, s] of statements) {
    keysByStatement.set(n, s.kind === 'term' ? [] : storedKeys(s.text));
    lookupByStatement.set(n, s.kind === 'term' ? [] : queryKeys(s.text));
  }
  return unlessFull(() =>
    db.transaction('rw', [db.articles, db.quotes, db.singles, db.postings, db.groups, db.pendingGroups, db.speakers], async () => {
      const again = await revisit(db, canonicalUrl, hash, payload.url, now, options);
      if (again) return again;
      const article: ArticleRow = {
        canonicalUrl,
        url: payload.url,
        outlet: payload.outlet,
        byline: payload.byline,
        title: payload.title,
        published: payload.published,
        firstSeen: now,
        lastSeen: now,
        contentHash: hash,
        partial: payload.partial,
      };
      article.id = await db.articles.add(article);
      // Join each statement to the group of its closest earlier version, or found a new group.
      // The page's own rows are never candidates, so these matches are also the page's result.
      // Postings rows the lookup reads are not read again to store the page's quotes.
      const postingsRead = new Map<string, readonly number[]>();
      const matched = await matchAll(db, statements, article, options, lookupByStatement, postingsRead);
      const groupOf = new Map<number, string>();
      for (const n of statements.keys()) {
        groupOf.set(n, matched.matches.get(n)?.[0]?.candidate.groupId ?? makeGroupId(canonicalUrl, hash, n));
      }
      const rows: QuoteRow[] = extracted.map((q) =>
        quoteRow(q, {
          articleId: article.id as number,
          parts: statements.get(q.statement)?.parts.length ?? 1,
          anchor: {
            prefix: payload.text.slice(Math.max(0, q.start - ANCHOR_CONTEXT), q.start),
            exact: payload.text.slice(q.start, q.end),
            suffix: payload.text.slice(q.end, q.end + ANCHOR_CONTEXT),
          },
          keys: keysByStatement.get(q.statement) ?? [],
          groupId: groupOf.get(q.statement) as string,
          seenAt: now,
        }),
      );
      const ids = await db.quotes.bulkAdd(rows, { allKeys: true });
      rows.forEach((r, i) => (r.id = ids[i]));
      await indexQuotes(db, rows, postingsRead);
      if (options.groupSummaries === 'later') await markPending(db, rows.map((r) => r.groupId));
      else if (options.groupSummaries !== false) await addToGroups(db, rows);
      await upsertSpeakers(db, extracted);
      return resultFor(db, article, rows, matched);
    }),
  );
}

async function upsertSpeakers(db: VerbatimDb, quotes: ExtractedQuote[]): Promise<void> {
  const seen = new Map<string, string[]>();
  for (const q of quotes) {
    if (!q.speakerKey) continue;
    const names = seen.get(q.speakerKey) ?? [];
    if (q.speaker && !names.includes(q.speaker)) names.push(q.speaker);
    seen.set(q.speakerKey, names);
  }
  if (seen.size === 0) return;
  const keys = [...seen.keys()];
  const stored = await db.speakers.bulkGet(keys);
  const rows: SpeakerRow[] = keys.map((key, i) => {
    const row = stored[i] ?? { key, name: seen.get(key)?.[0] ?? key, aliases: [] };
    for (const name of seen.get(key) ?? []) if (!row.aliases.includes(name)) row.aliases.push(name);
    const latest = seen.get(key)?.[0];
    if (latest) row.name = latest;
    return row;
  });
  await db.speakers.bulkPut(rows);
}

/** The newest stored version of the page at `url` (tab URL or canonical URL), graded against the
 *  store as it is now, within `budget`; null when the page was never analysed. */
export async function getPageResult(db: VerbatimDb, url: string, budget: MatchBudget = {}): Promise<PageResult | null> {
  return db.transaction('r', [db.articles, db.quotes, db.singles, db.postings], async () => {
    const canonical = canonicalizeUrl(url);
    const versions = [
      ...(await db.articles.where('url').equals(url).toArray()),
      ...(await db.articles.where('canonicalUrl').equals(canonical).toArray()),
    ];
    if (versions.length === 0) return null;
    const article = versions.reduce((a, b) => (b.lastSeen > a.lastSeen || (b.lastSeen === a.lastSeen && (b.id ?? 0) > (a.id ?? 0)) ? b : a));
    const rows = await articleQuotes(db, article.id as number).toArray();
    return resultFor(db, article, rows, budget);
  });
}

