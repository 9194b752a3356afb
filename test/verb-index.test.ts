// The page's verb index (lib/speakers/verb-index.ts) answers every stretch of the page exactly as
// reading the stretch word by word does, including the words a stretch's ends cut in two.
import fs from 'node:fs';
import path from 'node:path';
import { describe, it, expect } from 'vitest';
import { findVerbs } from '../lib/speakers/verbs';
import { findVerbsAt, verbIndex } from '../lib/speakers/verb-index';

const SEEDS = path.join(__dirname, 'fixtures/seeds');
const seedText = fs.readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort().slice(0, 6).map((f) => fs.readFileSync(path.join(SEEDS, f), 'utf8')).join('\n');

/** Words a cut can turn into a verb ("unsaid" → "said", "Saidi" → "Said"), capitals, "put it",
 *  "United States", an idiom, masks and letters outside the BMP (a cut between their halves). */
const EDGES = 'He was unsaid about it, Saidi wrote; Told you, as she put it, the United States said, needless to say, ### 𝐀said 𝐁told 😀 says ’said’ -claimed- ';

/** A small deterministic generator, so a failure names a stretch that can be replayed. */
function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

describe('findVerbsAt matches findVerbs on every stretch', () => {
  it.each([
    ['seed articles', seedText],
    ['words cut at either end', EDGES.repeat(40)],
  ])('%s', (_name, text) => {
    const index = verbIndex(text);
    const next = lcg(7);
    for (let run = 0; run < 3000; run++) {
      const from = Math.floor(next() * text.length);
      const to = Math.min(text.length, from + Math.floor(next() * 400));
      const stretch = text.slice(from, to);
      expect(findVerbsAt(index, stretch, from), `${from}..${to}`).toEqual(findVerbs(stretch));
      expect(findVerbsAt(index, stretch, from, 1), `${from}..${to} first`).toEqual(findVerbs(stretch, 1));
    }
  });
  it('finds the verb a cut makes of a longer word, as a reading of the stretch does', () => {
    const text = 'They were unsaid words.';
    const at = text.indexOf('said');
    expect(findVerbsAt(verbIndex(text), text.slice(at), at).map((v) => v.verb)).toEqual(['said']);
    expect(verbIndex(text).starts).toEqual([]);
  });
  it('reads the whole text when it is one stretch', () => {
    expect(findVerbsAt(verbIndex(seedText), seedText, 0)).toEqual(findVerbs(seedText));
  });
});
