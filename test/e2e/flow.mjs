// The end-to-end flow, the same in both browsers. A browser driver (chromium.mjs, firefox.mjs)
// supplies pages with one small interface:
//   page: goto(url), evaluate(fn, arg), screenshot(file), press(key), click(x, y),
//         setInputFile(selector, file), close(), errors[] (console errors + page errors), dialogs[]
//   driver: newPage(), extPage(pathAndQuery), readDb(), download(page, selector, dir),
//           freshProfile(), close()
import fs from 'node:fs';
import path from 'node:path';
import { assert, until, sleep } from './harness.mjs';

const STATE_TIMEOUT_MS = 45000;
const STATEMENT_STATUSES = ['new', 'same', 'reworded', 'altered', 'conflict'];
/** Seed pages (visit order) that quote Netanyahu's "do it alone" words after an earlier outlet did:
 *  the Washington Post and AFP. The Globe and Mail roundup (index 3) is from February. */
const CARD_PAGES = [2, 4];

// ---- functions evaluated in the page (self-contained) -------------------------------------------

function pageState() {
  const host = document.querySelector('verbatim-root');
  const state = host?.getAttribute('data-state');
  if (!state || state === 'waiting') return null;
  return { state, count: Number(host.getAttribute('data-quote-count')), mode: host.getAttribute('data-highlight-mode') };
}

export function pageInfo() {
  const hosts = document.querySelectorAll('verbatim-root');
  const sr = hosts[0]?.shadowRoot;
  const highlights = {};
  if (globalThis.CSS?.highlights) {
    for (const [name, hl] of CSS.highlights) if (String(name).startsWith('verbatim-')) highlights[name] = hl.size;
  }
  const markers = sr
    ? [...sr.querySelectorAll('button.vb-marker')].map((m) => ({
        id: m.getAttribute('data-quote-id'),
        status: m.getAttribute('data-status'),
        label: m.getAttribute('aria-label') ?? '',
        tabIndex: m.tabIndex,
      }))
    : [];
  return {
    hosts: hosts.length,
    shadowOpen: !!sr,
    highlights,
    markers,
    boxes: sr ? sr.querySelectorAll('.vb-box').length : 0,
    // anything in our UI that could run or load page-supplied markup
    injected: sr ? sr.querySelectorAll('img, script, iframe, object, embed, svg [onload], [onerror], [onload]').length : -1,
    pageImgs: document.querySelectorAll('img').length,
  };
}

/** Scrolls a marker into view and returns its centre in viewport coordinates. */
export function markerPoint(id) {
  const sr = document.querySelector('verbatim-root')?.shadowRoot;
  const m = sr?.querySelector(`button.vb-marker[data-quote-id="${id}"]`);
  if (!m) return null;
  m.scrollIntoView({ block: 'center', inline: 'nearest' });
  const r = m.getBoundingClientRect();
  return { x: r.left + r.width / 2, y: r.top + r.height / 2, w: r.width, h: r.height };
}

function focusMarker(id) {
  const sr = document.querySelector('verbatim-root')?.shadowRoot;
  const m = sr?.querySelector(`button.vb-marker[data-quote-id="${id}"]`);
  if (!m) return false;
  m.scrollIntoView({ block: 'center' });
  m.focus();
  return sr.activeElement === m;
}

function cardInfo() {
  const sr = document.querySelector('verbatim-root')?.shadowRoot;
  const card = sr?.querySelector('.vb-card');
  if (!card) return null;
  const r = card.getBoundingClientRect();
  return {
    id: card.getAttribute('data-quote-id'),
    role: card.getAttribute('role'),
    speaker: card.querySelector('.vb-speaker')?.textContent?.trim() ?? null,
    thisText: card.querySelector('.vb-this')?.textContent?.trim() ?? null,
    imgs: card.querySelectorAll('img, script, iframe').length,
    rect: { top: r.top, bottom: r.bottom, left: r.left, right: r.right },
    variants: [...card.querySelectorAll('.vb-variant')].map((v) => ({
      outlet: v.querySelector('.vb-outlet')?.textContent?.trim() ?? null,
      date: v.querySelector('.vb-date')?.textContent?.trim() ?? null,
      link: v.querySelector('a.vb-link')?.getAttribute('href') ?? null,
      relation: v.querySelector('.vb-relation')?.textContent?.trim() ?? null,
      earliest: !!v.querySelector('.vb-earliest') || v.classList.contains('vb-earliest'),
      ins: v.querySelectorAll('.vb-diff ins').length,
      del: v.querySelectorAll('.vb-diff del').length,
    })),
  };
}

/** Scrolls the open card to its first version drawn in `layout` (QuoteDiff's vb-qd-inline / vb-qd-columns). */
function scrollCardTo(layout) {
  const card = document.querySelector('verbatim-root')?.shadowRoot?.querySelector('.vb-card');
  const v = card && [...card.querySelectorAll('.vb-variant')].find((x) => x.querySelector(`.vb-qd-${layout}`));
  if (!v) return false;
  card.scrollTop = Math.max(0, v.offsetTop - 8);
  return true;
}

/** Finds the quote's words on the page and returns a point inside them (scrolled into view). */
export function quoteTextPoint(text) {
  const words = text.replace(/\s+/g, ' ').trim();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let len = Math.min(40, words.length); len >= 10; len -= 5) {
    const needle = words.slice(0, len);
    walker.currentNode = document.body;
    while (walker.nextNode()) {
      const node = walker.currentNode;
      // the page source wraps lines: match the words across any run of whitespace
      const re = new RegExp(needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'));
      const m = re.exec(node.data);
      if (!m || node.parentElement?.closest('a, verbatim-root')) continue;
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, Math.min(node.data.length, m.index + Math.min(m[0].length, 12)));
      node.parentElement.scrollIntoView({ block: 'center' });
      const r = range.getClientRects()[0];
      if (r) return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    }
  }
  return null;
}

/** Scrolls so that the first highlighted statement (a marker) is in view, for screenshots. */
function scrollToMarker(id) {
  const sr = document.querySelector('verbatim-root')?.shadowRoot;
  const m = id ? sr?.querySelector(`button.vb-marker[data-quote-id="${id}"]`) : sr?.querySelector('button.vb-marker');
  if (m) m.scrollIntoView({ block: 'center' });
  else window.scrollTo(0, 0);
  return !!m;
}

// ---- helpers -------------------------------------------------------------------------------------

export async function waitState(page, what) {
  return until(() => page.evaluate(pageState), { timeout: STATE_TIMEOUT_MS, interval: 250, what });
}

/** Time for a scroll to reach the extension and its markers to be drawn (a frame or two, on a busy machine). */
const SCROLL_SETTLE_MS = 250;

/**
 * Markers are drawn for the quotes near the view only: scrolls through the page a screen at a time
 * and calls `look` after each step; stops when it answers something other than null/undefined.
 */
async function scrollThrough(page, look) {
  const { height, screen } = await page.evaluate(() => ({ height: document.documentElement.scrollHeight, screen: innerHeight }));
  for (let y = 0; ; y += screen) {
    await page.evaluate((to) => window.scrollTo(0, to), y);
    await sleep(SCROLL_SETTLE_MS);
    const found = await look();
    if (found != null) return found;
    if (y + screen >= height) return null;
  }
}

/** pageInfo() with every marker of the page, gathered by scrolling through it (in the order first seen),
 *  and the most ranges each highlight held on the way (it holds the quotes near the view); ends at the top. */
export async function pageInfoAll(page) {
  const byId = new Map();
  const highlights = {};
  let info = null;
  await scrollThrough(page, async () => {
    info = await page.evaluate(pageInfo);
    for (const m of info.markers) if (!byId.has(m.id)) byId.set(m.id, m);
    for (const [name, n] of Object.entries(info.highlights)) highlights[name] = Math.max(highlights[name] ?? 0, n);
    return null;
  });
  await page.evaluate(() => window.scrollTo(0, 0));
  await sleep(SCROLL_SETTLE_MS);
  return { ...info, highlights, markers: [...byId.values()] };
}

/** markerPoint() for a marker anywhere on the page: scrolls until its quote is near enough to have it. */
export async function findMarker(page, id) {
  return (await page.evaluate(markerPoint, id)) ?? scrollThrough(page, () => page.evaluate(markerPoint, id));
}

export async function waitCard(page, present = true) {
  return until(async () => {
    const c = await page.evaluate(cardInfo);
    return present ? c : c === null ? 'closed' : null;
  }, { timeout: 8000, interval: 150, what: present ? '.vb-card to open' : '.vb-card to close' });
}

function isNetanyahu(marker) {
  return /netanyahu/i.test(marker.label);
}

export function netanyahuReworded(info) {
  return info.markers.find((m) => isNetanyahu(m) && (m.status === 'reworded' || m.status === 'altered'));
}

// ---- the flow ------------------------------------------------------------------------------------

/**
 * @param {import('./harness.mjs').Suite} t
 * @param {any} driver
 * @param {{ base: string, pages: any[], artifacts: string, counts?: Map<string, { browser: string, count: number, markers: number }> }} env
 */
/** Import a file through the quote log's file picker; the result line once it shows, asserted ok. */
export async function importInLog(t, log, file) {
  await until(() => log.evaluate(() => !!document.querySelector('#vb-import')), { timeout: 15000, what: '#vb-import' });
  await log.setInputFile('#vb-import', file);
  const res = await until(() => log.evaluate(() => {
    const r = document.querySelector('#vb-import-result');
    const text = r?.textContent?.trim();
    return text ? { text, ok: r.classList.contains('vb-ok') } : null;
  }), { timeout: 20000, what: '#vb-import-result' });
  t.log(`   import result: ${res.text}`);
  assert(res.ok, `import failed: ${res.text}`);
  return res;
}

export async function runFlow(t, driver, env) {
  const { base, pages } = env;
  const seen = []; // { page, url, state, info }
  const page = await driver.newPage();

  // 1. the five seed pages, in order, in one profile
  for (const [i, p] of pages.entries()) {
    const url = base + p.file;
    const host = p.file.split('/')[0];
    const visit = await t.check(`${host}: analysis finishes (data-state=done)`, async () => {
      await page.goto(url);
      const st = await waitState(page, `<verbatim-root data-state> on ${host}`);
      assert(st.state === 'done', `data-state is "${st.state}"`);
      assert(st.count > 0, `data-quote-count is ${st.count}`);
      return st;
    });
    if (!visit) { seen.push({ page: p, url, state: null, info: null }); continue; }
    // markers are placed after the next layout
    await sleep(300);
    const info = await pageInfoAll(page);
    seen.push({ page: p, url, state: visit, info });
    await t.check(`${host}: one host element with an open shadow root, mode ${visit.mode}`, () => {
      assert(info.hosts === 1, `${info.hosts} <verbatim-root> elements`);
      assert(info.shadowOpen, 'no open shadow root');
      assert(visit.mode === 'highlight', `data-highlight-mode is "${visit.mode}"`);
    });
    await t.check(`${host}: CSS.highlights has verbatim-* entries and one marker per statement`, () => {
      const names = Object.keys(info.highlights);
      assert(names.length > 0, 'no verbatim-* highlight registered');
      const ranges = Object.values(info.highlights).reduce((a, b) => a + b, 0);
      assert(ranges > 0, `highlights hold ${ranges} ranges`);
      assert(info.markers.length > 0, 'no button.vb-marker');
      assert(info.markers.length <= visit.count, `${info.markers.length} markers for ${visit.count} quotes`);
      assert(info.markers.every((m) => m.tabIndex >= 0 && m.label), 'a marker is not reachable with Tab or has no label');
      t.log(`   ${visit.count} quotes, ${info.markers.length} markers, highlights ${JSON.stringify(info.highlights)}`);
    });
    if (env.counts) {
      const first = env.counts.get(host);
      if (!first) env.counts.set(host, { browser: driver.name, count: visit.count, markers: info.markers.length });
      else {
        await t.check(`${host}: same quotes and markers as in ${first.browser}`, () => {
          assert(visit.count === first.count && info.markers.length === first.markers,
            `${visit.count} quotes / ${info.markers.length} markers here, ${first.count} / ${first.markers} in ${first.browser}`);
        });
      }
    }
    await t.check(`${host}: no console errors or page errors`, () => {
      assert(page.errors.length === 0, page.errors.slice(0, 3).join(' | '));
    });
    if (CARD_PAGES.includes(i)) {
      await t.check(`${host}: the Netanyahu quote is marked reworded or altered`, () => {
        const nq = info.markers.filter(isNetanyahu).map((x) => `${x.id}:${x.status}`);
        assert(netanyahuReworded(info), `Netanyahu markers: ${nq.join(', ') || 'none'}`);
      });
    }
    const focus = netanyahuReworded(info) ?? info.markers.find(isNetanyahu) ?? info.markers[0];
    if (focus) await findMarker(page, focus.id);
    await page.evaluate(scrollToMarker, focus?.id ?? null);
    await sleep(200);
    await t.shot(`page-${host}`, (f) => page.screenshot(f));
  }

  // 2. the variants card on the last pages: click, keyboard, Esc, click on the quote text
  const earlierOutlets = (k) => pages.slice(0, k).map((p) => p.outlet);
  for (const k of CARD_PAGES) {
    const s = seen[k];
    if (!s?.info) continue;
    const host = s.page.file.split('/')[0];
    const m = netanyahuReworded(s.info);
    if (!m) { t.fail(`${host}: variants card`, 'no reworded/altered Netanyahu marker to open'); continue; }
    await page.goto(s.url);
    await waitState(page, `state on ${host}`).catch(() => null);
    await sleep(300);
    const card = await t.check(`${host}: clicking the Netanyahu marker opens the card with earlier versions and word diffs`, async () => {
      const pt = await findMarker(page, m.id);
      assert(pt, `marker ${m.id} not found after reload`);
      await sleep(150);
      const pt2 = await page.evaluate(markerPoint, m.id);
      await page.click(pt2.x, pt2.y);
      const c = await waitCard(page);
      assert(c.role === 'dialog', `card role is ${c.role}`);
      assert(c.variants.length > 0, 'no .vb-variant');
      assert(c.variants.some((v) => v.ins + v.del > 0), 'no <ins>/<del> in any .vb-diff');
      const outlets = c.variants.map((v) => v.outlet);
      const before = earlierOutlets(k);
      assert(outlets.some((o) => before.includes(o)), `variant outlets ${JSON.stringify(outlets)} include none of ${JSON.stringify(before)}`);
      assert(outlets.every((o) => before.includes(o) || pages.some((p) => p.outlet === o)), `unknown outlet in ${JSON.stringify(outlets)}`);
      assert(c.variants.every((v) => v.relation), 'a variant has no relation label');
      assert(c.variants.filter((v) => v.earliest).length === 1, `${c.variants.filter((v) => v.earliest).length} variants marked earliest`);
      assert(/netanyahu/i.test(c.speaker ?? ''), `speaker is "${c.speaker}"`);
      assert(c.imgs === 0, 'card holds img/script/iframe');
      t.log(`   card ${c.id}: ${c.variants.map((v) => `${v.outlet} (${v.relation}, +${v.ins}/-${v.del}${v.earliest ? ', earliest' : ''})`).join('; ')}`);
      return c;
    });
    await t.shot(`card-click-${host}`, (f) => page.screenshot(f));
    // The card scrolled to its first version shown in each layout: an excerpt or small change
    // inline, a rewording side by side.
    for (const layout of ['inline', 'columns']) {
      if (card && (await page.evaluate(scrollCardTo, layout))) await t.shot(`card-${layout}-${host}`, (f) => page.screenshot(f));
    }
    if (card) {
      await t.check(`${host}: Esc closes the card`, async () => {
        await page.press('Escape');
        await waitCard(page, false);
      });
      await t.check(`${host}: Enter on the focused marker opens the card`, async () => {
        assert(await findMarker(page, m.id), `marker ${m.id} not found`);
        assert(await page.evaluate(focusMarker, m.id), 'could not focus the marker');
        await page.press('Enter');
        const c = await waitCard(page);
        assert(c.variants.length === card.variants.length, `${c.variants.length} variants by keyboard, ${card.variants.length} by click`);
      });
      await t.shot(`card-keyboard-${host}`, (f) => page.screenshot(f));
      await page.press('Escape');
      await waitCard(page, false).catch(() => {});
      if (card.thisText) {
        await t.check(`${host}: clicking the highlighted quote text opens the card`, async () => {
          const pt = await page.evaluate(quoteTextPoint, card.thisText);
          assert(pt, 'quote text not found on the page');
          await page.click(pt.x, pt.y);
          const c = await waitCard(page);
          assert(c.variants.length > 0, 'card without variants');
          await page.press('Escape');
          await waitCard(page, false);
        });
      }
    }
    await t.check(`${host}: no console errors after opening cards`, () => {
      assert(page.errors.length === 0, page.errors.slice(0, 3).join(' | '));
    });
  }

  // 3. what the background stored, read from IndexedDB directly
  const totalQuotes = seen.reduce((a, s) => a + (s.state?.count ?? 0), 0);
  const db = await t.check('IndexedDB holds the five articles and their quotes', async () => {
    const counts = await driver.readDb();
    t.log(`   IndexedDB "verbatim": ${JSON.stringify(counts)}; quotes shown on pages: ${totalQuotes}`);
    assert(counts.articles >= pages.length, `${counts.articles} article rows`);
    assert(counts.quotes >= totalQuotes, `${counts.quotes} quote rows < ${totalQuotes} quotes shown`);
    return counts;
  });
  void db;
  // The quote log's summaries are written by the background once no page has been analysed for a
  // moment (lib/store/pending-groups.ts), not by the log: nothing has opened the log yet.
  await t.check('the background writes the quote log summaries after the pages', async () => {
    const counts = await until(async () => {
      const c = await driver.readDb();
      return c.pendingGroups === 0 && c.groups > 0 ? c : null;
    }, { timeout: 45000, interval: 500, what: 'no pending group summaries' });
    t.log(`   ${counts.groups} group summaries, none pending`);
  });

  // 4. popup for the last page: counts match the page
  const last = seen[seen.length - 1];
  if (last?.info) {
    const popup = await driver.extPage(`popup.html?url=${encodeURIComponent(last.url)}`);
    await t.check('popup: per-status counts match the markers on the page', async () => {
      const counts = await until(() => popup.evaluate(() => {
        const root = document.querySelector('#vb-popup');
        if (!root || root.getAttribute('aria-busy') === 'true') return null;
        const els = [...document.querySelectorAll('[data-count-status]')];
        if (!els.length) return null;
        const out = {};
        for (const e of els) out[e.getAttribute('data-count-status')] = Number(e.textContent.trim());
        out._rows = document.querySelectorAll('.vb-popup-quote').length;
        out._statusesOfRows = [...document.querySelectorAll('.vb-popup-quote')].map((r) => r.getAttribute('data-status'));
        return out;
      }), { timeout: 15000, what: 'popup counts' });
      const statements = STATEMENT_STATUSES.reduce((a, s) => a + (counts[s] ?? 0), 0);
      t.log(`   popup counts ${JSON.stringify(counts)}; page markers ${last.info.markers.length}`);
      assert(statements === last.info.markers.length, `popup counts ${statements} statements, page has ${last.info.markers.length} markers`);
      assert(counts._rows === statements, `${counts._rows} .vb-popup-quote rows for ${statements} statements`);
      for (const s of STATEMENT_STATUSES) {
        const onPage = last.info.markers.filter((m) => m.status === s).length;
        assert((counts[s] ?? 0) === onPage, `${s}: popup ${counts[s]}, page ${onPage}`);
      }
      // flagged first
      const rank = (s) => (['altered', 'conflict', 'reworded'].includes(s) ? 0 : 1);
      const ranks = counts._statusesOfRows.map(rank);
      assert(ranks.every((r, i) => i === 0 || ranks[i - 1] <= r), `rows not flagged-first: ${counts._statusesOfRows.join(',')}`);
    });
    await t.check('popup: pause switches and the log link exist', () => popup.evaluate(() => {
      const ok = !!document.querySelector('#vb-pause-site') && !!document.querySelector('#vb-pause-all') && !!document.querySelector('a#vb-open-log');
      if (!ok) throw new Error('missing #vb-pause-site / #vb-pause-all / a#vb-open-log');
      return ok;
    }));
    await t.shot('popup', (f) => popup.screenshot(f));
    await popup.close();
  }

  // 5. the quote log: groups, detail view, exports
  const log = await driver.extPage('quotes.html');
  const groupCount = await t.check('quote log: lists statement groups', async () => {
    const n = await until(() => log.evaluate(() => {
      const el = document.querySelector('#vb-group-count');
      const groups = document.querySelectorAll('.vb-group').length;
      if (!el || !groups) return null;
      return { count: el.textContent.trim(), groups };
    }), { timeout: 15000, what: '#vb-group-count and .vb-group' });
    t.log(`   #vb-group-count = ${n.count}, .vb-group in DOM = ${n.groups}`);
    assert(/^\d+\+?$/.test(n.count) && parseInt(n.count, 10) > 0, `#vb-group-count "${n.count}"`);
    return n.count;
  });
  await t.shot('quote-log', (f) => log.screenshot(f));
  await t.check('quote log: search narrows to the Netanyahu statement and the detail view shows versions with diffs', async () => {
    await log.evaluate(() => {
      const input = document.querySelector('#vb-search');
      input.focus();
      input.value = 'do it alone';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    const n = await until(() => log.evaluate(() => {
      const g = [...document.querySelectorAll('.vb-group')];
      return g.length > 0 && g.length < 5 && g.some((x) => /alone|ourselves/i.test(x.textContent)) ? g.length : null;
    }), { timeout: 8000, what: 'search results' });
    await log.evaluate(() => {
      const g = [...document.querySelectorAll('.vb-group')].find((x) => /alone|ourselves/i.test(x.textContent));
      g.click();
    });
    const detail = await until(() => log.evaluate(() => {
      const d = document.querySelector('.vb-detail');
      if (!d) return null;
      return { text: d.textContent, ins: d.querySelectorAll('ins').length, del: d.querySelectorAll('del').length };
    }), { timeout: 8000, what: '.vb-detail' });
    t.log(`   ${n} group(s) for "do it alone"; detail has ${detail.ins} <ins>, ${detail.del} <del>`);
    assert(detail.ins + detail.del > 0, 'no diff in the detail view');
    const outlets = pages.filter((p) => detail.text.includes(p.outlet)).map((p) => p.outlet);
    assert(outlets.length >= 2, `detail names outlets ${JSON.stringify(outlets)}`);
  });
  await t.shot('quote-log-detail', (f) => log.screenshot(f));
  for (const layout of ['inline', 'columns']) {
    const found = await log.evaluate((l) => {
      const v = [...document.querySelectorAll('.vb-version')].find((x) => x.querySelector(`.vb-qd-${l}`));
      if (!v) return false;
      v.scrollIntoView({ block: 'center' });
      return true;
    }, layout);
    if (found) await t.shot(`quote-log-detail-${layout}`, (f) => log.screenshot(f));
  }

  const exportsDir = path.join(t.dir, 'exports');
  fs.mkdirSync(exportsDir, { recursive: true });
  const files = {};
  for (const [kind, name] of [['json', 'verbatim-quotes.json'], ['csv', 'verbatim-quotes.csv'], ['markdown', 'verbatim-quotes.md']]) {
    await t.check(`quote log: ${kind} export downloads ${name} with the stored quotes`, async () => {
      // clear the search so the export covers everything shown
      const dl = await driver.download(log, `button[data-export="${kind}"]`, exportsDir);
      assert(dl.name === name, `file name "${dl.name}"`);
      fs.writeFileSync(path.join(exportsDir, name), dl.text);
      files[kind] = path.join(exportsDir, name);
      const text = dl.text;
      assert(/do it alone/.test(text), 'the AP Netanyahu quote is not in the export');
      assert(/do it by ourselves/.test(text), 'the Washington Post Netanyahu quote is not in the export');
      if (kind === 'json') {
        const data = JSON.parse(text);
        assert(data && typeof data === 'object', 'not a JSON object');
        for (const p of pages) assert(text.includes(p.outlet), `outlet ${p.outlet} missing`);
      } else if (kind === 'csv') {
        const lines = text.trim().split(/\r?\n/);
        assert(lines.length > 10, `${lines.length} CSV lines`);
        assert(/speaker/i.test(lines[0]) && /outlet/i.test(lines[0]), `CSV header: ${lines[0].slice(0, 120)}`);
        assert(text.includes('Netanyahu'), 'no Netanyahu row');
      } else {
        assert(/^#/m.test(text), 'no Markdown heading');
        assert(text.includes('Netanyahu'), 'no Netanyahu');
      }
      t.log(`   ${name}: ${dl.text.length} bytes`);
    });
  }
  await log.close();

  // 6. import the JSON into a fresh profile: the same log
  if (files.json && groupCount) {
    let fresh = null;
    try {
      fresh = await driver.freshProfile();
      const log2 = await fresh.extPage('quotes.html');
      await t.check('fresh profile: importing the JSON export gives the same group count', async () => {
        await importInLog(t, log2, files.json);
        const n = await until(() => log2.evaluate(() => document.querySelector('#vb-group-count')?.textContent.trim() || null)
          .then((c) => (c === groupCount ? c : null)), { timeout: 15000, what: `#vb-group-count = ${groupCount}` });
        assert(n === groupCount, `${n} groups after import, ${groupCount} before`);
      });
      await t.shot('fresh-profile-imported', (f) => log2.screenshot(f));
      await t.check('fresh profile: "Delete everything" asks first; cancel keeps, confirm empties the log', async () => {
        const countNow = () => log2.evaluate(() => document.querySelector('#vb-group-count')?.textContent.trim() ?? null);
        await log2.evaluate(() => document.querySelector('#vb-delete-all').click());
        await until(() => log2.evaluate(() => !!document.querySelector('dialog[open] #vb-confirm')), { timeout: 5000, what: 'the confirmation dialog' });
        await t.shot('fresh-profile-confirm-delete', (f) => log2.screenshot(f));
        await log2.evaluate(() => document.querySelector('#vb-cancel').click());
        await sleep(500);
        assert((await countNow()) === groupCount, `group count ${await countNow()} after cancel`);
        await log2.evaluate(() => document.querySelector('#vb-delete-all').click());
        await until(() => log2.evaluate(() => !!document.querySelector('dialog[open] #vb-confirm')), { timeout: 5000, what: 'the confirmation dialog' });
        await log2.evaluate(() => document.querySelector('#vb-confirm').click());
        await until(() => countNow().then((c) => (c === '0' ? c : null)), { timeout: 10000, what: '#vb-group-count = 0' });
        const rows = await fresh.readDb();
        assert(rows.articles === 0 && rows.quotes === 0, `IndexedDB after delete: ${JSON.stringify(rows)}`);
      });
    } catch (err) {
      t.fail('fresh profile: import', err instanceof Error ? err.message.split('\n')[0] : String(err));
    } finally {
      await fresh?.close().catch(() => {});
    }
  }

  // 7. a hostile page: markup inside quotes is shown as text, nothing is injected
  const hostileUrl = base + 'hostile.example/markup-in-quotes.html';
  await t.check('hostile page: analysed, nothing injected, no dialog', async () => {
    await page.goto(hostileUrl);
    const st = await waitState(page, 'state on the hostile page');
    assert(st.state === 'done', `data-state ${st.state}`);
    await sleep(400);
    const info = await pageInfoAll(page);
    assert(info.injected === 0, `${info.injected} img/script/handler elements in the shadow root`);
    assert(info.pageImgs === 0, `${info.pageImgs} <img> on the page`);
    // open each marker until the card shows the <img …> quote; it must be text
    let shown = null;
    for (const m of info.markers) {
      const pt = await findMarker(page, m.id);
      if (!pt) continue;
      await page.click(pt.x, pt.y);
      const c = await waitCard(page).catch(() => null);
      if (c?.thisText?.includes('onerror')) { shown = c; break; }
      await page.press('Escape');
    }
    assert(shown, 'no card showed the <img onerror> quote');
    assert(shown.thisText.includes('<img src=x onerror=alert(1)>'), `card text: ${shown.thisText}`);
    assert(shown.imgs === 0, 'the card holds an <img>');
    await sleep(500);
    assert(page.dialogs.length === 0, `dialogs: ${page.dialogs.join(', ')}`);
    const after = await page.evaluate(pageInfo);
    assert(after.injected === 0 && after.pageImgs === 0, 'something was injected after opening the card');
  });
  await t.shot('hostile-page-card', (f) => page.screenshot(f));
  await page.press('Escape').catch(() => {});

  // 8. the fallback drawing (forced), on the first page
  await t.check('fallback drawing: outline boxes when forced', async () => {
    await page.goto(base + pages[0].file + '?verbatim-fallback');
    const st = await waitState(page, 'state with ?verbatim-fallback');
    assert(st.state === 'done', `data-state ${st.state}`);
    assert(st.mode === 'fallback', `data-highlight-mode ${st.mode}`);
    await sleep(400);
    const info = await page.evaluate(pageInfo);
    assert(info.boxes > 0, 'no .vb-box in the shadow root');
    await page.evaluate(scrollToMarker, null);
  });
  await t.shot('fallback-boxes', (f) => page.screenshot(f));

  // 9. the site pause from the popup: the page is left alone, and reading resumes when unpaused
  await t.check('popup: pausing the site leaves its pages alone; unpausing reads them again', async () => {
    const url = base + pages[1].file;
    const toggle = async () => {
      const popup = await driver.extPage(`popup.html?url=${encodeURIComponent(url)}`);
      try {
        await until(() => popup.evaluate(() => {
          const box = document.querySelector('#vb-pause-site');
          return box && !box.disabled && document.querySelector('#vb-popup')?.getAttribute('aria-busy') !== 'true';
        }), { timeout: 10000, what: '#vb-pause-site enabled' });
        const before = await popup.evaluate(() => document.querySelector('#vb-pause-site').checked);
        await popup.evaluate(() => document.querySelector('#vb-pause-site').click());
        await until(() => popup.evaluate((b) => document.querySelector('#vb-pause-site').checked !== b, before), { timeout: 5000, what: 'the switch to flip' });
        return !before;
      } finally {
        await popup.close();
      }
    };
    assert((await toggle()) === true, 'the site switch did not turn on');
    await page.goto(url);
    const paused = await waitState(page, 'state on a paused site');
    assert(paused.state === 'paused', `data-state ${paused.state} on a paused site`);
    const info = await page.evaluate(pageInfo);
    assert(info.markers.length === 0 && Object.values(info.highlights).every((n) => n === 0), 'a paused page still has markers or highlights');
    assert((await toggle()) === false, 'the site switch did not turn off');
    await page.goto(url);
    const again = await waitState(page, 'state after unpausing');
    assert(again.state === 'done', `data-state ${again.state} after unpausing`);
  });
  await t.check('no console errors or page errors over the whole run', () => {
    assert(page.errors.length === 0, page.errors.slice(0, 3).join(' | '));
  });
  await page.close();
}
