/** CPU time this process has spent, in ms: unlike the wall clock it does not count the time other
 *  processes hold the cores, so a loaded machine does not read as superlinear growth (vitest runs
 *  each test file in its own process). */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** The least CPU time of `runs` runs of `work`: a busy machine only ever adds time (a collection of
 *  garbage left by an earlier test, caches shared with other processes), so the minimum is the run
 *  that measures the work itself. */
export function leastCpuMs(work: () => void, runs: number): number {
  let best = Infinity;
  for (let run = 0; run < runs; run++) {
    const t0 = cpuMs();
    work();
    best = Math.min(best, cpuMs() - t0);
  }
  return best;
}
