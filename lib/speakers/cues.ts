// Speech cues around a quote: a speech verb and its source, before or after the quote.
import { CUE_FRAMES, GERUND, INVERTED_AUXILIARIES, SOURCE_LEADS, SPEAKER_VERBS } from '../text/vocabulary';
import { MASK } from './layout';
import { type PageNames, nameGroups } from './name-groups';
import { DETERMINER, MAX_APPOSITIVE_CHARS, type Source, describe, subjectBefore } from './subject';
import { PRONOUNS, SUBJECT_VERB_CHARS, TAIL_CHARS, findVerbs } from './verbs';
import { type VerbIndex, findVerbsAt } from './verb-index';

export interface Cue {
  source: Source;
  cue: string;
  /** Position of the source mention, for resolving against the people named before it. */
  pos: number;
}

export const SOURCE_LEAD = SOURCE_LEADS.map((l) => l.replace(' ', '\\s+')).join('|');
/** A source lead opening the words after a quote, and any source lead in the words before one. */
export const SOURCE_LEAD_START = new RegExp(`^(${SOURCE_LEAD})\\s+`, 'iu');
export const SOURCE_LEAD_ANY = new RegExp(`(?<![\\p{L}])(${SOURCE_LEAD})\\s+`, 'giu');
/** A speech verb opening the words after a quote, perhaps after an auxiliary of a compound past. */
export const INVERTED_VERB = new RegExp(`^(?:(?:${INVERTED_AUXILIARIES.join('|')})\\s+)?([\\p{L}'’#-]+)\\s+`, 'u');

/** The speaker phrase after an inverted verb: "said resident Mohammed Abu Habib", "according to Netanyahu". */
export function subjectAfter(names: PageNames, text: string, offset: number): Source | null {
  // Periods of abbreviations and initials ("Rep. G.K. Butterfield") stay inside the phrase.
  const m = text.match(/^\s*((?:[^,.;:—–()#]|\.(?=\s?\p{Lu}))+)/u);
  if (!m) return null;
  let phrase = m[1];
  // Stop at a following clause or prepositional tail: "said White House spokesperson John Kirby, adding".
  phrase = phrase.replace(/\s+(?:who|which|adding|in|on|at|of|for|with|during|after|before|last|this|when|while|as)\b.*$/u, '');
  const trimmed = phrase.trim();
  if (!trimmed) return null;
  const pron = trimmed.toLowerCase();
  if (PRONOUNS.has(pron)) return { type: 'pronoun', word: pron, pos: offset + text.indexOf(trimmed) };
  if (/^(?:that|it|this|the\s+(?:plan|measure|move))\b/i.test(trimmed) && !/^the\b/i.test(trimmed)) return null;
  const start = offset + text.indexOf(trimmed);
  const groups = nameGroups(names, trimmed, start);
  const lastGroup = groups[groups.length - 1];
  if (lastGroup && trimmed.slice(lastGroup.end - start).trim() === '') return { type: 'name', group: lastGroup };
  // "said the statement from Grimm's attorney, William McGinley.": a person's name in apposition to the
  // description is who spoke.
  const appositive = /^,\s*([^,.;:#—–()]+?)\s*(?:[.,;]|$)/u.exec(text.slice(m[0].length));
  if (appositive && (DETERMINER.test(trimmed) || /['’]s?\s/u.test(trimmed))) {
    const at = offset + m[0].length + appositive[0].indexOf(appositive[1]);
    const gs = nameGroups(names, appositive[1], at);
    if (gs.length === 1 && gs[0].kind === 'person' && gs[0].start === at && gs[0].end === at + appositive[1].length) return { type: 'name', group: gs[0] };
  }
  if (trimmed.split(/\s+/).length <= 8 && DETERMINER.test(trimmed)) return { type: 'description', text: describe(trimmed) };
  return null;
}
/** Cues in the words right after a quote: `,” Mr. Blinken said`, `,” said resident X`, `― Maria Lopez`. */
export function cueAfter(names: PageNames, right: string, offset: number): Cue | null {
  const lead = right.match(/^[\s,;]*/)![0].length;
  const r = right.slice(lead);
  const o = offset + lead;
  const dash = r.match(/^[―—–-]+\s*/);
  // "-- and Fred Goldberg, a former commissioner": the sentence goes on after the dash; no credit line.
  if (dash && !/^(?:and|or|but|as|which|who)\s/i.test(r.slice(dash[0].length))) {
    const src = subjectAfter(names, r.slice(dash[0].length), o + dash[0].length);
    if (src && src.type === 'name') return { source: src, cue: '―', pos: o };
  }
  const acc = SOURCE_LEAD_START.exec(r);
  if (acc) {
    const src = subjectAfter(names, r.slice(acc[0].length), o + acc[0].length);
    if (src) return { source: src, cue: acc[1].toLowerCase().replace(/\s+/g, ' '), pos: o };
  }
  // Inverted: "said resident Mohammed Abu Habib", "a déclaré Emmanuel Macron".
  const inv = INVERTED_VERB.exec(r);
  if (inv && SPEAKER_VERBS.has(inv[1]) && !GERUND.test(inv[1])) {
    const src = subjectAfter(names, r.slice(inv[0].length), o + inv[0].length);
    if (src) return { source: src, cue: inv[1], pos: o + inv[0].length };
  }
  // "…,” but he said that …": the cue belongs to the next clause, not to this quote. "…,” as a
  // Homeland Security memo put it": an "as" clause of speech credits the quote.
  if (/^(?:but|and|while|though|although|because|yet|so)\s/i.test(r)) return null;
  if (/^as\s/i.test(r) && !findVerbs(r.slice(0, SUBJECT_VERB_CHARS).replace(/[,.;:!?#—–][\s\S]*$/, ''), 1).length) return null;
  // Normal order: "he said", "Mr. Blinken said late Wednesday", "Blinken told reporters".
  const clause = r.slice(0, SUBJECT_VERB_CHARS + 20).replace(/[,.;:!?#—–][\s\S]*$/, '');
  const first = findVerbs(clause, 1)[0];
  if (first && first.index > 0 && first.index <= SUBJECT_VERB_CHARS && !GERUND.test(first.verb)) {
    const src = subjectBefore(names, clause.slice(0, first.index), o);
    if (src) return { source: src, cue: cueWithTail(first.verb, r.slice(first.index + first.verb.length)), pos: o };
  }
  // A name with appositives before the verb: `,” Mr. King, 82, told me`, `,” Michael McFaul, a senior
  // fellow at the Hoover Institution, said of RT`.
  if (/^\p{Lu}/u.test(r)) {
    for (const v of findVerbs(r.slice(0, MAX_APPOSITIVE_CHARS), 1)) {
      if (GERUND.test(v.verb)) break;
      const pre = r.slice(0, v.index);
      if (pre.includes(MASK)) break;
      const src = subjectBefore(names, pre, o);
      if (src && src.type === 'name') return { source: src, cue: cueWithTail(v.verb, r.slice(v.index + v.verb.length)), pos: o };
      break;
    }
  }
  return null;
}

export const CUE_FRAME = new RegExp(`^\\s+(${CUE_FRAMES.join('|')})\\b`);

export function cueWithTail(verb: string, after: string): string {
  const tail = CUE_FRAME.exec(after);
  return tail ? `${verb} ${tail[1]}` : verb;
}

/** Cues in the words before a quote in its sentence: "Blinken said, “", "X told members: “", "According to X, “".
 *  `left` is verbs.text from offset on, when the page's verb index is given. */
export function cueBefore(names: PageNames, left: string, offset: number, verbIndex: VerbIndex | null, maxVerbs = MAX_VERBS_TRIED): Cue | null {
  const acc = [...left.matchAll(SOURCE_LEAD_ANY)].pop();
  const verbs = findVerbsAt(verbIndex, left, offset).filter((v) => !(v.verb === 'states' && /\bUnited\s+$/.test(left.slice(Math.max(0, v.index - 10), v.index))));
  const lastVerb = verbs.pop();
  if (acc && (!lastVerb || acc.index! > lastVerb.index || /^meeting|^said/.test(lastVerb.verb))) {
    // "Welch said, according to Vermont Edition": the speaker, not the outlet relaying him.
    if (lastVerb && acc.index! > lastVerb.index) {
      const direct = cueAtVerb(names, left, offset, lastVerb.verb, lastVerb.index);
      if (direct) return direct;
    }
    // "According to Yahoo News, Clinton spokesman Jesse Lehrich said …": the one who said it, named after the outlet.
    if (lastVerb && acc.index! < lastVerb.index) {
      const direct = cueAtVerb(names, left, offset, lastVerb.verb, lastVerb.index);
      if (direct && direct.source.type === 'name' && direct.source.group.start > offset + acc.index! + acc[0].length) return direct;
    }
    const from = acc.index! + acc[0].length;
    const src = subjectAfter(names, left.slice(from), offset + from);
    if (src) return { source: src, cue: acc[1].toLowerCase().replace(/\s+/g, ' '), pos: offset + from };
  }
  const candidates = lastVerb ? [...verbs, lastVerb].reverse().slice(0, maxVerbs) : [];
  for (const v of candidates) {
    const cue = cueAtVerb(names, left, offset, v.verb, v.index);
    if (cue) return cue;
  }
  return null;
}

/** Earlier speech verbs tried when the last one has no subject ("Clinton says Trump's tweets …"). */
export const MAX_VERBS_TRIED = 3;

export function cueAtVerb(names: PageNames, left: string, offset: number, verb: string, vpos: number): Cue | null {
  // The clause that holds the verb starts after the last quote mark or semicolon before it.
  // An unlisted short quote before the verb (`''Hopefully,'' the president said`) also starts the clause.
  let closeAt = -1;
  for (const c of left.slice(0, vpos).matchAll(/(?:”|''|")(?=[\s,])/g)) closeAt = c.index! + c[0].length;
  const clauseStart = Math.max(left.lastIndexOf(MASK, vpos) + 1, left.lastIndexOf(';', vpos) + 1, closeAt);
  let before = left.slice(clauseStart, vpos);
  before = before.replace(/^[”"’'\s,]+/, (s) => ' '.repeat(s.length));
  const cited = verb === 'saying' ? before.match(/\b(?:cited|quoted|citing|quoting)\s+(.+?)\s+as\s*$/) : null;
  if (cited && verb === 'saying') {
    // "OCHA cited Palestinian Civil Defence as saying …": the one cited is the speaker.
    const from = clauseStart + cited.index! + cited[0].indexOf(cited[1]);
    const src = subjectAfter(names, cited[1], offset + from);
    if (src) return { source: src, cue: 'saying', pos: offset + from };
  }
  // "called for an “immediate” cease-fire": a demand, not words quoted from the one calling.
  if (/^\s+for\b/.test(left.slice(vpos + verb.length))) return null;
  const absolute = GERUND.test(verb) ? /\bwith\s+([^,;]+?)\s*$/.exec(before) : null;
  if (absolute) {
    // "with a UN panel of independent experts saying …": the gerund has its own subject.
    const from = clauseStart + absolute.index + absolute[0].indexOf(absolute[1]);
    const src = subjectBefore(names, absolute[1], offset + from);
    if (src) return { source: src, cue: verb, pos: offset + from };
  }
  if (GERUND.test(verb)) {
    // "calling it “delusional”": the subject of the main clause, before the participle.
    const trimmedBefore = before.trimEnd();
    const mainSrc = subjectBefore(names, trimmedBefore.endsWith(',') ? trimmedBefore.slice(0, -1) : trimmedBefore, offset + clauseStart);
    if (mainSrc) return { source: mainSrc, cue: verb, pos: offset + clauseStart };
    return null;
  }
  // "he was formally called to": a passive is no speech cue.
  if (/\b(?:was|were|been|being|is|are)\s+(?:\p{Ll}+ly\s+)?$/u.test(before.slice(-TAIL_CHARS))) return null;
  // "…, noted NBC’s Dante Chinni.": a verb after a comma with a name behind it is inverted.
  const afterVerb = left.slice(vpos + verb.length);
  const inverted = before.trimEnd().endsWith(',') && /^\s+\p{Lu}/u.test(afterVerb) ? subjectAfter(names, afterVerb, offset + vpos + verb.length) : null;
  if (inverted && inverted.type === 'name') return { source: inverted, cue: verb, pos: offset + vpos };
  let src = subjectBefore(names, before, offset + clauseStart);
  if (!src && !before.trim()) {
    // Inverted before the quote: "Said Mr. Smith: “…”".
    src = subjectAfter(names, left.slice(vpos + verb.length), offset + vpos + verb.length);
  }
  if (!src) return null;
  return { source: src, cue: cueWithTail(verb, left.slice(vpos + verb.length)), pos: offset + clauseStart };
}

/** A later clause in the sentence: "calling the measure a “…” that …, Russian Ambassador Vasily Nebenzya told members".
 *  `right` is verbs.text from offset on, when the page's verb index is given. */
export function cueLater(names: PageNames, right: string, offset: number, verbIndex: VerbIndex | null): Cue | null {
  for (const v of findVerbsAt(verbIndex, right, offset)) {
    if (GERUND.test(v.verb)) continue;
    const upto = right.slice(0, v.index);
    const clauseStart = Math.max(upto.lastIndexOf(MASK) + 1, upto.lastIndexOf(',') + 1, upto.lastIndexOf(';') + 1);
    const src = subjectBefore(names, upto.slice(clauseStart).replace(/^[”"’'\s]+/, (s) => ' '.repeat(s.length)), offset + clauseStart);
    if (src) return { source: src, cue: v.verb, pos: offset + clauseStart };
    return null;
  }
  return null;
}

/** How far after a quote the main clause's subject of a fronted participle is looked for. */
export const MAIN_SUBJECT_CHARS = 80;

/** "After saying her right foot was “…,” she was whisked off": a speech participle in a clause that opens
 *  the sentence has the main clause's subject, named right after the quote. */
export function frontedParticipleCue(names: PageNames, left: string, right: string, rightStart: number): Cue | null {
  const lead = /^\s*(?:after|before|while|since|upon|when|on|by|in)\s+(\p{Ll}+ing)\s/iu.exec(left);
  if (!lead || !SPEAKER_VERBS.has(lead[1].toLowerCase()) || /[,;:]/.test(left.slice(lead[0].length))) return null;
  const skip = /^[\s,;”"’']*/.exec(right)![0].length;
  const rest = right.slice(skip, skip + MAIN_SUBJECT_CHARS);
  const pron = /^(he|she|they|we|i)\s+\p{Ll}/iu.exec(rest);
  if (pron) return { source: { type: 'pronoun', word: pron[1].toLowerCase(), pos: rightStart + skip }, cue: lead[1], pos: rightStart + skip };
  const g = nameGroups(names, rest, rightStart + skip)[0];
  if (g && g.kind !== 'place' && g.start === rightStart + skip && /^\s+\p{Ll}/u.test(rest.slice(g.end - g.start))) return { source: { type: 'name', group: g }, cue: lead[1], pos: g.start };
  return null;
}

/** "…, including the former presidential candidate Mitt Romney -- ''It is disqualifying …'' --": a
 *  person's name closed by a dash right before the quote introduces it. */
export function dashLeadName(names: PageNames, left: string, offset: number): Cue | null {
  const dash = /\s*(?:--|—|–)\s*$/.exec(left.slice(-TAIL_CHARS));
  if (!dash) return null;
  const end = left.length - dash[0].length;
  const from = Math.max(0, end - MAX_APPOSITIVE_CHARS);
  const gs = nameGroups(names, left.slice(from, end), offset + from);
  const g = gs[gs.length - 1];
  if (!g || g.kind !== 'person' || g.end !== offset + end || g.nameTokens.length < 2) return null;
  return { source: { type: 'name', group: g }, cue: '—', pos: g.start };
}
