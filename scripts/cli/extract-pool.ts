// The worker threads a scan hands its inputs to for extraction, replaced by fresh ones every
// POOL_TASKS inputs. A worker's heap grows with every HTML page until the worker dies of it: on
// the 10,000-page bench set (2 cores, one worker) it reached its heap limit at page 7,340 and that
// page failed; with heaps capped at 200 MB (node --max-old-space-size=200) the worker died at page
// 322 of 1,200 BASIL pages while the main thread went on. The same pages through loadInput in one
// thread keep some 40 MB live after each GC all along, so what grows is the worker's (jsdom's
// windows in a worker thread, as far as measured), not the pipeline's.
import type { Piscina } from 'piscina';
import type { Loaded, ScanInput } from '../scan-load';

/** Inputs one set of workers extracts before fresh ones take over: some 0.5 MB a page stays in a
 *  worker, so its heap stays near 250 MB; a worker start (0.1-0.15 s of CPU) per this many pages
 *  (some 12 s of extraction) is about 1%. */
export const POOL_TASKS = 500;

type PiscinaClass = typeof Piscina;

export class ExtractionPool {
  private pool: Piscina;
  private tasks = 0;
  /** Tasks of the current workers not settled yet: retired workers finish them first. */
  private running = new Set<Promise<unknown>>();
  private readonly retiring: Promise<void>[] = [];

  private constructor(
    private readonly Pool: PiscinaClass,
    private readonly filename: string,
    private readonly threads: number,
    private readonly tasksPerPool: number,
  ) {
    this.pool = this.fresh();
  }

  /** Starts `threads` workers running `filename` (piscina is loaded only when a pool starts). */
  static async start(filename: string, threads: number, tasksPerPool = POOL_TASKS): Promise<ExtractionPool> {
    const { Piscina } = await import('piscina');
    return new ExtractionPool(Piscina, filename, threads, tasksPerPool);
  }

  /** Sets of workers started so far (the current one included). */
  renewals = 1;

  private fresh(): Piscina {
    return new this.Pool({ filename: this.filename, minThreads: this.threads, maxThreads: this.threads });
  }

  /** One input extracted on a worker; rejects when the worker fails (it died, say). */
  run(input: ScanInput): Promise<Loaded> {
    if (this.tasks >= this.tasksPerPool) this.renew();
    this.tasks++;
    const task = this.pool.run(input) as Promise<Loaded>;
    const running = this.running;
    const settled: Promise<boolean> = task.then(
      () => running.delete(settled),
      () => running.delete(settled),
    );
    running.add(settled);
    return task;
  }

  /** Fresh workers take the next inputs; the current ones end once their tasks are done. */
  private renew(): void {
    const old = this.pool;
    const running = [...this.running];
    this.retiring.push(Promise.allSettled(running).then(() => old.destroy()));
    this.pool = this.fresh();
    this.running = new Set();
    this.tasks = 0;
    this.renewals++;
  }

  /** Ends every worker, once its tasks are done. */
  async destroy(): Promise<void> {
    await Promise.all(this.retiring);
    await Promise.allSettled([...this.running]);
    await this.pool.destroy();
  }
}
