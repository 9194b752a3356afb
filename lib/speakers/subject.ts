// The subject before a speech verb: the speaker phrase walked back over its appositives.
import { documentKind } from './documents';
import { MASK } from './layout';
import { isVerbWord, nounWords, wordClass } from './lexicon';
import { type NameGroup, type PageNames, nameGroups } from './name-groups';
import { FUNCTION_WORDS, PRONOUNS, TAIL_CHARS, findVerbs, stripAdverbTail } from './verbs';

/** Who a speaker phrase names: a name group, a pronoun to resolve at pos, or a description. */
export type Source =
  | { type: 'name'; group: NameGroup }
  | { type: 'pronoun'; word: string; pos: number }
  | { type: 'description'; text: string };

export const DETERMINER = /^(?:a|an|the|one|two|three|several|some|many|other|another|its|his|her|their|our|this|that|these|those|\d+)\b/i;

/** The speaker phrase in the words before a speech verb: "Speaking in Nicosia, Egyptian Foreign Minister Sameh Shoukry". */
export function subjectBefore(names: PageNames, text: string, offset: number): Source | null {
  const chunks = subjectChunks(stripTimeTail(text));
  if (!chunks.length) return null;
  // Walk back over the subject and its appositives ("Kerr Putney, the Charlotte-Mecklenburg police
  // chief,"; "Emad, 55, a father of six …,"; "Donna Sampson Rawlings, 59, of Ashton, Md., who …,").
  const w: SubjectWalk = { names, offset, description: null, appositivePerson: null, used: 0 };
  for (let k = chunks.length - 1; k >= 0 && w.used < MAX_APPOSITIVE_CHUNKS; k--) {
    const step = readChunk(w, chunks[k], k, k === chunks.length - 1);
    if (step === 'stop') break;
    if (step !== 'next') return step;
  }
  return walkResult(w);
}

/** Words before a verb without the adverbs and times right before it ("Mr. Blinken said late Wednesday"). */
export function stripTimeTail(text: string): string {
  let t = stripAdverbTail(text);
  const cut = Math.max(0, t.length - TAIL_CHARS);
  t = t.slice(0, cut) + t.slice(cut).replace(/\s+(?:(?:on|in|at|late|early)\s+(?:\p{Lu}\p{Ll}+day|\p{Ll}+)|(?:earlier|later|last|this|next)\s+(?:week|month|year|night|morning|\p{Lu}\p{Ll}+day))\s*$/u, '');
  return stripAdverbTail(t);
}

export interface Chunk {
  text: string;
  start: number;
}

/** The stretches between commas, dashes, colons and brackets. */
export function subjectChunks(t: string): Chunk[] {
  const chunks: Chunk[] = [];
  const re = /[^,;—–:()]+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(t))) if (m[0].trim()) chunks.push({ text: m[0], start: m.index });
  return chunks;
}

/** The walk left over a verb's chunks: a description met so far, a person closing an appositive. */
export interface SubjectWalk {
  names: PageNames;
  offset: number;
  description: string | null;
  appositivePerson: NameGroup | null;
  used: number;
  /** Set past an adverbial between subject and verb: only a chunk that is a bare name may follow. */
  bareNameOnly?: boolean;
}

/** One chunk of the walk, read as the words of one phrase. */
export interface ChunkRead {
  /** The chunk without its leading marks and conjunctions. */
  c: string;
  cStart: number;
  trimmed: string;
  words: string[];
  last: boolean;
  k: number;
}

/** What a chunk tells: the speaker, read on ('next'), or stop the walk. */
export type ChunkStep = Source | 'next' | 'stop';

export function readChunk(w: SubjectWalk, chunk: Chunk, k: number, last: boolean): ChunkStep {
  // Marks left of a chunk belong to an unlisted short quote (`''That,'' he added`).
  let c = chunk.text.replace(/^[\s”"’'“‘]+/u, (x) => ' '.repeat(x.length));
  const lead = c.match(/^\s*(?:(?:and|but|yet|so|then|also|or|now)\s+)*/i)?.[0].length ?? 0;
  c = c.slice(lead);
  const cStart = w.offset + chunk.start + lead;
  const asName = asClauseName(w.names, c, cStart);
  if (asName) return asName;
  if (/^\s*(?:as|when|while|though|although|because|if|since|once|until|after|before|whereas)\s/i.test(c) && !last) return 'stop';
  const trimmed = c.trim();
  if (!trimmed || trimmed.includes(MASK)) return 'stop';
  const r: ChunkRead = { c, cStart, trimmed, words: trimmed.split(/\s+/), last, k };
  if (w.bareNameOnly) return bareNameChunk(w, r) ?? 'stop';
  const pronoun = pronounSubject(w, r);
  if (pronoun) return pronoun;
  w.used++;
  return clauseStep(w, r) ?? nameStep(w, r) ?? descriptionStep(w, r);
}

/** A subordinate clause ("As a phone rang,") is never the speaker, but "As Andrew J. Tabler, an expert
 *  …, noted" names one. */
export function asClauseName(names: PageNames, c: string, cStart: number): Source | null {
  const asName = /^\s*as\s+/i.exec(c);
  if (!asName) return null;
  const at = cStart + asName[0].length;
  const gs = nameGroups(names, c.slice(asName[0].length), at);
  if (gs.length === 1 && gs[0].kind !== 'place' && c.slice(asName[0].length + gs[0].end - at).trim() === '') return { type: 'name', group: gs[0] };
  // "as a Homeland Security memo put it": a noun phrase of its own.
  const np = c.slice(asName[0].length).trim();
  const words = np.split(/\s+/);
  if (DETERMINER.test(np) && words.length <= MAX_HEAD_WORDS && !words.slice(1).some((x) => /^\p{Ll}/u.test(x) && isVerbWord(x))) {
    const cleaned = cleanDescription(np);
    if (cleaned === np) return { type: 'description', text: describe(np) };
  }
  return null;
}

/** A pronoun subject, or 'stop' for a chunk too long to be a subject (not the verb's own chunk). */
export function pronounSubject(w: SubjectWalk, r: ChunkRead): ChunkStep | null {
  const { c, cStart, trimmed, words, last } = r;
  const pron = trimmed.toLowerCase().replace(/['’]s$/, '');
  if (words.length === 1 && PRONOUNS.has(pron)) {
    if (w.description) return 'stop';
    return { type: 'pronoun', word: pron, pos: cStart + c.indexOf(trimmed) };
  }
  if (!last) return words.length > MAX_SUBJECT_WORDS ? 'stop' : null;
  const lastWord = words[words.length - 1].toLowerCase();
  if (words.length > 1 && /^(?:he|she|it|they)$/.test(lastWord) && /^(?:what|as|that|which|whom|how)$/i.test(words[words.length - 2])) {
    // "through what she calls": a pronoun right before the verb after a relative word.
    return { type: 'pronoun', word: lastWord, pos: cStart + c.lastIndexOf(words[words.length - 1]) };
  }
  if (words.length === 3 && PRONOUNS.has(words[0].toLowerCase()) && words[2] === 'and' && isVerbWord(words[1])) {
    // "I laughed and said": a pronoun whose two verbs are joined.
    return { type: 'pronoun', word: words[0].toLowerCase(), pos: cStart + c.indexOf(words[0]) };
  }
  // "He then defended the remark, saying …": an adverb may stand between the pronoun and its verb.
  const verbAt = words.length > 2 && /^(?:then|also|later|again|quickly|swiftly|repeatedly|\p{Ll}+ly)$/u.test(words[1]) ? 2 : 1;
  if (words.length > verbAt && /^(?:he|she)$/i.test(words[0]) && isVerbWord(words[verbAt].replace(/[^\p{L}]/gu, ''))) {
    // "He then defended the remark, saying …": the pronoun subject of the main clause.
    return { type: 'pronoun', word: words[0].toLowerCase(), pos: cStart + c.indexOf(words[0]) };
  }
  return null;
}

/** Relative clauses, chained verb phrases, adverbials, ages and home towns between a name and its verb. */
export function clauseStep(w: SubjectWalk, r: ChunkRead): ChunkStep | null {
  const { c, cStart, trimmed, words, last } = r;
  if (/^(?:which|that|whom)\s/i.test(trimmed) && last) {
    // "which army chief Herzi Halevi has said is …": the relative clause has its own subject.
    const innerGroups = nameGroups(w.names, c, cStart);
    const inner = innerGroups[innerGroups.length - 1];
    if (inner && c.slice(inner.end - cStart).trim() === '' && inner.kind !== 'place') return { type: 'name', group: inner };
  }
  // A verb phrase chained to the subject ("Donald Trump, her opponent, bemoaned the unrest and said")
  // and adverbials ("as well") sit between a subject and its verb.
  if (/^(?:as well|too|however|though|meanwhile|instead|again|also|in turn|in return|in response|in particular|for example|for instance|in fact|of course)$/i.test(trimmed)) return 'next';
  // "retired Air Force general Lloyd Newton": a participle before a titled name modifies it.
  if (isVerbWord(words[0].replace(/[^\p{L}]/gu, '')) && !/^\p{Lu}/u.test(words[0]) && !titledName(w, r)) return 'next';
  // Relative clauses, ages, home towns and state abbreviations between a name and its verb.
  if (/^(?:who|which|whose|that)\b/i.test(trimmed) || /^\d+$/.test(trimmed) || /^[RDI]-[\p{L}.]+$/u.test(trimmed) || /^(?:of|from)\s+\p{Lu}/u.test(trimmed) || /^\p{Lu}[\p{L}.]{0,5}\.$/u.test(trimmed)) return 'next';
  return null;
}

/** A short chunk that is a person's full name after its lower-case modifiers and title ("retired Air
 *  Force general Lloyd Newton"): the name ends the chunk and no determiner opens it. */
export function titledName(w: SubjectWalk, r: ChunkRead): boolean {
  if (r.words.length > MAX_HEAD_WORDS || DETERMINER.test(r.trimmed) || !/^\p{Lu}/u.test(r.words[r.words.length - 1])) return false;
  const groups = nameGroups(w.names, r.c, r.cStart);
  const g = groups[groups.length - 1];
  return !!g && g.kind === 'person' && r.c.slice(g.end - r.cStart).trim() === '' && g.nameTokens.length > 1;
}

/** A short chunk that ends in a name, with no determiner ("Democratic nominee Hillary Clinton"). */
export function bareNameChunk(w: SubjectWalk, r: ChunkRead): Source | null {
  if (r.words.length > MAX_HEAD_WORDS || DETERMINER.test(r.trimmed) || !/^\p{Lu}/u.test(r.trimmed)) return null;
  // A title-case run holding a speech verb is a headline ("Obama Says Museum Will …"), not a name.
  if (findVerbs(r.trimmed.toLowerCase(), 1).length) return null;
  const groups = nameGroups(w.names, r.c, r.cStart);
  const g = groups[groups.length - 1];
  if (!g || g.kind === 'place' || r.c.slice(g.end - r.cStart).trim() !== '') return null;
  return { type: 'name', group: g };
}

/** The names of a chunk: a bare name, a name ending the chunk, or the name that opens the verb's clause. */
export function nameStep(w: SubjectWalk, r: ChunkRead): ChunkStep | null {
  const { c, cStart, trimmed, last, k } = r;
  const groups = nameGroups(w.names, c, cStart);
  const lastGroup = groups[groups.length - 1];
  const endsWithName = !!lastGroup && c.slice(lastGroup.end - cStart).trim() === '';
  const bareName = endsWithName && groups.length === 1 && c.slice(0, lastGroup.start - cStart).trim() === '';
  const det = DETERMINER.test(trimmed) || /^\p{Ll}/u.test(trimmed);
  if (bareName && (lastGroup.kind !== 'place' || lastGroup.nameTokens.length > 1)) return { type: 'name', group: lastGroup };
  // "Dan McLaughlin at the National Review": the person, not the place of work.
  if (groups.length >= 2 && groups[0].kind === 'person' && c.slice(0, groups[0].start - cStart).trim() === '' && /^\s*(?:at|of|from|with|for)\s+(?:the\s+)?$/i.test(c.slice(groups[0].end - cStart, groups[1].start - cStart))) {
    return { type: 'name', group: groups[0] };
  }
  if (w.description && !DETERMINER.test(w.description)) return 'stop';
  if (endsWithName && !det && lastGroup.kind !== 'place') return { type: 'name', group: lastGroup };
  // "I hope in 2017 America says": a country right before the verb is its subject, unless a preposition
  // makes it a place ("Officials in Kabul said").
  if (last && endsWithName && !det && lastGroup.kind === 'place' && r.words.length <= MAX_HEAD_WORDS && placeIsSubject(c.slice(0, lastGroup.start - cStart))) return { type: 'name', group: lastGroup };
  if (endsWithName && lastGroup.kind === 'person') {
    // "Dog Andres, a spokesman for House Speaker Paul Ryan, said": a name ending an appositive is the
    // speaker only when no bare name stands before it.
    if (!det || k === 0) return { type: 'name', group: lastGroup };
    w.appositivePerson = w.appositivePerson ?? lastGroup;
  }
  // "Trump unleashed a series of tweets early Friday saying …", "Trump told a North Carolina rally,
  // saying": the name that opens the clause.
  const opening = groups[0];
  if (last && opening && opening.kind !== 'place' && !det && c.slice(0, opening.start - cStart).trim() === '' && !isPossessiveModifier(c, opening, cStart)) {
    return { type: 'name', group: opening };
  }
  return null;
}

/** A chunk without a name that is the speaker: a description, kept while the walk looks further left. */
export function descriptionStep(w: SubjectWalk, r: ChunkRead): ChunkStep {
  const { trimmed, words, last } = r;
  // "Rick Santorum, for example, put out a statement … that claimed", "…, recently releasing a report
  // claiming": the one who issued the document is the subject further left.
  if (last && !w.description && ISSUED_DOCUMENT.test(trimmed)) return 'next';
  const det = DETERMINER.test(trimmed) || /^\p{Ll}/u.test(trimmed);
  // "a historian who attended the session": the noun phrase before its relative clause.
  const headNp = det ? trimmed.replace(/\s+(?:who|whom|whose|which|that)\s.*$/i, '') : trimmed;
  if (headNp !== trimmed && headNp.split(/\s+/).length <= MAX_HEAD_WORDS) {
    if (w.description && (!DETERMINER.test(w.description) || words.length > MAX_HEAD_WORDS)) return 'stop';
    w.description = headNp;
    return 'next';
  }
  if (last) {
    const clause = clauseSubject(w, r, det);
    if (clause) return clause;
  }
  if (det || /^\p{Lu}/u.test(trimmed)) {
    // A description: keep looking left for the name it describes; else the description speaks.
    if (/^(?:in|on|at|after|before|during|for|with|without|despite|to|by|like|unlike|since|while|when|if|once)\s/i.test(trimmed) || /^\p{L}+ing\s/u.test(trimmed)) {
      // "Democratic nominee Hillary Clinton, at a later press gaggle, said", "President Obama, dedicating
      // the museum on Saturday, said": an adverbial set off between the subject and its verb.
      // Only a bare name before it is the subject.
      if (w.description || w.used !== 1 || r.k === 0) return 'stop';
      w.bareNameOnly = true;
      return 'next';
    }
    // Only an appositive ("…, a division of …,") lets an earlier noun phrase take over as the head;
    // a clause ("Nike holds $10.7 billion offshore") does not.
    if (w.description && (!DETERMINER.test(w.description) || words.length > MAX_HEAD_WORDS || words.slice(1).some((x) => isVerbWord(x.replace(/[^\p{L}]/gu, ''))))) return 'stop';
    // "a key issue was the unusual language that said": the noun phrase the relative clause hangs on.
    w.description = trimmed.replace(/\s+(?:that|which|who)$/i, '').replace(/^.*\b(?:is|was|are|were|been|be)\s+(?=\S)/i, '');
    return 'next';
  }
  return 'stop';
}

/** In the verb's own chunk, a clause: its subject is the noun phrase before its verb. */
export function clauseSubject(w: SubjectWalk, r: ChunkRead, det: boolean): ChunkStep | null {
  const { c, cStart, trimmed, words } = r;
  // "… was the unusual language that said", "the report, which said": the verb of a relative clause
  // speaks for the noun phrase the clause hangs on (after any copula), not for the main clause's subject.
  const relHead = RELATIVE_HEAD.exec(trimmed);
  if (relHead && relHead[1].split(/\s+/).length <= MAX_HEAD_WORDS) {
    const np = cleanDescription(relHead[1]);
    if (np) return { type: 'description', text: describe(np) };
  }
  if (words.length > MAX_SUBJECT_WORDS || (det && words.slice(1).some((x) => isVerbWord(x.replace(/[^\p{L}]/gu, ''))))) {
    // A clause before a participle ("several environmental groups granted Mr. Clarke an extension …,
    // saying"): its subject is the noun phrase before its verb.
    const np = cleanDescription(trimmed);
    if (np && np !== trimmed && det) return { type: 'description', text: describe(np) };
    // The clause's own subject opens it ("Clinton told the audience … in the United States, saying"); a
    // name further in is an object or a place.
    const groups = nameGroups(w.names, c, cStart);
    let at = 0;
    while (groups[at] && isPossessiveModifier(c, groups[at], cStart)) at++;
    const person = groups[at];
    const before = person ? c.slice(0, person.start - cStart) : '';
    if (person && (person.kind === 'person' ? !/[,.;]/.test(before) : person.kind === 'unknown' && before.trim() === '')) return { type: 'name', group: person };
    // A long appositive ("director of the centrist Urban-Brookings Tax Policy Center and a professor at
    // …"): the name may stand before it.
    return 'next';
  }
  return null;
}

/** After the walk: a person closing an appositive, else the description met. */
export function walkResult(w: SubjectWalk): Source | null {
  if (w.appositivePerson) return { type: 'name', group: w.appositivePerson };
  if (!w.description) return null;
  // "The New Haven Register on July 20, 2006, described him": a date set off after the subject is no part of it.
  const cleaned = cleanDescription(w.description.replace(DATE_TAIL, ''));
  if (!cleaned || cleaned.split(/\s+/).length > MAX_DESCRIPTION_WORDS) return null;
  // "the Hill", "the Times": a capitalised name behind the article is an organisation's name.
  if (/^the\s+\p{Lu}/iu.test(cleaned) && cleaned.split(/\s+/).slice(1).every((x) => /^\p{Lu}/u.test(x))) {
    const words = cleaned.split(/\s+/).slice(1);
    const g = w.names.analyse(words, true) ?? { titles: [], nameTokens: words, kind: 'org' as const, gender: null };
    if (g.kind !== 'person') return { type: 'name', group: { ...g, kind: 'org', start: w.offset, end: w.offset } };
  }
  return { type: 'description', text: describe(cleaned) };
}

/** A name group that is a possessive modifier ("Scott's family"), not the speaker itself. */
export function isPossessiveModifier(text: string, group: NameGroup, textStart: number): boolean {
  const after = text.slice(group.end - textStart);
  return /^['’]s?\s+\S/u.test(after) || (/['’]s$/u.test(text.slice(group.start - textStart, group.end - textStart)) && after.trim() !== '');
}

/** A date after a subject: "on July 20", "on Tuesday", "in 2006", "last week". */
export const DATE_TAIL = /\s+(?:(?:on|in)\s+(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)(?:\s+\d{1,2})?|\p{Lu}\p{Ll}+day|\d{4})|(?:last|this|earlier\s+this)\s+(?:week|month|year))$/u;

/** A verb phrase issuing a document whose words the quote gives ("put out a statement … that"). */
export const ISSUED_DOCUMENT = /^(?:\p{Ll}+ly\s+)?(?:issued|released|put\s+out|sent|posted|published|penned|issuing|releasing|putting\s+out|sending|posting|publishing)\s+(?:a|an|the|its|his|her|their)\s+(?:[\p{L}\d-]+\s+){0,3}?(?:statement|letter|report|memo|release|tweet|post|video|ad|study|op-ed|email)\b/u;

/** Whether a place name after these words opens a clause of its own ("I hope in 2017 | America says"):
 *  not after a preposition, article or conjunction ("officials in Kabul", "in the United States", "Iraq and Libya"). */
export function placeIsSubject(before: string): boolean {
  const prev = /(\S+)\s*$/.exec(before)?.[1].toLowerCase();
  return !!prev && !FUNCTION_WORDS.has(prev) && !/^(?:near|across|outside|inside|around|throughout|toward|towards|upon|onto|across)$/.test(prev);
}

/** How far after a quote a name and its appositives may run before the speech verb. */
export const MAX_APPOSITIVE_CHARS = 250;
/** Chunks (between commas) searched left of a verb for the speaker's name: name, age, town, role. */
export const MAX_APPOSITIVE_CHUNKS = 5;
/** Longer chunks are clauses, not noun phrases naming a speaker. */
export const MAX_SUBJECT_WORDS = 12;
/** An earlier noun phrase longer than this is not the head of an appositive. */
export const MAX_HEAD_WORDS = 6;
/** A noun phrase closed by a relative pronoun, after an optional copula: "was the unusual language that". */
export const RELATIVE_HEAD = /^(?:.*\b(?:is|was|are|were)\s+)?((?:the|a|an|its|their|his|her|this)\s+[^,;]+?)\s+(?:that|which|who)$/i;
/** Descriptions longer than this are usually misparsed clauses ("a key issue was the unusual language that"). */
export const MAX_DESCRIPTION_WORDS = 10;

/** A word that can end a noun phrase before a participle ("report" in "a report released"). */
function headNoun(word: string): boolean {
  const w = word.toLowerCase();
  return /^\p{Ll}+$/u.test(word) && !FUNCTION_WORDS.has(w) && !/ly$/.test(w) && !isVerbWord(w) && (nounWords.has(w) || wordClass(w) === 'common' || !!documentKind(w));
}

/** A description cut at its first verb ("a report released last year" → "a report"); null when it is no noun phrase. */
export function cleanDescription(phrase: string): string | null {
  const words = phrase.trim().split(/\s+/);
  // "a report released last year": a participle after the head noun ends the phrase.
  const cut = words.findIndex((w, i) => i > 0 && /^\p{Ll}/u.test(w) && (isVerbWord(w.replace(/[^\p{L}]/gu, '')) || (/ed$/.test(w) && i > 1 && (!wordClass(w) || headNoun(words[i - 1])))));
  const kept = cut > 0 ? words.slice(0, cut) : words;
  if (isVerbWord(kept[0].replace(/[^\p{L}]/gu, ''))) return null;
  const last = kept[kept.length - 1].toLowerCase().replace(/[^\p{L}]/gu, '');
  if (kept.every((w) => FUNCTION_WORDS.has(w.toLowerCase()) || /ly$/i.test(w))) return null;
  if (FUNCTION_WORDS.has(last) && !/^(?:one|other|others)$/.test(last)) return null;
  return kept.join(' ');
}

export function describe(phrase: string): string {
  // "the study -- which notes": a dash or comma left at either end belongs to the sentence, not the speaker.
  let p = phrase.replace(/\s+/g, ' ').trim().replace(/^[-–—,;:\s]+|[\s,;:]*[-–—]+$|[\s,;:]+$/gu, '');
  if (/^(?:A|An|The|One|Two|Three|Several|Some|Many|Other|Another)\b/.test(p)) p = p.charAt(0).toLowerCase() + p.slice(1);
  else if (/^\p{Lu}\p{Ll}+s\b/u.test(p) && !/^\p{Lu}\p{Ll}+s\s+\p{Lu}/u.test(p)) p = p.charAt(0).toLowerCase() + p.slice(1);
  return p;
}
