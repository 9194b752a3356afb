// Checks on the shipped build, the one users install: its bundle carries no test hooks, a page's
// scripts cannot read what the extension knows from the reader's history, and hostile pages end
// in an honest state without errors. Only what a page itself can see is read here (the host's
// attributes, the page's own window), plus the popup, as the reader would see it.
import fs from 'node:fs';
import path from 'node:path';
import { assert, until, sleep } from './harness.mjs';
import { HOSTILE_EXPECTATIONS, BUSY_PAGE } from './hostile-pages.mjs';

/** Strings that only test builds may contain. */
const TEST_HOOKS = ['__verbatimDb', 'verbatim-fallback'];
const STATUS_WORDS = /\b(new|same|reworded|altered|conflict)\b/;
const HOSTILE_TIMEOUT_MS = 120000;

function jsFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? jsFiles(p) : e.name.endsWith('.js') ? [p] : [];
  });
}

/** The shipped bundle: no test hook, and the overlay's shadow root is created closed. */
export async function checkBundle(t, outDir) {
  await t.check(`${outDir}: no test hooks in the shipped bundle`, () => {
    const files = jsFiles(outDir);
    assert(files.length > 0, 'no .js files');
    for (const f of files) {
      const code = fs.readFileSync(f, 'utf8');
      for (const hook of TEST_HOOKS) assert(!code.includes(hook), `${path.relative(outDir, f)} contains ${hook}`);
    }
    // the content script's main part (page-main.js) creates the overlay
    const main = fs.readFileSync(path.join(outDir, 'page-main.js'), 'utf8');
    assert(/shadowMode:\s*[`'"]closed[`'"]/.test(main), 'the content script does not create its shadow root closed');
  });
}

function hostState() {
  const host = document.querySelector('verbatim-root');
  const state = host?.getAttribute('data-state');
  if (!state || state === 'waiting') return null;
  return { state, count: Number(host.getAttribute('data-quote-count')) };
}

async function settledState(page, timeout) {
  return until(() => page.evaluate(hostState), { timeout, interval: 250, what: 'data-state' });
}

/** Letters of the page (one point per character) under which the extension's host lies. */
function lettersCovered() {
  const host = document.querySelector('verbatim-root');
  const covered = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (let i = 0; i < node.data.length; i++) {
      if (/\s/.test(node.data[i])) continue;
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const r = range.getClientRects()[0];
      if (!r || r.bottom < 0 || r.top > innerHeight) continue;
      // the letter's body, not the slack of its line box
      for (const [x, y] of [[r.left + r.width / 2, r.top + r.height * 0.3], [r.left + r.width / 2, r.top + r.height * 0.7]]) {
        if (document.elementFromPoint(x, y) === host) covered.push(node.data.slice(Math.max(0, i - 8), i + 8));
      }
    }
  }
  return covered;
}

/** Points of the viewport (an 8 px grid) where the extension's host shows. */
function viewportShowing() {
  const host = document.querySelector('verbatim-root');
  let n = 0;
  for (let y = 0; y < innerHeight; y += 8) for (let x = 0; x < innerWidth; x += 8) if (document.elementFromPoint(x, y) === host) n++;
  return n;
}

/** Jumps to the first quote (an opening mark) past `share` of the page's height, its paragraph
 *  centred in the view, as a key or the scrollbar would; false when none is there. */
function jumpToQuote(share) {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const past = document.documentElement.scrollHeight * share;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || !node.data.includes('“') || el.closest('verbatim-root')) continue;
    if (el.getBoundingClientRect().top + scrollY < past) continue;
    el.scrollIntoView({ block: 'center' });
    return true;
  }
  return false;
}

/** Quotes in view with the extension's host (a marker) showing beside their first letter: on a
 *  3 MB page a grid over the whole view takes seconds of hit tests, and markers sit beside the quote. */
function markedQuotesInView() {
  const host = document.querySelector('verbatim-root');
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  let marked = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.data.indexOf('“');
    if (at < 0) continue;
    range.setStart(node, at);
    range.setEnd(node, at + 1);
    const r = range.getClientRects()[0];
    if (!r || r.bottom < 0 || r.top > innerHeight) continue;
    let hit = false;
    for (let x = r.left - 48; x < r.left && !hit; x += 4) for (let y = r.top; y <= r.bottom && !hit; y += 4) hit = document.elementFromPoint(x, y) === host;
    if (hit) marked++;
  }
  return marked;
}

/** Per-status counts the popup shows for a page, as the reader sees them. */
async function popupCounts(driver, url) {
  const popup = await driver.extPage(`popup.html?url=${encodeURIComponent(url)}`);
  try {
    return await until(() => popup.evaluate(() => {
      const els = [...document.querySelectorAll('[data-count-status]')];
      if (document.querySelector('#vb-popup')?.getAttribute('aria-busy') === 'true' || !els.length) return null;
      return Object.fromEntries(els.map((e) => [e.getAttribute('data-count-status'), Number(e.textContent.trim())]));
    }), { timeout: 15000, what: 'popup counts' });
  } finally {
    await popup.close();
  }
}

/** A page that snoops: after the reader has read the AP story, the Washington Post's page tries to learn it. */
async function snoopingPage(t, driver, page, { base, pages }) {
  const earlier = pages[0];
  const snooped = pages[2];
  const url = `${base}snoop/${snooped.file}`;
  await t.check('snooping page: sees no status, no card, no other outlet, though the reader has history', async () => {
    await page.goto(base + earlier.file);
    assert((await settledState(page, 45000)).state === 'done', 'the earlier story was not analysed');
    await page.goto(url);
    assert((await settledState(page, 45000)).state === 'done', 'the snooping page was not analysed');
    const raw = await until(() => page.evaluate(() => window.__snoop ?? null), { timeout: 15000, what: 'the snooper to finish' });
    const counts = await popupCounts(driver, url);
    t.log(`   popup: ${JSON.stringify(counts)}; page saw ${raw.slice(0, 300)}`);
    assert((counts.reworded ?? 0) + (counts.altered ?? 0) > 0, 'no reworded quote: the test has no history to protect');
    const seen = JSON.parse(raw);
    for (const s of [seen.before, seen.after]) {
      assert(s.shadow === null, `the page read the shadow root: ${String(s.shadow).slice(0, 80)}`);
      assert(s.hostChildren === 0, `the host has ${s.hostChildren} light-DOM children`);
      const names = Object.keys(s.highlights);
      assert(names.every((n) => !STATUS_WORDS.test(n.replace(/^verbatim-/, ''))), `highlight names tell statuses: ${names.join(', ')}`);
    }
    assert(JSON.stringify(seen.before) === JSON.stringify(seen.after), 'clicks by the page changed what it can see');
    assert(!raw.includes(earlier.file.split('/')[0]) && !raw.includes(earlier.outlet), 'the page saw the earlier outlet');
    assert(page.errors.length === 0, page.errors.slice(0, 3).join(' | '));
  });
}

/** Chromium stops an extension's service worker when it likes; a page analysed meanwhile still ends done. */
async function backgroundStopped(t, driver, page, base) {
  if (!driver.stopBackground) return;
  await t.check('the background stopped mid-page: the page retries and ends done', async () => {
    page.errors.length = 0;
    await page.goto(base + BUSY_PAGE);
    await until(() => page.evaluate(() => document.querySelector('verbatim-root')?.getAttribute('data-state') === 'waiting'), { timeout: 15000, what: 'the analysis to start' });
    await sleep(1500);
    assert(await page.evaluate(() => document.querySelector('verbatim-root')?.getAttribute('data-state') === 'waiting'), 'the analysis ended before the worker could be stopped');
    await driver.stopBackground(page);
    const st = await settledState(page, HOSTILE_TIMEOUT_MS);
    assert(st.state === 'done', `data-state ${st.state}`);
    assert(st.count > 0, `${st.count} quotes`);
    assert(page.errors.length === 0, page.errors.slice(0, 3).join(' | '));
  });
}

export async function runShipped(t, driver, { base, pages }) {
  const page = await driver.newPage();
  try {
    await snoopingPage(t, driver, page, { base, pages });
    await backgroundStopped(t, driver, page, base);
    for (const h of HOSTILE_EXPECTATIONS) {
      await t.check(`hostile page: ${h.what}`, async () => {
        page.errors.length = 0;
        const t0 = Date.now();
        await page.goto(base + h.path);
        await settledState(page, HOSTILE_TIMEOUT_MS);
        // a page may still change after the first answer: judge the state once it has settled
        await sleep(2000);
        const st = await settledState(page, HOSTILE_TIMEOUT_MS);
        t.log(`   ${h.path}: ${st.state}, ${st.count} quotes, ${((Date.now() - t0) / 1000).toFixed(1)} s`);
        assert(h.state.includes(st.state), `data-state ${st.state}`);
        assert(st.count >= h.minQuotes, `${st.count} quotes`);
        if (h.statements !== undefined) {
          const counts = await popupCounts(driver, base + h.path);
          const statements = ['new', 'same', 'reworded', 'altered', 'conflict'].reduce((a, s) => a + (counts[s] ?? 0), 0);
          assert(statements === h.statements, `the popup counts ${statements} statements (${JSON.stringify(counts)}), expected ${h.statements}`);
        }
        if (h.look === 'letters') {
          const covered = await page.evaluate(lettersCovered);
          assert(covered.length === 0, `${covered.length} letter points under a marker: ${JSON.stringify(covered.slice(0, 4))}`);
        } else if (h.look === 'viewport') {
          const showing = await page.evaluate(viewportShowing);
          assert(showing === 0, `the extension shows at ${showing} points over a hidden article`);
        }
        if (h.jump) {
          // the markers near the old view are far now: the ones around the new view must come
          assert(await page.evaluate(jumpToQuote, 0.6), 'no quote past 60% of the page');
          await until(async () => ((await page.evaluate(markedQuotesInView)) > 0 ? true : null), { timeout: 15000, interval: 250, what: 'a marker beside a quote in view after the jump' });
        }
        assert(page.errors.length === 0, page.errors.slice(0, 3).join(' | '));
      });
      await t.shot(`hostile-${h.path.split('/')[0]}`, (f) => page.screenshot(f));
    }
  } finally {
    await page.close();
  }
}
