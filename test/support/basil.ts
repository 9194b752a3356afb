// BASIL quote-pair labels with the text of every labelled quote, read from the research corpus beside
// the project (never copied in) by the labels' own text rule, for corpus-gated tests and the
// evaluation scripts. Two label sets: the 2010–2014 development labels (in the corpus folder, for
// tuning) and the 2015–2019 held-out labels (scripts/eval/labels/, offsets and hashes only, read
// only by the evaluation for reporting: never tune on them).
import fs from 'node:fs';
import path from 'node:path';

export type BasilLabel = 'verbatim' | 'excerpt' | 'minor' | 'reworded' | 'altered' | 'different';
export interface BasilQuote { id: string; article: string; start: number; end: number; speaker: string | null }
export interface BasilPair { a: string; b: string; label: BasilLabel; speaker_conflict: boolean }
export interface BasilEvent { triplet: string; articles: Record<string, { file: string; source: string }>; quotes: BasilQuote[]; pairs: BasilPair[] }

export const basilLabelsFile = (corpusDir: string) => path.join(corpusDir, 'basil-labels-2010-2014/labels.json');

/** The BASIL text rule (labels README): paragraphs of stripped sentences. */
export function basilText(file: string): string {
  const d = JSON.parse(fs.readFileSync(file, 'utf8'));
  return (d['body-paragraphs'] as string[][]).map((p) => p.map((s) => s.trim()).join(' ')).join('\n');
}

/** Python str indices are code points; JS slices UTF-16 units. */
export function cpSlice(text: string, start: number, end: number): string {
  return Array.from(text).slice(start, end).join('');
}

/** Every labelled event with its quotes' text by id (the development labels unless `labelsFile` is given). */
export function loadBasilEvents(corpusDir: string, labelsFile = basilLabelsFile(corpusDir)): { event: BasilEvent; quoteText: Map<string, string> }[] {
  const L = JSON.parse(fs.readFileSync(labelsFile, 'utf8')) as { events: BasilEvent[] };
  return L.events.map((event) => {
    const texts = new Map<string, string>();
    for (const [n, a] of Object.entries(event.articles)) texts.set(n, basilText(path.join(corpusDir, 'basil/articles', a.file)));
    return { event, quoteText: new Map(event.quotes.map((q) => [q.id, cpSlice(texts.get(q.article)!, q.start, q.end)])) };
  });
}
