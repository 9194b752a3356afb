import { describe, it, expect } from 'vitest';
import {
  STATUSES, countByStatus, isFlagged, isStatus, markerLabel, relationLabel, sortByStatus, statementsOf, statusLabel, worseStatus,
} from '../lib/status';
import type { PageQuote, QuoteStatus } from '../lib/types';

function q(id: string, start: number, status: QuoteStatus, extra: Partial<PageQuote> = {}): PageQuote {
  return {
    id, start, end: start + 5, text: `text ${id}`, kind: 'statement', statement: Number(id.slice(1)),
    speaker: 'Benjamin Netanyahu', speakerKey: 'benjamin netanyahu', cue: 'said', status, variants: [], ...extra,
  };
}

describe('labels', () => {
  it.each([
    ['verbatim', 'verbatim'],
    ['excerpt', 'excerpt'],
    ['minor', 'minor change'],
    ['reworded', 'reworded'],
    ['altered', 'meaning altered'],
  ] as const)('relation %s reads "%s"', (relation, label) => {
    expect(relationLabel(relation)).toBe(label);
  });
  it('every status has its own label', () => {
    const labels = STATUSES.map(statusLabel);
    expect(new Set(labels).size).toBe(STATUSES.length);
    for (const l of labels) expect(l.length).toBeGreaterThan(2);
  });
  it('marker label names the speaker and the status', () => {
    expect(markerLabel('Benjamin Netanyahu', 'reworded')).toBe('Quote by Benjamin Netanyahu: reworded elsewhere');
    expect(markerLabel(null, 'new')).toBe('Quote by an unknown speaker: no earlier version seen');
    expect(markerLabel('  ', 'same')).toContain('unknown speaker');
  });
});

describe('ordering', () => {
  it.each([
    ['altered', true], ['conflict', true], ['reworded', true], ['same', false], ['new', false], ['term', false],
  ] as const)('%s flagged: %s', (status, flagged) => {
    expect(isFlagged(status)).toBe(flagged);
  });
  it('worse status wins in both argument orders', () => {
    expect(worseStatus('new', 'altered')).toBe('altered');
    expect(worseStatus('altered', 'new')).toBe('altered');
    expect(worseStatus('same', 'reworded')).toBe('reworded');
    expect(worseStatus('term', 'new')).toBe('new');
  });
  it('sorts flagged first and keeps text order among equals', () => {
    const items = [q('q1', 0, 'new'), q('q2', 10, 'reworded'), q('q3', 20, 'same'), q('q4', 30, 'altered'), q('q5', 40, 'reworded')];
    expect(sortByStatus(items).map((x) => x.id)).toEqual(['q4', 'q2', 'q5', 'q3', 'q1']);
    expect(items.map((x) => x.id)).toEqual(['q1', 'q2', 'q3', 'q4', 'q5']);
  });
});

describe('statements and counts', () => {
  const quotes = [
    q('q1', 0, 'new', { statement: 1 }),
    q('q2', 20, 'reworded', { statement: 1 }),
    q('q3', 40, 'same', { statement: 2 }),
    q('q4', 60, 'term', { kind: 'term', statement: 3, speaker: null }),
    q('q5', 80, 'altered', { statement: 4, speaker: null }),
  ];
  it('joins the parts of a split statement under the first part, with the worst status', () => {
    const s = statementsOf(quotes);
    expect(s.map((x) => x.id)).toEqual(['q1', 'q3', 'q5']);
    expect(s[0].status).toBe('reworded');
    expect(s[0].parts.map((p) => p.id)).toEqual(['q1', 'q2']);
    expect(s[0].text).toBe('text q1 … text q2');
  });
  it('counts statements once and terms per term', () => {
    expect(countByStatus(quotes)).toEqual({ new: 0, same: 1, reworded: 1, altered: 1, conflict: 0, term: 1 });
  });
  it('nothing in, zeros out', () => {
    expect(statementsOf([])).toEqual([]);
    expect(Object.values(countByStatus([])).every((n) => n === 0)).toBe(true);
  });
});

import { worstRelation } from '../lib/status';
describe('worstRelation', () => {
  it.each([
    [[], null],
    [[null, undefined], null],
    [['verbatim'], 'verbatim'],
    [['verbatim', 'minor', 'excerpt'], 'minor'],
    [['reworded', 'altered', 'verbatim'], 'altered'],
    [['altered', 'reworded'], 'altered'],
  ] as const)('%j → %s', (input, expected) => {
    expect(worstRelation(input)).toBe(expected);
  });
});

describe('isStatus', () => {
  it.each([
    ['altered', true],
    ['term', true],
    ['constructor', false],
    ['toString', false],
    ['__proto__', false],
    ['hasOwnProperty', false],
    [42, false],
  ])('%s → %s', (value, expected) => {
    expect(isStatus(value)).toBe(expected);
  });
});
