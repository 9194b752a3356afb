// lib/page/page-session.ts in jsdom: the states of one page's run, what the page may see of them,
// and the faults a page or a stopped background can cause. The background is a function here:
// the real extraction with every quote "new", or one that fails the way a browser fails.
import { describe, it, expect, vi, afterEach } from 'vitest';
import { JSDOM } from 'jsdom';
import fs from 'node:fs';
import path from 'node:path';
import { PageSession, TRANSITIONS, RETRY_DELAYS_MS, type OverlayModel, type SessionEnv, type SessionState } from '../lib/page/page-session';
import { createOverlayHost, type OverlayHost } from '../lib/page/overlay-host';
import { readerParts } from '../lib/page/reader-parts';
import { MEASURE_SCREENS } from '../lib/page/view-band';
import { extractQuotes } from '../lib/extract';
import { HandlerError, type PauseSettings } from '../lib/messages';
import type { PagePayload, PageResult } from '../lib/types';

const PAGES = path.resolve(__dirname, 'fixtures/pages');
const manifest = JSON.parse(fs.readFileSync(path.join(PAGES, 'manifest.json'), 'utf8')) as { pages: Array<{ file: string }> };
const SEED = manifest.pages[0].file;

function loadPage(file = SEED) {
  const dom = new JSDOM(fs.readFileSync(path.join(PAGES, file), 'utf8'), { url: `https://${file}`, pretendToBeVisual: true });
  return dom;
}

function resultFor(payload: PagePayload): PageResult {
  const quotes = extractQuotes(payload.text).map((q) => ({ ...q, status: q.kind === 'term' ? ('term' as const) : ('new' as const), variants: [] }));
  return { url: payload.url, outlet: payload.outlet, title: payload.title, partial: payload.partial, quotes };
}

const RUNNING: PauseSettings = { globalPaused: false, pausedSites: [] };

interface Harness {
  session: PageSession;
  dom: JSDOM;
  doc: Document;
  hosts: OverlayHost[];
  models: OverlayModel[];
  reports: string[];
  env: SessionEnv;
}

function harness(overrides: Partial<SessionEnv> = {}, dom = loadPage()): Harness {
  const doc = dom.window.document;
  const hosts: OverlayHost[] = [];
  const models: OverlayModel[] = [];
  const reports: string[] = [];
  const env: SessionEnv = {
    doc,
    createOverlay: () => {
      const host = createOverlayHost(doc, { css: '' });
      hosts.push(host);
      return host;
    },
    render: (model) => models.push(model),
    readerParts: async () => readerParts,
    getSettings: async () => RUNNING,
    analyzePage: async (payload) => resultFor(payload),
    report: (where, err) => reports.push(`${where}: ${err instanceof Error ? err.message : String(err)}`),
    sleep: async () => {},
    ...overrides,
  };
  return { session: new PageSession(env), dom, doc, hosts, models, reports, env };
}

const hostOf = (doc: Document) => doc.querySelector('verbatim-root');
const shownState = (doc: Document) => ({ state: hostOf(doc)?.getAttribute('data-state'), count: Number(hostOf(doc)?.getAttribute('data-quote-count')) });

afterEach(() => {
  vi.restoreAllMocks();
});

describe('page session states', () => {
  it('every state can be left, and every state a run ends in can start a new run', () => {
    const states = Object.keys(TRANSITIONS) as SessionState[];
    for (const s of states) {
      expect(TRANSITIONS[s].length, s).toBeGreaterThan(0);
      expect(TRANSITIONS[s], s).toContain('waiting');
      for (const t of TRANSITIONS[s]) expect(states).toContain(t);
    }
    for (const settled of ['done', 'skipped', 'paused', 'error'] as const) expect(TRANSITIONS[settled]).toContain('reading');
  });

  it('reads an article page, asks the background once, and ends done with its quote count', async () => {
    const analyzePage = vi.fn(async (p: PagePayload) => resultFor(p));
    const h = harness({ analyzePage });
    expect(h.session.state).toBe('waiting');
    const st = await h.session.run(false);
    expect(st.state).toBe('done');
    expect(st.quoteCount).toBeGreaterThan(0);
    expect(analyzePage).toHaveBeenCalledTimes(1);
    expect(h.session.state).toBe('done');
    expect(shownState(h.doc)).toEqual({ state: 'done', count: st.quoteCount });
    expect(h.session.statementIds.length).toBeGreaterThan(0);
    // the overlay got the statements' markers
    const last = h.models[h.models.length - 1];
    expect(last.markers.map((m) => m.id)).toEqual(h.session.statementIds);
  });

  it('one run at a time: a second run while one is going gets the same answer', async () => {
    const analyzePage = vi.fn(async (p: PagePayload) => resultFor(p));
    const h = harness({ analyzePage });
    const [a, b] = await Promise.all([h.session.run(false), h.session.run(true)]);
    expect(a).toEqual(b);
    expect(analyzePage).toHaveBeenCalledTimes(1);
  });

  it('a paused site is left alone; forcing reads it anyway', async () => {
    const h = harness({ getSettings: async () => ({ globalPaused: false, pausedSites: [new URL(`https://${SEED}`).hostname] }) });
    expect((await h.session.run(false)).state).toBe('paused');
    expect(shownState(h.doc).count).toBe(0);
    expect((await h.session.run(true)).state).toBe('done');
  });

  it('a page that is no article is skipped unless forced, and a page without text is skipped even then', async () => {
    const dom = new JSDOM('<!doctype html><title>Shop</title><body><nav><a href="/">Home</a></nav></body>', { url: 'https://shop.example/', pretendToBeVisual: true });
    const h = harness({}, dom);
    expect((await h.session.run(false)).state).toBe('skipped');
    expect((await h.session.run(true)).state).toBe('skipped');
  });

  it('navigation while the background works: the old answer is not drawn, the page waits for the next run', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const h = harness({ analyzePage: async (p) => { await gate; return resultFor(p); } });
    const run = h.session.run(false);
    await vi.waitFor(() => expect(h.session.state).toBe('analysing'));
    h.session.navigated();
    release();
    const st = await run;
    expect(st.state).toBe('waiting');
    expect(h.session.statementIds).toEqual([]);
    expect(shownState(h.doc).state).toBe('waiting');
  });
});

describe('page session faults', () => {
  it('retries when the background went away mid-page (a stopped service worker), then draws', async () => {
    let calls = 0;
    const waits: number[] = [];
    const h = harness({
      analyzePage: async (p) => {
        calls += 1;
        if (calls < 3) throw new Error('Could not establish connection. Receiving end does not exist.');
        return resultFor(p);
      },
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    const st = await h.session.run(false);
    expect(st.state).toBe('done');
    expect(calls).toBe(3);
    expect(waits).toEqual(RETRY_DELAYS_MS.slice(0, 2));
  });

  it('gives up after the last retry, and a later run starts again from the error', async () => {
    let away = true;
    const analyzePage = vi.fn(async (p: PagePayload) => {
      if (away) throw new Error('The message port closed before a response was received.');
      return resultFor(p);
    });
    const h = harness({ analyzePage });
    expect((await h.session.run(false)).state).toBe('error');
    expect(analyzePage).toHaveBeenCalledTimes(RETRY_DELAYS_MS.length + 1);
    away = false;
    expect((await h.session.run(true)).state).toBe('done');
  });

  it('does not retry an answer that is an error: the background is there and failed', async () => {
    const analyzePage = vi.fn(async () => {
      throw new HandlerError('QuotaExceededError');
    });
    const h = harness({ analyzePage });
    expect((await h.session.run(false)).state).toBe('error');
    expect(analyzePage).toHaveBeenCalledTimes(1);
    expect(h.reports.join('\n')).toMatch(/QuotaExceededError/);
  });

  it('a page that empties its body while the background works does not show a stale "done"', async () => {
    const h = harness({
      analyzePage: async (p) => {
        h.doc.body.textContent = '';
        return resultFor(p);
      },
    });
    const st = await h.session.run(false);
    expect(st.state).not.toBe('done');
    expect(shownState(h.doc)).toEqual({ state: 'skipped', count: 0 });
    expect(h.session.statementIds).toEqual([]);
  });

  it('a page that replaces its article nodes with the same text keeps its quotes drawn', async () => {
    const h = harness({
      analyzePage: async (p) => {
        const article = h.doc.querySelector('article') ?? h.doc.body;
        const html = article.innerHTML;
        article.innerHTML = html;
        return resultFor(p);
      },
    });
    const st = await h.session.run(false);
    expect(st.state).toBe('done');
    expect(h.session.statementIds.length).toBeGreaterThan(0);
    expect(h.hosts.at(-1)!.highlighter.rangesOf(h.session.statementIds[0])[0].startContainer.isConnected).toBe(true);
  });

  it('a page that removes the host gets a new one on the next state change', async () => {
    const h = harness();
    await h.session.run(false);
    hostOf(h.doc)!.remove();
    h.session.navigated();
    expect(hostOf(h.doc)?.getAttribute('data-state')).toBe('waiting');
    expect(h.doc.querySelectorAll('verbatim-root').length).toBe(1);
  });
});

describe('what the page can see', () => {
  it('the host has a closed shadow root: the page cannot reach markers or cards', async () => {
    const h = harness();
    await h.session.run(false);
    const host = hostOf(h.doc)!;
    expect(host.shadowRoot).toBeNull();
    expect(host.children.length).toBe(0);
    expect([...host.attributes].map((a) => a.name).sort()).toEqual(['data-highlight-mode', 'data-quote-count', 'data-state']);
  });

  it("a click the page's script makes does not open a card; the reader's click does", async () => {
    const h = harness();
    await h.session.run(false);
    const id = h.session.statementIds[0];
    const host = h.hosts.at(-1)!;
    vi.spyOn(host.highlighter, 'hitTest').mockReturnValue(id);
    const synthetic = new h.dom.window.MouseEvent('click', { bubbles: true, clientX: 5, clientY: 5, button: 0 });
    h.doc.body.dispatchEvent(synthetic);
    h.session.click(synthetic);
    expect(h.session.openId).toBeNull();
    // The same event as the browser marks a real one.
    const trusted = new Proxy(synthetic, { get: (t, k) => (k === 'isTrusted' ? true : Reflect.get(t, k, t)) });
    h.session.click(trusted);
    expect(h.session.openId).toBe(id);
    const esc = new h.dom.window.KeyboardEvent('keydown', { key: 'Escape' });
    h.session.escape(esc);
    expect(h.session.openId).toBe(id);
    h.session.escape(new Proxy(esc, { get: (t, k) => (k === 'isTrusted' ? true : Reflect.get(t, k, t)) }));
    expect(h.session.openId).toBeNull();
  });
});

describe('markers on the page', () => {
  it('a quote in content the page hides gets no marker', async () => {
    const h = harness();
    const win = h.dom.window as unknown as { Element: typeof Element; Range: typeof Range };
    // jsdom has no layout: give every range a box, and hide the article's first quoted paragraph.
    const rect = { top: 100, bottom: 118, left: 300, right: 310, width: 10, height: 18, x: 300, y: 100, toJSON() {} } as DOMRect;
    win.Range.prototype.getClientRects = function () {
      return [rect] as unknown as DOMRectList;
    };
    let hidden: Element | null = null;
    (win.Element.prototype as Element & { checkVisibility: () => boolean }).checkVisibility = function (this: Element) {
      return !(hidden && (hidden === this || hidden.contains(this)));
    };
    await h.session.run(false);
    await new Promise((r) => setTimeout(r, 50));
    const before = h.models.at(-1)!.markers;
    expect(before.length).toBeGreaterThan(1);
    expect(before.every((m) => m.at !== null)).toBe(true);
    const firstId = before[0].id;
    hidden = h.hosts.at(-1)!.highlighter.rangesOf(firstId)[0].startContainer.parentElement!;
    h.session.layoutChanged();
    await new Promise((r) => setTimeout(r, 50));
    const after = h.models.at(-1)!.markers;
    expect(after.find((m) => m.id === firstId)!.at).toBeNull();
    expect(after.filter((m) => m.id !== firstId).every((m) => m.at !== null)).toBe(true);
  });
});

/** A page's highlight registry and Highlight class, as the browser gives them (jsdom has neither). */
class FakeHighlight {
  priority = 0;
  ranges = new Set<Range>();
  add(r: Range) {
    this.ranges.add(r);
  }
  delete(r: Range) {
    return this.ranges.delete(r);
  }
}

function withHighlightApi(dom: JSDOM): Map<string, FakeHighlight> {
  const registry = new Map<string, FakeHighlight>();
  Object.assign(dom.window, { CSS: { highlights: registry }, Highlight: FakeHighlight });
  return registry;
}

/** jsdom has no layout: each paragraph (or heading) gets a line LINE_GAP px below the one before
 *  it, and the window a scroll position the test sets. */
function fakeLayout(h: Harness) {
  const win = h.dom.window as unknown as Window & { Range: typeof Range; Element: typeof Element };
  const LINES = 'p, h1, h2, h3, h4, h5, h6';
  // looked up at each measure: a page that re-renders gets the same layout on its new nodes
  const lines = () => [...h.doc.querySelectorAll(LINES)];
  const layout = { scrollY: 0, farMeasured: 0 };
  Object.defineProperty(win, 'scrollY', { get: () => layout.scrollY, configurable: true });
  const rect = (top: number, height: number) => ({ top, bottom: top + height, left: 300, right: 310, width: 10, height, x: 300, y: top, toJSON() {} });
  const lineOf = (node: Node) => lines().indexOf((node.nodeType === 1 ? (node as Element) : node.parentElement)?.closest(LINES) as Element);
  win.Range.prototype.getClientRects = function (this: Range) {
    const top = Math.max(0, lineOf(this.startContainer)) * LINE_GAP - layout.scrollY;
    // markers measured (a quote's first character) more than four screens below the view
    if (top > 4 * win.innerHeight && this.toString().length === 1) layout.farMeasured++;
    return [rect(top, 18)] as unknown as DOMRectList;
  };
  // each paragraph one line high; the overlay's host sits at the top of the document
  const elementBox = win.Element.prototype.getBoundingClientRect;
  win.Element.prototype.getBoundingClientRect = function (this: Element) {
    const at = lines().indexOf(this);
    if (at >= 0) return rect(at * LINE_GAP - layout.scrollY, 18) as DOMRect;
    if (this.localName === 'verbatim-root') return rect(-layout.scrollY, 0) as DOMRect;
    return elementBox.call(this);
  };
  // scrolling a paragraph into the middle of the view moves the window there
  win.Element.prototype.scrollIntoView = function (this: Element) {
    const at = lineOf(this);
    if (at >= 0) layout.scrollY = Math.max(0, at * LINE_GAP - win.innerHeight / 2);
  };
  const paragraphOf = (range: Range) => lineOf(range.startContainer);
  /** Whether a range's paragraph lies in the stretch measured around the view (MEASURE_SCREENS each way). */
  const near = (range: Range) => {
    const top = paragraphOf(range) * LINE_GAP - layout.scrollY;
    return top + 18 >= -MEASURE_SCREENS * win.innerHeight && top <= (MEASURE_SCREENS + 1) * win.innerHeight;
  };
  return { win, layout, paragraphOf, near };
}

const LINE_GAP = 300;
const settle = (ms = 100) => new Promise((r) => setTimeout(r, ms));

describe('markers near the view', () => {
  it('draws the markers of quotes near the view, and those of quotes scrolled to later', async () => {
    const h = harness();
    const { win, layout, paragraphOf: paragraphOfRange } = fakeLayout(h);
    await h.session.run(false);
    await settle(50);
    // quotes far from the view are not measured: their paragraph's box tells they are far
    expect(layout.farMeasured).toBe(0);
    const ids = h.session.statementIds;
    const shown = () => new Set(h.models.at(-1)!.markers.filter((m) => m.at).map((m) => m.id));
    const paragraphOf = (id: string) => paragraphOfRange(h.hosts.at(-1)!.highlighter.rangesOf(id)[0]);
    const first = ids[0];
    const last = ids[ids.length - 1];
    // the seed's quotes span more than the band: the last one is far below the first screen
    expect(paragraphOf(last) * LINE_GAP).toBeGreaterThan(5 * win.innerHeight);
    expect(shown().has(first)).toBe(true);
    expect(shown().has(last)).toBe(false);
    // every marker of the page stays in the model, placed or not, in text order
    expect(h.models.at(-1)!.markers.map((m) => m.id)).toEqual(ids);

    layout.scrollY = paragraphOf(last) * LINE_GAP - 100;
    h.session.scrolled();
    await settle();
    expect(shown().has(last)).toBe(true);
    expect(shown().has(first)).toBe(false);
    // placed where the quote is in the document: its line's middle, less the marker's shift
    const marker = h.models.at(-1)!.markers.find((m) => m.id === last)!;
    expect(Math.abs(marker.at!.top - paragraphOf(last) * LINE_GAP)).toBeLessThan(20);

    // a small scroll inside the band draws nothing again
    const renders = h.models.length;
    layout.scrollY += 50;
    h.session.scrolled();
    await settle();
    expect(h.models.length).toBe(renders);
  });
});

describe('highlights near the view', () => {
  it('the page registry holds the quotes and terms near the view only, follows a scroll, and a quote shown from the popup', async () => {
    const dom = loadPage();
    const registry = withHighlightApi(dom);
    const h = harness({}, dom);
    const { layout, paragraphOf, near } = fakeLayout(h);
    await h.session.run(false);
    await settle(50);
    const highlighter = h.hosts.at(-1)!.highlighter;
    expect(highlighter.mode).toBe('highlight');
    const registered = () => new Set([...registry.values()].flatMap((hl) => [...hl.ranges]));
    const all = highlighter.items.map((i) => i.range);
    const check = () => {
      const now = registered();
      for (const r of all) expect(now.has(r), `${r.toString().slice(0, 40)} at ${paragraphOf(r) * LINE_GAP}, view at ${layout.scrollY}`).toBe(near(r));
    };
    // the seed has terms and statements near its top and far below it
    expect(all.length).toBeGreaterThan(registered().size);
    expect(highlighter.items.some((i) => i.status === 'term' && !near(i.range))).toBe(true);
    check();

    const ids = h.session.statementIds;
    const first = ids[0];
    const last = ids[ids.length - 1];
    layout.scrollY = paragraphOf(highlighter.rangesOf(last)[0]) * LINE_GAP - 100;
    h.session.scrolled();
    await settle();
    expect(registered().has(highlighter.rangesOf(first)[0])).toBe(false);
    expect(registered().has(highlighter.rangesOf(last)[0])).toBe(true);
    check();

    // the popup asks for the first quote: the page scrolls there (the browser's scroll event calls scrolled())
    expect(h.session.showQuote(first)).toBe(true);
    h.session.scrolled();
    await settle();
    expect(h.session.openId).toBe(first);
    expect(registered().has(highlighter.rangesOf(first)[0])).toBe(true);
    check();
    // names only, never a status
    for (const name of registry.keys()) expect(['verbatim-quote', 'verbatim-term']).toContain(name);
  });

  it('a page that re-renders its article keeps the quotes near the view registered, on its new nodes', async () => {
    const dom = loadPage();
    const registry = withHighlightApi(dom);
    const h = harness({}, dom);
    const { near } = fakeLayout(h);
    await h.session.run(false);
    await settle(50);
    const registered = () => [...registry.values()].flatMap((hl) => [...hl.ranges]);
    const before = registered().map(String);
    expect(before.length).toBeGreaterThan(0);
    const article = h.doc.querySelector('article') ?? h.doc.body;
    const html = article.innerHTML;
    article.innerHTML = html;
    // the old ranges collapse where their nodes were; the page is drawn again once its changes settle
    await vi.waitFor(() => expect(registered().every((r) => !r.collapsed)).toBe(true), { timeout: 3000 });
    await settle();
    expect(registered().map(String).sort()).toEqual(before.sort());
    expect(registered().every(near)).toBe(true);
  });

  it('after a scroll, measures the paragraphs near the view only, and all of them again once the page moved its text unseen', async () => {
    const dom = loadPage();
    const registry = withHighlightApi(dom);
    const h = harness({}, dom);
    const { win, layout, paragraphOf } = fakeLayout(h);
    await h.session.run(false);
    await settle(50);
    const highlighter = h.hosts.at(-1)!.highlighter;
    const registered = () => new Set([...registry.values()].flatMap((hl) => [...hl.ranges]));
    // a banner may push the text down without the page's size changing as the watch sees it
    let shift = 0;
    const measured = new Set<Element>();
    const box = win.Element.prototype.getBoundingClientRect;
    win.Element.prototype.getBoundingClientRect = function (this: Element) {
      measured.add(this);
      const r = box.call(this);
      return shift ? ({ ...r, top: r.top + shift, bottom: r.bottom + shift } as DOMRect) : r;
    };
    const range = win.Range.prototype.getClientRects;
    win.Range.prototype.getClientRects = function (this: Range) {
      return Array.from(range.call(this) as unknown as DOMRect[]).map((r) => ({ ...r, top: r.top + shift, bottom: r.bottom + shift })) as unknown as DOMRectList;
    };
    const nearNow = (r: Range) => {
      const top = paragraphOf(r) * LINE_GAP + shift - layout.scrollY;
      return top + 18 >= -MEASURE_SCREENS * win.innerHeight && top <= (MEASURE_SCREENS + 1) * win.innerHeight;
    };
    const blockOfRange = (r: Range) => r.startContainer.parentElement!.closest('p, h1, h2, h3, h4, h5, h6')!;
    const last = h.session.statementIds.at(-1)!;

    layout.scrollY = paragraphOf(highlighter.rangesOf(last)[0]) * LINE_GAP - 100;
    h.session.scrolled();
    await settle();
    const far = highlighter.items.filter((i) => !nearNow(i.range)).map((i) => blockOfRange(i.range));
    expect(far.length).toBeGreaterThan(0);
    expect(far.filter((b) => measured.has(b))).toEqual([]);
    for (const item of highlighter.items) expect(registered().has(item.range)).toBe(nearNow(item.range));

    // the text moves up by two screens unseen (quotes recorded below the stretch near the view are
    // in it now); the next scroll finds the paragraphs it measures moved, and measures them all
    shift = -2 * win.innerHeight;
    const ids = h.session.statementIds;
    layout.scrollY = paragraphOf(highlighter.rangesOf(ids[Math.floor(ids.length / 3)])[0]) * LINE_GAP;
    expect(highlighter.items.some((i) => nearNow(i.range) && paragraphOf(i.range) * LINE_GAP - layout.scrollY > (MEASURE_SCREENS + 1) * win.innerHeight)).toBe(true);
    h.session.scrolled();
    await vi.waitFor(() => {
      for (const item of highlighter.items) expect(registered().has(item.range)).toBe(nearNow(item.range));
    }, { timeout: 3000 });
  });

  it('a scroll while the quotes are being measured is looked at once the measure is done', async () => {
    const dom = loadPage();
    const registry = withHighlightApi(dom);
    // a slow page: every clock reading is 4 ms later, so a measure pauses every few quotes
    let t = 0;
    (dom.window.performance as { now: () => number }).now = () => (t += 4);
    let onPause: (() => void) | null = null;
    const h = harness({ pause: () => new Promise((r) => { const f = onPause; onPause = null; f?.(); setTimeout(r, 0); }) }, dom);
    const { layout, paragraphOf, near } = fakeLayout(h);
    await h.session.run(false);
    await settle(50);
    const highlighter = h.hosts.at(-1)!.highlighter;
    const last = h.session.statementIds.at(-1)!;
    const registered = () => new Set([...registry.values()].flatMap((hl) => [...hl.ranges]));
    // the page reflows, and while its quotes are measured the reader jumps to the end
    onPause = () => {
      layout.scrollY = paragraphOf(highlighter.rangesOf(last)[0]) * LINE_GAP - 100;
      h.session.scrolled();
    };
    h.session.layoutChanged();
    await vi.waitFor(() => expect(onPause).toBeNull());
    // waited for, not slept on: the measure goes on in slices for as long as the machine takes
    await vi.waitFor(() => {
      const shown = registered();
      for (const item of highlighter.items) expect(shown.has(item.range)).toBe(near(item.range));
      expect(h.models.at(-1)!.markers.find((m) => m.id === last)!.at).not.toBeNull();
    }, { timeout: 5000 });
  });

  it('the fallback draws boxes for the quotes near the view only', async () => {
    const h = harness({
      createOverlay: () => {
        const host = createOverlayHost(h.doc, { css: '', shadowMode: 'open' });
        h.hosts.push(host);
        return host;
      },
    });
    const { layout, paragraphOf, near } = fakeLayout(h);
    await h.session.run(false);
    await settle(50);
    const highlighter = h.hosts.at(-1)!.highlighter;
    expect(highlighter.mode).toBe('fallback');
    const boxed = () => new Set([...hostOf(h.doc)!.shadowRoot!.querySelectorAll<HTMLElement>('.vb-box')].map((b) => b.dataset.quoteId));
    const nearIds = () => new Set(highlighter.items.filter((i) => near(i.range)).map((i) => i.id));
    expect(boxed()).toEqual(nearIds());
    expect(boxed().size).toBeLessThan(new Set(highlighter.items.map((i) => i.id)).size);
    const last = h.session.statementIds.at(-1)!;
    layout.scrollY = paragraphOf(highlighter.rangesOf(last)[0]) * LINE_GAP - 100;
    h.session.scrolled();
    await settle();
    expect(boxed().has(last)).toBe(true);
    expect(boxed()).toEqual(nearIds());
  });
});

describe('main-thread work in slices', () => {
  it('anchors and measures quotes a slice at a time, and still draws every one of them', async () => {
    const dom = loadPage();
    // A slow page: every clock reading is 4 ms later, so a slice holds a few steps.
    let t = 0;
    (dom.window.performance as { now: () => number }).now = () => (t += 4);
    let pauses = 0;
    const h = harness({ pause: () => new Promise((r) => { pauses++; setTimeout(r, 0); }) }, dom);
    const whole = harness({}, loadPage());
    expect((await h.session.run(false)).state).toBe('done');
    expect((await whole.session.run(false)).state).toBe('done');
    // two pauses belong to reading the article; the rest cut anchoring and marker measuring
    expect(pauses).toBeGreaterThan(2 + h.session.statementIds.length / 4);
    expect(h.session.statementIds).toEqual(whole.session.statementIds);
    expect(h.models.at(-1)!.markers.map((m) => m.id)).toEqual(whole.models.at(-1)!.markers.map((m) => m.id));
    const ranges = (x: Harness) => x.session.statementIds.map((id) => x.hosts.at(-1)!.highlighter.rangesOf(id).map((r) => r.toString()));
    expect(ranges(h)).toEqual(ranges(whole));
  });
});
