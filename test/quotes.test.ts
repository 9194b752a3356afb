import { describe, it, expect } from 'vitest';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { countWords, documentSource, findQuotes, STATEMENT_MIN_WORDS } from '../lib/quotes/find-quotes';

/** The quoted texts found, in order. */
const texts = (s: string) => findQuotes(s).map((q) => q.text);

describe('findQuotes: mark styles (finds)', () => {
  const cases: [string, string, string[]][] = [
    ['straight double', 'He said "we will do it alone" on Friday.', ['we will do it alone']],
    ['curly double', 'He said “we will do it alone” on Friday.', ['we will do it alone']],
    ['French guillemets', 'Il a dit « nous le ferons seuls » vendredi.', ['nous le ferons seuls']],
    ['French guillemets without spaces', 'Il a dit «nous le ferons seuls» vendredi.', ['nous le ferons seuls']],
    ['German low-high', 'Er sagte „wir schaffen das allein“ am Freitag.', ['wir schaffen das allein']],
    ['German reversed guillemets', '»Wir schaffen das allein«, sagte sie.', ['Wir schaffen das allein']],
    ['German single low-high', 'Er sagte ‚wir schaffen das allein‘ am Freitag.', ['wir schaffen das allein']],
    ['single guillemets', 'Elle a dit ‹ nous le ferons seuls › hier.', ['nous le ferons seuls']],
    ['corner brackets', '彼は「私たちは単独でやる」と言った。', ['私たちは単独でやる']],
    ['corner brackets with nested white corners', '彼は「『平和』は近い」と言った。', ['『平和』は近い']],
    ['Chinese curly marks without spaces', '他说“我们将单独行动”。', ['我们将单独行动']],
    ['Polish low-9 closed by a right mark', 'Powiedział „zrobimy to sami” w piątek.', ['zrobimy to sami']],
    ['Finnish guillemets pointing one way', 'Hän sanoi »teemme sen yksin» perjantaina.', ['teemme sen yksin']],
    ['French guillemets with narrow no-break spaces', 'Il a dit «\u202fnous le ferons seuls\u202f» hier.', ['nous le ferons seuls']],
    ['Swedish right marks both sides', '”Vi gör det ensamma”, sa han.', ['Vi gör det ensamma']],
    ['two-apostrophe (NYT)', "''It has the important virtue of being responsible,'' Mr. Burman said.", ['It has the important virtue of being responsible,']],
    ['backtick opening', "He said ``we will do it alone'' on Friday.", ['we will do it alone']],
    ['typeset double single-quotes', 'a ‘‘question’’ that amounted to a spanking', ['question']],
    ['mixed pair', 'He said "we will do it alone” on Friday.', ['we will do it alone']],
    ['top-level single (headline)', 'U.N. RESOLUTION WAS ‘CYNICALLY VETOED’', ['CYNICALLY VETOED']],
    ['top-level single, British style', 'Blinken said the measure had been ‘cynically vetoed’ by Russia.', ['cynically vetoed']],
    ['top-level straight single', "Sanders: Clinton needs to 'get away from all of this personality stuff' with Trump.", ['get away from all of this personality stuff']],
    ['several quotes in order', '“One two three four,” he said. Later: “Five six seven eight.”', ['One two three four,', 'Five six seven eight.']],
    ['fullwidth straight marks', 'He said ＂we will do it alone＂ on Friday.', ['we will do it alone']],
    ['fullwidth marks between CJK letters', '他说＂我们将单独行动＂。', ['我们将单独行动']],
    ['fullwidth single marks', '他说＇我们将单独行动＇。', ['我们将单独行动']],
    ['halfwidth corner brackets', '彼は｢私たちは単独でやる｣と言った。', ['私たちは単独でやる']],
    ['CJK double prime marks', '彼は〝平和は近い〟と言った。', ['平和は近い']],
    ['reversed high-9 opening', '‟Never again,” she said.', ['Never again,']],
    ['ornamental marks', '❝We will win this.❞ he said.', ['We will win this.']],
    ['German nested low-high, closers side by side', '„Das ist ‚unerhört‘“, sagte sie.', ['Das ist ‚unerhört‘']],
    ['German nested guillemets, closers side by side', '»Das ist ›unerhört‹«, sagte sie.', ['Das ist ›unerhört‹']],
    ['German nested, openers side by side', '„‚Nie wieder‘ war sein Wort“, sagte sie.', ['‚Nie wieder‘ war sein Wort']],
    ['French nested with no-break spaces', '«\u00a0C’est un «\u00a0scandale\u00a0»\u00a0», a-t-il dit.', ['C’est un «\u00a0scandale\u00a0»']],
    ['French single guillemets nested', '« Il a dit ‹ non › hier », a affirmé le ministre.', ['Il a dit ‹ non › hier']],
    ['Swiss guillemets nested', '«Das ist ‹unerhört›», sagte sie.', ['Das ist ‹unerhört›']],
  ];
  for (const [name, input, expected] of cases) {
    it(name, () => {
      expect(texts(input)).toEqual(expected);
    });
  }
});

describe('findQuotes: does not find', () => {
  const cases: [string, string][] = [
    ['apostrophes inside words', 'There’s a plan, and Hamas’s leaders know it; don\'t they?'],
    ['possessive apostrophe after s', 'Hamas’ Gaza leader said nothing, and the players\' union agreed.'],
    ['decade elisions', 'Back in the ’90s and the \'80s, and the ‘70s too.'],
    ['inch marks', 'He is 6\'3" tall and she is 5\'11" tall.'],
    ['markup attributes', '<tweet data-author="a b c d e" data-date="f g h i j">'],
    ['a stray closing mark', 'This ends” without any opening mark at all.'],
    ['empty marks', 'He said "" and left.'],
    ['plain text', 'No quotation here at all.'],
  ];
  for (const [name, input] of cases) {
    it(name, () => {
      expect(findQuotes(input)).toEqual([]);
    });
  }
  it('empty and whitespace input', () => {
    expect(findQuotes('')).toEqual([]);
    expect(findQuotes('   \n\n  \t ')).toEqual([]);
    expect(findQuotes(undefined as unknown as string)).toEqual([]);
  });
});

describe('findQuotes: nesting', () => {
  it('keeps a single-quoted quote inside the double-quoted one', () => {
    const s = '“It’s not flipping a light switch. It’s not ‘yes’ or ‘no.’ There’s back and forth.” he said.';
    expect(texts(s)).toEqual(['It’s not flipping a light switch. It’s not ‘yes’ or ‘no.’ There’s back and forth.']);
  });
  it('keeps a double-quoted quote inside another (maximal span)', () => {
    const s = '"The piece called it "a disaster" and moved on," she said.';
    expect(texts(s)).toEqual(['The piece called it "a disaster" and moved on,']);
  });
  it('reads three apostrophes as a single and a double mark', () => {
    const s = "''He told me, 'You weren't in line,''' Ms. Compton recalled.";
    expect(texts(s)).toEqual(["He told me, 'You weren't in line,'"]);
  });
  it('keeps a double quote inside a top-level single quote', () => {
    expect(texts('Headline: ‘He said “no” to us today’ and more')).toEqual(['He said “no” to us today']);
  });
});

describe('findQuotes: a page that mixes mark styles', () => {
  // Each style as printed on some outlet's pages; a page quoting other outlets or translating
  // agency copy mixes them within one article and even within one paragraph.
  const styles: [string, string][] = [
    ['“', '”'], ['"', '"'], ['‘', '’'], ["'", "'"], ["''", "''"], ['``', "''"], ['„', '“'], ['„', '”'], ['‚', '‘'],
    ['«\u00a0', '\u00a0»'], ['«', '»'], ['»', '«'], ['‹', '›'], ['›', '‹'], ['”', '”'], ['「', '」'], ['『', '』'],
    ['＂', '＂'], ['＇', '＇'], ['｢', '｣'], ['〝', '〟'], ['‟', '”'], ['❝', '❞'],
  ];
  const sentences = ['We will not back down from this decision.', 'The plan was never going to work,',
    'Nobody told us anything about the cuts', 'It is a good day for the city!'];
  const leads = ['The mayor said: ', 'She said ', '(', 'And — ', '', 'He answered '];
  const tails = [' she added.', ', he said.', ') ', '. ', ' — ', ''];
  it('finds every quote of every style, whatever its neighbours', () => {
    let seed = 7;
    const pick = (n: number) => { seed = (seed * 1103515245 + 12345) % 2147483648; return Math.floor(seed / 65536) % n; };
    let expected = 0;
    let found = 0;
    const missed = new Set<string>();
    for (let page = 0; page < 200; page++) {
      const paragraphs: string[] = [];
      const want: [string, string][] = [];
      for (let p = 0; p < 4; p++) {
        let para = '';
        for (let k = 0, n = 1 + pick(3); k < n; k++) {
          const [open, close] = styles[pick(styles.length)];
          const s = sentences[pick(sentences.length)];
          para += `${leads[pick(leads.length)]}${open}${s}${close}${tails[pick(tails.length)]} `;
          want.push([s, open + close]);
        }
        paragraphs.push(para.trim());
      }
      const got = texts(paragraphs.join('\n'));
      for (const [s, style] of want) {
        expected++;
        if (got.includes(s.trim())) found++;
        else missed.add(style);
      }
    }
    expect([...missed]).toEqual([]);
    expect(found).toBe(expected);
  });
});

describe('findQuotes: multi-paragraph quotes', () => {
  it('joins a paragraph left open with the next one re-opened (one span across the break)', () => {
    const s = 'Intro.\n“First paragraph of the quote.\n“Second paragraph of the quote,” he said.';
    const q = findQuotes(s);
    expect(q).toHaveLength(1);
    expect(q[0].text).toBe('First paragraph of the quote.\n“Second paragraph of the quote,');
  });
  it('skips blank lines between paragraphs', () => {
    const s = '"First paragraph of the quote.\n\n"Second paragraph.\n\n"Third paragraph of it."\n\nAfter.';
    expect(findQuotes(s)).toHaveLength(1);
    expect(findQuotes(s)[0].text).toBe('First paragraph of the quote.\n\n"Second paragraph.\n\n"Third paragraph of it.');
  });
  it('reads a right mark opening a paragraph as an opening mark', () => {
    const s = 'He spoke.\n” … what I learned from these families,” he said.';
    expect(texts(s)).toEqual(['… what I learned from these families,']);
  });
  it('runs on over a line broken inside a sentence to the closing mark', () => {
    const s = 'He said their campaigns “have focused on paid advertising to get them to participate personally\nin caucuses and primaries.” Then he left.';
    expect(texts(s)).toEqual(['have focused on paid advertising to get them to participate personally\nin caucuses and primaries.']);
  });
  it.each([
    ['a short name line', '"We are going to enter the next recession without that consensus.\nJosh Bivens, Economic Policy Institute."\nMore.'],
    ['a long credit line', '"We may see a return of the old arguments about balanced budgets as the campaign goes on.\nJane Roe, Center for Budget and Housing Policy Research."\nMore.'],
  ])('does not run a pull quote on to %s under it', (_name, s) => {
    expect(texts(s)).toEqual([]);
  });
  it('runs a block quote on through paragraphs without marks to the lone closing mark', () => {
    const s =
      'The council posted this reply:\n“We have heard the complaints about the new parking rules and we take them seriously.\n' +
      'Over the coming weeks the council will hold three public meetings in the old town hall.\n' +
      'Every resident who wants to speak will be heard before any rule is changed again.”\nThe meetings start in May.';
    expect(texts(s)).toEqual([
      'We have heard the complaints about the new parking rules and we take them seriously.\n' +
        'Over the coming weeks the council will hold three public meetings in the old town hall.\n' +
        'Every resident who wants to speak will be heard before any rule is changed again.',
    ]);
  });
  it('leaves a block quote that holds quotes of its own to those quotes', () => {
    const s =
      'Here is the report:\n"The mayor spoke at the harbour. "We will rebuild the pier this year," she said to the crowd gathered there.\n' +
      'Few in the crowd believed her, and the pier has been closed since the storm of the winter before last."';
    expect(texts(s)).toEqual(['We will rebuild the pier this year,']);
  });
  it('does not join when the next paragraph does not re-open', () => {
    const s = '“An unclosed quote runs here.\nThe next paragraph is the reporter’s. “A real quote follows,” she said.';
    expect(texts(s)).toEqual(['A real quote follows,']);
  });
});

describe('findQuotes: unbalanced marks recover at the paragraph end', () => {
  it('an unclosed mark does not swallow the rest of the article', () => {
    const s = 'He said “this never closes.\nSecond paragraph with “a proper quote here” inside.\nThird “another one here too.”';
    expect(texts(s)).toEqual(['a proper quote here', 'another one here too.']);
  });
  it('re-reads the quotes inside a dangling opener', () => {
    const s = '"Block quote marker then “an inner quote of words” and more text\nNext paragraph.';
    expect(texts(s)).toEqual(['an inner quote of words']);
  });
  it('an unclosed single quote does not pair across paragraphs', () => {
    expect(texts('It was ‘open here\nand Hamas’ leader said')).toEqual([]);
  });
});

describe('findQuotes: split quotes share a statement', () => {
  it('", he said, " with a lower-case continuation', () => {
    const s = '“The American product is exceedingly politicized,” he said, “the sole purpose of which is to help play to the voters.”';
    const q = findQuotes(s);
    expect(q).toHaveLength(2);
    expect(q[0].statement).toBe(q[1].statement);
  });
  it('first part ends with a comma, attribution ends the sentence', () => {
    const s = '“We see space to continue to pursue an agreement,” Mr. Blinken said late Wednesday. “And these things are always negotiations.”';
    const q = findQuotes(s);
    expect(q[0].statement).toBe(q[1].statement);
  });
  it('two quotes with a reporting sentence between are two statements', () => {
    const s = '“We were trying to show the sense of urgency here,” Blinken said. He also said it had sought to condemn Hamas. “It’s unimaginable why countries would not.”';
    const q = findQuotes(s);
    expect(q).toHaveLength(2);
    expect(q[0].statement).not.toBe(q[1].statement);
  });
  it('a fresh capitalised sentence after a full stop is a new statement', () => {
    const s = 'He said “some positive steps” have been taken in recent days. “But it’s not enough.”';
    const q = findQuotes(s);
    expect(q[0].statement).not.toBe(q[1].statement);
  });
  it('quotes in different paragraphs are different statements', () => {
    const s = '“First quote of some words,” he said,\n“second quote of some words.”';
    const q = findQuotes(s);
    expect(q[0].statement).not.toBe(q[1].statement);
  });
  it('an appositive describing the speaker may lengthen the attribution', () => {
    const s = '"We have a lot of work ahead of us," said Charlie King, a prominent New York Democrat from the city of Albany. "And we know it."';
    const q = findQuotes(s);
    expect(q[0].statement).toBe(q[1].statement);
  });
  it('a long scene-setting clause after the attribution starts a new statement', () => {
    const s = '“We’re living in a place meant for animals,” said Umm Hanoon, standing among the cages of a chicken coop where her family is now living with others. “Imagine a child sleeping in a crate.”';
    const q = findQuotes(s);
    expect(q[0].statement).not.toBe(q[1].statement);
  });
  it('a gap ending in a word embeds a new report, not an attribution', () => {
    const s = 'Japan called it "an outlaw nation in the neighborhood," Russia insisted that Pyongyang "stop its dangerous escapades now."';
    const q = findQuotes(s);
    expect(q[0].statement).not.toBe(q[1].statement);
  });
  it('a term never joins a statement', () => {
    const s = 'It would be “a disaster”, said spokesman John Kirby, adding “we would not support it.”';
    const q = findQuotes(s);
    expect(q.map((x) => x.kind)).toEqual(['term', 'statement']);
    expect(q[0].statement).not.toBe(q[1].statement);
  });
  it('statement numbers increase in text order', () => {
    const s = '“One two three four.” “Five six seven eight.” “Nine ten eleven twelve.”';
    expect(findQuotes(s).map((q) => q.statement)).toEqual([0, 1, 2]);
  });
});

describe('findQuotes: kind', () => {
  const cases: [string, string, 'statement' | 'term'][] = [
    ['one-word scare quote', 'Netanyahu called the response “delusional” and left.', 'term'],
    ['two-word phrase', 'Israel would fight on to achieve “absolute victory” over Hamas.', 'term'],
    ['quoted word in a list', 'killed more than 150 “terrorists” in the operation', 'term'],
    ['title in title case', 'He appeared on “The Steve Harvey Morning Show,” on Tuesday.', 'term'],
    ['title ending in a period', 'He gave the “State of the Union.”', 'term'],
    ['a headline-case statement in a headline', 'Ben Carson: Hillary Clinton ‘Not Fit To Serve As President.’', 'statement'],
    ['partial quote that is a clause', 'He said the U.S. was “working to bring them home” as he shook hands.', 'statement'],
    ['four-word statement', 'He added: “But it’s not enough.”', 'statement'],
    ['short standalone utterance', '“No,” he said.', 'statement'],
    ['short chant with inner comma', 'Protesters chanted “Blinken, thank you,” as he walked by.', 'statement'],
    ['short words as the object of a verb of utterance', 'The crowd chanted “Build the wall!” as he spoke.', 'statement'],
    ['a nickname given is not an utterance', 'He dubbed him “the little senator” on Tuesday.', 'term'],
    ['lower-case words inside a reported clause', 'He said “innocent civilians” had been pulled out.', 'term'],
    ['headline-case sentence with a subject', 'Cruz: ‘I Fear The Same Thing Is True’ for Rubio', 'statement'],
    ['a subheading phrase alone on its line', 'Deal talks\n‘Starving to death’\nMore text.', 'term'],
    ['a phrase with no source and no speech in the sentence', 'The vote followed weeks of talk about “an immediate and sustained cease-fire” in the war.', 'term'],
    // A document's or a demand's wording is a statement outlets print alike; works' titles stay terms.
    ['a resolution’s wording (the document named before it)', 'Russia vetoed a resolution supporting “an immediate and sustained cease-fire” in the war.', 'statement'],
    ['a document’s possessive', 'The resolution’s “immediate and sustained cease-fire” language was new.', 'statement'],
    ['a letter that urged', 'They sent a letter that urged “a swift and orderly transfer of power” last week.', 'statement'],
    ['a demand', 'Protesters marched demanding “an end to the occupation of the land” on Sunday.', 'statement'],
    ['a work’s lower-case title', 'The book “a history of the world in ten chapters” sold well.', 'term'],
    ['a report’s title after "titled"', 'Her report titled “a roadmap for peace in the region” came out.', 'term'],
    ['a scare quote beside a document', 'The resolution supporting “peace” passed.', 'term'],
    ['a phrase someone said (speech word before)', 'Halevi has said the raid is “very important for pressuring the negotiations”.', 'statement'],
    ['a phrase someone said (speech word after)', 'A cashier who “steals a handful of twenties” is held accountable, Warren said.', 'statement'],
    ['a phrase opening on a verb form, no speech words', 'A cashier who “steals a handful of twenties” is held accountable.', 'statement'],
    ['a clause without speech words', 'The measure “would determine the imperative of a cease-fire” for all.', 'statement'],
    // German and French: their titles, clauses and speech words.
    ['German name of a body in title case', 'Die Partei forderte eine „Regierung der Nationalen Einheit“ für das Land.', 'term'],
    ['German clause without an English clause word', 'Das H5N1-Virus sei „nicht das Virus, das uns besorgt“, hieß es.', 'statement'],
    ['German phrase in a sentence of indirect speech', 'Demnach sei er „intellektuell in der Lage zu allem“ gewesen.', 'statement'],
    ['German phrase named by "bezeichnete … als"', 'Er bezeichnete den Plan als „einen großen Schritt nach vorn“ am Montag.', 'statement'],
    ['German phrase with no speech in the sentence', 'Die Stadt plant eine „massenhafte Erfassung von Autokennzeichen“ im Sommer.', 'term'],
    ['French clause with an elided subject', 'Le ministre a jugé que « c’était une erreur grave » hier.', 'statement'],
    ['French title of a body', 'Il siège à l’« Assemblée de la République » depuis mai.', 'term'],
    // Scripts without letter case: speech words and position decide, not capitals.
    ['Arabic, after a colon with a speech verb', 'قال الرئيس: "نحن لن نتراجع عن هذا القرار أبدا" في المؤتمر.', 'statement'],
    ['Arabic, attribution after the quote', '"نحن لن نتراجع عن هذا القرار أبدا"، قال الرئيس.', 'statement'],
    ['Arabic, a clause reported by "and he said"', 'وقال الرئيس إن الحكومة "لن تتراجع عن هذا القرار أبدا" في المؤتمر.', 'statement'],
    ['Arabic guillemets after a colon', 'قال: «نحن لن نتراجع عن هذا القرار أبدا».', 'statement'],
    ['Arabic one-word utterance with its attribution', '"لا"، قال.', 'statement'],
    ['Arabic scare quote in the writer\'s sentence', 'وصف الرد بأنه "وهمي" وغادر.', 'term'],
    ['Arabic name of a plan, no speech in the sentence', 'أقرت الحكومة "خطة الطوارئ الوطنية لإعادة إعمار الشمال" يوم الاثنين.', 'term'],
    ['Hebrew, after a colon with a speech verb', 'אמר ראש הממשלה: "אנחנו לא נוותר על ההחלטה הזאת" בכנס.', 'statement'],
    ['Hebrew, attribution after the quote', '"אנחנו לא נוותר על ההחלטה הזאת", אמר ראש הממשלה.', 'statement'],
    ['Hebrew, "and he said that" before the quote', 'ושר האוצר אמר שהממשלה "לא תוותר על ההחלטה הזאת" השבוע.', 'statement'],
    ['Hebrew name of a plan, no speech in the sentence', 'הממשלה אישרה את "תוכנית החירום הלאומית לשיקום הצפון" ביום שני.', 'term'],
    ['Chinese, after "said" and a colon', '他说：“我们将单独行动，绝不退让。”', 'statement'],
    ['Chinese name of an initiative', '这是所谓的“一带一路”倡议。', 'term'],
    ['Japanese, followed by "と言った"', '彼は「私たちは単独でやる」と言った。', 'statement'],
    ['Japanese single word', '「平和」という言葉が使われた。', 'term'],
  ];
  for (const [name, input, kind] of cases) {
    it(name, () => {
      const q = findQuotes(input);
      expect(q).toHaveLength(1);
      expect(q[0].kind).toBe(kind);
    });
  }
  it('statements have at least STATEMENT_MIN_WORDS words or stand as a sentence', () => {
    expect(STATEMENT_MIN_WORDS).toBeGreaterThanOrEqual(3);
    expect(countWords('one two — three')).toBe(3);
  });
});

describe('documentSource', () => {
  const phrase = (s: string) => {
    const d = documentSource(s, s.indexOf('“'));
    return d ? [s.slice(d.start, d.end), d.link] : null;
  };
  it('names the document and its link word', () => {
    expect(phrase('Russia vetoed a U.S.-sponsored U.N. resolution supporting “an immediate cease-fire” today.'))
      .toEqual(['a U.S.-sponsored U.N. resolution', 'supporting']);
    expect(phrase('They sent a letter that urged “a swift transfer” last week.')).toEqual(['a letter', 'urged']);
    expect(phrase('The resolution’s “immediate cease-fire” language was new.')).toEqual(['The resolution', 'resolution’s']);
  });
  it('finds no document where none is named, a title is given or the sentence ended', () => {
    expect(phrase('The vote followed talk about “an immediate cease-fire” in the war.')).toBeNull();
    expect(phrase('Her report titled “a roadmap for peace” came out.')).toBeNull();
    expect(phrase('He read the resolution. “We will not stop,” she said.')).toBeNull();
    expect(documentSource('', 0)).toBeNull();
    expect(documentSource('abc', 99)).toBeNull();
  });
});

describe('findQuotes: offsets and speed', () => {
  const article = [
    'By A REPORTER (Agency)',
    '“I also said that we have no way to defeat Hamas without entering Rafah,” Netanyahu stated.',
    'Blinken said the measure had been “cynically vetoed” and the ’90s are over; there’s more.',
    '"A straight quote with \'nested\' words," she said, "and the rest of it."',
  ].join('\n');
  it('text.slice(start, end) is the span text, spans are ordered and disjoint', () => {
    const q = findQuotes(article);
    expect(q.length).toBe(4);
    let last = -1;
    for (const s of q) {
      expect(article.slice(s.start, s.end)).toBe(s.text);
      expect(s.start).toBeGreaterThan(last);
      last = s.end;
    }
  });
  it('random text of marks, letters and breaks keeps every invariant', () => {
    const alphabet = ['a', 'b', ' ', ' ', '\n', '"', '“', '”', '‘', '’', "'", "''", '«', '»', '„', '.', ',', 'I', '<t x="', '>'];
    let seed = 12345;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let round = 0; round < 300; round++) {
      let s = '';
      const len = 1 + Math.floor(rand() * 120);
      for (let i = 0; i < len; i++) s += alphabet[Math.floor(rand() * alphabet.length)];
      const q = findQuotes(s);
      let last = -1;
      let lastStatement = -1;
      for (const x of q) {
        expect(s.slice(x.start, x.end)).toBe(x.text);
        expect(x.start).toBeGreaterThanOrEqual(last);
        expect(x.end).toBeGreaterThan(x.start);
        expect(x.statement === lastStatement || x.statement === lastStatement + 1).toBe(true);
        last = x.end;
        lastStatement = x.statement;
      }
    }
  });
  it('a huge article of marks and apostrophes does not hang', () => {
    const chunk = '“Open ‘it’s ’90s “nested “deeper he said ”x” ” ” \'\' " « ‹ „ ';
    const huge = (chunk.repeat(200) + '\n').repeat(100); // ~1.4 MB, every paragraph unbalanced
    const t0 = performance.now();
    const q = findQuotes(huge);
    const ms = performance.now() - t0;
    expect(Array.isArray(q)).toBe(true);
    expect(ms).toBeLessThan(3000);
    for (const s of q.slice(0, 50)) expect(huge.slice(s.start, s.end)).toBe(s.text);
  });
  it('a single paragraph of only opening marks stays linear', () => {
    const huge = '“a '.repeat(200000);
    const t0 = performance.now();
    findQuotes(huge);
    expect(performance.now() - t0).toBeLessThan(3000);
  });
});

const corpus = resolve(fileURLToPath(new URL('../../shared/corpus', import.meta.url)));
const haveCorpus = existsSync(resolve(corpus, 'polnear-dev-speakers/labels.json'));
if (!haveCorpus) console.log(`quotes.test: PolNeAR dev check skipped, ${corpus} not found`);

describe('findQuotes on PolNeAR dev (research corpus)', () => {
  it.skipIf(!haveCorpus)('finds the labelled statements of four or more words', async () => {
    const { evalQuotes } = await import('../scripts/eval/quotes-eval');
    const r = await evalQuotes(corpus, 'dev');
    expect(r.skipped).toBeUndefined();
    expect(r.recall).toBeGreaterThanOrEqual(0.98);
    expect(r.precision).toBeGreaterThanOrEqual(0.95);
    expect(r.exactF1).toBeGreaterThanOrEqual(0.95);
  });
});

const seedsDir = resolve(fileURLToPath(new URL('./fixtures/seeds', import.meta.url)));
const haveSeeds = existsSync(resolve(seedsDir, 'expected.json'));
if (!haveSeeds) console.log('quotes.test: seed check skipped, test/fixtures/seeds/expected.json not found');

describe('findQuotes on the seed articles (expected output read by hand)', () => {
  it.skipIf(!haveSeeds)('finds every quote with its exact span, every statement of 4+ words as a statement', async () => {
    const { readFileSync } = await import('node:fs');
    const expected = JSON.parse(readFileSync(resolve(seedsDir, 'expected.json'), 'utf8')) as {
      articles: { file: string; quotes: { start: number; end: number; kind: string; statement: number; text: string }[] }[];
    };
    let total = 0;
    let kindAgree = 0;
    let groupAgree = 0;
    let groupPairs = 0;
    for (const a of expected.articles) {
      const text = readFileSync(resolve(seedsDir, a.file), 'utf8');
      const found = new Map(findQuotes(text).map((q) => [`${q.start}:${q.end}`, q]));
      a.quotes.forEach((g, i) => {
        total++;
        const p = found.get(`${g.start}:${g.end}`);
        expect(p, `${a.file}: ${g.text}`).toBeDefined();
        if (!p) return;
        if (g.kind === 'statement' && countWords(g.text) >= STATEMENT_MIN_WORDS) expect(p.kind, `${a.file}: ${g.text}`).toBe('statement');
        if (p.kind === g.kind) kindAgree++;
        const gp = a.quotes[i - 1];
        const pp = gp && found.get(`${gp.start}:${gp.end}`);
        if (gp && pp) {
          groupPairs++;
          if ((gp.statement === g.statement) === (pp.statement === p.statement)) groupAgree++;
        }
      });
    }
    expect(total).toBeGreaterThan(0);
    expect(kindAgree / total).toBeGreaterThanOrEqual(0.9);
    expect(groupAgree / groupPairs).toBeGreaterThanOrEqual(0.9);
  });
});
