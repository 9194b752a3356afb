import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractQuotes } from '../lib/extract';
import { speakerKey } from '../lib/text/names';
import nlp from 'compromise';

/** Issue 3 asks for ≥10× compromise (npm run bench reports it); the test asks for 3×, best of several
 *  runs, so a loaded shared machine does not make it flaky while a slow regression still fails it. */
const SPEED_RATIO = 3;

const SEEDS = join(__dirname, 'fixtures', 'seeds');
const EXPECTED = join(SEEDS, 'expected.json');
/** Issue 3's bar: every statement of this many words or more is found with its exact span and speaker. */
const MIN_WORDS = 4;

interface ExpectedQuote {
  text: string;
  start: number;
  end: number;
  kind: 'statement' | 'term';
  speaker: string | null;
  statement: number;
  alt?: string[];
}

const expected: { articles: { file: string; quotes: ExpectedQuote[] }[] } | null = existsSync(EXPECTED)
  ? JSON.parse(readFileSync(EXPECTED, 'utf8'))
  : null;
if (!expected) console.log(`extract seeds test skipped: ${EXPECTED} is absent`);

/** The expected speaker, or one of the other descriptions the labels accept for an unnamed source. */
function sameSpeaker(expected: { speaker: string | null; alt?: string[] }, speaker: string | null, key: string | null): boolean {
  if (!expected.speaker) return speaker === null;
  return [expected.speaker, ...(expected.alt ?? [])].some((name) =>
    key ? key === speakerKey(name) : (speaker ?? '').toLowerCase() === name.toLowerCase(),
  );
}

describe.skipIf(!expected)('extractQuotes on the seed articles', () => {
  for (const article of expected?.articles ?? []) {
    const text = readFileSync(join(SEEDS, article.file), 'utf8');
    const found = extractQuotes(text);
    const statements = article.quotes.filter((q) => q.kind === 'statement' && q.text.split(/\s+/).filter(Boolean).length >= MIN_WORDS);
    it.each(statements.map((q) => [q.text.slice(0, 60), q] as const))(`${article.file}: %s`, (_label, q) => {
      const hit = found.find((f) => f.start === q.start && f.end === q.end);
      expect(hit, 'span found exactly').toBeDefined();
      expect(sameSpeaker(q, hit!.speaker, hit!.speakerKey), `speaker ${hit!.speaker} for expected ${q.speaker}`).toBe(true);
    });
  }
});

describe('extractQuotes', () => {
  it('numbers quotes q1, q2, … in text order and carries speakers', () => {
    const text = 'Russian Ambassador Vasily Nebenzya spoke.\n“The American product is exceedingly politicized,” he said. Later, Ms. Linda Thomas-Greenfield said: “Russia has the audacity to throw stones.”';
    const qs = extractQuotes(text);
    expect(qs.map((q) => q.id)).toEqual(qs.map((_, i) => `q${i + 1}`));
    expect(qs.map((q) => q.start)).toEqual([...qs.map((q) => q.start)].sort((a, b) => a - b));
    expect(qs.map((q) => q.speaker)).toEqual(['Vasily Nebenzya', 'Linda Thomas-Greenfield']);
    for (const q of qs) expect(text.slice(q.start, q.end)).toBe(q.text);
  });

  it('returns [] for text without quotes or no text', () => {
    expect(extractQuotes('No quotations here at all.')).toEqual([]);
    expect(extractQuotes('')).toEqual([]);
    expect(extractQuotes(undefined as unknown as string)).toEqual([]);
  });

  it('extracts a 2,000-word article many times faster than compromise parses it', () => {
    const para = 'Secretary of State Antony Blinken met Prime Minister Benjamin Netanyahu in Tel Aviv on Friday. “We believe a major ground operation is not the way to achieve it,” he said, adding that Israel faces growing isolation. Netanyahu told reporters that “we will do it alone if we must.”\n';
    const text = para.repeat(Math.ceil(2000 / para.split(/\s+/).length));
    extractQuotes(text); // warm the lexicon
    nlp(text);
    // Interleaved, best of several: the test machine is shared, a ratio survives its load better than a bound in ms.
    let ours = Infinity;
    let theirs = Infinity;
    for (let i = 0; i < 7; i++) {
      let t0 = performance.now();
      extractQuotes(text);
      ours = Math.min(ours, performance.now() - t0);
      t0 = performance.now();
      nlp(text).quotations();
      theirs = Math.min(theirs, performance.now() - t0);
    }
    expect(ours * SPEED_RATIO).toBeLessThan(theirs);
  });
});
