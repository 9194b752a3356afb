// Every word table in lib/text, lib/quotes and lib/speakers, run through the public functions with
// the names an ordinary object inherits: a lookup must never return a prototype's property.
import { describe, it, expect } from 'vitest';
import { extractQuotes } from '../lib/extract';
import { findQuotes } from '../lib/quotes/find-quotes';
import { attributeSpeakers } from '../lib/speakers/attribute';
import { canonicalName, foldSurname, speakerKey } from '../lib/text/names';
import {
  conceptOf, contentConcepts, contentWords, isContentWord, keyTerms, normalize, normalizeTokens, numberValue, phraseLength, stem,
} from '../lib/text/normalize';
import { isAbbreviation } from '../lib/text/sentences';

const INHERITED = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'];
/** The same names as words of running text: plural, possessive, contracted, capitalised. */
const FORMS = INHERITED.flatMap((w) => [w, w.toLowerCase(), `${w}s`, `${w}'s`, `${w}’s`, `${w}n't`, `${w}'ll`, w.charAt(0).toUpperCase() + w.slice(1)]);

describe('word tables return nothing inherited', () => {
  it.each(FORMS)('lib/text functions treat "%s" as an ordinary word', (w) => {
    const lower = w.toLowerCase();
    expect(typeof normalize(w)).toBe('string');
    expect(normalize(`the ${w} works`)).toMatch(/^the .+ works$/);
    for (const t of normalizeTokens(`[${w}] ${w}`)) expect(typeof t.word).toBe('string');
    expect(typeof stem(lower)).toBe('string');
    expect(numberValue(lower)).toBeNull();
    expect(typeof isContentWord(lower)).toBe('boolean');
    expect(typeof conceptOf(lower)).toBe('string');
    expect(phraseLength(lower)).toBe(1);
    for (const x of [...contentWords(w), ...keyTerms(w), ...contentConcepts(w)]) expect(typeof x).toBe('string');
    expect(typeof speakerKey(`John ${w}`)).toBe('string');
    expect(typeof foldSurname(lower)).toBe('string');
    const c = canonicalName(`Mr. ${w}`);
    expect(c === null || typeof c === 'string').toBe(true);
    expect(isAbbreviation(w)).toBe(false);
  });
  it('normalises the words themselves, not what an object inherits', () => {
    expect(normalize('constructor')).toBe('constructor');
    expect(normalize('toString valueOf')).toBe('tostring valueof');
    expect(stem('constructor')).toBe('constructor');
    expect(normalize("constructor's")).toBe('constructor');
    expect(normalize("constructorn't")).toBe('constructor not');
  });
  // "__proto__" is no word to the scanners (underscores are not letters): it has its own test below.
  it.each(FORMS.filter((w) => /^[\p{L}'’]+$/u.test(w)))('quote finding and attribution read "%s" as they read an ordinary noun', (w) => {
    // "engineer" stands in for any ordinary word: the inherited name must be read exactly as it is.
    const text = (x: string) => `Jane Smith met the ${x} team. “The ${x} will fix this problem today,” ${x} said. “We like it,” said ${x}.\n“It is not over,” ${x} said.`;
    const control = 'engineer';
    const quotes = findQuotes(text(w));
    expect(quotes.map((q) => q.kind)).toEqual(findQuotes(text(control)).map((q) => q.kind));
    const got = attributeSpeakers(text(w), quotes).map((a) => a.speaker);
    const want = attributeSpeakers(text(control), findQuotes(text(control))).map((a) => a.speaker?.replace(control, w) ?? null);
    expect(got).toEqual(want);
  });
  it('reads "__proto__" in and around quotes without a prototype speaking', () => {
    const text = 'Jane Smith met us. “The __proto__ will fix this problem today,” __proto__ said. “We like it,” said __proto__.';
    for (const a of attributeSpeakers(text, findQuotes(text))) {
      expect(a.speaker === null || typeof a.speaker === 'string').toBe(true);
      expect(a.cue === null || typeof a.cue === 'string').toBe(true);
    }
  });
  it('extracts a quote holding "constructor" end to end, with its speaker', () => {
    const out = extractQuotes('“The constructor’s plan will not work for this city,” Mayor Jane Smith said on Monday.');
    expect(out).toHaveLength(1);
    expect(out[0].text).toContain('constructor');
    expect(out[0].speaker).toBe('Jane Smith');
    // What the store does next with the quote: its canonical form and index keys.
    expect(normalize(out[0].text)).toContain('constructor');
    expect(keyTerms(out[0].text)).toContain('constructor');
  });
});
