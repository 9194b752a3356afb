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

/** Another version of a quote seen before, graded against this one. */
export interface Variant {
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
  relation: Relation;
  /** 0..1, how close the two versions are. */
  score: number;
  /** Word diff from the other version (removed) to this one (added). */
  diff: DiffPart[];
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
  quotes: PageQuote[];
}
