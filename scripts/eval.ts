// npm run eval [-- --final]: accuracy of quote finding, attribution and variant grading.
// Seeds always; corpora when ../shared/corpus is present. --final adds PolNeAR's test split,
// which is for release figures only, never for tuning.
import { evalSeeds } from './eval/seeds-eval';
import { evalQuotes } from './eval/quotes-eval';
import { evalSpeakers } from './eval/speakers-eval';
import { evalVariants } from './eval/variants-eval';
import { printGerman } from './eval/german-eval';
import { printBasilSpeakers } from './eval/basil-speakers-eval';
import { CORPUS_DIR, CORPUS_MISSING, corpusAvailable } from './paths';

async function main() {
  const final = process.argv.includes('--final');
  console.log('== Seeds (hand labels in test/fixtures/seeds/expected.json)');
  await evalSeeds();
  if (!corpusAvailable()) {
    console.log(`\nskipped: PolNeAR, BASIL and MRPC figures: ${CORPUS_MISSING}`);
    return;
  }
  console.log('\n== PolNeAR quote spans');
  for (const split of final ? (['dev', 'test'] as const) : (['dev'] as const)) {
    const r = await evalQuotes(CORPUS_DIR, split);
    console.log(`polnear ${split}: ${JSON.stringify(r)}`);
  }
  if (!final) console.log('(PolNeAR test split not run: add --final for release figures)');
  console.log('\n== PolNeAR dev speakers (hand labels)');
  await evalSpeakers(CORPUS_DIR);
  console.log('\n== BASIL 2010–2014 speakers (tuning labels)');
  printBasilSpeakers(CORPUS_DIR);
  console.log('\n== German news quotes (WikiNews test split: direct quotes and speakers)');
  printGerman(CORPUS_DIR, 0);
  console.log('\n== Variants: BASIL 2010–2014 (tuning), BASIL 2015–2019 (held out), MRPC');
  await evalVariants(CORPUS_DIR);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
