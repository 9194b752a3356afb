// Extraction time by article shape and size: the worst shapes a page can take (one paragraph of
// scare quotes, many distinct speakers, many "he said" quotes) against real articles of the same
// size. Each run is a child process with a time limit, so a superlinear case cannot stall the bench.
// Cells give wall time and CPU time; the ratios to the real article are of CPU time, which other
// processes on a shared machine do not inflate as much as they do the wall clock.
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
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const quotes = extractQuotes(text);
  const ms = performance.now() - t0;
  const { user, system } = process.cpuUsage(c0);
  console.log(JSON.stringify({ ms, cpuMs: (user + system) / 1000, quotes: quotes.length, speakers: quotes.filter((q) => q.speaker).length }));
}

interface Run {
  ms: number;
  cpuMs: number;
  quotes: number;
}

/** One shape at one size in a child process; null past the time limit or on a failure. */
function measure(shape: string, size: number, limit: number): Run | null {
  const r = spawnSync(process.execPath, ['--import', 'tsx', SELF, `--one=${shape}`, `--size=${size}`], { encoding: 'utf8', timeout: limit * 1000 });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  return r.error || r.status !== 0 || !line.startsWith('{') ? null : (JSON.parse(line) as Run);
}

function main(): void {
  const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const one = arg('one');
  if (one) return runOne(one, Number(arg('size')));
  const sizes = (arg('sizes') ?? '10000,100000,1000000').split(',').map(Number);
  const limit = Number(arg('limit') ?? 120);
  console.log(`${'shape'.padEnd(16)}${sizes.map((s) => `${s / 1000} KB: wall / CPU`.padStart(30)).join('')}`);
  const runs = new Map<string, (Run | null)[]>();
  for (const shape of Object.keys(SHAPES)) {
    const row = sizes.map((size) => measure(shape, size, limit));
    runs.set(shape, row);
    const cells = row.map((r) => (r ? `${(r.ms / 1000).toFixed(2)} s / ${(r.cpuMs / 1000).toFixed(2)} s (${r.quotes} q)` : `> ${limit} s`).padStart(30));
    console.log(`${shape.padEnd(16)}${cells.join('')}`);
  }
  // CPU time of each shape over the real article's at the same size: the bound is 3x.
  const real = runs.get('real') ?? [];
  for (const [shape, row] of runs) {
    if (shape === 'real') continue;
    const ratios = row.map((r, i) => (r && real[i] ? `${(r.cpuMs / real[i]!.cpuMs).toFixed(2)}x` : '-').padStart(30));
    console.log(`${`${shape}/real`.padEnd(16)}${ratios.join('')}`);
  }
}

if (process.argv[1] === SELF) main();
