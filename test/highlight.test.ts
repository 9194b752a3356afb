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
  constructor(...ranges: Range[]) {
    this.ranges = ranges;
  }
  add(r: Range) {
    this.ranges.push(r);
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
      // The registry is shared with the page's scripts: a status there would tell them the reader's history.
      expect([...registry.keys()].sort()).toEqual(['verbatim-quote', 'verbatim-term']);
      expect(registry.get('verbatim-quote')!.ranges).toHaveLength(3);
      expect(registry.get('verbatim-quote')!.priority).toBeGreaterThan(registry.get('verbatim-term')!.priority);
      expect(h.rangesOf('q1').map((r) => r.toString())).toEqual(['one', 'two']);
      expect(h.rangesOf('nope')).toEqual([]);
      // drawing again replaces, not adds
      h.draw([{ id: 'q9', status: 'same', range: range(0, 2) }]);
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
    h.draw([{ id: 'q1', status: 'same', range: range(9, 12) }]);
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
    // between slices the page still showed the one range drawn before
    expect(seen).toEqual([1, 1, 1]);
    expect(h.rangesOf('q1')).toEqual([]);
    expect(h.rangesOf('q3')).toHaveLength(1);
    expect(registry.get('verbatim-quote')!.ranges).toHaveLength(2);
    expect(registry.get('verbatim-term')!.ranges).toHaveLength(1);
    expect(registry.get('verbatim-quote')!.priority).toBeGreaterThan(registry.get('verbatim-term')!.priority);
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
    h.draw([{ id: 'q1', status: 'new', range: range(3, 8) }]);
    h.reposition();
    expect(layer.querySelector('.vb-boxes')).not.toBeNull();
    expect(p.childNodes).toHaveLength(1);
    expect(h.rangesOf('q1')).toHaveLength(1);
    h.clear();
    expect(layer.querySelectorAll('.vb-box')).toHaveLength(0);
  });

  it('forceFallback wins even where the API exists', () => {
    withFakeRegistry((registry) => {
      const { layer, range } = pageWithText('A “quote” here.');
      const h = createHighlighter(document, layer, { forceFallback: true });
      expect(h.mode).toBe('fallback');
      h.draw([{ id: 'q1', status: 'new', range: range(3, 8) }]);
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
