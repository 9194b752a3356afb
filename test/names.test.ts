import { describe, it, expect } from 'vitest';
import { canonicalName, sameGivenName, speakerKey } from '../lib/text/names';

describe('canonicalName', () => {
  const table: [string, string | null][] = [
    ["Mr. Blinken's", 'Blinken'],
    ['Mr. Blinken’s', 'Blinken'],
    ['Prime Minister Benjamin Netanyahu', 'Benjamin Netanyahu'],
    ['Israeli Prime Minister Benjamin Netanyahu', 'Benjamin Netanyahu'],
    ['Russian Ambassador Vasily Nebenzya', 'Vasily Nebenzya'],
    ['U.S. Secretary of State Antony Blinken', 'Antony Blinken'],
    ['White House spokesperson John Kirby', 'John Kirby'],
    ['resident Mohammed Abu Habib', 'Mohammed Abu Habib'],
    ['army chief Herzi Halevi', 'Herzi Halevi'],
    ['Sen. Elizabeth Warren', 'Elizabeth Warren'],
    ['Dr. Mehmet Oz', 'Mehmet Oz'],
    ['Linda Thomas-Greenfield', 'Linda Thomas-Greenfield'],
    ['Rep. G.K. Butterfield', 'G.K. Butterfield'],
    ['U.N. Secretary General Ban Ki-moon', 'Ban Ki-moon'],
    ['Joseph R. Biden Jr.', 'Joseph R. Biden Jr.'],
    // Not names: nothing capitalised is left once titles go.
    ['the resolution', null],
    ['a senior Israeli military official', null],
    ['Mr.', null],
    ['', null],
  ];
  it.each(table)('%s → %s', (mention, expected) => {
    expect(canonicalName(mention)).toBe(expected);
  });
});

describe('speakerKey: one key per person across spellings', () => {
  const same: [string, string][] = [
    ['Vasily Nebenzya', 'Vasily Nebenzia'],
    ['Volodymyr Zelensky', 'Volodymyr Zelenskyy'],
    ['Volodymyr Zelenskiy', 'Volodymyr Zelensky'],
    ['Mohammed Abu Habib', 'Muhammad Abu Habib'],
    ['Mohammed bin Salman', 'Muhammad bin Salman'],
    ['Antony Blinken', 'U.S. Secretary of State Antony Blinken'],
    ['Antony Blinken', 'Antony Blinken’s'],
    ['Joe Biden', 'Joseph R. Biden Jr.'],
    ['Benjamin Netanyahu', 'Prime Minister Benjamin Netanyahu'],
    ['Sergei Lavrov', 'Sergey Lavrov'],
    ['Khalil Al-Hayya', 'Khalil al-Hayya'],
    ['François Hollande', 'Francois Hollande'],
    ['Volker Türk', 'Volker Turk'],
    ['Dmitry Peskov', 'Dmitri Peskov'],
    ['Bob Goodlatte', 'Robert W. Goodlatte'],
    ['Bill Clinton', 'William J. Clinton'],
    ['Dick Durbin', 'Sen. Richard J. Durbin'],
    ['Ted Kennedy', 'Edward M. Kennedy'],
    ['Russian Ambassador Vasily Nebenzya', 'Vassily Nebenzia'],
    ['J. Biden', 'Joe Biden'],
  ];
  it.each(same)('%s = %s', (a, b) => {
    expect(speakerKey(a)).toBe(speakerKey(b));
  });

  const different: [string, string][] = [
    ['Joe Biden', 'Hunter Biden'],
    ['Linda Thomas-Greenfield', 'Linda Thomas'],
    ['Hillary Clinton', 'Bill Clinton'],
    ['Antony Blinken', 'Benjamin Netanyahu'],
    ['Donald Trump', 'Ivanka Trump'],
    ['Barack Obama', 'Michelle Obama'],
    ['David Perdue', 'David Plouffe'],
    ['Rand Paul', 'Kelly Paul'],
    ['Ali Khamenei', 'Ali Khan'],
    ['Dick Cheney', 'Liz Cheney'],
    ['Mario Cuomo', 'Andrew Cuomo'],
    ['Bill Clinton', 'Hillary Rodham Clinton'],
  ];
  it.each(different)('%s ≠ %s', (a, b) => {
    expect(speakerKey(a)).not.toBe(speakerKey(b));
  });

  it('keys a single name on itself, apart from any full name', () => {
    expect(speakerKey('Blinken')).toBe(speakerKey('Mr. Blinken'));
    expect(speakerKey('Blinken')).not.toBe(speakerKey('Antony Blinken'));
  });

  it('never throws on odd input', () => {
    expect(speakerKey('')).toBe('');
    expect(speakerKey('   ')).toBe('');
    expect(canonicalName(undefined as unknown as string)).toBeNull();
  });
});

describe('sameGivenName: one person’s given names, across familiar forms and initials', () => {
  const same: [string, string][] = [['Bob', 'Robert'], ['Joe', 'Joseph'], ['J.', 'Joseph'], ['Vasily', 'Vassily'], ['José', 'Jose'], ['', 'Rand']];
  const apart: [string, string][] = [['Ron', 'Rand'], ['Mario', 'Andrew'], ['Bill', 'Hillary'], ['Jeb', 'George'], ['R.', 'Joseph']];
  it.each(same)('%s ~ %s', (a, b) => expect(sameGivenName(a, b)).toBe(true));
  it.each(apart)('%s ≁ %s', (a, b) => expect(sameGivenName(a, b)).toBe(false));
});
