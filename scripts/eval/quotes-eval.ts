// Quote-span accuracy of findQuotes on PolNeAR (research corpus, read in place, never copied).
//   npx tsx scripts/eval/quotes-eval.ts dev|train|test [--bench] [--show N]
// `corpusDir` is the folder holding polnear/ and polnear-dev-speakers/ (../shared/corpus from the repo).
// dev gold: polnear-dev-speakers/labels.json (spans of >= 4 words, with a kind); the .ann view of dev
// is printed too, to show how the derived gold differs from labels read by hand.
// train/test gold: quoted stretches (>= 4 words) inside PolNeAR's own Content spans, paired with the
// dev labels' mark rules (see polnear-dev-speakers/README.md). It misses quotes no one is credited
// with (titles, slogans, headlines), so precision against it is a floor.
// Spans are compared with whitespace just inside the marks trimmed.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { countWords, findQuotes } from '../../lib/quotes/find-quotes';
import type { QuoteSpan } from '../../lib/types';

/** Lenient match: intersection / max(gold length, predicted length) at least this (issue 3's 0.8). */
export const LENIENT_OVERLAP = 0.8;
/** Spans shorter than this are phrases; the corpora's gold lists only statements this long or longer. */
export const GOLD_MIN_WORDS = 4;

export interface QuoteEvalResult {
  precision: number;
  recall: number;
  f1: number;
  exactP: number;
  exactR: number;
  exactF1: number;
  n: number;
  skipped?: string;
}

export interface Span {
  start: number;
  end: number;
}

interface GoldArticle {
  name: string;
  text: string;
  /** Every gold quote (dev: all kinds). */
  all: Span[];
  /** Gold statements (dev: kind statement or unattributed; train/test: all). */
  statements: Span[];
}

/** Python code-point offsets → JS UTF-16 offsets (identical unless the text has astral characters). */
function codePointMap(text: string): (cp: number) => number {
  let astral = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) { astral = true; break; }
  }
  if (!astral) return (cp) => cp;
  const map: number[] = [];
  let u = 0;
  for (const ch of text) { map.push(u); u += ch.length; }
  map.push(u);
  return (cp) => map[Math.min(cp, map.length - 1)];
}

function resolveCorpus(corpusDir: string): string {
  return resolve(corpusDir);
}

// ---- dev gold ------------------------------------------------------------------------------------

interface DevLabels {
  articles: { file: string; quotes: { start: number; end: number; kind: string }[] }[];
}

export function loadDevGold(corpus: string): GoldArticle[] {
  const labels = JSON.parse(readFileSync(join(corpus, 'polnear-dev-speakers', 'labels.json'), 'utf8')) as DevLabels;
  return labels.articles.map((a) => {
    const text = readFileSync(join(corpus, 'polnear', a.file), 'utf8');
    const map = codePointMap(text);
    // Spaces just inside the marks are not words: spans are compared trimmed on both sides.
    const all = a.quotes.map((q) => ({ ...trimSpan(text, { start: map(q.start), end: map(q.end) }), kind: q.kind }));
    return {
      name: a.file.replace(/^.*\//, '').replace(/\.txt$/, ''),
      text,
      all,
      statements: all.filter((q) => q.kind !== 'term'),
    };
  });
}

// ---- train/test gold from BRAT Content spans ------------------------------------------------------

/** The .ann used for an article: the first annotator id in sorted order (as the dev labels do). */
function chooseAnn(annDir: string, names: string[]): Map<string, string> {
  const files = readdirSync(annDir).filter((f) => f.endsWith('.ann')).sort();
  const chosen = new Map<string, string>();
  const set = new Set(names);
  for (const f of files) {
    const base = f.replace(/_[0-9a-f]{4}\.ann$/, '');
    if (set.has(base) && !chosen.has(base)) chosen.set(base, join(annDir, f));
  }
  return chosen;
}

/** Content fragments (code-point offsets) of a BRAT file, one list per Content annotation. */
export function parseContentSpans(ann: string): Span[][] {
  const out: Span[][] = [];
  for (const line of ann.split('\n')) {
    const m = /^T\d+\tContent ([\d ;]+)\t/.exec(line);
    if (!m) continue;
    const frags = m[1].split(';').map((p) => {
      const [s, e] = p.trim().split(/\s+/).map(Number);
      return { start: s, end: e };
    });
    out.push(frags);
  }
  return out;
}

const DOUBLE_MARKS = new Set(['"', '“', '”', '„', '«', '»']);

interface GoldMark { pos: number; len: number; kind: string; dir: 'open' | 'close' | 'either' }

/** Double quote marks in text[from, to), directions as the dev labels' README defines them. */
function goldMarks(text: string, from: number, to: number): GoldMark[] {
  const marks: GoldMark[] = [];
  for (let i = from; i < to; i++) {
    const ch = text[i];
    let len = 1;
    let kind: string;
    if (ch === "'" && text[i + 1] === "'") {
      len = text[i + 2] === "'" ? 3 : 2;
      kind = 'apos2';
    } else if ((ch === '‘' || ch === '’') && text[i + 1] === ch) {
      len = 2; // ‘‘ ’’ typeset for “ ”
      kind = 'curly';
    } else if (DOUBLE_MARKS.has(ch)) kind = ch === '"' ? 'straight' : 'curly';
    else continue;
    const before = i === 0 ? '\n' : text[i - 1];
    const after = i + len >= text.length ? '\n' : text[i + len];
    const spaceBefore = /\s/.test(before) || /[([{—–-]/.test(before);
    const spaceAfter = /\s/.test(after) || /[.,;:!?)\]}—–-]/.test(after);
    const lineStart = before === '\n';
    let dir: GoldMark['dir'];
    if (ch === '“' || ch === '„' || ch === '«' || (ch === '‘' && len === 2)) dir = after === '\n' || (!spaceBefore && /\s/.test(after)) ? 'close' : 'open';
    else if (ch === '”' || ch === '»' || (ch === '’' && len === 2)) dir = lineStart || (/\s/.test(before) && !spaceAfter) ? 'open' : 'close';
    else dir = spaceBefore && !spaceAfter ? 'open' : !spaceBefore && spaceAfter ? 'close' : 'either';
    if (len === 3) {
      // ''' is a single plus a double mark: the double one is outside.
      marks.push({ pos: dir === 'open' ? i : i + 1, len: 2, kind, dir });
    } else marks.push({ pos: i, len, kind, dir });
    i += len - 1;
  }
  return marks;
}

/** Quoted stretches inside one Content fragment; marks just outside the fragment count. */
function quotedInFragment(text: string, frag: Span): Span[] {
  let from = frag.start;
  let to = frag.end;
  // Annotators sometimes leave the marks out of the Content span: take adjacent marks in.
  while (from > 0 && /["“”„«»']/.test(text[from - 1]) && frag.start - from < 3) from--;
  while (to < text.length && /["“”„«»',.]/.test(text[to]) && to - frag.end < 4) to++;
  const marks = goldMarks(text, from, to);
  const out: Span[] = [];
  let depth = 0;
  let open: GoldMark | null = null;
  for (let k = 0; k < marks.length; k++) {
    const m = marks[k];
    if (depth > 0 && open) {
      // A paragraph break since the opener: continue only if this mark re-opens the next paragraph.
      const between = text.slice(open.pos, m.pos);
      const lastBreak = between.lastIndexOf('\n');
      if (lastBreak >= 0 && depth > 0) {
        const paraStart = text.slice(open.pos + lastBreak, m.pos).trim() === '';
        if (!(paraStart && m.dir !== 'close')) { depth = 0; open = null; }
        else if (m.kind === open.kind) continue;
      }
    }
    if (depth === 0) {
      if (m.dir !== 'close') { depth = 1; open = m; }
      continue;
    }
    if (m.dir === 'open') depth++;
    else {
      depth--;
      if (depth === 0 && open) {
        out.push({ start: open.pos + open.len, end: m.pos });
        open = null;
      }
    }
  }
  return out;
}

export function loadAnnGold(corpus: string, split: 'train' | 'test' | 'dev'): GoldArticle[] {
  const base = join(corpus, 'polnear', 'data', split);
  const names = readdirSync(join(base, 'text')).filter((f) => f.endsWith('.txt')).map((f) => f.slice(0, -4)).sort();
  const anns = chooseAnn(join(base, 'attributions'), names);
  return names.map((name) => {
    const text = readFileSync(join(base, 'text', name + '.txt'), 'utf8');
    const map = codePointMap(text);
    const annPath = anns.get(name);
    const spans: Span[] = [];
    if (annPath) {
      // Content pieces of all attributions, joined where only whitespace and marks lie between: a
      // quote that runs over paragraphs is often annotated as one attribution per paragraph.
      const frags = parseContentSpans(readFileSync(annPath, 'utf8'))
        .flat()
        .map((f) => ({ start: map(f.start), end: map(f.end) }))
        .sort((a, b) => a.start - b.start);
      const merged: Span[] = [];
      for (const f of frags) {
        const last = merged[merged.length - 1];
        if (last && f.start >= last.end && /^[\s"“”'‘’]*$/.test(text.slice(last.end, f.start))) last.end = Math.max(last.end, f.end);
        else merged.push({ ...f });
      }
      for (const f of merged) spans.push(...quotedInFragment(text, f));
    }
    const kept = dedupe(spans.map((s) => trimSpan(text, s)).filter((s) => countWords(text.slice(s.start, s.end)) >= GOLD_MIN_WORDS));
    return { name, text, all: kept, statements: kept };
  });
}

function trimSpan(text: string, s: Span): Span {
  let { start, end } = s;
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return { start, end };
}

function dedupe(spans: Span[]): Span[] {
  const seen = new Set<string>();
  return spans.sort((a, b) => a.start - b.start).filter((s) => {
    const k = s.start + ':' + s.end;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

// ---- matching ------------------------------------------------------------------------------------

export interface Counts { tp: number; tpExact: number; gold: number; pred: number }

/** One-to-one matching of predicted to gold spans: exact, and lenient by overlap ratio. */
export function matchSpans(gold: Span[], pred: Span[]): { tp: number; tpExact: number; unmatchedGold: Span[]; unmatchedPred: Span[] } {
  const pairs: { g: number; p: number; o: number }[] = [];
  for (let g = 0; g < gold.length; g++) {
    for (let p = 0; p < pred.length; p++) {
      const inter = Math.min(gold[g].end, pred[p].end) - Math.max(gold[g].start, pred[p].start);
      if (inter <= 0) continue;
      const o = inter / Math.max(gold[g].end - gold[g].start, pred[p].end - pred[p].start);
      if (o >= LENIENT_OVERLAP) pairs.push({ g, p, o });
    }
  }
  pairs.sort((a, b) => b.o - a.o);
  const gUsed = new Set<number>();
  const pUsed = new Set<number>();
  let tp = 0;
  for (const { g, p } of pairs) {
    if (gUsed.has(g) || pUsed.has(p)) continue;
    gUsed.add(g);
    pUsed.add(p);
    tp++;
  }
  const exactKeys = new Set(gold.map((s) => s.start + ':' + s.end));
  const tpExact = new Set(pred.filter((s) => exactKeys.has(s.start + ':' + s.end)).map((s) => s.start + ':' + s.end)).size;
  return {
    tp,
    tpExact,
    unmatchedGold: gold.filter((_, i) => !gUsed.has(i)),
    unmatchedPred: pred.filter((_, i) => !pUsed.has(i)),
  };
}

function score(c: Counts): Omit<QuoteEvalResult, 'skipped'> {
  const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
  const f = (p: number, r: number) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));
  const precision = ratio(c.tp, c.pred);
  const recall = ratio(c.tp, c.gold);
  const exactP = ratio(c.tpExact, c.pred);
  const exactR = ratio(c.tpExact, c.gold);
  return { precision, recall, f1: f(precision, recall), exactP, exactR, exactF1: f(exactP, exactR), n: c.gold };
}

function predicted(text: string, statementsOnly: boolean): { spans: QuoteSpan[] } {
  const spans = findQuotes(text).filter(
    (q) => countWords(q.text) >= GOLD_MIN_WORDS && (!statementsOnly || q.kind === 'statement'),
  );
  return { spans };
}

export interface DetailedQuoteEval {
  all: QuoteEvalResult;
  statements: QuoteEvalResult;
  errors: { article: string; missed: string[]; extra: string[] }[];
}

function loadGold(corpus: string, split: 'dev' | 'test' | 'train', source: 'labels' | 'ann'): GoldArticle[] {
  return split === 'dev' && source === 'labels' ? loadDevGold(corpus) : loadAnnGold(corpus, split);
}

/** Both views (all quotes, statements >= 4 words) with the unmatched spans for error reading. */
export async function evalQuotesDetailed(
  corpusDir: string,
  split: 'dev' | 'test' | 'train',
  source: 'labels' | 'ann' = 'labels',
): Promise<DetailedQuoteEval> {
  const corpus = resolveCorpus(corpusDir);
  const need = split === 'dev' && source === 'labels'
    ? join(corpus, 'polnear-dev-speakers', 'labels.json')
    : join(corpus, 'polnear', 'data', split);
  if (!existsSync(need)) {
    const skipped = `${need} not found (research corpus absent)`;
    const empty = { precision: 0, recall: 0, f1: 0, exactP: 0, exactR: 0, exactF1: 0, n: 0, skipped };
    return { all: empty, statements: empty, errors: [] };
  }
  const gold = loadGold(corpus, split, source);
  const cAll: Counts = { tp: 0, tpExact: 0, gold: 0, pred: 0 };
  const cSt: Counts = { tp: 0, tpExact: 0, gold: 0, pred: 0 };
  const errors: DetailedQuoteEval['errors'] = [];
  for (const a of gold) {
    const pa = predicted(a.text, false).spans;
    const ps = pa.filter((q) => q.kind === 'statement');
    const mA = matchSpans(a.all, pa);
    const mS = matchSpans(a.statements, ps);
    cAll.tp += mA.tp; cAll.tpExact += mA.tpExact; cAll.gold += a.all.length; cAll.pred += pa.length;
    cSt.tp += mS.tp; cSt.tpExact += mS.tpExact; cSt.gold += a.statements.length; cSt.pred += ps.length;
    if (mA.unmatchedGold.length || mA.unmatchedPred.length) {
      errors.push({
        article: a.name,
        missed: mA.unmatchedGold.map((s) => `${s.start}-${s.end}`),
        extra: mA.unmatchedPred.map((s) => `${s.start}-${s.end}`),
      });
    }
  }
  return { all: score(cAll), statements: score(cSt), errors };
}

/** Statements of >= 4 words: P/R/F1 lenient (>= 0.8 overlap) and exact, on a PolNeAR split. */
export async function evalQuotes(corpusDir: string, split: 'dev' | 'test' | 'train'): Promise<QuoteEvalResult> {
  return (await evalQuotesDetailed(corpusDir, split)).statements;
}

// ---- speed ---------------------------------------------------------------------------------------

/** Milliseconds per article for findQuotes and for compromise's .quotations() on the same texts, in
 *  interleaved rounds (best round of each), so load from other processes hits both alike. */
export async function benchQuotes(corpusDir: string, split: 'dev' | 'test' | 'train' = 'dev', rounds = 3) {
  const dir = join(resolveCorpus(corpusDir), 'polnear', 'data', split, 'text');
  if (!existsSync(dir)) return null;
  const texts = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(join(dir, f), 'utf8'));
  const words = texts.reduce((s, t) => s + countWords(t), 0);
  const nlp = (await import('compromise')).default;
  const compromiseQuotes = (t: string) => nlp(t).quotations().out('array');
  const perArticle = (fn: (t: string) => unknown, repeat: number) => {
    const t0 = performance.now();
    for (let k = 0; k < repeat; k++) for (const t of texts) fn(t);
    return (performance.now() - t0) / (repeat * texts.length);
  };
  perArticle(findQuotes, 2); // warm-up
  perArticle(compromiseQuotes, 1);
  let ours = Infinity;
  let theirs = Infinity;
  for (let r = 0; r < rounds; r++) {
    ours = Math.min(ours, perArticle(findQuotes, 10));
    theirs = Math.min(theirs, perArticle(compromiseQuotes, 1));
  }
  return { articles: texts.length, wordsPerArticle: words / texts.length, oursMs: ours, compromiseMs: theirs, ratio: theirs / ours };
}

// ---- command line --------------------------------------------------------------------------------

const pct = (x: number) => (100 * x).toFixed(1).padStart(5);

async function main(argv: string[]) {
  const split = (argv.find((a) => a === 'dev' || a === 'test' || a === 'train') ?? 'dev') as 'dev' | 'test' | 'train';
  const corpus = process.env.VERBATIM_CORPUS ?? resolve(fileURLToPath(new URL('../../../shared/corpus', import.meta.url)));
  const showIdx = argv.indexOf('--show');
  const show = showIdx >= 0 ? Number(argv[showIdx + 1] ?? 20) : 0;
  const sources: ('labels' | 'ann')[] = split === 'dev' ? ['labels', 'ann'] : ['ann'];
  console.log(`PolNeAR ${split}: quote spans (lenient = overlap >= ${LENIENT_OVERLAP}, one-to-one)`);
  console.log('gold                      view                   n     P     R    F1 | exact P     R    F1');
  for (const source of sources) {
    const r = await evalQuotesDetailed(corpus, split, source);
    if (r.all.skipped) { console.log(`skipped: ${r.all.skipped}`); return; }
    const label = source === 'labels' ? 'dev labels.json' : '.ann Content + marks';
    for (const [view, s] of [['all quotes >=4 words', r.all], ['statements >=4 words', r.statements]] as const) {
      console.log(`${label.padEnd(25)} ${view.padEnd(20)} ${String(s.n).padStart(4)} ${pct(s.precision)} ${pct(s.recall)} ${pct(s.f1)} | ${pct(s.exactP)} ${pct(s.exactR)} ${pct(s.exactF1)}`);
    }
    if (show) {
      for (const e of r.errors.slice(0, show)) console.log(`  ${e.article}: missed ${e.missed.join(' ')} extra ${e.extra.join(' ')}`);
    }
  }
  if (argv.includes('--bench')) {
    const b = await benchQuotes(corpus, 'dev');
    if (b) {
      console.log(`speed on PolNeAR dev (${b.articles} articles, ${b.wordsPerArticle.toFixed(0)} words each on average):`);
      console.log(`  findQuotes ${b.oursMs.toFixed(3)} ms/article (${((b.oursMs * 2000) / b.wordsPerArticle).toFixed(3)} ms per 2,000 words), compromise .quotations() ${b.compromiseMs.toFixed(2)} ms/article, ratio ${b.ratio.toFixed(0)}x`);
    }
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
