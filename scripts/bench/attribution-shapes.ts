// Extraction time by article shape and size: the worst shapes a page can take (one paragraph of
// scare quotes, many distinct speakers, many "he said" quotes) against real articles of the same
// size. Each run is a child process with a time limit, so a superlinear case cannot stall the bench.
//   npx tsx scripts/bench/attribution-shapes.ts [--sizes=10000,100000,1000000] [--limit=120]
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { extractQuotes } from '../../lib/extract';
import { CORPUS_DIR, ROOT, corpusAvailable } from '../paths';

const SELF = fileURLToPath(import.meta.url);

/** Real news text: PolNeAR train articles (dev and test stay out of benchmarks), else the seeds. */
function realText(): string {
  const dir = corpusAvailable() ? path.join(CORPUS_DIR, 'polnear/data/train/text') : path.join(ROOT, 'test/fixtures/seeds');
  return fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => fs.readFileSync(path.join(dir, f), 'utf8')).join('\n');
}

/** Letters for the i-th generated surname, so that every speaker is a different person. */
function letters(i: number): string {
  let s = '';
  do {
    s += 'bdfgklmnprstvz'[i % 14] + 'aeiou'[Math.floor(i / 14) % 5];
    i = Math.floor(i / 70);
  } while (i > 0);
  return s;
}

function repeatTo(size: number, unit: (i: number) => string, head = ''): string {
  let out = head;
  for (let i = 0; out.length < size; i++) out += unit(i);
  return out.slice(0, size);
}

export const SHAPES: Record<string, (size: number) => string> = {
  scare: (n) => repeatTo(n, () => 'Critics call the plan a “total disaster” and the “worst deal” ever, and its backers a “gang”. '),
  scareRun: (n) => repeatTo(n, () => 'critics call the plan a “total disaster” and the “worst deal” ever, and its backers a “gang”, '),
  speakers: (n) => repeatTo(n, (i) => `“We will keep working on this deal,” said Marta Kel${letters(i)}.\n`),
  hesaid: (n) => repeatTo(n, () => '“We will keep working on this deal,” he said.\n', 'Secretary of State Antony Blinken met reporters on Friday.\n'),
  real: (n) => {
    const t = realText();
    return repeatTo(n, () => t + '\n');
  },
};

function runOne(shape: string, size: number): void {
  const text = SHAPES[shape](size);
  // Loads compromise's word list once, as a running background has.
  extractQuotes('“We will keep working on this deal,” Antony Blinken said.');
  const t0 = performance.now();
  const quotes = extractQuotes(text);
  const ms = performance.now() - t0;
  console.log(JSON.stringify({ ms, quotes: quotes.length, speakers: quotes.filter((q) => q.speaker).length }));
}

function main(): void {
  const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const one = arg('one');
  if (one) return runOne(one, Number(arg('size')));
  const sizes = (arg('sizes') ?? '10000,100000,1000000').split(',').map(Number);
  const limit = Number(arg('limit') ?? 120);
  console.log(`shape     ${sizes.map((s) => `${s / 1000} KB`.padStart(18)).join('')}`);
  for (const shape of Object.keys(SHAPES)) {
    const cells: string[] = [];
    for (const size of sizes) {
      const r = spawnSync(process.execPath, ['--import', 'tsx', SELF, `--one=${shape}`, `--size=${size}`], { encoding: 'utf8', timeout: limit * 1000 });
      const line = r.stdout.trim().split('\n').pop() ?? '';
      const cell = r.error || r.status !== 0 || !line.startsWith('{') ? `> ${limit} s` : `${(JSON.parse(line).ms / 1000).toFixed(2)} s (${JSON.parse(line).quotes} q)`;
      cells.push(cell.padStart(18));
    }
    console.log(`${shape.padEnd(10)}${cells.join('')}`);
  }
}

if (process.argv[1] === SELF) main();
