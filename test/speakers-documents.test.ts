// Documents as speakers (lib/speakers/documents.ts): a definite description names the document the
// article introduced, a colon heading names its document.
import { describe, it, expect } from 'vitest';
import { definiteDocumentKind, documentAntecedent, documentLead, documentMentions } from '../lib/speakers/documents';
import { cleanDescription } from '../lib/speakers/subject';
import { speakerOf } from './support/speaker-spans';

describe('a definite description of a document names the document the article introduced', () => {
  const table: [string, string, string | null][] = [
    ['"the report" after "an exhaustive study"', 'An exhaustive study being released on Tuesday by a group of researchers shows how companies avoid taxes. Goldman Sachs holds $28.6 billion offshore, and the report says the company “reports having 987 subsidiaries in tax havens.”', 'an exhaustive study'],
    ['"the clip" after "a web video by …"', 'A web video by the Republican National Committee references four cases. The ad also mentions a fifth.\n\nThe clip says Kaine “has a passion for defending the wrong people.”', 'a web video by the Republican National Committee'],
    ['"it" goes on with the document', 'A study by the Tax Policy Center came out on Monday. “Most families would pay more under the plan,” the report says.\n\nIt also points out that “the penalties for hiding income are very light.”', 'a study by the Tax Policy Center'],
    ['no document of its kind introduced: the description stays', 'A web video by the Republican National Committee came out on Monday. “Most families would pay more under the plan,” the report says.', 'the report'],
    ['a verb "report" introduces no document', 'Congress wants a more transparent way to report offshore profits. “Most families would pay more under the plan,” the report says.', 'the report'],
  ];
  it.each(table)('%s', (_rule, text, expected) => {
    expect(speakerOf(text)).toBe(expected);
  });
});

describe('documentMentions and documentAntecedent', () => {
  it('finds introducing mentions with their maker, and only document nouns', () => {
    const t = 'A web video by the Republican National Committee aired. An exhaustive study came out. A senior official spoke. We need a way to report it.';
    expect(documentMentions(t).map((m) => [m.kind, m.text])).toEqual([
      ['video', 'a web video by the Republican National Committee'],
      ['report', 'an exhaustive study'],
    ]);
  });
  it.each([
    ['the report', 'report'], ['this study', 'report'], ['the RNC clip', 'video'], ['the ruling', 'ruling'],
  ])('%s is a document description', (desc, kind) => expect(definiteDocumentKind(desc)).toBe(kind));
  it.each([['the announcer'], ['a report'], ['the president'], ['reporters']])('%s is not a definite document description', (desc) => {
    expect(definiteDocumentKind(desc)).toBeUndefined();
  });
  it('takes the nearest earlier mention of the same kind, never a later one', () => {
    const mentions = documentMentions('A memo came first. A report came next. A study came last.');
    expect(documentAntecedent(mentions, 'the report', 30)?.text).toBe('a report');
    expect(documentAntecedent(mentions, 'the report', 100)?.text).toBe('a study');
    expect(documentAntecedent(mentions, 'the report', 5)).toBeNull();
    expect(documentAntecedent(mentions, 'the letter', 100)).toBeNull();
  });
});

describe('a colon heading names its document as the speaker', () => {
  const table: [string, string, string | null][] = [
    ['heading in its own paragraph', 'Pence said the tweet was only meant to mock her.\n\nPartial transcript as follows:\n\n“WALLACE: Let us start with the breaking news this morning.”', 'partial transcript'],
    ['heading in the sentence', 'The court was asked to rule. The statement in full: “We will not comply with this order at all.”', 'the statement'],
  ];
  it.each(table)('%s', (_rule, text, expected) => {
    expect(speakerOf(text)).toBe(expected);
  });
  it.each([
    ['Partial transcript as follows:', 'partial transcript'], ['The letter reads:', 'the letter'], ['The statement in full:', 'the statement'],
    ['Obama’s letter reads:', 'Obama’s letter'],
  ])('%s is a heading', (lead, np) => expect(documentLead(lead)).toBe(np));
  it.each([['Clinton said:'], ['Here is what happened next:'], ['The senator from Ohio added:']])('%s is no document heading', (lead) => {
    expect(documentLead(lead)).toBeNull();
  });
});

describe('a document noun ends its description before a participle', () => {
  it.each([
    ['the letter released Tuesday by the faculty at Georgetown', 'the letter'],
    ['a memo sent to the board last year', 'a memo'],
    ['the letter writers', 'the letter writers'],
  ])('cleanDescription("%s") is "%s"', (desc, expected) => expect(cleanDescription(desc)).toBe(expected));
  it('as a speaker', () => {
    expect(speakerOf('The letter released Tuesday by the faculty at Georgetown took Mr. Ryan to task for that argument, saying that Catholic teaching calls for government to step in when communities “face problems beyond their means to address.”')).toBe('the letter');
  });
});
