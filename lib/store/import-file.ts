// An export file back in: checked field by field, then merged in one transaction.
// The file comes from outside (another machine, an attacker): every value is bounded, every message
// about it is short, nothing in it decides a row id, and a bad file changes nothing.
import { articleQuotes, findArticleVersion, type VerbatimDb } from './db';
import { indexQuotes, CHUNK } from './postings';
import { refreshGroups } from './groups';
import { quoteRow } from './quote-row';
import { statementKeys } from '../matching/fingerprint';
import { sharerProblem } from '../share/shared-doc';
import type { ArticleRow, QuoteRow, SpeakerRow } from '../types';

export const EXPORT_FORMAT = 'verbatim';
export const EXPORT_VERSION = 1;

/** Largest file import reads (bytes; also the limit to state in the UI). An export takes about
 *  1 KB per stored quote, so this holds some 120,000 quotes while parsing it stays within a few
 *  hundred MB of memory; a larger file is refused before it is read. */
export const MAX_IMPORT_BYTES = 128 * 1024 * 1024;

/** Problems listed in an import error before "and N more": enough to fix a file, short enough to read. */
export const MAX_REPORTED_ERRORS = 10;

/** Characters of a value from the file quoted in a message: enough to recognise it. */
const QUOTED_CHARS = 40;

// Bounds of the stored fields: generous for any real page, small enough that one value cannot
// fill the store or the screen.
/** A quote's text (a long multi-paragraph statement fits). */
const MAX_QUOTE_CHARS = 50_000;
/** URLs (longer than any article URL; data: URLs are not article pages). */
const MAX_URL_CHARS = 8_192;
/** Titles, names, outlets, bylines, cues, dates, group ids and keys. */
const MAX_SHORT_CHARS = 2_000;
/** A text offset: an article text of 100 million characters is already far beyond a page. */
const MAX_OFFSET = 100_000_000;
/** Lookup keys or aliases in one row. */
const MAX_LIST = 10_000;
/** Times in ms: from 1970 to the end of year 9999, so every date prints as an ISO date. */
const MAX_TIME = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

export interface ExportFile {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  /** ISO date of the export. */
  exportedAt: string;
  articles: ArticleRow[];
  quotes: QuoteRow[];
  speakers: SpeakerRow[];
}

export type ImportResult =
  | { ok: true; added: { articles: number; quotes: number; speakers: number }; merged: { articles: number; speakers: number } }
  | { ok: false; error: string; errors: string[] };

// ---- Validation -----------------------------------------------------------------------------

/** A value from the file as a message may show it: short, whatever its size or depth. */
function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (typeof v === 'string') return v.length > QUOTED_CHARS ? `a string of ${v.length} characters` : JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return String(v);
  if (Array.isArray(v)) return `an array of ${v.length}`;
  return typeof v === 'object' ? 'an object' : typeof v;
}

function clip(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

type Check = (value: unknown) => string | null;

const str =
  (max: number, nonEmpty = false): Check =>
  (v) =>
    typeof v !== 'string' || (nonEmpty && v.length === 0)
      ? `expected a ${nonEmpty ? 'non-empty ' : ''}string, found ${describe(v)}`
      : v.length > max
        ? `longer than ${max} characters (${v.length})`
        : null;
const strOrNull = (max: number): Check => {
  const isStr = str(max);
  return (v) => (v === null ? null : typeof v !== 'string' ? `expected a string or null, found ${describe(v)}` : isStr(v));
};
const isBool: Check = (v) => (typeof v === 'boolean' ? null : `expected true or false, found ${describe(v)}`);
const isTime: Check = (v) =>
  typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= MAX_TIME ? null : `expected a number (ms since 1970, before year 10000), found ${describe(v)}`;
const int =
  (min: number, max: number, what: string): Check =>
  (v) =>
    Number.isSafeInteger(v) && (v as number) >= min && (v as number) <= max ? null : `expected ${what}, found ${describe(v)}`;
const isId = int(1, Number.MAX_SAFE_INTEGER, 'a positive integer id');
const isOffset = int(0, MAX_OFFSET, `an integer from 0 to ${MAX_OFFSET}`);
const isCount = int(1, MAX_OFFSET, `an integer from 1 to ${MAX_OFFSET}`);
const isKind: Check = (v) => (v === 'statement' || v === 'term' ? null : `expected "statement" or "term", found ${describe(v)}`);
const strArray = (max: number): Check => {
  const each = str(max);
  return (v) => {
    if (!Array.isArray(v)) return `expected an array of strings, found ${describe(v)}`;
    if (v.length > MAX_LIST) return `more than ${MAX_LIST} entries (${v.length})`;
    for (let i = 0; i < v.length; i++) {
      const problem = typeof v[i] === 'string' && v[i].length <= max ? null : each(v[i]);
      if (problem) return `expected an array of strings ([${i}]: ${problem})`;
    }
    return null;
  };
};
const isAnchorPart = str(MAX_QUOTE_CHARS);
const isAnchor: Check = (v) => {
  if (!isRecord(v)) return `expected an object with prefix, exact, suffix, found ${describe(v)}`;
  for (const part of ['prefix', 'exact', 'suffix'] as const) {
    const problem = isAnchorPart(Object.hasOwn(v, part) ? v[part] : undefined);
    if (problem) return `.${part}: ${problem}`;
  }
  const extra = Object.keys(v).find((k) => !['prefix', 'exact', 'suffix'].includes(k));
  return extra === undefined ? null : `.${clip(extra, QUOTED_CHARS)}: not a field of a Verbatim export`;
};

const ARTICLE_FIELDS: Record<keyof Required<ArticleRow>, Check> = {
  id: isId,
  canonicalUrl: str(MAX_URL_CHARS, true),
  url: str(MAX_URL_CHARS),
  outlet: strOrNull(MAX_SHORT_CHARS),
  byline: strOrNull(MAX_SHORT_CHARS),
  title: strOrNull(MAX_SHORT_CHARS),
  published: strOrNull(MAX_SHORT_CHARS),
  firstSeen: isTime,
  lastSeen: isTime,
  contentHash: str(MAX_SHORT_CHARS, true),
  partial: isBool,
  sharedBy: sharerProblem,
};

/** Fields a row may leave out: who shared a version is known only for versions from a team. */
const OPTIONAL_FIELDS = new Set(['sharedBy']);

const QUOTE_FIELDS: Record<keyof Required<QuoteRow>, Check> = {
  id: isId,
  articleId: isId,
  text: str(MAX_QUOTE_CHARS),
  normText: str(MAX_QUOTE_CHARS * 2),
  kind: isKind,
  speakerKey: strOrNull(MAX_SHORT_CHARS),
  speaker: strOrNull(MAX_SHORT_CHARS),
  cue: strOrNull(MAX_SHORT_CHARS),
  statement: isOffset,
  parts: isCount,
  start: isOffset,
  end: isOffset,
  anchor: isAnchor,
  keys: strArray(MAX_SHORT_CHARS),
  groupId: str(MAX_SHORT_CHARS, true),
  seenAt: isTime,
};

const isShortStr = str(MAX_SHORT_CHARS);

const SPEAKER_FIELDS: Record<keyof SpeakerRow, Check> = { key: str(MAX_SHORT_CHARS, true), name: str(MAX_SHORT_CHARS), aliases: strArray(MAX_SHORT_CHARS) };

const FILE_FIELDS = ['format', 'version', 'exportedAt', 'articles', 'quotes', 'speakers'];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Own fields only (a "__proto__" or "constructor" key in the file is a field like any other, and
 *  not one of ours). */
function checkFields(row: unknown, fields: Record<string, Check>, where: string, errors: string[]): boolean {
  if (!isRecord(row)) {
    errors.push(`${where}: expected an object, found ${describe(row)}`);
    return false;
  }
  let ok = true;
  for (const [name, check] of Object.entries(fields)) {
    const problem = Object.hasOwn(row, name) ? check(row[name]) : OPTIONAL_FIELDS.has(name) ? null : 'missing';
    if (problem) {
      // A nested problem names its own place (".exact: …", "[3]: …").
      errors.push(`${where}.${name}${problem.startsWith('.') || problem.startsWith('[') ? '' : ': '}${problem}`);
      ok = false;
    }
  }
  for (const name of Object.keys(row)) {
    if (!Object.hasOwn(fields, name)) {
      errors.push(`${where}.${clip(name, QUOTED_CHARS)}: not a field of a Verbatim export`);
      ok = false;
    }
  }
  return ok;
}

/** Every problem in an export file, each saying where and each short; [] when the file can be imported. */
export function validateExport(data: unknown): string[] {
  const errors: string[] = [];
  if (!isRecord(data)) return [`file: expected a JSON object, found ${describe(data)}`];
  if (data.format !== EXPORT_FORMAT) errors.push(`format: expected "${EXPORT_FORMAT}", found ${describe(data.format)}`);
  if (data.version !== EXPORT_VERSION) {
    errors.push(
      typeof data.version === 'number' && data.version > EXPORT_VERSION
        ? `version: ${describe(data.version)} is newer than this version of Verbatim reads (${EXPORT_VERSION}); update Verbatim`
        : `version: expected ${EXPORT_VERSION}, found ${describe(data.version)}`,
    );
  }
  if (data.exportedAt !== undefined) {
    const problem = isShortStr(data.exportedAt);
    if (problem) errors.push(`exportedAt: ${problem}`);
  }
  for (const table of ['articles', 'quotes', 'speakers'] as const) {
    if (!Array.isArray(data[table])) errors.push(`${table}: expected an array, found ${describe(data[table])}`);
  }
  for (const name of Object.keys(data)) if (!FILE_FIELDS.includes(name)) errors.push(`${clip(name, QUOTED_CHARS)}: not a field of a Verbatim export`);
  if (errors.length) return errors;

  const articles = data.articles as unknown[];
  const quotes = data.quotes as unknown[];
  const speakers = data.speakers as unknown[];
  const articleIds = new Set<number>();
  const versions = new Set<string>();
  articles.forEach((a, i) => {
    if (!checkFields(a, ARTICLE_FIELDS, `articles[${i}]`, errors)) return;
    const row = a as unknown as ArticleRow;
    if (articleIds.has(row.id as number)) errors.push(`articles[${i}].id: ${row.id} appears twice`);
    articleIds.add(row.id as number);
    const version = JSON.stringify([row.canonicalUrl, row.contentHash]);
    if (versions.has(version)) errors.push(`articles[${i}]: the same page version (canonicalUrl + contentHash) appears twice`);
    versions.add(version);
    if (row.lastSeen < row.firstSeen) errors.push(`articles[${i}].lastSeen: earlier than firstSeen`);
  });
  const quoteIds = new Set<number>();
  const spans = new Map<string, number>();
  quotes.forEach((q, i) => {
    const where = `quotes[${i}]`;
    if (!checkFields(q, QUOTE_FIELDS, where, errors)) return;
    const row = q as unknown as QuoteRow;
    if (quoteIds.has(row.id as number)) errors.push(`${where}.id: ${row.id} appears twice`);
    quoteIds.add(row.id as number);
    if (!articleIds.has(row.articleId)) errors.push(`${where}.articleId: refers to a missing article (${row.articleId})`);
    if (row.end < row.start) errors.push(`${where}.end: before start`);
    else if (row.end - row.start !== row.text.length) errors.push(`${where}.text: its length is not end − start`);
    if (row.anchor.exact !== row.text) errors.push(`${where}.anchor.exact: not the quote's text`);
    // One row per span of a page version: a second row for the same words would be a second quote.
    const span = `${row.articleId}:${row.start}:${row.end}`;
    const first = spans.get(span);
    if (first !== undefined) errors.push(`${where}: the same words of the same article as quotes[${first}]`);
    else spans.set(span, i);
  });
  const speakerKeys = new Set<string>();
  speakers.forEach((s, i) => {
    if (!checkFields(s, SPEAKER_FIELDS, `speakers[${i}]`, errors)) return;
    const row = s as SpeakerRow;
    if (speakerKeys.has(row.key)) errors.push(`speakers[${i}].key: ${describe(row.key)} appears twice`);
    speakerKeys.add(row.key);
  });
  return errors;
}

function failure(errors: string[]): ImportResult {
  const shown = errors.slice(0, MAX_REPORTED_ERRORS);
  const more = errors.length > shown.length ? `\n… and ${errors.length - shown.length} more` : '';
  return { ok: false, error: `Nothing was imported: ${shown.join('\n')}${more}`, errors };
}

// ---- Import ---------------------------------------------------------------------------------

/** Only the fields of a stored article, copied: nothing else from the file reaches the store. */
function articleRow(a: ArticleRow): ArticleRow {
  const { canonicalUrl, url, outlet, byline, title, published, firstSeen, lastSeen, contentHash, partial, sharedBy } = a;
  return { canonicalUrl, url, outlet, byline, title, published, firstSeen, lastSeen, contentHash, partial, ...(sharedBy === undefined ? {} : { sharedBy }) };
}

/** A file's size as import sees it: bytes of a Blob, UTF-16 units of a string read already (never
 *  more than its UTF-8 bytes, so a string over the limit is over it in bytes too). */
function sizeOf(input: string | Blob): number {
  return typeof input === 'string' ? input.length : input.size;
}

/** The file read and checked: a valid export, or the reasons it is not one. */
async function readExportFile(input: string | Blob): Promise<ExportFile | ImportResult> {
  if (sizeOf(input) > MAX_IMPORT_BYTES) {
    const mb = (n: number) => `${Math.ceil(n / (1024 * 1024))} MB`;
    return failure([`file: ${mb(sizeOf(input))} is larger than the ${mb(MAX_IMPORT_BYTES)} Verbatim imports`]);
  }
  let data: unknown;
  try {
    data = JSON.parse(typeof input === 'string' ? input : await input.text());
  } catch (err) {
    return failure([`file: not valid JSON (${clip((err as Error).message, 120)}); the file may be truncated`]);
  }
  const errors = validateExport(data);
  return errors.length ? failure(errors) : (data as ExportFile);
}

/** The file's page versions: a version the store holds already takes the file's dates and missing
 *  metadata; the others are added. Returns the store id of every file article id, and which of
 *  them are new (only those bring their quotes). */
async function mergeArticles(db: VerbatimDb, articles: readonly ArticleRow[]): Promise<{ idOf: Map<number, number>; isNew: Set<number>; added: number; merged: number; changedIds: number[] }> {
  const idOf = new Map<number, number>();
  const newArticles: ArticleRow[] = [];
  const found = await Promise.all(articles.map((a) => findArticleVersion(db, a.canonicalUrl, a.contentHash)));
  const changed: ArticleRow[] = [];
  articles.forEach((a, i) => {
    const have = found[i];
    if (!have) {
      newArticles.push(a);
      return;
    }
    idOf.set(a.id as number, have.id as number);
    const next = { ...have };
    next.firstSeen = Math.min(have.firstSeen, a.firstSeen);
    next.lastSeen = Math.max(have.lastSeen, a.lastSeen);
    for (const f of ['outlet', 'byline', 'title', 'published'] as const) next[f] = have[f] ?? a[f];
    if (JSON.stringify(next) !== JSON.stringify(have)) changed.push(next);
  });
  await db.articles.bulkPut(changed);
  const newIds = await db.articles.bulkAdd(newArticles.map(articleRow), { allKeys: true });
  newArticles.forEach((a, i) => idOf.set(a.id as number, newIds[i]));
  return { idOf, isNew: new Set(newArticles.map((a) => a.id as number)), added: newArticles.length, merged: changed.length, changedIds: changed.map((a) => a.id as number) };
}

/** The quotes of the new page versions, stored in bulk steps, posted under their keys and summed
 *  into their groups. Index keys and parts are derived data: recomputed from the file's text. */
async function addQuotes(db: VerbatimDb, quotes: readonly QuoteRow[], idOf: ReadonlyMap<number, number>, isNew: ReadonlySet<number>): Promise<number> {
  const keysOf = statementKeys(quotes);
  const partsOf = new Map<string, number>();
  for (const q of quotes) partsOf.set(`${q.articleId}:${q.statement}`, (partsOf.get(`${q.articleId}:${q.statement}`) ?? 0) + 1);
  const rows: QuoteRow[] = [];
  for (const q of quotes) {
    if (!isNew.has(q.articleId)) continue;
    const k = `${q.articleId}:${q.statement}`;
    rows.push(
      quoteRow(q, {
        articleId: idOf.get(q.articleId) as number,
        parts: partsOf.get(k) ?? 1,
        anchor: { prefix: q.anchor.prefix, exact: q.anchor.exact, suffix: q.anchor.suffix },
        keys: keysOf.get(k) ?? [],
        groupId: q.groupId,
        seenAt: q.seenAt,
      }),
    );
  }
  for (let i = 0; i < rows.length; i += CHUNK) {
    const step = rows.slice(i, i + CHUNK);
    const ids = await db.quotes.bulkAdd(step, { allKeys: true });
    step.forEach((r, j) => (r.id = ids[j]));
  }
  await indexQuotes(db, rows);
  await refreshGroups(db, rows.map((r) => r.groupId));
  return rows.length;
}

/** The file's speakers: new keys added, known ones given the spellings they lacked. */
async function mergeSpeakers(db: VerbatimDb, speakers: readonly SpeakerRow[]): Promise<{ added: number; merged: number }> {
  const stored = await db.speakers.bulkGet(speakers.map((s) => s.key));
  const rows: SpeakerRow[] = [];
  let added = 0;
  let merged = 0;
  speakers.forEach((s, i) => {
    const have = stored[i];
    if (!have) {
      rows.push({ key: s.key, name: s.name, aliases: [...s.aliases] });
      added++;
      return;
    }
    const aliases = [...have.aliases, ...s.aliases.filter((n) => !have.aliases.includes(n))];
    if (aliases.length !== have.aliases.length) {
      rows.push({ ...have, aliases });
      merged++;
    }
  });
  await db.speakers.bulkPut(rows);
  return { added, merged };
}

/** Merge an export file into the store: refuses a file over MAX_IMPORT_BYTES before reading it,
 *  validates everything, then writes in one transaction, in bulk steps. Never duplicates a page
 *  version, a quote or a speaker. Row ids are the store's own: the file's ids only link its rows
 *  to each other, and its rows are added in the order of those ids, so the order of ids (oldest
 *  first, which postings rely on) survives. Derived fields (normText, parts, keys) are recomputed
 *  from the text. A page version the store already holds keeps its own quotes: the file's reading
 *  of the same text adds nothing but its dates and missing metadata. */
export async function importJson(db: VerbatimDb, input: string | Blob): Promise<ImportResult> {
  const file = await readExportFile(input);
  if ('ok' in file) return file;
  const byId = <T extends { id?: number }>(rows: T[]) => [...rows].sort((x, y) => (x.id as number) - (y.id as number));
  const articles = byId(file.articles);
  const quotes = byId(file.quotes);
  try {
    return await db.transaction('rw', [db.articles, db.quotes, db.singles, db.postings, db.groups, db.speakers], async () => {
      const pages = await mergeArticles(db, articles);
      const quoteCount = await addQuotes(db, quotes, pages.idOf, pages.isNew);
      // A stored version that took the file's dates or outlet changes its groups' summaries: an
      // earlier firstSeen may make it the earliest version, an outlet adds its outlet-word entries.
      const merged = await Promise.all(pages.changedIds.map((id) => articleQuotes(db, id).toArray()));
      await refreshGroups(db, merged.flat().map((q) => q.groupId));
      const speakers = await mergeSpeakers(db, file.speakers);
      return {
        ok: true as const,
        added: { articles: pages.added, quotes: quoteCount, speakers: speakers.added },
        merged: { articles: pages.merged, speakers: speakers.merged },
      };
    });
  } catch (err) {
    const e = err as Error;
    return failure([`store: the import could not be written (${clip(`${e.name}: ${e.message}`, 200)}); nothing was changed`]);
  }
}
