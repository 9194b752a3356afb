// The quote log out and in: JSON (complete, versioned, re-importable), CSV and Markdown.
// Import validates the whole file first and writes in one transaction: a bad file changes nothing.
//
// dexie-export-import is not used: its dump is Dexie's own envelope (tables, schema, rows), which
// would tie the file format to the storage schema, and its import either overwrites rows by
// primary key or clears tables. Verbatim's file must be stable across schema versions, be
// checked field by field with a message that names the place, and merge into a store that
// already holds some of the same pages, matching articles by page version, not by row id.
import Papa from 'papaparse';
import { articleQuotes, findArticleVersion, type VerbatimDb } from './db';
import { indexQuotes } from './postings';
import { statementKeys } from '../matching/fingerprint';
import type { ArticleRow, QuoteRow, SpeakerRow } from '../types';
import { loadGroup } from './quote-log';
import type { QuoteGroup } from '../types';

export const EXPORT_FORMAT = 'verbatim';
export const EXPORT_VERSION = 1;

/** Problems listed in an import error before "and N more": enough to fix a file, short enough to read. */
export const MAX_REPORTED_ERRORS = 10;

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

/** Every article version, quote and speaker (settings are not part of the log). */
export async function exportData(db: VerbatimDb, now: number): Promise<ExportFile> {
  return db.transaction('r', db.articles, db.quotes, db.speakers, async () => ({
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: new Date(now).toISOString(),
    articles: await db.articles.orderBy('id').toArray(),
    quotes: await db.quotes.orderBy('id').toArray(),
    speakers: await db.speakers.orderBy('key').toArray(),
  }));
}

/** The whole store as versioned JSON; `now` (ms) is recorded as exportedAt. */
export async function exportJson(db: VerbatimDb, now: number): Promise<string> {
  return JSON.stringify(await exportData(db, now), null, 1);
}

// ---- Validation -----------------------------------------------------------------------------

type Check = (value: unknown) => string | null;

const isStr: Check = (v) => (typeof v === 'string' ? null : 'expected a string');
const isNonEmptyStr: Check = (v) => (typeof v === 'string' && v.length > 0 ? null : 'expected a non-empty string');
const isStrOrNull: Check = (v) => (v === null || typeof v === 'string' ? null : 'expected a string or null');
const isBool: Check = (v) => (typeof v === 'boolean' ? null : 'expected true or false');
const isTime: Check = (v) => (typeof v === 'number' && Number.isFinite(v) ? null : 'expected a number (ms since 1970)');
const isId: Check = (v) => (Number.isSafeInteger(v) && (v as number) > 0 ? null : 'expected a positive integer id');
const isIndex: Check = (v) => (Number.isSafeInteger(v) && (v as number) >= 0 ? null : 'expected an integer ≥ 0');
const isCount: Check = (v) => (Number.isSafeInteger(v) && (v as number) >= 1 ? null : 'expected an integer ≥ 1');
const isKind: Check = (v) => (v === 'statement' || v === 'term' ? null : 'expected "statement" or "term"');
const isStrArray: Check = (v) =>
  Array.isArray(v) ? (v.every((s) => typeof s === 'string') ? null : 'expected an array of strings') : 'expected an array of strings';

const ARTICLE_FIELDS: Record<keyof Required<ArticleRow>, Check> = {
  id: isId,
  canonicalUrl: isNonEmptyStr,
  url: isStr,
  outlet: isStrOrNull,
  byline: isStrOrNull,
  title: isStrOrNull,
  published: isStrOrNull,
  firstSeen: isTime,
  lastSeen: isTime,
  contentHash: isNonEmptyStr,
  partial: isBool,
};

const QUOTE_FIELDS: Record<Exclude<keyof Required<QuoteRow>, 'anchor'>, Check> = {
  id: isId,
  articleId: isId,
  text: isStr,
  normText: isStr,
  kind: isKind,
  speakerKey: isStrOrNull,
  speaker: isStrOrNull,
  cue: isStrOrNull,
  statement: isIndex,
  parts: isCount,
  start: isIndex,
  end: isIndex,
  keys: isStrArray,
  groupId: isNonEmptyStr,
  seenAt: isTime,
};

const SPEAKER_FIELDS: Record<keyof SpeakerRow, Check> = { key: isNonEmptyStr, name: isStr, aliases: isStrArray };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkFields(row: unknown, fields: Record<string, Check>, where: string, errors: string[]): boolean {
  if (!isRecord(row)) {
    errors.push(`${where}: expected an object`);
    return false;
  }
  let ok = true;
  for (const [name, check] of Object.entries(fields)) {
    const problem = name in row ? check(row[name]) : 'missing';
    if (problem) {
      errors.push(`${where}.${name}: ${problem}`);
      ok = false;
    }
  }
  return ok;
}

/** Every problem in an export file, each saying where; [] when the file can be imported. */
export function validateExport(data: unknown): string[] {
  const errors: string[] = [];
  if (!isRecord(data)) return ['file: expected a JSON object'];
  if (data.format !== EXPORT_FORMAT) errors.push(`format: expected "${EXPORT_FORMAT}", found ${JSON.stringify(data.format) ?? 'nothing'}`);
  if (data.version !== EXPORT_VERSION) {
    errors.push(
      typeof data.version === 'number' && data.version > EXPORT_VERSION
        ? `version: ${data.version} is newer than this version of Verbatim reads (${EXPORT_VERSION}); update Verbatim`
        : `version: expected ${EXPORT_VERSION}, found ${JSON.stringify(data.version) ?? 'nothing'}`,
    );
  }
  if (data.exportedAt !== undefined && typeof data.exportedAt !== 'string') errors.push('exportedAt: expected a string');
  for (const table of ['articles', 'quotes', 'speakers'] as const) {
    if (!Array.isArray(data[table])) errors.push(`${table}: expected an array`);
  }
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
  quotes.forEach((q, i) => {
    const where = `quotes[${i}]`;
    if (!checkFields(q, QUOTE_FIELDS, where, errors)) return;
    const row = q as unknown as QuoteRow;
    if (!isRecord(row.anchor)) errors.push(`${where}.anchor: expected an object with prefix, exact, suffix`);
    else for (const part of ['prefix', 'exact', 'suffix'] as const) if (typeof row.anchor[part] !== 'string') errors.push(`${where}.anchor.${part}: expected a string`);
    if (quoteIds.has(row.id as number)) errors.push(`${where}.id: ${row.id} appears twice`);
    quoteIds.add(row.id as number);
    if (!articleIds.has(row.articleId)) errors.push(`${where}.articleId: refers to a missing article (${row.articleId})`);
    if (row.end < row.start) errors.push(`${where}.end: before start`);
  });
  const speakerKeys = new Set<string>();
  speakers.forEach((s, i) => {
    if (!checkFields(s, SPEAKER_FIELDS, `speakers[${i}]`, errors)) return;
    const row = s as SpeakerRow;
    if (speakerKeys.has(row.key)) errors.push(`speakers[${i}].key: "${row.key}" appears twice`);
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

/** Merge an export file into the store: validates everything first, writes in one transaction,
 *  never duplicates a page version, a quote or a speaker. Keeps ids when they are free, so an
 *  import into an empty store recreates the exported one exactly. */
export async function importJson(db: VerbatimDb, text: string): Promise<ImportResult> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return failure([`file: not valid JSON (${(err as Error).message}); the file may be truncated`]);
  }
  const errors = validateExport(data);
  if (errors.length) return failure(errors);
  const file = data as ExportFile;
  try {
    // Index keys are derived data: recomputed from the file's text, never trusted from it.
    const keysOf = statementKeys(file.quotes);
    return await db.transaction('rw', [db.articles, db.quotes, db.singles, db.postings, db.speakers], async () => {
      const added = { articles: 0, quotes: 0, speakers: 0 };
      const addedRows: QuoteRow[] = [];
      const merged = { articles: 0, speakers: 0 };
      const articleIdMap = new Map<number, number>();
      const existingArticles = new Set<number>();
      for (const a of file.articles) {
        const found = await findArticleVersion(db, a.canonicalUrl, a.contentHash);
        if (found) {
          articleIdMap.set(a.id as number, found.id as number);
          existingArticles.add(found.id as number);
          const next = { ...found };
          next.firstSeen = Math.min(found.firstSeen, a.firstSeen);
          next.lastSeen = Math.max(found.lastSeen, a.lastSeen);
          for (const f of ['outlet', 'byline', 'title', 'published'] as const) next[f] = found[f] ?? a[f];
          if (JSON.stringify(next) !== JSON.stringify(found)) {
            await db.articles.put(next);
            merged.articles++;
          }
          continue;
        }
        const row: ArticleRow = { ...a };
        if (await db.articles.get(a.id as number)) delete row.id;
        articleIdMap.set(a.id as number, await db.articles.add(row));
        added.articles++;
      }
      const seenQuotes = new Map<number, Set<string>>();
      const quoteKey = (q: QuoteRow) => JSON.stringify([q.start, q.end, q.statement, q.text]);
      for (const q of file.quotes) {
        const articleId = articleIdMap.get(q.articleId) as number;
        if (existingArticles.has(articleId)) {
          if (!seenQuotes.has(articleId)) seenQuotes.set(articleId, new Set((await articleQuotes(db, articleId).toArray()).map(quoteKey)));
          const known = seenQuotes.get(articleId) as Set<string>;
          if (known.has(quoteKey(q))) continue;
          known.add(quoteKey(q));
        }
        const row: QuoteRow = { ...q, articleId, keys: keysOf.get(`${q.articleId}:${q.statement}`) ?? [] };
        if (await db.quotes.get(q.id as number)) delete row.id;
        row.id = await db.quotes.add(row);
        addedRows.push(row);
        added.quotes++;
      }
      await indexQuotes(db, addedRows);
      for (const s of file.speakers) {
        const found = await db.speakers.get(s.key);
        if (!found) {
          await db.speakers.add({ ...s, aliases: [...s.aliases] });
          added.speakers++;
          continue;
        }
        const aliases = [...found.aliases, ...s.aliases.filter((n) => !found.aliases.includes(n))];
        if (aliases.length !== found.aliases.length) {
          await db.speakers.put({ ...found, aliases });
          merged.speakers++;
        }
      }
      return { ok: true as const, added, merged };
    });
  } catch (err) {
    return failure([`store: the import could not be written (${(err as Error).name}: ${(err as Error).message}); nothing was changed`]);
  }
}

// ---- CSV and Markdown -------------------------------------------------------------------------

/** Every statement group, newest first. */
async function allGroups(db: VerbatimDb): Promise<QuoteGroup[]> {
  const ids = (await db.quotes.orderBy('groupId').uniqueKeys()) as string[];
  const groups: QuoteGroup[] = [];
  for (const id of ids) {
    const g = await loadGroup(db, id);
    if (g) groups.push(g);
  }
  return groups.sort((a, b) => b.latestSeenAt - a.latestSeenAt || (a.groupId < b.groupId ? -1 : 1));
}

export const CSV_FIELDS = [
  'group', 'quote_id', 'article_id', 'statement', 'kind', 'relation', 'score', 'speaker_conflict',
  'speaker', 'speaker_key', 'outlet', 'published', 'first_seen', 'url', 'title', 'text',
] as const;

/** One row per stored quote, with its statement group and its relation to the group's earliest
 *  version ("earliest" for that version itself, empty when linked only through another version). */
export async function exportCsv(db: VerbatimDb): Promise<string> {
  const groups = await allGroups(db);
  const quotes = new Map((await db.quotes.toArray()).map((q) => [q.id as number, q]));
  const data: (string | number | boolean)[][] = [];
  for (const g of groups) {
    for (const v of g.versions) {
      for (const id of v.quoteIds) {
        const q = quotes.get(id);
        if (!q) continue;
        data.push([
          g.groupId, id, v.articleId, v.statement, q.kind,
          v === g.earliest ? 'earliest' : (v.relation ?? ''),
          v.score === null ? '' : Math.round(v.score * 1000) / 1000,
          v.speakerConflict,
          q.speaker ?? '', q.speakerKey ?? '', v.outlet ?? '', v.published ?? '',
          new Date(v.firstSeen).toISOString(), v.url, v.title ?? '', q.text,
        ]);
      }
    }
  }
  return Papa.unparse({ fields: [...CSV_FIELDS], data }, { newline: '\n' });
}

function mdEscape(s: string): string {
  return s.replace(/([\\`*_[\]<>#|])/g, '\\$1').replace(/\s+/g, ' ').trim();
}

function dateOf(v: { published: string | null; firstSeen: number }): string {
  return (v.published ?? new Date(v.firstSeen).toISOString()).slice(0, 10);
}

/** A readable log: speakers A–Z (unknown last), each statement with every version seen. */
export async function exportMarkdown(db: VerbatimDb): Promise<string> {
  const groups = await allGroups(db);
  const bySpeaker = new Map<string, QuoteGroup[]>();
  const terms: QuoteGroup[] = [];
  for (const g of groups) {
    if (g.earliest.kind === 'term') {
      terms.push(g);
      continue;
    }
    const who = g.versions.find((v) => v.speaker)?.speaker ?? '';
    bySpeaker.set(who, [...(bySpeaker.get(who) ?? []), g]);
  }
  const speakers = [...bySpeaker.keys()].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)));
  const out: string[] = ['# Verbatim quote log', ''];
  for (const who of speakers) {
    out.push(`## ${who ? mdEscape(who) : 'Unknown speaker'}`, '');
    for (const g of bySpeaker.get(who) ?? []) {
      out.push(`### “${mdEscape(g.earliest.text)}”`, '');
      for (const v of g.versions) {
        const source = `${dateOf(v)} · **${mdEscape(v.outlet ?? new URL(v.url, 'https://unknown.invalid').hostname)}** · [${mdEscape(v.title ?? v.url)}](${v.url.replace(/[()\s]/g, encodeURIComponent)})`;
        if (v === g.earliest) out.push(`- ${source} — earliest version seen`);
        else {
          const grade = v.relation ? `${v.relation}${v.score === null ? '' : ` (${v.score.toFixed(2)})`}` : 'linked';
          const conflict = v.speakerConflict ? `, attributed to ${mdEscape(v.speaker ?? 'someone else')}` : '';
          out.push(`- ${source} — ${grade}${conflict}: “${mdEscape(v.text)}”`);
        }
      }
      out.push('');
    }
  }
  if (terms.length) {
    out.push('## Terms and titles', '');
    for (const g of terms) out.push(`- “${mdEscape(g.earliest.text)}” — ${g.versions.map((v) => mdEscape(v.outlet ?? v.url)).join(', ')}`);
    out.push('');
  }
  return out.join('\n');
}
