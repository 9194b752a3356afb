// The unit a team shares through a CouchDB database: one document per article version, carrying
// the same rows as the JSON export (lib/store/export.ts) without the store's own ids and derived
// index keys. Its id is derived from the version's identity (canonical URL + content hash), so a
// document never changes once written and two readers of the same version write the same id.
import type { ArticleRow, QuoteRow, SpeakerRow } from '../types';

export const SHARED_DOC_TYPE = 'verbatim-article';
export const SHARED_DOC_VERSION = 1;

/** Id prefix: CouchDB reserves ids starting with "_", and a prefix keeps other documents apart. */
const ID_PREFIX = 'article:';

/** Longest canonical URL shared: longer ones are not article addresses, and the id carries it. */
export const MAX_URL_LENGTH = 2048;

/** Largest document accepted, as JSON characters. A long article with a hundred quotes and their
 *  anchors is some 60 KB; anything larger is not one article's quotes and would let one document
 *  hold up a whole batch of merging. */
export const MAX_DOC_CHARS = 256 * 1024;

/** Most quotes and speakers per document: a generous article, well under the size cap. */
export const MAX_DOC_QUOTES = 500;
export const MAX_DOC_SPEAKERS = 200;

/** Longest "shared by" label: a name or a desk, shown as text. */
export const MAX_SHARED_BY = 80;

export type SharedArticle = Omit<ArticleRow, 'id'>;
export type SharedQuote = Omit<QuoteRow, 'id' | 'articleId' | 'keys'>;

export interface SharedDoc {
  _id: string;
  type: typeof SHARED_DOC_TYPE;
  version: typeof SHARED_DOC_VERSION;
  article: SharedArticle;
  quotes: SharedQuote[];
  speakers: SpeakerRow[];
  /** Who shared this version (a member's name or desk), when they chose to say. */
  sharedBy?: string;
}

/** The document id of one article version: injective (a content hash has no ":"), so a document
 *  can be checked against its own fields and two versions never share an id. */
export function sharedDocId(canonicalUrl: string, contentHash: string): string {
  return `${ID_PREFIX}${contentHash}:${canonicalUrl}`;
}

/** Characters a sharer's name may not carry: controls, and the marks that change the direction of
 *  the text after them (a name could otherwise make a card's next words read backwards). */
const CONTROLS = '\\u0000-\\u001f\\u007f-\\u009f';
const DIRECTION_MARKS = '\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069';
const NOT_IN_NAME = new RegExp(`[${CONTROLS}${DIRECTION_MARKS}]`, 'u');

/** What is wrong with a sharer's name from outside (a pulled document, an import file), or null
 *  when a card may show it: a trimmed string of 1..MAX_SHARED_BY characters without controls. */
export function sharerProblem(value: unknown): string | null {
  if (typeof value !== 'string') return 'expected a string';
  if (!value || value.length > MAX_SHARED_BY) return `expected 1 to ${MAX_SHARED_BY} characters`;
  if (value !== value.trim()) return 'expected no spaces at either end';
  if (NOT_IN_NAME.test(value)) return 'expected no control or text-direction characters';
  return null;
}

/** The name a user typed, made fit to go out with their documents: direction marks dropped, runs
 *  of space and controls made one space, cut to MAX_SHARED_BY characters (never inside a
 *  character); '' for no name. */
export function sharerName(typed: string): string {
  const clean = typed
    .replace(new RegExp(`[${DIRECTION_MARKS}]`, 'gu'), '')
    .replace(new RegExp(`[\\s${CONTROLS}]+`, 'gu'), ' ')
    .trim();
  let cut = clean.slice(0, MAX_SHARED_BY);
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  return cut.trim();
}

/** The document for one stored article version and its quotes; speakers are those its quotes name.
 *  A version pulled from a team keeps the name it came with; one read here carries `sharedBy`. */
export function makeSharedDoc(article: ArticleRow, quotes: QuoteRow[], speakers: SpeakerRow[], sharedBy?: string): SharedDoc {
  const { id: _id, sharedBy: pulledFrom, ...a } = article;
  const named = new Set(quotes.map((q) => q.speakerKey).filter((k): k is string => !!k));
  const doc: SharedDoc = {
    _id: sharedDocId(article.canonicalUrl, article.contentHash),
    type: SHARED_DOC_TYPE,
    version: SHARED_DOC_VERSION,
    article: a,
    quotes: [...quotes]
      .sort((x, y) => x.start - y.start || x.statement - y.statement)
      .map(({ id: _q, articleId: _a, keys: _k, ...q }) => q),
    speakers: speakers.filter((s) => named.has(s.key)).sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0)),
  };
  const by = sharerName(pulledFrom ?? sharedBy ?? '');
  if (by) doc.sharedBy = by;
  return doc;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A link a card may render: only web addresses, never javascript:, data: or the like. */
function isWebUrl(v: unknown): boolean {
  if (typeof v !== 'string' || v.length > MAX_URL_LENGTH) return false;
  try {
    const u = new URL(v);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}

/** A deleted document as CouchDB replicates it: the article was withdrawn from the share. */
export function isTombstone(doc: unknown): boolean {
  return isRecord(doc) && doc._deleted === true;
}

/** Problems with a pulled document's envelope, each saying where; [] when it may go on to the row
 *  checks of an import (validateExport). Pulled documents are untrusted: anything not checked here
 *  or there must not reach the store. */
export function checkSharedDoc(doc: unknown): string[] {
  if (!isRecord(doc)) return ['document: expected a JSON object'];
  const id = typeof doc._id === 'string' ? doc._id : '(no id)';
  let size: number;
  try {
    size = JSON.stringify(doc).length;
  } catch {
    return [`${id}: not plain JSON`];
  }
  if (size > MAX_DOC_CHARS) return [`${id}: ${size} characters, more than the ${MAX_DOC_CHARS} a shared article may have`];
  const errors: string[] = [];
  if (doc.type !== SHARED_DOC_TYPE) errors.push(`${id}.type: expected "${SHARED_DOC_TYPE}"`);
  if (doc.version !== SHARED_DOC_VERSION) {
    errors.push(
      typeof doc.version === 'number' && doc.version > SHARED_DOC_VERSION
        ? `${id}.version: ${doc.version} is newer than this version of Verbatim reads (${SHARED_DOC_VERSION})`
        : `${id}.version: expected ${SHARED_DOC_VERSION}`,
    );
  }
  const article = doc.article;
  if (!isRecord(article)) errors.push(`${id}.article: expected an object`);
  else {
    if (!isWebUrl(article.canonicalUrl)) errors.push(`${id}.article.canonicalUrl: expected an http(s) address of at most ${MAX_URL_LENGTH} characters`);
    if (!isWebUrl(article.url)) errors.push(`${id}.article.url: expected an http(s) address of at most ${MAX_URL_LENGTH} characters`);
    if (typeof article.canonicalUrl === 'string' && typeof article.contentHash === 'string' && doc._id !== sharedDocId(article.canonicalUrl, article.contentHash)) {
      errors.push(`${id}: the id does not match the article's canonicalUrl and contentHash`);
    }
  }
  if (!Array.isArray(doc.quotes)) errors.push(`${id}.quotes: expected an array`);
  else if (doc.quotes.length > MAX_DOC_QUOTES) errors.push(`${id}.quotes: ${doc.quotes.length} quotes, more than ${MAX_DOC_QUOTES}`);
  if (!Array.isArray(doc.speakers)) errors.push(`${id}.speakers: expected an array`);
  else if (doc.speakers.length > MAX_DOC_SPEAKERS) errors.push(`${id}.speakers: ${doc.speakers.length} speakers, more than ${MAX_DOC_SPEAKERS}`);
  const sharer = doc.sharedBy === undefined ? null : sharerProblem(doc.sharedBy);
  if (sharer) errors.push(`${id}.sharedBy: ${sharer}`);
  return errors;
}

const ARTICLE_FIELDS = ['canonicalUrl', 'url', 'outlet', 'byline', 'title', 'published', 'firstSeen', 'lastSeen', 'contentHash', 'partial'] as const;
const QUOTE_FIELDS = ['text', 'normText', 'kind', 'speakerKey', 'speaker', 'cue', 'statement', 'parts', 'start', 'end', 'groupId', 'seenAt'] as const;
const ANCHOR_FIELDS = ['prefix', 'exact', 'suffix'] as const;
const SPEAKER_FIELDS = ['key', 'name', 'aliases'] as const;

/** The named fields of a pulled object and nothing else: a document's extra fields never reach the
 *  store. A field that is absent stays absent, so the import's checks report it as missing. */
function pick(value: unknown, fields: readonly string[]): Record<string, unknown> | unknown {
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const f of fields) if (Object.prototype.hasOwnProperty.call(value, f)) out[f] = value[f];
  return out;
}

function quoteRow(value: unknown, id: number, articleId: number): unknown {
  if (!isRecord(value)) return value;
  const row = pick(value, QUOTE_FIELDS) as Record<string, unknown>;
  if ('anchor' in value) row.anchor = pick(value.anchor, ANCHOR_FIELDS);
  return { ...row, id, articleId, keys: [] };
}

/** The rows of shared documents as one export file's tables, numbered 1.. in order: the form the
 *  JSON import validates (validateExport) and merges. Only the fields an export carries are kept.
 *  Speakers named in several documents become one row with every alias. Call with documents that
 *  passed checkSharedDoc; rows it did not look into are carried as they are, for the import's
 *  checks to judge. */
export function sharedDocsAsExport(docs: SharedDoc[]): { articles: ArticleRow[]; quotes: QuoteRow[]; speakers: SpeakerRow[] } {
  const articles: unknown[] = [];
  const quotes: unknown[] = [];
  const speakers: unknown[] = [];
  const speakerAt = new Map<string, number>();
  docs.forEach((doc, i) => {
    const articleId = i + 1;
    // Who shared it is the document's word, kept on the version (the article's own fields never carry it).
    const sharer = doc.sharedBy === undefined ? {} : { sharedBy: doc.sharedBy };
    articles.push({ ...(pick(doc.article, ARTICLE_FIELDS) as object), ...sharer, id: articleId });
    for (const q of doc.quotes) quotes.push(quoteRow(q, quotes.length + 1, articleId));
    for (const value of doc.speakers) {
      const s = pick(value, SPEAKER_FIELDS);
      const key = isRecord(s) && typeof s.key === 'string' ? s.key : null;
      const at = key === null ? undefined : speakerAt.get(key);
      const known = at === undefined ? null : (speakers[at] as Record<string, unknown>);
      if (known && isRecord(s) && Array.isArray(known.aliases) && Array.isArray(s.aliases)) {
        const aliases = known.aliases as unknown[];
        speakers[at as number] = { ...known, aliases: [...aliases, ...s.aliases.filter((a) => !aliases.includes(a))] };
        continue;
      }
      if (key !== null && at === undefined) speakerAt.set(key, speakers.length);
      speakers.push(s);
    }
  });
  return { articles, quotes, speakers } as { articles: ArticleRow[]; quotes: QuoteRow[]; speakers: SpeakerRow[] };
}
