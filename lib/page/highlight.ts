// [browser] Drawing quote highlights without touching the page's DOM.
// Preferred: the CSS Custom Highlight API. Its registry is shared with the page's own scripts, so
// what goes there is only what the page could work out from its own text: which spans are quoted
// statements (`verbatim-quote`) and which are terms (`verbatim-term`), never a status, which comes
// from the reader's history (the markers show it, inside the closed shadow root). Fallback where
// CSS.highlights is missing: outline boxes per status drawn in the extension's own shadow-root layer.
import type { QuoteStatus } from '../types';
import { inSlices, type Slicing } from './slices';

export type HighlightMode = 'highlight' | 'fallback';

/** The names registered in the page's highlight registry (styled by page-highlights.css). */
export const HIGHLIGHT_NAMES = ['verbatim-quote', 'verbatim-term'] as const;

/** Paint order: a statement over a term inside it. */
const PRIORITY: Record<(typeof HIGHLIGHT_NAMES)[number], number> = { 'verbatim-term': 0, 'verbatim-quote': 1 };

/** Extra pixels around a line box that still count as a click on the quote: forgiving without stealing nearby clicks. */
export const HIT_SLOP_PX = 2;

export interface HighlightItem {
  /** The statement (or term) id the range belongs to; hit-testing answers with it. */
  id: string;
  status: QuoteStatus;
  range: Range;
}

export interface Highlighter {
  readonly mode: HighlightMode;
  /** Replace everything drawn with these ranges (fallback boxes appear on the next reposition()). */
  draw(items: readonly HighlightItem[]): void;
  /** draw() with the ranges gathered in slices and shown at once at the end; false when the work
   *  went stale at a pause (what was drawn before stays). */
  drawInSlices(items: readonly HighlightItem[], slicing: Slicing): Promise<boolean>;
  /** Recompute fallback boxes after layout changes (no-op for the Highlight API). */
  reposition(): void;
  clear(): void;
  /** The id of a drawn range under a viewport point, or null. Terms are skipped. */
  hitTest(x: number, y: number): string | null;
  /** The drawn ranges of one id, in text order. */
  rangesOf(id: string): Range[];
}

/** The registry name for a quote of this status: the same for every statement status. */
export function highlightName(status: QuoteStatus): (typeof HIGHLIGHT_NAMES)[number] {
  return status === 'term' ? 'verbatim-term' : 'verbatim-quote';
}

interface HighlightRegistry {
  set(name: string, value: unknown): unknown;
  delete(name: string): boolean;
}

interface HighlightCtor {
  new (...ranges: Range[]): { priority: number; add(r: Range): void };
}

function registryOf(win: Window): { registry: HighlightRegistry; Ctor: HighlightCtor } | null {
  const css = (win as unknown as { CSS?: { highlights?: HighlightRegistry } }).CSS;
  const Ctor = (win as unknown as { Highlight?: HighlightCtor }).Highlight;
  if (!css?.highlights || typeof Ctor !== 'function') return null;
  return { registry: css.highlights, Ctor };
}

export function supportsHighlights(win: Window): boolean {
  return registryOf(win) !== null;
}

/** A range's line boxes; none where the environment has no layout (a detached or non-rendering document). */
export function rectsOf(range: Range): DOMRect[] {
  return typeof range.getClientRects === 'function' ? Array.from(range.getClientRects()) : [];
}

function within(rect: DOMRect, x: number, y: number): boolean {
  return (
    x >= rect.left - HIT_SLOP_PX &&
    x <= rect.right + HIT_SLOP_PX &&
    y >= rect.top - HIT_SLOP_PX &&
    y <= rect.bottom + HIT_SLOP_PX
  );
}

/** The drawn items of a highlighter, indexed by id, with hit-testing over their line boxes. */
class DrawnItems {
  items: HighlightItem[] = [];
  private byId = new Map<string, Range[]>();

  set(next: readonly HighlightItem[]): void {
    this.items = [];
    this.byId = new Map();
    for (const i of next) this.add(i);
  }

  add(i: HighlightItem): void {
    this.items.push(i);
    const list = this.byId.get(i.id);
    if (list) list.push(i.range);
    else this.byId.set(i.id, [i.range]);
  }

  /** Takes over what `other` holds. */
  take(other: DrawnItems): void {
    this.items = other.items;
    this.byId = other.byId;
  }

  hitTest(x: number, y: number): string | null {
    for (const item of this.items) {
      if (item.status === 'term') continue;
      for (const rect of rectsOf(item.range)) {
        if (within(rect, x, y)) return item.id;
      }
    }
    return null;
  }

  rangesOf(id: string): Range[] {
    return this.byId.get(id) ?? [];
  }
}

/**
 * A highlighter for `doc`. `layer` is an element inside the extension's shadow root, positioned
 * so that its (0,0) is where `origin()` says (used only by the fallback boxes).
 */
export function createHighlighter(
  doc: Document,
  layer: HTMLElement,
  options: { forceFallback?: boolean; origin?: () => { x: number; y: number } } = {},
): Highlighter {
  const api = options.forceFallback ? null : registryOf(doc.defaultView as Window);
  const drawn = new DrawnItems();
  return api ? apiHighlighter(api, drawn) : boxHighlighter(doc, layer, options.origin ?? (() => ({ x: 0, y: 0 })), drawn);
}

function apiHighlighter({ registry, Ctor }: { registry: HighlightRegistry; Ctor: HighlightCtor }, drawn: DrawnItems): Highlighter {
  const clear = () => {
    for (const name of HIGHLIGHT_NAMES) registry.delete(name);
    drawn.set([]);
  };
  // Ranges are added one by one to unregistered highlights (spreading tens of thousands of ranges
  // as arguments overflows the stack); the page shows them once they are all there.
  const gather = () => {
    const fresh = new DrawnItems();
    const highlights = new Map<string, { priority: number; add(r: Range): void }>();
    const add = (item: HighlightItem) => {
      fresh.add(item);
      const name = highlightName(item.status);
      let h = highlights.get(name);
      if (!h) {
        h = new Ctor();
        h.priority = PRIORITY[name];
        highlights.set(name, h);
      }
      h.add(item.range);
    };
    const show = () => {
      clear();
      drawn.take(fresh);
      for (const name of HIGHLIGHT_NAMES) if (highlights.has(name)) registry.set(name, highlights.get(name));
    };
    return { add, show };
  };
  return {
    mode: 'highlight',
    draw(next) {
      const g = gather();
      for (const item of next) g.add(item);
      g.show();
    },
    async drawInSlices(next, slicing) {
      const g = gather();
      if (!(await inSlices(next.length, (i) => g.add(next[i]), slicing))) return false;
      g.show();
      return true;
    },
    reposition() {},
    clear,
    hitTest: (x, y) => drawn.hitTest(x, y),
    rangesOf: (id) => drawn.rangesOf(id),
  };
}

function boxHighlighter(doc: Document, layer: HTMLElement, origin: () => { x: number; y: number }, drawn: DrawnItems): Highlighter {
  const boxes = doc.createElement('div');
  boxes.className = 'vb-boxes';
  layer.appendChild(boxes);
  function drawBoxes() {
    boxes.textContent = '';
    const o = origin();
    for (const item of drawn.items) {
      for (const rect of rectsOf(item.range)) {
        if (rect.width === 0 || rect.height === 0) continue;
        const box = doc.createElement('div');
        box.className = `vb-box vb-status-${item.status}`;
        box.dataset.quoteId = item.id;
        box.style.top = `${rect.top - o.y}px`;
        box.style.left = `${rect.left - o.x}px`;
        box.style.width = `${rect.width}px`;
        box.style.height = `${rect.height}px`;
        boxes.appendChild(box);
      }
    }
  }
  return {
    mode: 'fallback',
    draw(next) {
      // Boxes need layout: they are drawn by reposition(), once the caller knows layout is clean.
      drawn.set(next);
      boxes.textContent = '';
    },
    async drawInSlices(next) {
      this.draw(next);
      return true;
    },
    reposition: drawBoxes,
    clear() {
      drawn.set([]);
      boxes.textContent = '';
    },
    hitTest: (x, y) => drawn.hitTest(x, y),
    rangesOf: (id) => drawn.rangesOf(id),
  };
}
