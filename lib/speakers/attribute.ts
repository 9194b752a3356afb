// Who said each quote: speech cues around the quote, then names, titles, surnames and pronouns
// resolved to the person they refer to. Runs in the background (it loads compromise's lexicon).
import type { Attribution, QuoteSpan } from '../types';
// Quotes shorter than STATEMENT_MIN_WORDS are phrases: their speakers do not take the discourse focus for
// later pronouns (lower would let a scare quote's speaker capture "he said").
import { STATEMENT_MIN_WORDS, documentSource } from '../quotes/find-quotes';
import { type Cue, cueAfter, cueBefore, cueLater, dashLeadName, frontedParticipleCue } from './cues';
import { readDiscourse, sentenceIndex } from './discourse';
import { ISSUING_VERBS, MASK, type Sentence, markBounds } from './layout';
import { type PronounResolver, type Reading, focusPronoun, introducedDocument, resolveSource } from './resolve';
export type { PronounResolver } from './resolve';
import { describe } from './subject';
import { documentLead } from './documents';
import { TAIL_CHARS } from './verbs';
import { findVerbsAt } from './verb-index';
import { firstAtOrAfter, speakerKey } from './people';
import { deadline, type TimeBudget } from '../time-budget';

/** With a time budget (budgetMs, on the caller's clock `now`): past it, the remaining quotes get
 *  no speaker and the result says it is partial, so that no page can keep the background busy. */
export interface AttributeOptions extends TimeBudget {
  /** How "he"/"she" is resolved: focusPronoun unless an evaluation measures another way against it. */
  pronouns?: PronounResolver;
}

/** Speakers of a page's quotes, and whether the time budget ran out before every quote was read. */
export interface PageAttribution {
  attributions: Attribution[];
  partial: boolean;
}
/** How far from a quote, in characters, its cues are read: beyond any attribution in real text
 *  (MAX_APPOSITIVE_CHARS is the longest reach of one), and a bound on each quote's work however
 *  long its sentence runs. */
export const LOOK_CHARS = 1000;

/** Sentences of the paragraph searched back for a cue when a quote's own sentence has none. */
export const MAX_SENTENCES_BACK = 12;

/** A sentence this short after a quote is its attribution ("Clinton said on Tuesday."); longer ones are
 *  new reporting whose subject need not be the quote's speaker. */
export const CUE_SENTENCE_WORDS = 8;
export const NONE: Attribution = { speaker: null, speakerKey: null, cue: null };

/**
 * One attribution per quote, same order: the speaker (a person's full name as the article gives it,
 * an organisation, or a description such as "a senior Israeli military official"), its key and cue.
 */
export function attributeSpeakers(text: string, quotes: QuoteSpan[], options: AttributeOptions = {}): Attribution[] {
  return attributePage(text, quotes, options).attributions;
}
// ---------------------------------------------------------------------------------------------
// Attributing each quote

/** True when masked[from, to) holds nothing but spaces (read from the end, where text is near). */
export function blank(masked: string, from: number, to: number): boolean {
  for (let k = to - 1; k >= from; k--) if (!/\s/.test(masked[k])) return false;
  return true;
}

/** Whether a sentence holds a quote, asked once per sentence. */
export function hasQuote(r: Reading, sen: Sentence): boolean {
  let has = r.quoteIn.get(sen.start);
  if (has === undefined) r.quoteIn.set(sen.start, (has = r.d.masked.slice(sen.start, sen.end).includes(MASK)));
  return has;
}

/** A sentence of at most max words (counting stops at max + 1). */
export function fewWords(masked: string, sen: Sentence, max: number): boolean {
  const re = /\S+/g;
  re.lastIndex = sen.start;
  let n = 0;
  for (let m = re.exec(masked); m && m.index < sen.end && n <= max; m = re.exec(masked)) n++;
  return n <= max;
}

/** The cue at the end of a sentence, read from its last LOOK_CHARS only. */
export function cueBeforeEnd(r: Reading, sen: Sentence): Cue | null {
  const from = Math.max(sen.start, sen.end - LOOK_CHARS);
  return cueBefore(r.d.names, r.d.masked.slice(from, sen.end), from, r.d.verbs);
}

/** The quote read just before, with its attribution and paragraph. */
export interface Previous {
  q: QuoteSpan;
  a: Attribution;
  para: number;
}

/** Where a quote sits: its marks' bounds and its sentence. */
export interface Place {
  ms: number;
  me: number;
  si: number;
  s: Sentence | undefined;
}

/** attributeSpeakers within a time budget: see AttributeOptions.budgetMs. */
export function attributePage(text: string, quotes: QuoteSpan[], options: AttributeOptions = {}): PageAttribution {
  if (typeof text !== 'string' || !Array.isArray(quotes) || !quotes.length) return { attributions: [], partial: false };
  const late = deadline(options);
  // Everything the page teaches (its names, people, speakers) lives in this reading and dies with it.
  const r: Reading = { d: readDiscourse(text, quotes), pronouns: options.pronouns ?? focusPronoun, speakerHistory: [], speechCache: null, quoteIn: new Map() };
  const order = quotes.map((_, i) => i).sort((a, b) => quotes[a].start - quotes[b].start);
  const result: Attribution[] = quotes.map(() => NONE);
  const statementSpeaker = new Map<number, Attribution>();
  let prev: Previous | null = null;
  let partial = false;
  for (const qi of order) {
    if (late()) {
      // Out of time: the quotes not yet read keep NONE.
      partial = true;
      break;
    }
    const q = quotes[qi];
    const [ms, me] = markBounds(text, q);
    const si = sentenceIndex(r.d.sentences, ms);
    const at: Place = { ms, me, si, s: r.d.sentences[si] };
    const final: Attribution = attributeQuote(r, q, at, prev, statementSpeaker) ?? NONE;
    result[qi] = final;
    recordSpeaker(r, q, at, final);
    if (final.speaker && !statementSpeaker.has(q.statement)) statementSpeaker.set(q.statement, final);
    prev = { q, a: final, para: at.s ? at.s.para : -1 };
  }
  return { attributions: result, partial };
}

/** A statement's speaker joins the history that pronouns are resolved against. */
export function recordSpeaker(r: Reading, q: QuoteSpan, at: Place, final: Attribution): void {
  const words = q.text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  if (q.kind === 'statement' && words >= STATEMENT_MIN_WORDS && final.speaker) {
    const person = final.speakerKey ? r.d.people.byName(final.speakerKey) : null;
    r.speakerHistory.push({ pos: at.s ? Math.max(at.me, at.s.end) : at.me, person, speaker: final.speaker, key: final.speakerKey });
  }
}

export function attributeQuote(r: Reading, q: QuoteSpan, at: Place, prev: Previous | null, statementSpeaker: Map<number, Attribution>): Attribution | null {
  let a: Attribution | null = null;
  // The second part of a split statement speaks with the first part's voice.
  if (prev && prev.q.statement === q.statement && prev.a.speaker && q.statement !== undefined && statementSpeaker.has(q.statement)) {
    a = statementSpeaker.get(q.statement)!;
  }
  if (!a && q.kind === 'statement') a = documentAttribution(r, at.ms);
  if (!a && at.s) a = cueInSentence(r, at, at.s);
  // A term (scare quote, title) is someone's word only when its own sentence says so.
  if (!a && at.s && q.kind !== 'term') a = cueAroundSentence(r, at, at.s, prev);
  if (!a && at.s && q.kind === 'statement') a = actingSubject(r, at, at.s);
  return a;
}

/** No speech cue at all: the person whose act the sentence reports ("In a speech, Trump attacked “…”",
 *  "Reid has gone after Trump as a “…”"), or, for a quote standing alone, the subject of the sentence
 *  just before it in its paragraph ("Clinton restricted her comments. “If any bank …”"). */
export function actingSubject(r: Reading, at: Place, s: Sentence): Attribution | null {
  const { subjects, sentences } = r.d;
  const own = subjects[firstAtOrAfter(subjects, s.start)];
  if (own && own.pos < at.ms) return { speaker: own.person.name, speakerKey: speakerKey(own.person.name), cue: null };
  const before = sentences[at.si - 1];
  if (!blank(r.d.masked, s.start, at.ms) || !before) return null;
  // A quote that is all of its paragraph, with no cue anywhere near, gives the words of the last
  // sentence's subject above it ("Clinton restricted comments to the hypothetical.\n\n“If any bank …”").
  const alone = before.para < s.para && !/\p{L}/u.test(r.d.masked.slice(at.me, s.end)) && r.d.sentences[at.si + 1]?.para !== s.para;
  if (before.para !== s.para && !alone) return null;
  const subj = subjects[firstAtOrAfter(subjects, before.start)];
  if (subj && subj.pos < before.end) return { speaker: subj.person.name, speakerKey: speakerKey(subj.person.name), cue: null };
  return null;
}

/** A document's wording ("a resolution supporting “…”") is the document's, not the sentence's subject's,
 *  unless the subject issued it ("the Security Council issued a statement calling for “…”"): then the
 *  cues name the issuer. */
export function documentAttribution(r: Reading, ms: number): Attribution | null {
  const { text } = r.d;
  const doc = documentSource(text, ms);
  const verb = doc ? /([\p{L}]+)\s*$/u.exec(text.slice(Math.max(0, doc.start - 20), doc.start))?.[1].toLowerCase() : undefined;
  if (!doc || (verb && ISSUING_VERBS.has(verb))) return null;
  // "the report says" names the document the article introduced ("An exhaustive study …").
  const desc = describe(text.slice(doc.start, doc.end));
  return { speaker: introducedDocument(r, desc, doc.start) ?? desc, speakerKey: null, cue: doc.link };
}

/** A cue in the quote's own sentence, before or after it; else the subject of a colon lead. */
export function cueInSentence(r: Reading, at: Place, s: Sentence): Attribution | null {
  const { masked, sentenceGroups } = r.d;
  const { ms, me } = at;
  let a: Attribution | null = null;
  const right = masked.slice(me, Math.min(s.end, me + LOOK_CHARS));
  const leftStart = Math.max(s.start, ms - LOOK_CHARS);
  const left = masked.slice(leftStart, ms);
  // A lead that ends in a comma or colon right before the quote introduces it ("X wrote to Y, ''…''
  // Y replied, ''…''"): it wins over a cue after the quote.
  const { names } = r.d;
  const introduced = /[,:]\s*$/.test(left.slice(-TAIL_CHARS)) && findVerbsAt(r.d.verbs, left, leftStart, 1).length ? cueBefore(names, left, leftStart, r.d.verbs) : null;
  const cue = introduced ?? dashLeadName(names, left, leftStart) ?? cueAfter(names, right, me) ?? cueBefore(names, left, leftStart, r.d.verbs) ?? cueLater(names, right, me, r.d.verbs) ?? frontedParticipleCue(names, masked.slice(s.start, ms), right, me);
  if (cue) a = resolveSource(r, cue);
  if (!a && left.trimEnd().endsWith(':')) {
    // "Kaine has adopted the stance common among Catholics: “…”": a colon lead names its subject.
    const opening = sentenceGroups[at.si]?.[0];
    if (opening && opening.kind !== 'place' && opening.start < ms && blank(masked, s.start, opening.start)) {
      a = resolveSource(r, { source: { type: 'name', group: opening }, cue: ':', pos: opening.start });
    }
    // "Partial transcript as follows: “…”": a document's heading; the document speaks.
    if (!a) a = documentHeading(r, s.start, ms);
  }
  return a;
}

/** The document whose heading ("Partial transcript as follows:", "The statement in full:") is
 *  masked[from, to), as the speaker of the words below it; null when it heads no document. */
export function documentHeading(r: Reading, from: number, to: number): Attribution | null {
  const doc = documentLead(r.d.masked.slice(from, to));
  return doc ? resolveSource(r, { source: { type: 'description', text: describe(doc) }, cue: ':', pos: from }) : null;
}

/** The paragraph just above sentence si's (blank lines between paragraphs count as none), looked for
 *  within MAX_SENTENCES_BACK sentences; -1 when there is none that near. */
export function paragraphBefore(sentences: Sentence[], si: number): number {
  const para = sentences[si].para;
  for (let k = si - 1; k >= 0 && k >= si - MAX_SENTENCES_BACK; k--) if (sentences[k].para < para) return sentences[k].para;
  return -1;
}

/** No cue in the sentence: the paragraph's other sentences, then a quote-only paragraph continues
 *  the previous speaker, else the next sentence names the speaker. */
export function cueAroundSentence(r: Reading, at: Place, s: Sentence, prev: Previous | null): Attribution | null {
  const { masked, sentences } = r.d;
  const { si } = at;
  let a: Attribution | null = null;
  const para = s.para;
  const lead = !blank(masked, s.start, at.ms);
  const prevS = sentences[si - 1];
  if (!lead && prevS && prevS.para < para && masked.slice(Math.max(prevS.start, prevS.end - LOOK_CHARS), prevS.end).trimEnd().endsWith(':')) {
    // "Caddell continued:" / "He said:" closing the paragraph before a quoted one.
    const c = cueBeforeEnd(r, prevS);
    if (c) a = resolveSource(r, c);
    // "On July 6, Sanders made the following comment:", "this statement by Trump on June 11:": no speech
    // verb, but the lead's person introduces the words.
    const subj = a ? null : r.d.subjects[firstAtOrAfter(r.d.subjects, prevS.start)];
    if (subj && subj.pos < prevS.end) a = { speaker: subj.person.name, speakerKey: speakerKey(subj.person.name), cue: ':' };
    // "Partial transcript as follows:" heading the paragraphs below.
    if (!a) a = documentHeading(r, prevS.start, prevS.end);
  }
  const next = sentences[si + 1];
  if (!a && next && next.para === para) {
    // `“…?” Clinton said.` split off as a sentence of its own.
    if (fewWords(masked, next, CUE_SENTENCE_WORDS) && !hasQuote(r, next)) {
      const c = cueBeforeEnd(r, next);
      if (c) a = resolveSource(r, c);
    }
  }
  if (!a && prev && prev.a.speaker && prev.para === para) a = { ...prev.a };
  for (let k = si - 1; k >= 0 && k >= si - MAX_SENTENCES_BACK && sentences[k].para === para && !a; k--) {
    const c = cueBeforeEnd(r, sentences[k]);
    if (c) a = resolveSource(r, c);
  }
  // The quote opens the next line after the last speaker's, or is all of its paragraph with blank lines
  // between: it goes on with that speaker. Words after a quote a blank line away (", zitiert der Focus
  // John West") are a cue of its own that was not understood.
  const alone = !lead && !/\p{L}/u.test(masked.slice(at.me, s.end)) && (!prevS || prevS.para < para);
  if (!a && prev && prev.a.speaker && !lead && (prev.para === para - 1 || (alone && prev.para === paragraphBefore(sentences, si)))) a = { ...prev.a };
  if (!a && next && (next.para === para || next.para === para + 1)) {
    // The speaker is named only in the next sentence or paragraph.
    const c = cueBeforeEnd(r, next) ?? cueAfter(r.d.names, masked.slice(next.start, Math.min(next.end, next.start + LOOK_CHARS)), next.start);
    if (c && !hasQuote(r, next)) a = resolveSource(r, c);
  }
  return a;
}
