// [dom] Which paragraphs holding drawn quotes lie near the view, as the browser reports it. An
// IntersectionObserver follows each paragraph in and out of a margin of screens around the view,
// so that a repaint measures the quotes near the view and skips the rest without reading their
// layout: on a 3 MB page, measuring all 2,354 quotes at each repaint took 40 to 50 ms of slices
// and a forced layout (Chromium, 2 cores), whatever part of the page was in view.

/** The observer's constructor, read from the window the session draws in (absent in some test DOMs). */
type ObserverClass = new (callback: IntersectionObserverCallback, options?: IntersectionObserverInit) => IntersectionObserver;

export class NearBlocks {
  private observer: IntersectionObserver | null = null;
  /** The block each measured range starts in. */
  private blockOf = new WeakMap<Range, Element>();
  /** Blocks observed, and those the browser has reported on, near or not. */
  private readonly observed = new Set<Element>();
  private readonly reported = new Set<Element>();
  private readonly near = new Set<Element>();

  /**
   * `screens`: view heights above and below the view that count as near. `nearInView`: a block
   * reported far came near and lies in the view itself, as after a jump (a key, the scrollbar, a
   * link): a repaint just before the report skipped it, so its quotes have no marker yet.
   */
  constructor(
    private readonly win: Window,
    private readonly screens: number,
    private readonly nearInView: () => void,
  ) {}

  /**
   * Whether the range's block is known to lie away from the view: it was measured once and the
   * browser has since reported it outside the margin. A block not measured yet, or not reported
   * on yet (the report comes after the next frame; a hidden tab gets none), is not known to be far,
   * so it is measured.
   */
  isFar(range: Range): boolean {
    const block = this.blockOf.get(range);
    return block !== undefined && this.reported.has(block) && !this.near.has(block);
  }

  /** Notes the block a range starts in (found by measuring it) and follows that block from now on. */
  track(range: Range, block: Element): void {
    this.blockOf.set(range, block);
    if (this.observed.has(block)) return;
    const observer = this.observer ?? this.start();
    if (!observer) return;
    this.observed.add(block);
    observer.observe(block);
  }

  /** Forgets every block (the drawing changed or went away). */
  clear(): void {
    this.observer?.disconnect();
    this.observer = null;
    this.blockOf = new WeakMap();
    this.observed.clear();
    this.reported.clear();
    this.near.clear();
  }

  private start(): IntersectionObserver | null {
    const Observer = (this.win as unknown as { IntersectionObserver?: ObserverClass }).IntersectionObserver;
    if (typeof Observer !== 'function') return null;
    // The margin's percentages are of the view's height (top, bottom) and width (left, right): a
    // paragraph beside the view, as in a wide table, still counts as near, as when every quote was measured.
    const margin = `${this.screens * 100}% 100%`;
    this.observer = new Observer(
      (entries) => {
        let jumped = false;
        const viewHeight = this.win.innerHeight;
        for (const entry of entries) {
          const wasFar = this.reported.has(entry.target) && !this.near.has(entry.target);
          this.reported.add(entry.target);
          if (!entry.isIntersecting) {
            this.near.delete(entry.target);
            continue;
          }
          this.near.add(entry.target);
          const box = entry.boundingClientRect;
          if (wasFar && box.bottom > 0 && box.top < viewHeight) jumped = true;
        }
        if (jumped) this.nearInView();
      },
      { rootMargin: margin },
    );
    return this.observer;
  }
}
