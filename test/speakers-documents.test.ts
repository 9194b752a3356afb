import { describe, it, expect } from 'vitest';
import { attributeSpeakers } from '../lib/speakers/attribute';
import { definiteDocumentKind, documentAntecedent, documentLead, documentMentions } from '../lib/speakers/documents';
import { DATE_TAIL, ISSUED_DOCUMENT, cleanDescription, placeIsSubject } from '../lib/speakers/subject';
import { findVerbs } from '../lib/speakers/verbs';
import { dashLeadName, frontedParticipleCue } from '../lib/speakers/cues';
import { PageNames } from '../lib/speakers/name-groups';
import type { QuoteSpan } from '../lib/types';

/** Quote spans for every “…” and ''…'' in the text (attribution only: quote finding is not under test). */
function spans(text: string): QuoteSpan[] {
  const out: QuoteSpan[] = [];
  for (const m of text.matchAll(/(?:[“"]([^”"]*)[”"])|(?:''(.*?)'')/g)) {
    const inner = m[1] ?? m[2];
    const start = m.index + (m[1] !== undefined ? 1 : 2);
    const words = inner.split(/\s+/).filter(Boolean).length;
    out.push({ start, end: start + inner.length, text: inner, kind: words >= 4 ? 'statement' : 'term', statement: out.length });
  }
  return out;
}

function speakerOf(text: string): string | null {
  const qs = spans(text);
  return attributeSpeakers(text, qs).at(-1)?.speaker ?? null;
}

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
