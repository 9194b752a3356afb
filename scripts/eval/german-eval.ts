// Direct quotes and their speakers on German news: the test split of the German WikiNews quotation
// attribution dataset (../shared/corpus/german-news-quotes, see its SOURCE.md). Research-only
// licence: read here, never copied into the project.
// Run: npx tsx scripts/eval/german-eval.ts [corpusDir]
//
// Scoring rule (documented):
// - gold quotes are the dataset's Direct quotations (the others are indirect or reported speech,
//   which has no marks to find), each span once; their spans include the marks, which are trimmed off; spans and
//   kinds are scored on those of four or more words (the bar of the PolNeAR and seed figures: a
//   shorter quoted phrase inside the writer's sentence is a term, and the dataset labels many);
// - a predicted span matches a gold one at ≥0.8 overlap (intersection over the longer span, as the
//   PolNeAR figures use), one to one, and exactly when the trimmed spans are equal;
// - precision counts predicted statements (terms are not claimed as anyone's words);
// - a speaker is right when the last word of the predicted speaker occurs among the words of the
//   labelled speaker mention ("Merkel" for "Bundeskanzlerin Angela Merkel", "Sprecher" for "der
//   Sprecher des Ministeriums"); a labelled pronoun ("er", "sie") stands for the nearest labelled
//   speaker mention before it that is not a pronoun (the labels have no coreference chains).
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { extractQuotes } from '../../lib/extract';
import { CORPUS_DIR } from '../paths';
import { type KindTally, countKind, emptyTally, kindLines, kindOfLabel } from './speaker-kinds';

const OVERLAP_MATCH = 0.8;
/** Gold quotes shorter than this are not scored as statements (the seeds' and PolNeAR's bar). */
const MIN_STATEMENT_WORDS = 4;

interface Span { charBegin: number; charEnd: number }
interface Part { spans: Span[]; text: string }
interface Annotation { quote: Part; speaker: Part; cue: Part; type: string; id: number }
interface Article { documentName: string; originalText: string; annotations: Annotation[] }

export interface GermanEvalResult {
  articles: number;
  gold: number;
  /** Gold quotes of four or more words: the statement figures' denominator. */
  goldStatements: number;
  predictedStatements: number;
  predictedTerms: number;
  exact: { precision: number; recall: number; f1: number };
  lenient: { precision: number; recall: number; f1: number };
  /** Matched gold quotes the finder classed as statements. */
  kindRight: number;
  matched: number;
  speakers: { labelled: number; right: number; none: number; pronounLabelled: number; pronounRight: number };
  /** Speakers by source kind (kinds read from the labelled mention). */
  kinds: KindTally;
  misses: string[];
  /** Predicted statements that match no labelled direct quote. */
  extra: string[];
  speakerErrors: string[];
}

const PRONOUNS = new Set(['er', 'sie', 'es', 'ich', 'wir', 'ihr', 'man', 'du', 'ihm', 'ihn', 'ihnen', 'dieser', 'diese']);
const QUOTE_EDGE = /^[\s„“”"»«‚‘’'›‹]+|[\s„“”"»«‚‘’'›‹]+$/gu;

const words = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}\s-]/gu, ' ').split(/\s+/).filter(Boolean);
const overlap = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start)) / Math.max(a.end - a.start, b.end - b.start);
const prf = (tp: number, np: number, ng: number) => {
  const p = np ? tp / np : 1, r = ng ? tp / ng : 1;
  return { precision: p, recall: r, f1: p + r ? (2 * p * r) / (p + r) : 0 };
};

/** The gold quote's span without its marks and edge spaces. */
function trimmed(text: string, a: Annotation): { start: number; end: number } {
  let start = a.quote.spans[0].charBegin;
  let end = a.quote.spans[a.quote.spans.length - 1].charEnd;
  while (start < end && QUOTE_EDGE.test(text[start])) { QUOTE_EDGE.lastIndex = 0; start++; }
  QUOTE_EDGE.lastIndex = 0;
  while (end > start && QUOTE_EDGE.test(text[end - 1])) { QUOTE_EDGE.lastIndex = 0; end--; }
  QUOTE_EDGE.lastIndex = 0;
  return { start, end };
}

/** The labelled speaker mention, a pronoun replaced by the nearest named mention before it. */
function labelledSpeaker(article: Article, a: Annotation): { text: string; pronoun: boolean } | null {
  const s = a.speaker.spans[0];
  if (!s) return null;
  if (!PRONOUNS.has(a.speaker.text.trim().toLowerCase())) return { text: a.speaker.text, pronoun: false };
  let best: { at: number; text: string } | null = null;
  for (const b of article.annotations) {
    const bs = b.speaker.spans[0];
    if (!bs || bs.charEnd > s.charBegin || PRONOUNS.has(b.speaker.text.trim().toLowerCase())) continue;
    if (!best || bs.charBegin > best.at) best = { at: bs.charBegin, text: b.speaker.text };
  }
  return best ? { text: best.text, pronoun: true } : null;
}

export function evalGerman(corpusDir = CORPUS_DIR): GermanEvalResult | null {
  const dir = join(corpusDir, 'german-news-quotes/data/test');
  if (!existsSync(dir)) return null;
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  let gold = 0, goldStatements = 0, predictedStatements = 0, predictedTerms = 0, exactTp = 0, lenientTp = 0, kindRight = 0, matched = 0;
  const speakers = { labelled: 0, right: 0, none: 0, pronounLabelled: 0, pronounRight: 0 };
  const kinds = emptyTally();
  const misses: string[] = [];
  const extra: string[] = [];
  const speakerErrors: string[] = [];
  for (const f of files) {
    const article = JSON.parse(readFileSync(join(dir, f), 'utf8')) as Article;
    const text = article.originalText;
    const predicted = extractQuotes(text);
    for (const p of predicted) if (p.kind === 'statement') predictedStatements++; else predictedTerms++;
    const used = new Set<number>();
    const seen = new Set<string>();
    for (const a of article.annotations) {
      if (a.type !== 'Direct' || a.quote.spans.length === 0) continue;
      // A quote labelled twice (once per speaker mention) is one quote.
      const key = a.quote.spans.map((sp) => `${sp.charBegin}-${sp.charEnd}`).join(' ');
      if (seen.has(key)) continue;
      seen.add(key);
      gold++;
      const g = trimmed(text, a);
      const long = words(text.slice(g.start, g.end)).length >= MIN_STATEMENT_WORDS;
      if (long) goldStatements++;
      let best = -1;
      let bestOverlap = 0;
      predicted.forEach((p, i) => {
        const o = overlap(p, g);
        if (!used.has(i) && o > bestOverlap) { best = i; bestOverlap = o; }
      });
      if (best < 0 || bestOverlap < OVERLAP_MATCH) {
        misses.push(`${f.slice(0, 6)} ${JSON.stringify(text.slice(g.start, g.end).slice(0, 90))}`);
        continue;
      }
      used.add(best);
      const p = predicted[best];
      matched++;
      if (long && p.kind === 'statement') {
        kindRight++;
        lenientTp++;
        if (p.start === g.start && p.end === g.end) exactTp++;
      } else if (long) misses.push(`${f.slice(0, 6)} term: ${JSON.stringify(text.slice(g.start, g.end).slice(0, 90))}`);
      const label = labelledSpeaker(article, a);
      if (!label) continue;
      speakers.labelled++;
      if (label.pronoun) speakers.pronounLabelled++;
      const firstPerson = /^(?:ich|wir)$/i.test(a.speaker.text.trim());
      const last = p.speaker ? words(p.speaker).pop() ?? '' : '';
      const right = !!last && words(label.text).includes(last);
      countKind(kinds, kindOfLabel(label.text, label.pronoun && !firstPerson, firstPerson), right, !p.speaker);
      if (!p.speaker) { speakers.none++; speakerErrors.push(`${label.text} → (none)`); continue; }
      if (right) {
        speakers.right++;
        if (label.pronoun) speakers.pronounRight++;
      } else speakerErrors.push(`${label.text} → ${p.speaker}`);
    }
    predicted.forEach((p, i) => {
      if (p.kind === 'statement' && !used.has(i)) extra.push(`${f.slice(0, 6)} ${JSON.stringify(p.text.slice(0, 90))}`);
    });
  }
  return {
    articles: files.length,
    gold,
    predictedStatements,
    predictedTerms,
    goldStatements,
    exact: prf(exactTp, predictedStatements, goldStatements),
    lenient: prf(lenientTp, predictedStatements, goldStatements),
    kindRight,
    matched,
    speakers,
    kinds,
    misses,
    extra,
    speakerErrors,
  };
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

export function printGerman(corpusDir = CORPUS_DIR, details = 10): void {
  const r = evalGerman(corpusDir);
  if (!r) {
    console.log(`skipped: German news quotes: ${join(corpusDir, 'german-news-quotes')} not found`);
    return;
  }
  const s = r.speakers;
  console.log(`German WikiNews (test split, ${r.articles} articles): ${r.gold} direct quotes, ${r.goldStatements} of ${MIN_STATEMENT_WORDS}+ words; predicted ${r.predictedStatements} statements, ${r.predictedTerms} terms`);
  console.log(`  statements of ${MIN_STATEMENT_WORDS}+ words, spans ≥${OVERLAP_MATCH} overlap: P ${pct(r.lenient.precision)} R ${pct(r.lenient.recall)} F1 ${pct(r.lenient.f1)}; exact: P ${pct(r.exact.precision)} R ${pct(r.exact.recall)} F1 ${pct(r.exact.f1)}`);
  console.log(`  direct quotes found at any kind and length ${r.matched}/${r.gold}; of ${r.goldStatements} of ${MIN_STATEMENT_WORDS}+ words, classed as statements ${r.kindRight}`);
  console.log(`  speakers (through extractQuotes): right ${s.right}/${s.labelled} = ${pct(s.labelled ? s.right / s.labelled : 0)}, none ${s.none} (${pct(s.labelled ? s.none / s.labelled : 0)}); labelled as a pronoun ${s.pronounRight}/${s.pronounLabelled}`);
  console.log('  speakers by source kind (kinds read from the labelled mention):');
  for (const line of kindLines(r.kinds, '    ')) console.log(line);
  if (details > 0) {
    for (const m of r.misses.slice(0, details)) console.log(`  missed: ${m}`);
    for (const m of r.extra.slice(0, details)) console.log(`  unlabelled statement: ${m}`);
    const counts = new Map<string, number>();
    for (const e of r.speakerErrors) counts.set(e, (counts.get(e) ?? 0) + 1);
    const top = [...counts].sort((a, b) => b[1] - a[1]).slice(0, details);
    for (const [e, n] of top) console.log(`  speaker error ${n}×: ${e}`);
  }
}

if (process.argv[1]?.endsWith('german-eval.ts')) printGerman(process.argv[2] ?? CORPUS_DIR, 40);
