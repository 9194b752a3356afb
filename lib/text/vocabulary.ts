// The speech-cue inventory, as data: the words that report speech and the roles each plays, the
// abbreviations whose period does not end a sentence, and the frames around a speech verb. Quote
// finding (lib/quotes) and attribution (lib/speakers) read the same tables.

/**
 * What a speech word tells the reader of a sentence:
 * - `speaker`: its subject ("Blinken said") or the name after it ("said Blinken") is the speaker;
 * - `signal`: in a short clause between two quote parts it makes the clause an attribution, and in
 *   the sentence of a quoted phrase it makes the phrase someone's words rather than a term;
 * - `utterance`: its object is the words uttered (chanted “Build the wall!”), where "called" or
 *   "dubbed" give a name to something instead;
 * - `tail`: `?” Clinton asked.` after a quote that ends on a stop stays in the quote's sentence.
 */
export type SpeechRole = 'speaker' | 'signal' | 'utterance' | 'tail';

/** Rows of [roles, words]; a word appears in exactly one row (enforced by test/vocabulary.test.ts). */
export const SPEECH_WORD_TABLE: readonly (readonly [readonly SpeechRole[], string])[] = [
  [['speaker', 'signal', 'utterance', 'tail'], 'said says added wrote declared asked replied tweeted shouted'],
  [['speaker', 'signal', 'utterance'], 'say writes responded posted announced yelled saying'],
  [['speaker', 'signal', 'tail'], 'told adds asks continued recalled joked'],
  [
    ['speaker', 'signal'],
    'tells declares acknowledged stated states explained explains noted notes continues recalls warned warns ' +
      'claimed claims insisted insists argued argues replies reported reports concluded suggested urged remarked ' +
      'observed admitted conceded cautioned predicted promised promises vowed vows boasted complained countered ' +
      'quipped emphasized stressed called calls described describes branded labeled labelled dubbed termed accused ' +
      'found finds adding calling telling writing arguing insisting describing claiming',
  ],
  [
    ['speaker'],
    'tell charged charges acknowledges responds tweets concludes suggests shouts announces urges admits concedes ' +
      'pledged complains wondered testified mused thundered demanded denied denies confirmed maintained contended ' +
      'asserted alleged lamented commented blasted slammed touted agreed proclaimed pointed points emailed thanked ' +
      'bemoaned bemoans groused scoffed interjected confided griped fumed gushed marveled laments retorted snapped ' +
      'recounted reiterated yells joking tweeting quipping asserting predicting promising boasting complaining replying ' +
      'responding answering lamenting conceding cautioning sings chants vowing noting declaring warning explaining ' +
      'urging accusing stating charging acknowledging admitting recalling branding dubbing labeling',
  ],
  [['speaker', 'utterance'], 'read reads screamed chanted exclaimed answered texted yelling shouting screaming sang chanting asking'],
  // Not verbs of their own, but they frame reported speech: "according to", "went on", "in a statement".
  [['signal'], 'according went accuses statement interview letter speech lauded praised dismissed quote quoted decried denounced bragged'],
  [['utterance'], 'chant cried reading whispered singing echoing muttered'],
  // German (sagte Merkel, erklärte der Minister) and French (a déclaré Macron, a affirmé le ministre):
  // the reporting verbs of news prose in the forms it prints them.
  [
    ['speaker', 'signal'],
    'sagte sagt sagten erklärte erklärt erklärten betonte betont betonten meinte meint warnte warnt forderte ' +
      'kritisierte schrieb schreibt fragte antwortete ergänzte versicherte ' +
      'déclaré affirmé ajouté expliqué souligné estimé indiqué précisé assuré dit déclare affirme ajoute explique ' +
      'souligne estime indique précise écrit répondu',
  ],
  [['speaker'], 'berichtete'],
  // Reporting words of German and French that mark a quote as someone's words: other verb forms,
  // naming verbs (bezeichnete … als, qualifié de, like English "called"), "laut"/"zufolge"/"selon"
  // (according to), the nouns of a statement, and the subjunctive forms only German indirect speech
  // uses ("Demnach sei er …").
  [
    ['signal'],
    'selon laut sagen gesagt sprach spricht fügte ergänzt teilte fordert fragt antwortet erwiderte bekräftigte ' +
      'unterstrich räumte behauptete behauptet bestätigte bestätigt kündigte verkündete zitiert zitierte twitterte ' +
      'zufolge äußerte hieß heißt mitteilung erklärung stellungnahme betonen bezeichnete bezeichnet bezeichneten ' +
      'beschrieb beschrieben nannte nennt sei seien könne müsse werde wolle solle dürfe ' +
      'disait déclara affirma ajouta expliqua assure lancé répond écrivait insisté martelé prévenu averti dénoncé ' +
      'confié raconté raconte déclaration entretien communiqué tweeté qualifié qualifie décrit',
  ],
];

function wordsWithRole(role: SpeechRole): ReadonlySet<string> {
  const out = new Set<string>();
  for (const [roles, words] of SPEECH_WORD_TABLE) if (roles.includes(role)) for (const w of words.split(' ')) out.add(w);
  return out;
}

/** Verbs whose subject (or inverted name) is the speaker. */
export const SPEAKER_VERBS = wordsWithRole('speaker');
/** Words that make a clause an attribution or a quoted phrase someone's words (quote finding). */
export const SPEECH_SIGNAL_WORDS = wordsWithRole('signal');
/** Verbs whose object is the words uttered. */
export const UTTERANCE_VERBS = wordsWithRole('utterance');
/** Verbs of a short attribution that stays in the sentence of a quote ending on a stop. */
export const ATTRIBUTION_TAIL_VERBS = wordsWithRole('tail');

/** Words that put the source after them: "according to Netanyahu", "per the party’s bylaws", "selon le ministre", "laut Merkel". */
export const SOURCE_LEADS = ['according to', 'per', 'selon', 'laut'] as const;

/** Auxiliaries of a compound past that open an inverted cue: "», a déclaré Macron", "ont affirmé". */
export const INVERTED_AUXILIARIES = ['a', 'ont', 'hat', 'haben'] as const;

/** Gerunds lead a participle clause whose subject is the main clause's subject. */
export const GERUND = /ing$/;

/** What may follow a speech verb and belongs to the cue ("said in a statement", "told reporters"). */
export const CUE_FRAMES = ['reporters', 'in a statement', 'in an interview', 'on Twitter', 'on X'] as const;

/** Abbreviations whose period does not end a sentence (lower case, inner dots kept: "u.s"). */
export const ABBREVIATIONS: ReadonlySet<string> = new Set([
  'mr', 'mrs', 'ms', 'dr', 'sen', 'rep', 'gov', 'gen', 'lt', 'col', 'capt', 'sgt', 'adm', 'st', 'jr', 'sr', 'prof',
  'rev', 'maj', 'cmdr', 'jan', 'feb', 'mar', 'apr', 'aug', 'sept', 'sep', 'oct', 'nov', 'dec', 'no', 'vs', 'inc',
  'corp', 'co', 'ltd', 'ft', 'mt', 'del', 'u.s', 'u.n', 'u.k', 'e.u', 'd.c', 'a.m', 'p.m', 'pres', 'atty', 'supt', 'sec',
]);

/** A word table written as an object literal, read as a Map: a lookup of "constructor" or
 *  "__proto__" finds nothing instead of what every object inherits. */
export function wordMap<V>(entries: Record<string, V>): ReadonlyMap<string, V> {
  return new Map(Object.entries(entries));
}
