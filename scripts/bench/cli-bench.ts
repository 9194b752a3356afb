// npm run bench -- cli [--articles N]: the `verbatim` command end to end (N: the large set's
// size, 10,000 by default; 0 leaves the large set out). Side by side in one run:
// the built command against compromise's .quotations() on PolNeAR's 84 test articles; articles
// per second at 1, 2 and all workers on a large set built from the corpora (HTML pages written
// to a temporary folder, never into the project), each width into a store file of its own; peak
// memory; and the time to match a new 100-article batch against a store already holding the
// large set.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { CORPUS_DIR, CORPUS_MISSING, ROOT, corpusAvailable } from '../paths';
import { openScanStore } from '../cli/store';
import { defaultWorkers, POOL_MIN_INPUTS, scanCommand } from '../cli/scan-command';
import { type ScanPhases } from './cli-phases';
import { corpusArticles, writePages } from './cli-pages';

const BIN = path.join(ROOT, 'dist', 'verbatim.mjs');
const BATCH = 100;

interface Timed {
  ms: number;
  /** CPU time of the process, all threads (user + system): steadier than wall time on a busy machine. */
  cpuMs: number;
  maxRssMb: number;
  bytes: number;
  code: number | null;
}

/** Runs a node script with its output on a pipe; wall time, and the process's CPU time and peak
 *  resident memory (worker threads included), read by a preloaded exit hook. */
function timeNode(args: string[]): Promise<Timed> {
  const rssFile = path.join(os.tmpdir(), `verbatim-rss-${process.pid}-${Math.random().toString(36).slice(2)}`);
  const hook = `data:text/javascript,import fs from 'node:fs';process.on('exit',()=>{const u=process.resourceUsage();fs.writeFileSync(${JSON.stringify(rssFile)},u.maxRSS+' '+(u.userCPUTime+u.systemCPUTime))})`;
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['--import', hook, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let bytes = 0;
    child.stdout.on('data', (c: Buffer) => (bytes += c.length));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - t0;
      const [kb, cpuUs] = fs.existsSync(rssFile) ? fs.readFileSync(rssFile, 'utf8').split(' ').map(Number) : [NaN, NaN];
      fs.rmSync(rssFile, { force: true });
      resolve({ ms, cpuMs: cpuUs / 1000, maxRssMb: kb / 1024, bytes, code });
    });
  });
}

const sec = (ms: number) => (ms / 1000).toFixed(2) + ' s';

/** The phases of a scan of `files`, in a process of their own: cold, as the command runs. */
function phasesCold(files: string[], kept: boolean): ScanPhases {
  const script = path.join(ROOT, 'scripts', 'bench', 'cli-phases.ts');
  const out = execFileSync(process.execPath, ['--import', 'tsx', script, ...(kept ? ['--kept'] : []), ...files], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out) as ScanPhases;
}

/** Process starts timed for the start-up cost: the quickest is the one least disturbed. */
const START_RUNS = 3;

/** Where a scan's time goes, and the floor it sets: the process's start (a scan of one short
 *  text file: Node, the bundle, the lexicon, one page), then the phases of the articles. The main
 *  thread's store and matching run in input order whatever the workers do, so with extraction all
 *  on workers a scan still takes at least start + store and matching. */
async function logFloor(files: string[], baseCpuMs: number, log: (s: string) => void): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'verbatim-cli-start-'));
  const tiny = path.join(dir, 'short.txt');
  fs.writeFileSync(tiny, '“We will look at it again,” said Anna Novak.\n');
  const starts: Timed[] = [];
  for (let i = 0; i < START_RUNS; i++) starts.push(await timeNode([BIN, 'scan', '--json', '--workers', '0', tiny]));
  fs.rmSync(dir, { recursive: true, force: true });
  const start = Math.min(...starts.map((t) => t.cpuMs));
  const p = phasesCold(files, false);
  const kept = phasesCold(files, true);
  const per = (ms: number) => `${(ms / files.length).toFixed(1)} ms/article`;
  log(`cli: where the time goes (CPU of one thread): process start with the bundle, lexicon and one short page ${sec(start)}; over the ${files.length} articles, extraction ${sec(p.extractMs)} (${per(p.extractMs)}, on workers when pooled), store and matching ${sec(p.storeMs)} (${per(p.storeMs)}, the main thread in input order; ${sec(kept.storeMs)} = ${per(kept.storeMs)} when the store is kept, with the quote log's group summaries), output ${sec(p.outputMs)}`);
  const floor = start + p.storeMs + p.outputMs;
  log(`cli: floor with every extraction on workers: start + store and matching + output = ${sec(floor)}, compromise's CPU / floor = ${(baseCpuMs / floor).toFixed(1)}x; 10x would need ${sec(baseCpuMs / 10)} in all`);
}

export async function benchCli(argv: string[], log: (s: string) => void = console.log): Promise<void> {
  if (!corpusAvailable()) {
    log(`cli: skipped: ${CORPUS_MISSING}`);
    return;
  }
  const at = argv.indexOf('--articles');
  const large = at >= 0 ? Number(argv[at + 1]) : 10_000;
  const cores = os.availableParallelism();
  log(`cli: ${cores} cores (os.availableParallelism), load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build-cli.mjs')], { cwd: ROOT });

  // 1. End to end on the 84 PolNeAR test articles, against compromise in the same run.
  const testDir = path.join(CORPUS_DIR, 'polnear/data/test/text');
  const files = fs.readdirSync(testDir).filter((f) => f.endsWith('.txt')).sort().map((f) => path.join(testDir, f));
  const rounds: { ours: Timed; inline: Timed; base: Timed }[] = [];
  for (let r = 0; r < 2; r++) {
    rounds.push({
      ours: await timeNode([BIN, 'scan', '--json', ...files]),
      inline: await timeNode([BIN, 'scan', '--json', '--workers', '0', ...files]),
      base: await timeNode([path.join(ROOT, 'scripts/bench/compromise-quotations.mjs'), ...files]),
    });
  }
  const best = (k: 'ours' | 'inline' | 'base', f: 'ms' | 'cpuMs' = 'ms') => Math.min(...rounds.map((r) => r[k][f]));
  log(`cli: ${files.length} PolNeAR test articles end to end (best of ${rounds.length}, wall / CPU): verbatim scan --json ${sec(best('ours'))} / ${sec(best('ours', 'cpuMs'))} (the default: up to ${defaultWorkers()} worker${defaultWorkers() > 1 ? 's' : ''} past ${POOL_MIN_INPUTS} inputs), ${sec(best('inline'))} / ${sec(best('inline', 'cpuMs'))} (--workers 0); compromise .quotations() ${sec(best('base'))} / ${sec(best('base', 'cpuMs'))}`);
  const ratio = (f: 'ms' | 'cpuMs') => (best('base', f) / Math.min(best('ours', f), best('inline', f))).toFixed(1);
  const peak = (k: 'ours' | 'inline' | 'base') => Math.max(...rounds.map((r) => r[k].maxRssMb)).toFixed(0);
  log(`cli: peak memory: ${peak('ours')} MB (default) / ${peak('inline')} MB (--workers 0); compromise ${peak('base')} MB`);
  log(`cli: ratio compromise / verbatim ${ratio('ms')}x wall, ${ratio('cpuMs')}x CPU (target ≥ 10x); wall of each round: ${rounds.map((r) => `${sec(r.ours.ms)} / ${sec(r.inline.ms)} vs ${sec(r.base.ms)}`).join('; ')}`);

  await logFloor(files, best('base', 'cpuMs'), log);

  // 2. Throughput on a large set, at 1, 2 and all workers.
  if (!(large > 0)) {
    log('cli: large set skipped (--articles 0)');
    return;
  }
  const sources = corpusArticles();
  const work = path.join(os.tmpdir(), `verbatim-cli-bench-${process.pid}`);
  const largeDir = path.join(work, 'large');
  const batchDir = path.join(work, 'batch');
  writePages(largeDir, sources, large);
  // The new batch: sources the large set reaches last, so it holds their earlier copies too when
  // the set repeats, and fresh ones when it does not.
  writePages(batchDir, sources, BATCH, large);
  log(`cli: large set: ${large} HTML pages from ${sources.length} corpus articles (PolNeAR train/dev, BASIL 2010–2014, AllSides)${large > sources.length ? `, repeated ${(large / sources.length).toFixed(1)} times` : ''}`);
  try {
    // Like for like: every width scans the same pages into a store file of its own, as an
    // archive scan does; the last width's store is the one the new batch is matched against.
    const widths = [...new Set([1, 2, cores])];
    let storeFile = '';
    let oneWorker = 0;
    for (const w of widths) {
      if (storeFile) fs.rmSync(storeFile, { force: true });
      storeFile = path.join(work, `store-${w}.db`);
      const load = os.loadavg()[0].toFixed(1);
      const t = await timeNode([BIN, 'scan', '--jsonl', '--workers', String(w), '--store', storeFile, largeDir]);
      const rate = (large * 1000) / t.ms;
      if (w === 1) oneWorker = rate;
      const versus = w > 1 && oneWorker ? ` (${(rate / oneWorker).toFixed(2)}x one worker's)` : '';
      log(`cli: ${w} worker${w > 1 ? 's' : ''}: ${large} articles into a store file (${(fs.statSync(storeFile).size / 1048576).toFixed(0)} MB) in ${sec(t.ms)} = ${rate.toFixed(1)} articles/s${versus}, CPU ${sec(t.cpuMs)}, peak memory ${t.maxRssMb.toFixed(0)} MB, load average ${load} at the start${t.code ? ` (exit ${t.code})` : ''}`);
    }

    // 3. A new batch matched against the store holding the large set.
    const t0 = performance.now();
    const store = await openScanStore(storeFile);
    const t1 = performance.now();
    const sink = new PassThrough();
    sink.resume();
    let variants = 0;
    const lines = new PassThrough();
    lines.on('data', (c: Buffer) => (variants += (c.toString().match(/"type":"variant"/g) ?? []).length));
    await scanCommand([batchDir], { format: 'jsonl', workers: cores, progress: false, store, out: lines, err: sink });
    const t2 = performance.now();
    store.close();
    log(`cli: new ${BATCH}-article batch against the store of ${large}: matched in ${sec(t2 - t1)} (${variants} variant pairs; opening the store file took ${sec(t1 - t0)} more)`);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
