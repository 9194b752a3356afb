// Where the paragraphs holding drawn quotes lay when last measured, in page coordinates, so that a
// repaint after a scroll measures only the quotes near the view. A scroll moves no text: a paragraph
// measured far from the view is known far without reading its layout again. On a 3 MB page,
// measuring all 2,354 quotes at each repaint took 40 to 50 ms of slices and a forced layout
// (Chromium, 2 cores) whatever part of the page was in view. A repaint after a layout change
// measures everything afresh (forget), and a paragraph found away from its recorded place says the
// layout moved without notice (record answers false).

/** A vertical stretch in page coordinates (viewport coordinates plus the scroll offset). */
export interface Stretch {
  top: number;
  bottom: number;
}

/** How far a paragraph may be found from its recorded place before the layout counts as moved:
 *  less than a line, more than rounding. */
export const MOVED_PX = 2;

export class BlockPlaces {
  /** The block each measured range starts in. */
  private blockOf = new WeakMap<Range, Element>();
  private readonly places = new Map<Element, Stretch>();

  /** Whether the range's block was measured and lies outside `near` (page coordinates). A range
   *  never measured is not known to be far, so it is measured. */
  isFar(range: Range, near: Stretch): boolean {
    const block = this.blockOf.get(range);
    const place = block && this.places.get(block);
    return !!place && (place.bottom < near.top || place.top > near.bottom);
  }

  /** Records where a range's block lies (`box` in viewport coordinates, measured at `scrollY`);
   *  false when the block had a recorded place and is no longer there. */
  record(range: Range, block: Element, box: Stretch, scrollY: number): boolean {
    this.blockOf.set(range, block);
    const place = { top: box.top + scrollY, bottom: box.bottom + scrollY };
    const before = this.places.get(block);
    this.places.set(block, place);
    return !before || (Math.abs(before.top - place.top) <= MOVED_PX && Math.abs(before.bottom - place.bottom) <= MOVED_PX);
  }

  /** Forgets every place (the layout may have changed, or the drawing did). */
  forget(): void {
    this.blockOf = new WeakMap();
    this.places.clear();
  }
}
