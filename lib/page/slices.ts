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
}

/**
 * Runs `step(i)` for i from 0 to n − 1 in order, pausing whenever a slice has taken SLICE_MS.
 * Resolves true when every step ran, false when the work went stale at a pause.
 */
export async function inSlices(n: number, step: (i: number) => void, { pause, now, stale }: Slicing): Promise<boolean> {
  let sliceStart = now();
  for (let i = 0; i < n; i++) {
    if (pause && now() - sliceStart >= SLICE_MS) {
      await pause();
      if (stale?.()) return false;
      sliceStart = now();
    }
    step(i);
  }
  return true;
}
