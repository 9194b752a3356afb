// Reading a Chromium trace of one bench visit: the page's main-thread tasks, and what each long one
// ran. The long-task observer sees script only; a trace also shows the browser's own work
// (parsing, style, layout, paint, garbage collection), which may be the page's own loading (it
// happens with no extension at all: a 10,000-word page's first layout alone can take 50 ms) or
// work our changes to the page caused. Each long task is named after what it ran, so the bench can
// set the extension's long tasks apart from the page's own and from the bench's own (DevTools calls).

/** A task at least this long is a long task (the Long Tasks API's threshold). */
export const LONG_TASK_MS = 50;

// renderer: the browser's capture of a loaded page's text (below)
const CATEGORIES = 'toplevel,devtools.timeline,blink.user_timing,renderer';
const TASK_NAMES = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);
const EXTENSION_URL = /^(?:chrome|moz)-extension:/;
/** Trace events whose time tells what a task did, by kind (the devtools.timeline names). */
const KIND_OF_EVENT = {
  ParseHTML: 'parse',
  UpdateLayoutTree: 'style',
  Layout: 'layout',
  PrePaint: 'paint', Paint: 'paint', Layerize: 'paint', Commit: 'paint', UpdateLayer: 'paint',
  MinorGC: 'garbage collection', MajorGC: 'garbage collection',
  EvaluateScript: 'script', FunctionCall: 'script', TimerFire: 'script', FireAnimationFrame: 'script', 'v8.compile': 'script',
  // Chromium reads a loaded page's text for its language (translation), twice, with or without an
  // extension: 73 to 163 ms each on the 3 MB page, in both visits
  'ChromeRenderFrameObserver::CapturePageText': 'page text capture',
};
/** Kinds the page does by itself while loading, extension or not: committing the navigation,
 *  parsing, its first layout, the browser's capture of its text once loaded. */
const PAGE_LOADING = new Set(['navigation commit', 'parse', 'first layout', 'page text capture']);
/**
 * Work of the browser that, on a page that runs no script, has loaded its DOM and been laid out
 * once, only our changes and our script's garbage cause: rendering, and collecting garbage.
 */
const CAUSED_BY_CHANGES = new Set(['style', 'layout', 'paint', 'garbage collection']);

/** Starts a trace of the page's tasks, the browser's work inside them, and user-timing marks. */
export async function startTrace(cdp) {
  const events = [];
  cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReportEvents' });
  return {
    async stop() {
      await cdp.send('Tracing.end');
      await complete;
      return events;
    },
  };
}

/**
 * The visit's main thread (the one that recorded the bench's scroll marks): its complete events in
 * time order, its outermost tasks, the navigation's start and the scroll's bounds. null when the
 * trace holds no scroll mark.
 */
function mainThread(events) {
  const mark = (name) => events.find((e) => e.name === name);
  const s0 = mark('bench:scroll:start');
  const s1 = mark('bench:scroll:end');
  if (!s0 || !s1) return null;
  const onMain = (e) => e.pid === s0.pid && e.tid === s0.tid;
  const all = events.filter((e) => onMain(e) && e.ph === 'X').sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const tasks = [];
  for (const e of all) {
    if (!TASK_NAMES.has(e.name)) continue;
    const outer = tasks.at(-1);
    if (!outer || e.ts >= outer.ts + outer.dur) tasks.push(e); // nested tasks belong to the outer one
  }
  const nav = events.filter((e) => onMain(e) && e.name === 'navigationStart' && /^https?:/.test(e.args?.data?.documentLoaderURL ?? '')).at(-1);
  const firstLayout = all.find((e) => e.name === 'Layout' && (!nav || e.ts >= nav.ts));
  // DOMContentLoaded: a content script at document_idle runs after it, so the page's own tasks from then on compare with ours
  const domLoaded = events.find((e) => onMain(e) && e.name === 'domContentLoadedEventEnd' && (!nav || e.ts >= nav.ts))?.ts ?? -Infinity;
  return { all, tasks, nav: nav?.ts ?? tasks[0]?.ts ?? s0.ts, firstLayout, domLoaded, scroll: [s0.ts, s1.ts] };
}

/**
 * What a task mostly did: our script, the bench's DevTools call, the page's first layout, the
 * navigation's commit, or its dominant kind of work ('other' when no kind takes a quarter of it).
 */
function taskKind(task, main) {
  const inside = main.all.filter((e) => e !== task && e.ts >= task.ts && e.ts < task.ts + task.dur);
  if (inside.some((e) => EXTENSION_URL.test(e.args?.data?.url ?? ''))) return 'our script';
  if (main.firstLayout && inside.includes(main.firstLayout)) return 'first layout';
  if (inside.some((e) => e.name === 'CommitLoad')) return 'navigation commit';
  const time = kindTimes(inside);
  const [top] = Object.entries(time).sort((a, b) => b[1] - a[1]);
  // a collection may run inside any task, the bench's calls among them: it is named before them
  if ((time['garbage collection'] ?? 0) >= task.dur / 4) return 'garbage collection';
  // a DevTools call (the bench's evaluate) takes most of the task: the bench's own, not the page's
  const devtools = inside.filter((e) => e.name === 'Receive mojo message' && /DevToolsSession/.test(e.args?.chrome_mojo_event_info?.mojo_interface_tag ?? ''));
  if (devtools.reduce((a, e) => a + e.dur, 0) >= task.dur / 2) return 'bench (DevTools call)';
  return top && top[1] >= task.dur / 4 ? top[0] : 'other';
}

/** Time per kind of work among a task's events; nested events of a kind count once, in the outermost. */
function kindTimes(inside) {
  const time = {};
  const open = {}; // per kind, the end of the outermost event counted: nested events of a kind are inside it
  for (const e of inside) {
    const kind = KIND_OF_EVENT[e.name];
    if (!kind || e.ts < (open[kind] ?? -Infinity)) continue;
    time[kind] = (time[kind] ?? 0) + e.dur;
    open[kind] = e.ts + e.dur;
  }
  return time;
}

/** A long task: its start from the navigation, its length, the main thread's CPU time in it (null
 *  when the trace has none), what ran, and whether the document had loaded its DOM then. A task far
 *  longer than its CPU time waited for a core: on a small machine, for the browser's other processes. */
const longTask = (t, main) => ({
  atMs: (t.ts - main.nav) / 1000,
  ms: t.dur / 1000,
  cpuMs: typeof t.tdur === 'number' ? t.tdur / 1000 : null,
  kind: taskKind(t, main),
  afterDomLoaded: t.ts >= main.domLoaded,
});

/**
 * Every long task of the visit's main thread from the navigation through the scroll, each with
 * what it ran: the page's own loading shows here whether or not the extension is there, so the
 * visit without it is the baseline for the visit with it. null when the trace holds no mark.
 * @returns {{ atMs: number, ms: number, kind: string }[] | null}
 */
export function visitLongTasks(events) {
  const main = mainThread(events);
  if (!main) return null;
  return main.tasks.filter((t) => t.ts >= main.nav && t.ts < main.scroll[1] && t.dur / 1000 >= LONG_TASK_MS).map((t) => longTask(t, main));
}

/**
 * The page's main-thread tasks in two windows: from the evaluation of the extension's content
 * script until the scroll began (starting, reading, drawing, and whatever rendering that caused),
 * and over the scroll; and the whole visit's long tasks (visitLongTasks). null when the trace
 * holds no mark or the extension left none.
 */
export function mainThreadTasks(events) {
  const main = mainThread(events);
  if (!main || !events.some((e) => typeof e.name === 'string' && e.name.startsWith('verbatim:'))) return null;
  const injected = main.all.find((e) => e.name === 'EvaluateScript' && EXTENSION_URL.test(e.args?.data?.url ?? ''));
  // the task that evaluated the content script (it began a little before the evaluation) is the first one counted
  const start = injected ? (main.tasks.filter((t) => t.ts <= injected.ts).at(-1)?.ts ?? injected.ts) : main.nav;
  const [s0, s1] = main.scroll;
  const window = (from, to) => {
    const inside = main.tasks.filter((t) => t.ts >= from && t.ts < to);
    const ms = inside.map((t) => t.dur / 1000);
    const long = inside.filter((t) => t.dur / 1000 >= LONG_TASK_MS).map((t) => longTask(t, main));
    return {
      count: inside.length,
      totalMs: ms.reduce((a, d) => a + d, 0),
      longestMs: Math.max(0, ...ms),
      long: long.map((t) => t.ms),
      longWithScript: long.filter((t) => t.kind === 'our script').map((t) => t.ms),
      longTasks: long,
    };
  };
  return { evaluateMs: injected ? injected.dur / 1000 : null, drawing: window(start, s0), scrolling: window(s0, s1), visit: visitLongTasks(events) };
}

/**
 * Who a long task of the visit with the extension belongs to, given the same page's visit without
 * it: 'ours' (it ran our script), 'page' (the page's own loading: committing the navigation,
 * parsing, its first layout, the browser capturing its text), 'bench' (a DevTools call of the
 * bench), 'caused' (style, layout, paint or garbage collection while the visit without the
 * extension has no such long task once its DOM loaded: on a page that runs no script, browser work
 * our changes caused), otherwise
 * 'unattributed' (the page has such tasks too, or the trace does not tell).
 * @param {{ kind: string }} task
 * @param {{ kind: string, afterDomLoaded: boolean }[] | null} alone the long tasks of the visit without the extension
 */
export function attributeLongTask(task, alone) {
  if (task.kind === 'our script') return 'ours';
  if (PAGE_LOADING.has(task.kind)) return 'page';
  if (task.kind.startsWith('bench')) return 'bench';
  if (CAUSED_BY_CHANGES.has(task.kind) && alone && !alone.some((t) => t.afterDomLoaded && t.kind === task.kind)) return 'caused';
  return 'unattributed';
}
