// `verbatim scan`: inputs are extracted on a pool of worker threads, then go through the page
// pipeline on the main thread strictly in input order, so ids, "earliest" versions and variant
// pairs are the same whatever order the workers finish in.
import type { Writable } from 'node:stream';
import cliProgress from 'cli-progress';
import { Scanner, SCAN_START_TIME, SCAN_TICK_MS, type ScanArticle, type ScanVariant } from '../scan-core';
import { loadInput, type Loaded, type ScanInput } from '../scan-load';
import { StreamWriter } from './output';
import { expandInputs } from './inputs';
import type { ScanStore } from './store';
import { defaultWorkers, POOL_MIN_INPUTS } from './pool-size';
import { ExtractionPool } from './extract-pool';

export { defaultWorkers, POOL_MIN_INPUTS };

export type ScanFormat = 'table' | 'json' | 'jsonl';

export interface ScanOptions {
  format: ScanFormat;
  /** Extraction threads; 0 extracts on the main thread (no pool to start: quickest for a few
   *  pages). 'auto': defaultWorkers(), started only once the scan has more than POOL_MIN_INPUTS
   *  inputs (the first ones are extracted on the main thread meanwhile). */
  workers: number | 'auto';
  progress: boolean;
  store: ScanStore;
  out: Writable;
  err: Writable;
  stdin?: NodeJS.ReadableStream;
}

/** Inputs handed to the pool ahead of the one being matched: enough to keep every worker busy
 *  while the main thread matches, few enough that pages waiting in memory stay bounded. */
const AHEAD_PER_WORKER = 4;


/** The worker module beside this one: TypeScript when run from source, JavaScript when built. */
function workerFile(): string {
  const self = import.meta.url;
  if (self.endsWith('.ts')) return new URL('./extract-worker.ts', self).href;
  // built: dist/verbatim.mjs, the worker beside it
  return new URL('./extract-worker.mjs', self).href;
}

/** Scans `args` and writes the result; resolves to the exit code (1 when any input failed) once
 *  the output has been flushed. */
export async function scanCommand(args: string[], options: ScanOptions): Promise<number> {
  const { format, store } = options;
  const out = new StreamWriter(options.out);
  const err = new StreamWriter(options.err);
  const scanner = new Scanner(store.db, store.kept);
  const threads = options.workers === 'auto' ? defaultWorkers() : options.workers;
  const poolAfter = options.workers === 'auto' ? POOL_MIN_INPUTS : 0;
  let pool: ExtractionPool | null = null;
  const extract = async (input: ScanInput): Promise<Loaded> => {
    if (!pool) return loadInput(input);
    try {
      return (await pool.run(input)) as Loaded;
    } catch (e) {
      return { error: `${input.name}: ${(e as Error).message}` };
    }
  };
  const bar = options.progress ? new cliProgress.SingleBar({ stream: options.err, format: 'scanning [{bar}] {value}/{total} {eta_formatted} left', hideCursor: true }, cliProgress.Presets.shades_classic) : null;
  bar?.start(0, 0);

  const startTime = store.nextTime(SCAN_START_TIME);
  let n = 0;
  let failed = 0;
  let firstArticle = true;
  const pending: { n: number; input: ScanInput; loaded: Promise<Loaded> }[] = [];
  const ahead = Math.max(1, threads * AHEAD_PER_WORKER);

  if (format === 'json') await out.write('{"articles":[');
  const emit = async (article: ScanArticle) => {
    if (format === 'jsonl') await out.write(JSON.stringify({ type: 'article', ...article }) + '\n');
    else if (format === 'json') {
      const { error: _e, ...clean } = article;
      await out.write((firstArticle ? '' : ',') + JSON.stringify(clean));
    } else await out.write(articleTable(article));
    firstArticle = false;
  };
  const next = async () => {
    const item = pending.shift() as (typeof pending)[number];
    const loaded = await item.loaded;
    const now = item.input.kind === 'page' && item.input.date !== null ? item.input.date : startTime + (item.n - 1) * SCAN_TICK_MS;
    const { article } = await scanner.add(item.n, item.input.name, loaded, now);
    if (article.error) {
      failed++;
      await err.write(`error: ${article.error}\n`);
    }
    await emit(article);
    bar?.increment();
  };
  try {
    for await (const input of expandInputs(args, options.stdin)) {
      n++;
      if (!pool && threads > 0 && n > poolAfter) pool = await ExtractionPool.start(workerFile(), threads);
      pending.push({ n, input, loaded: extract(input) });
      bar?.setTotal(n);
      if (pending.length > ahead) await next();
    }
    while (pending.length) await next();
  } finally {
    bar?.stop();
    await (pool as ExtractionPool | null)?.destroy();
  }
  await writeVariants(out, format, scanner.variants);
  if (n === 0) {
    await err.write('error: nothing to scan (no files given, or the folders hold no .html, .txt or .warc files)\n');
    failed++;
  }
  await out.flush();
  await err.flush();
  if (out.failure) {
    options.err.write(`error: writing the output failed: ${out.failure.message}\n`);
    return 1;
  }
  return failed ? 1 : 0;
}

async function writeVariants(out: StreamWriter, format: ScanFormat, variants: ScanVariant[]): Promise<void> {
  if (format === 'json') {
    await out.write('],"variants":[');
    for (const [i, v] of variants.entries()) await out.write((i ? ',' : '') + JSON.stringify(v));
    await out.write(']}\n');
  } else if (format === 'jsonl') {
    for (const v of variants) await out.write(JSON.stringify({ type: 'variant', ...v }) + '\n');
  } else if (variants.length) {
    await out.write('\nSame utterance across articles:\n');
    for (const v of variants) {
      await out.write(`  ${v.a.padEnd(8)} ~ ${v.b.padEnd(8)} ${v.relation.padEnd(9)} ${v.score.toFixed(2)}${v.speakerConflict ? '  speaker conflict' : ''}\n`);
    }
  }
}

const clip = (s: string, n: number) => (s.length > n ? s.slice(0, n - 1) + '…' : s).padEnd(n);

function articleTable(a: ScanArticle): string {
  if (a.error) return '';
  const lines = [`\n${a.file}${a.outlet ? ` — ${a.outlet}` : ''}${a.title ? ` — ${a.title}` : ''}`, `  ${'id'.padEnd(8)} ${'kind'.padEnd(9)} ${'speaker'.padEnd(28)} quote`];
  for (const q of a.quotes) {
    lines.push(`  ${q.id.padEnd(8)} ${q.kind.padEnd(9)} ${clip(q.speaker ?? '—', 28)} “${clip(q.text.replace(/\s+/g, ' '), 70).trimEnd()}”`);
  }
  return lines.join('\n') + '\n';
}
