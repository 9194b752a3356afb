// What a reader sees of one version of a quote against another (the reference): the shorter
// version placed in its window of the longer one, that window shown with a little context and
// the rest folded, only the words that differ marked, and one line that says what changed.
// Pure: text in, plain data out (types.ts), so the card, the popup and the quote log show the same.
//
// Words are compared in normalize()'s form, so quote marks, case, punctuation, contractions and
// US/UK spelling never show as changes; what is shown is each version's own text.

import { diffArrays, diffChars } from 'diff';
import type { DiffMark, DiffRow, DiffSegment, DiffView, Relation } from '../types';
import { NEGATIONS, normalize, numberValue } from '../text/normalize';
import { DIFF_VIEW_SENTENCE_END, sentenceEndsBefore } from '../text/sentences';

/** A shown word that ends a sentence: a stop, maybe closed by a quote mark, but not an ellipsis. */
const closesSentence = (text: string) => sentenceEndsBefore(text, text.length, DIFF_VIEW_SENTENCE_END);

/** A word of the shown text (whitespace-separated, punctuation attached) and its normalised words. */
interface Token {
  text: string;
  words: string[];
}

/** One version as tokens, and its normalised words with the token each belongs to. */
interface Side {
  tokens: Token[];
  words: string[];
  tokenOf: number[];
}

function sideOf(text: string): Side {
  const tokens: Token[] = [];
  let pending = '';
  // normalize() reads "US" as the country only inside mixed-case text: one word alone has no case to go by.
  const mixedCase = /\p{Ll}/u.test(text);
  for (const raw of text.split(/\s+/)) {
    if (!raw) continue;
    const words = normalize(mixedCase ? raw.replace(/\b(USA|US)\b/g, 'U.S.') : raw).split(' ').filter(Boolean);
    if (words.length === 0) {
      // A dash or an ellipsis on its own goes with the word before it (or after, at the start).
      if (tokens.length > 0) tokens[tokens.length - 1].text += ` ${raw}`;
      else pending = pending ? `${pending} ${raw}` : raw;
      continue;
    }
    tokens.push({ text: pending ? `${pending} ${raw}` : raw, words });
    pending = '';
  }
  const words: string[] = [];
  const tokenOf: number[] = [];
  tokens.forEach((t, i) => {
    for (const w of t.words) {
      words.push(w);
      tokenOf.push(i);
    }
  });
  return { tokens, words, tokenOf };
}

/** Word edits, beyond the difference in length, past which two versions are shown whole side by
 *  side rather than aligned: versions of one quote differ by far fewer, and the alignment's cost
 *  grows with the edits. */
export const MAX_EDITS = 200;

/** jsdiff's word alignment, or null past MAX_EDITS. */
function wordDiff(a: readonly string[], b: readonly string[]) {
  return diffArrays(a as string[], b as string[], { maxEditLength: Math.abs(a.length - b.length) + MAX_EDITS }) ?? null;
}

/** Index pairs of the words jsdiff keeps in both sequences, in order. */
function equalPairs(a: readonly string[], b: readonly string[]): [number, number][] {
  const pairs: [number, number][] = [];
  let i = 0;
  let j = 0;
  for (const part of wordDiff(a, b) ?? []) {
    const n = part.count ?? part.value.length;
    if (part.added) j += n;
    else if (part.removed) i += n;
    else {
      for (let k = 0; k < n; k++) pairs.push([i + k, j + k]);
      i += n;
      j += n;
    }
  }
  return pairs;
}

/**
 * The stretch of `long` that the whole of `short` stands for, [start, end] inclusive; null when
 * they share no word. A shortest edit script may pair a word of the short version with a chance
 * twin far outside its window ("the" three sentences earlier), so the window is the densest run of
 * pairs: each pair gains, and each gap wider in the long version than in the short one costs its
 * excess words. The window then reaches as far as the short version's unpaired edge words, so that
 * words differing at an edge on both sides read as a change, not as context.
 */
function windowOf(short: readonly string[], long: readonly string[]): [number, number] | null {
  const pairs = equalPairs(short, long);
  if (pairs.length === 0) return null;
  const PAIR_GAIN = 2;
  let best = { from: 0, to: 0, value: -Infinity };
  let from = 0;
  let value = 0;
  pairs.forEach(([i, j], k) => {
    if (k === 0) value = PAIR_GAIN;
    else {
      const [pi, pj] = pairs[k - 1];
      const excess = Math.max(0, j - pj - (i - pi));
      if (value - excess > 0) value += PAIR_GAIN - excess;
      else {
        value = PAIR_GAIN;
        from = k;
      }
    }
    if (value > best.value) best = { from, to: k, value };
  });
  const [fi, fj] = pairs[best.from];
  const [ti, tj] = pairs[best.to];
  return [Math.max(0, fj - fi), Math.min(long.length - 1, tj + (short.length - 1 - ti))];
}

/** Words a window edge may move to meet a sentence edge of the longer version. */
const SNAP_WORDS = 2;

/**
 * A shorter version that starts or ends a sentence where the longer one has a word or two more
 * ("… do it alone." against "… do it by ourselves.") differs there, rather than stopping short:
 * the window reaches the longer version's sentence edge when it is that close.
 */
function toSentenceEdges([start, end]: [number, number], short: Side, long: Side): [number, number] {
  const text = (s: Side, w: number) => s.tokens[s.tokenOf[w]].text;
  const endsSentence = (s: Side, w: number) =>
    (w === s.words.length - 1 || s.tokenOf[w + 1] !== s.tokenOf[w]) && closesSentence(text(s, w));
  const startsSentence = (s: Side, w: number) =>
    (w === 0 || s.tokenOf[w - 1] !== s.tokenOf[w]) && /^\P{L}*\p{Lu}/u.test(text(s, w)) && (w === 0 || endsSentence(s, w - 1));
  if (endsSentence(short, short.words.length - 1) && !endsSentence(long, end)) {
    for (let k = end + 1; k <= Math.min(long.words.length - 1, end + SNAP_WORDS); k++) {
      if (endsSentence(long, k)) {
        end = k;
        break;
      }
    }
  }
  if (startsSentence(short, 0) && !startsSentence(long, start)) {
    for (let k = start - 1; k >= Math.max(0, start - SNAP_WORDS); k--) {
      if (startsSentence(long, k)) {
        start = k;
        break;
      }
    }
  }
  return [start, end];
}

/** Where each normalised word stands: in both versions, in one only, or outside the window. */
type WordState = 'same' | 'changed' | 'context';

/** One step through both versions' words, in reading order. */
type Step =
  | { kind: 'same'; ref: number; ver: number }
  | { kind: 'changed'; ref?: number; ver?: number }
  | { kind: 'context'; ref?: number; ver?: number };

/** A shown word with its mark, on one side; `row` marks a point where both versions' lines may break. */
type Shown = { side: 'ref' | 'ver'; text: string; state: WordState; words: string[] } | { side: 'row' };

interface Alignment {
  steps: Step[];
  ref: Side;
  ver: Side;
  refIsLong: boolean;
  window: [number, number];
}

function align(ref: Side, ver: Side): Alignment | null {
  const refIsLong = ref.words.length >= ver.words.length;
  const [shortSide, longSide] = refIsLong ? [ver, ref] : [ref, ver];
  const [short, long] = [shortSide.words, longSide.words];
  const found = windowOf(short, long);
  if (!found) return null;
  const window = toSentenceEdges(found, shortSide, longSide);
  const [start, end] = window;
  const onLong = (j: number): Step => (refIsLong ? { kind: 'context', ref: j } : { kind: 'context', ver: j });
  const steps: Step[] = [];
  for (let j = 0; j < start; j++) steps.push(onLong(j));
  let i = 0;
  let j = start;
  const parts = wordDiff(short, long.slice(start, end + 1));
  if (!parts) return null;
  for (const part of parts) {
    const n = part.count ?? part.value.length;
    for (let k = 0; k < n; k++) {
      if (part.added) {
        steps.push(refIsLong ? { kind: 'changed', ref: j } : { kind: 'changed', ver: j });
        j++;
      } else if (part.removed) {
        steps.push(refIsLong ? { kind: 'changed', ver: i } : { kind: 'changed', ref: i });
        i++;
      } else {
        steps.push(refIsLong ? { kind: 'same', ref: j, ver: i } : { kind: 'same', ref: i, ver: j });
        i++;
        j++;
      }
    }
  }
  for (let k = end + 1; k < long.length; k++) steps.push(onLong(k));
  return { steps, ref, ver, refIsLong, window };
}

/** Each token's state: changed when any of its words changed, else same when any is in the
 *  window, else context. */
function tokenStates(side: Side, wordStates: WordState[]): WordState[] {
  const out: WordState[] = side.tokens.map(() => 'context');
  side.tokenOf.forEach((t, w) => {
    const s = wordStates[w];
    if (s === 'changed' || (s === 'same' && out[t] === 'context')) out[t] = s;
  });
  return out;
}

/** The shown tokens of both versions in reading order: a token appears at its last word. */
function shownTokens(a: Alignment): Shown[] {
  const refWords: WordState[] = a.ref.words.map(() => 'context');
  const verWords: WordState[] = a.ver.words.map(() => 'context');
  for (const s of a.steps) {
    if (s.ref !== undefined) refWords[s.ref] = s.kind;
    if (s.ver !== undefined) verWords[s.ver] = s.kind;
  }
  const refTokens = tokenStates(a.ref, refWords);
  const verTokens = tokenStates(a.ver, verWords);
  const out: Shown[] = [];
  const isLast = (side: Side, w: number) => w === side.words.length - 1 || side.tokenOf[w + 1] !== side.tokenOf[w];
  const push = (kind: 'ref' | 'ver', side: Side, states: WordState[], w: number | undefined) => {
    if (w === undefined || !isLast(side, w)) return;
    const t = side.tokenOf[w];
    out.push({ side: kind, text: side.tokens[t].text, state: states[t], words: side.tokens[t].words });
  };
  for (const s of a.steps) {
    push('ref', a.ref, refTokens, s.ref);
    push('ver', a.ver, verTokens, s.ver);
    if (s.kind === 'same' && isLast(a.ref, s.ref) && isLast(a.ver, s.ver)) out.push({ side: 'row' });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Layout

/** Words of the longer version shown either side of the shorter one's window: enough to place it
 *  in its sentence, few enough to take in at a glance. */
export const CONTEXT_WORDS = 6;

/** A fold hides at least this many words: folding fewer saves no reading. */
export const MIN_FOLD_WORDS = 3;

interface Word {
  text: string;
  mark: DiffMark;
  /** A fold's count of words left out. */
  hidden?: number;
}

function markOf(side: 'ref' | 'ver', state: WordState): DiffMark {
  if (state === 'context') return 'context';
  if (state === 'same') return 'same';
  return side === 'ref' ? 'removed' : 'added';
}

/** Runs of `mark` lose all but the words `keep` asks for at each end to a fold, when at least
 *  MIN_FOLD_WORDS would go. */
function fold(words: Word[], mark: DiffMark, keep: (runStart: number, runEnd: number) => [number, number]): Word[] {
  const out: Word[] = [];
  let k = 0;
  while (k < words.length) {
    if (words[k].mark !== mark) {
      out.push(words[k++]);
      continue;
    }
    let e = k;
    while (e < words.length && words[e].mark === mark) e++;
    const [before, after] = keep(k, e);
    const hidden = e - k - before - after;
    if (hidden >= MIN_FOLD_WORDS) {
      out.push(...words.slice(k, k + before), { text: '…', mark: 'fold', hidden }, ...words.slice(e - after, e));
    } else out.push(...words.slice(k, e));
    k = e;
  }
  return out;
}

/** Neighbouring words with one mark become one segment, words joined by a space. */
function segments(words: Word[]): DiffSegment[] {
  const out: DiffSegment[] = [];
  for (const w of words) {
    const last = out[out.length - 1];
    if (w.mark === 'fold') out.push({ text: '…', mark: 'fold', hidden: w.hidden });
    else if (last && last.mark === w.mark) last.text += ` ${w.text}`;
    else out.push({ text: w.text, mark: w.mark });
  }
  return out;
}

/** Context beyond CONTEXT_WORDS of the window is folded; so are long unchanged stretches between
 *  changes, keeping CONTEXT_WORDS next to each change. */
function foldView(words: Word[]): Word[] {
  const changed = words.some((w) => w.mark === 'added' || w.mark === 'removed');
  let out = fold(words, 'context', (s, e) => (s === 0 ? [0, CONTEXT_WORDS] : e === words.length ? [CONTEXT_WORDS, 0] : [CONTEXT_WORDS, CONTEXT_WORDS]));
  if (changed) out = fold(out, 'same', () => [CONTEXT_WORDS, CONTEXT_WORDS]);
  return out;
}

function inlineSegments(shown: Shown[]): DiffSegment[] {
  const words: Word[] = [];
  // Within one change, the reference's words come first, then what this version has instead.
  let added: Word[] = [];
  for (const s of shown) {
    if (s.side === 'row') continue;
    // Words in both versions are shown once, as this version has them.
    if (s.side === 'ref' && s.state === 'same') continue;
    const w = { text: s.text, mark: markOf(s.side, s.state) };
    if (w.mark === 'added') added.push(w);
    else if (w.mark === 'removed') words.push(w);
    else {
      words.push(...added, w);
      added = [];
    }
  }
  words.push(...added);
  return segments(foldView(words));
}

/** A line of the side-by-side form holds about this many words a side: short enough that the
 *  two columns' lines stay level, long enough to read as a phrase. */
export const ROW_WORDS = 8;

function columnRows(shown: Shown[]): DiffRow[] {
  const rows: DiffRow[] = [];
  let ref: Word[] = [];
  let ver: Word[] = [];
  let state: WordState | null = null;
  const close = () => {
    if (ref.length === 0 && ver.length === 0) return;
    rows.push({ reference: segments(ref), version: segments(ver) });
    ref = [];
    ver = [];
  };
  for (const s of shown) {
    if (s.side === 'row') {
      if (Math.max(ref.length, ver.length) >= ROW_WORDS) close();
      continue;
    }
    // Context before and after the window has lines of its own: the other column is empty there.
    if (state !== null && (s.state === 'context') !== (state === 'context')) close();
    state = s.state;
    (s.side === 'ref' ? ref : ver).push({ text: s.text, mark: markOf(s.side, s.state) });
  }
  close();
  // Context lines keep the CONTEXT_WORDS nearest the window.
  const last = rows.length - 1;
  return rows.map((r, k) => {
    const trim = (ws: DiffSegment[]): DiffSegment[] => {
      if (ws.length !== 1 || ws[0].mark !== 'context') return ws;
      const words = ws[0].text.split(' ').map((text): Word => ({ text, mark: 'context' }));
      return segments(fold(words, 'context', () => (k === 0 ? [0, CONTEXT_WORDS] : k === last ? [CONTEXT_WORDS, 0] : [CONTEXT_WORDS, CONTEXT_WORDS])));
    };
    return { reference: trim(r.reference), version: trim(r.version) };
  });
}

// ---------------------------------------------------------------------------------------------
// Summary

/** A word's shown text without the punctuation around it ("31,000." → "31,000"). */
function bare(text: string): string {
  return text.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
}

/** Characters added plus removed between two words. */
function charEdits(a: string, b: string): number {
  return diffChars(a, b).reduce((n, p) => n + (p.added || p.removed ? p.value.length : 0), 0);
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Sentences in a run of tokens: each sentence end counts, and an unended tail counts once. */
function sentenceCount(texts: string[]): number {
  const ends = texts.filter((t) => closesSentence(t)).length;
  return ends + (texts.length > 0 && !closesSentence(texts[texts.length - 1]) ? 1 : 0);
}

/** A shorter version with fewer than this share of the reference's words is summed up as an
 *  excerpt ("5 of 40 words"); a longer one by the words it leaves out ("2 words cut"). */
export const EXCERPT_SHARE = 0.5;

/** Up to this many whole sentences beyond the window are named as such ("sentence dropped");
 *  more, and a short version reads better as an excerpt of the long one. */
const MAX_SENTENCES_NAMED = 2;

/** A word is a sentence's worth only with a few words: "Yes." dropped is a word cut. */
const MIN_SENTENCE_WORDS = 4;

/** The summary names at most this many changes: one line, read at a glance. */
const MAX_PHRASES = 3;

interface Hunk {
  ref: Token[];
  ver: Token[];
  /** The word before the change on each side, if any: a sentence dropped starts after a sentence end. */
  refBefore?: string;
  verBefore?: string;
}

/** What a summary counts while it reads the changes. */
interface Tally {
  phrases: string[];
  changed: number;
  cut: number;
  added: number;
  sentencesDropped: number;
  sentencesAdded: number;
}

/** Changes inside the window, one hunk per stretch between shared words. */
function collectHunks(shown: Shown[]): Hunk[] {
  const hunks: Hunk[] = [];
  let refBefore: string | undefined;
  let verBefore: string | undefined;
  let hunk: Hunk = { ref: [], ver: [] };
  for (const s of shown) {
    if (s.side === 'row') continue;
    if (s.state === 'changed') {
      if (hunk.ref.length === 0 && hunk.ver.length === 0) Object.assign(hunk, { refBefore, verBefore });
      const tok = { text: s.text, words: s.words };
      (s.side === 'ref' ? hunk.ref : hunk.ver).push(tok);
    } else if (s.state === 'same' && (hunk.ref.length > 0 || hunk.ver.length > 0)) {
      hunks.push(hunk);
      hunk = { ref: [], ver: [] };
    }
    if (s.side === 'ref') refBefore = s.text;
    else verBefore = s.text;
  }
  if (hunk.ref.length > 0 || hunk.ver.length > 0) hunks.push(hunk);
  return hunks;
}

/** One hunk into the tally: a number, a whole sentence, a negation, a spelling, or changed words. */
function tallyHunk(h: Hunk, t: Tally): void {
  const refWords = h.ref.flatMap((x) => x.words);
  const verWords = h.ver.flatMap((x) => x.words);
  const refNumbers = h.ref.filter((x) => x.words.some((w) => numberValue(w) !== null));
  const verNumbers = h.ver.filter((x) => x.words.some((w) => numberValue(w) !== null));
  if (refNumbers.length > 0 && verNumbers.length > 0) {
    t.phrases.push(`number changed: ${bare(refNumbers[0].text)} → ${bare(verNumbers[0].text)}`);
    return;
  }
  const only = h.ver.length === 0 ? h.ref : h.ref.length === 0 ? h.ver : null;
  const before = only === h.ref ? h.refBefore : h.verBefore;
  const whole = only && (before === undefined || closesSentence(before)) && closesSentence(only[only.length - 1].text);
  if (only && whole && only.flatMap((x) => x.words).length >= MIN_SENTENCE_WORDS) {
    if (only === h.ref) t.sentencesDropped += sentenceCount(only.map((x) => x.text));
    else t.sentencesAdded += sentenceCount(only.map((x) => x.text));
    return;
  }
  const refNeg = refWords.filter((w) => NEGATIONS.has(w));
  const verNeg = verWords.filter((w) => NEGATIONS.has(w));
  if (refNeg.length !== verNeg.length) {
    t.phrases.push(refNeg.length > verNeg.length ? `“${refNeg[0]}” dropped` : `“${verNeg[0]}” added`);
    if (refWords.length + verWords.length === 1) return;
  }
  if (h.ref.length === 1 && h.ver.length === 1) {
    const [r, v] = [bare(h.ref[0].text), bare(h.ver[0].text)];
    const close = charEdits(r.toLowerCase(), v.toLowerCase()) <= Math.max(2, Math.floor(Math.min(r.length, v.length) / 3));
    if (close && r.length >= 3 && v.length >= 3) {
      t.phrases.push(/^\p{Lu}/u.test(r) && /^\p{Lu}/u.test(v) ? 'name spelled differently' : 'word spelled differently');
      return;
    }
  }
  if (refWords.length > 0 && verWords.length > 0) t.changed += Math.max(h.ref.length, h.ver.length);
  else if (refWords.length > 0) t.cut += h.ref.length;
  else t.added += h.ver.length;
}

/** What one version has beyond the other's window, into the tally. */
function tallyExtent(a: Alignment, t: Tally): void {
  const long = a.refIsLong ? a.ref : a.ver;
  const short = a.refIsLong ? a.ver : a.ref;
  const before = long.tokenOf[a.window[0]];
  const after = long.tokenOf[a.window[1]];
  const beforeTexts = long.tokens.slice(0, before).map((x) => x.text);
  const afterTexts = long.tokens.slice(after + 1).map((x) => x.text);
  const extentWords = beforeTexts.length + afterTexts.length;
  if (extentWords === 0) return;
  const wholeSentences =
    (beforeTexts.length === 0 || closesSentence(beforeTexts[beforeTexts.length - 1])) &&
    (afterTexts.length === 0 || closesSentence(long.tokens[after].text));
  const sentences = sentenceCount(beforeTexts) + sentenceCount(afterTexts);
  if (wholeSentences && sentences <= MAX_SENTENCES_NAMED) {
    if (a.refIsLong) t.sentencesDropped += sentences;
    else t.sentencesAdded += sentences;
  } else if (short.words.length < EXCERPT_SHARE * long.words.length) {
    t.phrases.push(
      a.refIsLong
        ? `excerpt: ${short.tokens.length} of ${long.tokens.length} words`
        : `longer: ${long.tokens.length} words against ${short.tokens.length}`,
    );
  } else if (wholeSentences) {
    if (a.refIsLong) t.sentencesDropped += sentences;
    else t.sentencesAdded += sentences;
  } else if (a.refIsLong) t.cut += extentWords;
  else t.added += extentWords;
}

function summarize(a: Alignment, shown: Shown[]): string {
  const t: Tally = { phrases: [], changed: 0, cut: 0, added: 0, sentencesDropped: 0, sentencesAdded: 0 };
  for (const h of collectHunks(shown)) tallyHunk(h, t);
  tallyExtent(a, t);
  const phrases = t.phrases;
  if (t.sentencesDropped > 0) phrases.push(t.sentencesDropped === 1 ? 'sentence dropped' : `${t.sentencesDropped} sentences dropped`);
  if (t.sentencesAdded > 0) phrases.push(t.sentencesAdded === 1 ? 'sentence added' : `${t.sentencesAdded} sentences added`);
  if (t.changed > 0) phrases.push(`${plural(t.changed, 'word')} changed`);
  if (t.cut > 0) phrases.push(`${plural(t.cut, 'word')} cut`);
  if (t.added > 0) phrases.push(`${plural(t.added, 'word')} added`);
  return phrases.slice(0, MAX_PHRASES).join(', ');
}

// ---------------------------------------------------------------------------------------------

/** A version graded other than "reworded" still reads better side by side when at least this
 *  share of its window's words changed, in at least COLUMNS_MIN_CHANGES places: interleaved
 *  inline, neither reading would survive. */
export const COLUMNS_CHANGED_SHARE = 0.35;
export const COLUMNS_MIN_CHANGES = 3;

const SAME_WORDS = 'same words';

/**
 * `version` as a reader sees it against `reference`: marks say what `version` has that the
 * reference lacks (added) and what it lacks (removed); the summary reads with `version` as its
 * subject ("2 words cut": this version leaves out two of the reference's words). `relation` is
 * the grade of the pair, when known: a rewording is shown side by side.
 */
export function diffView(reference: string, version: string, relation?: Relation | null): DiffView {
  const ref = sideOf(reference);
  const ver = sideOf(version);
  const plain: DiffView = { layout: 'same', summary: SAME_WORDS, segments: version.trim() ? [{ text: version.trim().split(/\s+/).join(' '), mark: 'same' }] : [], rows: [] };
  if (ref.words.join(' ') === ver.words.join(' ')) return plain;
  const a = align(ref, ver);
  if (!a) {
    // Nothing in common: the two texts side by side, whole.
    const whole = (s: Side, mark: DiffMark): DiffSegment[] => (s.tokens.length ? [{ text: s.tokens.map((t) => t.text).join(' '), mark }] : []);
    return { layout: 'columns', summary: 'different words', segments: [], rows: [{ reference: whole(ref, 'removed'), version: whole(ver, 'added') }] };
  }
  const shown = shownTokens(a);
  if (shown.every((s) => s.side === 'row' || s.state === 'same')) return plain;
  const summary = summarize(a, shown) || SAME_WORDS;
  const changes = shown.filter((s) => s.side !== 'row' && s.state === 'changed');
  let places = 0;
  let inChange = false;
  for (const s of shown) {
    if (s.side === 'row') continue;
    if (s.state === 'changed' && !inChange) places++;
    inChange = s.state === 'changed';
  }
  const windowTokens = shown.filter((s) => s.side !== 'row' && s.state !== 'context' && !(s.side === 'ref' && s.state === 'same')).length;
  const columns =
    relation === 'reworded' ||
    (places >= COLUMNS_MIN_CHANGES && changes.length >= COLUMNS_CHANGED_SHARE * Math.max(1, windowTokens));
  if (columns) return { layout: 'columns', summary, segments: [], rows: columnRows(shown) };
  return { layout: 'inline', summary, segments: inlineSegments(shown), rows: [] };
}
