// [dom] Where the overlay puts a quote's marker and its card, as arithmetic on boxes the browser
// measured (viewport coordinates in, overlay coordinates out). Reads no globals: the caller
// measures, this module decides, so every rule here is tested in Node with plain rectangles.

/** A measured box in viewport coordinates (a DOMRect or a plain object of the same shape). */
export interface Box {
  top: number;
  left: number;
  right: number;
  bottom: number;
}

export interface Point {
  x: number;
  y: number;
}

export interface Viewport {
  width: number;
  height: number;
}

/** The marker's diameter in CSS px (overlay.css .vb-marker). */
export const MARKER_SIZE_PX = 20;
/** overlay.css draws a marker translated by (-60%, -75%) of its size from the point it is given. */
const MARKER_SHIFT_X_PX = MARKER_SIZE_PX * 0.6;
const MARKER_SHIFT_Y_PX = MARKER_SIZE_PX * 0.75;
/** Space between a marker and the text block it sits beside: enough to read as separate from the letters. */
export const MARKER_GAP_PX = 4;
/** A marker never goes closer than this to the viewport's edges. */
export const MARKER_EDGE_PX = 2;

/** Gap between a quote and its card; also clears a marker, which sticks out of its line by a few px at most. */
export const CARD_GAP_PX = 8;
/** Room the card needs below a quote before it opens above it instead. */
export const CARD_ROOM_PX = 320;
/** The card never gets shorter than this: on a screen filled by one long quote it extends past the edge instead. */
export const CARD_MIN_HEIGHT_PX = 180;
/** The card's width in CSS px (kept in step with overlay.css). */
export const CARD_WIDTH_PX = 400;
/** The card keeps this far from the viewport's edges. */
const CARD_EDGE_PX = 8;
/** Where a card goes when its quote has no layout (scrolled into a hidden part): near the top left. */
const CARD_FALLBACK_TOP_PX = 40;
const CARD_FALLBACK_LEFT_PX = 16;

export interface CardPosition {
  top: number;
  left: number;
  above: boolean;
  maxHeight: number;
}

/**
 * The marker's square, in viewport coordinates, for a quote whose first line is `line` inside a text
 * block `block`. It goes in the block's left margin, centred on the line, so it never covers a
 * letter of that line or of the lines around it; a block with no margin on the left gets it on the
 * right; a block with no margin on either side (a phone-width column) gets it over the quote's own
 * first character, still inside the line's height, never over the line above.
 */
export function markerBox(line: Box, block: Box, view: Viewport): Box {
  const size = MARKER_SIZE_PX;
  const mid = (line.top + line.bottom) / 2;
  const top = mid - size / 2;
  let left: number;
  if (block.left - MARKER_GAP_PX - size >= MARKER_EDGE_PX) left = block.left - MARKER_GAP_PX - size;
  else if (block.right + MARKER_GAP_PX + size <= view.width - MARKER_EDGE_PX) left = block.right + MARKER_GAP_PX;
  else left = Math.max(MARKER_EDGE_PX, Math.min(line.left, view.width - MARKER_EDGE_PX - size));
  return { top, left, right: left + size, bottom: top + size };
}

/**
 * Markers of quotes that start on the same line would sit on one spot: each later one moves
 * outwards (away from the text) by a marker's width. `boxes` in reading order. Placed markers are
 * kept by band of height (a marker's size), so each is checked only against its neighbours: linear
 * in the number of markers, a page of thousands of quotes included.
 */
export function spreadMarkers(boxes: readonly (Box | null)[], block: readonly (Box | null)[]): (Box | null)[] {
  const bands = new Map<number, Box[]>();
  const bandOf = (b: Box) => Math.floor(b.top / MARKER_SIZE_PX);
  const collides = (b: Box) => {
    const k = bandOf(b);
    for (let j = k - 1; j <= k + 1; j++) if (bands.get(j)?.some((p) => overlaps(p, b))) return true;
    return false;
  };
  return boxes.map((box, i) => {
    if (!box) return null;
    const b = block[i];
    const outwards = b && box.left >= b.right ? 1 : -1;
    let next = box;
    while (collides(next)) {
      const dx = outwards * (MARKER_SIZE_PX + MARKER_EDGE_PX);
      next = { ...next, left: next.left + dx, right: next.right + dx };
    }
    const band = bands.get(bandOf(next));
    if (band) band.push(next);
    else bands.set(bandOf(next), [next]);
    return next;
  });
}

function overlaps(a: Box, b: Box): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/** The point overlay.css wants for a marker whose square is `box`, relative to the overlay's origin. */
export function markerPoint(box: Box, origin: Point): { top: number; left: number } {
  return { top: box.top + MARKER_SHIFT_Y_PX - origin.y, left: box.left + MARKER_SHIFT_X_PX - origin.x };
}

/**
 * Where a quote's card opens: below the quote when it fits there (or has more room there), else
 * above it; never over the quote itself; within the viewport's width. `rects` are the quote's line
 * boxes in viewport coordinates; the result is in overlay coordinates.
 */
export function cardPosition(rects: readonly Box[], view: Viewport, origin: Point, scrollY: number): CardPosition {
  if (rects.length === 0) {
    return { top: scrollY + CARD_FALLBACK_TOP_PX - origin.y, left: CARD_FALLBACK_LEFT_PX - origin.x, above: false, maxHeight: CARD_ROOM_PX };
  }
  const top = Math.min(...rects.map((r) => r.top));
  const bottom = Math.max(...rects.map((r) => r.bottom));
  const width = Math.min(CARD_WIDTH_PX, view.width - 2 * CARD_EDGE_PX);
  const left = Math.max(CARD_EDGE_PX, Math.min(Math.min(...rects.map((r) => r.left)), view.width - width - CARD_EDGE_PX));
  const roomBelow = view.height - bottom - CARD_GAP_PX - CARD_EDGE_PX;
  const roomAbove = top - CARD_GAP_PX - CARD_EDGE_PX;
  const above = roomBelow < CARD_ROOM_PX && roomAbove > roomBelow;
  return {
    top: (above ? top - CARD_GAP_PX : bottom + CARD_GAP_PX) - origin.y,
    left: left - origin.x,
    above,
    maxHeight: Math.max(CARD_MIN_HEIGHT_PX, above ? roomAbove : roomBelow),
  };
}
