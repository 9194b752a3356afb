// Attribution alone over a hand-written text: quote spans for every “…” and ''…'' (quote finding is not
// under test), and the speaker of the last quote.
import { attributeSpeakers } from '../../lib/speakers/attribute';
import type { QuoteSpan } from '../../lib/types';

/** Quote spans for every “…” and ''…'' in the text (attribution only: quote finding is not under test). */
export function spans(text: string): QuoteSpan[] {
  const out: QuoteSpan[] = [];
  for (const m of text.matchAll(/(?:[“"]([^”"]*)[”"])|(?:''(.*?)'')/g)) {
    const inner = m[1] ?? m[2];
    const start = m.index + (m[1] !== undefined ? 1 : 2);
    const words = inner.split(/\s+/).filter(Boolean).length;
    out.push({ start, end: start + inner.length, text: inner, kind: words >= 4 ? 'statement' : 'term', statement: out.length });
  }
  return out;
}

export function speakerOf(text: string): string | null {
  const qs = spans(text);
  return attributeSpeakers(text, qs).at(-1)?.speaker ?? null;
}
