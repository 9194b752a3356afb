// Small test bookkeeping for the browser suites: named checks that record pass/fail and go on,
// timing, and numbered screenshots into artifacts/<browser>/.
import fs from 'node:fs';
import path from 'node:path';

export class Suite {
  /** @param {string} name @param {string} artifactsDir */
  constructor(name, artifactsDir) {
    this.name = name;
    this.dir = path.join(artifactsDir, name);
    fs.rmSync(this.dir, { recursive: true, force: true });
    fs.mkdirSync(this.dir, { recursive: true });
    this.passed = 0;
    this.failed = 0;
    this.failures = [];
    this.shots = [];
    this.shotNo = 0;
    this.t0 = Date.now();
    this.t1 = null;
  }

  /** Marks the suite finished (for its duration). */
  end() {
    this.t1 = Date.now();
  }

  get seconds() {
    return ((this.t1 ?? Date.now()) - this.t0) / 1000;
  }

  log(...args) {
    console.log(`[${this.name} ${((Date.now() - this.t0) / 1000).toFixed(1)}s]`, ...args);
  }

  /** Runs one check; a failure is recorded and the suite goes on. Returns the check's value or undefined. */
  async check(title, fn) {
    try {
      const value = await fn();
      this.passed++;
      this.log(`ok - ${title}`);
      return value;
    } catch (err) {
      this.failed++;
      const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
      this.failures.push(`${title}: ${message}`);
      this.log(`FAIL - ${title}: ${message}`);
      return undefined;
    }
  }

  /** A check whose failure makes the rest meaningless (browser did not start, extension not loaded). */
  async must(title, fn) {
    const before = this.failed;
    const value = await this.check(title, fn);
    if (this.failed > before) throw new FatalError(`${this.name}: cannot go on after "${title}"`);
    return value;
  }

  /** Screenshot into artifacts/<browser>/NN-name.png. `take` gets the path. */
  async shot(name, take) {
    this.shotNo++;
    const file = path.join(this.dir, `${String(this.shotNo).padStart(2, '0')}-${name}.png`);
    try {
      await take(file);
      this.shots.push(path.relative(process.cwd(), file));
    } catch (err) {
      this.log(`(screenshot ${name} failed: ${err instanceof Error ? err.message.split('\n')[0] : err})`);
    }
  }

  fail(title, message) {
    this.failed++;
    this.failures.push(`${title}: ${message}`);
    this.log(`FAIL - ${title}: ${message}`);
  }
}

export class FatalError extends Error {}

export function assert(cond, message) {
  if (!cond) throw new Error(message);
}

export function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

/** Polls fn until it returns a truthy value or the time runs out. */
export async function until(fn, { timeout = 10000, interval = 200, what = 'condition' } = {}) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (err) {
      last = err;
    }
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${what}${last instanceof Error ? ` (${last.message.split('\n')[0]})` : ''}`);
    await sleep(interval);
  }
}
