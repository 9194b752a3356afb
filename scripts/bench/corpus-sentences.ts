// Node-only: real news sentences for the lookup benchmark, read from the research corpora beside
// the project (PolNeAR train texts and BASIL bodies). Never copied into the repository.
import fs from 'node:fs';
import path from 'node:path';
import { CORPUS_DIR, CORPUS_MISSING, corpusAvailable } from '../paths';

/** Sentences shorter than this are headlines, datelines and fragments, not quotable statements. */
const MIN_WORDS = 6;
/** Longer "sentences" are usually run-ons from a missed boundary. */
const MAX_WORDS = 70;

function splitSentences(text: string): string[] {
  return text
    .split(/\n+/)
    .flatMap((p) => p.split(/(?<=[.!?][”"’']?)\s+(?=[“"A-Z0-9])/))
    .map((s) => s.trim())
    .filter((s) => {
      const n = s.split(/\s+/).length;
      return n >= MIN_WORDS && n <= MAX_WORDS;
    });
}

/** Distinct sentences in a stable order (file name order), or null with the reason printed. */
export function loadCorpusSentences(): string[] | null {
  if (!corpusAvailable()) {
    console.log(`lookup bench skipped: ${CORPUS_MISSING}`);
    return null;
  }
  const out = new Set<string>();
  const polnear = path.join(CORPUS_DIR, 'polnear/data/train/text');
  for (const f of fs.readdirSync(polnear).sort()) {
    for (const s of splitSentences(fs.readFileSync(path.join(polnear, f), 'utf8'))) out.add(s);
  }
  const basil = path.join(CORPUS_DIR, 'basil/articles');
  if (fs.existsSync(basil)) {
    for (const year of fs.readdirSync(basil).sort()) {
      for (const f of fs.readdirSync(path.join(basil, year)).sort()) {
        const doc = JSON.parse(fs.readFileSync(path.join(basil, year, f), 'utf8')) as { 'body-paragraphs'?: string[][] };
        for (const p of doc['body-paragraphs'] ?? []) for (const s of p) if (s.split(/\s+/).length >= MIN_WORDS && s.split(/\s+/).length <= MAX_WORDS) out.add(s.trim());
      }
    }
  }
  return [...out];
}
