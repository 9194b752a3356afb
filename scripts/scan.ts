// npm run scan -- [--json] FILE...   (.html pages, or .txt with one paragraph per line)
import { scanFiles, type ScanOutput } from './scan-core';

const USAGE = 'usage: npm run scan -- [--json] FILE...   (.html/.htm pages or .txt, one paragraph per line)';

async function main(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  const files = argv.filter((a) => a !== '--json' && a !== '--');
  const unknown = files.filter((f) => f.startsWith('--'));
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  if (unknown.length) {
    console.error(`unknown option ${unknown.join(', ')}\n${USAGE}`);
    return 2;
  }
  if (!files.length) {
    console.error(USAGE);
    return 2;
  }
  const out = await scanFiles(files);
  const failed = out.articles.filter((a) => a.error);
  for (const a of failed) console.error(`error: ${a.error}`);
  if (json) {
    const clean: ScanOutput = {
      articles: out.articles.map(({ error: _e, ...a }) => a),
      variants: out.variants,
    };
    process.stdout.write(JSON.stringify(clean) + '\n');
  } else {
    printTable(out);
  }
  return failed.length ? 1 : 0;
}

function printTable(out: ScanOutput): void {
  const clip = (s: string, n: number) => (s.length > n ? s.slice(0, n - 1) + '…' : s).padEnd(n);
  for (const a of out.articles) {
    if (a.error) continue;
    console.log(`\n${a.file}${a.outlet ? ` — ${a.outlet}` : ''}${a.title ? ` — ${a.title}` : ''}`);
    console.log(`  ${'id'.padEnd(8)} ${'kind'.padEnd(9)} ${'speaker'.padEnd(28)} quote`);
    for (const q of a.quotes) {
      console.log(`  ${q.id.padEnd(8)} ${q.kind.padEnd(9)} ${clip(q.speaker ?? '—', 28)} “${clip(q.text.replace(/\s+/g, ' '), 70).trimEnd()}”`);
    }
  }
  if (out.variants.length) {
    console.log('\nSame utterance across articles:');
    for (const v of out.variants) {
      console.log(`  ${v.a.padEnd(8)} ~ ${v.b.padEnd(8)} ${v.relation.padEnd(9)} ${v.score.toFixed(2)}${v.speakerConflict ? '  speaker conflict' : ''}`);
    }
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    console.error(`scan failed: ${(e as Error).stack ?? e}`);
    process.exit(1);
  },
);
