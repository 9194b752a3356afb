// Page cost of the extension, measured in Chromium with the built MV3 extension on a long article
// (10,000 words, ~200 quotes) assembled at run time from PolNeAR train texts (../shared/corpus,
// research-only: read from there, never copied into the repo).
//
// Figures per run:
//   - the content script's own main-thread measures: verbatim:read, verbatim:highlight,
//     verbatim:markers (their sum is the extension's synchronous work on the page);
//     verbatim:analyze is the wait for the background (off the page's main thread) and is shown apart
//   - long tasks (PerformanceObserver 'longtask', buffered from before the page loads) ≥ 50 ms:
//     the page has no scripts of its own, so every long task after load is the extension's
//   - CDP Performance.getMetrics ScriptDuration (all script on the page's main thread, both worlds)
//     and ThreadTime (the main thread's CPU time over the visit, page included: steady under load)
//   - every task of the page's main thread, from a trace: the long-task observer sees script, not
//     the browser's own rendering work that our DOM changes and highlight ranges cause (style,
//     layout, paint preparation). Tasks from the evaluation of the content script until it settled,
//     and over a scripted scroll through the page afterwards (which moves the band of markers), are
//     counted, each long one named after what ran in it (scripts/bench/page-trace.mjs)
//   - the same page once more, traced, in the same browser with the same flags and no extension:
//     the page's own long tasks (committing the navigation, its first layout: a 10,000-word page
//     has them by itself). A long task of the extension's visit is the page's own loading, ours
//     (it ran our script, or it is rendering the visit without us does not have), the bench's own
//     (a DevTools call), or said to be unattributed
//
// The 5,000-quote page and the 3 MB page (generated, test/e2e/hostile-pages.mjs) are measured the
// same way by pageCostSuite (`npm run bench -- page`); they have no main-thread budget, only
// "no long task". Each run also gives the longest slice of the extension's own work (one measure
// entry: the work between two pauses), which tells its long tasks from the browser's own.
//
// CLI: node scripts/bench/page-cost.mjs [--suite [--only "3 MB"]] [--runs 3] [--ext .output/chrome-mv3] [--json]
// API: import { pageCost } from './bench/page-cost.mjs'
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startServer } from '../../test/e2e/server.mjs';
import { launchChromium, launchPlainChromium, CHROMIUM } from '../../test/e2e/chromium.mjs';
import { startTrace, mainThreadTasks, visitLongTasks, attributeLongTask, LONG_TASK_MS } from './page-trace.mjs';
import { manyQuotesPage, bigPage } from '../../test/e2e/hostile-pages.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CORPUS = process.env.VERBATIM_CORPUS
  ? path.resolve(process.env.VERBATIM_CORPUS)
  : path.resolve(ROOT, '../shared/corpus');

/** Size of the long article: the issue's target page (10,000 words, 200 quotes). */
export const TARGET_WORDS = 10_000;
export const TARGET_QUOTES = 200;
/** Targets from the issue: main-thread time on the page, and no long task of the extension. */
export const BUDGET_MAIN_THREAD_MS = 30;
export { LONG_TASK_MS };
/** The quote-dense page: as many quotes as a live blog's whole archive on one page. */
export const MANY_QUOTES = 5000;
/** The big page: 3 MB of plain article HTML (some 25,000 paragraphs), the hostile suite's size. */
export const BIG_PAGE_BYTES = 3_000_000;

const QUOTE_RE = /“[^”\n]{2,}”|"[^"\n]{2,}"/g;
const countWords = (s) => (s.match(/\S+/g) ?? []).length;
const countQuotes = (s) => (s.match(QUOTE_RE) ?? []).length;
const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Paragraphs from PolNeAR train articles (in file order): quote-bearing paragraphs first until
 * ~TARGET_QUOTES quotes, then quote-free ones until TARGET_WORDS words, put back in reading order.
 * @returns {{ html: string, words: number, quotes: number, paragraphs: number } | { skipped: string }}
 */
export function buildLongArticle(corpus = CORPUS) {
  const dir = path.join(corpus, 'polnear/data/train/text');
  if (!fs.existsSync(dir)) return { skipped: `PolNeAR train texts not found at ${dir}` };
  const paras = [];
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.txt')).sort()) {
    const lines = fs.readFileSync(path.join(dir, f), 'utf8').split(/\n+/).map((l) => l.trim()).filter(Boolean);
    for (const l of lines.slice(1)) if (countWords(l) >= 12) paras.push(l);
  }
  const picked = new Set();
  let quotes = 0;
  let words = 0;
  for (let i = 0; i < paras.length && quotes < TARGET_QUOTES; i++) {
    const q = countQuotes(paras[i]);
    if (q === 0 || words + countWords(paras[i]) > TARGET_WORDS) continue;
    picked.add(i);
    quotes += q;
    words += countWords(paras[i]);
  }
  for (let i = 0; i < paras.length && words < TARGET_WORDS; i++) {
    if (picked.has(i) || countQuotes(paras[i]) > 0) continue;
    picked.add(i);
    words += countWords(paras[i]);
  }
  const body = [...picked].sort((a, b) => a - b).map((i) => `      <p>${esc(paras[i])}</p>`).join('\n');
  const html = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Campaign notebook: a long read | Bench Daily</title>
  <meta property="og:site_name" content="Bench Daily">
  <meta property="og:type" content="article">
  <meta property="article:published_time" content="2016-07-01T12:00:00Z">
  <link rel="canonical" href="https://bench.example/long-read">
  <script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Campaign notebook: a long read","datePublished":"2016-07-01T12:00:00Z","publisher":{"@type":"Organization","name":"Bench Daily"}}</script>
  <style>body{font:18px/1.6 Georgia,serif;margin:0 auto;max-width:760px;padding:0 24px}</style>
</head>
<body>
  <header><nav><a href="/">Home</a> · <a href="/politics/">Politics</a> · <a href="/opinion/">Opinion</a></nav></header>
  <article>
    <h1>Campaign notebook: a long read</h1>
    <div class="byline">By Bench Desk</div>
    <div class="article-body">
${body}
    </div>
  </article>
  <footer><p>© Bench Daily</p></footer>
</body>
</html>
`;
  return { html, words, quotes, paragraphs: picked.size };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
}

const SETTLE_TIMEOUT_MS = 180_000;
const POLL_MS = 100;

/**
 * Waits until the extension settled on the page; its state and quote count. Polled with small
 * evaluations: Playwright's waitForFunction first evaluates its own 330 kB script in the page,
 * itself a long task of the page's main thread, which the trace would then count.
 */
async function settled(page) {
  const t0 = Date.now();
  for (;;) {
    const state = await page.evaluate(() => {
      const h = document.querySelector('verbatim-root');
      const s = h?.getAttribute('data-state');
      return s && s !== 'waiting' ? { state: s, count: Number(h.getAttribute('data-quote-count')) } : null;
    });
    if (state) return state;
    if (Date.now() - t0 > SETTLE_TIMEOUT_MS) throw new Error(`the extension did not settle on ${page.url()} within ${SETTLE_TIMEOUT_MS / 1000} s`);
    await page.waitForTimeout(POLL_MS);
  }
}

/** A fixed workload in the page: the machine's speed right now, for ratios across runs. */
function calibrate(page) {
  return page.evaluate(() => {
    const xs = Array.from({ length: 200_000 }, (_, i) => (i * 7919) % 100_003);
    const t0 = performance.now();
    xs.sort((a, b) => a - b);
    return performance.now() - t0;
  });
}

/** One visit of `url` in a new tab: the extension's measures, long tasks and CDP script time.
 *  `traced`: the visit is traced, and the page scrolled once the extension settled. */
async function measureVisit(driver, url, traced = false) {
  const page = await driver.context.newPage();
  await page.addInitScript(() => {
    const w = /** @type {any} */ (window);
    w.__vbLongTasks = [];
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__vbLongTasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
    } catch {
      // longtask not supported: reported as null
      w.__vbLongTasks = null;
    }
  });
  const cdp = await driver.context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const trace = traced ? await startTrace(cdp) : null;
  await page.goto(url, { waitUntil: 'load' });
  const state = await settled(page);
  await page.waitForTimeout(1500); // markers are placed after the next layout; let late work land
  const figures = await page.evaluate(() => {
    const measures = {};
    const longest = {};
    for (const m of performance.getEntriesByType('measure')) {
      if (!m.name.startsWith('verbatim:')) continue;
      measures[m.name] = (measures[m.name] ?? 0) + m.duration;
      longest[m.name] = Math.max(longest[m.name] ?? 0, m.duration);
    }
    const nav = performance.getEntriesByType('navigation')[0];
    return { measures, longest, loadEnd: nav ? nav.loadEventEnd : null, longTasks: /** @type {any} */ (window).__vbLongTasks };
  });
  // the calibration is a long task of its own: in a traced visit it runs once the trace ended
  let calibrationMs = trace ? NaN : await calibrate(page);
  const metrics = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  const tasks = trace ? mainThreadTasks(await scrollThrough(page, trace)) : null;
  if (trace) calibrationMs = await calibrate(page);
  await cdp.detach().catch(() => {});
  await page.close();
  const mainThread = ['verbatim:read', 'verbatim:highlight', 'verbatim:markers'].reduce((a, k) => a + (figures.measures[k] ?? 0), 0);
  // long tasks that start after the page loaded are the extension's (the page runs no script)
  const afterLoad = (figures.longTasks ?? []).filter((t) => figures.loadEnd == null || t.start >= figures.loadEnd - 1);
  return {
    state: state.state,
    quotesFound: state.count,
    measures: figures.measures,
    mainThreadMs: mainThread,
    // the longest single stretch of the extension's own work between two pauses, per step
    longestSliceMs: Math.max(0, ...['verbatim:read', 'verbatim:highlight', 'verbatim:markers'].map((k) => figures.longest[k] ?? 0)),
    longestSlice: figures.longest,
    scriptDurationMs: (metrics.ScriptDuration ?? 0) * 1000,
    // CPU time of the page's main thread over the whole visit (the page's own parsing and layout
    // included): unlike the wall-clock figures it does not grow when other processes share the cores
    threadTimeMs: (metrics.ThreadTime ?? 0) * 1000,
    taskDurationMs: (metrics.TaskDuration ?? 0) * 1000,
    longTasks: figures.longTasks,
    extensionLongTasks: afterLoad.filter((t) => t.duration >= LONG_TASK_MS),
    tasks,
    calibrationMs,
  };
}

/** Scroll of the page after it settled: far enough to move the band of markers several times. */
const SCROLL_STEPS = 20;
const SCROLL_STEP_PX = 400;
const SCROLL_PAUSE_MS = 60;

/**
 * One traced visit of `url` in the browser without the extension: load, the same wait as the
 * extension's settling takes at least, the same scroll. Its long tasks are the page's own.
 */
async function plainVisit(context, url) {
  // a first untraced load, so that the traced one finds a warm browser like the extension's visit
  const warm = await context.newPage();
  await warm.goto(`${url}-warm`, { waitUntil: 'load' });
  await warm.close();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const trace = await startTrace(cdp);
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForTimeout(1500);
  const long = visitLongTasks(await scrollThrough(page, trace));
  await cdp.detach().catch(() => {});
  await page.close();
  return long;
}

/** Scrolls through the settled page, then ends the trace; its events. */
async function scrollThrough(page, trace) {
  await page.evaluate(() => performance.mark('bench:scroll:start'));
  for (let i = 0; i < SCROLL_STEPS; i++) {
    await page.mouse.wheel(0, SCROLL_STEP_PX);
    await page.waitForTimeout(SCROLL_PAUSE_MS);
  }
  await page.waitForTimeout(1000);
  await page.evaluate(() => performance.mark('bench:scroll:end'));
  return trace.stop();
}

const taskLine = (t) =>
  t == null ? 'not traced' : `content script evaluated in ${t.evaluateMs == null ? 'n/a' : t.evaluateMs.toFixed(0)} ms; tasks (trace) from then until settled: longest ${t.drawing.longestMs.toFixed(0)} ms, ${longTasks(t.drawing)}; while scrolling: longest ${t.scrolling.longestMs.toFixed(0)} ms, ${longTasks(t.scrolling)}, total ${t.scrolling.totalMs.toFixed(0)} ms`;

/** Who the long tasks that ran none of our script belong to (attributeLongTask), the groups there are. */
const OTHERS = { page: "the page's own loading", caused: 'browser work the extension caused', bench: "the bench's own", unattributed: 'unattributed' };
const longTasks = (w) =>
  `${w.long.length} ≥${LONG_TASK_MS} ms [${w.long.map((d) => d.toFixed(0)).join(', ')}] of which ${w.longWithScript.length} ran the extension's script [${w.longTasks.filter((t) => t.kind === 'our script').map(msCpu).join(', ')}]` +
  Object.entries(OTHERS).map(([who, label]) => {
    const ts = w.longTasks.filter((t) => t.who === who);
    return ts.length ? `, ${ts.length} ${label} [${ts.map(kindMs).join(', ')}]` : '';
  }).join('');

/** A task's length, and its CPU time when the trace has it (a task far longer than its CPU time waited for a core). */
const msCpu = (t) => `${t.ms.toFixed(0)}${t.cpuMs == null ? '' : ` (CPU ${t.cpuMs.toFixed(0)})`}`;
const kindMs = (t) => `${msCpu(t)} ${t.kind}`;
const visitList = (ts) => (ts == null ? 'not traced' : `${ts.length} [${ts.map((t) => `+${t.atMs.toFixed(0)} ms: ${kindMs(t)}`).join(', ')}]`);

/** The two traced visits side by side, over the same span: the page's own long tasks next to the extension's. */
const visitsLine = (tasks, alone) =>
  `  traced visits, long tasks ≥${LONG_TASK_MS} ms from the navigation through the scroll (time from navigation, ms, what ran): with the extension ${visitList(tasks?.visit ?? null)}; without the extension (same browser, same flags, same scroll) ${visitList(alone)}`;

/** Names who each long task of the traced visit's two windows belongs to, given the visit without the extension. */
function attribute(tasks, alone) {
  if (tasks == null) return;
  for (const t of [...tasks.drawing.longTasks, ...tasks.scrolling.longTasks]) t.who = attributeLongTask(t, alone);
}

function runLine(r, i) {
  const m = r.measures;
  const f = (x) => (x == null ? '  n/a' : x.toFixed(1).padStart(6));
  return `  run ${i + 1}: state=${r.state} quotes=${r.quotesFound} read=${f(m['verbatim:read'])} ms highlight=${f(m['verbatim:highlight'])} ms markers=${f(m['verbatim:markers'])} ms → main thread ${r.mainThreadMs.toFixed(1)} ms (longest slice: read ${f(r.longestSlice['verbatim:read'])}, highlight ${f(r.longestSlice['verbatim:highlight'])}, markers ${f(r.longestSlice['verbatim:markers'])} ms); analyze (background wait) ${f(m['verbatim:analyze'])} ms; CDP ScriptDuration ${r.scriptDurationMs.toFixed(1)} ms; main-thread CPU ${r.threadTimeMs.toFixed(0)} ms; long tasks ≥${LONG_TASK_MS} ms after load: ${r.extensionLongTasks.map((t) => t.duration.toFixed(0) + ' ms').join(', ') || 'none'}; ${taskLine(r.tasks)}${r.tasks?.evaluateMs != null ? `; main thread with the content script's evaluation ${(r.mainThreadMs + r.tasks.evaluateMs).toFixed(1)} ms` : ''}; calibration sort ${r.calibrationMs.toFixed(1)} ms`;
}

function summarize(results, budgetMs, traced, alone) {
  const drawn = traced.tasks ? [...traced.tasks.drawing.longTasks, ...traced.tasks.scrolling.longTasks] : [];
  const whose = (...who) => (traced.tasks ? drawn.filter((t) => who.includes(t.who)).length : NaN);
  const summary = {
    runs: results.length,
    medianMainThreadMs: median(results.map((r) => r.mainThreadMs)),
    medianReadMs: median(results.map((r) => r.measures['verbatim:read'] ?? NaN)),
    medianHighlightMs: median(results.map((r) => r.measures['verbatim:highlight'] ?? NaN)),
    medianMarkersMs: median(results.map((r) => r.measures['verbatim:markers'] ?? NaN)),
    medianAnalyzeMs: median(results.map((r) => r.measures['verbatim:analyze'] ?? NaN)),
    medianScriptDurationMs: median(results.map((r) => r.scriptDurationMs)),
    medianThreadTimeMs: median(results.map((r) => r.threadTimeMs)),
    maxSliceMs: Math.max(0, ...results.map((r) => r.longestSliceMs)),
    maxExtensionLongTaskMs: Math.max(0, ...results.flatMap((r) => r.extensionLongTasks.map((t) => t.duration))),
    extensionLongTasks: results.reduce((a, r) => a + r.extensionLongTasks.length, 0),
    /** Tasks of the page's main thread ≥ LONG_TASK_MS while the extension drew and while the page scrolled (trace). */
    tracedLongTasks: traced.tasks ? traced.tasks.drawing.long.length + traced.tasks.scrolling.long.length : NaN,
    maxTracedTaskMs: traced.tasks ? Math.max(traced.tasks.drawing.longestMs, traced.tasks.scrolling.longestMs) : NaN,
    /** Of those: the page's own loading, the extension's (its script or rendering it caused), the bench's own, unattributed. */
    tracedPageOwnLongTasks: whose('page'),
    tracedExtensionLongTasks: whose('ours', 'caused'),
    tracedBenchLongTasks: whose('bench'),
    tracedUnattributedLongTasks: whose('unattributed'),
    tracedVisit: traced,
    /** Long tasks of one traced visit without the extension, from the navigation through the scroll: the page's own. */
    pageAloneLongTasks: alone,
    budgetMainThreadMs: budgetMs,
    /** main-thread time over the calibration workload's time (machine-independent-ish) */
    medianMainThreadRatio: median(results.map((r) => r.mainThreadMs / r.calibrationMs)),
    loadAverage: os.loadavg()[0],
    results,
  };
  // the page's own loading (it has the same long tasks without the extension) and the bench's own calls are not the extension's
  const notOurs = (summary.tracedPageOwnLongTasks || 0) + (summary.tracedBenchLongTasks || 0);
  summary.withinBudget = (budgetMs == null || summary.medianMainThreadMs <= budgetMs) && summary.extensionLongTasks === 0 && summary.tracedLongTasks - notOurs === 0;
  return summary;
}

function summaryLine(name, s) {
  const target = s.budgetMainThreadMs == null ? 'no long task' : `≤ ${s.budgetMainThreadMs} ms and no long task`;
  return `page-cost ${name}: median main thread ${s.medianMainThreadMs.toFixed(1)} ms (read ${s.medianReadMs.toFixed(1)}, highlight ${s.medianHighlightMs.toFixed(1)}, markers ${s.medianMarkersMs.toFixed(1)}); background time per page (analyze wait) ${s.medianAnalyzeMs.toFixed(1)} ms; CDP script ${s.medianScriptDurationMs.toFixed(1)} ms; main-thread CPU of the visit ${s.medianThreadTimeMs.toFixed(0)} ms; longest slice of its own work ${s.maxSliceMs.toFixed(1)} ms; extension long tasks ≥${LONG_TASK_MS} ms: ${s.extensionLongTasks} (max ${s.maxExtensionLongTaskMs.toFixed(0)} ms); main-thread tasks ≥${LONG_TASK_MS} ms in the traced visit, from the content script's evaluation through a scroll: ${s.tracedLongTasks} (longest ${s.maxTracedTaskMs.toFixed(0)} ms), of which the page's own loading ${s.tracedPageOwnLongTasks}, the extension's (its script, or rendering it caused) ${s.tracedExtensionLongTasks}, the bench's own ${s.tracedBenchLongTasks}, unattributed ${s.tracedUnattributedLongTasks}; the page alone (a traced visit without the extension, navigation through the scroll): ${visitList(s.pageAloneLongTasks)}; target ${target}: ${s.withinBudget ? 'met' : 'NOT met'}; main thread = ${s.medianMainThreadRatio.toFixed(1)}× the calibration sort; load average ${s.loadAverage.toFixed(1)} on ${os.cpus().length} cores`;
}

/** Builds the extension when asked or when no build is there; the extension's folder. */
function ensureBuilt(options) {
  const extDir = path.resolve(ROOT, options.extDir ?? '.output/chrome-mv3');
  if (options.build || !fs.existsSync(path.join(extDir, 'manifest.json'))) {
    execFileSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  return extDir;
}

/**
 * Measures the extension's cost on pages in Chromium, `runs` visits each (a unique query per
 * visit: a first visit for the content script, the same stored article for the background).
 * @param {{ name: string, path: string, html: string, budgetMs: number | null, runs?: number }[]} pages
 */
async function measurePages(pages, options) {
  const runs = options.runs ?? 3;
  const log = options.log ?? ((s) => console.log(s));
  const extDir = ensureBuilt(options);
  const server = await startServer({ extra: Object.fromEntries(pages.map((p) => [p.path, p.html])) });
  const driver = await launchChromium({ extDir });
  const plain = await launchPlainChromium();
  const out = {};
  try {
    for (const p of pages) {
      const results = [];
      for (let r = 0; r < (p.runs ?? runs); r++) {
        results.push(await measureVisit(driver, `${server.base}${p.path}?run=${r}`));
        log(runLine(results[r], r));
      }
      // one more visit, traced: tracing costs the page time, so the measured visits are not traced
      const traced = await measureVisit(driver, `${server.base}${p.path}?traced`, true);
      // and one in the browser without the extension: the page's own work, for comparison
      const alone = await plainVisit(plain.context, `${server.base}${p.path}?alone`);
      attribute(traced.tasks, alone);
      log(runLine(traced, -1).replace('run 0', 'traced visit'));
      log(visitsLine(traced.tasks, alone));
      out[p.name] = summarize(results, p.budgetMs, traced, alone);
      log(summaryLine(p.name, out[p.name]));
    }
  } finally {
    await driver.close();
    await plain.close();
    await server.close();
  }
  return out;
}

/**
 * Measures the extension's cost on the long article in Chromium.
 * @param {{ runs?: number, extDir?: string, build?: boolean, log?: (s: string) => void }} [options]
 */
export async function pageCost(options = {}) {
  const log = options.log ?? ((s) => console.log(s));
  const article = buildLongArticle();
  if ('skipped' in article) return { skipped: article.skipped };
  if (!fs.existsSync(CHROMIUM)) return { skipped: `Chromium not found at ${CHROMIUM}` };
  log(`page-cost: long article of ${article.words} words, ${article.quotes} quote marks pairs, ${article.paragraphs} paragraphs (PolNeAR train)`);
  const out = await measurePages([{ name: 'long article', path: 'bench/long-article.html', html: article.html, budgetMs: BUDGET_MAIN_THREAD_MS }], options);
  return { words: article.words, quoteMarks: article.quotes, ...out['long article'] };
}

/**
 * `npm run bench -- page`: the long article (when the corpus is there) and the 5,000-quote page.
 * @param {{ runs?: number, extDir?: string, build?: boolean, only?: string, log?: (s: string) => void }} [options]
 */
export async function pageCostSuite(options = {}) {
  const log = options.log ?? ((s) => console.log(s));
  if (!fs.existsSync(CHROMIUM)) return { skipped: `Chromium not found at ${CHROMIUM}` };
  const pages = [];
  const article = buildLongArticle();
  if ('skipped' in article) log(`page-cost: long article skipped: ${article.skipped}`);
  else {
    log(`page-cost: long article of ${article.words} words, ${article.quotes} quote marks pairs (PolNeAR train)`);
    pages.push({ name: 'long article', path: 'bench/long-article.html', html: article.html, budgetMs: BUDGET_MAIN_THREAD_MS });
  }
  log(`page-cost: a page of ${MANY_QUOTES.toLocaleString('en')} attributed quotes`);
  // One visit: its quotes are near copies of each other, so a second visit of the same words
  // measures the background matching 5,000 quotes against 5,000 stored ones, not the page.
  pages.push({ name: `${MANY_QUOTES}-quote page`, path: 'bench/many-quotes.html', html: manyQuotesPage(MANY_QUOTES), budgetMs: null, runs: 1 });
  log(`page-cost: a page of ${(BIG_PAGE_BYTES / 1e6).toFixed(0)} MB of article HTML`);
  // One visit, like the quote-dense page: its paragraphs repeat, so a second visit measures matching.
  pages.push({ name: '3 MB page', path: 'bench/big.html', html: bigPage(BIG_PAGE_BYTES), budgetMs: null, runs: 1 });
  // --only: the pages whose name holds this text (a change that touches one page is measured on it alone)
  return measurePages(options.only ? pages.filter((p) => p.name.includes(options.only)) : pages, options);
}

/** Entry point for scripts/bench.ts (`npm run bench browser`). */
export function benchInBrowser(options) {
  return pageCost(options);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const opt = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
  const run = args.includes('--suite') ? pageCostSuite : pageCost;
  const result = await run({ runs: Number(opt('--runs') ?? 3), extDir: opt('--ext'), build: args.includes('--build'), only: opt('--only') });
  if ('skipped' in result) console.log(`page-cost: skipped: ${result.skipped}`);
  else if (args.includes('--json')) console.log(JSON.stringify(result, null, 2));
}
