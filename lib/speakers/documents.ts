// Documents as speakers: "the report says", "the clip says", "Partial transcript as follows:". A
// definite description of a document refers back to the document the article introduced ("An
// exhaustive study being released on Tuesday …" … "the report says"), and that first description is
// what tells a reader whose words they are.
import { MASK } from './layout';
import { wordClass } from './lexicon';
import { firstAtOrAfter } from './people';

/** Document nouns by kind: a later "the clip" refers back to "a web video", "the report" to "a study". */
const DOCUMENT_KINDS: Record<string, string> = {
  video: 'video', clip: 'video', ad: 'video', advertisement: 'video', spot: 'video', commercial: 'video', footage: 'video',
  report: 'report', study: 'report', analysis: 'report', survey: 'report', audit: 'report', review: 'report', paper: 'report',
  memo: 'memo', memorandum: 'memo', letter: 'letter', email: 'letter', cable: 'memo',
  complaint: 'filing', filing: 'filing', lawsuit: 'filing', suit: 'filing', brief: 'filing', motion: 'filing', indictment: 'filing',
  ruling: 'ruling', decision: 'ruling', opinion: 'ruling', order: 'ruling', verdict: 'ruling',
  book: 'book', memoir: 'book', article: 'article', story: 'article', piece: 'article', column: 'article', editorial: 'article', profile: 'article',
  statement: 'statement', release: 'statement', transcript: 'transcript', platform: 'platform', document: 'document', poll: 'poll',
};

/** The kind of a document noun (singular, lower case), or undefined for any other word. */
export function documentKind(noun: string): string | undefined {
  return Object.hasOwn(DOCUMENT_KINDS, noun) ? DOCUMENT_KINDS[noun] : undefined;
}

/** Words between "a"/"an" and the document noun of an introducing mention: "a new 30-second web video". */
const MAX_MODIFIERS = 4;
/** An introducing mention: an indefinite noun phrase ending in a document noun, with what names its
 *  maker right after it ("by the Republican National Committee", "from Citizens for Tax Justice"). */
const INTRODUCED = new RegExp(
  String.raw`(?<![\p{L}])(?:a|an|A|An)\s+((?:(?!(?:to|of|for|and|or|in|on|at|by|with|the|a|an|that|which|who|is|was)\s)[\p{L}\d'’-]+\s+){0,${MAX_MODIFIERS}}?)(${Object.keys(DOCUMENT_KINDS).join('|')})\b(?!['’-])` +
    String.raw`((?:\s+(?:by|from)\s+(?:the\s+)?\p{Lu}[\p{L}.'’&-]*(?:\s+(?:of\s+|for\s+|and\s+)?\p{Lu}[\p{L}.'’&-]*){0,6})?)`,
  'gu',
);

export interface DocumentMention {
  pos: number;
  kind: string;
  /** The mention as a speaker: "a web video by the Republican National Committee". */
  text: string;
}

/** Every introducing mention of a document in the masked text, in text order (one pass of a regular
 *  expression whose every match reads a bounded stretch: linear in the page). */
export function documentMentions(masked: string): DocumentMention[] {
  const out: DocumentMention[] = [];
  for (const m of masked.matchAll(INTRODUCED)) {
    const kind = documentKind(m[2]);
    if (!kind || m[0].includes(MASK) || /[.!?;]/.test(m[1])) continue;
    out.push({ pos: m.index, kind, text: m[0].replace(/^A/, 'a').replace(/\s+/g, ' ') });
  }
  return out;
}

/** A definite or demonstrative description of a document ("the report", "this study", "the RNC clip"):
 *  its kind, else undefined. */
export function definiteDocumentKind(desc: string): string | undefined {
  const m = /^(?:the|this|that)\s+(?:[\p{L}\d'’-]+\s+){0,2}?(\p{Ll}+)$/u.exec(desc.trim());
  return m ? documentKind(m[1]) : undefined;
}

/** How far back, in introducing mentions, a definite document description looks for the one it means. */
export const DOCUMENT_BACK = 50;

/** The introducing mention a definite document description refers to: the nearest one of its kind
 *  before pos. */
export function documentAntecedent(mentions: readonly DocumentMention[], desc: string, pos: number): DocumentMention | null {
  const kind = definiteDocumentKind(desc);
  if (!kind) return null;
  const end = firstAtOrAfter(mentions, pos);
  for (let k = end - 1; k >= 0 && k >= end - DOCUMENT_BACK; k--) if (mentions[k].kind === kind) return mentions[k];
  return null;
}

/** A colon lead that is a document's heading: "Partial transcript as follows:", "The statement in
 *  full:", "The letter reads:" — the document speaks. Returns the noun phrase, else null. */
export function documentLead(lead: string): string | null {
  const m = DOCUMENT_LEAD.exec(lead);
  if (!m || !documentKind(m[2].toLowerCase())) return null;
  // "Partial transcript": a common word opening the sentence is not capitalised in the middle of one.
  const first = m[1].split(/\s+/)[0];
  return wordClass(first) === 'common' ? m[1].charAt(0).toLowerCase() + m[1].slice(1) : m[1];
}

/** A short noun phrase, perhaps with "as follows"/"reads"/"in full", closing on a colon. */
const DOCUMENT_LEAD = /^\s*((?:(?:the|a|an|his|her|their|its)\s+)?(?:[\p{L}\d'’-]+\s+){0,3}?(\p{L}+))(?:\s+(?:as\s+follows|in\s+full|in\s+part|reads|read|states|says))?\s*:\s*$/iu;
