// Where the paragraphs of drawn quotes lay when last measured (lib/page/block-places.ts): what a
// repaint after a scroll may skip without reading layout.
import { describe, expect, it } from 'vitest';
import { BlockPlaces, MOVED_PX } from '../lib/page/block-places';

const block = () => ({}) as Element;
const range = () => ({}) as Range;

describe('BlockPlaces', () => {
  it('knows a range far only once its block was measured outside the stretch near the view', () => {
    const places = new BlockPlaces();
    const [near, far, unmeasured] = [range(), range(), range()];
    places.record(near, block(), { top: 100, bottom: 140 }, 0);
    // measured 5,000 px further down, while the page was scrolled by 1,000: page coordinates 6,000
    places.record(far, block(), { top: 5000, bottom: 5040 }, 1000);
    const view = { top: -2000, bottom: 2800 };
    expect([places.isFar(near, view), places.isFar(far, view), places.isFar(unmeasured, view)]).toEqual([false, true, false]);
    // the view scrolled down to the far paragraph: it is near, the first one far
    const later = { top: 4000, bottom: 8800 };
    expect([places.isFar(near, later), places.isFar(far, later)]).toEqual([true, false]);
  });

  it('says the layout moved when a block is found away from its recorded place, not for rounding', () => {
    const places = new BlockPlaces();
    const [r, b] = [range(), block()];
    expect(places.record(r, b, { top: 100, bottom: 140 }, 0)).toBe(true);
    // scrolled by 300 px: the same place on the page
    expect(places.record(r, b, { top: -200 + MOVED_PX / 2, bottom: -160 }, 300)).toBe(true);
    // a banner pushed it down by 90 px
    expect(places.record(r, b, { top: -110, bottom: -70 }, 300)).toBe(false);
  });

  it('forgets every place', () => {
    const places = new BlockPlaces();
    const r = range();
    places.record(r, block(), { top: 9000, bottom: 9040 }, 0);
    places.forget();
    expect(places.isFar(r, { top: 0, bottom: 100 })).toBe(false);
  });
});
