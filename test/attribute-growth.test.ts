// Quote finding and attribution stay linear in the article's length whatever its shape, and
// attribution stops at its time budget.
// Times are compared as ratios between two sizes of the same shape (machines are noisy), never as
// absolute figures.
import { describe, it, expect } from 'vitest';
import { extractPage } from '../lib/extract';
import { findQuotes } from '../lib/quotes/find-quotes';
import { attributePage, attributeSpeakers } from '../lib/speakers/attribute';
import { leastCpuMs } from './support/cpu-time';

function fill(size: number, unit: (i: number) => string, head = ''): string {
  let out = head;
  for (let i = 0; out.length < size; i++) out += unit(i);
  return out;
}

/** A different surname for every i ("Kelba", "Kelda", …). */
function surname(i: number): string {
  let s = 'Kel';
  do {
    s += 'bdfgklmnprstvz'[i % 14] + 'aeiou'[Math.floor(i / 14) % 5];
    i = Math.floor(i / 70);
  } while (i > 0);
  return s;
}

const SHAPES: [string, (size: number) => string][] = [
  ['scare quotes in short sentences', (n) => fill(n, () => 'Critics call the plan a “total disaster” and the “worst deal” ever, and its backers a “gang”. ')],
  ['one paragraph of scare quotes with no sentence end', (n) => fill(n, () => 'critics call the plan a “total disaster” and the “worst deal” ever, and its backers a “gang”, ')],
  ['many distinct speakers', (n) => fill(n, (i) => `“We will keep working on this deal,” said Marta ${surname(i)}.\n`)],
  ['many “he said” quotes in one paragraph', (n) => fill(n, () => '“We will keep working on this deal,” he said. ', 'Secretary of State Antony Blinken met reporters on Friday. ')],
  ['many organisations, each referred to by description and acronym', (n) => fill(n, (i) => `The Commission on ${surname(i)} Affairs met. “We will keep working on this deal,” the commission said. “We will keep working on it,” the NRA said. `)],
  ['many people sharing a surname and an initial', (n) => fill(n, (i) => `“We will keep working on this deal,” said R${surname(i).toLowerCase()} Paul.\n`)],
  ['many documents, each referred to as "the report" and "it"', (n) => fill(n, (i) => `A report by the ${surname(i)} Committee came out. “We will keep working on this deal,” the report says. It also says “we are not done with this yet at all.” `)],
  ['a surname named once, then many other people', (n) => fill(n, (i) => `Marta ${surname(i)} arrived. “We will keep working on this deal,” Blinken said. `, 'Antony Blinken met reporters. ')],
];

function attributionMs(text: string): number {
  const quotes = findQuotes(text);
  return leastCpuMs(() => attributeSpeakers(text, quotes), 5);
}

/** Size step and the largest time ratio allowed for it: linear growth gives about SIZE_STEP, quadratic
 *  its square; the bound leaves three times linear for a noisy machine. */
const SIZE_STEP = 8;
const MAX_RATIO = 3 * SIZE_STEP;
/** Small enough to keep the suite quick, large enough that fixed costs do not dominate the small run. */
const BASE_CHARS = 12_000;

describe('attribution time grows linearly with the page', () => {
  attributionMs(SHAPES[0][1](2000)); // loads the word list
  it.each(SHAPES)('%s', (_name, make) => {
    const small = attributionMs(make(BASE_CHARS));
    const large = attributionMs(make(BASE_CHARS * SIZE_STEP));
    expect(large / Math.max(small, 1)).toBeLessThan(MAX_RATIO);
  }, 120_000);
});

/** Quote finding on the same shapes and on pages of marks built to confuse it; quote finding is
 *  some twenty times cheaper than attribution, so its sizes are larger for the same resolution. */
const FIND_SHAPES: [string, (size: number) => string][] = [
  ...SHAPES,
  ['paragraphs of unbalanced marks and apostrophes', (n) => fill(n, () => '“Open ‘it’s ’90s “nested “deeper he said ”x” ” ” \'\' " « ‹ „ \n')],
];
const FIND_BASE_CHARS = 100_000;
/** Quote finding's small run fits in the processor's caches and its large one does not, so linear
 *  shapes read well above the size step: at a step of 8 the ratio reached 19 alone and 36 with the
 *  whole suite running on 2 cores. A step of 16 puts quadratic growth (256) far from that. */
const FIND_SIZE_STEP = 16;
const FIND_MAX_RATIO = 6 * FIND_SIZE_STEP;

function findMs(text: string): number {
  return leastCpuMs(() => findQuotes(text), 5);
}

describe('quote finding time grows linearly with the page', () => {
  it.each(FIND_SHAPES)('%s', (_name, make) => {
    const small = findMs(make(FIND_BASE_CHARS));
    const large = findMs(make(FIND_BASE_CHARS * FIND_SIZE_STEP));
    expect(large / Math.max(small, 1)).toBeLessThan(FIND_MAX_RATIO);
  }, 120_000);
});

describe('attribution stops at its time budget', () => {
  const text = fill(4000, (i) => `“We will keep working on this deal,” said Marta ${surname(i)}.\n`);
  const quotes = findQuotes(text);
  /** A clock that advances one millisecond each time it is read. */
  const ticking = () => {
    let t = 0;
    return () => t++;
  };

  it('gives every quote its speaker when the budget is not reached', () => {
    const page = attributePage(text, quotes, { now: ticking(), budgetMs: 1e9 });
    expect(page.partial).toBe(false);
    expect(page.attributions.every((a) => a.speaker)).toBe(true);
    expect(page.attributions).toEqual(attributeSpeakers(text, quotes));
  });
  it('leaves the quotes after the deadline without a speaker and says the result is partial', () => {
    const page = attributePage(text, quotes, { now: ticking(), budgetMs: 10 });
    expect(page.partial).toBe(true);
    expect(page.attributions).toHaveLength(quotes.length);
    const named = page.attributions.filter((a) => a.speaker).length;
    expect(named).toBeGreaterThan(0);
    expect(named).toBeLessThan(quotes.length);
    // Those attributed before the deadline are the first quotes, with the speakers they get anyway.
    expect(page.attributions.slice(0, named)).toEqual(attributeSpeakers(text, quotes).slice(0, named));
  });
  it('reaches extraction: every quote is found, speakers as far as time allows', () => {
    const page = extractPage(text, { now: ticking(), budgetMs: 10 });
    expect(page.partial).toBe(true);
    expect(page.quotes).toHaveLength(quotes.length);
    expect(extractPage(text).partial).toBe(false);
  });
});
