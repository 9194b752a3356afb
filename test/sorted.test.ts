import { describe, expect, it } from 'vitest';
import { countLeading } from '../lib/text/sorted';

describe('countLeading', () => {
  const positions = [2, 5, 5, 9];
  it.each([
    [0, 0], [2, 0], [3, 1], [5, 1], [6, 3], [9, 3], [10, 4],
  ])('entries before %i: %i', (pos, count) => {
    expect(countLeading(positions, (p) => p < pos)).toBe(count);
    // The same answer as reading the list from the start.
    expect(positions.filter((p) => p < pos).length).toBe(count);
  });
  it('is 0 on an empty list and the length when every entry passes', () => {
    expect(countLeading([], () => true)).toBe(0);
    expect(countLeading(positions, () => true)).toBe(4);
    expect(countLeading(positions, () => false)).toBe(0);
  });
});
