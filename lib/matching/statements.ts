// A statement is the parts of one quotation (a split quote's pieces) joined in text order: the
// unit that is keyed, matched and graded.
import { PART_JOINER } from './fingerprint';
import type { QuoteKind } from '../types';

/** The parts of one statement joined, as the matcher sees it. */
export interface Statement {
  statement: number;
  kind: QuoteKind;
  text: string;
  speaker: string | null;
  speakerKey: string | null;
  parts: { id?: number; text: string }[];
}

/** Join quote parts by statement index, in text order. */
export function joinStatements<T extends { statement: number; start: number; text: string; kind: QuoteKind; speaker: string | null; speakerKey: string | null; id?: unknown }>(
  quotes: T[],
): Map<number, Statement> {
  const out = new Map<number, Statement>();
  for (const q of [...quotes].sort((a, b) => a.start - b.start)) {
    const s = out.get(q.statement);
    const part = { id: typeof q.id === 'number' ? q.id : undefined, text: q.text };
    if (!s) {
      out.set(q.statement, { statement: q.statement, kind: q.kind, text: q.text, speaker: q.speaker, speakerKey: q.speakerKey, parts: [part] });
    } else {
      s.text = `${s.text}${PART_JOINER}${q.text}`;
      s.parts.push(part);
      if (q.kind === 'statement') s.kind = 'statement';
      if (!s.speakerKey && q.speakerKey) {
        s.speakerKey = q.speakerKey;
        s.speaker = q.speaker;
      }
    }
  }
  return out;
}
