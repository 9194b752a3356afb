// Chromium driver: Debian's /usr/bin/chromium through playwright-core, the built MV3 extension
// loaded into a persistent profile (flags as in ../shared/BROWSER-TESTING.md §4).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

const BROWSER_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic', '--headless=new',
];
const ARGS = (ext) => [`--disable-extensions-except=${ext}`, `--load-extension=${ext}`, ...BROWSER_ARGS];

function wrapPage(page) {
  const w = {
    raw: page,
    errors: [],
    dialogs: [],
    goto: (url) => page.goto(url, { waitUntil: 'load' }).then(() => {}),
    evaluate: (fn, arg) => page.evaluate(fn, arg),
    screenshot: (file) => page.screenshot({ path: file }),
    press: (key) => page.keyboard.press(key),
    click: (x, y) => page.mouse.click(x, y),
    setInputFile: (selector, file) => page.setInputFiles(selector, file),
    close: () => page.close(),
  };
  page.on('console', (m) => { if (m.type() === 'error') w.errors.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => w.errors.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => { w.dialogs.push(`${d.type()}: ${d.message()}`); d.dismiss().catch(() => {}); });
  return w;
}

/** Launches Chromium with the extension; returns the driver used by flow.mjs. */
export async function launchChromium({ extDir, viewport = { width: 1200, height: 860 } }) {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install it (apt-get install -y chromium) or set CHROMIUM=/path/to/chromium`);
  }
  if (!fs.existsSync(path.join(extDir, 'manifest.json'))) throw new Error(`no built extension at ${extDir} (run npx wxt build)`);
  const { chromium } = await import('playwright-core');
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'verbatim-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: false,
    args: ARGS(extDir),
    viewport,
    acceptDownloads: true,
  });
  let sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 20000 }));
  const extId = new URL(sw.url()).host;
  const extUrl = (p) => `chrome-extension://${extId}/${p}`;

  const driver = {
    name: 'chromium',
    extId,
    version: context.browser()?.version() ?? null,
    context,
    async newPage() {
      return wrapPage(await context.newPage());
    },
    async extPage(p) {
      const page = wrapPage(await context.newPage());
      await page.goto(extUrl(p));
      return page;
    },
    /** Row counts of the extension's IndexedDB, read in the service worker with the raw IDB API. */
    async readDb() {
      const read = (names) => new Promise((resolve, reject) => {
        const req = indexedDB.open('verbatim');
        req.onerror = () => reject(new Error(String(req.error)));
        req.onsuccess = () => {
          const db = req.result;
          const stores = names.filter((n) => db.objectStoreNames.contains(n));
          const out = {};
          const tx = db.transaction(stores, 'readonly');
          for (const n of stores) {
            const c = tx.objectStore(n).count();
            c.onsuccess = () => { out[n] = c.result; };
          }
          tx.oncomplete = () => { db.close(); resolve(out); };
          tx.onerror = () => reject(new Error(String(tx.error)));
        };
      });
      const names = ['articles', 'quotes', 'speakers', 'groups', 'pendingGroups'];
      sw = context.serviceWorkers()[0] ?? sw;
      try {
        return await sw.evaluate(read, names);
      } catch {
        // the worker was stopped while idle: read from an extension page (same origin), one that
        // writes nothing itself (the quote log writes pending summaries when it opens)
        const page = await driver.extPage('popup.html');
        try { return await page.evaluate(read, names); } finally { await page.close(); }
      }
    },
    /** Stops the extension's service worker, as Chromium does to an idle or busy worker (DevTools protocol). */
    async stopBackground(page) {
      const cdp = await context.newCDPSession(page.raw);
      try {
        await cdp.send('ServiceWorker.enable');
        await cdp.send('ServiceWorker.stopAllWorkers');
      } finally {
        await cdp.detach().catch(() => {});
      }
    },
    /** Clicks an export button and returns the downloaded file. */
    async download(page, selector) {
      const [dl] = await Promise.all([page.raw.waitForEvent('download', { timeout: 15000 }), page.raw.click(selector)]);
      const file = await dl.path();
      return { name: dl.suggestedFilename(), text: fs.readFileSync(file, 'utf8') };
    },
    async freshProfile() {
      return launchChromium({ extDir, viewport });
    },
    async close() {
      await context.close().catch(() => {});
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
  return driver;
}

/**
 * The same browser with the same flags and no extension: what a page costs by itself (the page
 * bench's baseline). Returns its Playwright context and a close() that also removes the profile.
 */
export async function launchPlainChromium({ viewport = { width: 1200, height: 860 } } = {}) {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}`);
  const { chromium } = await import('playwright-core');
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'verbatim-chromium-plain-'));
  const context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, headless: false, args: BROWSER_ARGS, viewport });
  return {
    context,
    async close() {
      await context.close().catch(() => {});
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
