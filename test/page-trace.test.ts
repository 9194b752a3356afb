// The page bench's reading of a trace (scripts/bench/page-trace.mjs): what each long task of the
// page's main thread ran, and whose it is next to the visit without the extension.
import { describe, expect, it } from 'vitest';
import { attributeLongTask, mainThreadTasks, visitLongTasks, type TraceEvent } from '../scripts/bench/page-trace.mjs';

const MAIN = { pid: 1, tid: 1 };
const ms = (x: number) => x * 1000; // trace times are in µs
const task = (at: number, dur: number, children: Omit<TraceEvent, 'pid' | 'tid' | 'ph'>[] = []): TraceEvent[] => [
  { ...MAIN, ph: 'X', name: 'ThreadControllerImpl::RunTask', ts: ms(at), dur: ms(dur) },
  ...children.map((c) => ({ ...MAIN, ph: 'X', ...c })),
];
const mark = (name: string, at: number, args = {}): TraceEvent => ({ ...MAIN, ph: 'R', name, ts: ms(at), args });
const devtools = (at: number, dur: number) => ({ name: 'Receive mojo message', ts: ms(at), dur: ms(dur), args: { chrome_mojo_event_info: { mojo_interface_tag: 'blink.mojom.DevToolsSession' } } });

/** A visit: navigation, commit, first layout, DOMContentLoaded, then `after` from 200 ms on, a scroll from 1,000 ms. */
function visit(after: TraceEvent[]): TraceEvent[] {
  return [
    mark('navigationStart', 0, { data: { documentLoaderURL: 'http://127.0.0.1/bench/long-article.html' } }),
    ...task(10, 60, [{ name: 'CommitLoad', ts: ms(12), dur: ms(1) }, { name: 'ParseHTML', ts: ms(15), dur: ms(40) }]),
    mark('domContentLoadedEventEnd', 75),
    ...task(80, 70, [{ name: 'UpdateLayoutTree', ts: ms(81), dur: ms(3) }, { name: 'Layout', ts: ms(85), dur: ms(55) }]),
    ...after,
    { ...MAIN, ph: 'I', name: 'bench:scroll:start', ts: ms(1000) },
    ...task(1100, 80, [{ name: 'Layout', ts: ms(1101), dur: ms(70) }]),
    { ...MAIN, ph: 'I', name: 'bench:scroll:end', ts: ms(2000) },
    // another thread's long task is not the page's
    { pid: 1, tid: 2, ph: 'X', name: 'ThreadControllerImpl::RunTask', ts: ms(300), dur: ms(90) },
  ];
}

const ours = [
  ...task(200, 55, [{ name: 'EvaluateScript', ts: ms(201), dur: ms(53), args: { data: { url: 'chrome-extension://abc/content-scripts/content.js' } } }]),
  mark('verbatim:read:start', 202),
  ...task(400, 60, [devtools(400.1, 59), { name: 'EvaluateScript', ts: ms(405), dur: ms(40) }]),
  ...task(500, 60, [devtools(500.1, 59), { name: 'MajorGC', ts: ms(510), dur: ms(30) }]),
  ...task(600, 49, [{ name: 'Layout', ts: ms(601), dur: ms(48) }]),
];

describe('page trace: what each long task ran', () => {
  it('names the navigation commit, the first layout, our script, the bench, a collection and later layout, in order', () => {
    expect(visitLongTasks(visit(ours))?.map((t) => [t.atMs, t.kind, t.afterDomLoaded])).toEqual([
      [10, 'navigation commit', false],
      [80, 'first layout', true],
      [200, 'our script', true],
      [400, 'bench (DevTools call)', true],
      [500, 'garbage collection', true],
      [1100, 'layout', true],
    ]);
  });

  it("counts the task that evaluated the content script in the extension's window", () => {
    const t = mainThreadTasks(visit(ours));
    expect(t?.evaluateMs).toBe(53);
    expect(t?.drawing.long).toEqual([55, 60, 60]);
    expect(t?.drawing.longWithScript).toEqual([55]);
    expect(t?.drawing.longestMs).toBe(60);
    expect(t?.scrolling.long).toEqual([80]);
  });

  it("names the browser's capture of the loaded page's text, and gives each task's CPU time when the trace has it", () => {
    const capture = task(700, 90, [{ name: 'ChromeRenderFrameObserver::CapturePageText', ts: ms(701), dur: ms(88) }]);
    capture[0].tdur = ms(31);
    const long = visitLongTasks(visit(capture))!;
    expect(long.map((t) => [t.atMs, t.kind, t.cpuMs])).toEqual([
      [10, 'navigation commit', null],
      [80, 'first layout', null],
      [700, 'page text capture', 31],
      [1100, 'layout', null],
    ]);
    expect(attributeLongTask(long[2], null)).toBe('page');
  });

  it('has no extension window without our marks, and nothing without the scroll marks', () => {
    expect(mainThreadTasks(visit([]))).toBeNull();
    expect(visitLongTasks(visit([]).filter((e) => !e.name.startsWith('bench:')))).toBeNull();
  });
});

describe('page trace: whose a long task is, next to the visit without the extension', () => {
  const alone = [{ kind: 'first layout', afterDomLoaded: true }, { kind: 'layout', afterDomLoaded: false }];
  const cases: [string, typeof alone | null, string][] = [
    ['our script', alone, 'ours'],
    ['first layout', alone, 'page'],
    ['navigation commit', alone, 'page'],
    ['page text capture', alone, 'page'],
    ['bench (DevTools call)', alone, 'bench'],
    // the page alone lays out only while loading its DOM: a layout after that is ours
    ['layout', alone, 'caused'],
    ['garbage collection', alone, 'caused'],
    ['layout', [...alone, { kind: 'layout', afterDomLoaded: true }], 'unattributed'],
    ['layout', null, 'unattributed'],
    ['other', alone, 'unattributed'],
  ];
  it.each(cases)('%s (page alone: %j) → %s', (kind, without, who) => {
    expect(attributeLongTask({ kind }, without)).toBe(who);
  });
});
