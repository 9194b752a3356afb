// Where a sentence ends: the one rule and the readings of it that quote finding, attribution and the diff view use.
import { describe, it, expect } from 'vitest';
import {
  DIFF_VIEW_SENTENCE_END, GAP_SENTENCE_END, PHRASE_SENTENCE_END, SENTENCE_END, SPEECH_AFTER_SENTENCE_END, SPEECH_BEFORE_SENTENCE_END,
  type SentenceEndRule, sentenceEndsBefore, shortensWord,
} from '../lib/text/sentences';

describe('sentenceEndsBefore', () => {
  // [text before a space, ends a sentence for: SENTENCE_END, GAP, PHRASE, SPEECH_BEFORE, SPEECH_AFTER, DIFF_VIEW]
  const rows: [string, boolean, boolean, boolean, boolean, boolean, boolean][] = [
    ['she said.', true, true, true, true, true, true],
    ['she said.”', true, true, true, false, true, true],
    ['Mr.', false, false, false, false, false, true],
    ['U.S.', false, false, false, false, true, true],
    ['John F.', false, false, true, false, false, true],
    ['in 2020.', true, true, true, false, false, true],
    ['said No?', true, false, false, false, false, true],
    ['a deal;', false, false, true, false, false, false],
    ['a deal,', false, false, false, false, false, false],
    ['so far...', true, false, false, false, true, false],
    ['so far..?', true, false, false, false, true, false],
    ['alone.)', true, true, true, false, true, true],
    ['Rafah, …', false, false, false, false, false, false],
  ];
  const rules: SentenceEndRule[] = [
    SENTENCE_END, GAP_SENTENCE_END, PHRASE_SENTENCE_END, SPEECH_BEFORE_SENTENCE_END, SPEECH_AFTER_SENTENCE_END, DIFF_VIEW_SENTENCE_END,
  ];
  for (const [text, ...expected] of rows) {
    it(`${text} → ${expected.join(' ')}`, () => {
      // The token-reading rules read the text they are given as one token, as their callers pass it.
      const token = text.split(' ').pop()!;
      expect(rules.map((r) => (r.word === 'letters' || r.word === 'alnum' ? sentenceEndsBefore(token, token.length, r) : sentenceEndsBefore(text, text.length, r))))
        .toEqual(expected);
    });
  }
});

describe('shortensWord', () => {
  it('reads an initialism glued to the next word as two paragraphs run together', () => {
    expect(shortensWord('the F.B.I.Director', 9)).toBe(true);
    expect(shortensWord('the F.B.I.Director', 9, true)).toBe(false);
  });
});
