import { describe, it, expect } from 'vitest';
import { isSpeechWord } from '../lib/quotes/speech-words';

describe('isSpeechWord', () => {
  const finds: [string, string][] = [
    ['English', 'said'],
    ['German', 'sagte'],
    ['German subjunctive-free "according to"', 'zufolge'],
    ['French participle', 'déclaré'],
    ['French "according to"', 'selon'],
    ['Arabic "said"', 'قال'],
    ['Arabic "and he said"', 'وقال'],
    ['Arabic "so he said"', 'فقال'],
    ['Arabic "according to" with its preposition', 'بحسب'],
    ['Arabic with a hamza-carrying alef', 'أكد'],
    ['Arabic feminine with tā\' marbūṭa', 'قائلة'],
    ['Hebrew "said"', 'אמר'],
    ['Hebrew "and he said"', 'ואמר'],
    ['Hebrew "when he said"', 'כשאמר'],
    ['Hebrew "according to him"', 'לדבריו'],
  ];
  for (const [name, word] of finds) it(`finds ${name}`, () => expect(isSpeechWord(word)).toBe(true));

  const doesNotFind: [string, string][] = [
    ['an ordinary English word', 'table'],
    ['an English word that is a French form elsewhere', 'dire'],
    ['Arabic "the government"', 'الحكومة'],
    ['Arabic bare conjunction', 'و'],
    ['Hebrew "article" (a prefix-looking letter that is not one)', 'מאמר'],
    ['Hebrew "the government"', 'הממשלה'],
    ['empty', ''],
    ['inherited names', 'constructor'],
    ['inherited names', '__proto__'],
    ['inherited names', 'toString'],
    ['inherited names', 'hasOwnProperty'],
  ];
  for (const [name, word] of doesNotFind) it(`does not find ${name} (${word})`, () => expect(isSpeechWord(word)).toBe(false));
});
