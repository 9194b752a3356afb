// [dom] Work on the page's main thread cut into slices, so the page answers input between them.
// A task over 50 ms is a "long task" (the page cannot react meanwhile); one slice stays well under.

/** Lets the page's own work run; the caller decides how (a macrotask in a content script). */
export type Pause = () => Promise<void>;

/** Longest run of work in one task before the page gets a turn: a quarter of a long task, so a
 *  slice plus the browser's own work for the frame still fits, at the price of a few more turns. */
export const SLICE_MS = 12;

export interface Slicing {
  /** Lets the page run (none: the work runs in one go, as in tests without a page loop). */
  pause?: Pause;
  /** A clock in ms. */
  now: () => number;
  /** Whether the work is no longer wanted (a newer run started); checked after every pause. */
  stale?: () => boolean;
  /** When the slice under way began, if the maker of this Slicing keeps it (and sets it again after
   *  each pause): work done before a loop then counts in the loop's first slice. */
  sliceStart?: () => number;
}

/** When the slice under way began: the Slicing's own account, or now. */
export function sliceStartOf(slicing: Slicing): number {
  return slicing.sliceStart?.() ?? slicing.now();
}

/**
 * Runs `step(i)` for i from 0 to n − 1 in order, pausing whenever a slice has taken SLICE_MS.
 * Resolves true when every step ran, false when the work went stale at a pause.
 */
export async function inSlices(n: number, step: (i: number) => void, slicing: Slicing): Promise<boolean> {
  const { pause, now, stale } = slicing;
  let sliceStart = sliceStartOf(slicing);
  for (let i = 0; i < n; i++) {
    if (pause && now() - sliceStart >= SLICE_MS) {
      await pause();
      if (stale?.()) return false;
      sliceStart = sliceStartOf(slicing);
    }
    step(i);
  }
  return true;
}
