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
  /** Every quote drawn, shown or not. */
  readonly items: readonly HighlightItem[];
  /** Replaces the quotes drawn with these ranges. Of them, the ones whose id was shown are shown
   *  at once with the Highlight API (a page that re-rendered its nodes keeps its highlights); the
   *  others, and every fallback box, wait for the next show(). */
  draw(items: readonly HighlightItem[]): void;
  /** draw() with the ranges gathered in slices and drawn at once at the end; false when the work
   *  went stale at a pause (what was drawn before stays). */
  drawInSlices(items: readonly HighlightItem[], slicing: Slicing): Promise<boolean>;
  /**
   * Shows these of the drawn items, and no other: the page's highlight registry holds only their
   * ranges, so each change of the page's DOM costs the browser a pass over the quotes near the view,
   * not over all of them. Only the items that enter or leave are added or removed. `moved`: the
   * layout may have changed, so the fallback boxes are all placed again (a scroll moves no text).
   */
  show(items: readonly HighlightItem[], moved: boolean): void;
  clear(): void;
  /** The id of a shown range under a viewport point, or null. Terms are skipped. */
  hitTest(x: number, y: number): string | null;
  /** The drawn ranges of one id, shown or not, in text order. */
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

interface HighlightLike {
  priority: number;
  add(r: Range): unknown;
  delete(r: Range): boolean;
}

interface HighlightCtor {
  new (...ranges: Range[]): HighlightLike;
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

/** The drawn items of a highlighter, indexed by id, the shown ones apart, with hit-testing over their line boxes. */
class DrawnItems {
  items: HighlightItem[] = [];
  shown = new Set<HighlightItem>();
  private byId = new Map<string, Range[]>();

  /** Replaces the items; the shown set is the caller's to change. */
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

  /** Takes over the items `other` holds. */
  take(other: DrawnItems): void {
    this.items = other.items;
    this.byId = other.byId;
  }

  /** The items of `next` that are not shown, and the shown ones not in `next`. */
  changes(next: readonly HighlightItem[]): { enter: HighlightItem[]; leave: HighlightItem[] } {
    const keep = new Set(next);
    return { enter: next.filter((i) => !this.shown.has(i)), leave: [...this.shown].filter((i) => !keep.has(i)) };
  }

  hitTest(x: number, y: number): string | null {
    for (const item of this.shown) {
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

/** The page's highlight registry, changed range by range: a name is registered while it has ranges. */
function registered({ registry, Ctor }: { registry: HighlightRegistry; Ctor: HighlightCtor }) {
  const highlights = new Map<string, { h: HighlightLike; size: number }>();
  const entry = (name: (typeof HIGHLIGHT_NAMES)[number]) => {
    let e = highlights.get(name);
    if (!e) {
      e = { h: new Ctor(), size: 0 };
      e.h.priority = PRIORITY[name];
      highlights.set(name, e);
    }
    return e;
  };
  return {
    add(item: HighlightItem) {
      const name = highlightName(item.status);
      const e = entry(name);
      e.h.add(item.range);
      if (++e.size === 1) registry.set(name, e.h);
    },
    delete(item: HighlightItem) {
      const name = highlightName(item.status);
      const e = entry(name);
      e.h.delete(item.range);
      if (--e.size === 0) registry.delete(name);
    },
    clear() {
      for (const name of HIGHLIGHT_NAMES) registry.delete(name);
      highlights.clear();
    },
  };
}

function apiHighlighter(api: { registry: HighlightRegistry; Ctor: HighlightCtor }, drawn: DrawnItems): Highlighter {
  const page = registered(api);
  const show = (next: readonly HighlightItem[]) => {
    const { enter, leave } = drawn.changes(next);
    for (const item of leave) {
      page.delete(item);
      drawn.shown.delete(item);
    }
    for (const item of enter) {
      page.add(item);
      drawn.shown.add(item);
    }
  };
  // the ids shown stay shown on their new ranges
  const replace = (fresh: DrawnItems) => {
    const ids = new Set([...drawn.shown].map((i) => i.id));
    drawn.take(fresh);
    show(ids.size ? drawn.items.filter((i) => ids.has(i.id)) : []);
  };
  return {
    mode: 'highlight',
    get items() {
      return drawn.items;
    },
    draw(next) {
      const fresh = new DrawnItems();
      fresh.set(next);
      replace(fresh);
    },
    async drawInSlices(next, slicing) {
      const fresh = new DrawnItems();
      if (!(await inSlices(next.length, (i) => fresh.add(next[i]), slicing))) return false;
      replace(fresh);
      return true;
    },
    show: (next) => show(next),
    clear() {
      page.clear();
      drawn.shown.clear();
      drawn.set([]);
    },
    hitTest: (x, y) => drawn.hitTest(x, y),
    rangesOf: (id) => drawn.rangesOf(id),
  };
}

function boxHighlighter(doc: Document, layer: HTMLElement, origin: () => { x: number; y: number }, drawn: DrawnItems): Highlighter {
  const boxes = doc.createElement('div');
  boxes.className = 'vb-boxes';
  layer.appendChild(boxes);
  const boxesOf = new Map<HighlightItem, HTMLElement[]>();
  const drop = (item: HighlightItem) => {
    for (const box of boxesOf.get(item) ?? []) box.remove();
    boxesOf.delete(item);
    drawn.shown.delete(item);
  };
  const clearBoxes = () => {
    boxes.textContent = '';
    boxesOf.clear();
    drawn.shown.clear();
  };
  // every line box is read before the first box is added: adding one dirties the layout
  const place = (items: readonly HighlightItem[]) => {
    const o = origin();
    const lines = items.map((item) => rectsOf(item.range).filter((rect) => rect.width > 0 && rect.height > 0));
    items.forEach((item, k) => {
      const made = lines[k].map((rect) => boxFor(doc, item, rect, o));
      boxes.append(...made);
      boxesOf.set(item, made);
      drawn.shown.add(item);
    });
  };
  return {
    mode: 'fallback',
    get items() {
      return drawn.items;
    },
    draw(next) {
      // Boxes need layout: they are drawn by show(), once the caller knows layout is clean.
      drawn.set(next);
      clearBoxes();
    },
    async drawInSlices(next) {
      this.draw(next);
      return true;
    },
    show(next, moved) {
      if (moved) clearBoxes();
      const { enter, leave } = drawn.changes(next);
      for (const item of leave) drop(item);
      place(enter);
    },
    clear() {
      drawn.set([]);
      clearBoxes();
    },
    hitTest: (x, y) => drawn.hitTest(x, y),
    rangesOf: (id) => drawn.rangesOf(id),
  };
}

/** One fallback box over one line of a quote, in the layer's coordinates. */
function boxFor(doc: Document, item: HighlightItem, rect: DOMRect, o: { x: number; y: number }): HTMLElement {
  const box = doc.createElement('div');
  box.className = `vb-box vb-status-${item.status}`;
  box.dataset.quoteId = item.id;
  box.style.top = `${rect.top - o.y}px`;
  box.style.left = `${rect.left - o.x}px`;
  box.style.width = `${rect.width}px`;
  box.style.height = `${rect.height}px`;
  return box;
}
