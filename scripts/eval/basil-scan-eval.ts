// The whole product on BASIL events, as a reader would meet them: each event's three articles are
// read in order into a fresh store (`npm run scan`'s pipeline: quote finding, attribution, lookup,
// grading), and the variants it reports are compared with the hand-labelled pairs. Unlike the
// pairwise figures (variants-eval.ts), nothing is given: the quote spans and speakers are the
// product's own. The article texts are written to a temporary folder and deleted after.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { scanFiles, type ScanQuote } from '../scan-core';
import { basilText, loadBasilEvents, type BasilQuote } from '../../test/support/basil';

/** A product quote stands for a labelled quote when it covers at least this share of it: a quote
 *  split at "he said" covers each labelled part whole; a span cut at a nested mark covers part. */
export const MIN_COVER = 0.5;

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

/** UTF-16 offset of code point `cp` in `text` (labels count code points, JS strings UTF-16 units). */
function utf16At(text: string, cp: number): number {
  let i = 0;
  for (let n = 0; n < cp && i < text.length; n++) i += text.codePointAt(i)! > 0xffff ? 2 : 1;
  return i;
}

export interface BasilScanResult {
  quotes: number;
  quotesFound: number;
  pairs: number;
  pairsLinked: number;
  relationRight: number;
  variants: number;
  judged: number;
  falseLinks: number;
  unjudged: number;
}

export async function evalBasilScan(
  corpusDir: string,
  labelsFile: string,
  name: string,
  log: (s: string) => void = console.log,
): Promise<BasilScanResult> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'verbatim-basil-'));
  const res: BasilScanResult = { quotes: 0, quotesFound: 0, pairs: 0, pairsLinked: 0, relationRight: 0, variants: 0, judged: 0, falseLinks: 0, unjudged: 0 };
  const confusion = new Map<string, number>();
  const misses: string[] = [];
  const falses: string[] = [];
  try {
    for (const { event } of loadBasilEvents(corpusDir, labelsFile)) {
      const nums = Object.keys(event.articles).sort();
      const texts = new Map<string, string>();
      const files = nums.map((n) => {
        const text = basilText(path.join(corpusDir, 'basil/articles', event.articles[n].file));
        texts.set(n, text);
        const f = path.join(tmp, `${event.triplet.slice(0, 8)}-${n}.txt`);
        fs.writeFileSync(f, text);
        return f;
      });
      const out = await scanFiles(files);
      // Labelled quote → the product quotes standing for it; product quote id → labelled quote id.
      const goldOf = new Map<string, string>();
      const found = new Set<string>();
      const byArticle = new Map<string, BasilQuote[]>();
      for (const q of event.quotes) byArticle.set(q.article, [...(byArticle.get(q.article) ?? []), q]);
      for (const [i, n] of nums.entries()) {
        const text = texts.get(n)!;
        const gold = (byArticle.get(n) ?? []).map((q) => ({ q, s: utf16At(text, q.start), e: utf16At(text, q.end) }));
        for (const pq of out.articles[i]?.quotes ?? ([] as ScanQuote[])) {
          let best: { id: string; cover: number } | null = null;
          for (const g of gold) {
            const overlap = Math.min(g.e, pq.end) - Math.max(g.s, pq.start);
            if (overlap <= 0) continue;
            const cover = overlap / Math.max(1, g.e - g.s);
            if (cover >= MIN_COVER && (!best || cover > best.cover)) best = { id: g.q.id, cover };
          }
          if (best) {
            goldOf.set(pq.id, best.id);
            if (pq.kind === 'statement') found.add(best.id);
          }
        }
      }
      res.quotes += event.quotes.length;
      res.quotesFound += found.size;
      const labelOf = new Map(event.pairs.map((p) => [[p.a, p.b].sort().join('|'), p.label]));
      // Linked labelled pairs (and the closest relation the product gave them).
      const linked = new Map<string, string>();
      for (const v of out.variants) {
        res.variants++;
        const a = goldOf.get(v.a), b = goldOf.get(v.b);
        if (!a || !b) {
          res.unjudged++;
          continue;
        }
        if (a === b) continue; // two parts of one labelled quote
        res.judged++;
        const key = [a, b].sort().join('|');
        const label = labelOf.get(key) ?? 'different';
        if (label === 'different') {
          res.falseLinks++;
          if (falses.length < 40) falses.push(`${key} ${v.relation} (${v.score})`);
        } else if (!linked.has(key) || v.relation === label) linked.set(key, v.relation);
      }
      for (const p of event.pairs) {
        if (p.label === 'different') continue;
        res.pairs++;
        const key = [p.a, p.b].sort().join('|');
        const got = linked.get(key);
        confusion.set(`${p.label}|${got ?? 'none'}`, (confusion.get(`${p.label}|${got ?? 'none'}`) ?? 0) + 1);
        if (got) {
          res.pairsLinked++;
          if (got === p.label) res.relationRight++;
        } else if (misses.length < 60) misses.push(`${key} ${p.label}${found.has(p.a) && found.has(p.b) ? '' : ' (a quote not found)'}`);
      }
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const precision = res.judged ? 1 - res.falseLinks / res.judged : 1;
  const recall = res.pairs ? res.pairsLinked / res.pairs : 1;
  log(`${name}, whole pipeline (scan in article order): labelled quotes found as statements ${res.quotesFound}/${res.quotes} = ${pct(res.quotesFound / Math.max(1, res.quotes))}`);
  log(
    `${name}, whole pipeline: same-utterance pairs linked ${res.pairsLinked}/${res.pairs} = ${pct(recall)}, relation as labelled ${res.relationRight}/${res.pairsLinked}; ` +
      `links between labelled quotes ${res.judged}, of them different utterances ${res.falseLinks} (precision ${pct(precision)}); ` +
      `${res.unjudged} of ${res.variants} links touch a quote the labels do not have (under 4 words, or not between double marks)`,
  );
  const labels = ['verbatim', 'excerpt', 'minor', 'reworded', 'altered'];
  const preds = [...labels, 'none'];
  log(`${'gold\\scan'.padEnd(10)}${preds.map((p) => p.padStart(9)).join('')}`);
  for (const g of labels) log(`${g.padEnd(10)}${preds.map((p) => String(confusion.get(`${g}|${p}`) ?? 0).padStart(9)).join('')}`);
  if (process.env.VARIANTS_ERRORS) {
    for (const m of misses) log(`   missed ${m}`);
    for (const f of falses) log(`   false  ${f}`);
  }
  return res;
}
