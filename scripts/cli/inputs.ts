// What `verbatim scan` reads: files, folders (recursively, in name order), "-" for standard input,
// and web archives (WARC, WARC.gz), whose HTML response records are pages with their URL and date.
import fs from 'node:fs';
import path from 'node:path';
import { looksLikeHtml, MAX_FILE_BYTES, type ScanInput } from '../scan-load';

/** Files a folder contributes: pages, text and web archives. Other files in a folder (images,
 *  style sheets) are not articles; named one by one, any file is tried. */
const SCANNED_IN_FOLDERS = /\.(x?html?|txt|warc|warc\.gz)$/i;
const WARC_FILE = /\.warc(\.gz)?$/i;
/** Record content types taken as pages. */
const HTML_TYPE = /^\s*(text\/html|application\/xhtml\+xml)/i;

/** The inputs named on the command line, one by one in the order given (a folder's files sorted
 *  by path, so a scan repeats exactly). A path that cannot be read is still yielded: loading it
 *  reports the error in its place. A broken web archive yields the records read before the break,
 *  then an input that fails with the archive's error. */
export async function* expandInputs(args: string[], stdin: NodeJS.ReadableStream = process.stdin): AsyncGenerator<ScanInput> {
  for (const arg of args) {
    if (arg === '-') {
      const body = await readAll(stdin);
      yield { kind: 'page', name: '-', url: 'stdin:', body, html: looksLikeHtml(body), date: null };
      continue;
    }
    for (const file of listFiles(arg)) {
      if (WARC_FILE.test(file)) yield* warcPages(file);
      else yield { kind: 'file', name: file, path: file };
    }
  }
}

function listFiles(arg: string): string[] {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(arg);
  } catch {
    return [arg]; // reported as "no such file" where it is loaded
  }
  if (!stat.isDirectory()) return [arg];
  const out: string[] = [];
  const walk = (dir: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      out.push(dir); // unreadable folder: reported where it is loaded
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (e.name.startsWith('.')) continue;
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && SCANNED_IN_FOLDERS.test(e.name)) out.push(p);
    }
  };
  walk(arg);
  return out;
}

/** The HTML response (and resource) records of one web archive, gzip or not (warcio tells). */
async function* warcPages(file: string): AsyncGenerator<ScanInput> {
  let n = 0;
  try {
    const { WARCParser } = await import('warcio'); // loaded only when a web archive is scanned
    const parser = new WARCParser(fs.createReadStream(file));
    let index = 0;
    for await (const record of parser) {
      index++;
      // warcio reads leniently: a record without a WARC type, or a page record without a URL, is
      // where the file stops being a web archive.
      if (!record.warcType) throw new Error(`record ${index} has no WARC header`);
      if (record.warcType !== 'response' && record.warcType !== 'resource') continue;
      const url = record.warcTargetURI;
      if (!url) throw new Error(`${record.warcType} record ${index} has no WARC-Target-URI`);
      const type = record.warcType === 'response' ? record.httpHeaders?.headers.get('content-type') : record.warcContentType;
      const status = record.httpHeaders ? Number(record.httpHeaders.statusCode) : undefined;
      if (!type || !HTML_TYPE.test(type) || (status !== undefined && !Number.isNaN(status) && (status < 200 || status >= 300))) {
        await record.skipFully();
        continue;
      }
      n++;
      const date = record.warcDate ? Date.parse(record.warcDate) : NaN;
      const length = Number(record.warcHeaders.headers.get('content-length') ?? 0);
      if (length > MAX_FILE_BYTES) {
        await record.skipFully();
        yield { kind: 'broken', name: `${file}#${n} ${url}`, error: `${file}#${n} ${url}: too large (the limit is ${MAX_FILE_BYTES / 1048576} MB)` };
        continue;
      }
      const body = await boundedContent(record, MAX_FILE_BYTES);
      if (body === null) {
        yield { kind: 'broken', name: `${file}#${n} ${url}`, error: `${file}#${n} ${url}: too large once unpacked (the limit is ${MAX_FILE_BYTES / 1048576} MB)` };
        continue;
      }
      yield { kind: 'page', name: `${file}#${n} ${url}`, url, body, html: true, date: Number.isFinite(date) ? date : null };
    }
  } catch (e) {
    yield { kind: 'broken', name: file, error: `${file}: not a readable web archive (${(e as Error).message})` };
  }
}

/** A page record's body as text, or null past `limit` bytes. The record's length counts its bytes as
 *  stored; a body sent gzip-encoded is unpacked as it is read, and a few compressed megabytes can
 *  unpack to gigabytes, so the limit is checked on what comes out. Reading stops there, and the
 *  parser skips the rest of the record. */
async function boundedContent(record: AsyncIterable<Uint8Array>, limit: number): Promise<string | null> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of record) {
    size += chunk.byteLength;
    if (size > limit) return null;
    chunks.push(chunk);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  // Decoded as it streams, so a character split across two chunks comes out whole.
  const decoder = new TextDecoder();
  let text = '';
  for await (const c of stream) text += typeof c === 'string' ? c : decoder.decode(c as Uint8Array, { stream: true });
  return text + decoder.decode();
}
