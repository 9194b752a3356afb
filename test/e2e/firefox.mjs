// Firefox driver: Debian's /usr/bin/firefox-esr through puppeteer-core over WebDriver BiDi, the
// built MV2 extension installed as a temporary add-on (../shared/BROWSER-TESTING.md §5).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { until } from './harness.mjs';

export const FIREFOX = process.env.FIREFOX ?? '/usr/bin/firefox-esr';
export const GECKO_ID = 'verbatim@verbatim.local';
/** Pinned moz-extension:// host, so extension pages have a known URL. */
export const EXT_UUID = '3f6c1e2a-9b7d-4c5e-8a1f-2d3b4c5e6f70';

function wrapPage(page) {
  const w = {
    raw: page,
    errors: [],
    dialogs: [],
    goto: async (url) => {
      if (url.startsWith('moz-extension:')) {
        // BiDi navigates to moz-extension:// but never reports the load; poll the document instead
        await page.goto(url, { timeout: 3000 }).catch(() => {});
        await until(() => page.evaluate((u) => location.href === u && document.readyState === 'complete', url), { timeout: 15000, what: `load of ${url}` });
      } else {
        await page.goto(url, { waitUntil: 'load' });
      }
    },
    evaluate: (fn, arg) => page.evaluate(fn, arg),
    screenshot: (file) => page.screenshot({ path: file }),
    press: (key) => page.keyboard.press(key),
    click: (x, y) => page.mouse.click(x, y),
    setInputFile: async (selector, file) => {
      const input = await page.$(selector);
      if (!input) throw new Error(`no ${selector}`);
      await input.uploadFile(file);
    },
    close: () => page.close(),
  };
  page.on('console', (m) => { if (m.type() === 'error') w.errors.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => w.errors.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => { w.dialogs.push(`${d.type()}: ${d.message()}`); d.dismiss().catch(() => {}); });
  return w;
}

/** Launches Firefox ESR with the add-on; returns the driver used by flow.mjs. */
export async function launchFirefox({ extDir, viewport = { width: 1200, height: 860 } }) {
  if (!fs.existsSync(FIREFOX)) {
    throw new Error(`Firefox not found at ${FIREFOX}: install it (apt-get install -y firefox-esr) or set FIREFOX=/path/to/firefox`);
  }
  if (!fs.existsSync(path.join(extDir, 'manifest.json'))) throw new Error(`no built add-on at ${extDir} (run npx wxt build -b firefox)`);
  const puppeteer = (await import('puppeteer-core')).default;
  const downloadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'verbatim-ff-downloads-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    args: ['--remote-allow-system-access'],
    defaultViewport: viewport,
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXT_UUID }),
      // downloads go straight to a known folder, no dialog
      'browser.download.dir': downloadDir,
      'browser.download.folderList': 2,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
      'browser.download.manager.showWhenStarting': false,
      'browser.download.alwaysOpenPanel': false,
      'browser.helperApps.neverAsk.saveToDisk': 'application/json,text/csv,text/markdown,text/plain,application/octet-stream',
    },
  });
  let id;
  try {
    id = await browser.installExtension(path.resolve(extDir));
  } catch (err) {
    await browser.close().catch(() => {});
    throw err;
  }
  if (id !== GECKO_ID) {
    await browser.close().catch(() => {});
    throw new Error(`add-on installed as ${id}, expected ${GECKO_ID}`);
  }
  const extUrl = (p) => `moz-extension://${EXT_UUID}/${p}`;

  const driver = {
    name: 'firefox',
    extId: id,
    version: await browser.version(),
    browser,
    async newPage() {
      return wrapPage(await browser.newPage());
    },
    async extPage(p) {
      const page = wrapPage(await browser.newPage());
      await page.goto(extUrl(p));
      return page;
    },
    /** Row counts of the extension's IndexedDB, read from an extension page (same origin as the background page). */
    async readDb() {
      const page = await driver.extPage('popup.html');
      try {
        return await page.evaluate((names) => new Promise((resolve, reject) => {
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
        }), ['articles', 'quotes', 'speakers', 'groups', 'pendingGroups']);
      } finally {
        await page.close();
      }
    },
    /** Clicks an export button; Firefox saves into downloadDir (prefs above); waits for the file. */
    async download(page, selector) {
      for (const f of fs.readdirSync(downloadDir)) fs.rmSync(path.join(downloadDir, f), { force: true });
      await page.raw.click(selector);
      const name = await until(() => {
        const done = fs.readdirSync(downloadDir).filter((f) => !f.endsWith('.part'));
        const partial = fs.readdirSync(downloadDir).some((f) => f.endsWith('.part'));
        return done.length && !partial ? done[0] : null;
      }, { timeout: 15000, what: `a download in ${downloadDir}` });
      return { name, text: fs.readFileSync(path.join(downloadDir, name), 'utf8') };
    },
    async freshProfile() {
      return launchFirefox({ extDir, viewport });
    },
    async close() {
      await browser.close().catch(() => {});
      fs.rmSync(downloadDir, { recursive: true, force: true });
    },
  };
  return driver;
}
