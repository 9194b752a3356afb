// Speaker accuracy by source kind, for corpora whose labels give the speaker as a string only (seeds,
// BASIL, German WikiNews). The kind is read from the labelled string, a documented approximation:
// - pronoun / first person: the label is (or stands for) a pronoun mention (only the German labels say so);
// - description: the label opens with an article or a lower-case word ("a senior official", "der Sprecher");
// - organisation: its last word is an organisation word ("… Committee", "… campaign", "Reuters", "Ministerium");
// - named person: anything else.
import { SOURCE_KINDS, type KindTally, type SourceKind, countKind, emptyTally, kindLines } from './speakers-eval';

export { SOURCE_KINDS, type KindTally, type SourceKind, countKind, emptyTally, kindLines };

const ORG_LAST = /(?:council|committee|department|ministry|agency|party|association|union|court|office|times|post|news|journal|institute|university|center|centre|foundation|fund|commission|bank|group|corp|inc|company|network|campaign|administration|government|army|police|coalition|service|board|bureau|organi[sz]ation|press|magazine|daily|caucus|congress|senate|parliament|cabinet|authority|reuters|politico|pentagon|house|ministerium|regierung|partei|polizei|verband|gericht|amt|bundesamt|agentur|zeitung|kommission|rat|behörde|institut|unternehmen|konzern|staatsanwaltschaft)$/i;

const DOCUMENT_LAST = /^(?:letter|resolution|cable|report|memo|ad|advertisement|website|transcript|release|statute|video|clip|study|poll|bill|platform|tweet|email|book|document|filing|order|ruling|editorial|article|brochure|flyer|sign|email|petition)$/i;

export function kindOfLabel(speaker: string, pronoun = false, firstPerson = false): SourceKind {
  if (firstPerson) return 'first person';
  if (pronoun) return 'pronoun';
  const s = speaker.replace(/\s*\([^)]*\)\s*$/, '').trim();
  // "Georgetown faculty letter", "State Department cable": a document speaks, a description.
  if (DOCUMENT_LAST.test(s.split(/\s+/).pop() ?? '')) return 'description';
  if (/^(?:a|an|the|one|two|some|several|many|der|die|das|ein|eine|einer|eines)\s/i.test(s) || /^\p{Ll}/u.test(s)) {
    // "the Obama campaign", "the White House": an organisation under its article.
    if (/^the\s+\p{Lu}/u.test(s) && ORG_LAST.test(s.split(/\s+/).pop() ?? '')) return 'organisation';
    return 'description';
  }
  if (ORG_LAST.test(s.split(/\s+/).pop() ?? '')) return 'organisation';
  return 'named person';
}
