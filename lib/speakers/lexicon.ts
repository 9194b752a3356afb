// The lexicon: first names with gender, places, demonyms and common words, from compromise's word list
// (a table lookup; compromise's parser itself is not run, it costs ~20 ms per article).
import nlp from 'compromise';

export type WordClass = 'male' | 'female' | 'first' | 'last' | 'place' | 'demonym' | 'org' | 'common';
let lexicon: Map<string, WordClass> | null = null;
/** Words compromise lists only as verbs: a "description" holding one is a misread clause. */
export const verbWords = new Set<string>();
/** Nouns, so that "family" or "ally" are not taken for adverbs in -ly. */
export const nounWords = new Set<string>();
/** Nouns of persons ("mother", "lawyer", "analyst"), for descriptions that refer to a named person. */
export const personNouns = new Set<string>();

export function isVerbWord(word: string): boolean {
  const w = word.toLowerCase();
  if (wordClass(w) === undefined && /^\p{Ll}{3,}ed$/u.test(word)) return true; // "bemoaned"
  return verbWords.has(w);
}

export function wordClass(word: string): WordClass | undefined {
  if (!lexicon) {
    lexicon = new Map();
    const lex = (nlp as unknown as { model(): { one: { lexicon: Record<string, string | string[]> } } }).model().one.lexicon;
    for (const [w, tag] of Object.entries(lex)) {
      if (w.includes(' ')) continue;
      const t = Array.isArray(tag) ? tag.join(',') : tag;
      let c: WordClass = 'common';
      if (t.includes('MaleName')) c = 'male';
      else if (t.includes('FemaleName')) c = 'female';
      else if (t.includes('FirstName')) c = 'first';
      else if (t.includes('LastName') || t.includes('Person')) c = 'last';
      else if (t.includes('Demonym')) c = 'demonym';
      else if (/Country|City|Region|Place/.test(t)) c = 'place';
      else if (/Organization|SportsTeam/.test(t)) c = 'org';
      else if (t.includes('Honorific')) continue;
      // Finite forms only: infinitives ("tax", "report") are as often nouns.
      if (c === 'common' && /Noun|Singular|Plural|Uncountable|Actor/.test(t)) nounWords.add(w);
      if (c === 'common' && t.includes('Actor')) personNouns.add(w);
      if (c === 'common' && /PastTense|PresentTense|Modal|Copula/.test(t) && !/Noun|Singular|Plural|Adjective|Actor/.test(t)) verbWords.add(w);
      lexicon.set(w, c);
    }
  }
  return lexicon.get(word.toLowerCase());
}

export function bare(core: string): string {
  let b = core.toLowerCase();
  if (b.endsWith('.')) b = b.slice(0, -1);
  if (b.endsWith("'s") || b.endsWith('’s')) b = b.slice(0, -2);
  return b;
}

/** Whether a noun names a person ("mother", "strategist", "spokesman"). */
export function isPersonNoun(word: string): boolean {
  const w = word.toLowerCase();
  wordClass(w); // loads the lists
  return personNouns.has(w) || /(?:ist|man|woman|person|or|er)$/.test(w) && nounWords.has(w) || /(?:ist|sman|swoman|person)$/.test(w);
}
