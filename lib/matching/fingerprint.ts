// Index keys for candidate lookup: the postings of these keys (lib/store/postings.ts) find every stored quote
// that could be another version of a new one, without scanning the store. A lookup reads one
// postings row per key, so its cost grows with the number of keys, not with the size of the store.
//
// Keys are unordered pairs of nearby key terms (stems of every word but pure function words,
// after the synonym table in normalize.ts: see keyTerms). Pairs survive what outlets do to a quote:
//  - verbatim copies and excerpts share every pair inside the shared words;
//  - pieces of a split quote share the pairs inside each piece;
//  - rewordings and translations keep most content words and their rough order, so nearby pairs
//    recur even when function words, clause order and a few words change
//    ("major ground operation" / "significant ground operation" share ground+operation and,
//    through the synonym table, major+ground);
//  - unordered pairs ignore local swaps ("U.S. support" / "support of the United States").
// Single words are not keys (a name like "rafah" would return half the store), except for a
// quote with only one content word, which has no pair.
//
// Key budget: a quote with n key terms has at most 2n-3 pair keys (n-1 adjacent, n-2 skipping
// one term). Up to MAX_FULL_KEYS (quotes up to ~48 key terms, about 90 words) all are kept.
// Longer quotes keep every adjacent pair, so any excerpt of two or more key terms still shares
// a key, and thin the skip pairs by winnowing (the minimum-hash key of every WINNOW_WINDOW
// consecutive ones, which guarantees a shared key for any shared run of that many); MAX_KEYS
// bounds a block quote. Each key is a 32-bit FNV-1a hash in base 36 (≤ 7 characters).
// The skip pairs about double the index; they keep hard rewordings findable, which adjacent pairs
// alone miss more often (npm run eval prints keys per quote and candidate recall).

import { keyTerms } from '../text/normalize';
import type { QuoteRow } from '../types';

/** Pair content words at most this many positions apart: 2 tolerates one inserted or dropped content word between them. */
export const PAIR_WINDOW = 2;
/** Keep every key up to this many: quotes up to ~48 key terms (about 90 words) keep full rewording recall. */
export const MAX_FULL_KEYS = 96;
/** Winnowing window for the skip pairs of longer quotes: a shared run of this many skip pairs always shares a kept one. */
export const WINNOW_WINDOW = 3;
/** Hard cap per quote so one block quote cannot bloat the store: adjacent pairs of ~240 key terms (about 450 words). */
export const MAX_KEYS = 240;

/** 32-bit FNV-1a of a string, as base 36. */
export function hashKey(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

function pairKey(a: string, b: string): string {
  return hashKey(a < b ? `${a} ${b}` : `${b} ${a}`);
}

/** Single-term keys start with this mark, so the store can keep the few that exist apart. */
export const SINGLE_MARK = '=';

function singleKey(a: string): string {
  return SINGLE_MARK + hashKey(`=${a}`);
}

/** Whether an index key is a single-term key (see singleKeys). */
export function isSingleKey(k: string): boolean {
  return k.startsWith(SINGLE_MARK);
}

/** Pair keys in text order of terms `distance` apart (duplicates kept so winnowing positions match between texts). */
function orderedPairKeys(concepts: string[], distance: number): string[] {
  const keys: string[] = [];
  for (let i = 0; i + distance < concepts.length; i++) {
    if (concepts[i] !== concepts[i + distance]) keys.push(pairKey(concepts[i], concepts[i + distance]));
  }
  return keys;
}

function winnow(keys: string[], window: number): string[] {
  const kept = new Set<string>();
  const value = keys.map((k) => parseInt(k, 36));
  for (let start = 0; start + window <= keys.length; start++) {
    let best = start;
    for (let i = start + 1; i < start + window; i++) if (value[i] < value[best]) best = i;
    kept.add(keys[best]);
  }
  return [...kept];
}

/** Index keys of a quote, stored in the postings table (lib/store/postings.ts). [] for text with no content word. */
export function storedKeys(text: string): string[] {
  const concepts = keyTerms(text);
  if (concepts.length === 0) return [];
  const unique = new Set(concepts);
  if (unique.size === 1) return [singleKey(concepts[0])];
  const adjacent = orderedPairKeys(concepts, 1);
  const skips: string[] = [];
  for (let d = 2; d <= PAIR_WINDOW; d++) skips.push(...orderedPairKeys(concepts, d));
  const all = new Set([...adjacent, ...skips]);
  if (all.size <= MAX_FULL_KEYS) return [...all];
  const kept = new Set(adjacent.slice(0, MAX_KEYS));
  for (const k of winnow(skips, WINNOW_WINDOW)) {
    if (kept.size >= MAX_KEYS) break;
    kept.add(k);
  }
  return [...kept];
}

/**
 * A single-term key per distinct key term: they find stored one-content-word quotes ("do it
 * alone"), whose only key is such a single key, so they stay cheap to look up.
 */
export function singleKeys(text: string): string[] {
  return singlesOf(keyTerms(text));
}

function singlesOf(concepts: string[]): string[] {
  return [...new Set(concepts)].map(singleKey);
}

/**
 * Keys a page statement is looked up with (the store keeps every key of storedKeys): its
 * adjacent pairs and a single-word key per content word, without the skip pairs. A stored version
 * keeps its skip pairs, so a rewording that inserted a word still meets the page's adjacent pair
 * there; an excerpt shares adjacent pairs on both sides. Each key is one IndexedDB request, and
 * leaving the skip pairs out costs about a third of the requests for next to no lost candidates
 * (npm run eval compares both key sets).
 */
export function queryKeys(text: string): string[] {
  const concepts = keyTerms(text);
  if (concepts.length === 0) return [];
  return [...new Set([...orderedPairKeys(concepts, 1).slice(0, MAX_KEYS), ...singlesOf(concepts)])];
}

/** 0..1: the share of the smaller key set found in the other; ranks candidates before grading. */
export function candidateScore(keysA: readonly string[], keysB: readonly string[]): number {
  if (keysA.length === 0 || keysB.length === 0) return 0;
  const [small, large] = keysA.length <= keysB.length ? [keysA, keysB] : [keysB, keysA];
  const set = new Set(large);
  let shared = 0;
  for (const k of small) if (set.has(k)) shared++;
  return shared / small.length;
}

/**
 * Parts of a split statement are joined with an ellipsis into the one text it is matched and keyed
 * by: the outlet stopped quoting there, so words another version has at that point are extent (not
 * quoted), not words cut out or spliced in.
 */
export const PART_JOINER = ' … ';

/** Rows grouped by the statement they are parts of, keyed "articleId:statement", in first-seen order. */
export function rowsByStatement<T extends { articleId: number; statement: number }>(rows: readonly T[]): Map<string, T[]> {
  const parts = new Map<string, T[]>();
  for (const r of rows) {
    const k = `${r.articleId}:${r.statement}`;
    const list = parts.get(k);
    if (list) list.push(r);
    else parts.set(k, [r]);
  }
  return parts;
}

/** storedKeys of each statement's whole text (parts in text order, joined by PART_JOINER), by
 *  "articleId:statement", for rows that hold every part of their statements; terms have none. */
export function statementKeys(rows: readonly QuoteRow[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [k, list] of rowsByStatement(rows)) {
    const statement = list.filter((r) => r.kind !== 'term').sort((a, b) => a.start - b.start);
    out.set(k, statement.length ? storedKeys(statement.map((r) => r.text).join(PART_JOINER)) : []);
  }
  return out;
}
