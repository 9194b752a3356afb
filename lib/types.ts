// Plain JSON data that crosses messages and the database. No classes, no DOM nodes.

/** A statement is someone's words; a term is a scare quote, title or short phrase (never compared). */
export type QuoteKind = 'statement' | 'term';

/** How one version of a quote relates to another. */
export type Relation = 'verbatim' | 'excerpt' | 'minor' | 'reworded' | 'altered';

/** What a highlight on the page says about a quote, worst news first when several apply. */
export type QuoteStatus = 'new' | 'same' | 'reworded' | 'altered' | 'conflict' | 'term';

/** One quotation as found in an article's text (quotes.ts). */
export interface QuoteSpan {
  /** JS string offsets of the words inside the marks, in the article text. */
  start: number;
  end: number;
  /** articleText.slice(start, end) */
  text: string;
  kind: QuoteKind;
  /** Parts of one statement (a quote split by "he said", a multi-paragraph quote) share this index. */
  statement: number;
}

/** Who said a quote (speakers.ts). */
export interface Attribution {
  /** Display name ("Antony Blinken") or a description ("a senior Israeli military official"). */
  speaker: string | null;
  /** One key per person across outlets and spellings; null when unknown. */
  speakerKey: string | null;
  /** The speech cue that carried the attribution ("said", "told reporters", ":"), if any. */
  cue: string | null;
}

/** A quote with its speaker: the output of extraction for one article. */
export interface ExtractedQuote extends QuoteSpan, Attribution {
  /** Unique within the article: "q1", "q2", ... in text order. */
  id: string;
}

/** What the content script sends for a page: the article as plain text, no DOM. */
export interface PagePayload {
  url: string;
  /** The canonical URL when the page declares one (link rel=canonical / og:url). */
  canonicalUrl: string | null;
  title: string | null;
  /** Site name or byline outlet (og:site_name, publisher), else the host name. */
  outlet: string | null;
  byline: string | null;
  /** ISO date when the page gives one (article:published_time, JSON-LD datePublished, <time>). */
  published: string | null;
  /** Article text: blocks (paragraphs) joined by "\n". Offsets of quotes point into it. */
  text: string;
  /** True when the article looks cut short (paywall): missing quotes are not treated as removed. */
  partial: boolean;
}

/** One word-level diff part (jsdiff's shape). */
export interface DiffPart {
  value: string;
  added?: boolean;
  removed?: boolean;
}

/** How a stretch of a diff view reads. `same`: in both versions; `removed`: only in the reference;
 *  `added`: only in this version; `context`: the longer version's words around the shorter one's
 *  window (extent, not a change); `fold`: words left out of the view. */
export type DiffMark = 'same' | 'removed' | 'added' | 'context' | 'fold';

/** A run of words with one mark. A `fold` segment's text is "…" and `hidden` counts its words. */
export interface DiffSegment {
  text: string;
  mark: DiffMark;
  hidden?: number;
}

/** One line of the side-by-side form: the same stretch of the statement in both versions. */
export interface DiffRow {
  reference: DiffSegment[];
  version: DiffSegment[];
}

/**
 * What a reader sees of one version against a reference (matching/diff-view.ts): `same` when only
 * form differs (quote marks, case, punctuation), `inline` for the version in its window of the
 * longer one with the differing words marked, `columns` for a rewording, aligned line by line.
 */
export interface DiffView {
  layout: 'same' | 'inline' | 'columns';
  /** One line: "3 words changed", "sentence dropped", "number changed: 31,000 → 32,000". */
  summary: string;
  /** `same` and `inline`: the words in reading order. */
  segments: DiffSegment[];
  /** `columns`: reference on the left, this version on the right. */
  rows: DiffRow[];
}

/** One stored version of a quote: its words, who said them, and the article that printed them. */
export interface QuoteVersion {
  /** Id of the version's first part. */
  quoteId: number;
  text: string;
  speaker: string | null;
  speakerKey: string | null;
  outlet: string | null;
  url: string;
  title: string | null;
  published: string | null;
  /** ms since epoch when Verbatim first saw that article. */
  firstSeen: number;
  /** Who shared that article version with the team, when it came from the team's database and said so. */
  sharedBy?: string;
}

/** Another version of a quote seen before, graded against this one. */
export interface Variant extends QuoteVersion {
  relation: Relation;
  /** 0..1, how close the two versions are. */
  score: number;
  /** Word diff from the other version (removed) to this one (added). */
  diff: DiffPart[];
  /** That version as the reader sees it against this page's words (the page is the reference). */
  view: DiffView;
  speakerConflict: boolean;
  /** The earliest version seen of this statement. */
  earliest: boolean;
}

/** A quote on the current page with what Verbatim knows about it. */
export interface PageQuote extends ExtractedQuote {
  status: QuoteStatus;
  variants: Variant[];
}

/** The answer to analysing a page. */
export interface PageResult {
  url: string;
  outlet: string | null;
  title: string | null;
  partial: boolean;
  /** The page's publication date and when Verbatim first saw it, when known: its place in a statement's history. */
  published?: string | null;
  firstSeen?: number;
  quotes: PageQuote[];
}

// ---- Stored rows: what the quote store keeps and the quote log, export and import carry ----

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
  /** Who shared this version, for a version pulled from the team's database whose document said
   *  so (lib/share/shared-doc.ts checks it); absent for versions read in this browser. */
  sharedBy?: string;
}

/** Characters of article text kept on each side of a quote to re-anchor it later: enough to tell
 *  apart repeated quotes, short enough to survive edits nearby. */
export const ANCHOR_CONTEXT = 32;

/** Where a quote sits in its article text: ANCHOR_CONTEXT characters of context either side. */
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


export interface Settings {
  globalPaused: boolean;
  /** Host names (e.g. "www.bbc.com") where Verbatim does not read pages. */
  pausedSites: string[];
}

// ---- The quote log: statement groups ----

/** One article's version of a statement in a group. */
export interface GroupVersion extends QuoteVersion {
  quoteIds: number[];
  articleId: number;
  statement: number;
  kind: QuoteKind;
  seenAt: number;
  /** Relation to the group's earliest version; null for the earliest itself, or when the two are
   *  linked only through another version. */
  relation: Relation | null;
  score: number | null;
  diff: DiffPart[];
  /** This version as the reader sees it against the earliest (the reference); `same` for the earliest. */
  view: DiffView;
  speakerConflict: boolean;
}

export interface QuoteGroup {
  groupId: string;
  /** Versions, earliest first. */
  versions: GroupVersion[];
  earliest: GroupVersion;
  /** ms of the newest version stored. */
  latestSeenAt: number;
}

export interface GroupQuery {
  /** Words in the quote: normalised, matched as a phrase that starts at the start of a word, its last word possibly in part ("budget cu" finds "budget cuts"; "get" does not find "budget"). */
  text?: string;
  /** Speaker key, or part of a displayed name (case-insensitive). */
  speaker?: string;
  /** Part of an outlet name (case-insensitive). */
  outlet?: string;
  /** ms range on when a version was stored. */
  from?: number;
  to?: number;
  /** Only groups with a version in this relation to the earliest. */
  relation?: Relation;
  offset: number;
  limit: number;
}
