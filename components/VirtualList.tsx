import type { ComponentChildren, RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

/** Rows drawn above and below the visible ones, so fast scrolling does not show blanks. */
export const OVERSCAN_ROWS = 6;
/** Ask for the next page when the last loaded row is this close to being visible. */
export const LOAD_AHEAD_ROWS = 20;

export interface VirtualListProps<T> {
  items: readonly T[];
  /** Fixed row height in CSS px: the list only measures its own scroll position. */
  rowHeight: number;
  renderRow: (item: T, index: number) => ComponentChildren;
  keyOf: (item: T) => string;
  /** Called when the user nears the end and more rows may exist. */
  onNearEnd?: () => void;
  label: string;
  id?: string;
}

/** Renders only the rows in view (plus a few): fast with any number of rows. */
export function VirtualList<T>({ items, rowHeight, renderRow, keyOf, onNearEnd, label, id }: VirtualListProps<T>) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const height = useClientHeight(ref);

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN_ROWS);
  const last = Math.min(items.length, Math.ceil((scrollTop + height) / rowHeight) + OVERSCAN_ROWS);

  useEffect(() => {
    if (onNearEnd && last + LOAD_AHEAD_ROWS >= items.length) onNearEnd();
  }, [last, items.length, onNearEnd]);

  const focusRow = useFocusWhenRendered(ref);
  // Keyboard: arrows, Page Up/Down, Home/End move between rows, scrolling the target into view first
  // (it may not be rendered yet), then focusing it once it is.
  const onKeyDown = (e: KeyboardEvent) => {
    const el = ref.current;
    const row = (e.target as HTMLElement | null)?.closest?.('[data-index]') as HTMLElement | null;
    if (!el || !row || items.length === 0) return;
    const next = rowAfterKey(e.key, Number(row.dataset.index), Math.max(1, Math.floor(height / rowHeight) - 1), items.length);
    if (next === null) return;
    e.preventDefault();
    const index = Math.max(0, Math.min(items.length - 1, next));
    const top = index * rowHeight;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + rowHeight > el.scrollTop + height) el.scrollTop = top + rowHeight - height;
    setScrollTop(el.scrollTop);
    focusRow(index);
  };

  const rows = [];
  for (let i = first; i < last; i++) {
    const item = items[i];
    rows.push(
      <div key={keyOf(item)} class="vb-row" role="listitem" data-index={i} style={{ top: `${i * rowHeight}px`, height: `${rowHeight}px` }}>
        {renderRow(item, i)}
      </div>,
    );
  }
  return (
    <div
      ref={ref}
      id={id}
      class="vb-virtual"
      role="list"
      aria-label={label}
      onScroll={(e) => setScrollTop((e.currentTarget as HTMLDivElement).scrollTop)}
      onKeyDown={onKeyDown}
    >
      <div class="vb-virtual-inner" style={{ height: `${items.length * rowHeight}px` }}>
        {rows}
      </div>
    </div>
  );
}

/** The element's height in CSS px, kept up to date as it is resized (600 until measured). */
function useClientHeight(ref: RefObject<HTMLElement | null>): number {
  const [height, setHeight] = useState(600);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setHeight(el.clientHeight || 600);
    measure();
    const RO = (globalThis as { ResizeObserver?: typeof ResizeObserver }).ResizeObserver;
    if (!RO) return;
    const ro = new RO(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return height;
}

/** Focuses a row's control as soon as the row is rendered (a row scrolled to may not be yet). */
function useFocusWhenRendered(ref: RefObject<HTMLElement | null>): (index: number) => void {
  const [pendingFocus, setPendingFocus] = useState<number | null>(null);
  useEffect(() => {
    if (pendingFocus === null) return;
    const target = ref.current?.querySelector<HTMLElement>(`[data-index="${pendingFocus}"] button, [data-index="${pendingFocus}"] [tabindex]`);
    if (target) {
      target.focus({ preventScroll: true });
      setPendingFocus(null);
    }
  });
  return setPendingFocus;
}

/** The row a key moves to from row `at` (not yet clamped to the list), or null for other keys. */
function rowAfterKey(key: string, at: number, page: number, count: number): number | null {
  return key === 'ArrowDown' ? at + 1
    : key === 'ArrowUp' ? at - 1
    : key === 'PageDown' ? at + page
    : key === 'PageUp' ? at - page
    : key === 'Home' ? 0
    : key === 'End' ? count - 1
    : null;
}
