// npm run test:e2e:share — sharing the quote log between two Chromium profiles through a
// CouchDB-protocol server (pouchdb-server, in memory, on 127.0.0.1). Each profile reads a different
// seed page; with sharing on, each ends with the other's version as a variant of its own page; with
// sharing off, nothing goes either way and the extension sends no request to any host; the card
// names the colleague who shared a version; a hostile document on the server is skipped with a
// note in the options page; a service worker stopped in the middle of a large pull resumes it.
// Ends with "e2e-share: N passed, N failed". Env: SKIP_BUILD=1, CHROMIUM=…, ARTIFACTS=dir
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, seedPages } from './server.mjs';
import { Suite, FatalError, assert, sleep, until } from './harness.mjs';
import { launchChromium } from './chromium.mjs';
import { launchFirefox } from './firefox.mjs';
import { quoteTextPoint } from './flow.mjs';

// Service-worker requests are reported to the browser context only with this switch.
process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = '1';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
process.chdir(ROOT);
const ARTIFACTS = path.resolve(process.env.ARTIFACTS ?? 'artifacts');
const BUILT = path.resolve('.output/chrome-mv3');
const BUILT_FIREFOX = path.resolve('.output/firefox-mv2');
/** E2E_SHARE_BROWSERS=chromium skips the Firefox ESR round (two profiles exchanging versions). */
const BROWSERS = (process.env.E2E_SHARE_BROWSERS ?? 'chromium,firefox').split(',').map((b) => b.trim());
const REPLICATION_TIMEOUT_MS = 45000;
/** Documents put on the server at once for the stopped-worker check: several pull batches. */
const BULK_DOCS = 2000;
/** How long a profile with sharing off is watched for anything crossing over. */
const QUIET_MS = 6000;
/** Seed pages (visit order): AP and AFP both quote Netanyahu's "we will do it alone". */
const PAGE_ONE = 0;
const PAGE_TWO = 4;
const PAGE_LATER = 2;

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** The server .ci/run started (VERBATIM_COUCH_URL, its log in VERBATIM_COUCH_LOG), else
 *  pouchdb-server in memory started here; either way it counts the requests the server logs. */
async function startCouch() {
  const external = process.env.VERBATIM_COUCH_URL;
  const logFile = process.env.VERBATIM_COUCH_LOG;
  if (external && logFile) return externalCouch(external.endsWith('/') ? external : `${external}/`, logFile);
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'verbatim-couch-'));
  const child = spawn(process.execPath, [path.join(ROOT, 'node_modules/pouchdb-server/bin/pouchdb-server'), '--in-memory', '--host', '127.0.0.1', '--port', String(port), '--no-color'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  const couch = { base: `http://127.0.0.1:${port}/`, requests: 0, log: '' };
  const take = (d) => {
    const text = String(d);
    couch.log = (couch.log + text).slice(-4000);
    couch.requests += (text.match(/\[info\] (GET|PUT|POST|DELETE|HEAD) /g) ?? []).length;
  };
  child.stdout.on('data', take);
  child.stderr.on('data', take);
  await until(async () => (await fetch(couch.base)).ok, { timeout: 30000, what: 'pouchdb-server to answer' });
  couch.requests = 0;
  couch.close = async () => {
    if (child.exitCode === null) {
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await gone;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  return couch;
}

/** A server started outside the suite: requests are counted from its log file, from the moment
 *  `requests` is set to 0 on. */
async function externalCouch(base, logFile) {
  const count = () => (fs.existsSync(logFile) ? (fs.readFileSync(logFile, 'utf8').match(/\[info\] (GET|PUT|POST|DELETE|HEAD) /g) ?? []).length : 0);
  await until(async () => (await fetch(base)).ok, { timeout: 30000, what: `the sharing server at ${base} to answer` });
  let baseline = count();
  return {
    base,
    get requests() { return count() - baseline; },
    set requests(n) { baseline = count() - n; },
    get log() { return fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').slice(-4000) : ''; },
    close: async () => undefined,
  };
}

async function ask(driver, type, payload) {
  const page = await driver.extPage('options.html');
  try {
    return await page.evaluate(([t, p]) => (globalThis.browser ?? chrome).runtime.sendMessage({ type: t, payload: p }), [type, payload]);
  } finally {
    await page.close();
  }
}

async function read(t, driver, url, what) {
  const page = await driver.newPage();
  await page.goto(url);
  const st = await until(() => page.evaluate(() => {
    const s = document.querySelector('verbatim-root')?.getAttribute('data-state');
    return s && s !== 'waiting' ? s : null;
  }), { timeout: 45000, interval: 250, what: `the page state on ${what}` });
  assert(st === 'done', `${what}: state ${st}`);
  await t.shot(what.replace(/\W+/g, '-'), (f) => page.screenshot(f));
  await page.close();
}

async function setSharing(driver, dbUrl, on) {
  const page = await driver.extPage('options.html');
  try {
    await until(() => page.evaluate(() => !!document.querySelector('#vb-share-toggle')), { timeout: 10000, what: 'the options page' });
    if (on) {
      // Typed values as Preact reads them (an input event); the switch is a real click, since
      // asking for a permission needs the user's gesture.
      await page.evaluate(([url, by]) => {
        for (const [sel, value] of [['#vb-share-url', url], ['#vb-share-by', by]]) {
          const input = document.querySelector(sel);
          input.value = value;
          input.dispatchEvent(new Event('input', { bubbles: true }));
        }
      }, [dbUrl, driver.label]);
    }
    const label = await page.evaluate(() => document.querySelector('#vb-share-toggle').textContent);
    if (/on/.test(label) !== on) throw new Error(`the switch says "${label}"`);
    await page.raw.click('#vb-share-toggle');
    await until(() => page.evaluate((want) => document.querySelector('#vb-share-message')?.textContent.includes(want ? 'Sharing is on' : 'Sharing is off'), on), { timeout: 10000, what: `sharing ${on ? 'on' : 'off'}` });
  } finally {
    await page.close();
  }
}

/** The text of every element with class `name` in the page, closed shadow roots included: the
 *  shipped build's overlay is closed to the page, not to the DevTools protocol. */
async function textsOfClass(driver, page, name) {
  const cdp = await driver.context.newCDPSession(page.raw);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const kids = (n) => [...(n.children ?? []), ...(n.shadowRoots ?? []), ...(n.contentDocument ? [n.contentDocument] : [])];
    const textOf = (n) => (n.nodeType === 3 ? n.nodeValue : kids(n).map(textOf).join(''));
    const classOf = (n) => { const a = n.attributes ?? []; const i = a.indexOf('class'); return i >= 0 && i % 2 === 0 ? a[i + 1] : ''; };
    const found = [];
    const walk = (n) => {
      if (classOf(n).split(/\s+/).includes(name)) found.push(textOf(n));
      kids(n).forEach(walk);
    };
    walk(root);
    return found;
  } finally {
    await cdp.detach().catch(() => {});
  }
}

/** Opens the card of the page's quote `text` by clicking its words, as a reader does; returns
 *  the names the card gives for who shared each version. */
async function cardSharers(t, driver, url, text, what) {
  const page = await driver.newPage();
  try {
    await page.goto(url);
    await until(() => page.evaluate(() => document.querySelector('verbatim-root')?.getAttribute('data-state') === 'done'), { timeout: 45000, interval: 250, what: `the page state on ${what}` });
    const pt = await page.evaluate(quoteTextPoint, text);
    assert(pt, `${what}: the quote's words are not on the page`);
    await page.click(pt.x, pt.y);
    const names = await until(async () => {
      const shown = await textsOfClass(driver, page, 'vb-shared-by');
      return shown.length ? shown : null;
    }, { timeout: 8000, interval: 200, what: `${what}: a card naming who shared a version` });
    await t.shot(what.replace(/\W+/g, '-'), (f) => page.screenshot(f));
    return names;
  } finally {
    await page.close();
  }
}

/** A copy of a build whose manifest already grants the server's origin (see the build step). */
function grantedCopy(built, key) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'verbatim-share-ext-'));
  fs.cpSync(built, dir, { recursive: true });
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  manifest[key] = [...(manifest[key] ?? []), 'http://127.0.0.1/*'];
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
  return dir;
}

const outletsOf = (driver) => driver.readDb().then((c) => c.articles);

/** Stored article versions read from an extension page: a handle on a service worker that was
 *  stopped can hang instead of failing, so around a stopped worker the page reads the store. */
async function articlesFromPage(driver) {
  const page = await driver.extPage('quotes.html');
  try {
    return await page.evaluate(() => new Promise((resolve, reject) => {
      const req = indexedDB.open('verbatim');
      req.onerror = () => reject(new Error(String(req.error)));
      req.onsuccess = () => {
        const c = req.result.transaction('articles', 'readonly').objectStore('articles').count();
        c.onsuccess = () => { req.result.close(); resolve(c.result); };
        c.onerror = () => reject(new Error(String(c.error)));
      };
    }));
  } finally {
    await page.close();
  }
}

/** `promise`, or a failure after `ms`: a step that hangs fails the check instead of the suite. */
function within(ms, what, promise) {
  return Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms))]);
}

const t = new Suite('share', ARTIFACTS);
let web = null;
let couch = null;
let EXT = null;
let EXT_FIREFOX = null;
const drivers = [];
try {
  if (process.env.SKIP_BUILD !== '1') {
    await t.must('build .output/chrome-mv3', () => execFileSync('npx', ['wxt', 'build'], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, CI: 'true' } }));
  }
  if (BROWSERS.includes('firefox') && process.env.SKIP_BUILD !== '1') {
    await t.must('build .output/firefox-mv2', () => execFileSync('npx', ['wxt', 'build', '-b', 'firefox'], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, CI: 'true' } }));
  }
  // A browser under automation cannot answer the host-permission prompt, so the test profiles get
  // a copy of the build whose manifest already grants the server's origin, as the user's "Allow"
  // would; permissions.request then resolves at once and the options page runs as it does for a user.
  EXT = grantedCopy(BUILT, 'host_permissions');
  web = await startServer();
  couch = await t.must('pouchdb-server starts on 127.0.0.1', startCouch);
  const dbUrl = `${couch.base}newsroom`;
  // Creating the team's database is the server administrator's job, done before anyone shares.
  await t.must('the team database is created', async () => assert((await fetch(dbUrl, { method: 'PUT' })).ok, 'PUT failed'));
  // The server logs a request after answering it: let the log of the setup requests arrive first.
  await sleep(1000);
  couch.requests = 0;
  const pages = seedPages();
  const urlOf = (i) => `${web.base}${pages[i].file}`;

  const [one, two] = await t.must('two Chromium profiles start with the extension', async () => [
    Object.assign(await launchChromium({ extDir: EXT }), { label: 'Profile one' }),
    Object.assign(await launchChromium({ extDir: EXT }), { label: 'Profile two' }),
  ]);
  drivers.push(one, two);
  const requests = new Map([[one, []], [two, []]]);
  // What the extension itself asks for: its service worker's and its pages' requests (a page the
  // user reads may load its own images from anywhere; that is the page, not Verbatim).
  const fromExtension = (r) => {
    if (r.serviceWorker()) return true;
    try {
      return r.frame().url().startsWith('chrome-extension://');
    } catch {
      return false;
    }
  };
  for (const d of drivers) d.context.on('request', (r) => { if (fromExtension(r)) requests.get(d).push(r.url()); });

  await t.check('with sharing off (the default), reading pages sends no request to any host', async () => {
    await read(t, one, urlOf(PAGE_ONE), 'profile one reads AP');
    await read(t, two, urlOf(PAGE_TWO), 'profile two reads AFP');
    await sleep(2000);
    const foreign = drivers.flatMap((d) => requests.get(d)).filter((u) => !u.startsWith('chrome-extension://'));
    assert(foreign.length === 0, `the extension sent requests: ${foreign.slice(0, 5).join(', ')}`);
    assert(couch.requests === 0, `the sharing server got ${couch.requests} requests: ${couch.log.slice(-400)}`);
    const view = await ask(one, 'getShareView', {});
    assert(view && view.enabled === false && view.status === null, `share view ${JSON.stringify(view)}`);
  });

  await t.check('the options page turns sharing on in both profiles', async () => {
    await setSharing(one, dbUrl, true);
    await setSharing(two, dbUrl, true);
  });

  await t.check('after replication each profile holds the other\'s version', async () => {
    for (const d of drivers) await until(async () => (await outletsOf(d)) === 2, { timeout: REPLICATION_TIMEOUT_MS, interval: 500, what: `${d.label} to hold 2 article versions` });
    // The request log sees the service worker's requests: the check with sharing off could fail.
    for (const d of drivers) assert(requests.get(d).some((u) => u.startsWith(couch.base)), `${d.label}: no request to the server was logged`);
  });

  await t.check('each profile\'s page shows the version the other profile read, graded', async () => {
    for (const [d, own, other] of [[one, PAGE_ONE, PAGE_TWO], [two, PAGE_TWO, PAGE_ONE]]) {
      await read(t, d, urlOf(own), `${d.label} reads its page again`);
      const result = await ask(d, 'getPageResult', { url: urlOf(own) });
      const variants = (result?.quotes ?? []).flatMap((q) => q.variants);
      const fromOther = variants.filter((v) => v.outlet === pages[other].outlet);
      assert(fromOther.length > 0, `${d.label}: no variant from ${pages[other].outlet} (outlets: ${[...new Set(variants.map((v) => v.outlet))].join(', ') || 'none'})`);
      assert(fromOther.every((v) => ['verbatim', 'excerpt', 'minor', 'reworded', 'altered'].includes(v.relation)), `${d.label}: relations ${fromOther.map((v) => v.relation)}`);
      t.log(`   ${d.label}: ${fromOther.length} quote(s) from ${pages[other].outlet}: ${fromOther.map((v) => v.relation).join(', ')}`);
    }
  });

  await t.check('the card on each profile\'s page names the other profile as who shared its version', async () => {
    for (const [d, own, other, by] of [[one, PAGE_ONE, PAGE_TWO, two.label], [two, PAGE_TWO, PAGE_ONE, one.label]]) {
      const result = await ask(d, 'getPageResult', { url: urlOf(own) });
      const quote = (result?.quotes ?? []).find((q) => q.variants.some((v) => v.outlet === pages[other].outlet));
      assert(quote, `${d.label}: no quote with a version from ${pages[other].outlet}`);
      const names = await cardSharers(t, d, urlOf(own), quote.text, `${d.label} card with ${pages[other].outlet}`);
      assert(names.includes(`shared by ${by}`), `${d.label}: the card says ${JSON.stringify(names)}, expected "shared by ${by}"`);
      assert(!names.includes(`shared by ${d.label}`), `${d.label}: its own reading is shown as shared by itself`);
      t.log(`   ${d.label}'s card: ${names.join('; ')}`);
    }
  });

  await t.check('a hostile document on the server is skipped with a note, the rest unchanged', async () => {
    const before = await outletsOf(two);
    const hostile = {
      _id: 'article:x1:https://evil.test/story', type: 'verbatim-article', version: 1,
      article: { canonicalUrl: 'https://evil.test/story', url: 'javascript:alert(1)', outlet: '<img src=x onerror=alert(1)>', byline: null, title: null, published: null, firstSeen: 1, lastSeen: 1, contentHash: 'x1', partial: false },
      quotes: [], speakers: [],
    };
    const res = await fetch(`${dbUrl}/${encodeURIComponent(hostile._id)}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(hostile) });
    assert(res.ok, `PUT ${res.status}`);
    const page = await two.extPage('options.html');
    try {
      const note = await until(() => page.evaluate((id) => [...document.querySelectorAll('#vb-share-skipped li')].map((li) => li.textContent).find((s) => s.includes(id)) ?? null, hostile._id), { timeout: REPLICATION_TIMEOUT_MS, interval: 500, what: 'the skipped note' });
      assert(/article\.url/.test(note), `note: ${note}`);
      await t.shot('options-skipped-note', (f) => page.screenshot(f));
    } finally {
      await page.close();
    }
    assert((await outletsOf(two)) === before, 'the article count changed');
  });

  await t.check('turning sharing off stops both directions', async () => {
    await setSharing(one, dbUrl, false);
    const oneBefore = await outletsOf(one);
    const serverBefore = (await (await fetch(dbUrl)).json()).doc_count;
    await read(t, two, urlOf(PAGE_LATER), 'profile two reads the Post');
    await until(async () => (await (await fetch(dbUrl)).json()).doc_count === serverBefore + 1, { timeout: REPLICATION_TIMEOUT_MS, interval: 500, what: 'profile two to share the Post' });
    await read(t, one, urlOf(1), 'profile one reads the Bulletin with sharing off');
    await sleep(QUIET_MS);
    assert((await outletsOf(one)) === oneBefore + 1, `profile one holds ${await outletsOf(one)} versions, expected only its own new one (${oneBefore + 1})`);
    const after = (await (await fetch(dbUrl)).json()).doc_count;
    assert(after === serverBefore + 1, `the server holds ${after} documents, expected ${serverBefore + 1}`);
  });

  await t.check(`the service worker stopped mid-pull of ${BULK_DOCS} documents resumes on its next start, each document once`, async () => {
    const before = await articlesFromPage(two);
    // Versions of one document already on the server, each under an address of its own.
    const listed = (await (await fetch(`${dbUrl}/_all_docs?include_docs=true&limit=20`)).json()).rows.map((r) => r.doc);
    const seed = listed.find((d) => /^https?:/.test(d.article?.url ?? ''));
    assert(seed, 'no shared article on the server to copy');
    const docs = Array.from({ length: BULK_DOCS }, (_, i) => {
      const canonicalUrl = `https://bulk${i}.test/story`;
      return { ...seed, _id: `article:${seed.article.contentHash}:${canonicalUrl}`, _rev: undefined, article: { ...seed.article, canonicalUrl, url: canonicalUrl, outlet: `Bulk ${i}` } };
    });
    const res = await fetch(`${dbUrl}/_bulk_docs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ docs }) });
    assert(res.ok, `_bulk_docs ${res.status}`);
    const midway = await until(async () => {
      const n = await within(10000, 'reading the store', articlesFromPage(two));
      return n > before ? n : null;
    }, { timeout: REPLICATION_TIMEOUT_MS, interval: 100, what: 'profile two to start merging' });
    const page = await two.extPage('options.html');
    try {
      await within(10000, 'stopping the service worker', two.stopBackground(page));
    } finally {
      await page.close();
    }
    const atStop = await within(10000, 'reading the store', articlesFromPage(two));
    t.log(`   stopped the service worker with ${midway - before} then ${atStop - before} of ${BULK_DOCS} merged`);
    assert(atStop < before + BULK_DOCS, 'the pull was over before the worker was stopped: nothing to resume');
    // The worker's next start: an extension page asks the background something.
    await within(20000, 'waking the worker', ask(two, 'getShareView', {}));
    await until(async () => (await within(10000, 'reading the store', articlesFromPage(two))) >= before + BULK_DOCS, { timeout: 3 * REPLICATION_TIMEOUT_MS, interval: 1000, what: `profile two to hold all ${BULK_DOCS} new versions` });
    await sleep(2000);
    const after = await articlesFromPage(two);
    assert(after === before + BULK_DOCS, `profile two holds ${after} versions, expected ${before + BULK_DOCS}`);
  });

  if (BROWSERS.includes('firefox')) {
    // Firefox ESR: the same exchange between two profiles of its own (MV2, a background page), on a
    // database of its own. The request log, the card's insides and the stopped worker are
    // Chromium's checks above.
    for (const d of drivers.splice(0)) await d.close().catch(() => {});
    EXT_FIREFOX = grantedCopy(BUILT_FIREFOX, 'permissions');
    const ffDb = `${couch.base}newsroom-firefox`;
    await t.must('the Firefox team database is created', async () => assert((await fetch(ffDb, { method: 'PUT' })).ok, 'PUT failed'));
    const [fa, fb] = await t.must('two Firefox ESR profiles start with the add-on', async () => [
      Object.assign(await launchFirefox({ extDir: EXT_FIREFOX }), { label: 'Firefox one' }),
      Object.assign(await launchFirefox({ extDir: EXT_FIREFOX }), { label: 'Firefox two' }),
    ]);
    drivers.push(fa, fb);
    await t.check('Firefox: each profile reads its page, turns sharing on and ends with the other\'s version, graded and named', async () => {
      await read(t, fa, urlOf(PAGE_ONE), 'Firefox one reads AP');
      await read(t, fb, urlOf(PAGE_TWO), 'Firefox two reads AFP');
      await setSharing(fa, ffDb, true);
      await setSharing(fb, ffDb, true);
      for (const d of [fa, fb]) await until(async () => (await outletsOf(d)) === 2, { timeout: REPLICATION_TIMEOUT_MS, interval: 500, what: `${d.label} to hold 2 article versions` });
      for (const [d, own, other, by] of [[fa, PAGE_ONE, PAGE_TWO, fb.label], [fb, PAGE_TWO, PAGE_ONE, fa.label]]) {
        await read(t, d, urlOf(own), `${d.label} reads its page again`);
        const result = await ask(d, 'getPageResult', { url: urlOf(own) });
        const variants = (result?.quotes ?? []).flatMap((q) => q.variants ?? []);
        const fromOther = variants.filter((v) => v?.outlet === pages[other].outlet);
        assert(fromOther.length > 0, `${d.label}: no variant from ${pages[other].outlet} (${result?.quotes?.length ?? 'no'} quotes, ${variants.length} variants, reply ${JSON.stringify(result).slice(0, 200)})`);
        assert(fromOther.every((v) => v.relation && v.sharedBy === by), `${d.label}: ${JSON.stringify(fromOther.map((v) => [v.relation, v.sharedBy]))}`);
        t.log(`   ${d.label}: ${fromOther.length} quote(s) from ${pages[other].outlet}, shared by ${by}: ${fromOther.map((v) => v.relation).join(', ')}`);
      }
    });
    await t.check('Firefox: turning sharing off stops both directions', async () => {
      await setSharing(fa, ffDb, false);
      const before = await outletsOf(fa);
      const serverBefore = (await (await fetch(ffDb)).json()).doc_count;
      await read(t, fb, urlOf(PAGE_LATER), 'Firefox two reads the Post');
      await until(async () => (await (await fetch(ffDb)).json()).doc_count === serverBefore + 1, { timeout: REPLICATION_TIMEOUT_MS, interval: 500, what: 'Firefox two to share the Post' });
      await read(t, fa, urlOf(1), 'Firefox one reads the Bulletin with sharing off');
      await sleep(QUIET_MS);
      assert((await outletsOf(fa)) === before + 1, `Firefox one holds ${await outletsOf(fa)} versions, expected ${before + 1}`);
      assert((await (await fetch(ffDb)).json()).doc_count === serverBefore + 1, 'Firefox one shared with sharing off');
    });
  }
} catch (err) {
  if (!(err instanceof FatalError)) t.fail('share suite', err instanceof Error ? err.stack ?? err.message : String(err));
} finally {
  for (const d of drivers) await d.close().catch(() => {});
  await couch?.close?.().catch(() => {});
  await web?.close();
  for (const dir of [EXT, EXT_FIREFOX]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
  t.end();
}
console.log(`\n[share] ${t.passed} passed, ${t.failed} failed in ${t.seconds.toFixed(1)} s`);
for (const f of t.failures) console.log(`  - ${f}`);
console.log(`e2e-share: ${t.passed} passed, ${t.failed} failed`);
if (t.failed > 0) process.exitCode = 1;
