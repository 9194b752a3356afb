// Direct quotes and their speakers on German news (german-news-quotes, test split: research corpus,
// read in place, never copied). A gold quote is found when a predicted span covers 80 % of its words'
// characters; its speaker is right when the predicted speaker and the labelled speaker phrase share
// their last word (the surname, or the head of an organisation's name).
//   npx tsx scripts/eval/german-eval.ts
import fs from 'node:fs';
import path from 'node:path';
import { extractQuotes } from '../../lib/extract';
import { CORPUS_DIR } from '../paths';

interface Span { charBegin: number; charEnd: number }
interface Annotation { type?: string; quote?: { spans: Span[] }; speaker?: { text: string } }

/** Share of a gold span a prediction must cover to count as the same quote. */
const MIN_COVER = 0.8;

const lastWord = (s: string) => (s.match(/[\p{L}-]+/gu) ?? []).pop()?.toLowerCase() ?? '';

export function germanEval(log: (s: string) => void = console.log): void {
  const dir = path.join(CORPUS_DIR, 'german-news-quotes/data/test');
  if (!fs.existsSync(dir)) {
    log(`german: skipped, corpus not found at ${dir}`);
    return;
  }
  let gold = 0;
  let found = 0;
  let withSpeaker = 0;
  let right = 0;
  let none = 0;
  for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.json')).sort()) {
    const doc = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as { originalText: string; annotations: Annotation[] };
    const predicted = extractQuotes(doc.originalText);
    for (const a of doc.annotations) {
      if (a.type !== 'Direct' || !a.quote?.spans.length) continue;
      gold++;
      const gs = a.quote.spans[0].charBegin;
      const ge = a.quote.spans[a.quote.spans.length - 1].charEnd;
      const hit = predicted.find((p) => (Math.min(ge, p.end) - Math.max(gs, p.start)) / Math.max(1, ge - gs - 2) >= MIN_COVER);
      if (!hit) continue;
      found++;
      if (!a.speaker?.text) continue;
      withSpeaker++;
      if (!hit.speaker) none++;
      else if (lastWord(hit.speaker) === lastWord(a.speaker.text)) right++;
    }
  }
  const pct = (n: number, d: number) => `${((100 * n) / Math.max(1, d)).toFixed(1)} %`;
  log(`german: direct quotes found ${found}/${gold} (${pct(found, gold)}); speaker right ${right}/${withSpeaker} (${pct(right, withSpeaker)}), no speaker ${pct(none, withSpeaker)}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) germanEval();
