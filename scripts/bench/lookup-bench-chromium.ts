// The lookup benchmark inside real Chromium IndexedDB (the figure that counts): bundles
// lookup-bench.ts for the browser, serves it on 127.0.0.1, opens it in Debian's Chromium through
// playwright-core and runs benchLookup() with the page's own indexedDB.
//   npx tsx scripts/bench/lookup-bench-chromium.ts [sizes...]     (default 1000 10000 100000)
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { ROOT } from '../paths';
import { loadCorpusSentences } from './corpus-sentences';
import type { LookupBenchRow } from './lookup-bench';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function benchLookupInChromium(sizes: number[]): Promise<LookupBenchRow[]> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
  const sentences = loadCorpusSentences();
  if (!sentences) return [];
  const bundled = await build({
    stdin: {
      contents: "import { benchLookup } from './scripts/bench/lookup-bench'; (globalThis as any).benchLookup = benchLookup;",
      resolveDir: ROOT,
      loader: 'ts',
    },
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    logLevel: 'error',
    external: ['fake-indexeddb', 'node:*'],
  });
  const js = bundled.outputFiles[0].text;
  const html = '<!doctype html><meta charset="utf-8"><title>lookup bench</title><script src="/bench.js"></script>';
  const server = http.createServer((req, res) => {
    if (req.url === '/bench.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(js);
    else res.writeHead(200, { 'content-type': 'text/html' }).end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'verbatim-bench-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: false,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--headless=new'],
  });
  try {
    const page = await context.newPage();
    page.on('console', (m) => console.log(`  [chromium] ${m.text()}`));
    await page.goto(`http://127.0.0.1:${port}/`);
    return await page.evaluate(
      async ({ sizes, sentences }) => {
        const g = globalThis as unknown as { benchLookup: (o: unknown) => Promise<LookupBenchRow[]> };
        return g.benchLookup({ sizes, sentences, indexedDB, IDBKeyRange });
      },
      { sizes, sentences },
    );
  } finally {
    await context.close();
    server.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
}

if (/lookup-bench-chromium\.ts$/.test(process.argv[1] ?? '')) {
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  benchLookupInChromium(sizes.length ? sizes : [1_000, 10_000, 100_000]).catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
