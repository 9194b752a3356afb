// The content script: eyes and hands on the page. Reads the article's text, sends it to the
// background in one message, and draws what comes back — highlights through the CSS Custom
// Highlight API, markers and the variants card in its own shadow root. It never modifies the
// page's nodes and never throws into the page: problems are reported to the background.
import '@/components/page-highlights.css';
import baseCss from '@/components/base.css?inline';
import overlayCss from '@/components/overlay.css?inline';
import { browser } from 'wxt/browser';
import { h, render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { readArticle, readArticleInSteps, rangeFor, isArticleLike } from '@/lib/page/article';
import { createHighlighter, type Highlighter, type HighlightItem } from '@/lib/page/highlight';
import { anchorQuote, quoteSelector, type QuoteSelector } from '@/lib/page/anchor';
import { statementsOf, type StatementView } from '@/lib/status';
import { envelope, isErrorReply, type MessageType, type PageRunState, type Reply, type Request } from '@/lib/messages';
import type { PageResult } from '@/lib/types';
import { isPaused } from '@/lib/settings';
import { PageOverlay, type MarkerView, type OverlayProps } from '@/components/PageOverlay';

/** Quiet time after the last DOM change before re-checking the article: lets a burst of late-loaded paragraphs settle. */
const MUTATION_DEBOUNCE_MS = 800;
/** Stop watching the article after this long without changes: the page has settled and watching costs time. */
const OBSERVE_IDLE_MS = 20000;
/** Text growth (share of the old length) that counts as late-loaded article text, worth a new analysis. */
const LATE_TEXT_GROWTH = 0.1;
/** New analyses of one page caused by changes: a live-updating page must not keep the background busy. */
const MAX_REANALYSES = 3;
/** Re-reads of one page's article after DOM changes: each costs a Readability pass, so a live-updating page stops being followed. */
const MAX_REREADS = 12;
/** After an in-page navigation, time for the new view to render before reading it. */
const NAVIGATION_SETTLE_MS = 600;
/** Gap between a quote and its card. */
const CARD_GAP_PX = 8;
/** How far a marker sticks out above its quote's first line (overlay.css): a card above must clear it. */
const MARKER_RISE_PX = 16;
/** A marker's centre stays this far from the viewport's left edge (it is 20 px wide). */
const MARKER_MIN_LEFT_PX = 12;
/** Room the card needs below a quote before it opens above it instead. */
const CARD_ROOM_PX = 320;
/** The card never gets shorter than this: on a screen filled by one long quote it extends past the edge instead. */
const CARD_MIN_HEIGHT_PX = 180;
/** The card's width in CSS px (kept in step with overlay.css). */
const CARD_WIDTH_PX = 400;

type ArticleRead = NonNullable<ReturnType<typeof readArticle>>;
type Status = PageResult['quotes'][number]['status'];
/** A drawn quote: where it is in the article text, its status, and the marker/card id it belongs to. */
interface Anchored {
  selector: QuoteSelector;
  status: Status;
  key: string;
}
interface Span {
  key: string;
  status: Status;
  start: number;
  end: number;
}
type RunState = PageRunState['state'];

interface Drawn {
  result: PageResult;
  read: ArticleRead;
  statements: StatementView[];
  /** Statement id (or term id) → its selector in the text the result's offsets point into. */
  selectors: Map<string, Anchored>;
  /** Text length of the article container when drawn: a cheap "did the text change?" signal. */
  containerTextLength: number;
  container: Node | null;
}

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  main(ctx) {
    const g = globalThis as unknown as { __verbatimContent?: boolean };
    // Injected again on demand into a tab that already runs it: the live instance answers.
    if (g.__verbatimContent) return;
    g.__verbatimContent = true;
    try {
      startPage(ctx);
    } catch (err) {
      report('start', err);
    }
  },
});

function report(where: string, err: unknown): void {
  try {
    const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    browser.runtime.sendMessage(envelope('reportProblem', { where, message })).catch(() => {});
  } catch {
    // The extension was reloaded or removed; nothing to tell.
  }
}

async function send<T extends MessageType>(type: T, payload: Request<T>): Promise<Reply<T>> {
  const reply = (await browser.runtime.sendMessage(envelope(type, payload))) as unknown;
  if (isErrorReply(reply)) throw new Error(reply.error);
  return reply as Reply<T>;
}

function measure(name: string, startMark: string): void {
  try {
    performance.measure(name, startMark);
  } catch {
    // marks are best effort
  }
}

/**
 * Between the steps of a read: closes the current slice of verbatim:read (the bench sums every
 * slice), lets the page run a task, and opens the next slice.
 */
function readPause(): Promise<void> {
  measure('verbatim:read', 'verbatim:read:start');
  // A message to ourselves is the next task, and unlike a timer it is not throttled in hidden tabs.
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      performance.mark('verbatim:read:start');
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

function startPage(ctx: ContentScriptContext): void {
  const doc = document;
  let host: HTMLElement | null = null;
  let mount: HTMLElement | null = null;
  let highlighter: Highlighter | null = null;
  let drawn: Drawn | null = null;
  let open: { id: string; byKeyboard: boolean } | null = null;
  let running: Promise<PageRunState> | null = null;
  let reanalyses = 0;
  let rereads = 0;
  let observer: MutationObserver | null = null;
  let resizeObserver: ResizeObserver | null = null;
  let debounceTimer = 0;
  let idleTimer = 0;
  let layoutFrame = 0;

  function ensureHost(): void {
    if (host?.isConnected && mount && highlighter) return;
    host?.remove();
    host = doc.createElement('verbatim-root');
    const shadow = host.attachShadow({ mode: 'open' });
    const style = doc.createElement('style');
    style.textContent = `${baseCss}\n${overlayCss}`;
    const layer = doc.createElement('div');
    layer.className = 'vb-theme vb-overlay';
    mount = doc.createElement('div');
    layer.appendChild(mount);
    shadow.append(style, layer);
    doc.documentElement.appendChild(host);
    highlighter = createHighlighter(doc, layer, { forceFallback: forceFallback(), origin: hostOrigin });
    host.setAttribute('data-highlight-mode', highlighter.mode);
  }

  function hostOrigin(): { x: number; y: number } {
    const r = host?.getBoundingClientRect();
    return { x: r?.left ?? 0, y: r?.top ?? 0 };
  }

  function setState(next: RunState, count = drawn?.result.quotes.length ?? 0): PageRunState {
    ensureHost();
    host!.setAttribute('data-state', next);
    host!.setAttribute('data-quote-count', String(next === 'done' ? count : 0));
    return { state: next, quoteCount: next === 'done' ? count : 0 };
  }

  // ---- drawing ------------------------------------------------------------------------------

  function markerViews(): MarkerView[] {
    if (!drawn || !highlighter) return [];
    const o = hostOrigin();
    return drawn.statements.map((s) => {
      const first = highlighter!.rangesOf(s.id)[0];
      const rect = first ? startRect(first) : undefined;
      return {
        id: s.id,
        status: s.status,
        speaker: s.speaker,
        // Markers sit over the quote's start, but never half off the left edge of the page.
        at: rect ? { top: rect.top - o.y, left: Math.max(MARKER_MIN_LEFT_PX, rect.left) - o.x } : null,
      };
    });
  }

  /**
   * The box of a range's first character: where its marker goes. Same top-left as the range's
   * first line box, but the browser measures one character instead of every line of the quote.
   */
  function startRect(range: Range): DOMRect | undefined {
    const node = range.startContainer;
    const at = range.startOffset;
    if (node.nodeType === Node.TEXT_NODE && at < (node as Text).length) {
      const one = doc.createRange();
      one.setStart(node, at);
      one.setEnd(node, at + 1);
      const rect = one.getClientRects()[0];
      if (rect) return rect;
    }
    return range.getClientRects()[0];
  }

  function cardPosition(id: string): { top: number; left: number; above: boolean; maxHeight: number } {
    const o = hostOrigin();
    const rects = (highlighter?.rangesOf(id) ?? []).flatMap((r) => Array.from(r.getClientRects()));
    if (rects.length === 0) return { top: window.scrollY + 40 - o.y, left: 16 - o.x, above: false, maxHeight: CARD_ROOM_PX };
    const top = Math.min(...rects.map((r) => r.top));
    const bottom = Math.max(...rects.map((r) => r.bottom));
    const viewW = doc.documentElement.clientWidth || window.innerWidth;
    const viewH = window.innerHeight;
    const width = Math.min(CARD_WIDTH_PX, viewW - 16);
    const left = Math.max(8, Math.min(Math.min(...rects.map((r) => r.left)), viewW - width - 8));
    // Below the quote when it fits there (or has more room there); never over the quote itself.
    const roomBelow = viewH - bottom - CARD_GAP_PX - 8;
    const roomAbove = top - CARD_GAP_PX - MARKER_RISE_PX - 8;
    const above = roomBelow < CARD_ROOM_PX && roomAbove > roomBelow;
    return {
      top: (above ? top - CARD_GAP_PX - MARKER_RISE_PX : bottom + CARD_GAP_PX) - o.y,
      left: left - o.x,
      above,
      maxHeight: Math.max(CARD_MIN_HEIGHT_PX, above ? roomAbove : roomBelow),
    };
  }

  function paint(): void {
    if (!mount) return;
    const statement = open && drawn ? drawn.statements.find((s) => s.id === open!.id) : undefined;
    const props: OverlayProps = {
      markers: markerViews(),
      open: statement
        ? {
            statement,
            page: { outlet: drawn?.result.outlet ?? null, published: drawn?.result.published ?? null, firstSeen: drawn?.result.firstSeen ?? null },
            position: cardPosition(statement.id),
            autoFocus: open!.byKeyboard,
          }
        : null,
      onOpen: (id, byKeyboard) => openCard(id, byKeyboard),
      onClose: () => closeCard(),
    };
    render(h(PageOverlay, props), mount);
  }

  function safely(where: string, fn: () => void): void {
    try {
      fn();
    } catch (err) {
      report(where, err);
    }
  }

  function openCard(id: string, byKeyboard: boolean): void {
    safely('open card', () => {
      open = open?.id === id && !byKeyboard ? null : { id, byKeyboard };
      paint();
    });
  }

  function closeCard(): void {
    safely('close card', () => {
      if (!open) return;
      const { id, byKeyboard } = open;
      open = null;
      paint();
      if (byKeyboard) {
        const marker = host?.shadowRoot?.querySelector<HTMLElement>(`.vb-marker[data-quote-id="${CSS.escape(id)}"]`);
        marker?.focus();
      }
    });
  }

  /** Ranges for the drawn quotes, from the read's node map; statement parts share their statement's id. */
  function itemsFor(read: ArticleRead, spans: Span[]): HighlightItem[] {
    const items: HighlightItem[] = [];
    for (const s of spans) {
      const range = rangeFor(read.map, s.start, s.end, doc);
      if (range && !range.collapsed) items.push({ id: s.key, status: s.status, range });
    }
    return items;
  }

  function draw(result: PageResult, read: ArticleRead): Promise<void> {
    ensureHost();
    const statements = statementsOf(result.quotes);
    const keyOf = new Map<string, string>();
    for (const s of statements) for (const p of s.parts) keyOf.set(p.id, s.id);
    const selectors: Drawn['selectors'] = new Map();
    const spans = result.quotes.map((q) => {
      const key = keyOf.get(q.id) ?? q.id;
      const selector = quoteSelector(read.payload.text, q.start, q.end);
      if (selector) selectors.set(q.id, { selector, status: q.status, key });
      return { key, status: q.status, start: q.start, end: q.end };
    });
    const container = articleContainer(read);
    drawn = { result, read, statements, selectors, container, containerTextLength: container?.textContent?.length ?? 0 };
    highlighter!.draw(itemsFor(read, spans));
    return paintAfterLayout();
  }

  /**
   * Markers and fallback boxes need the quotes' positions. Reading them right after the browser has
   * laid out the next frame costs little; reading them now would force a layout of the whole page.
   */
  function paintAfterLayout(): Promise<void> {
    return new Promise((resolve) => {
      const run = () =>
        safely('markers', () => {
          performance.mark('verbatim:markers:start');
          highlighter?.reposition();
          paint();
          measure('verbatim:markers', 'verbatim:markers:start');
        });
      const later = () =>
        window.setTimeout(() => {
          run();
          resolve();
        });
      // Hidden tabs get no animation frames: do not wait for one there.
      if (doc.hidden) later();
      else window.requestAnimationFrame(later);
    });
  }

  /** The element holding the article's text: the common ancestor of its first and last text nodes. */
  function articleContainer(read: ArticleRead): Node | null {
    const segments = read.map.segments;
    const first = segments[0]?.node;
    const last = segments[segments.length - 1]?.node;
    if (!first || !last || !first.isConnected || !last.isConnected) return null;
    const whole = doc.createRange();
    whole.setStart(first, 0);
    whole.setEnd(last, last.length);
    const node = whole.commonAncestorContainer;
    return node.nodeType === Node.ELEMENT_NODE ? node : node.parentNode;
  }

  function clearDrawing(): void {
    highlighter?.clear();
    drawn = null;
    open = null;
    paint();
  }

  // ---- the pipeline ------------------------------------------------------------------------

  async function analyse(force: boolean): Promise<PageRunState> {
    if (!force) {
      const settings = await send('getSettings', {});
      if (isPaused(settings, location.hostname)) {
        clearDrawing();
        return setState('paused');
      }
      if (!isArticleLike(doc)) return setState('skipped');
    }
    performance.mark('verbatim:read:start');
    const read = await readArticleInSteps(doc, location.href, readPause);
    measure('verbatim:read', 'verbatim:read:start');
    if (!read) {
      clearDrawing();
      return setState('skipped');
    }
    performance.mark('verbatim:analyze:start');
    const result = await send('analyzePage', read.payload);
    measure('verbatim:analyze', 'verbatim:analyze:start');
    performance.mark('verbatim:highlight:start');
    const placed = draw(result, read);
    measure('verbatim:highlight', 'verbatim:highlight:start');
    await placed;
    watch();
    return setState('done', result.quotes.length);
  }

  function run(force: boolean): Promise<PageRunState> {
    if (running) return running;
    running = analyse(force)
      .catch((err) => {
        report('analyse', err);
        return setState('error');
      })
      .finally(() => {
        running = null;
      });
    return running;
  }

  // ---- keeping up with the page ---------------------------------------------------------------

  function rangesAlive(): boolean {
    if (!drawn || !highlighter) return true;
    return drawn.statements.every((s) =>
      highlighter!.rangesOf(s.id).every((r) => r.startContainer.isConnected && r.endContainer.isConnected && !r.collapsed),
    );
  }

  /** Redraw at the same text offsets (the page re-rendered its nodes) or re-anchor (text moved). */
  function refresh(): void {
    if (!drawn || !highlighter) return;
    const current = drawn;
    const lengthNow = current.container?.isConnected ? (current.container.textContent?.length ?? 0) : -1;
    if (lengthNow === current.containerTextLength && rangesAlive()) {
      schedulePaint();
      return;
    }
    if (rereads >= MAX_REREADS) {
      observer?.disconnect();
      observer = null;
      return;
    }
    rereads += 1;
    const read = readArticle(doc, location.href);
    if (!read) {
      clearDrawing();
      setState('skipped');
      return;
    }
    const oldText = current.read.payload.text;
    const newText = read.payload.text;
    if (newText.length > oldText.length * (1 + LATE_TEXT_GROWTH) && reanalyses < MAX_REANALYSES) {
      reanalyses += 1;
      void run(true);
      return;
    }
    // Same text: same offsets on the new nodes. Changed text: find each quote again by its words
    // and context, and keep the new selector so later changes anchor from here.
    const spans: Span[] = [];
    const moved: Drawn['selectors'] = new Map();
    for (const [id, e] of current.selectors) {
      const a = newText === oldText ? { start: e.selector.start, end: e.selector.start + e.selector.exact.length } : anchorQuote(newText, e.selector);
      if (!a) continue;
      spans.push({ key: e.key, status: e.status, start: a.start, end: a.end });
      const selector = quoteSelector(newText, a.start, a.end);
      if (selector) moved.set(id, { ...e, selector });
    }
    const container = articleContainer(read);
    drawn = { ...current, read, container, containerTextLength: container?.textContent?.length ?? 0, selectors: moved };
    if (!observer || container !== current.container) watch();
    highlighter.draw(itemsFor(read, spans));
    void paintAfterLayout();
  }

  function watch(): void {
    observer?.disconnect();
    // Text reflows without DOM changes (web fonts, page CSS, images above the article): follow the
    // article's box so markers stay on their quotes.
    resizeObserver?.disconnect();
    if (typeof ResizeObserver === 'function') {
      // Every observe() reports the current size once: only a size that changed since is a reflow.
      const sizes = new WeakMap<Element, string>();
      resizeObserver = new ResizeObserver((entries) => {
        let changed = false;
        for (const e of entries) {
          const size = `${e.contentRect.width}x${e.contentRect.height}`;
          if (sizes.has(e.target) && sizes.get(e.target) !== size) changed = true;
          sizes.set(e.target, size);
        }
        if (changed) schedulePaint();
      });
      const box = drawn?.container;
      if (box && box.nodeType === Node.ELEMENT_NODE) resizeObserver.observe(box as Element);
      if (doc.body) resizeObserver.observe(doc.body);
    }
    const target = drawn?.container?.parentNode ?? doc.body;
    if (!target) return;
    observer = new MutationObserver((records) => {
      if (records.every((r) => host && (r.target === host || host.contains(r.target)))) return;
      window.clearTimeout(debounceTimer);
      debounceTimer = window.setTimeout(() => safely('page changed', refresh), MUTATION_DEBOUNCE_MS);
      armIdle();
    });
    observer.observe(target, { childList: true, subtree: true, characterData: true });
    armIdle();
  }

  function armIdle(): void {
    window.clearTimeout(idleTimer);
    idleTimer = window.setTimeout(() => {
      observer?.disconnect();
      observer = null;
    }, OBSERVE_IDLE_MS);
  }

  function schedulePaint(): void {
    if (layoutFrame) return;
    layoutFrame = window.requestAnimationFrame(() => {
      layoutFrame = 0;
      safely('layout', () => {
        // A re-render after the observer went idle shows up as a reflow with dead ranges.
        if (!rangesAlive()) {
          refresh();
          return;
        }
        performance.mark('verbatim:markers:start');
        highlighter?.reposition();
        paint();
        measure('verbatim:markers', 'verbatim:markers:start');
      });
    });
  }

  // ---- events ------------------------------------------------------------------------------

  ctx.addEventListener(window, 'resize', () => schedulePaint(), { passive: true });
  // Scrolling inside a page's own scroll box moves the text but not the overlay.
  ctx.addEventListener(doc, 'scroll', (e: Event) => {
    if (drawn && e.target !== doc) schedulePaint();
  }, { capture: true, passive: true });

  ctx.addEventListener(doc, 'click', (e: MouseEvent) => {
    safely('click', () => {
      if (!drawn || !highlighter || e.defaultPrevented || e.button !== 0) return;
      if (host && e.composedPath().includes(host)) return;
      const target = e.target as Element | null;
      if (target?.closest?.('a[href], button, input, textarea, select, label')) return;
      const selection = doc.getSelection();
      if (selection && !selection.isCollapsed) return;
      const id = highlighter.hitTest(e.clientX, e.clientY);
      if (id && drawn.statements.some((s) => s.id === id)) openCard(id, false);
      else if (open) closeCard();
    });
  });

  ctx.addEventListener(doc, 'keydown', (e: KeyboardEvent) => {
    if (e.key === 'Escape' && open) closeCard();
  });

  ctx.addEventListener(window, 'wxt:locationchange', () => {
    safely('navigation', () => {
      observer?.disconnect();
      clearDrawing();
      reanalyses = 0;
      rereads = 0;
      setState('waiting');
      ctx.setTimeout(() => void run(false), NAVIGATION_SETTLE_MS);
    });
  });

  function showQuote(id: string): boolean {
    const first = highlighter?.rangesOf(id)[0];
    if (!drawn || !first || !drawn.statements.some((s) => s.id === id)) return false;
    const el = first.startContainer.parentElement;
    el?.scrollIntoView({ block: 'center' });
    open = { id, byKeyboard: true };
    paint();
    return true;
  }

  const onMessage = (message: unknown, _sender: unknown, sendResponse: (r: unknown) => void) => {
    const m = message as { type?: string; payload?: { force?: boolean; id?: string } } | null;
    if (m?.type === 'showQuote') {
      let ok = false;
      safely('show quote', () => {
        ok = showQuote(String(m.payload?.id ?? ''));
      });
      sendResponse({ ok });
      return true;
    }
    if (!m || m.type !== 'runOnPage') return false;
    run(m.payload?.force !== false).then(sendResponse, (err) => sendResponse({ error: String(err) }));
    return true;
  };
  browser.runtime.onMessage.addListener(onMessage as never);

  ctx.onInvalidated(() => {
    try {
      browser.runtime.onMessage.removeListener(onMessage as never);
    } catch {
      // the extension context is already gone
    }
    observer?.disconnect();
    resizeObserver?.disconnect();
    highlighter?.clear();
    host?.remove();
    (globalThis as unknown as { __verbatimContent?: boolean }).__verbatimContent = false;
  });

  void run(false);
}

/** Test hook: a page can ask for the fallback drawing with ?verbatim-fallback (used by the e2e suite). */
function forceFallback(): boolean {
  try {
    return new URLSearchParams(location.search).has('verbatim-fallback');
  } catch {
    return false;
  }
}
