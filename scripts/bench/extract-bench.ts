// Extraction speed: our quote finder (and the whole extraction with speakers) against
// compromise's .quotations() on the same texts, in the same run. Prints ratios, not verdicts.
import fs from 'node:fs';
import path from 'node:path';
import nlp from 'compromise';
import { findQuotes } from '../../lib/quotes/find-quotes';
import { extractQuotes } from '../../lib/extract';
import { medianMs } from './timing';
import { CORPUS_DIR, CORPUS_MISSING, ROOT, corpusAvailable } from '../paths';

/** The reference article length. */
const ARTICLE_WORDS = 2000;

function devTexts(): string[] {
  const dir = path.join(CORPUS_DIR, 'polnear/data/dev/text');
  return fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
}

/** A real-text article of about ARTICLE_WORDS words: whole paragraphs from real articles, in order. */
function article2000(texts: string[]): string {
  const paras: string[] = [];
  let n = 0;
  for (const t of texts) {
    for (const p of t.split('\n')) {
      if (!p.trim()) continue;
      paras.push(p);
      n += p.split(/\s+/).length;
      if (n >= ARTICLE_WORDS) return paras.join('\n');
    }
  }
  return paras.join('\n');
}

export function benchExtract(log: (s: string) => void = console.log) {
  let texts: string[];
  let source: string;
  if (corpusAvailable()) {
    texts = devTexts();
    source = `PolNeAR dev (${texts.length} articles)`;
  } else {
    const dir = path.join(ROOT, 'test/fixtures/seeds');
    texts = fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
    source = `seeds (${texts.length} articles; ${CORPUS_MISSING})`;
  }
  const art = article2000(texts);
  const words = art.split(/\s+/).length;
  const oursFind = medianMs(() => findQuotes(art), 41, 5);
  const oursAll = medianMs(() => extractQuotes(art), 21, 3);
  const comp = medianMs(() => nlp(art).quotations().out('array'), 7, 1);
  log(`extract: ${words}-word article: findQuotes ${oursFind.toFixed(3)} ms, extractQuotes (with speakers) ${oursAll.toFixed(2)} ms, compromise .quotations() ${comp.toFixed(1)} ms`);
  log(`extract: ratio compromise/findQuotes ${(comp / oursFind).toFixed(0)}x, compromise/extractQuotes ${(comp / oursAll).toFixed(1)}x (target: ≤ 2 ms per article, ≥ 10x)`);
  const wholeFind = medianMs(() => texts.forEach((t) => findQuotes(t)), 7, 1);
  const wholeAll = medianMs(() => texts.forEach((t) => extractQuotes(t)), 5, 1);
  const wholeComp = medianMs(() => texts.forEach((t) => nlp(t).quotations().out('array')), 3, 0);
  log(`extract: ${source}: findQuotes ${wholeFind.toFixed(1)} ms, extractQuotes ${wholeAll.toFixed(1)} ms, compromise ${wholeComp.toFixed(0)} ms → ratios ${(wholeComp / wholeFind).toFixed(0)}x / ${(wholeComp / wholeAll).toFixed(1)}x`);
  return { words, oursFind, oursAll, comp, wholeFind, wholeAll, wholeComp };
}
