// What the background keeps for a page between two of its messages (the parts of a page's text
// still coming, the parts of a result still to fetch): entries by key, each weighing characters,
// bounded in count and in total weight, and dropped after a time without use. A page cannot make
// the background keep more than the bounds, only make the entries used longest ago go first.
// Time is a parameter: `now` in ms.

export interface KeepBounds {
  maxEntries: number;
  maxChars: number;
  idleMs: number;
}

interface Entry<T> {
  value: T;
  chars: number;
  touched: number;
}

export class KeptByKey<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private total = 0;
  private readonly bounds: KeepBounds;

  constructor(bounds: KeepBounds) {
    this.bounds = bounds;
  }

  /** The value kept under `key`, once the entries idle for longer than the bound are dropped. */
  get(key: string, now: number): T | undefined {
    this.dropIdle(now);
    return this.entries.get(key)?.value;
  }

  /** Drops the entries not used for longer than the bound. */
  dropIdle(now: number): void {
    for (const [k, e] of this.entries) if (now - e.touched > this.bounds.idleMs) this.drop(k);
  }

  /** Keeps `value` under `key`, weighing `chars` and used `now` (room is made by makeRoom()). */
  set(key: string, value: T, chars: number, now: number): void {
    this.drop(key);
    this.entries.set(key, { value, chars, touched: now });
    this.total += chars;
  }

  /** `key`'s entry now weighs `chars`, and was used `now`. */
  weigh(key: string, chars: number, now: number): void {
    const e = this.entries.get(key);
    if (!e) return;
    this.total += chars - e.chars;
    e.chars = chars;
    e.touched = now;
  }

  drop(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    this.total -= e.chars;
    this.entries.delete(key);
  }

  /** Drops the entries used longest ago, never `keep`, until the bounds hold again. */
  makeRoom(keep: string): void {
    const oldest = [...this.entries].filter(([key]) => key !== keep).sort((a, b) => a[1].touched - b[1].touched);
    for (const [key] of oldest) {
      if (!this.overweight && this.entries.size <= this.bounds.maxEntries) return;
      this.drop(key);
    }
  }

  /** Whether the entries weigh more than the bound (after makeRoom(), only the one kept can). */
  get overweight(): boolean {
    return this.total > this.bounds.maxChars;
  }

  size(): { entries: number; chars: number } {
    return { entries: this.entries.size, chars: this.total };
  }
}
