import { describe, it, expect } from 'vitest';
import { diffView, CONTEXT_WORDS } from '../lib/matching/diff-view';
import type { DiffSegment, DiffView } from '../lib/types';

/** The view as one line: [-removed-] {+added+} (context) …n… */
function line(segs: readonly DiffSegment[]): string {
  return segs
    .map((g) =>
      g.mark === 'removed' ? `[-${g.text}-]` : g.mark === 'added' ? `{+${g.text}+}` : g.mark === 'context' ? `(${g.text})` : g.mark === 'fold' ? `…${g.hidden}…` : g.text,
    )
    .join(' ');
}
const marked = (v: DiffView, mark: DiffSegment['mark']) =>
  [...v.segments, ...v.rows.flatMap((r) => [...r.reference, ...r.version])].filter((g) => g.mark === mark).map((g) => g.text);

// The seeds' excerpt pair (test/fixtures/seeds 000 and 002): AP's two sentences, the Washington Post's five words.
const AP =
  'I also said that we have no way to defeat Hamas without entering Rafah, … I told him that I hope we would do this with U.S. support but if necessary – we will do it alone.';
const AP_FULL =
  'We have no way to defeat Hamas without entering Rafah and eliminating the remaining battalions there. I told him that I hope we would do this with U.S. support but if necessary – we will do it alone.';
const WAPO = 'we’ll do it by ourselves.';

describe('diffView: the shorter version in its window of the longer', () => {
  it('shows five words in their window, not the long quote struck through', () => {
    const v = diffView(AP_FULL, WAPO, 'minor');
    expect(v.layout).toBe('inline');
    expect(line(v.segments)).toBe(
      `…${37 - 5 - CONTEXT_WORDS}… (with U.S. support but if necessary –) we’ll do it [-alone.-] {+by ourselves.+}`,
    );
    expect(marked(v, 'removed')).toEqual(['alone.']);
    expect(v.summary).toBe('excerpt: 5 of 37 words, 2 words changed');
  });

  it('the same pair the other way: the longer version, its extra words as context, not changes', () => {
    const v = diffView(WAPO, AP_FULL, 'minor');
    expect(v.layout).toBe('inline');
    expect(marked(v, 'added')).toEqual(['alone.']);
    expect(marked(v, 'removed')).toEqual(['by ourselves.']);
    expect(marked(v, 'context').join(' ')).toBe('with U.S. support but if necessary –');
    expect(v.summary).toBe('longer: 37 words against 5, 2 words changed');
  });

  it('a clean excerpt marks nothing and folds the rest on both sides', () => {
    const v = diffView(AP, 'no way to defeat Hamas', 'excerpt');
    expect(v.layout).toBe('inline');
    expect(marked(v, 'removed')).toEqual([]);
    expect(marked(v, 'added')).toEqual([]);
    expect(line(v.segments)).toMatch(/^\(I also said that we have\) no way to defeat Hamas \(without entering Rafah, … I told him\) …\d+…$/);
    expect(v.summary).toBe('excerpt: 5 of 35 words');
  });

  it('a chance twin of an edge word far away does not stretch the window', () => {
    const long = 'The army said on Monday that it had finished its work in the north, and the war will end soon.';
    const v = diffView(long, 'the war will end soon');
    expect(marked(v, 'added')).toEqual([]);
    expect(marked(v, 'removed')).toEqual([]);
    expect(v.segments.filter((g) => g.mark === 'same').map((g) => g.text)).toEqual(['the war will end soon']);
  });
});

describe('diffView: summaries', () => {
  const table: [string, string, string, string][] = [
    // [what, reference, version, summary]
    ['number changed', 'More than 31,000 people have been killed in Gaza, the ministry says.', 'More than 32,000 people have been killed in Gaza, the ministry says.', 'number changed: 31,000 → 32,000'],
    ['name spelled differently', 'I met Prime Minister Netanyahu in Jerusalem today and we spoke for hours.', 'I met Prime Minister Netanjahu in Jerusalem today and we spoke for hours.', 'name spelled differently'],
    ['inner sentence dropped', 'We will rebuild our homes. We will not stop until every family is back. Thank you all for coming.', 'We will rebuild our homes. Thank you all for coming.', 'sentence dropped'],
    ['sentence dropped at the end', 'We will rebuild our homes and our schools. We will not stop until every family is back.', 'We will rebuild our homes and our schools.', 'sentence dropped'],
    ['sentence added', 'We will rebuild our homes and our schools.', 'We will rebuild our homes and our schools. We will not stop until every family is back.', 'sentence added'],
    ['words cut inside', 'We will rebuild our homes and our schools and our hospitals in this city.', 'We will rebuild our homes and our hospitals in this city.', '3 words cut'],
    ['a cut marked by an ellipsis is no sentence end', 'We will rebuild our homes, … we will not stop until every family is back home.', 'we will not stop until every family is back home.', '5 words cut'],
    ['words changed', 'We will rebuild the homes of every family in this city by the spring.', 'We will rebuild the houses of each family in this city by the spring.', '2 words changed'],
    ['negation dropped', 'We will not rebuild the homes of every family in this city by the spring.', 'We will rebuild the homes of every family in this city by the spring.', '“not” dropped'],
  ];
  it.each(table)('%s', (_what, reference, version, summary) => {
    expect(diffView(reference, version).summary).toBe(summary);
  });

  it('marks a changed number in place', () => {
    const v = diffView(table[0][1], table[0][2], 'altered');
    expect(v.layout).toBe('inline');
    expect(marked(v, 'removed')).toEqual(['31,000']);
    expect(marked(v, 'added')).toEqual(['32,000']);
  });

  it('a dropped sentence is one removed stretch, the rest unmarked', () => {
    const v = diffView(table[2][1], table[2][2], 'excerpt');
    expect(marked(v, 'removed')).toEqual(['We will not stop until every family is back.']);
    expect(marked(v, 'added')).toEqual([]);
  });
});

describe('diffView: no change for form alone', () => {
  const same: [string, string][] = [
    ['“We’ll do it by ourselves,” he said', "we'll do it by ourselves, he said"],
    ['We will do it by OURSELVES!', "we'll do it by ourselves."],
    ['The U.S. will help — as it always has.', 'the US will help, as it always has'],
    ['It cost 32,000 dollars', 'It cost 32000 dollars'],
  ];
  it.each(same)('%s / %s', (a, b) => {
    const v = diffView(a, b);
    expect(v.layout).toBe('same');
    expect(v.summary).toBe('same words');
    expect(marked(v, 'removed')).toEqual([]);
    expect(marked(v, 'added')).toEqual([]);
    // the version is shown as it was printed
    expect(v.segments.map((g) => g.text).join(' ')).toBe(b);
  });
});

describe('diffView: a rewording side by side', () => {
  const a = 'It risks causing more civilian deaths. It risks causing greater damage to the provision of humanitarian assistance.';
  const b = 'It risks killing more civilians. It risks wreaking greater havoc with the provision of humanitarian assistance.';

  it('lines up the matched words of both versions row by row', () => {
    const v = diffView(a, b, 'reworded');
    expect(v.layout).toBe('columns');
    expect(v.segments).toEqual([]);
    expect(v.rows.length).toBeGreaterThan(1);
    const words = (segs: DiffSegment[]) => segs.filter((g) => g.mark === 'same').map((g) => g.text).join(' ');
    // every row holds the same shared words on both sides
    for (const r of v.rows) expect(words(r.reference)).toBe(words(r.version));
    expect(v.rows.map((r) => words(r.reference)).join(' ')).toBe('It risks more It risks greater the provision of humanitarian assistance.');
    expect(marked(v, 'removed')).toEqual(['causing', 'civilian deaths.', 'causing', 'damage to']);
    expect(marked(v, 'added')).toEqual(['killing', 'civilians.', 'wreaking', 'havoc with']);
    expect(v.summary).toBe('6 words changed');
  });

  it('many scattered changes read side by side even without the grade', () => {
    expect(diffView(a, b).layout).toBe('columns');
    expect(diffView(a, b, 'minor').layout).toBe('columns');
  });
});

describe('diffView: ordinary input never throws', () => {
  const odd: [string, string][] = [
    ['', ''],
    ['', 'words here'],
    ['…', '—'],
    ['completely different words', 'nothing alike at all'],
    ['a', 'a b c d e f g h i j k l m n o p q r s t u v w x y z'],
  ];
  it.each(odd)('%j / %j', (a, b) => {
    const v = diffView(a, b);
    expect(['same', 'inline', 'columns']).toContain(v.layout);
    expect(typeof v.summary).toBe('string');
  });

  it('long texts with little in common stand side by side, whole: the alignment gives up past MAX_EDITS', () => {
    const words = (n: number, step: number) => Array.from({ length: n }, (_, i) => `w${(i * step) % 997}`).join(' ');
    const v = diffView(words(600, 7), words(600, 13));
    expect(v.layout).toBe('columns');
    expect(v.rows).toHaveLength(1);
  });

  it('a five-word excerpt of a long statement is still placed in its window', () => {
    const long = `${'Some words come first here. '.repeat(100)}Then we will do it alone.`;
    const v = diffView(long, 'we will do it alone.');
    expect(v.segments.filter((g) => g.mark === 'same').map((g) => g.text)).toEqual(['we will do it alone.']);
    expect(v.summary).toBe('excerpt: 5 of 506 words');
  });

  it('texts with nothing in common stand side by side, whole', () => {
    const v = diffView('completely different words', 'nothing alike at all');
    expect(v.layout).toBe('columns');
    expect(v.rows).toEqual([{ reference: [{ text: 'completely different words', mark: 'removed' }], version: [{ text: 'nothing alike at all', mark: 'added' }] }]);
  });
});
