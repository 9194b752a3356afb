// The `verbatim` command as a user runs it: built to plain JavaScript, run by node in a child
// process, its output read through a pipe.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { ExtractionPool } from '../scripts/cli/extract-pool';
import { loadInput } from '../scripts/scan-load';

const ROOT = path.resolve(__dirname, '..');
const BIN = path.join(ROOT, 'dist', 'verbatim.mjs');
const PAGES = path.join(ROOT, 'test', 'fixtures', 'pages');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built command with its standard output on a pipe, as `verbatim … | jq` would. */
function run(args: string[], input?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

/** Plain-text articles (one paragraph per line) with many distinct quotes: 20 files of 90 quotes
 *  print some 2 MB of JSON. */
function writeArticles(dir: string, files: number, quotesPerFile: number): string[] {
  // Every word is new (a counter spelled in syllables): quotes share no index key, so the scan's
  // time goes into writing output, not into grading look-alike quotes against each other.
  const syllables = ['ka', 'lo', 'mi', 'ren', 'tu', 'vas', 'pel', 'dor', 'shi', 'nam', 'quo', 'bri', 'zel', 'fon', 'gra', 'hu'];
  let counter = 0;
  const word = () => {
    let n = counter++;
    let w = '';
    do {
      w += syllables[n % 16];
      n = Math.floor(n / 16);
    } while (n);
    return w;
  };
  const names = ['Maria Lopez', 'Tom Becker', 'Anna Novak', 'James Okoro'];
  const paths: string[] = [];
  for (let f = 0; f < files; f++) {
    const lines = [`Local report number ${f + 1}`];
    for (let q = 0; q < quotesPerFile; q++) {
      const said = Array.from({ length: 80 }, word).join(' ');
      lines.push(`“The ${said} matter to us all,” said ${names[(f + q) % names.length]}, who spoke at the meeting on ${q + 1} March.`);
    }
    const p = path.join(dir, `article-${String(f).padStart(3, '0')}.txt`);
    fs.writeFileSync(p, lines.join('\n') + '\n');
    paths.push(p);
  }
  return paths;
}

describe('verbatim (built command)', () => {
  let tmp: string;
  beforeAll(() => {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build-cli.mjs')], { cwd: ROOT });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'verbatim-cli-'));
  }, 120_000);

  it('pipes a multi-megabyte --json scan whole, and fails loudly for a broken input while writing the rest', async () => {
    const files = writeArticles(fs.mkdtempSync(path.join(tmp, 'big-')), 20, 90);
    const missing = path.join(tmp, 'no-such-article.html');
    const r = await run(['scan', '--json', '--workers', '1', files[0], missing, ...files.slice(1)]);
    expect(Buffer.byteLength(r.stdout)).toBeGreaterThan(2 * 1024 * 1024);
    const doc = JSON.parse(r.stdout);
    expect(doc.articles).toHaveLength(files.length + 1);
    expect(doc.articles.filter((a: { quotes: unknown[] }) => a.quotes.length === 90)).toHaveLength(files.length);
    expect(doc.articles[1].file).toBe(missing);
    expect(r.stderr).toContain(`${missing}: no such file`);
    expect(r.code).toBe(1);
  }, 300_000);

  it('pipes --jsonl whole: one article line per input in input order, then the variant lines', async () => {
    const files = writeArticles(fs.mkdtempSync(path.join(tmp, 'lines-')), 3, 20);
    const r = await run(['scan', '--jsonl', '--workers', '2', ...files, PAGES]);
    expect(r.code).toBe(0);
    expect(r.stdout.endsWith('\n')).toBe(true);
    const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    const articles = lines.filter((l) => l.type === 'article');
    const pages = fs.readdirSync(PAGES, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html'));
    expect(articles.map((a) => a.file)).toEqual([...files, ...pages.map((f) => path.join(PAGES, f)).sort()]);
    const firstVariant = lines.findIndex((l) => l.type === 'variant');
    expect(firstVariant).toBeGreaterThan(articles.length - 1);
    expect(lines.slice(firstVariant).every((l) => l.type === 'variant')).toBe(true);
  }, 300_000);

  it('gives the same output with a pool of workers as on the main thread, in input order', async () => {
    const pages = fs.readdirSync(PAGES, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html')).map((f) => path.join(PAGES, f));
    // Largest page first: with two workers the small ones are done before it.
    const bySize = [...pages].sort((a, b) => fs.statSync(b).size - fs.statSync(a).size);
    const inline = await run(['scan', '--json', '--workers', '0', ...bySize]);
    const pooled = await run(['scan', '--json', '--workers', '2', ...bySize]);
    expect(pooled.code).toBe(0);
    expect(pooled.stdout).toBe(inline.stdout);
    const doc = JSON.parse(pooled.stdout);
    expect(doc.articles.map((a: { file: string }) => a.file)).toEqual(bySize);
    expect(doc.variants.length).toBeGreaterThan(5);
  }, 300_000);

  it('renews its extraction workers every so many pages, and every page comes out as on the main thread', async () => {
    const pages = fs.readdirSync(PAGES, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html')).sort().map((f) => path.join(PAGES, f));
    const inputs = pages.map((p) => ({ kind: 'file' as const, name: p, path: p }));
    const pool = await ExtractionPool.start(pathToFileURL(path.join(ROOT, 'dist', 'extract-worker.mjs')).href, 2, 3);
    let pooled;
    try {
      pooled = await Promise.all(inputs.map((input) => pool.run(input)));
    } finally {
      await pool.destroy();
    }
    expect(pool.renewals).toBe(Math.ceil(pages.length / 3));
    expect(pooled).toEqual(await Promise.all(inputs.map((input) => loadInput(input))));
  }, 300_000);

  it('resumes a killed scan from its store file: what was stored stays, nothing is stored twice', async () => {
    const files = writeArticles(fs.mkdtempSync(path.join(tmp, 'resume-')), 24, 6);
    const store = path.join(tmp, 'resume.db');
    const child = spawn(process.execPath, [BIN, 'scan', '--jsonl', '--workers', '0', '--store', store, ...files], { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] });
    // Killed (no chance to clean up) once five articles are out: each was stored before it was printed.
    let printed = 0;
    await new Promise<void>((resolve) => {
      child.stdout.setEncoding('utf8').on('data', (c: string) => {
        printed += (c.match(/"type":"article"/g) ?? []).length;
        if (printed >= 5) child.kill('SIGKILL');
      });
      child.on('close', () => resolve());
    });
    expect(printed).toBeLessThan(files.length);
    const count = async () => JSON.parse((await run(['export', '--store', store])).stdout).articles.length as number;
    const kept = await count();
    expect(kept).toBeGreaterThanOrEqual(5);
    expect(kept).toBeLessThan(files.length);
    const resumed = await run(['scan', '--jsonl', '--workers', '0', '--store', store, ...files]);
    expect(resumed.code).toBe(0);
    expect(await count()).toBe(files.length);
  }, 300_000);
});
