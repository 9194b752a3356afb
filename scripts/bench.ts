// npm run bench: speed as ratios against a baseline measured in the same run (never absolute
// pass/fail timings: the machines are small and noisy).
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { benchExtract } from './bench/extract-bench';
import { benchLookup } from './bench/lookup-bench';
import { benchCli } from './bench/cli-bench';

async function main() {
  const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  // `page` is asked for by name only: the browser part already includes the long article.
  const want = (name: string) => (only.length === 0 && name !== 'page') || only.includes(name);
  if (want('extract')) {
    console.log('== Extraction (Node)');
    benchExtract();
  }
  if (want('lookup')) {
    // fake-indexeddb inserts slow to a few hundred quotes/s past 10k, so Node stops at 10k unless
    // --full; the Chromium figures below are the ones that count.
    const sizes = process.argv.includes('--full') ? [1_000, 10_000, 100_000] : [1_000, 10_000];
    console.log('\n== Candidate lookup (Node, fake-indexeddb)');
    await benchLookup({ sizes, indexedDB: new IDBFactory(), IDBKeyRange });
  }
  if (want('page')) {
    console.log('\n== The extension on pages, in Chromium (built extension)');
    const { pageCostSuite } = await import('./bench/page-cost.mjs');
    const result = await pageCostSuite({ runs: Number(process.env.BENCH_RUNS ?? 3) });
    if ('skipped' in result) console.log(`page cost skipped: ${result.skipped}`);
  }
  if (only.includes('cli')) {
    // Minutes on a large set: run only when asked (npm run bench -- cli [--articles N]).
    console.log('\n== The verbatim command (built, end to end)');
    await benchCli(process.argv.slice(2));
  }
  if (want('browser')) {
    console.log('\n== In Chromium (built extension)');
    const { benchInBrowser } = await import('./bench/browser-bench.mjs' as string);
    await benchInBrowser();
  }
  // Only when asked for: building its 100,000-quote store takes minutes.
  if (only.includes('log')) {
    console.log('\n== Quote log, Chromium IndexedDB');
    const { benchLog } = await import('./bench/log-bench.mjs' as string);
    const sizes = process.argv.slice(2).filter((a) => /^\d+$/.test(a)).map(Number);
    await benchLog({ sizes: sizes.length ? sizes : undefined });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
