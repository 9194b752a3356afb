// A stored quote row from a found (or imported) quote: the fields a quote brings, the ones the
// store derives from its text, and where it stands (article, statement group, keys, time).
import { normalize } from '../text/normalize';
import type { QuoteAnchor, QuoteKind, QuoteRow } from '../types';

/** The fields of a quote that its row keeps as they are. */
export interface QuoteFields {
  text: string;
  kind: QuoteKind;
  speakerKey: string | null;
  speaker: string | null;
  cue: string | null;
  statement: number;
  start: number;
  end: number;
}

/** Where the row stands in the store. */
export interface QuotePlace {
  articleId: number;
  parts: number;
  anchor: QuoteAnchor;
  keys: string[];
  groupId: string;
  seenAt: number;
}

export function quoteRow(q: QuoteFields, at: QuotePlace): QuoteRow {
  return {
    articleId: at.articleId,
    text: q.text,
    normText: normalize(q.text),
    kind: q.kind,
    speakerKey: q.speakerKey,
    speaker: q.speaker,
    cue: q.cue,
    statement: q.statement,
    parts: at.parts,
    start: q.start,
    end: q.end,
    anchor: at.anchor,
    keys: at.keys,
    groupId: at.groupId,
    seenAt: at.seenAt,
  };
}
