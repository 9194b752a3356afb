import fs from 'node:fs';
import path from 'node:path';
import { describe, it, expect } from 'vitest';
import { basilLabelsFile, loadBasilEvents } from './support/basil';
import { storedKeys, singleKeys, queryKeys, candidateScore, MAX_KEYS, MAX_FULL_KEYS } from '../lib/matching/fingerprint';
import { keyTerms } from '../lib/text/normalize';

/** The widest lookup: every stored key plus a single-term key per content word (queryKeys is a subset). */
const lookupKeys = (text: string) => new Set([...storedKeys(text), ...singleKeys(text)]);
/** A stored quote is found when the new quote's lookup keys meet the stored quote's index keys. */
const found = (stored: string, query: string) => {
  const index = new Set(storedKeys(stored));
  return [...lookupKeys(query)].some((k) => index.has(k));
};
const linked = (a: string, b: string) => found(a, b) && found(b, a);

// Versions of one utterance, as the seed articles print them (test/fixtures/seeds).
const NETANYAHU_AP = 'I told him that I hope we would do this with U.S. support but if necessary – we will do it alone.';
const NETANYAHU_WP =
  'But I also told him there’s no way to defeat Hamas without entering Rafah and eliminating the rest of Hamas’s battalions. I told him we hope we can do it with the support of the U.S., but if needed, we’ll do it by ourselves.';
const NETANYAHU_AFP = 'I told him I hope to do that with the support of the United States, but if we need to, we will do it alone.';
const BLINKEN_A = 'But a major ground operation in Rafah is not, in our judgment, the way to achieve it and we were very clear about that';
const BLINKEN_B = 'However, we believe that a significant ground operation in Rafah is not the way to achieve it, and we made that very clear';
const LONG =
  'Throughout my many years of service to the people of this state, I have always tried to treat people from all viewpoints with respect. No matter how intrusive and partisan our politics can become, that does not excuse my reaction, and I apologize to the student and to everyone I have let down. I have and I will always work to promote a civil public discourse, and I ask the people of this district to judge me on my record of twenty years of service.';

describe('storedKeys: finds every version of an utterance', () => {
  const versions: [string, string, string][] = [
    ['verbatim copy', BLINKEN_A, `“${BLINKEN_A.toUpperCase()}”`],
    ['five-word excerpt of a long quote', 'no way to defeat Hamas', NETANYAHU_WP],
    ['still a lot of work', 'there’s still a lot of work to be done', 'There’s still a lot of work to be done, hard work to be done'],
    ['piece of a split quote against the whole', 'I told him we hope we can do it with the support of the U.S.', NETANYAHU_WP],
    ['rewording', BLINKEN_A, BLINKEN_B],
    ['translation AP / AFP', NETANYAHU_AP, NETANYAHU_AFP],
    ['translation AP / WP', NETANYAHU_AP, NETANYAHU_WP],
    ['translation WP / AFP', NETANYAHU_WP, NETANYAHU_AFP],
    ['short rendering in a lede', 'we’ll do it by ourselves', NETANYAHU_AP],
    ['excerpt deep inside a block quote', 'judge me on my record of twenty years of service', LONG],
  ];
  it.each(versions)('%s', (_name, a, b) => {
    expect(linked(a, b)).toBe(true);
  });

  const unrelated: [string, string][] = [
    ['It risks further isolating Israel around the world and jeopardizing its long-term security and standing.', BLINKEN_A],
    ['Israelis were dehumanized in the most horrific way on Oct. 7', 'But that cannot be a license to dehumanize others.'],
    ['We remain determined as well to pursue a diplomatic path to a just and lasting peace', NETANYAHU_AFP],
  ];
  it.each(unrelated)('no shared key: %s', (a, b) => {
    expect(found(a, b) || found(b, a)).toBe(false);
  });
});

describe('storedKeys: excerpts of a long statement', () => {
  // Five paragraphs of a seed article (our own fixture) stand in for a long block quote.
  const seed = fs.readFileSync(path.resolve(__dirname, 'fixtures/seeds/000_6c1ebe00d0295c43.txt'), 'utf8');
  const block = seed.split('\n').slice(1, 6).join(' ');
  it('is long enough to be thinned', () => {
    expect(keyTerms(block).length * 2).toBeGreaterThan(MAX_FULL_KEYS);
    expect(storedKeys(block).length).toBeLessThanOrEqual(MAX_KEYS);
  });
  it('still finds every five-word excerpt with two key terms', () => {
    const words = block.split(/\s+/);
    const missed: string[] = [];
    let tried = 0;
    for (let i = 0; i + 5 <= words.length; i++) {
      const excerpt = words.slice(i, i + 5).join(' ');
      if (keyTerms(excerpt).length < 2) continue;
      tried++;
      if (!found(block, excerpt)) missed.push(excerpt);
    }
    expect(tried).toBeGreaterThan(100);
    expect(missed).toEqual([]);
  });
});

describe('storedKeys: budget', () => {
  it('keys are short strings, deterministic and free of duplicates', () => {
    const keys = storedKeys(BLINKEN_A);
    expect(keys).toEqual(storedKeys(BLINKEN_A));
    expect(new Set(keys).size).toBe(keys.length);
    for (const k of keys) expect(k.length).toBeLessThanOrEqual(7);
  });
  it('an ordinary quote keeps all its keys; a block quote is winnowed and capped', () => {
    const ordinary = storedKeys(BLINKEN_B);
    expect(ordinary.length).toBeGreaterThan(8);
    expect(ordinary.length).toBeLessThanOrEqual(MAX_FULL_KEYS);
    const block = Array.from({ length: 40 }, (_, i) => `${LONG} Paragraph ${i + 1} continues.`).join(' ');
    const keys = storedKeys(block);
    expect(keys.length).toBeLessThanOrEqual(MAX_KEYS);
    expect(keys.length).toBeGreaterThan(MAX_FULL_KEYS / 2);
  });
  it('text without content words has no keys; one content word has one key', () => {
    expect(storedKeys('')).toEqual([]);
    expect(storedKeys('it is what it is')).toEqual([]);
    expect(storedKeys('delusional')).toHaveLength(1);
  });
  it('candidateScore ranks versions above unrelated quotes and stays in 0..1', () => {
    const same = candidateScore(storedKeys(BLINKEN_A), storedKeys(BLINKEN_B));
    const other = candidateScore(storedKeys(BLINKEN_A), storedKeys(NETANYAHU_AFP));
    expect(same).toBeGreaterThan(other);
    expect(same).toBeLessThanOrEqual(1);
    expect(candidateScore([], ['a'])).toBe(0);
    expect(candidateScore(storedKeys(BLINKEN_A), storedKeys(BLINKEN_A))).toBe(1);
  });
});

// BASIL 2010–2014 development labels (research corpus beside the project, never copied in).
const CORPUS = process.env.VERBATIM_CORPUS ?? path.resolve(__dirname, '../../shared/corpus');
const BASIL_LABELS = basilLabelsFile(CORPUS);
if (!fs.existsSync(BASIL_LABELS)) console.log(`skipped: BASIL candidate recall: ${BASIL_LABELS} not found`);
describe.skipIf(!fs.existsSync(BASIL_LABELS))('storedKeys on BASIL 2010–2014', () => {
  it('finds nearly every labelled same-utterance pair, and few of the others', () => {
    let same = 0, sameFound = 0, different = 0, differentFound = 0;
    for (const { event: ev, quoteText: text } of loadBasilEvents(CORPUS)) {
      for (const p of ev.pairs) {
        const hit = linked(text.get(p.a)!, text.get(p.b)!);
        if (p.label === 'different') {
          different++;
          if (hit) differentFound++;
        } else {
          same++;
          if (hit) sameFound++;
        }
      }
    }
    console.log(`BASIL keys: same ${sameFound}/${same}, different ${differentFound}/${different}`);
    expect(sameFound / same).toBeGreaterThan(0.97);
    // Labelled "different" pairs were picked for sharing words, so many share a key; still not most.
    expect(differentFound / different).toBeLessThan(0.6);
  });
});

describe('queryKeys', () => {
  const LONG = 'We have no way to defeat Hamas without entering Rafah and eliminating the battalions there.';

  it('is the lookup keys without the skip pairs: fewer requests, every adjacent pair and single kept', () => {
    const q = queryKeys(LONG);
    const all = lookupKeys(LONG);
    expect(q.every((k) => all.has(k))).toBe(true);
    expect(q.length).toBeLessThan(all.size);
    expect(queryKeys('')).toEqual([]);
  });

  it('finds a stored excerpt from the long page statement, and the long stored quote from the excerpt', () => {
    const excerpt = 'no way to defeat Hamas';
    expect(queryKeys(LONG).some((k) => storedKeys(excerpt).includes(k))).toBe(true);
    expect(queryKeys(excerpt).some((k) => storedKeys(LONG).includes(k))).toBe(true);
  });

  it('does not find an unrelated stored quote', () => {
    const other = new Set(storedKeys('The weather service expects heavy rain along the coast tomorrow.'));
    expect(queryKeys(LONG).some((k) => other.has(k))).toBe(false);
  });
});
