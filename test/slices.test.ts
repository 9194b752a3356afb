import { describe, it, expect } from 'vitest';
import { inSlices, SLICE_MS } from '../lib/page/slices';

/** A clock that moves only when a step says so. */
function clock() {
  let t = 0;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('inSlices', () => {
  it('runs every step in order and lets the page run once a slice has taken SLICE_MS', async () => {
    const c = clock();
    const log: string[] = [];
    const done = await inSlices(10, (i) => { log.push(`s${i}`); c.advance(SLICE_MS / 3); }, { now: c.now, pause: async () => void log.push('pause') });
    expect(done).toBe(true);
    expect(log.filter((x) => x !== 'pause')).toEqual(Array.from({ length: 10 }, (_, i) => `s${i}`));
    // three steps fill a slice: the page runs after every third step, never after the last
    expect(log.join(' ')).toBe('s0 s1 s2 pause s3 s4 s5 pause s6 s7 s8 pause s9');
  });

  it('stops at a pause once the work is stale', async () => {
    const c = clock();
    let stale = false;
    const ran: number[] = [];
    const done = await inSlices(100, (i) => { ran.push(i); c.advance(SLICE_MS); if (i === 4) stale = true; }, { now: c.now, pause: async () => {}, stale: () => stale });
    expect(done).toBe(false);
    expect(ran).toEqual([0, 1, 2, 3, 4]);
  });

  it('runs in one go without a pause', async () => {
    const c = clock();
    let n = 0;
    expect(await inSlices(50, () => { n++; c.advance(SLICE_MS); }, { now: c.now })).toBe(true);
    expect(n).toBe(50);
  });

  it('counts work done before the loop in the slice under way, when the Slicing keeps its start', async () => {
    const c = clock();
    let started = c.now();
    const log: string[] = [];
    const slicing = { now: c.now, sliceStart: () => started, pause: async () => { log.push('pause'); started = c.now(); } };
    // the slice's first work (grouping thousands of quotes, say) took most of a slice already
    c.advance(SLICE_MS - 1);
    await inSlices(4, (i) => { log.push(`s${i}`); c.advance(SLICE_MS / 2); }, slicing);
    expect(log).toEqual(['s0', 'pause', 's1', 's2', 'pause', 's3']);
  });
});
