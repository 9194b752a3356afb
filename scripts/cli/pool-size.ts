// How many extraction threads `verbatim scan` runs, and from what size of scan (apart from the
// scan itself, so that the command's help can say it without loading the pipeline).
import os from 'node:os';

/** One extraction thread per core but one: the main thread is busy too (the store and matching
 *  take about two thirds of a page's time, in input order), so a worker on its core would only
 *  take turns with it. */
export function defaultWorkers(): number {
  return Math.max(1, os.availableParallelism() - 1);
}

/** Inputs a scan extracts on the main thread before it starts a pool by default: a worker costs
 *  some 0.1-0.15 s of CPU to start (its own copy of the bundle and the lexicon), what extracting
 *  about a dozen articles costs; a scan of a few pages is done sooner without one. */
export const POOL_MIN_INPUTS = 16;

