// Pure helpers for showing quote statuses: labels, ordering, counts, statement grouping.
// Colours live in CSS (components/*.css, page-highlights.css among them); here only the text that
// goes with them, because a colour is never the only signal. STATUSES is the one status order.
import type { PageQuote, QuoteStatus, Relation } from './types';

/** Every status, worst news first: a changed meaning outranks a speaker conflict, which outranks
 *  rewording. The popup lists its counts in this order and every ranking derives from it. */
export const STATUSES: readonly QuoteStatus[] = ['altered', 'conflict', 'reworded', 'same', 'new', 'term'];

/** Statuses worth the reader's attention: the words or the speaker differ elsewhere. */
export const FLAGGED_STATUSES: readonly QuoteStatus[] = ['altered', 'conflict', 'reworded'];

const STATUS_RANK = new Map(STATUSES.map((s, i) => [s, i]));

const STATUS_LABEL: Record<QuoteStatus, string> = {
  new: 'no earlier version seen',
  same: 'same words elsewhere',
  reworded: 'reworded elsewhere',
  altered: 'meaning altered elsewhere',
  conflict: 'speaker differs elsewhere',
  term: 'term or title',
};

/** A shape per status for the markers and badges, so the status reads without colour. */
export const STATUS_GLYPH: Record<QuoteStatus, string> = {
  new: '•',
  same: '=',
  reworded: '~',
  altered: '!',
  conflict: '?',
  term: '·',
};

/** One-word badge text, for places with no room for the full label. */
const STATUS_SHORT: Record<QuoteStatus, string> = {
  new: 'new',
  same: 'same',
  reworded: 'reworded',
  altered: 'altered',
  conflict: 'conflict',
  term: 'term',
};

const RELATION_LABEL: Record<Relation, string> = {
  verbatim: 'verbatim',
  excerpt: 'excerpt',
  minor: 'minor change',
  reworded: 'reworded',
  altered: 'meaning altered',
};

export function isStatus(value: unknown): value is QuoteStatus {
  return typeof value === 'string' && STATUS_RANK.has(value as QuoteStatus);
}

export function statusLabel(status: QuoteStatus): string {
  return STATUS_LABEL[status] ?? String(status);
}

export function statusShortLabel(status: QuoteStatus): string {
  return STATUS_SHORT[status] ?? String(status);
}

export function relationLabel(relation: Relation): string {
  return RELATION_LABEL[relation] ?? String(relation);
}

export function statusRank(status: QuoteStatus): number {
  return STATUS_RANK.get(status) ?? STATUSES.length;
}

export function isFlagged(status: QuoteStatus): boolean {
  return FLAGGED_STATUSES.includes(status);
}

/** The worse of two statuses (lower rank). */
export function worseStatus(a: QuoteStatus, b: QuoteStatus): QuoteStatus {
  return statusRank(b) < statusRank(a) ? b : a;
}

/** Items sorted worst status first; equal statuses keep their original (text) order. */
export function sortByStatus<T extends { status: QuoteStatus }>(items: readonly T[]): T[] {
  return items
    .map((item, index) => ({ item, index }))
    .sort((x, y) => statusRank(x.item.status) - statusRank(y.item.status) || x.index - y.index)
    .map((x) => x.item);
}

/** One statement on the page: its parts (a quote split by "he said" shares one statement index). */
export interface StatementView {
  /** The id of the first part: markers and the card are keyed by it. */
  id: string;
  status: QuoteStatus;
  speaker: string | null;
  /** The parts' text joined with " … ". */
  text: string;
  parts: PageQuote[];
}

/**
 * Statements in text order, one per statement index, with the worst status of their parts.
 * Terms are not statements and are left out.
 */
export function statementsOf(quotes: readonly PageQuote[]): StatementView[] {
  const byIndex = new Map<number, StatementView>();
  const order: StatementView[] = [];
  for (const q of [...quotes].sort((a, b) => a.start - b.start)) {
    if (q.kind !== 'statement') continue;
    const existing = byIndex.get(q.statement);
    if (existing) {
      existing.parts.push(q);
      existing.status = worseStatus(existing.status, q.status);
      existing.speaker ??= q.speaker;
      existing.text += ` … ${q.text}`;
      continue;
    }
    const view: StatementView = { id: q.id, status: q.status, speaker: q.speaker, text: q.text, parts: [q] };
    byIndex.set(q.statement, view);
    order.push(view);
  }
  return order;
}

export type StatusCounts = Record<QuoteStatus, number>;

/**
 * Counts per status: statements are counted once each (like their markers), terms once per term.
 */
export function countByStatus(quotes: readonly PageQuote[]): StatusCounts {
  const counts: StatusCounts = { new: 0, same: 0, reworded: 0, altered: 0, conflict: 0, term: 0 };
  for (const s of statementsOf(quotes)) counts[s.status] += 1;
  for (const q of quotes) if (q.kind === 'term') counts.term += 1;
  return counts;
}

/** A statement's marker as the page draws it: its button's place in overlay coordinates, or null
 *  where it has none (the quote is far from the view, or not laid out). */
export interface MarkerView {
  id: string;
  status: QuoteStatus;
  speaker: string | null;
  at: { top: number; left: number } | null;
}

/** The marker's accessible name: "Quote by Benjamin Netanyahu: reworded elsewhere". */
export function markerLabel(speaker: string | null, status: QuoteStatus): string {
  return `Quote by ${speaker && speaker.trim() ? speaker.trim() : 'an unknown speaker'}: ${statusLabel(status)}`;
}

/** Relations from furthest to closest: the log shows a group by its most changed version. */
const RELATION_RANK: Record<Relation, number> = { altered: 0, reworded: 1, minor: 2, excerpt: 3, verbatim: 4 };

/** The most changed relation among several (null when none). */
export function worstRelation(relations: readonly (Relation | null | undefined)[]): Relation | null {
  let worst: Relation | null = null;
  for (const r of relations) {
    if (!r || !(r in RELATION_RANK)) continue;
    if (worst === null || RELATION_RANK[r] < RELATION_RANK[worst]) worst = r;
  }
  return worst;
}
