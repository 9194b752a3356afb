import { describe, it, expect } from 'vitest';
import { extractQuotes } from '../lib/extract';
import { attributeSpeakers } from '../lib/speakers/attribute';
import { plausibleDescription } from '../lib/speakers/resolve';
import type { QuoteSpan } from '../lib/types';

/** Quote spans for every “…” in the text (a stand-in for quote finding, so these tests test attribution only). */
function spans(text: string): QuoteSpan[] {
  const out: QuoteSpan[] = [];
  const re = /[“"]([^”"]*)[”"]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const words = m[1].split(/\s+/).filter(Boolean).length;
    out.push({ start: m.index + 1, end: m.index + 1 + m[1].length, text: m[1], kind: words >= 4 ? 'statement' : 'term', statement: out.length });
  }
  return out;
}

function speakerOf(text: string, quoteIndex = -1): string | null {
  const qs = spans(text);
  const a = attributeSpeakers(text, qs);
  return a[quoteIndex < 0 ? qs.length + quoteIndex : quoteIndex]?.speaker ?? null;
}

const INTRO = 'U.S. Secretary of State Antony Blinken met Israeli Prime Minister Benjamin Netanyahu on Friday.\n';

describe('attributeSpeakers: cues name the speaker', () => {
  const table: [string, string, string | null][] = [
    ['X said after', INTRO + '“We will keep working on this deal,” Blinken said.', 'Antony Blinken'],
    ['said X after', INTRO + '“We will keep working on this deal,” said Blinken.', 'Antony Blinken'],
    ['X told reporters', INTRO + '“We will keep working on this deal,” Mr. Blinken told reporters.', 'Antony Blinken'],
    ['according to X', INTRO + 'According to Netanyahu, in a statement after meeting Blinken, “I told him we will do it alone.”', 'Benjamin Netanyahu'],
    ['X said in a statement', INTRO + '“We will go into Rafah if we must,” Netanyahu said in a statement.', 'Benjamin Netanyahu'],
    ['X declared that', INTRO + 'Netanyahu defiantly declared that “we’ll do it by ourselves if we have to.”', 'Benjamin Netanyahu'],
    ['colon lead', 'Calling the measure hypocritical, Russian Ambassador Vasily Nebenzya told members: “If you do this, you will cover yourselves in disgrace.”', 'Vasily Nebenzya'],
    ['X added', INTRO + '“And that is the hardest part of it,” Blinken added.', 'Antony Blinken'],
    ['X wrote', 'Senator Elizabeth Warren wrote: “The bank has broken the law many times over.”', 'Elizabeth Warren'],
    ['X charged that', 'Vasily Nebenzya charged that the U.S. wording was an effort to “sell a product to the voters at home.”', 'Vasily Nebenzya'],
    ['X acknowledged that', INTRO + 'Blinken, who also met Arab leaders, acknowledged that “there’s still a lot of work to be done.”', 'Antony Blinken'],
    ['dash byline', '“He speaks for people like me and my family.” ― Maria Lopez', 'Maria Lopez'],
    ['inverted with role word', '“Suddenly rockets fell on children and women,” said resident Mohammed Abu Habib.', 'Mohammed Abu Habib'],
    ['title stripped', '“It would be a disaster for everyone,” said White House spokesperson John Kirby.', 'John Kirby'],
    ['appositive with age', 'Emad, 55, a father of six sheltering in Rafah, said the greatest fear was a ground assault: “We have our backs to the fence.”', 'Emad'],
    ['appositive role after name', 'Kerr Putney, the Charlotte-Mecklenburg police chief, said the video did not give “absolute definitive visual evidence of a gun.”', 'Kerr Putney'],
    ['cited as saying', 'The agency cited Palestinian Civil Defence as saying the army “refused to allow crews to reach the injured.”', 'Palestinian Civil Defence'],
  ];
  it.each(table)('%s', (_rule, text, expected) => {
    expect(speakerOf(text)).toBe(expected);
  });
});

describe('attributeSpeakers: subjects among appositives and clauses', () => {
  const table: [string, string, string | null][] = [
    ['name with appositive after the quote', '“I think all candidates should release their returns,” Douglas Holtz-Eakin, an economist and tax expert, told me this week.', 'Douglas Holtz-Eakin'],
    ['honorific and age after the quote', 'Larry King hosts a show on RT.\n“I have never been edited or had a show of mine not run,” Mr. King, 82, told me.', 'Larry King'],
    ['party label between name and verb', '“This is a disgusting day for the whole country,” said Rep. G.K. Butterfield (D-N.C.), head of the caucus.', 'G.K. Butterfield'],
    ['home town and relative clause', 'Donna Sampson Rawlings, 59, of Ashton, Md., who watched the ceremony, said it brought back “all the people who were not here.”', 'Donna Sampson Rawlings'],
    ['chained verb phrase', 'Donald Trump, her Republican opponent, bemoaned the unrest and said drugs were “a very, very big factor in this.”', 'Donald Trump'],
    ['subordinate clause is not the speaker', 'A Clinton ad questioned Obama. As a phone rang, the announcer said, “It’s 3 a.m. and your children are safe and asleep.”', 'the announcer'],
    ['relative clause with its own subject', 'The military denied it, a claim which army chief Herzi Halevi has said is “very important for pressuring the negotiations.”', 'Herzi Halevi'],
    ['adverbial between subject and verb', 'Democratic nominee Hillary Clinton, at a later press gaggle, said, “I’ve been briefed about the bombings in New York.”', 'Hillary Clinton'],
    ['participle between subject and verb', 'President Obama, dedicating the museum on Saturday, said it would tell a story of “suffering and delight, one of fear, but also of hope.”', 'Obama'],
    ['a headline verb is no part of a name', 'Obama Says Museum Will Tell of ‘Suffering and Delight.’\n\nPresident Obama, dedicating the museum on Saturday, said it would tell a story of “suffering and delight, one of fear, but also of hope.”', 'Obama'],
    ['no speech verb: the person acting on the words', 'In an August speech, Donald Trump attacked “the hateful ideology of radical Islam and its oppression of women.”', 'Donald Trump'],
    ['a quote alone after its speaker’s sentence', 'Hillary Clinton restricted her comments about big banks to the realm of hypothetical scenarios. “If any bank can’t be managed effectively, it should be broken up.”', 'Hillary Clinton'],
    ['a gerund’s subject opens the clause, not a place in it', 'Hillary Clinton told the debate audience that we must push policies for racial divides in the United States, saying that “race still determines too much” in America.', 'Hillary Clinton'],
    ['a long appositive with a place in it', '“Having people like Larry King work for them helps them achieve their objective,” Michael McFaul, a senior fellow at the Hoover Institution and a former United States ambassador to Russia, said of RT.', 'Michael McFaul'],
    ['inverted verb: the writer, not the outlet he writes for', '“The impact of Monday’s debate is still small,” wrote Cameron Easley for Morning Consult.', 'Cameron Easley'],
    ['according to an outlet, a named person said', 'According to Yahoo News, Clinton spokesman Jesse Lehrich said Friday that “she would sign this legislation if it came to her desk.”', 'Jesse Lehrich'],
    ['absolute construction with a gerund', 'Warnings grew, with a UN panel of independent experts saying children were “starving to death in the north now.”', 'a UN panel of independent experts'],
    ['possessive is a modifier, not the speaker', 'Keith Lamont Scott was killed on Tuesday.\nScott’s family has called on police to release the videos “as a matter of the greater good.”', 'Scott’s family'],
    ['appositive ending in another name', '“Instead of reassuring Americans, he lectured them,” said Dog Andres, a spokesman for House Speaker Paul Ryan.', 'Dog Andres'],
    ['speaker over the outlet relaying him', 'Peter Welch will back Sanders.\n“I will be voting for him on the first of March,” Welch said, according to Vermont Edition.', 'Peter Welch'],
    ['object of "told" is not the speaker', 'Donald Trump spoke in Wilmington.\nTrump told a North Carolina rally, saying Clinton would “abolish the Second Amendment right away.”', 'Donald Trump'],
    ['a lead ending in a comma introduces its quote', 'Earlier, Ambassador John F. Tefft wrote to Mrs. Clinton about the visit, “It was a great success for everyone involved.” Mrs. Clinton replied the next day.', 'John F. Tefft'],
    ['"As X noted"', 'As Andrew J. Tabler, an expert on Syria, noted, “The regime has no interest in a settlement now.”', 'Andrew J. Tabler'],
    ['colon lead without a speech verb', 'Tim Kaine has adopted the stance common among Catholics in office: “I am personally opposed, but it is not my place.”', 'Tim Kaine'],
    ['organisation behind "the"', 'The New York Times ran the story first.\n“The article was accurate in every respect,” the Times wrote.', 'New York Times'],
  ];
  it.each(table)('%s', (_rule, text, expected) => {
    expect(speakerOf(text)).toBe(expected);
  });

  const none: [string, string][] = [
    ['a demand is not a quotation of the one calling', 'It marked the first time the United States has directly called for an “immediate” cease-fire.'],
    ['a passive verb is no cue', 'He was formally called to testify about “the server in the basement of the house.”'],
  ];
  it.each(none)('%s', (_rule, text) => {
    expect(speakerOf(text)).toBeNull();
  });
});

describe('attributeSpeakers: unnamed and non-person sources are described', () => {
  const table: [string, string][] = [
    ['A senior Israeli military official denied this: “Our operations along the border are aimed at exposing tunnels.”', 'a senior Israeli military official'],
    ['Egyptian security sources said the delegation was “expected to meet officials on Thursday.”', 'Egyptian security sources'],
    ['The resolution says the council “determines the imperative of an immediate cease-fire.”', 'the resolution'],
    // A document's wording belongs to the document, not to the sentence's subject who acted on it.
    ['Russia and China vetoed a U.S.-sponsored U.N. resolution supporting “an immediate and sustained cease-fire” in the war.', 'a U.S.-sponsored U.N. resolution'],
    [`${INTRO}Officials said a letter that urged “a swift and orderly transfer of power” arrived last week.`, 'a letter'],
    // …except when the sentence's subject issued the document: the issuer speaks.
    ['After a meeting, the Security Council issued a statement calling the test “a clear violation and in flagrant disregard” of the resolutions.', 'the Security Council'],
  ];
  it.each(table)('%s', (text, expected) => {
    expect(speakerOf(text)).toBe(expected);
  });
});

describe('attributeSpeakers: pronouns and surnames', () => {
  it('resolves "he said" and "Mr. Blinken" to the full name', () => {
    const text = INTRO + '“We have pressed Israel to protect civilians,” he said.\n“That work is not finished yet,” Mr. Blinken said.';
    const a = attributeSpeakers(text, spans(text));
    expect(a.map((x) => x.speaker)).toEqual(['Antony Blinken', 'Antony Blinken']);
  });

  it('"she said" skips a man named more recently', () => {
    const text = 'Ambassador Linda Thomas-Greenfield spoke after the vote. Mr. Nebenzya left the room.\n“Russia has the audacity to throw stones from a glass house,” she said.';
    expect(speakerOf(text)).toBe('Linda Thomas-Greenfield');
  });

  it('"he said" does not go to a woman', () => {
    const text = 'Ms. Linda Thomas-Greenfield spoke after Russian Ambassador Vasily Nebenzya.\n“The American product is exceedingly politicized,” he said.';
    expect(speakerOf(text)).toBe('Vasily Nebenzya');
  });

  it('keeps the quoted speaker in focus across a paragraph about someone else', () => {
    const text =
      INTRO +
      '“There are things Hamas sent back that are non-starters,” Mr. Blinken said.\n' +
      'Shortly before Mr. Blinken spoke, Mr. Netanyahu took aim at the Hamas response, calling it “delusional.”\n' +
      'Compounding Mr. Blinken’s dilemma, Mr. Netanyahu also appeared to dismiss concerns about Rafah.\n' +
      '“We have pressed Israel in concrete ways to strengthen civilian protection,” he said.';
    expect(speakerOf(text)).toBe('Antony Blinken');
  });

  it('a speaker who speaks in reported words takes the focus', () => {
    const text =
      INTRO +
      '“We have no way to defeat Hamas without entering Rafah,” Netanyahu stated.\n' +
      'Wrapping up his visit, Blinken told reporters that the U.S. shares the goal of defeating Hamas.\n' +
      '“However, we believe that a major ground operation is not the way,” he said.';
    expect(speakerOf(text)).toBe('Antony Blinken');
  });

  it('the second part of a split quote takes the first part’s speaker', () => {
    const text = 'Russian Ambassador Vasily Nebenzya spoke.\n“The American product is exceedingly politicized,” he said, “the sole purpose of which is to help play to the voters.”';
    const a = attributeSpeakers(text, spans(text));
    expect(a[1].speaker).toBe('Vasily Nebenzya');
    expect(a[1].speaker).toBe(a[0].speaker);
  });

  it('"Mr. Obama" is not Michelle Obama, even when she was named last', () => {
    const text = 'President Barack Obama spoke first. Michelle Obama spoke after him.\n“This election is about the future of our children,” Mr. Obama said.';
    expect(speakerOf(text)).toBe('Barack Obama');
  });

  it('a term gets no speaker from the sentences around it', () => {
    const text = 'Russia and China vetoed a resolution supporting “an immediate cease-fire” in the war. The two countries said it was ambiguous.';
    expect(speakerOf(text)).toBeNull();
  });

  it('the subject of the sentence just before takes a pronoun the earlier speaker was not named for', () => {
    const text =
      'President Barack Obama answered questions on Wednesday, saying the issue was “manufactured by his critics.”\n' +
      'During the town hall, Tina Houchins had a question for the president.\n' +
      '“As a Gold Star mother, my son gave his life for this country,” she said.';
    expect(speakerOf(text)).toBe('Tina Houchins');
  });

  it('an inverted attribution after a comma names the speaker of the next quote', () => {
    const text =
      '“He is seen as the element of change,” said Sean Spicer.\n' +
      'Debates are not likely to alter the campaign, noted NBC’s Dante Chinni.\n' +
      '“Debates happen late in the campaign, very late,” he wrote.';
    expect(speakerOf(text)).toBe('Dante Chinni');
  });

  it('a quote-only paragraph continues the previous speaker', () => {
    const text = INTRO + '“We remain determined to pursue a diplomatic path,” Blinken said.\n“And that is what we will keep doing every single day.”';
    expect(speakerOf(text)).toBe('Antony Blinken');
  });

  it('a quote-only paragraph continues the previous speaker across a blank line', () => {
    const text = INTRO + '\n“We remain determined to pursue a diplomatic path,” Blinken said.\n\n“And that is what we will keep doing every single day.”';
    expect(speakerOf(text)).toBe('Antony Blinken');
  });

  it('a quote across a blank line with words of its own after it does not continue the previous speaker', () => {
    const text = INTRO + '\n“We remain determined to pursue a diplomatic path,” Blinken said.\n\n“And that is what we will keep doing every single day,” zitiert der Focus.';
    expect(speakerOf(text)).not.toBe('Antony Blinken');
  });

  it('a paragraph that ends in a colon introduces the quote below with its person, speech verb or none', () => {
    expect(speakerOf('Trump spoke in June.\n\nOn July 6, 2015, Sen. Bernie Sanders made the following comment:\n\n“For young people who have graduated high school, the rate is high.”')).toBe('Bernie Sanders');
    expect(speakerOf('Nobody spoke in June.\n\nThe piece used one of the quotes as its headline:\n\n“Finally, someone who thinks like me at last.”')).toBeNull();
  });

  it('"yells" and "per" are speech cues', () => {
    expect(speakerOf('Rakeyia Scott filmed the scene.\n“Did you see what happened to him,” she yells while moving along the street.')).toBe('Rakeyia Scott');
    expect(speakerOf('Proxies are prohibited when voting “to fill a vacancy on the National ticket,” per the party’s bylaws.')).toBe('the party’s bylaws');
    expect(speakerOf('Prices rose to “five dollars and ten cents” per gallon last week.')).toBeNull();
  });

  it('a paragraph that is only a quote, with no cue near, is the words of the subject above it', () => {
    const above = 'In a statement, Hillary Clinton was more careful. Though she called Wells Fargo’s conduct outrageous, Hillary Clinton kept her comments hypothetical.\n\n';
    expect(speakerOf(above + '“If any bank can’t be managed effectively, it should be broken up.”')).toBe('Hillary Clinton');
    // Words after the quote, or a sentence after it in its paragraph, are not a quote standing alone.
    expect(speakerOf(above + '“If any bank can’t be managed effectively, it should be broken up.” The bank declined to comment.')).not.toBe('Hillary Clinton');
  });

  it('"I" in a first-person piece is its author, named in the byline or the note at the end', () => {
    const body = 'I grew up in a paranoid household.\n\nOnce, when my mother mentioned the devil, I laughed and said, “I don’t believe in the devil.”\n\n';
    expect(speakerOf(body + 'Charlotte Meehan is playwright-in-residence at Wheaton College.')).toBe('Charlotte Meehan');
    expect(speakerOf('By Charlotte Meehan\n\n' + body)).toBe('Charlotte Meehan');
    expect(speakerOf(body + 'The college declined to comment on the play.')).toBeNull();
  });

  it('a speaker named only in the next sentence', () => {
    const text = 'Officials met in Cairo.\n“Is there any way to stop this now?” Hamas official Khalil Al-Hayya asked.';
    expect(speakerOf(text)).toBe('Khalil Al-Hayya');
  });
});

describe('attributeSpeakers: does not invent speakers', () => {
  const table: [string, string][] = [
    ['a title with no speech cue', 'The phrasing was not a straightforward “demand” or a “call” to halt hostilities.'],
    ['a quote with no one around', '“This is the way things have always been done around here.”'],
    ['a place is not a person', 'In Gaza on Friday, “we will not leave our homes again” was painted on the walls.'],
    ['"Needless to say" is the writer’s aside', 'Needless to say, the senator was not “happy with the outcome of the vote today.”'],
    ['"Suffice it to say" is the writer’s aside', 'Suffice it to say, the plan was “dead on arrival in the Senate this year.”'],
  ];
  it.each(table)('%s', (_rule, text) => {
    expect(speakerOf(text)).toBeNull();
  });

  it('returns one attribution per quote, same order, and [] for nothing', () => {
    const text = INTRO + '“One two three four,” he said. “Five six seven eight,” Netanyahu said.';
    const qs = spans(text);
    expect(attributeSpeakers(text, qs)).toHaveLength(qs.length);
    expect(attributeSpeakers(text, [...qs].reverse()).map((a) => a.speaker)).toEqual(
      attributeSpeakers(text, qs).map((a) => a.speaker).reverse(),
    );
    expect(attributeSpeakers('', [])).toEqual([]);
  });

  it('gives speaker keys that agree across spellings, and none to descriptions', () => {
    const a = attributeSpeakers('“We will not accept this text at all,” said Russian Ambassador Vasily Nebenzia.', spans('“We will not accept this text at all,” said Russian Ambassador Vasily Nebenzia.'));
    const b = attributeSpeakers('“We will not accept this text at all,” Vasily Nebenzya said.', spans('“We will not accept this text at all,” Vasily Nebenzya said.'));
    expect(a[0].speakerKey).toBe(b[0].speakerKey);
    const d = 'A senior Israeli military official said: “Our operations are aimed at exposing tunnels.”';
    expect(attributeSpeakers(d, spans(d))[0].speakerKey).toBeNull();
  });
});

describe('a relative clause speaks for the noun phrase it hangs on', () => {
  const speakerOf = (text: string) => extractQuotes(text)[0]?.speaker ?? null;
  it.each([
    ['The sticking point was the vague wording that said the council “calls for a full and lasting truce in the region.”', 'the vague wording'],
    ['The letter that said “we cannot accept any delay to the talks” was leaked on Monday.', 'the letter'],
  ])('finds: %s', (text, speaker) => {
    expect(speakerOf(text)).toBe(speaker);
  });
  it.each([
    ['Senator Maria Lopez, who chairs the panel, said “we cannot accept any delay to the talks.”', 'Maria Lopez'],
    ['The main problem was that Senator Maria Lopez said “we cannot accept any delay to the talks.”', 'Maria Lopez'],
  ])('does not take the noun phrase when a person speaks: %s', (text, speaker) => {
    expect(speakerOf(text)).toBe(speaker);
  });
});

describe('organisations speak under their short names and descriptions', () => {
  const table: [string, string, string][] = [
    ['the commission → the one named', 'The Commission on Presidential Debates met on Friday. The commission says on its website that “there were issues regarding the audio in the hall.”', 'Commission on Presidential Debates'],
    ['the union → the association named', 'The Association of Flight Attendants endorsed Clinton. “Her fight has opened the door for women to overcome discrimination,” the union wrote.', 'Association of Flight Attendants'],
    ['the paper → the newspaper named', 'The Washington Post published a profile on Sunday. “The campaign has not released any of the records,” the paper reported.', 'Washington Post'],
    ['the Post → its full name', 'The Washington Post published a profile on Sunday. “The campaign has not released any of the records,” the Post reported.', 'Washington Post'],
    ['the Pentagon said in a statement', '“We are reviewing the matter with our partners,” the Pentagon said in a statement.', 'Pentagon'],
    ['a country speaks', 'Japan branded North Korea an “outlaw nation in the neighborhood of Asia.”', 'Japan'],
    ['nothing named: the description stays', '“There were issues regarding the audio in the hall,” the commission said.', 'the commission'],
  ];
  it.each(table)('%s', (_rule, text, expected) => {
    expect(speakerOf(text)).toBe(expected);
  });

  it('an organisation’s later "it said" keeps its key', () => {
    const text = 'The Commission on Presidential Debates met on Friday. “There were issues regarding the audio in the hall,” the commission said on its website. It said the sound was “affected by the problem in the hall today.”';
    const a = attributeSpeakers(text, spans(text));
    expect(a[1].speaker).toBe('Commission on Presidential Debates');
    expect(a[1].speakerKey).toBe(a[0].speakerKey);
    expect(a[1].speakerKey).not.toBeNull();
  });
});

it('a dash that continues the sentence is no credit line', () => {
  const text = 'Others agree, including Mitt Romney -- “It is disqualifying for a nominee to refuse to release tax returns” -- and Fred Goldberg, a former commissioner.';
  expect(speakerOf(text)).not.toBe('Fred Goldberg');
});

describe('a definite description of a person refers to the person in focus', () => {
  it('“the mother of three replied” after her full name', () => {
    const text = 'Ivanka Trump presented the plan on Tuesday in Pennsylvania.\nWhen pressed on the plan, the 34-year-old mother of three replied, “It is meant to benefit the mother who has given birth to the child.”';
    expect(speakerOf(text)).toBe('Ivanka Trump');
  });
  it('a gendered noun does not take a person of the other gender', () => {
    const text = 'Donald Trump presented the plan on Tuesday in Pennsylvania.\nWhen pressed on the plan, the 34-year-old mother of three replied, “It is meant to benefit the mother who has given birth to the child.”';
    expect(speakerOf(text)).toBe('the 34-year-old mother of three');
  });
  it('a possessive description in the paragraph after the name, across a blank line', () => {
    const text = 'Axelrod calls on Dean to apologize.\n\nDavid Axelrod on Wednesday called on Howard Dean to apologize to Donald Trump.\n\n“My reaction, that was outrageous and wrong,” Obama’s former campaign strategist said in an interview.';
    expect(speakerOf(text)).toBe('David Axelrod');
  });
  it('a bare "the announcer" or a plural brings in someone new', () => {
    expect(speakerOf('Donald Trump mocked the ad on Friday.\n\n“It’s 3 a.m. and your children are safe and asleep,” the announcer said.')).toBe('the announcer');
    expect(speakerOf('Donald Trump mocked the study on Friday.\n\n“Most companies maintained subsidiaries in tax havens,” the study’s authors wrote.')).not.toBe('Donald Trump');
  });
  it('no one in focus nearby: the description stays', () => {
    const text = 'Ivanka Trump presented the plan on Tuesday.\nThe plan costs money.\nIt was debated.\n\nMany people spoke.\n\nWhen pressed on the plan, the 34-year-old mother of three replied, “It is meant to benefit the mother who has given birth to the child.”';
    expect(speakerOf(text)).toBe('the 34-year-old mother of three');
  });
});

describe('people who share a surname stay apart within a page', () => {
  it('Ron Paul and Rand Paul (one key initial, two given names)', () => {
    const text = 'Ron Paul and his son Rand Paul spoke at the rally on Friday. “We will keep fighting for liberty every day,” Ron Paul said. “The government is far too big for all of us,” Rand Paul said.';
    const a = attributeSpeakers(text, spans(text));
    expect(a.map((x) => x.speaker)).toEqual(['Ron Paul', 'Rand Paul']);
  });
  it('one person named with a familiar and a full given name stays one', () => {
    const text = 'Robert W. Goodlatte chairs the committee. “We will hold hearings on the bill next month,” Bob Goodlatte said.';
    expect(speakerOf(text)).toBe('Robert W. Goodlatte');
  });
});

describe('words around a name that are not the name', () => {
  const table: [string, string, string][] = [
    ['a day after the name', 'Michael Steele spoke to reporters. “We are going to win this election in November,” said Michael Steele Sunday.', 'Michael Steele'],
    ['an office word before a given name', '“The threat is real and it is growing every day,” Director of National Intelligence James Clapper said.', 'James Clapper'],
  ];
  it.each(table)('%s', (_rule, text, expected) => {
    expect(speakerOf(text)).toBe(expected);
  });
});

describe('plausibleDescription: an honest unknown rather than a misread clause', () => {
  const bad = ['looping the streets around the stadium', 'going', 'a metaphor for the abandonment of Trump. Meanwhile Trump', 'we rate it Mostly True.">Sanders', 'I hope in 2017 America', 'He released a letter from his doctor Friday afternoon', 'they turned to the Chicago Police Department'];
  const good = ['king', 'the king', 'tostring', 'a sibling', 'a senior Israeli military official', 'the commission', 'Egyptian security sources', 'the 34-year-old mother of three', 'a UN panel of independent experts', 'the hero of the day', 'theyre'];
  it.each(bad)('not a speaker: %s', (d) => expect(plausibleDescription(d)).toBe(false));
  it.each(good)('a speaker: %s', (d) => expect(plausibleDescription(d)).toBe(true));
});

it('an organisation word alone is no person in focus for "she said"', () => {
  const text = 'Dr. Oz appeared before Congress at a 2014 hearing.\nDemocratic Sen. Claire McCaskill scolded him: “The scientific community is almost monolithic against you,” she said.';
  expect(speakerOf(text)).toBe('Claire McCaskill');
});

it('an acronym speaks as the organisation the article spelled out', () => {
  const text = 'The National Rifle Association opposed the bill.\n“This bill would do nothing to keep our children safe at school,” the NRA said in a statement.';
  expect(speakerOf(text)).toBe('National Rifle Association');
});

describe('descriptions end where their noun phrase ends', () => {
  const table: [string, string, string][] = [
    ['a participle after the head noun', 'A Government Accountability Office report released last year found that the money may come from “the drug trade, human trafficking or other criminal activities.”', 'a Government Accountability Office report'],
    ['"as" and a noun phrase', 'The primary requirement is a “lawful source of investment income from anywhere,” as a Homeland Security memo noted.', 'a Homeland Security memo'],
  ];
  it.each(table)('%s', (_rule, text, expected) => {
    expect(speakerOf(text)).toBe(expected);
  });
});

it('"He then defended the remark, saying": an adverb between the pronoun and its verb', () => {
  const text = 'Howard Dean appeared on MSNBC on Tuesday.\nHe then defended the remark, saying, “I don’t think this is a ridiculous idea at all.”';
  expect(speakerOf(text)).toBe('Howard Dean');
});

it('"footage of Trump saying": the person recorded speaks', () => {
  const text = 'Donald Trump debated Hillary Clinton last week.\nThe spot concludes with footage of Trump saying during the debate, “That makes me smart, that is what it does.”';
  expect(speakerOf(text)).toBe('Donald Trump');
});

describe('"what it called": an organisation, never a person or a date', () => {
  it('the organisation named in the paragraph', () => {
    const text = 'The United Nations Security Council on Friday condemned the test and pledged sanctions against what it called “a clear threat to international peace and security.”';
    expect(speakerOf(text)).toBe('United Nations Security Council');
  });
  it('a described person is no "it"', () => {
    const text = '“It is three in the morning and your children are safe,” the announcer said.\nThe campaign is defending the ad. It is denouncing what it calls “the single biggest coordinated media attack in history.”';
    expect(speakerOf(text)).not.toBe('the announcer');
  });
});
