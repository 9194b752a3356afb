// npm run bench: speed as ratios against a baseline measured in the same run (never absolute
// pass/fail timings: the machines are small and noisy).
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { benchExtract } from './bench/extract-bench';
import { benchLookup } from './bench/lookup-bench';
import { benchCli } from './bench/cli-bench';

async function main() {
  const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const want = (name: string) => only.length === 0 || only.includes(name);
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
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
