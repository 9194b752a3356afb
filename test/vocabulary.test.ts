import { describe, it, expect } from 'vitest';
import { extractQuotes } from '../lib/extract';
import { findQuotes } from '../lib/quotes/find-quotes';
import {
  ATTRIBUTION_TAIL_VERBS, GERUND, SPEAKER_VERBS, SPEECH_SIGNAL_WORDS, SPEECH_WORD_TABLE, UTTERANCE_VERBS,
} from '../lib/text/vocabulary';

const words = (s: ReadonlySet<string>) => [...s].sort();

describe('speech-cue inventory: one table', () => {
  it('lists every word once, in lower case', () => {
    const all = SPEECH_WORD_TABLE.flatMap(([, w]) => w.split(' '));
    expect(all.length).toBe(new Set(all).size);
    for (const w of all) expect(w).toMatch(/^\p{Ll}+$/u);
  });
  it('gives every row at least one role', () => {
    for (const [roles] of SPEECH_WORD_TABLE) expect(roles.length).toBeGreaterThan(0);
  });
});

function speakerOf(text: string): string | null {
  return extractQuotes(text).find((q) => q.kind === 'statement')?.speaker ?? null;
}

const QUOTE = '“We will not back down from this fight,”';

describe('attribution reads the inventory (finds / does not find)', () => {
  const finite = words(SPEAKER_VERBS).filter((v) => !GERUND.test(v));
  it.each(finite)('“…,” Jane Smith %s. → Jane Smith', (verb) => {
    expect(speakerOf(`${QUOTE} Jane Smith ${verb}.`)).toBe('Jane Smith');
  });
  it.each(finite)('“…,” %s Jane Smith. → Jane Smith', (verb) => {
    expect(speakerOf(`${QUOTE} ${verb} Jane Smith.`)).toBe('Jane Smith');
  });
  it.each(['ate', 'arrived', 'walked', 'slept', 'painted'])('“…,” Jane Smith %s. → no speaker', (verb) => {
    expect(speakerOf(`${QUOTE} Jane Smith ${verb}.`)).toBeNull();
  });
});

function kindOf(text: string): string | undefined {
  return findQuotes(text)[0]?.kind;
}

describe('quote finding reads the inventory (finds / does not find)', () => {
  const PHRASE = '“an immediate and sustained cease-fire”';
  const signals = words(SPEECH_SIGNAL_WORDS).filter((w) => w !== 'according');
  it.each(signals)('a lower-case phrase in a sentence with "%s" is someone’s words', (w) => {
    expect(kindOf(`The council ${w} the plan means ${PHRASE} in the region.`)).toBe('statement');
  });
  it.each(['ate', 'built', 'painted', 'bought'])('a lower-case phrase in a sentence with "%s" is a term', (w) => {
    expect(kindOf(`The council ${w} the plan means ${PHRASE} in the region.`)).toBe('term');
  });
  it.each(words(UTTERANCE_VERBS))('a short capitalised phrase after "%s" is an utterance', (v) => {
    expect(kindOf(`The crowd ${v} “Build the wall” again.`)).toBe('statement');
  });
  it.each(['painted', 'built', 'called', 'dubbed'])('a short capitalised phrase after "%s" is a term', (v) => {
    expect(kindOf(`The crowd ${v} “Build the wall” again.`)).toBe('term');
  });
  it.each(words(ATTRIBUTION_TAIL_VERBS))('“…?” Jane Smith %s. keeps the attribution in the quote’s sentence', (v) => {
    expect(speakerOf(`Tom Jones spoke first. “Why would we ever back down now?” Jane Smith ${v}. Tom Jones left.`)).toBe('Jane Smith');
  });
});

describe('German and French cues', () => {
  const table: [string, string | null][] = [
    ['„Wir werden diesen Kampf gewinnen“, sagte Angela Merkel.', 'Angela Merkel'],
    ['„Wir werden diesen Kampf gewinnen“, erklärte Olaf Scholz.', 'Olaf Scholz'],
    ['Angela Merkel betonte: „Wir werden diesen Kampf gewinnen.“', 'Angela Merkel'],
    ['„Wir werden diesen Kampf gewinnen“, laut Olaf Scholz.', 'Olaf Scholz'],
    ['« Nous allons gagner ce combat ensemble », a déclaré Emmanuel Macron.', 'Emmanuel Macron'],
    ['« Nous allons gagner ce combat ensemble », a affirmé Élisabeth Borne.', 'Élisabeth Borne'],
    ['Selon Emmanuel Macron, « nous allons gagner ce combat ensemble ».', 'Emmanuel Macron'],
    // An article or a noun after the auxiliary is no cue.
    ['« Nous allons gagner ce combat ensemble », a Paris.', null],
  ];
  it.each(table)('%s → %s', (text, speaker) => {
    expect(speakerOf(text)).toBe(speaker);
  });
});
