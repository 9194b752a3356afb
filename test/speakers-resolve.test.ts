// A cue's source resolved to a speaker (lib/speakers/resolve.ts): "it" for a body, the issuer of a
// statement, gender from the noun before a name.
import { describe, it, expect } from 'vitest';
import { speakerOf } from './support/speaker-spans';

describe('"it" is the body or document that opens the sentence before', () => {
  it.each([
    ['Donald Trump’s campaign is defending his tweets. It’s denouncing what it calls “the single biggest coordinated media attack in history.”', 'Donald Trump’s campaign'],
    ['The commission voted on Friday. It said the rules were “not in line with our policy at all.”', 'the commission'],
  ])('%s', (text, expected) => expect(speakerOf(text)).toBe(expected));
  it.each([
    ['The weather turned cold on Friday. It said nothing about “the single biggest attack in history.”'],
    ['Their tweets were deleted on Friday. It’s denouncing what it calls “the single biggest attack in history.”'],
  ])('no body opens the sentence before: %s', (text) => expect(speakerOf(text)).toBeNull());
});

describe('who issued a statement speaks, and a name in apposition to a description', () => {
  const table: [string, string, string | null][] = [
    ['a statement from a described committee', 'Officials with the Democratic National Committee held a call today. “American women know that Mitt Romney is the wrong choice for them,” a statement from the Democratic committee said.', 'Democratic National Committee'],
    ['a name after the description', '“We are disappointed by the decision of the government,” said the statement from Grimm’s attorney, William McGinley.', 'William McGinley'],
    ['a name after a possessive description', '“We are disappointed by the decision of the government,” said the company’s spokesman, John Smith, on Monday.', 'John Smith'],
    ['an organisation word after a name', 'The Obama campaign ran ads. “Mitt Romney is the wrong choice for all of them,” the Obama campaign said.', 'the Obama campaign'],
  ];
  it.each(table)('%s', (_rule, text, expected) => {
    expect(speakerOf(text)).toBe(expected);
  });
  const kept: [string, string, string][] = [
    ['no name after the comma: the description stays', '“We are disappointed by the decision of the government,” said a spokesman, adding that Paris was next.', 'a spokesman'],
    ['a document that is no statement keeps its description', '“We are disappointed by the decision of the government,” said a report by the committee.', 'a report by the committee'],
  ];
  it.each(kept)('%s', (_rule, text, expected) => {
    expect(speakerOf(text)).toBe(expected);
  });
});

describe('the noun before a name tells the gender that a later pronoun needs', () => {
  const text = (noun: string) => `Press secretary Jesse Lehrich spoke first. “The veto is the right call for this country,” he said. “The president’s rationales do not hold weight at all,” said 9/11 ${noun} Terry Strada. She continued, “Denying us justice is un-American and wrong.”`;
  it('"widow Terry Strada" is a woman', () => expect(speakerOf(text('widow'))).toBe('Terry Strada'));
  it('with no gendered noun the given name decides', () => expect(speakerOf(text('survivor'))).not.toBe('Terry Strada'));
});
