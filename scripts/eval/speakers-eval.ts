// Speaker accuracy on the PolNeAR dev quotes labelled by hand (../shared/corpus/polnear-dev-speakers).
// Run: npx tsx scripts/eval/speakers-eval.ts [corpusDir] [--pronouns=speaker|speech|mention|subject] [--errors=N] [--dump]
// (--dump prints every miss with the words around its quote, for reading errors one by one)
//
// Scoring rule (documented, applied to statements with a labelled speaker):
// - a labelled *name* (person or organisation) is matched when the predicted speakerKey equals
//   speakerKey(label): same person across spellings and titles, different people never;
//   a prediction keyed on a surname alone (the article never gives the first name, e.g. "President
//   Obama") matches a label with that surname: the labels use outside knowledge for full names;
// - a labelled *description* is matched when the prediction is a description (not a name) whose head
//   noun (the last word before "of/at/in/for/by/who…", singular, lower case; an "of"/"for" inside a proper
//   name such as "Citizens for Tax Justice" does not cut) equals the label's, or when the
//   prediction's key equals the label's key (a description that names its organisation).
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { QuoteSpan, Attribution } from '../../lib/types';
import { type AttributeOptions, attributeSpeakers } from '../../lib/speakers/attribute';
import { PRONOUN_STRATEGIES } from './pronoun-strategies';
import { speakerKey } from '../../lib/text/names';
import { findQuotes as findQuoteSpans } from '../../lib/quotes/find-quotes';

/** Predicted and labelled spans count as the same quote at this overlap (the lenient span rule). */
const SPAN_OVERLAP = 0.8;

interface LabelQuote {
  start: number;
  end: number;
  kind: 'statement' | 'term' | 'unattributed';
  speaker: string | null;
  speaker_type: 'person' | 'organization' | 'description' | null;
  cue: string | null;
  polnear_source?: string | null;
}

interface LabelArticle {
  file: string;
  quotes: LabelQuote[];
}

export interface SpeakerEvalResult {
  /** Gold spans: share of labelled statements whose speaker is right. */
  accuracy: number;
  /** Gold spans: the same over statements whose labelled speaker is a name. */
  accuracyNamed: number;
  accuracyDescribed: number;
  /** Gold spans, without the surname-only allowance for names. */
  accuracyStrict: number;
  /** Statements whose PolNeAR source mention is "he"/"she": the pronoun-resolution figure. */
  accuracyPronoun: number;
  nPronoun: number;
  n: number;
  nNamed: number;
  nDescribed: number;
  /** End to end (predicted spans matched to labelled ones at ≥0.8 overlap); */
  endToEnd: { accuracy: number; matched: number; n: number } | null;
  msPerArticle: number;
  /** Gold spans, by source kind. */
  kinds: KindTally;
  errors: { gold: string; predicted: string; count: number }[];
}

/** The kinds of source a labelled statement has, as its figures are reported. */
export const SOURCE_KINDS = ['named person', 'organisation', 'description', 'pronoun', 'first person'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** A label's kind: its PolNeAR source mention says pronoun or first person, else its speaker's type does. */
export function sourceKind(gold: Pick<LabelQuote, 'speaker_type' | 'polnear_source'>): SourceKind {
  const mention = (gold.polnear_source ?? '').trim().toLowerCase();
  if (/^(?:i|we|me|us)$/.test(mention)) return 'first person';
  if (/^(?:he|she|they|it|him|her|them)$/.test(mention)) return 'pronoun';
  if (gold.speaker_type === 'organization') return 'organisation';
  if (gold.speaker_type === 'description') return 'description';
  return 'named person';
}

/** Right, wrong and speakerless statements of each source kind. */
export type KindTally = Record<SourceKind, { n: number; right: number; none: number }>;
export function emptyTally(): KindTally {
  return Object.fromEntries(SOURCE_KINDS.map((k) => [k, { n: 0, right: 0, none: 0 }])) as KindTally;
}
export function countKind(t: KindTally, kind: SourceKind, right: boolean, none: boolean): void {
  t[kind].n++;
  if (right) t[kind].right++;
  if (none) t[kind].none++;
}
/** One line per source kind and the no-speaker rate over all. */
export function kindLines(t: KindTally, indent = '  '): string[] {
  const pct = (a: number, b: number) => (b ? ((100 * a) / b).toFixed(1) + ' %' : '   -  ');
  const lines = SOURCE_KINDS.map((k) => `${indent}${k.padEnd(13)} ${pct(t[k].right, t[k].n).padStart(7)}  (n=${t[k].n}, no speaker ${t[k].none})`);
  const n = SOURCE_KINDS.reduce((a, k) => a + t[k].n, 0);
  const none = SOURCE_KINDS.reduce((a, k) => a + t[k].none, 0);
  lines.push(`${indent}no speaker    ${pct(none, n).padStart(7)}  (${none} of ${n})`);
  return lines;
}

export function defaultCorpusDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  return resolve(here, '../../../shared/corpus');
}

/** PolNeAR label offsets count code points; JS strings count UTF-16 units. */
function codePointToUnit(text: string): (cp: number) => number {
  if (!/[\uD800-\uDBFF]/.test(text)) return (cp) => cp;
  const map: number[] = [];
  let unit = 0;
  for (const ch of text) {
    map.push(unit);
    unit += ch.length;
  }
  map.push(unit);
  return (cp) => map[cp] ?? unit;
}

const PREP = /\s(?:of|at|in|for|from|by|with|on|to|who|that|which|where|filed|\()\b.*$/i;
/** "of", "for", "and" between two capitalised words join one proper name ("Citizens for Tax Justice",
 *  "Department of Justice"): the head noun comes after the whole name, not before its inner "for". */
const INNER_NAME_JOINER = /(?<=\p{Lu}[\p{L}.]*)\s(of|for|and|on)\s(?=\p{Lu})/gu;

export function headNoun(description: string): string {
  const words = description.replace(INNER_NAME_JOINER, '_$1_').toLowerCase().replace(PREP, '').replace(/[’']s\b/g, '').replace(/[^\p{L}\s-]/gu, ' ').trim().split(/\s+/);
  const w = words[words.length - 1] ?? '';
  return w.replace(/ies$/, 'y').replace(/(?<!s)s$/, '');
}

export function speakerCorrect(gold: Pick<LabelQuote, 'speaker' | 'speaker_type'>, pred: Attribution, surnameOnly = true): boolean {
  if (!gold.speaker || !pred.speaker) return false;
  if (gold.speaker_type === 'description') {
    if (pred.speakerKey && pred.speakerKey === speakerKey(gold.speaker)) return true;
    return headNoun(pred.speaker) === headNoun(gold.speaker);
  }
  const key = speakerKey(gold.speaker);
  if (!pred.speakerKey) return false;
  if (pred.speakerKey === key) return true;
  if (!surnameOnly) return false;
  // The article gave only a surname ("President Obama"): a surname-only key matches that surname.
  return pred.speakerKey.startsWith(':') && key.endsWith(pred.speakerKey) && key.split(' ').length === 1;
}

function toSpans(text: string, quotes: LabelQuote[]): QuoteSpan[] {
  const conv = codePointToUnit(text);
  return quotes.map((q, i) => {
    const start = conv(q.start);
    const end = conv(q.end);
    return { start, end, text: text.slice(start, end), kind: q.kind === 'term' ? 'term' : 'statement', statement: i };
  });
}

function overlap(a: { start: number; end: number }, b: { start: number; end: number }): number {
  const inter = Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
  return inter / Math.max(a.end - a.start, b.end - b.start, 1);
}

export interface SpeakerEvalOptions {
  /** A name in PRONOUN_STRATEGIES (default 'focus', the product's). */
  pronouns?: string;
  /** Where the report goes (console.log by default); null prints nothing. */
  log?: ((line: string) => void) | null;
  /** How many of the most common errors to print. */
  errors?: number;
  /** Print every miss with the words around its quote. */
  dump?: boolean;
}

/** Characters of article shown on each side of a missed quote by --dump. */
const DUMP_CONTEXT = 240;

/** One miss: the article, the labelled and predicted speakers, and the quote in its context (the quote's
 *  own words cut to its ends so the cue around it stands out). */
function dumpMiss(log: (line: string) => void, file: string, text: string, q: QuoteSpan, gold: LabelQuote, pred: Attribution): void {
  const flat = (x: string) => x.replace(/\s+/g, ' ');
  const inner = q.text.length > 80 ? `${q.text.slice(0, 35)} … ${q.text.slice(-35)}` : q.text;
  log(`- ${file.replace(/^data\/dev\/text\//, '')} [${gold.speaker_type}; PolNeAR source ${gold.polnear_source ?? '-'}]`);
  log(`  gold ${gold.speaker} (${gold.cue ?? '-'})  predicted ${pred.speaker ?? 'null'} (${pred.cue ?? '-'})`);
  log(`  …${flat(text.slice(Math.max(0, q.start - DUMP_CONTEXT), q.start))}⟦${flat(inner)}⟧${flat(text.slice(q.end, q.end + DUMP_CONTEXT))}…`);
}

/** One article end to end: predicted spans matched to the labelled ones, and their speakers. */
function endToEnd(text: string, quotes: LabelQuote[], spans: QuoteSpan[], attrOptions: AttributeOptions): { n: number; matched: number; right: number } {
  const found = findQuoteSpans(text);
  const attrs = attributeSpeakers(text, found, attrOptions);
  const out = { n: 0, matched: 0, right: 0 };
  quotes.forEach((gold, i) => {
    if (gold.kind !== 'statement' || !gold.speaker) return;
    out.n++;
    const g = spans[i];
    let best = -1, bestOv = 0;
    found.forEach((f, j) => {
      const ov = overlap(f, g);
      if (ov > bestOv) { bestOv = ov; best = j; }
    });
    if (best < 0 || bestOv < SPAN_OVERLAP) return;
    out.matched++;
    if (speakerCorrect(gold, attrs[best])) out.right++;
  });
  return out;
}

/** Speaker accuracy on the PolNeAR dev labels; prints its report (see SpeakerEvalOptions.log) and returns the figures. */
export async function evalSpeakers(corpusDir: string = defaultCorpusDir(), options: SpeakerEvalOptions = {}): Promise<SpeakerEvalResult> {
  const log = options.log === undefined ? console.log : options.log;
  const resolver = PRONOUN_STRATEGIES[options.pronouns ?? 'focus'];
  if (!resolver) throw new Error(`unknown pronoun strategy ${options.pronouns}: one of ${Object.keys(PRONOUN_STRATEGIES).join(', ')}`);
  const attrOptions = { pronouns: resolver };
  const labelsPath = join(corpusDir, 'polnear-dev-speakers', 'labels.json');
  if (!existsSync(labelsPath)) {
    log?.(`speakers eval skipped: ${join(corpusDir, 'polnear-dev-speakers')} is absent (research corpus not available).`);
    return { accuracy: 0, accuracyNamed: 0, accuracyDescribed: 0, accuracyStrict: 0, accuracyPronoun: 0, nPronoun: 0, n: 0, nNamed: 0, nDescribed: 0, endToEnd: null, msPerArticle: 0, kinds: emptyTally(), errors: [] };
  }
  const labels = JSON.parse(readFileSync(labelsPath, 'utf8')) as { articles: LabelArticle[] };
  let n = 0, right = 0, nNamed = 0, rightNamed = 0, nDesc = 0, rightDesc = 0;
  let nPron = 0, rightPron = 0, rightStrict = 0;
  let e2eN = 0, e2eMatched = 0, e2eRight = 0;
  let ms = 0;
  // Warm up once: the first call loads the name lexicon, which the timing should not include.
  attributeSpeakers('“One two three four,” he said.', [{ start: 1, end: 19, text: 'One two three four', kind: 'statement', statement: 0 }], attrOptions);
  const errors = new Map<string, number>();
  const kinds = emptyTally();
  for (const article of labels.articles) {
    const text = readFileSync(join(corpusDir, 'polnear', article.file), 'utf8');
    const spans = toSpans(text, article.quotes);
    const t0 = performance.now();
    const predicted = attributeSpeakers(text, spans, attrOptions);
    ms += performance.now() - t0;
    article.quotes.forEach((gold, i) => {
      if (gold.kind !== 'statement' || !gold.speaker) return;
      const ok = speakerCorrect(gold, predicted[i]);
      if (speakerCorrect(gold, predicted[i], false)) rightStrict++;
      n++;
      if (ok) right++;
      if (/^(?:he|she)$/i.test(gold.polnear_source ?? '')) {
        nPron++;
        if (ok) rightPron++;
      }
      if (gold.speaker_type === 'description') {
        nDesc++;
        if (ok) rightDesc++;
      } else {
        nNamed++;
        if (ok) rightNamed++;
      }
      countKind(kinds, sourceKind(gold), ok, !predicted[i].speaker);
      if (!ok) {
        if (options.dump && log) dumpMiss(log, article.file, text, spans[i], gold, predicted[i]);
        const k = `${gold.speaker} (${gold.cue ?? '-'})\t${predicted[i].speaker ?? 'null'} (${predicted[i].cue ?? '-'})`;
        errors.set(k, (errors.get(k) ?? 0) + 1);
      }
    });
    const e = endToEnd(text, article.quotes, spans, attrOptions);
    e2eN += e.n;
    e2eMatched += e.matched;
    e2eRight += e.right;
  }
  const ratio = (a: number, b: number) => (b ? a / b : 0);
  const result: SpeakerEvalResult = {
    accuracy: ratio(right, n),
    accuracyNamed: ratio(rightNamed, nNamed),
    accuracyDescribed: ratio(rightDesc, nDesc),
    accuracyStrict: ratio(rightStrict, n),
    accuracyPronoun: ratio(rightPron, nPron),
    nPronoun: nPron,
    n,
    nNamed,
    nDescribed: nDesc,
    endToEnd: { accuracy: ratio(e2eRight, e2eN), matched: e2eMatched, n: e2eN },
    msPerArticle: ms / labels.articles.length,
    kinds,
    errors: [...errors.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([k, count]) => {
        const [gold, predicted] = k.split('\t');
        return { gold, predicted, count };
      }),
  };
  if (log) printReport(result, options, log);
  return result;
}

function printReport(r: SpeakerEvalResult, options: SpeakerEvalOptions, log: (line: string) => void) {
  const pct = (x: number) => (100 * x).toFixed(1) + ' %';
  log(`PolNeAR dev speakers (pronouns: ${options.pronouns ?? 'focus'}), gold spans, ${r.n} labelled statements`);
  log(`  all        ${pct(r.accuracy)}`);
  log(`  strict     ${pct(r.accuracyStrict)}  (no surname-only allowance)`);
  log(`  named      ${pct(r.accuracyNamed)}  (n=${r.nNamed})`);
  log(`  described  ${pct(r.accuracyDescribed)}  (n=${r.nDescribed})`);
  log(`  he/she     ${pct(r.accuracyPronoun)}  (n=${r.nPronoun}, PolNeAR source is a bare pronoun)`);
  log('  by source kind (gold spans):');
  for (const line of kindLines(r.kinds, '    ')) log(line);
  log(`  time       ${r.msPerArticle.toFixed(2)} ms per article (attribution only)`);
  if (r.endToEnd) {
    log(`  end to end ${pct(r.endToEnd.accuracy)} of ${r.endToEnd.n} (spans matched at ≥${SPAN_OVERLAP}: ${r.endToEnd.matched})`);
  } else log('  end to end skipped: lib/quotes.ts (findQuotes) is not present');
  const shown = options.errors ?? 15;
  if (shown > 0) {
    log('Most common errors (labelled (cue) → predicted (cue)):');
    for (const e of r.errors.slice(0, shown)) log(`  ${e.count}× ${e.gold} → ${e.predicted}`);
  }
}

async function main() {
  const args = process.argv.slice(2);
  const dir = args.find((a) => !a.startsWith('--')) ?? defaultCorpusDir();
  const pronouns = args.find((a) => a.startsWith('--pronouns='))?.split('=')[1] ?? 'focus';
  const errors = Number(args.find((a) => a.startsWith('--errors='))?.split('=')[1] ?? 25);
  await evalSpeakers(dir, { pronouns, errors, dump: args.includes('--dump') });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
