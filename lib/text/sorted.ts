// Binary search over a list in order (text positions, reading order): the one search every layer
// uses to find its place in a page's sorted lists.

/** How many entries at the head of `list` pass `before`, for a list ordered so that every entry
 *  that passes comes before every entry that fails (e.g. `x => x.pos < pos` on a list sorted by pos):
 *  the index of the first entry that fails, found in log(n) tests. */
export function countLeading<T>(list: readonly T[], before: (entry: T) => boolean): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(list[mid])) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
