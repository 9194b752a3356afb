// A time budget for one page's work in the background (attribution, matching): the caller's clock
// and the time allowed. lib reads no time of its own: the background passes performance.now; the
// command line and the evaluations pass none, and then nothing is cut short.

export interface TimeBudget {
  /** The caller's clock in milliseconds. */
  now?: () => number;
  /** Time the work may take; with `now`, bounds it. */
  budgetMs?: number;
}

/** The budget's end as a check that stays true once it has been passed, so that a clock going back
 *  cannot revive work already given up; always false without a clock or a budget. */
export function deadline({ now, budgetMs }: TimeBudget): () => boolean {
  if (!now || budgetMs === undefined) return () => false;
  const end = now() + budgetMs;
  let passed = false;
  return () => passed || (passed = now() > end);
}
