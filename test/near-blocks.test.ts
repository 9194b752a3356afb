// Which paragraphs of drawn quotes lie near the view (lib/page/near-blocks.ts), with a stand-in for
// the browser's IntersectionObserver: the e2e suite runs the real one in Chromium and Firefox.
import { describe, expect, it } from 'vitest';
import { NearBlocks } from '../lib/page/near-blocks';

class FakeObserver {
  static last: FakeObserver | null = null;
  readonly targets: Element[] = [];
  disconnected = false;
  constructor(
    readonly callback: (entries: Partial<IntersectionObserverEntry>[]) => void,
    readonly options: IntersectionObserverInit,
  ) {
    FakeObserver.last = this;
  }
  observe(target: Element) {
    this.targets.push(target);
  }
  disconnect() {
    this.disconnected = true;
  }
  /** The browser's report: each block near or not, at a place relative to the view. */
  report(...entries: [Element, boolean, number][]) {
    this.callback(entries.map(([target, isIntersecting, top]) => ({ target, isIntersecting, boundingClientRect: { top, bottom: top + 40 } as DOMRectReadOnly })));
  }
}

const VIEW_HEIGHT = 800;
const win = (withObserver = true) => ({ innerHeight: VIEW_HEIGHT, ...(withObserver ? { IntersectionObserver: FakeObserver } : {}) }) as unknown as Window;
const block = () => ({}) as Element;
const range = () => ({}) as Range;

describe('NearBlocks', () => {
  it('knows nothing far until the browser reports: a block measured but not reported on is measured again', () => {
    const near = new NearBlocks(win(), 2.5, () => {});
    const [r, b] = [range(), block()];
    expect(near.isFar(r)).toBe(false);
    near.track(r, b);
    expect(near.isFar(r)).toBe(false);
    expect(FakeObserver.last!.options.rootMargin).toBe('250% 100%');
  });

  it('follows the reports: far, then near', () => {
    const near = new NearBlocks(win(), 2.5, () => {});
    const [r1, r2, b] = [range(), range(), block()];
    near.track(r1, b);
    near.track(r2, b);
    expect(FakeObserver.last!.targets).toEqual([b]);
    FakeObserver.last!.report([b, false, 5000]);
    expect([near.isFar(r1), near.isFar(r2)]).toEqual([true, true]);
    FakeObserver.last!.report([b, true, 2500]);
    expect(near.isFar(r1)).toBe(false);
    // a range never measured is not known to be far, even in a block reported far
    FakeObserver.last!.report([b, false, 5000]);
    expect(near.isFar(range())).toBe(false);
  });

  it('asks for a repaint when a block reported far is in the view itself (a jump), not when it nears the edge of the margin or is first reported', () => {
    let asked = 0;
    const near = new NearBlocks(win(), 2.5, () => (asked += 1));
    const [b1, b2, b3] = [block(), block(), block()];
    near.track(range(), b1);
    near.track(range(), b2);
    near.track(range(), b3);
    const io = FakeObserver.last!;
    io.report([b1, true, 100], [b2, false, 4000], [b3, false, 9000]);
    expect(asked).toBe(0);
    io.report([b2, true, 2100]);
    expect(asked).toBe(0);
    io.report([b3, true, 300]);
    expect(asked).toBe(1);
  });

  it('forgets every block when cleared, and does without an observer where the window has none', () => {
    const near = new NearBlocks(win(), 2.5, () => {});
    const [r, b] = [range(), block()];
    near.track(r, b);
    const io = FakeObserver.last!;
    io.report([b, false, 5000]);
    near.clear();
    expect(io.disconnected).toBe(true);
    expect(near.isFar(r)).toBe(false);
    FakeObserver.last = null;
    const bare = new NearBlocks(win(false), 2.5, () => {});
    bare.track(r, b);
    expect(FakeObserver.last).toBeNull();
    expect(bare.isFar(r)).toBe(false);
  });
});
