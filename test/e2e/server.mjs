// Serves test/fixtures/pages on 127.0.0.1 (random port). Each seed page lives under a host-like
// path (/apnews.com/article/...), so every page is its own outlet while the server stays local.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PAGES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/pages');

const TYPES = { '.html': 'text/html; charset=utf-8', '.json': 'application/json', '.png': 'image/png', '.svg': 'image/svg+xml' };

/**
 * @param {{ extra?: Record<string, string> }} [options] extra: path → HTML served from memory
 *   (pages generated at run time, e.g. the long article of the page-cost bench)
 * @returns {Promise<{ server: http.Server, base: string, close: () => Promise<void> }>}
 */
export function startServer(options = {}) {
  const extra = options.extra ?? {};
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const rel = decodeURIComponent(url.pathname).replace(/^\/+/, '');
    if (rel === 'favicon.ico') { res.writeHead(204); res.end(); return; }
    if (extra[rel] !== undefined) {
      res.writeHead(200, { 'content-type': TYPES['.html'], 'cache-control': 'no-store' });
      res.end(extra[rel]);
      return;
    }
    const file = path.resolve(PAGES_DIR, rel);
    if (!file.startsWith(PAGES_DIR + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      resolve({
        server,
        base: `http://127.0.0.1:${port}/`,
        close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }),
      });
    });
  });
}

/** The seed pages in visiting order, with what the page declares (see build-pages.mjs). */
export function seedPages() {
  const manifest = JSON.parse(fs.readFileSync(path.join(PAGES_DIR, 'manifest.json'), 'utf8'));
  return manifest.pages;
}
