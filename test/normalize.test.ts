import { describe, it, expect } from 'vitest';
import { normalize, normalizeTokens, contentWords, keyTerms, stem, conceptOf } from '../lib/text/normalize';

describe('normalize: differences that never change what was said', () => {
  const same: [string, string][] = [
    ['“We will do it,” he said', '"we will do it" he said'],
    ['It’s not enough.', "it's not enough"],
    ["It's not enough", 'It is not enough'],
    ['we’ll do it by ourselves', 'we will do it by ourselves'],
    ["there's still a lot of work", 'there is still a lot of work'],
    ["We won't, we can't and we don't", 'we will not we can not and we do not'],
    ['We cannot accept it', 'we can not accept it'],
    ['if necessary – we will do it alone', 'if necessary -- we will do it alone'],
    ['if necessary — we will do it alone', 'if necessary, we will do it alone'],
    ['Imagine a child … sometimes', 'imagine a child... sometimes'],
    ['  spaced \n out\ttext ', 'spaced out text'],
    ['the F.B.I. said', 'the FBI said'],
    ['the U.S. support', 'the US support'],
    ['U.S.-led resolution', 'US led resolution'],
    ['THE U.S. WILL ACT', 'the US will act'],
    ['LET US GO', 'let us go'],
    ['our defence policy', 'our defense policy'],
    ['the Labour organisation', 'the labor organization'],
    ['they apologised and realised', 'they apologized and realized'],
    ['the colour of the centre', 'the color of the center'],
    ['colourful behaviour in the neighbourhood', 'colorful behavior in the neighborhood'],
    ['more than 32,000 people', 'more than 32000 people'],
    ['60% of children', '60 percent of children'],
    ['60 per cent of children', '60 percent of children'],
    ['long-term security', 'long term security'],
    ["Israel's security", 'Israel’s security'],
    ["Hamas's battalions", 'Hamas’ battalions'],
  ];
  it.each(same)('%s == %s', (a, b) => {
    expect(normalize(a)).toBe(normalize(b));
  });

  const different: [string, string][] = [
    ['more than 32,000 people', 'more than 31,000 people'],
    ['it is enough', 'it is not enough'],
    ['we will do it', 'we would do it'],
    ['a major operation', 'a significant operation'],
    ['the promise', 'the premise'],
    ['2.3 million', '23 million'],
    ['let us go', 'US go'],
    ['LET US GO', 'let usa go'],
  ];
  it.each(different)('%s != %s', (a, b) => {
    expect(normalize(a)).not.toBe(normalize(b));
  });

  it('keeps bracketed insertions as words and flags them', () => {
    expect(normalize('to play to the [U.S.] voters')).toBe('to play to the usa voters');
    const tokens = normalizeTokens('the (border) fence and [U.S.] voters');
    expect(tokens.filter((t) => t.bracketed).map((t) => t.word)).toEqual(['border', 'usa']);
    expect(tokens.filter((t) => !t.bracketed).map((t) => t.word)).toEqual(['the', 'fence', 'and', 'voters']);
  });

  it('leaves -our words that are not British spellings alone', () => {
    expect(normalize('your hour on tour for four')).toBe('your hour on tour for four');
  });
  it('keeps true -ise words and numbers', () => {
    expect(normalize('a promise to exercise and advise')).toBe('a promise to exercise and advise');
    expect(normalize('1,200 people and 2.3 million')).toBe('1200 people and 2.3 million');
  });

  it('never throws on empty or odd input', () => {
    expect(normalize('')).toBe('');
    expect(normalize('“…” — !!')).toBe('');
    expect(contentWords('')).toEqual([]);
    expect(keyTerms('...')).toEqual([]);
  });
});

describe('contentWords', () => {
  it('drops function words and negations, keeps order, stems lightly', () => {
    expect(contentWords('We have no way to defeat Hamas without entering Rafah')).toEqual([
      'defeat', 'hama', 'enter', 'rafah',
    ]);
  });
  it('maps inflections to one stem and number words to digits', () => {
    expect(stem('operations')).toBe(stem('operation'));
    expect(stem('risks')).toBe(stem('risking'));
    expect(stem('made')).toBe(stem('make'));
    expect(contentWords('three hostages')).toEqual(['3', 'hostag']);
  });
  it('joins names written as phrases', () => {
    expect(contentWords('the support of the United States')).toEqual(contentWords('U.S. support').reverse());
  });
});

describe('concepts: a small general synonym table', () => {
  const synonyms: [string, string][] = [
    ['major', 'significant'],
    ['necessary', 'needed'],
    ['believe', 'judgment'],
    ['jeopardizing', 'endangering'],
  ];
  it.each(synonyms)('%s ~ %s', (a, b) => {
    expect(conceptOf(stem(a))).toBe(conceptOf(stem(b)));
  });
  const unrelated: [string, string][] = [
    ['major', 'minor'],
    ['support', 'oppose'],
    ['increase', 'decrease'],
    ['kill', 'save'],
  ];
  it.each(unrelated)('%s !~ %s', (a, b) => {
    expect(conceptOf(stem(a))).not.toBe(conceptOf(stem(b)));
  });
  it('reads "by ourselves" as "alone" for keys', () => {
    expect(keyTerms('we’ll do it by ourselves')).toEqual(keyTerms('we will do it alone'));
  });
});
