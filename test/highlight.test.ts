// @vitest-environment jsdom
// lib/highlight.ts against jsdom: the Highlight API path with a stand-in registry (jsdom has none),
// and the fallback path, which jsdom takes on its own.
import { describe, it, expect } from 'vitest';
import { createHighlighter, highlightName, supportsHighlights, HIGHLIGHT_NAMES, type HighlightItem } from '../lib/page/highlight';
import { STATUSES } from '../lib/status';
import { SLICE_MS, type Slicing } from '../lib/page/slices';

class FakeHighlight {
  priority = 0;
  ranges: Range[];
  /** Ranges added and deleted since made: what the browser has to take in. */
  changes = 0;
  constructor(...ranges: Range[]) {
    this.ranges = ranges;
  }
  add(r: Range) {
    this.changes++;
    if (!this.ranges.includes(r)) this.ranges.push(r);
  }
  delete(r: Range) {
    this.changes++;
    const at = this.ranges.indexOf(r);
    if (at >= 0) this.ranges.splice(at, 1);
    return at >= 0;
  }
}

function pageWithText(text: string) {
  document.body.innerHTML = '';
  const p = document.createElement('p');
  p.textContent = text;
  document.body.appendChild(p);
  const layer = document.createElement('div');
  document.body.appendChild(layer);
  const range = (start: number, end: number) => {
    const r = document.createRange();
    r.setStart(p.firstChild!, start);
    r.setEnd(p.firstChild!, end);
    return r;
  };
  return { p, layer, range };
}

function withFakeRegistry(fn: (registry: Map<string, FakeHighlight>) => void) {
  const win = window as unknown as { CSS?: unknown; Highlight?: unknown };
  const savedCss = win.CSS;
  const savedHighlight = win.Highlight;
  const registry = new Map<string, FakeHighlight>();
  win.CSS = { highlights: registry };
  win.Highlight = FakeHighlight;
  try {
    fn(registry);
  } finally {
    win.CSS = savedCss;
    win.Highlight = savedHighlight;
  }
}

describe('createHighlighter with the Highlight API', () => {
  it('registers statements under one name and terms under another, never a status, and clears them', () => {
    withFakeRegistry((registry) => {
      const { layer, range } = pageWithText('He said “one” and “two” and “three”.');
      expect(supportsHighlights(window)).toBe(true);
      const h = createHighlighter(document, layer);
      expect(h.mode).toBe('highlight');
      const items: HighlightItem[] = [
        { id: 'q1', status: 'reworded', range: range(9, 12) },
        { id: 'q1', status: 'reworded', range: range(19, 22) },
        { id: 'q3', status: 'altered', range: range(29, 34) },
        { id: 'q4', status: 'term', range: range(0, 2) },
      ];
      h.draw(items);
      // nothing is shown before the caller says which quotes lie near the view
      expect(registry.size).toBe(0);
      h.show(items, false);
      // The registry is shared with the page's scripts: a status there would tell them the reader's history.
      expect([...registry.keys()].sort()).toEqual(['verbatim-quote', 'verbatim-term']);
      expect(registry.get('verbatim-quote')!.ranges).toHaveLength(3);
      expect(registry.get('verbatim-quote')!.priority).toBeGreaterThan(registry.get('verbatim-term')!.priority);
      expect(h.rangesOf('q1').map((r) => r.toString())).toEqual(['one', 'two']);
      expect(h.rangesOf('nope')).toEqual([]);
      // drawing again replaces, not adds
      const q9: HighlightItem = { id: 'q9', status: 'same', range: range(0, 2) };
      h.draw([q9]);
      expect(registry.size).toBe(0);
      h.show([q9], false);
      expect([...registry.keys()]).toEqual(['verbatim-quote']);
      h.clear();
      expect(registry.size).toBe(0);
      expect(h.rangesOf('q9')).toEqual([]);
      // the page's DOM is untouched
      expect(document.body.querySelectorAll('mark, span')).toHaveLength(0);
    });
  });

  it('draws in slices: the page keeps the last drawing until every range is gathered, and keeps it when the work goes stale', async () => {
    let registry = new Map<string, FakeHighlight>();
    const { layer, range } = pageWithText('He said “one” and “two” and “three”.');
    let h = createHighlighter(document, layer);
    withFakeRegistry((r) => {
      registry = r;
      h = createHighlighter(document, layer);
    });
    const first: HighlightItem[] = [{ id: 'q1', status: 'same', range: range(9, 12) }];
    h.draw(first);
    h.show(first, false);
    const next: HighlightItem[] = [
      { id: 'q2', status: 'new', range: range(19, 22) },
      { id: 'q3', status: 'altered', range: range(29, 34) },
      { id: 't1', status: 'term', range: range(29, 34) },
    ];
    // a clock that moves a whole slice at every look: a pause before each step
    let clock = 0;
    const seen: number[] = [];
    let staleAfter = Infinity;
    const slicing: Slicing = {
      now: () => (clock += SLICE_MS),
      pause: async () => {
        seen.push(registry.get('verbatim-quote')!.ranges.length);
      },
      stale: () => seen.length >= staleAfter,
    };
    staleAfter = 1;
    expect(await h.drawInSlices(next, slicing)).toBe(false);
    expect(h.rangesOf('q1')).toHaveLength(1);
    expect(h.rangesOf('q2')).toEqual([]);
    expect(registry.get('verbatim-quote')!.ranges).toHaveLength(1);
    expect(registry.has('verbatim-term')).toBe(false);
    seen.length = 0;
    staleAfter = Infinity;
    expect(await h.drawInSlices(next, slicing)).toBe(true);
    h.show(next, false);
    // between slices the page still showed the one range drawn before
    expect(seen).toEqual([1, 1, 1]);
    expect(h.rangesOf('q1')).toEqual([]);
    expect(h.rangesOf('q3')).toHaveLength(1);
    expect(registry.get('verbatim-quote')!.ranges).toHaveLength(2);
    expect(registry.get('verbatim-term')!.ranges).toHaveLength(1);
    expect(registry.get('verbatim-quote')!.priority).toBeGreaterThan(registry.get('verbatim-term')!.priority);
  });

  it('registers only the items shown, and changes only those that enter or leave', () => {
    withFakeRegistry((registry) => {
      const { layer, range } = pageWithText('One “two” three “four” five “six” seven “eight” nine.');
      const h = createHighlighter(document, layer);
      const items: HighlightItem[] = [
        { id: 'q0', status: 'new', range: range(4, 9) },
        { id: 'q1', status: 'new', range: range(16, 22) },
        { id: 't1', status: 'term', range: range(16, 22) },
        { id: 'q2', status: 'new', range: range(28, 33) },
        { id: 'q3', status: 'new', range: range(40, 47) },
      ];
      h.draw(items);
      h.show(items.slice(0, 3), false);
      const quotes = registry.get('verbatim-quote')!;
      expect(quotes.ranges.map(String)).toEqual(['“two”', '“four”']);
      expect(registry.get('verbatim-term')!.ranges).toHaveLength(1);
      const before = quotes.changes;
      // the view moves on: q0 and the term leave, q2 and q3 enter, q1 stays
      h.show([items[1], items[3], items[4]], false);
      expect(quotes.ranges.map(String).sort()).toEqual(['“eight”', '“four”', '“six”']);
      expect(quotes.changes - before).toBe(3);
      // a name with no range shown is not registered, as when none was ever drawn
      expect(registry.has('verbatim-term')).toBe(false);
      expect(registry.get('verbatim-quote')).toBe(quotes);
      // every drawn range still answers, shown or not
      expect(h.rangesOf('q0').map(String)).toEqual(['“two”']);
      expect(h.items).toHaveLength(5);
    });
  });

  it('a new drawing keeps the ids shown on their new ranges, and hit-testing sees only shown quotes', () => {
    const saved = Range.prototype.getClientRects;
    // every range laid out on one line box at the top left
    Range.prototype.getClientRects = () => [{ left: 0, right: 100, top: 0, bottom: 20, width: 100, height: 20 }] as unknown as DOMRectList;
    try {
      withFakeRegistry((registry) => {
        const { layer, range } = pageWithText('One “two” three “four” five.');
        const h = createHighlighter(document, layer);
        const items: HighlightItem[] = [
          { id: 'q0', status: 'new', range: range(4, 9) },
          { id: 'q1', status: 'new', range: range(16, 22) },
        ];
        h.draw(items);
        expect(h.hitTest(5, 5)).toBeNull();
        h.show([items[1]], false);
        expect(h.hitTest(5, 5)).toBe('q1');
        // the page re-rendered: the same quotes on new ranges
        const again: HighlightItem[] = items.map((i) => ({ ...i, range: range(i.range.startOffset, i.range.endOffset) }));
        h.draw(again);
        expect(registry.get('verbatim-quote')!.ranges).toEqual([again[1].range]);
        expect(h.hitTest(5, 5)).toBe('q1');
      });
    } finally {
      Range.prototype.getClientRects = saved;
    }
  });

  it('names every status with one of two names that carry no status', () => {
    expect(STATUSES.map(highlightName)).toEqual(STATUSES.map((s) => (s === 'term' ? 'verbatim-term' : 'verbatim-quote')));
    expect([...HIGHLIGHT_NAMES]).toEqual(['verbatim-quote', 'verbatim-term']);
  });
});

describe('fallback without CSS.highlights', () => {
  it('draws boxes only inside its own layer, never in the page', () => {
    const { p, layer, range } = pageWithText('A “quote” here.');
    expect(supportsHighlights(window)).toBe(false);
    const h = createHighlighter(document, layer);
    expect(h.mode).toBe('fallback');
    const items: HighlightItem[] = [{ id: 'q1', status: 'new', range: range(3, 8) }];
    h.draw(items);
    h.show(items, true);
    expect(layer.querySelector('.vb-boxes')).not.toBeNull();
    expect(p.childNodes).toHaveLength(1);
    expect(h.rangesOf('q1')).toHaveLength(1);
    h.clear();
    expect(layer.querySelectorAll('.vb-box')).toHaveLength(0);
  });

  it('draws boxes for the shown quotes only, keeps the boxes of those that stay, and places all again after a layout change', () => {
    const saved = Range.prototype.getClientRects;
    Range.prototype.getClientRects = () => [{ left: 0, right: 100, top: 0, bottom: 20, width: 100, height: 20 }] as unknown as DOMRectList;
    try {
      const { layer, range } = pageWithText('One “two” three “four” five “six”.');
      const h = createHighlighter(document, layer);
      const items: HighlightItem[] = [
        { id: 'q0', status: 'new', range: range(4, 9) },
        { id: 'q1', status: 'new', range: range(16, 22) },
        { id: 'q2', status: 'new', range: range(28, 33) },
      ];
      const boxed = () => [...layer.querySelectorAll<HTMLElement>('.vb-box')];
      h.draw(items);
      expect(boxed()).toHaveLength(0);
      h.show(items.slice(0, 2), true);
      expect(boxed().map((b) => b.dataset.quoteId)).toEqual(['q0', 'q1']);
      const kept = boxed()[1];
      h.show(items.slice(1), false);
      expect(boxed().map((b) => b.dataset.quoteId)).toEqual(['q1', 'q2']);
      expect(boxed()[0]).toBe(kept);
      h.show(items.slice(1), true);
      expect(boxed().map((b) => b.dataset.quoteId)).toEqual(['q1', 'q2']);
      expect(boxed()[0]).not.toBe(kept);
    } finally {
      Range.prototype.getClientRects = saved;
    }
  });

  it('forceFallback wins even where the API exists', () => {
    withFakeRegistry((registry) => {
      const { layer, range } = pageWithText('A “quote” here.');
      const h = createHighlighter(document, layer, { forceFallback: true });
      expect(h.mode).toBe('fallback');
      const items: HighlightItem[] = [{ id: 'q1', status: 'new', range: range(3, 8) }];
      h.draw(items);
      h.show(items, true);
      expect(registry.size).toBe(0);
    });
  });

  it('hit-testing finds no quote where nothing is laid out (jsdom has no layout)', () => {
    const { layer, range } = pageWithText('A “quote” here.');
    const h = createHighlighter(document, layer);
    h.draw([{ id: 'q1', status: 'new', range: range(3, 8) }]);
    expect(h.hitTest(5, 5)).toBeNull();
  });
});
