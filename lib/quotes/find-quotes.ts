// Direct quotations in an article's text: one linear scan for quote marks, then a stack pass that
// pairs them paragraph by paragraph. No NLP library, no backtracking regular expressions.
import type { QuoteKind, QuoteSpan } from '../types';
import {
  GAP_SENTENCE_END, PHRASE_SENTENCE_END, SPEECH_AFTER_SENTENCE_END, SPEECH_BEFORE_SENTENCE_END, sentenceEndsBefore,
} from '../text/sentences';
import { UTTERANCE_VERBS } from '../text/vocabulary';
import { isSpeechWord } from './speech-words';

/** Fewer words than this and a quote is a phrase, not a statement, unless it stands as a sentence.
 *  Four matches the convention of quotation corpora (PolNeAR dev labels, issue 3's "statements of
 *  four or more words"); lower would turn scare quotes into statements, higher would drop "But it's not enough." */
export const STATEMENT_MIN_WORDS = 4;

/** A gap between two parts of a split quote longer than this is reporting, not an attribution clause:
 *  room for a name, a title and a place ("Blinken told reporters in Tel Aviv after his day of meetings
 *  with Israeli leaders."), while a participle scene-setting ("said Umm Mahdi Hanoon, standing among
 *  the cages of a chicken coop where …") starts a new statement. */
export const MAX_ATTRIBUTION_GAP_WORDS = 16;

/** The longest gap when the extra words describe the speaker in an appositive ("said Charlie King, a
 *  prominent New York Democrat."). On the PolNeAR dev labels, joins up to 24 words kept the same speaker
 *  in 130 of 131 pairs (the one miss is a span merged by a missing mark). */
export const MAX_APPOSITIVE_GAP_WORDS = 24;

/** Longest `<tag …>` whose marks are markup, not quotation (scraped tweet embeds left in text carry
 *  whole sentences in their attributes); a lone "<" in prose meets a line end or another "<" first. */
const MAX_TAG_CHARS = 4000;

/** A quote left open at a paragraph's end runs on through at most this many paragraphs without any
 *  quote mark to one that ends with its only mark, a closing one: a block quote of a statement, a
 *  post or another outlet's report, printed without re-opening marks (or a paragraph break left
 *  inside a quote by the page). Two lone marks so placed are one quote, not two typos; farther
 *  apart, a missing mark is the likelier reading. */
export const BLOCK_QUOTE_MAX_PARAGRAPHS = 6;

/** The last paragraph of such a block quote holds at least this many words: a shorter one closing
 *  on a mark is a name-and-title line under a pull quote ("Josh Bivens, Economic Policy
 *  Institute."), not the end of the quoted text. */
export const BLOCK_QUOTE_MIN_LAST_WORDS = 8;

/** A name followed by a comma at a paragraph's start ("Dean Baker, Center for Economic and Policy
 *  Research."): the credit line under a pull quote, however long the organisation's name. */
const NAME_LINE = /^\s*(?:\p{Lu}[\p{L}.'’-]*\s+){1,3}\p{Lu}[\p{L}.'’-]*,/u;

/** Unmatched openers make the pairing pass re-read the marks inside them; past this many re-reads per
 *  mark the text is garbage and the rest of the dangling quote is dropped instead (keeps the pass linear). */
const RESCAN_BUDGET_PER_MARK = 8;

const DOUBLE = 0;
const SINGLE = 1;
type Family = typeof DOUBLE | typeof SINGLE;

const OPEN = 1;
const CLOSE = 2;
const EITHER = 3;
type Dir = typeof OPEN | typeof CLOSE | typeof EITHER;

/** Mark style: marks of one style re-open a quote in the next paragraph (newspaper style). */
type Style = 'curly' | 'straight' | 'apos2' | 'guillemet' | 'low' | 'corner' | 'fullwidth' | 'ornament';

interface Mark {
  pos: number;
  len: number;
  fam: Family;
  style: Style;
  dir: Dir;
  /** Index of the paragraph ("\n"-separated line) holding the mark. */
  para: number;
  /** The mark is the first non-space character of its paragraph. */
  paraStart: boolean;
}

/** A quote found by the pairing pass, before kinds and statement numbers. */
interface RawQuote {
  open: Mark;
  close: Mark;
  start: number;
  end: number;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0 || c === 0x2009 || c === 0x202f || c === 0x200a
    || c === 0x3000 || c === 0xfeff;
}

function isAlnum(c: number): boolean {
  if (c >= 48 && c <= 57) return true;
  if ((c | 32) >= 97 && (c | 32) <= 122) return true;
  if (c < 0xc0) return false;
  // Letters of other scripts: anything that is not punctuation, space or a symbol we know.
  return !isSpace(c) && !(c >= 0x2000 && c <= 0x206f) && !(c >= 0x3000 && c <= 0x303f) && c !== 0xab && c !== 0xbb
    && c !== 0xd7 && c !== 0xf7 && !isWidePunctuation(c) && !(c >= 0x275b && c <= 0x275e);
}

/** Fullwidth and CJK-compatibility punctuation (＂ ＇ （ ）， 。 ｢ ｣ ﹁ ﹂ …): marks and stops, never letters. */
function isWidePunctuation(c: number): boolean {
  return (c >= 0xff01 && c <= 0xff0f) || (c >= 0xff1a && c <= 0xff20) || (c >= 0xff3b && c <= 0xff40)
    || (c >= 0xff5b && c <= 0xff65) || (c >= 0xfe10 && c <= 0xfe19) || (c >= 0xfe30 && c <= 0xfe6f);
}

function isLetter(c: number): boolean {
  return isAlnum(c) && !(c >= 48 && c <= 57);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Every character scanMarks reads as a quotation mark. */
const QUOTE_MARKS = new Set([0x22, 0x27, 0x60, 0x201c, 0x201d, 0x201e, 0x201f, 0x2018, 0x2019, 0x201a, 0x201b, 0xab, 0xbb,
  0x2039, 0x203a, 0x300c, 0x300d, 0x300e, 0x300f, 0x301d, 0x301e, 0x301f, 0xff02, 0xff07, 0xff62, 0xff63, 0xfe41, 0xfe42,
  0xfe43, 0xfe44, 0x275b, 0x275c, 0x275d, 0x275e]);

/** Characters that may stand before an opening mark as if it were a space: brackets, dashes, a colon
 *  (also their fullwidth forms and the ideographic full stop and comma), and any other quotation
 *  mark (“‘ and „‚ open together; a mark after a closing one is read in scanMarks). */
const OPENING_CONTEXT = new Set([...'([{<—–-/*•:（［｛：。，、'].map((s) => s.charCodeAt(0)).concat(
  [...QUOTE_MARKS, 0x2015, 0x2026]));

/** Characters that may follow a closing mark as if it were a space: stops, brackets, dashes, and any
 *  other quotation mark (’” and ‘“ close together, "‹«" in German nesting). */
const CLOSING_CONTEXT = new Set([...'.,;:!?)]}>—–-/*）］｝，。、：；！？．'].map((s) => s.charCodeAt(0)).concat(
  [...QUOTE_MARKS, 0x2015, 0x2026, 0x60c, 0x61b, 0x61f, 0x6d4]));

/** Opening marks an elided word may be glued to. */
const ELISION_FOLLOWERS = new Set([0xab, 0x201c, 0x201e, 0x2039, 0x22]);

/** Longest article, pronoun or preposition elided onto the next word ("l’", "qu’", "dell’"). */
const MAX_ELIDED_LETTERS = 4;

/** True when the apostrophe at `pos` ends a short word of its own (one to MAX_ELIDED_LETTERS letters
 *  after a space or a paragraph start, in lower case): an elision, not a closing quote. */
function elidedArticleBefore(text: string, pos: number): boolean {
  let k = pos;
  while (k > 0 && pos - k <= MAX_ELIDED_LETTERS && isLetter(text.charCodeAt(k - 1))) k--;
  const word = text.slice(k, pos);
  return word.length >= 1 && word.length <= MAX_ELIDED_LETTERS && word === word.toLowerCase()
    && (k === 0 || isSpace(text.charCodeAt(k - 1)));
}

/** Decides whether a mark with no direction of its own opens or closes, from its neighbours. */
function contextDir(prevSpace: boolean, nextSpace: boolean): Dir {
  if (prevSpace && !nextSpace) return OPEN;
  if (!prevSpace && nextSpace) return CLOSE;
  return EITHER;
}

/** A quote mark's family, style, own direction (0 = from its neighbours) and length. */
interface MarkKind {
  fam: Family;
  style: Style;
  def: Dir | 0;
  len: number;
}

/** Marks of one character whose family, style and own direction never depend on what is around them. */
const FIXED_MARKS: ReadonlyMap<number, readonly [Family, Style, Dir | 0]> = new Map<number, readonly [Family, Style, Dir | 0]>([
  [0x22, [DOUBLE, 'straight', 0]], // "
  [0x201c, [DOUBLE, 'curly', OPEN]], // “
  [0x201d, [DOUBLE, 'curly', CLOSE]], // ”
  [0x201e, [DOUBLE, 'low', OPEN]], // „
  [0xab, [DOUBLE, 'guillemet', OPEN]], // «
  [0xbb, [DOUBLE, 'guillemet', CLOSE]], // »
  [0x300c, [DOUBLE, 'corner', OPEN]], // 「
  [0x300d, [DOUBLE, 'corner', CLOSE]], // 」
  [0x300e, [SINGLE, 'corner', OPEN]], // 『
  [0x300f, [SINGLE, 'corner', CLOSE]], // 』
  [0xff62, [DOUBLE, 'corner', OPEN]], // ｢ (halfwidth)
  [0xfe41, [DOUBLE, 'corner', OPEN]], // ﹁ (vertical)
  [0xff63, [DOUBLE, 'corner', CLOSE]], // ｣
  [0xfe42, [DOUBLE, 'corner', CLOSE]], // ﹂
  [0xfe43, [SINGLE, 'corner', OPEN]], // ﹃
  [0xfe44, [SINGLE, 'corner', CLOSE]], // ﹄
  [0x301d, [DOUBLE, 'corner', OPEN]], // 〝 (CJK double prime)
  [0x301e, [DOUBLE, 'corner', CLOSE]], // 〞
  [0x301f, [DOUBLE, 'corner', CLOSE]], // 〟
  [0xff02, [DOUBLE, 'fullwidth', 0]], // ＂ (fullwidth, CJK text)
  [0xff07, [SINGLE, 'fullwidth', 0]], // ＇
  [0x201f, [DOUBLE, 'curly', OPEN]], // ‟
  [0x201b, [SINGLE, 'curly', OPEN]], // ‛
  [0x275d, [DOUBLE, 'ornament', OPEN]], // ❝
  [0x275e, [DOUBLE, 'ornament', CLOSE]], // ❞
  [0x275b, [SINGLE, 'ornament', OPEN]], // ❛
  [0x275c, [SINGLE, 'ornament', CLOSE]], // ❜
  [0x201a, [SINGLE, 'low', OPEN]], // ‚
  [0x2039, [SINGLE, 'guillemet', OPEN]], // ‹
  [0x203a, [SINGLE, 'guillemet', CLOSE]], // ›
]);

/** What the character at `i` is as a quote mark, or null when it is none. */
function markKindAt(text: string, i: number): MarkKind | null {
  const c = text.charCodeAt(i);
  // Most characters are none: leave them before the table lookup (the scan reads every character).
  if (c < 0x2018 && c !== 0x22 && c !== 0x27 && c !== 0x60 && c !== 0xab && c !== 0xbb) return null;
  const fixed = FIXED_MARKS.get(c);
  if (fixed) return { fam: fixed[0], style: fixed[1], def: fixed[2], len: 1 };
  if (c === 0x2018 || c === 0x2019) {
    // ‘ ’, and ‘‘ ’’ standing in for “ ” (typeset from `` and '')
    const doubled = i + 1 < text.length && text.charCodeAt(i + 1) === c;
    return { fam: doubled ? DOUBLE : SINGLE, style: 'curly', def: c === 0x2018 ? OPEN : CLOSE, len: doubled ? 2 : 1 };
  }
  if (c === 0x27 || c === 0x60) {
    // ' and `, alone or repeated ('' and `` for a double mark)
    let j = i;
    while (j < text.length && text.charCodeAt(j) === c) j++;
    const len = j - i;
    return { fam: len === 1 ? SINGLE : DOUBLE, style: len === 1 ? 'straight' : 'apos2', def: c === 0x60 ? OPEN : 0, len };
  }
  return null;
}

/** Where markup left in the text (`<tweet data-x="…">`) that starts at `i` ends (its ">"), or -1:
 *  its attribute quotes are not quotation marks. Stops at the next "<" or line end, so all tag
 *  look-aheads together read the text once. */
function markupTagEnd(text: string, i: number): number {
  const n = text.length;
  if (text.charCodeAt(i) !== 60 /* < */ || i + 1 >= n || !isLetter(text.charCodeAt(i + 1))) return -1;
  const limit = Math.min(n, i + MAX_TAG_CHARS);
  let j = i + 2;
  while (j < limit && isAlnum(text.charCodeAt(j))) j++;
  const named = j < limit && (isSpace(text.charCodeAt(j)) || text.charCodeAt(j) === 47 || text.charCodeAt(j) === 62);
  while (named && j < limit) {
    const d = text.charCodeAt(j);
    if (d === 62 || d === 10 || d === 60) break;
    j++;
  }
  return named && j < limit && text.charCodeAt(j) === 62 ? j : -1;
}

/** What stands either side of a mark: the characters, and whether each side reads as a space. */
interface Neighbours {
  prev: number;
  next: number;
  atStart: boolean;
  atEnd: boolean;
  prevSpace: boolean;
  nextSpace: boolean;
}

function neighboursOf(text: string, i: number, len: number, paraFirst: number): Neighbours {
  const n = text.length;
  const prev = i > 0 ? text.charCodeAt(i - 1) : 10;
  const next = i + len < n ? text.charCodeAt(i + len) : 10;
  const atStart = prev === 10 || i === paraFirst;
  const atEnd = next === 10 || i + len === n;
  const prevSpace = atStart || isSpace(prev) || OPENING_CONTEXT.has(prev);
  const nextSpace = atEnd || isSpace(next) || CLOSING_CONTEXT.has(next);
  return { prev, next, atStart, atEnd, prevSpace, nextSpace };
}

/** The direction of the mark at `i`; null when it is no quote mark there (an apostrophe, an inch). */
function markDir(text: string, i: number, kind: MarkKind, nb: Neighbours): Dir | null {
  const { fam, style, def } = kind;
  const { prevSpace, nextSpace } = nb;
  if (fam === SINGLE && (style === 'curly' || style === 'straight' || style === 'low')) return singleMarkDir(text, i, def, nb);
  if (def === 0) {
    const c = text.charCodeAt(i);
    if (c === 0x22 && isDigit(nb.prev) && i >= 3 && isDigit(text.charCodeAt(i - 3))
      && (text.charCodeAt(i - 2) === 0x27 || text.charCodeAt(i - 2) === 0x2019)) return null; // 6'3" (inch)
    if (c === 0x22 && isDigit(nb.prev) && i >= 4 && isDigit(text.charCodeAt(i - 4)) && isDigit(text.charCodeAt(i - 2))
      && (text.charCodeAt(i - 3) === 0x27 || text.charCodeAt(i - 3) === 0x2019)) return null; // 5'11"
    return contextDir(prevSpace, nextSpace);
  }
  // Mirror fix-up: “ at a paragraph's end, or glued to the word before and not after, closes („…“ style).
  if (def === OPEN) return (nb.atEnd || (!prevSpace && nextSpace)) && style !== 'low' && !(style === 'corner') ? CLOSE : OPEN;
  // ” at a paragraph's start, or after a space and glued to the next word, opens (”…” style).
  return (nb.atStart || (prevSpace && !nextSpace)) && style !== 'corner' ? OPEN : CLOSE;
}

/** The direction of a single curly, straight or low mark, or null when it is an apostrophe. */
function singleMarkDir(text: string, i: number, def: Dir | 0, nb: Neighbours): Dir | null {
  const c = text.charCodeAt(i);
  const { prev, next, prevSpace, nextSpace } = nb;
  // Apostrophes: "there’s", "don't", "rock'n'roll" (letters on both sides); "’90s", "'em" elisions.
  if (isAlnum(prev) && isAlnum(next)) return null;
  // French and Italian elision before a quote ("l’« Assemblée »", "dell’“ultimo”").
  if (c !== 0x2018 && ELISION_FOLLOWERS.has(next) && elidedArticleBefore(text, i)) return null;
  if (def === CLOSE || def === 0) {
    // ’ and ' never open a quote after a space unless a letter follows ('Tis is rare; ’90s is common).
    if (prevSpace && !nextSpace) return def === CLOSE || !isLetter(next) ? null : OPEN;
    return !prevSpace && nextSpace ? CLOSE : null;
  }
  // ‘ ‚ `: opening unless it sits like a closer (German ‚…‘) or begins a year ("‘90s").
  if (!prevSpace && nextSpace && c === 0x2018) return CLOSE;
  return isDigit(next) ? null : OPEN;
}

/** Marks side by side read as one: after a closing mark another closes („Das ist ‚unerhört‘“,
 *  »Das ist ›unerhört‹«), after an opening mark another opens, where the mark's own neighbours
 *  (spaces, stops, the other mark) leave its direction open. */
function besideLastDir(marks: Mark[], i: number, kind: MarkKind, nb: Neighbours, dir: Dir): Dir {
  const { fam, style } = kind;
  const last = marks[marks.length - 1];
  if (nb.prevSpace && nb.nextSpace && last && last.pos + last.len === i && last.dir !== EITHER
    && (style === 'guillemet' || (fam === DOUBLE && style !== 'straight' && style !== 'apos2' && style !== 'fullwidth'))) {
    return last.dir;
  }
  return dir;
}

/** Finds every quote-mark candidate in one pass. */
function scanMarks(text: string): Mark[] {
  const marks: Mark[] = [];
  const n = text.length;
  let para = 0;
  let paraFirst = 0; // offset of the first non-space char of the current paragraph
  let seenNonSpace = false;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      para++;
      seenNonSpace = false;
      continue;
    }
    if (!seenNonSpace && !isSpace(c)) {
      seenNonSpace = true;
      paraFirst = i;
    }
    const tagEnd = markupTagEnd(text, i);
    if (tagEnd >= 0) {
      i = tagEnd;
      continue;
    }
    const kind = markKindAt(text, i);
    if (!kind) continue;
    const { fam, style, len } = kind;
    const nb = neighboursOf(text, i, len, paraFirst);
    const dir = markDir(text, i, kind, nb);
    if (dir === null) {
      i += len - 1;
      continue;
    }
    if (kind.def === 0 && len === 3 && style === 'apos2' && dir !== EITHER) {
      // ''' = a single and a double mark together: '' + ' when opening, ' + '' when closing.
      if (dir === OPEN) marks.push({ pos: i, len: 2, fam: DOUBLE, style, dir, para, paraStart: i === paraFirst });
      else marks.push({ pos: i + 1, len: 2, fam: DOUBLE, style, dir, para, paraStart: false });
      i += 2;
      continue;
    }
    marks.push({ pos: i, len, fam, style, dir: besideLastDir(marks, i, kind, nb, dir), para, paraStart: i === paraFirst });
    i += len - 1;
  }
  return marks;
}

/** The mark at `from` if it is the first character of a paragraph after `para` and may open there
 *  (the caller checks that this paragraph is the very next one with text). */
function nextParagraphOpener(marks: Mark[], from: number, para: number): Mark | null {
  const m = marks[from];
  if (!m || m.para <= para || !m.paraStart || m.dir === CLOSE) return null;
  return m;
}

/** True when the paragraph before the one holding `pos` ends inside a sentence: its last visible
 *  character is a letter, digit or comma, and the next paragraph starts in lower case. */
function brokenMidSentence(text: string, pos: number): boolean {
  let k = text.lastIndexOf('\n', pos - 1);
  if (k <= 0) return false;
  let first = k + 1;
  while (first < pos && isSpace(text.charCodeAt(first))) first++;
  const startCh = text.charAt(first);
  if (startCh === startCh.toUpperCase()) return false;
  while (k > 0 && isSpace(text.charCodeAt(k - 1))) k--;
  if (k === 0) return false;
  const c = text.charCodeAt(k - 1);
  return isAlnum(c) || c === 44;
}

/** True when only spaces follow `m` up to the end of its paragraph. */
function endsParagraph(text: string, m: Mark): boolean {
  for (let k = m.pos + m.len; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === 10) return true;
    if (!isSpace(c)) return false;
  }
  return true;
}

/** True when marks[next], the first mark after the paragraph `para` that ended with the double
 *  quote opened at marks[opener] still open, closes it as a block quote: nothing but text until a
 *  paragraph that ends with that lone closing mark (BLOCK_QUOTE_MAX_PARAGRAPHS, _MIN_LAST_WORDS,
 *  NAME_LINE). A quote holding quotes of its own (an outlet's report quoting someone) is left to
 *  its inner quotes. */
function closesBlockQuote(text: string, marks: Mark[], opener: number, next: number, para: number): boolean {
  const open = marks[opener];
  const m = marks[next];
  if (open.fam !== DOUBLE || m.fam !== DOUBLE || m.dir === OPEN) return false;
  if (m.para - para > BLOCK_QUOTE_MAX_PARAGRAPHS || !endsParagraph(text, m) || marks[next + 1]?.para === m.para) return false;
  for (let k = opener + 1; k < next; k++) if (marks[k].fam !== SINGLE) return false;
  const last = text.slice(text.lastIndexOf('\n', m.pos) + 1, m.pos);
  return countWords(last) >= BLOCK_QUOTE_MIN_LAST_WORDS && !NAME_LINE.test(last);
}

/** Paragraph index → whether it has any non-space text (to skip blank lines between paragraphs). */
function paragraphsWithText(text: string): boolean[] {
  const paraHasText: boolean[] = [];
  let p = 0;
  let has = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) { paraHasText[p++] = has; has = false; } else if (!has && !isSpace(c)) has = true;
  }
  paraHasText[p] = has;
  return paraHasText;
}

/** The pairing pass's state: the open marks (stack[0] the top-level opener, at marks[bottomIdx]),
 *  the paragraph being read, the next mark to read, and the re-reads left. */
interface Pairing {
  text: string;
  marks: Mark[];
  out: RawQuote[];
  stack: Mark[];
  bottomIdx: number;
  curPara: number;
  i: number;
  budget: number;
  /** The next paragraph after p that has text. */
  nextTextPara: (p: number) => number;
}

/** Pairs marks into top-level quotes (maximal spans; nested quotes stay inside). */
function pairMarks(text: string, marks: Mark[]): RawQuote[] {
  const paraHasText = paragraphsWithText(text);
  const nextTextPara = (p: number): number => {
    let q = p + 1;
    while (q < paraHasText.length && !paraHasText[q]) q++;
    return q;
  };
  const st: Pairing = {
    text, marks, out: [], stack: [], bottomIdx: -1, curPara: -1, i: 0, budget: RESCAN_BUDGET_PER_MARK * marks.length + 64, nextTextPara,
  };
  for (;;) {
    const m = st.i < marks.length ? marks[st.i] : null;
    if (st.stack.length > 0 && (m === null || m.para !== st.curPara) && carryOpenQuote(st, m)) continue;
    if (m === null) break;
    st.curPara = m.para;
    st.i++;
    if (st.stack.length === 0) {
      if (m.dir !== CLOSE) {
        st.stack.push(m);
        st.bottomIdx = st.i - 1;
      }
      continue;
    }
    if (st.stack[0].fam === DOUBLE) readInDoubleQuote(st, m);
    else readInSingleQuote(st, m);
  }
  return st.out;
}

/** The paragraph ended with a quote still open: it re-opens in the next paragraph, runs on to a
 *  line broken mid-sentence or closes as a block quote; else the opener is dropped and what it held
 *  is read again. False when the opener was dropped without re-reading (out of budget): the pass
 *  then reads `m` as if nothing were open. */
function carryOpenQuote(st: Pairing, m: Mark | null): boolean {
  const { text, marks, stack } = st;
  const bottom = stack[0];
  const nextPara = st.nextTextPara(st.curPara);
  const candidate = m && m.para === nextPara ? nextParagraphOpener(marks, st.i, st.curPara) : null;
  const reopen = candidate && candidate.fam === bottom.fam ? candidate : null;
  if (reopen) {
    stack.length = 1;
    st.curPara = reopen.para;
    if (reopen.style !== bottom.style) stack.push(reopen); // a different mark here is a nested quote
    st.i++;
    return true;
  }
  if (m && m.para === nextPara && m.dir === CLOSE && m.fam === DOUBLE && bottom.fam === DOUBLE && !m.paraStart
    && brokenMidSentence(text, m.pos)) {
    // A line broken inside a sentence ("to participate personally\nin caucuses and primaries.”):
    // the quote runs on to the next paragraph's first mark, which closes it (double marks only:
    // a single closer there is as likely an apostrophe, "Hamas’ leader").
    stack.length = 1;
    st.curPara = m.para;
    return true;
  }
  if (m && stack.length === 1 && closesBlockQuote(text, marks, st.bottomIdx, st.i, st.curPara)) {
    st.curPara = m.para;
    return true;
  }
  // Dangling opener (a block-quote marker or a missing close): ignore it and re-read what it held.
  stack.length = 0;
  if (st.budget > 0) {
    st.budget -= st.i - st.bottomIdx;
    st.i = st.bottomIdx + 1;
    st.curPara = st.i < marks.length ? marks[st.i].para : st.curPara;
    return true;
  }
  // Out of budget: drop the opener without re-reading (the text is pathological).
  return false;
}

/** Reads mark `m` inside a top-level double quote. */
function readInDoubleQuote(st: Pairing, m: Mark): void {
  const { stack } = st;
  const bottom = stack[0];
  if (m.fam === SINGLE) return; // single quotes inside a double quote stay inside it
  let inner = -1;
  for (let k = stack.length - 1; k >= 0; k--) if (stack[k].fam === DOUBLE) { inner = k; break; }
  const closes = m.dir === CLOSE || (m.dir === EITHER && inner >= 0);
  if (!closes) {
    stack.push(m);
    return;
  }
  if (inner === 0) {
    stack.length = 0;
    const start = bottom.pos + bottom.len;
    if (m.pos > start) st.out.push({ open: bottom, close: m, start, end: m.pos });
  } else {
    stack.length = inner;
  }
}

/** Reads mark `m` inside a top-level single quote ('cynically vetoed'). */
function readInSingleQuote(st: Pairing, m: Mark): void {
  const { stack } = st;
  const bottom = stack[0];
  if (m.fam === DOUBLE) {
    if (m.dir === OPEN || (m.dir === EITHER && !stack.some((s) => s.fam === DOUBLE))) stack.push(m);
    else {
      let inner = -1;
      for (let k = stack.length - 1; k >= 1; k--) if (stack[k].fam === DOUBLE) { inner = k; break; }
      if (inner > 0) stack.length = inner;
    }
    return;
  }
  const top = stack[stack.length - 1];
  if (m.dir !== OPEN && top.fam === SINGLE) {
    stack.pop();
    if (stack.length === 0) {
      const start = bottom.pos + bottom.len;
      if (m.pos > start) st.out.push({ open: bottom, close: m, start, end: m.pos });
    }
  }
}

/** Counts whitespace-separated tokens that hold a letter or digit. */
export function countWords(s: string): number {
  let words = 0;
  let inTok = false;
  let tokHasAlnum = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isSpace(c)) {
      if (inTok && tokHasAlnum) words++;
      inTok = false;
      tokHasAlnum = false;
    } else {
      inTok = true;
      if (!tokHasAlnum && isAlnum(c)) tokHasAlnum = true;
    }
  }
  if (inTok && tokHasAlnum) words++;
  return words;
}

/** Finds the direct quotations in an article's text (paragraphs separated by "\n"), in text order. */
export function findQuotes(text: string): QuoteSpan[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const raw = pairMarks(text, scanMarks(text));
  const spans: QuoteSpan[] = [];
  let statement = -1;
  let prev: RawQuote | null = null;
  let prevKind: QuoteKind | null = null;
  for (const q of raw) {
    let { start, end } = q;
    while (start < end && isSpace(text.charCodeAt(start))) start++;
    while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
    if (end <= start) continue;
    const body = text.slice(start, end);
    if (countWords(body) === 0) continue;
    const kind = quoteKind(text, q, body);
    // Terms are never parts of a statement ("a disaster", said Kirby, adding "we would not support it").
    const joins = prev !== null && kind === 'statement' && prevKind === 'statement' && continuesStatement(text, prev, q);
    if (!joins) statement++;
    spans.push({ start, end, text: body, kind, statement });
    prev = q;
    prevKind = kind;
  }
  return spans;
}

// ---- statements split by their attribution -------------------------------------------------------

/** True when quote `b` continues the statement of quote `a`: the two stand in one paragraph, separated
 *  only by one short attribution clause with a speech word that ends on punctuation (", he said, "),
 *  and the second part is not a fresh start (it begins in lower case, or the first part ended on a
 *  comma, dash, "?" or "!", the marks of a sentence the attribution interrupts). */
function continuesStatement(text: string, a: RawQuote, b: RawQuote): boolean {
  const gapStart = a.close.pos + a.close.len;
  const gapEnd = b.open.pos;
  if (gapEnd <= gapStart || gapEnd - gapStart > MAX_APPOSITIVE_GAP_WORDS * 16) return false;
  const gap = text.slice(gapStart, gapEnd);
  if (gap.indexOf('\n') >= 0) return false;
  const firstBody = text.slice(a.start, a.end).trimEnd();
  const endsWithComma = /[,–—?!-]$/.test(firstBody) || /^\s*[,–—]/.test(gap);
  let k = b.start;
  while (k < b.end && !isAlnum(text.charCodeAt(k))) k++;
  const ch = text.charAt(k);
  const startsLower = ch !== '' && ch !== ch.toUpperCase() && ch === ch.toLowerCase();
  if (!endsWithComma && !startsLower) return false;
  // The clause ends on punctuation before the next part (", he said, “…" / "he said. “…"); a gap
  // ending in a word ("Russia insisted that Pyongyang “…") embeds a new quote in a new report.
  if (!/[,.:;—–-]\s*$/.test(gap)) return false;
  const tokens = gap.split(/\s+/).filter((t) => /[\p{L}\p{N}]/u.test(t));
  if (tokens.length === 0 || tokens.length > MAX_APPOSITIVE_GAP_WORDS) return false;
  if (tokens.length > MAX_ATTRIBUTION_GAP_WORDS && !/,\s+(a|an|the|who|whose|one|another)\s/i.test(gap)) return false;
  let speech = false;
  for (let t = 0; t < tokens.length; t++) {
    const tok = tokens[t];
    const word = tok.replace(/[^\p{L}\p{N}]+/gu, '').toLowerCase();
    if (isSpeechWord(word)) speech = true;
    // A sentence ends inside the gap: the second quote belongs to a new sentence of reporting.
    if (t < tokens.length - 1 && sentenceEndsBefore(tok, tok.length, GAP_SENTENCE_END) && /^[\p{Lu}]/u.test(tokens[t + 1])) return false;
  }
  return speech;
}

// ---- kind: statement or term ----------------------------------------------------------------------

/** Short function words that may stay lower case in a title ("Grand Bargain", "The Art of the Deal";
 *  German "Regierung der Nationalen Einheit", French "Assemblée de la République"). */
const TITLE_SMALL_WORDS = new Set([
  'a', 'an', 'the', 'of', 'and', 'or', 'in', 'on', 'at', 'to', 'for', 'by', 'with', 'from', 'as', 'but', 'nor', 'vs',
  'der', 'die', 'das', 'des', 'dem', 'den', 'ein', 'eine', 'einer', 'einem', 'einen', 'eines', 'und', 'oder', 'im',
  'von', 'vom', 'für', 'mit', 'aus', 'auf', 'zu', 'zum', 'zur', 'am', 'bei', 'nach', 'über', 'gegen',
  'le', 'la', 'les', 'de', 'du', 'et', 'à', 'au', 'aux', 'en', 'pour', 'sur', 'dans', 'par', 'un', 'une',
]);

/** Decides whether a quote is someone's words (statement) or a phrase quoted as a term. */
function quoteKind(text: string, q: RawQuote, body: string): QuoteKind {
  if (isCaseless(body)) return caselessKind(text, q, body);
  const words = countWords(body);
  if (looksLikeTitle(body) && !inHeadlineCase(text, q.open.pos)) return 'term';
  if (words >= STATEMENT_MIN_WORDS) return isQuotedWording(text, q, body) ? 'term' : 'statement';
  return standsAsSentence(text, q, body) ? 'statement' : 'term';
}

/** Every word capitalised, no sentence inside: the name of a book, show, bill or event
 *  ("The Steve Harvey Morning Show," "State of the Union."). A trailing comma or period is the
 *  American habit of putting punctuation inside the marks; a subtitle colon is allowed. */
function looksLikeTitle(body: string): boolean {
  if (/[.!?;]\s/.test(body) || /[!?;]\s*$/.test(body)) return false;
  const tokens = body.split(/\s+/).filter((t) => /[\p{L}]/u.test(t));
  if (tokens.length < 2) return false;
  let caps = 0;
  for (const tok of tokens) {
    const w = tok.replace(/^[^\p{L}\p{N}]+/u, '');
    if (/^[\p{Lu}\p{N}]/u.test(w)) caps++;
    else if (!TITLE_SMALL_WORDS.has(w.replace(/[^\p{L}]+$/u, '').toLowerCase())) return false;
  }
  // A sentence in headline case begins with its subject ("We Will Do It Alone"), a title rarely does.
  return caps >= 2 && !PRONOUN_SUBJECTS.has(tokens[0].replace(/[^\p{L}]+/gu, '').toLowerCase());
}

/** Words read before a quote to tell a headline from running text. */
const HEADLINE_CONTEXT_WORDS = 6;

/** True when the words before `pos` on its line are in headline case ("Ben Carson: Hillary Clinton ‘Not
 *  Fit To Serve’"): there capitals say nothing about the quote being a title. */
function inHeadlineCase(text: string, pos: number): boolean {
  let k = pos;
  let caps = 0;
  let seen = 0;
  let end = pos;
  while (k > 0 && seen < HEADLINE_CONTEXT_WORDS) {
    const c = text.charCodeAt(k - 1);
    const boundary = c === 10 || isSpace(c);
    if (boundary || k - 1 === 0) {
      const w = text.slice(boundary ? k : k - 1, end).replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
      if (w && /\p{L}/u.test(w)) {
        seen++;
        if (/^\p{Lu}/u.test(w)) caps++;
        else if (!TITLE_SMALL_WORDS.has(w.toLowerCase())) return false;
      }
      if (c === 10) break;
      end = k - 1;
    }
    k--;
  }
  return caps >= 2;
}

/** Subjects that open a sentence in headline case ("We Will Do It Alone"); titles rarely start so. */
const PRONOUN_SUBJECTS = new Set(['i', 'we', 'you', 'he', 'she', 'they', 'it', 'ich', 'wir', 'du', 'er', 'sie', 'es',
  'je', 'nous', 'vous', 'il', 'elle', 'ils', 'elles', 'on']);

/** Words that make a quote a clause (a subject, an auxiliary, a negation, an infinitive), not a phrase. */
const CLAUSE_WORDS = new Set([
  'i', 'we', 'you', 'he', 'she', 'they', 'it', 'me', 'us', 'him', 'them', 'is', 'are', 'was', 'were', 'be', 'been',
  'being', 'am', 'have', 'has', 'had', 'do', 'does', 'did', 'will', 'would', 'can', 'could', 'shall', 'should',
  'may', 'might', 'must', 'not', 'to', 'that', 'which', 'who', 'whose', 'there',
  // German and French subjects, auxiliaries, negations and subordinators ("nicht das Virus, das uns
  // besorgt", "seien ihm rechte Winkel verhasst"); "war", "hat", "die" stay out, being English words.
  'ich', 'wir', 'du', 'er', 'sie', 'es', 'uns', 'mich', 'mir', 'ihn', 'ihm', 'sich', 'ist', 'sind', 'waren', 'sei',
  'seien', 'wäre', 'wären', 'bin', 'bist', 'haben', 'habe', 'hatte', 'hatten', 'wird', 'werden', 'wurde', 'wurden',
  'worden', 'kann', 'können', 'konnte', 'könne', 'muss', 'müssen', 'müsse', 'soll', 'sollen', 'sollte', 'wollen',
  'darf', 'dürfen', 'nicht', 'kein', 'dass', 'daß', 'wenn', 'weil', 'ob',
  'je', 'nous', 'vous', 'il', 'elle', 'ils', 'elles', 'est', 'sont', 'était', 'sera', 'serait', 'ont', 'avons', 'ai',
  'suis', 'sommes', 'ne', 'pas', 'que', 'qui',
]);

/** How far back the reporter's sentence is searched for a speech word before a quoted phrase. */
const SPEECH_CONTEXT_WORDS = 40;

/** A lower-case phrase with no clause in it, quoted in a sentence that reports no speech: the wording
 *  of a text or a label ("a resolution supporting “an immediate and sustained cease-fire”"), not
 *  someone's words ("Halevi has said is “very important for pressuring the negotiations”"). */
function isQuotedWording(text: string, q: RawQuote, body: string): boolean {
  const first = body.replace(/^[^\p{L}\p{N}]+/u, '').charAt(0);
  if (first === '' || first !== first.toLowerCase()) return false;
  const tokens = body.toLowerCase().split(/\s+/);
  // A phrase opening on a verb or adverb form ("steals a handful", "maintained subsidiaries",
  // "literally hate each other") is a clause cut short, not a name for something.
  const head = tokens[0].replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
  if (/(ed|ing|ly)$/.test(head) || /[^su]s$/.test(head)) return false;
  for (const t of tokens) {
    const w = t.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
    if (CLAUSE_WORDS.has(w) || /['’](s|re|ve|ll|d|m|t)$/.test(w) || /n['’]t$/.test(w) || /^(c|j|n|qu|s)['’]/.test(w)) return false;
  }
  return !speechBefore(text, q.open.pos) && !speechAfter(text, q.close.pos + q.close.len)
    && !documentsWording(text, q.open.pos);
}

/** Documents and bodies whose wording outlets quote: a resolution's phrase, a statement's, a bill's,
 *  a campaign's slogan. Works (book, film, song) are not here: a phrase they hold is a title. */
const DOCUMENT_NOUNS = new Set([
  'resolution', 'resolutions', 'statement', 'declaration', 'communique', 'communiqué', 'bill', 'law', 'treaty',
  'agreement', 'accord', 'letter', 'report', 'memo', 'memorandum', 'motion', 'measure', 'manifesto', 'platform',
  'pledge', 'charter', 'constitution', 'order', 'ruling', 'decision', 'draft', 'proposal', 'petition', 'ordinance',
  'amendment', 'directive', 'decree', 'indictment', 'complaint', 'lawsuit', 'filing', 'verdict', 'opinion',
  'slogan', 'motto', 'campaign', 'text', 'guidance', 'guidelines', 'policy',
]);

/** Words that join a document to the words it says ("a resolution supporting “…”", "a statement
 *  that called for “…”"); naming words ("titled", "called", "named") are not here: they give titles. */
const CONTENT_LINKS = new Set([
  'supporting', 'supports', 'supported', 'calling', 'calls', 'demanding', 'demands', 'demanded', 'urging', 'urges',
  'urged', 'stating', 'states', 'stated', 'saying', 'says', 'said', 'declaring', 'declares', 'declared', 'reading',
  'reads', 'read', 'affirming', 'affirms', 'reaffirming', 'reaffirms', 'condemning', 'condemns', 'condemned',
  'expressing', 'expresses', 'requiring', 'requires', 'required', 'promising', 'promises', 'promised', 'pledging',
  'pledges', 'warning', 'warns', 'warned', 'noting', 'notes', 'noted', 'asserting', 'asserts', 'endorsing',
  'endorses', 'backing', 'backs', 'seeking', 'seeks', 'sought', 'insisting', 'insists', 'recognizing', 'recognising',
  'recognizes', 'recognises', 'determines', 'determining', 'describing', 'describes', 'described', 'proclaiming',
  'proclaims', 'vowing', 'vows', 'vowed',
]);

/** Words that may stand between a document and its link ("a statement that / which …", "the
 *  resolution also calls for"). */
const LINK_FILLERS = new Set(['that', 'which', 'also', 'only', 'explicitly', 'specifically', 'instead', 'for', 'on']);

/** Demands that introduce the words demanded, whoever makes them ("protesters demanding “…”"). */
const DEMAND_WORDS = new Set(['demanding', 'demanded', 'demands', 'urging', 'urges', 'supporting']);

/** How many words before a quoted phrase are read for the document it belongs to. */
const DOCUMENT_CONTEXT_WORDS = 6;

/** How many words before the document's noun are read for its determiner ("a U.S.-sponsored U.N."). */
const DOCUMENT_PHRASE_WORDS = 4;

/** Determiners that open the noun phrase naming a document ("a U.S.-sponsored U.N. resolution"). */
const DOCUMENT_DETERMINERS = new Set(['a', 'an', 'the', 'this', 'that', 'its', 'their', 'his', 'her', 'our', 'whose']);

/** Words before `pos` in its sentence, nearest first, at most `max`, with their offsets. */
function wordsBefore(text: string, pos: number, max: number): { raw: string; start: number }[] {
  const words: { raw: string; start: number }[] = [];
  let end = pos;
  for (let k = pos; k > 0 && words.length < max; k--) {
    const c = text.charCodeAt(k - 1);
    const stop = c === 10;
    if (stop || isSpace(c) || k - 1 === 0) {
      const start = stop || isSpace(c) ? k : k - 1;
      const raw = text.slice(start, end);
      // A sentence (or a clause: a noun phrase never runs across a semicolon) ends here.
      if (words.length > 0 && sentenceEndsBefore(raw, raw.length, PHRASE_SENTENCE_END)) break;
      if (/[\p{L}\p{N}]/u.test(raw)) words.push({ raw, start });
      if (stop) break;
      end = k - 1;
    }
  }
  return words;
}

const bareWord = (w: string) => w.replace(/[’']s$/u, '').replace(/[^\p{L}]+/gu, '').toLowerCase();

/** The document or body whose wording the quote opening at `pos` prints, named just before it in its
 *  sentence: "a resolution supporting “…”", "the statement’s “…”", "a letter that urged “…”". Returns
 *  the noun phrase's offsets (from its determiner, if within reach) and the word that links it to the
 *  quote, or null. Works (book, film, song) are never documents here: their phrases are titles. */
export function documentSource(text: string, pos: number): { start: number; end: number; link: string } | null {
  if (typeof text !== 'string' || pos <= 0 || pos > text.length) return null;
  const words = wordsBefore(text, pos, DOCUMENT_CONTEXT_WORDS + DOCUMENT_PHRASE_WORDS);
  // words[0] is the word next to the mark, words[i] farther back.
  for (let i = 0; i < Math.min(words.length, DOCUMENT_CONTEXT_WORDS); i++) {
    const noun = words[i];
    if (!DOCUMENT_NOUNS.has(bareWord(noun.raw))) continue;
    const possessive = /[’']s$/u.test(noun.raw);
    let link: string | null = null;
    if (i === 0) link = possessive ? noun.raw : null;
    else if (!/[,;:]$/.test(noun.raw)) {
      let j = i - 1;
      while (j > 0 && LINK_FILLERS.has(bareWord(words[j].raw))) j--;
      if (CONTENT_LINKS.has(bareWord(words[j].raw))) link = words[j].raw.replace(/[^\p{L}]+$/u, '');
      else if (possessive) link = noun.raw;
    }
    if (!link) continue;
    let start = noun.start;
    for (let k = i + 1; k < Math.min(words.length, i + 1 + DOCUMENT_PHRASE_WORDS); k++) {
      if (/[,;:)]$/.test(words[k].raw)) break;
      if (DOCUMENT_DETERMINERS.has(bareWord(words[k].raw))) { start = words[k].start; break; }
    }
    const end = noun.start + noun.raw.replace(/[’']s$|[^\p{L}\p{N}]+$/gu, '').length;
    return { start, end, link };
  }
  return null;
}

/** True when the phrase opening at `pos` is the wording of a document or body named just before it
 *  (documentSource) or of a demand ("demanding “…”"): words several outlets print alike, a statement
 *  to link, where the same phrase in a sentence naming no source is a term. */
function documentsWording(text: string, pos: number): boolean {
  const next = wordsBefore(text, pos, 1)[0];
  if (next && DEMAND_WORDS.has(bareWord(next.raw))) return true;
  return documentSource(text, pos) !== null;
}

/** True when the sentence before `pos` (back to a sentence end or paragraph start) has a speech word. */
function speechBefore(text: string, pos: number): boolean {
  let k = pos;
  let words = 0;
  let end = pos;
  while (k > 0 && words < SPEECH_CONTEXT_WORDS) {
    const c = text.charCodeAt(k - 1);
    if (c === 10) break;
    if (isSpace(c)) {
      const w = text.slice(k, end).replace(/[^\p{L}]+/gu, '').toLowerCase();
      if (isSpeechWord(w)) return true;
      words++;
      end = k - 1;
      if (sentenceEndsBefore(text, k - 1, SPEECH_BEFORE_SENTENCE_END)) break;
    }
    k--;
  }
  const w = text.slice(k, end).replace(/[^\p{L}]+/gu, '').toLowerCase();
  return isSpeechWord(w);
}

/** True when the rest of the sentence after `pos` has a speech word ("…,” Warren said."). */
function speechAfter(text: string, pos: number): boolean {
  let start = pos;
  let words = 0;
  for (let k = pos; k <= text.length && words < SPEECH_CONTEXT_WORDS; k++) {
    const c = k < text.length ? text.charCodeAt(k) : 10;
    if (c === 10 || isSpace(c)) {
      const raw = text.slice(start, k);
      const w = raw.replace(/[^\p{L}]+/gu, '').toLowerCase();
      if (isSpeechWord(w)) return true;
      if (w) words++;
      if (c === 10 || sentenceEndsBefore(raw, raw.length, SPEECH_AFTER_SENTENCE_END)) return false;
      start = k + 1;
    }
  }
  return false;
}

/** A short quote is a statement when it is a whole utterance ("“No,” he said." / She said: “Never.”),
 *  not a phrase embedded in the reporter's sentence (called it “delusional”). */
function standsAsSentence(text: string, q: RawQuote, body: string): boolean {
  const first = body.charCodeAt(0);
  const firstCh = body.charAt(0);
  const upper = firstCh !== firstCh.toLowerCase() || isDigit(first);
  if (!upper) return false;
  // A short utterance with its own inner punctuation ("Blinken, thank you,") is a sentence.
  if (/[,;!?]\s/.test(body)) return true;
  return standsAlone(text, q, body);
}

/** Stops that end a sentence or a clause in the scripts read here (Latin, Arabic, CJK). */
const UTTERANCE_END = /[.!?,…—–\-،؟۔。！？，]/u;

/** True when the quote is a whole utterance by its position: it opens a paragraph, a sentence or
 *  a colon's lead-in, or is the object of a verb of utterance, and it ends like an utterance
 *  inside or just outside the marks (“No,” he said / ‘Never’.). A bare phrase standing alone on
 *  its line is a subheading ("‘Starving to death’"). */
function standsAlone(text: string, q: RawQuote, body: string): boolean {
  // What precedes the opening mark: a paragraph start, a sentence end, or a colon.
  let k = q.open.pos - 1;
  while (k >= 0 && isSpace(text.charCodeAt(k)) && text.charCodeAt(k) !== 10) k--;
  const before = k < 0 ? 10 : text.charCodeAt(k);
  const sentenceStart = before === 10 || before === 58 /* : */ || before === 46 || before === 33 || before === 63
    || before === 0x201d || before === 0x22 || before === 0x2014 || before === 0x2015 || before === 44
    || before === 0x60c || before === 0x61f || before === 0x6d4 || before === 0x3002 || before === 0xff1a
    || before === 0xff0c || before === 0xff01 || before === 0xff1f;
  if (!sentenceStart) {
    // The object of a verb of utterance: chanted “Build the wall!”, saying “Too many.”
    let s0 = k + 1;
    while (s0 > 0 && isLetter(text.charCodeAt(s0 - 1))) s0--;
    return UTTERANCE_VERBS.has(text.slice(s0, k + 1).toLowerCase());
  }
  if (UTTERANCE_END.test(body.charAt(body.length - 1))) return true;
  const j = q.close.pos + q.close.len;
  return j < text.length && UTTERANCE_END.test(text.charAt(j)) && !/[…—–-]/.test(text.charAt(j));
}

// ---- scripts without letter case --------------------------------------------------------------------

/** True when the quote's first letter has no upper and lower case (Arabic, Hebrew, CJK, Thai,
 *  Devanagari…): there capitals say nothing about sentences, names or titles. */
function isCaseless(body: string): boolean {
  const m = /\p{L}/u.exec(body);
  if (!m) return false;
  const ch = m[0];
  return ch.toLowerCase() === ch.toUpperCase() && !/\p{Lt}/u.test(ch);
}

/** Scripts written without spaces between words: there a word is about two characters. */
const UNSPACED_LETTER = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}]/gu;

/** Words in a caseless quote: spaced tokens, or letters ÷ 2 for scripts without spaces. */
function caselessWords(body: string): number {
  const unspaced = body.match(UNSPACED_LETTER)?.length ?? 0;
  return unspaced > 0 ? Math.max(countWords(body), Math.round(unspaced / 2)) : countWords(body);
}

/** Speech words of CJK prose, read as substrings since words are not spaced: Chinese said/stated/
 *  pointed out/stressed, Japanese "…と言った/述べた/語った/話した", Korean "…라고 말했다/밝혔다". */
const CJK_SPEECH_AFTER = /^[\s」』”＂,，。、]*(?:と(?:言|述|語|話|強調|説明|発言|明か)|(?:이?라고|고)\s*(?:말|밝|전|강조|설명))/u;
const CJK_SPEECH_BEFORE = /(?:说|說|表示|称|稱|指出|强调|強調|认为|認為|透露|回应|回應)[\s:：，,]*$/u;

/** How far around a caseless quote CJK speech words are looked for, in characters. */
const CJK_SPEECH_CONTEXT_CHARS = 12;

/** A quote in a caseless script is someone's words when it stands as a whole utterance by its
 *  position (after a colon or a sentence's end, ending on a stop or a comma), or when a speech word
 *  reports it in its sentence (before or after) and it is long enough to be a statement. Otherwise
 *  it is a phrase quoted inside the writer's sentence: a term. */
function caselessKind(text: string, q: RawQuote, body: string): QuoteKind {
  const words = caselessWords(body);
  if (standsAlone(text, q, body)) return 'statement';
  if (words < STATEMENT_MIN_WORDS) return 'term';
  const after = q.close.pos + q.close.len;
  const cjkSpeech = CJK_SPEECH_AFTER.test(text.slice(after, after + CJK_SPEECH_CONTEXT_CHARS))
    || CJK_SPEECH_BEFORE.test(text.slice(Math.max(0, q.open.pos - CJK_SPEECH_CONTEXT_CHARS), q.open.pos));
  return cjkSpeech || speechBefore(text, q.open.pos) || speechAfter(text, after) ? 'statement' : 'term';
}
