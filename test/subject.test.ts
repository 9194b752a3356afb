// The subject walk before a speech verb (lib/speakers/subject.ts): countries, dates, issued documents,
// titled names.
import { describe, it, expect } from 'vitest';
import { DATE_TAIL, ISSUED_DOCUMENT, placeIsSubject } from '../lib/speakers/subject';
import { findVerbs } from '../lib/speakers/verbs';
import { speakerOf } from './support/speaker-spans';

describe('a country right before its verb speaks', () => {
  it.each([
    ['I hope in 2017 America says, “President Clinton, thank you for a lifetime of service.”', 'America'],
  ])('%s', (text, expected) => expect(speakerOf(text)).toBe(expected));
  it.each([
    ['Trump attacked Clinton for her support of war in Iraq and Libya, saying, “She’s trigger-happy and very unstable.”', 'Donald Trump'],
  ])('a place after a preposition or conjunction is no speaker: %s', (text, expected) => {
    expect(speakerOf('Donald Trump spoke on Monday. ' + text)).toBe(expected);
  });
  it.each([
    ['I hope in 2017', true], ['We hope', true], ['Officials in', false], ['Iraq and', false], ['racial divides in the', false],
  ])('placeIsSubject("%s") is %s', (before, expected) => expect(placeIsSubject(before)).toBe(expected));
});

describe('the subject walk passes over a date and over a verb phrase issuing a document', () => {
  const table: [string, string, string | null][] = [
    ['a date set off after the subject', 'The New Haven Register on July 20, 2006, described him as “a veteran of the Vietnam War in the sixties,” and more.', 'New Haven Register'],
    ['"put out a statement … that claimed"', 'Former GOP candidate Rick Santorum, for example, put out a statement shortly after the remarks that claimed Obama “has consistently fought against the family at every level.”', 'Rick Santorum'],
    ['"recently releasing a report claiming"', 'A coalition of groups called Strengthen Social Security has railed against cuts, recently releasing a report claiming “even the modest COLA is not safe from the cuts.”', 'a coalition of groups'],
  ];
  it.each(table)('%s', (_rule, text, expected) => {
    expect(speakerOf(text)).toBe(expected);
  });
  it.each([
    ['put out a statement shortly after the remarks that', true], ['recently releasing a report', true],
    ['put out the fire that', false], ['read a statement that', false], ['a statement that', false],
  ])('ISSUED_DOCUMENT("%s") is %s', (chunk, expected) => expect(ISSUED_DOCUMENT.test(chunk)).toBe(expected));
  it.each([
    ['The New Haven Register on July 20', 'The New Haven Register'], ['the board on Tuesday', 'the board'], ['the paper in 2006', 'the paper'],
    ['the commission last week', 'the commission'], ['the court of appeals', 'the court of appeals'], ['the group in Ohio', 'the group in Ohio'],
  ])('"%s" without its date is "%s"', (desc, expected) => expect(desc.replace(DATE_TAIL, '')).toBe(expected));
});

describe('a participle before a titled name modifies it; "United States" is no verb', () => {
  it.each([
    ['“Clinton is the only candidate who can keep us safe and strong,” retired Air Force general Lloyd Newton said.', 'Lloyd Newton'],
  ])('%s', (text, expected) => expect(speakerOf(text)).toBe(expected));
  it('a participle before a description still chains a verb phrase', () => {
    expect(speakerOf('Mary Smith, retired from the Senate and the army, said: “We will keep working on this deal together.”')).toBe('Mary Smith');
  });
  it.each([
    ['Security experts in the United States have linked the breach', []],
    ['The report states that', ['states']],
    ['The United States said', ['said']],
  ])('findVerbs("%s") finds %j', (text, verbs) => expect(findVerbs(text).map((v) => v.verb)).toEqual(verbs));
});
