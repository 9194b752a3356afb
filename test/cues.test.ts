// Speech cues around a quote (lib/speakers/cues.ts): "as X put it", a fronted speech participle, a name
// closed by a dash.
import { describe, it, expect } from 'vitest';
import { findVerbs } from '../lib/speakers/verbs';
import { dashLeadName, frontedParticipleCue } from '../lib/speakers/cues';
import { PageNames } from '../lib/speakers/name-groups';
import { speakerOf } from './support/speaker-spans';

describe('"as X put it" credits X', () => {
  const table: [string, string, string | null][] = [
    ['after the quote', 'The main requirement is a “lawful source of investment income for all,” as a Homeland Security memo put it.', 'a Homeland Security memo'],
    ['before the quote', 'As Ms. Simonyan put it in a statement to my colleague in July, RT is “providing a perspective you won’t get elsewhere.”', 'Simonyan'],
    ['over an appositive', 'As Steven M. Rosenthal, a tax lawyer and senior fellow at the Tax Policy Center, recently put it, “Did Trump lower his taxes legally or not?”', 'Steven M. Rosenthal'],
    ['"as" clause of speech after the quote', 'Mary Smith met the press. The plan is “a total and complete disaster for us,” as Smith said on Monday.', 'Mary Smith'],
  ];
  it.each(table)('%s', (_rule, text, expected) => {
    expect(speakerOf(text)).toBe(expected);
  });
  const none: [string, string][] = [
    ['an "as" clause with no speech', 'They called it “a total and complete disaster for all,” as the crowd cheered.'],
    ['"put it" of an object is no speech', 'He put it on the table and left. “We will win this one for sure,” he said.'],
  ];
  it.each(none)('%s', (_rule, text) => {
    expect(speakerOf(text)).toBeNull();
  });
  it.each([
    ['as a memo put it.', 1], ['as she put it in a statement', 1], ['as he put it bluntly,', 1], ['he put it on the table', 0], ['she put it away', 0],
  ] as const)('findVerbs("%s") finds %i verb', (text, n) => expect(findVerbs(text).length).toBe(n));
});

describe('a speech participle opening the sentence has the subject of the main clause', () => {
  it.each([
    ['Hillary Clinton wrote a book. After saying her right foot was “so swollen I could barely get my shoe on,” she was taken to the hospital.', 'Hillary Clinton'],
    ['Mary Smith spoke on Monday. After saying the plan was “a total and complete disaster for all,” Smith left the room.', 'Mary Smith'],
  ])('%s', (text, expected) => expect(speakerOf(text)).toBe(expected));
  it.each([
    ['After saying the plan was ', ', she left.', 'she'],
    ['After saying the plan was ', ' Smith left the room.', 'Smith'],
  ])('frontedParticipleCue("%s#", "%s") names %s', (left, right, who) => {
    const c = frontedParticipleCue(new PageNames(), left, right, left.length + 1);
    expect(c?.source.type === 'pronoun' ? c.source.word : c?.source.type === 'name' ? c.source.group.nameTokens.join(' ') : null).toBe(who);
  });
  it.each([
    ['After dinner the plan was ', ', she was told.'],
    ['After reading the plan, she found it ', ', others left.'],
    ['After saying the plan was ', ', the crowd left.'],
  ])('no speech participle, its clause closed, or no subject after: frontedParticipleCue("%s#", "%s") is null', (left, right) => {
    expect(frontedParticipleCue(new PageNames(), left, right, left.length + 1)).toBeNull();
  });
});

describe('a full name closed by a dash right before the quote introduces it', () => {
  it.each([
    ['A chorus of prominent Republicans has said the same thing, including the former presidential candidate Mitt Romney -- “It is disqualifying for a modern-day nominee to refuse” -- and others.', 'Mitt Romney'],
  ])('%s', (text, expected) => expect(speakerOf(text)).toBe(expected));
  it.each([
    ['including Mitt Romney -- ', 'Mitt Romney'],
    ['the plan -- ', null], ['including Romney -- ', null], ['they flew to New York -- ', null], ['Mitt Romney said ', null],
  ])('dashLeadName("%s") is %s', (left, expected) => {
    const c = dashLeadName(new PageNames(), left, 0);
    expect(c?.source.type === 'name' ? c.source.group.nameTokens.join(' ') : null).toBe(expected);
  });
});
