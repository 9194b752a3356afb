// The quote log out: JSON (complete, versioned, re-importable by import-file.ts), CSV and Markdown.
//
// dexie-export-import is not used: its dump is Dexie's own envelope (tables, schema, rows), which
// would tie the file format to the storage schema, and its import either overwrites rows by
// primary key or clears tables. Verbatim's file must be stable across schema versions, be
// checked field by field with a message that names the place, and merge into a store that
// already holds some of the same pages, matching articles by page version, not by row id.
import Papa from 'papaparse';
import type { VerbatimDb } from './db';
import { EXPORT_FORMAT, EXPORT_VERSION, type ExportFile } from './import-file';
import { loadGroup } from './quote-log';
import type { QuoteGroup } from '../types';

export { EXPORT_FORMAT, EXPORT_VERSION, MAX_IMPORT_BYTES, MAX_REPORTED_ERRORS, importJson, validateExport } from './import-file';
export type { ExportFile, ImportResult } from './import-file';

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
          isoDate(v.firstSeen), v.url, v.title ?? '', q.text,
        ]);
      }
    }
  }
  return Papa.unparse({ fields: [...CSV_FIELDS], data }, { newline: '\n', escapeFormulae: FORMULA_START });
}

/** A cell a spreadsheet would run as a formula (OWASP, CSV injection): Papa prefixes it with a
 *  single quote and quotes the field. Papa's own pattern ends in `.*$`, which misses a cell whose
 *  text goes on after a line break; the first character alone decides. */
export const FORMULA_START = /^[=+\-@\t\r]/;

/** Text as Markdown shows it literally: every character that could start markup (emphasis, code,
 *  links and images, raw HTML and entities, headings, tables, strikethrough) is escaped, and line
 *  breaks become spaces so that text never starts a block of its own. */
function mdEscape(s: string): string {
  return s.replace(/([\\`*_[\]<>#|()!~&])/g, '\\$1').replace(/\s+/g, ' ').trim();
}

/** A web address as a Markdown link target, or null for anything but http(s) (javascript:, data:
 *  and the like are never written as links). */
function mdLinkTarget(url: string): string | null {
  if (!URL.canParse(url)) return null;
  const u = new URL(url);
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  return u.href.replace(/[()<>\s\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** A version's title, linked to its page when the address is a web page's. */
function mdSource(v: { url: string; title: string | null }): string {
  const target = mdLinkTarget(v.url);
  const text = mdEscape(v.title ?? v.url);
  return target ? `[${text}](${target})` : `${text} (${mdEscape(v.url)})`;
}

function hostOf(url: string): string {
  return URL.canParse(url) ? new URL(url).hostname : '';
}

/** ISO date of a time in ms; '' for a time no date can show (a store written before import
 *  bounded its dates may hold one). */
function isoDate(ms: number): string {
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString();
}

function dateOf(v: { published: string | null; firstSeen: number }): string {
  return mdEscape((v.published ?? isoDate(v.firstSeen)).slice(0, 10));
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
        const source = `${dateOf(v)} · **${mdEscape(v.outlet ?? (hostOf(v.url) || 'unknown outlet'))}** · ${mdSource(v)}`;
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
