// `verbatim scan` in process (extraction on the main thread; the worker pool is tested on the
// built command in cli.test.ts): web archives scan like the pages they hold, and a store file
// carries one scan's articles into the next.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { PassThrough, Readable } from 'node:stream';
import { WARCRecord, WARCSerializer } from 'warcio';
import { describe, expect, it } from 'vitest';
import { scanCommand, type ScanFormat } from '../scripts/cli/scan-command';
import { openScanStore } from '../scripts/cli/store';
import type { ScanOutput } from '../scripts/scan-core';
import { exportJson } from '../lib/store/export';
import { MAX_FILE_BYTES } from '../scripts/scan-load';

const PAGES = path.resolve(__dirname, 'fixtures', 'pages');
const pageFiles = () =>
  fs
    .readdirSync(PAGES, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.html'))
    .map((f) => path.join(PAGES, f))
    .sort();

async function scan(inputs: string[], options: { workers?: number; store?: string | null; format?: ScanFormat; stdin?: string } = {}) {
  const store = await openScanStore(options.store ?? null);
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  err.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  try {
    const code = await scanCommand(inputs, { format: options.format ?? 'json', workers: options.workers ?? 0, progress: false, store, out, err, stdin: Readable.from([options.stdin ?? '']) });
    return { code, stdout, stderr };
  } finally {
    store.close();
  }
}

/** A quote as seen apart from where its page came from. */
const quotesOf = (out: ScanOutput) => out.articles.map((a) => ({ outlet: a.outlet, title: a.title, quotes: a.quotes }));

async function writeWarc(file: string, pages: string[], gzip: boolean): Promise<void> {
  const parts: Uint8Array[] = [];
  for (const [i, page] of pages.entries()) {
    const url = `https://archive.example/${i}/${path.basename(page)}`;
    const date = new Date(Date.UTC(2024, 2, 22, 12, i)).toISOString();
    // A request record and a non-HTML response around each page: only HTML responses are pages.
    const request = WARCRecord.create({ url, date, type: 'request', statusline: 'GET / HTTP/1.1', httpHeaders: { Host: 'archive.example' } }, []);
    const html = WARCRecord.create(
      { url, date, type: 'response', httpHeaders: { 'Content-Type': 'text/html; charset=utf-8' } },
      [new Uint8Array(fs.readFileSync(page))],
    );
    const image = WARCRecord.create({ url: url + '.png', date, type: 'response', httpHeaders: { 'Content-Type': 'image/png' } }, [new Uint8Array([137, 80, 78, 71])]);
    for (const r of [request, html, image]) parts.push(await WARCSerializer.serialize(r, { gzip }));
  }
  fs.writeFileSync(file, new Uint8Array(Buffer.concat(parts)));
}

describe('verbatim scan', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'verbatim-scan-'));

  it('scans a web archive (plain and gzip) to the same quotes and variants as the pages it holds', async () => {
    const pages = pageFiles();
    const direct = JSON.parse((await scan(pages)).stdout) as ScanOutput;
    expect(direct.articles.flatMap((a) => a.quotes).length).toBeGreaterThan(20);
    expect(direct.variants.length).toBeGreaterThan(5);
    for (const gzip of [false, true]) {
      const warc = path.join(tmp, gzip ? 'pages.warc.gz' : 'pages.warc');
      await writeWarc(warc, pages, gzip);
      const r = await scan([warc]);
      expect(r.code).toBe(0);
      const archived = JSON.parse(r.stdout) as ScanOutput;
      expect(archived.articles.map((a) => a.file)).toEqual(pages.map((p, i) => `${warc}#${i + 1} https://archive.example/${i}/${path.basename(p)}`));
      expect(quotesOf(archived)).toEqual(quotesOf(direct));
      expect(archived.variants).toEqual(direct.variants);
    }
  }, 120_000);

  it('reports a file that is not a web archive, or a page record without a URL, and still writes the other inputs', async () => {
    const notWarc = path.join(tmp, 'not.warc.gz');
    fs.writeFileSync(notWarc, new Uint8Array(zlib.gzipSync('<html><body><p>An ordinary page, gzipped.</p></body></html>')));
    const noUrl = path.join(tmp, 'no-url.warc');
    fs.writeFileSync(noUrl, 'WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 6\r\n\r\n<html>\r\n\r\n');
    const page = pageFiles()[0];
    const r = await scan([notWarc, page, noUrl]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${notWarc}: not a readable web archive (record 1 has no WARC header)`);
    expect(r.stderr).toContain(`${noUrl}: not a readable web archive (response record 1 has no WARC-Target-URI)`);
    const out = JSON.parse(r.stdout) as ScanOutput;
    expect(out.articles.map((a) => a.file)).toEqual([notWarc, page, noUrl]);
    expect(out.articles[1].quotes.length).toBeGreaterThan(0);
  }, 60_000);

  it('scans a page whose frames jsdom cannot close (an iframe nested in an svg) like the page without them', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'verbatim-frames-'));
    const page = pageFiles()[0];
    const file = path.join(dir, path.basename(page));
    fs.writeFileSync(file, fs.readFileSync(page, 'utf8').replace(/<\/body>/i, '<svg><iframe srcdoc=x><div><iframe srcdoc=x></div></svg></body>'));
    const plain = await scan([page]);
    const framed = await scan([file]);
    expect(framed.stderr).toBe('');
    expect(framed.code).toBe(0);
    const quotes = quotesOf(JSON.parse(framed.stdout) as ScanOutput);
    expect(quotes[0].quotes.length).toBeGreaterThan(0);
    expect(quotes).toEqual(quotesOf(JSON.parse(plain.stdout) as ScanOutput));
  });

  it('refuses a web archive page that unpacks past the size limit (a gzip-encoded body), and still scans the next page', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'verbatim-bomb-'));
    const file = path.join(dir, 'bomb.warc');
    const date = new Date(Date.UTC(2024, 2, 22, 12)).toISOString();
    const unpacked = Buffer.alloc(MAX_FILE_BYTES + 1024 * 1024, '<p>a</p>');
    const bomb = WARCRecord.create(
      { url: 'https://archive.example/bomb', date, type: 'response', httpHeaders: { 'Content-Type': 'text/html', 'Content-Encoding': 'gzip' } },
      [new Uint8Array(zlib.gzipSync(new Uint8Array(unpacked)))],
    );
    const page = pageFiles()[0];
    const plain = WARCRecord.create(
      { url: 'https://archive.example/page', date, type: 'response', httpHeaders: { 'Content-Type': 'text/html; charset=utf-8' } },
      [new Uint8Array(fs.readFileSync(page))],
    );
    const parts = [await WARCSerializer.serialize(bomb, { gzip: false }), await WARCSerializer.serialize(plain, { gzip: false })];
    expect(parts[0].byteLength).toBeLessThan(MAX_FILE_BYTES / 100);
    fs.writeFileSync(file, new Uint8Array(Buffer.concat(parts)));
    const { code, stdout, stderr } = await scan([file]);
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/archive\.example\/bomb: too large once unpacked/);
    const [refused, read] = (JSON.parse(stdout) as ScanOutput).articles;
    expect(refused.quotes).toEqual([]);
    expect(refused.file).toMatch(/archive\.example\/bomb$/);
    expect(read.file).toMatch(/archive\.example\/page$/);
    expect(read.quotes.length).toBeGreaterThan(0);
  });

  it('reads a folder recursively in path order, and standard input', async () => {
    const folder = JSON.parse((await scan([PAGES])).stdout) as ScanOutput;
    expect(folder.articles.map((a) => a.file)).toEqual(pageFiles());
    const page = pageFiles()[0];
    const piped = JSON.parse((await scan(['-'], { stdin: fs.readFileSync(page, 'utf8') })).stdout) as ScanOutput;
    expect(piped.articles[0].file).toBe('-');
    expect(piped.articles[0].quotes).toEqual(folder.articles[0].quotes);
    const text = 'The mayor spoke.\n“We will rebuild the bridge before winter,” said Mayor Ana Ruiz.\n';
    const plain = JSON.parse((await scan(['-'], { stdin: text })).stdout) as ScanOutput;
    expect(plain.articles[0].quotes.map((q) => [q.text, q.speaker])).toEqual([['We will rebuild the bridge before winter,', 'Ana Ruiz']]);
  }, 60_000);

  it('a second scan with the same store reports variants against the first scan', async () => {
    const store = path.join(tmp, 'store.db');
    const pages = pageFiles();
    const first = await scan(pages.slice(0, 3), { store });
    expect(first.code).toBe(0);
    expect(fs.existsSync(store)).toBe(true);
    const alone = JSON.parse((await scan(pages.slice(3))).stdout) as ScanOutput;
    const second = JSON.parse((await scan(pages.slice(3), { store })).stdout) as ScanOutput;
    const earlier = second.variants.filter((v) => v.a.startsWith('file://'));
    expect(earlier.length).toBeGreaterThan(0);
    // Each earlier version named is one of the first scan's pages.
    const firstUrls = pages.slice(0, 3).map((p) => 'file://' + p);
    for (const v of earlier) expect(firstUrls).toContain(v.a.replace(/#\d+$/, ''));
    // Without the store the same files know nothing of the first three.
    expect(alone.variants.some((v) => v.a.startsWith('file://'))).toBe(false);
    // Scanning the first pages again adds nothing to the store: they are recognised.
    await scan(pages.slice(0, 3), { store });
    const reopened = await openScanStore(store);
    try {
      const log = JSON.parse(await exportJson(reopened.db, 0));
      expect(log.articles).toHaveLength(pages.length);
    } finally {
      reopened.close();
    }
  }, 180_000);
});
