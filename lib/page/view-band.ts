// The band of the page drawn around the view: the stretch of overlay coordinates, a few screens
// each way, whose markers are drawn, so that the overlay holds a few screens of buttons whatever
// the page's length. It keeps every marker as last measured, sorted by top, and says which of them
// the band draws and in what steps the overlay gets there. Numbers in, markers out: no layout read.
import type { MarkerView } from '../status';

/** Markers added to the overlay per render: a viewport's worth and more, and a few milliseconds of work. */
export const MARKER_STEP = 100;

/** Viewport heights above and below the view whose markers are drawn: a fast scroll of a screen
 *  or so finds its markers in place. More would draw more buttons at each redraw of the band. */
export const BAND_SCREENS = 2;
/** The band is drawn again once the view comes within this many viewport heights of its edge. A
 *  redraw changes the page's DOM, and on a page with thousands of highlighted quotes every DOM
 *  change costs the browser a pass over all their ranges at its next frame: the band moves
 *  every screen and a half of scrolling, not at every quote that comes near. */
export const BAND_SLACK_SCREENS = 0.5;
/** Viewport heights above and below the view whose quotes are measured: the band and its slack,
 *  so that a band drawn a little after its measure still finds its quotes measured. */
export const MEASURE_SCREENS = BAND_SCREENS + BAND_SLACK_SCREENS;

/** A stretch of vertical coordinates. */
export interface Band {
  top: number;
  bottom: number;
}

/** The markers of one move of the band: `next` once every step is drawn, `old` before the first. */
export interface BandMove {
  next: MarkerView[];
  old: MarkerView[];
}

/** The stretch of a view whose top is at `top`, widened by `screens` view heights each way. */
export function bandAround(top: number, height: number, screens: number): Band {
  return { top: top - screens * height, bottom: top + height + screens * height };
}

/** Whether `outer` holds all of `inner`. */
export function covers(outer: Band, inner: Band): boolean {
  return outer.top <= inner.top && inner.bottom <= outer.bottom;
}

export class ViewBand {
  /** Every statement's marker as last measured, in overlay coordinates. */
  private measured: readonly MarkerView[] = [];
  /** The indices of the measured markers that have a place, by their top. */
  private byTop: number[] = [];
  /** The markers drawn by every paint: the measured ones inside the band, the others without a place. */
  private placedNow: MarkerView[] = [];
  /** The drawing `placed` shows the statements of. */
  private placedFor: unknown = null;
  /** Where the band was last drawn; null before the first draw. */
  private at: Band | null = null;

  get band(): Band | null {
    return this.at;
  }

  get placed(): MarkerView[] {
    return this.placedNow;
  }

  /** Forgets every marker (a new drawing, or none). */
  clear(): void {
    this.measured = [];
    this.byTop = [];
    this.placedNow = [];
    this.at = null;
  }

  /** Takes a new measure of every marker, in the drawing's order. */
  measure(markers: readonly MarkerView[]): void {
    this.measured = markers;
    this.byTop = markers.flatMap((m, i) => (m.at ? [i] : [])).sort((a, b) => markers[a].at!.top - markers[b].at!.top);
  }

  /**
   * Moves the band to `band`: the measured markers inside it get their place, the others none. Of
   * `drawing`'s markers, only those that enter or leave the band change, and a marker whose place
   * did not change keeps its object (the overlay redraws only changed objects). Null when nothing
   * changes; otherwise the move, drawn with step().
   */
  moveTo(band: Band, drawing: unknown): BandMove | null {
    this.at = band;
    const measured = this.measured;
    // the same drawing's markers, in the same order: only those that enter or leave the band change
    const old = this.placedFor === drawing && this.placedNow.length === measured.length ? this.placedNow : [];
    const next = old.length ? old.slice() : measured.map(withoutPlace);
    if (old.length) for (let i = 0; i < next.length; i++) if (next[i].at) next[i] = withoutPlace(measured[i]);
    for (const i of withinBand(this.byTop, measured, band)) next[i] = old[i] && sameMarker(old[i], measured[i]) ? old[i] : measured[i];
    this.placedFor = drawing;
    if (old.length === next.length && next.every((m, i) => m === old[i])) return null;
    return { next, old };
  }

  /** Places the markers of `move` up to the next step's end, from the marker `from`; returns where it stopped. */
  step(move: BandMove, from: number): number {
    const shown = stepEnd(move.next, move.old, from);
    this.placedNow = shown === move.next.length ? move.next : move.next.slice(0, shown).concat(move.old.slice(shown));
    return shown;
  }
}

/** A marker drawn nowhere (outside the band). */
const withoutPlace = (m: MarkerView): MarkerView => ({ ...m, at: null });

/** The indices of the markers whose top is inside `band`, found in `byTop` (indices of placed markers by top). */
export function withinBand(byTop: readonly number[], markers: readonly MarkerView[], band: Band): number[] {
  let lo = 0;
  let hi = byTop.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (markers[byTop[mid]].at!.top < band.top) lo = mid + 1;
    else hi = mid;
  }
  const found: number[] = [];
  for (let k = lo; k < byTop.length && markers[byTop[k]].at!.top <= band.bottom; k++) found.push(byTop[k]);
  return found;
}

/** Where the next render of markers stops: after MARKER_STEP markers that appear, move or go away
 *  (a marker that stays where it was, or stays without a place, costs the render nothing). */
export function stepEnd(next: readonly MarkerView[], old: readonly MarkerView[], from: number): number {
  let i = from;
  for (let drawn = 0; i < next.length && drawn < MARKER_STEP; i++) {
    if (next[i] !== old[i] && (next[i].at || old[i]?.at)) drawn++;
  }
  return i;
}

/** Whether two measures of one marker draw the same. */
function sameMarker(a: MarkerView, b: MarkerView): boolean {
  return a.id === b.id && a.status === b.status && a.speaker === b.speaker && a.at?.top === b.at?.top && a.at?.left === b.at?.left;
}
