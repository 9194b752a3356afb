import { describe, it, expect } from 'vitest';
import { anchorQuote, anchorQuotes, quoteSelector, MAX_ERROR_RATIO } from '../lib/page/anchor';

const ORIGINAL =
  'Intro paragraph about the visit.\n' +
  'The minister said "we will go into Rafah alone if we must" on Friday.\n' +
  'Later he repeated that "we will go into Rafah alone if we must" to reporters.\n' +
  'A closing paragraph.';

function selectorFor(text: string, needle: string, occurrence = 0) {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = text.indexOf(needle, at + 1);
  const s = quoteSelector(text, at, at + needle.length);
  if (!s) throw new Error('test setup: needle not found');
  return { at, s };
}

describe('quoteSelector', () => {
  it('keeps exact words, context and the offset', () => {
    const { at, s } = selectorFor(ORIGINAL, 'we will go into Rafah');
    expect(s.exact).toBe('we will go into Rafah');
    expect(s.start).toBe(at);
    expect(ORIGINAL.endsWith(s.prefix, at)).toBe(true);
    expect(ORIGINAL.startsWith(s.suffix, at + s.exact.length)).toBe(true);
  });
  it.each([
    [-1, 4],
    [4, 4],
    [5, 2],
    [0, ORIGINAL.length + 1],
    [1.5, 3],
  ])('refuses offsets %s..%s', (start, end) => {
    expect(quoteSelector(ORIGINAL, start, end)).toBeNull();
  });
});

describe('anchorQuote finds the quote again', () => {
  const needle = 'we will go into Rafah alone if we must';
  const { s: first } = selectorFor(ORIGINAL, needle, 0);
  const { s: second } = selectorFor(ORIGINAL, needle, 1);

  const cases: [string, string, typeof first, number][] = [
    ['unchanged text, first occurrence', ORIGINAL, first, ORIGINAL.indexOf(needle)],
    ['unchanged text, second occurrence', ORIGINAL, second, ORIGINAL.lastIndexOf(needle)],
    ['text inserted before (late-loaded paragraph)', 'A new lede paragraph arrived.\n' + ORIGINAL, second, ('A new lede paragraph arrived.\n' + ORIGINAL).lastIndexOf(needle)],
    ['first paragraph removed', ORIGINAL.slice(ORIGINAL.indexOf('\n') + 1), first, ORIGINAL.slice(ORIGINAL.indexOf('\n') + 1).indexOf(needle)],
  ];
  it.each(cases)('%s', (_name, text, selector, expected) => {
    const a = anchorQuote(text, selector);
    expect(a).not.toBeNull();
    expect(a!.start).toBe(expected);
    expect(text.slice(a!.start, a!.end)).toBe(needle);
    expect(a!.score).toBeGreaterThan(0.5);
    expect(a!.score).toBeLessThanOrEqual(1);
  });

  it('finds a slightly edited quote approximately (typo fixed by the page)', () => {
    const edited = ORIGINAL.replace('we will go into Rafah alone if we must" on', 'we will go in to Rafah alone if we must" on');
    const a = anchorQuote(edited, first);
    expect(a).not.toBeNull();
    expect(edited.slice(a!.start, a!.end)).toContain('Rafah alone if we must');
    expect(a!.score).toBeLessThan(1);
  });

  it('unchanged text scores higher than moved text', () => {
    const moved = 'Something new.\n' + ORIGINAL;
    expect(anchorQuote(ORIGINAL, first)!.score).toBeGreaterThan(anchorQuote(moved, first)!.score - 1e-9);
  });
});

describe('anchorQuote gives up when the quote is gone', () => {
  const { s } = selectorFor(ORIGINAL, 'we will go into Rafah alone if we must');
  it.each([
    ['empty text', ''],
    ['quote removed', 'Intro paragraph about the visit.\nA closing paragraph.'],
    ['quote rewritten past the error budget', ORIGINAL.replaceAll('we will go into Rafah alone if we must', 'Israel may enter the city without allies')],
  ])('%s', (_name, text) => {
    expect(anchorQuote(text, s)).toBeNull();
  });
  it('an empty selector anchors nowhere', () => {
    expect(anchorQuote(ORIGINAL, { exact: '', prefix: '', suffix: '', start: 0 })).toBeNull();
  });
  it('the error budget is a share of the quote length', () => {
    expect(MAX_ERROR_RATIO).toBeGreaterThan(0);
    expect(MAX_ERROR_RATIO).toBeLessThan(0.5);
  });
});

describe('anchorQuotes', () => {
  it('anchors each selector independently', () => {
    const a = selectorFor(ORIGINAL, 'Intro paragraph').s;
    const b = selectorFor(ORIGINAL, 'A closing paragraph').s;
    const text = ORIGINAL.replace('Intro paragraph about the visit.\n', '');
    const [ra, rb] = anchorQuotes(text, [a, b]);
    expect(ra).toBeNull();
    expect(text.slice(rb!.start, rb!.end)).toBe('A closing paragraph');
  });
});
