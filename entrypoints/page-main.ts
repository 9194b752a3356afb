// The content script's main part, imported by it (entrypoints/content.ts) into its world: wiring
// only. The page session (lib/page/page-session.ts) reads the article, draws and follows the page;
// this file connects it to the browser's events and messages. It never modifies the page's nodes
// and never throws into the page: problems are reported to the background.
import baseCss from '@/components/base.css?inline';
import overlayCss from '@/components/overlay.css?inline';
import type { WxtBrowser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { PageSession } from '@/lib/page/page-session';
import { createOverlayHost } from '@/lib/page/overlay-host';
import { envelope, problemReport, replyOrThrow, type MessageType, type Reply, type Request } from '@/lib/messages';
import { sendPage } from '@/lib/message-parts';
import { partLoader, providePart } from '@/lib/page/late-parts';
import type { ReaderParts } from '@/lib/page/article';
import { createOverlayRenderer } from '@/components/PageOverlay';
import type { RenderCard } from '@/components/card-part';

/** After an in-page navigation, time for the new view to render before reading it. */
const NAVIGATION_SETTLE_MS = 600;

/** Starts Verbatim on the page, given the content script's context and extension API. */
export type StartPage = (ctx: ContentScriptContext, api: WxtBrowser) => void;

export default defineUnlistedScript(() => providePart('main', start));

/** The content script's own extension API (with WXT's polyfill), handed over by start(): this part
 *  imports none of its own, so the polyfill is built once in the page's content-script world. */
let browser: WxtBrowser;

/** Starts Verbatim on the page; a failure is reported, never thrown into the page. */
function start(ctx: ContentScriptContext, api: WxtBrowser): void {
  browser = api;
  try {
    startPage(ctx);
  } catch (err) {
    report('start', err);
  }
}

function report(where: string, err: unknown): void {
  try {
    browser.runtime.sendMessage(problemReport(where, err)).catch(() => {});
  } catch {
    // The extension was reloaded or removed; nothing to tell.
  }
}

async function send<T extends MessageType>(type: T, payload: Request<T>): Promise<Reply<T>> {
  return replyOrThrow<Reply<T>>(await browser.runtime.sendMessage(envelope(type, payload)));
}

/** A new name for each transfer of a page's text in parts (unique within this content script). */
function transferNames(): () => string {
  const prefix = Math.random().toString(36).slice(2);
  let n = 0;
  return () => `${prefix}-${++n}`;
}

/**
 * Lets the page run a task. A message to ourselves is the next task, and unlike a timer it is not
 * throttled in hidden tabs. One channel serves every pause: opening a channel costs far more than
 * a message, and a long read pauses hundreds of times.
 */
function taskQueue(): { next: () => Promise<void>; close: () => void } {
  let channel: MessageChannel | null = null;
  const waiting: Array<() => void> = [];
  return {
    next: () =>
      new Promise((resolve) => {
        if (!channel) {
          channel = new MessageChannel();
          // each message wakes the pause that sent it, in order
          channel.port1.onmessage = () => waiting.shift()?.();
        }
        waiting.push(resolve);
        channel.port2.postMessage(null);
      }),
    close: () => {
      channel?.port1.close();
      channel = null;
    },
  };
}

/** A part of this script built apart (lib/page/late-parts.ts), imported into this world by its URL. */
const importPart = (file: '/page-reader.js' | '/page-card.js') => () => import(/* @vite-ignore */ browser.runtime.getURL(file));

function startPage(ctx: ContentScriptContext): void {
  const tasks = taskQueue();
  const nextTransfer = transferNames();
  const session = new PageSession({
    doc: document,
    createOverlay: () =>
      createOverlayHost(document, {
        css: `${baseCss}\n${overlayCss}`,
        // Test builds (`wxt build --mode e2e`) let the browser suite look inside and force the fallback.
        shadowMode: import.meta.env.MODE === 'e2e' ? 'open' : 'closed',
        forceFallback: import.meta.env.MODE === 'e2e' && new URLSearchParams(location.search).has('verbatim-fallback'),
      }),
    render: createOverlayRenderer({ card: partLoader<RenderCard>('card', importPart('/page-card.js')), report }),
    readerParts: partLoader<ReaderParts>('reader', importPart('/page-reader.js')),
    getSettings: () => send('getSettings', {}),
    analyzePage: (payload) => sendPage(payload, nextTransfer(), send, { pause: tasks.next }),
    report,
    pause: tasks.next,
  });
  const safely = (where: string, fn: () => void) => () => {
    try {
      fn();
    } catch (err) {
      report(where, err);
    }
  };

  ctx.addEventListener(window, 'resize', () => session.layoutChanged(), { passive: true });
  // Scrolling inside a page's own scroll box moves the text but not the overlay; scrolling the
  // page moves both, and brings other quotes' markers near.
  ctx.addEventListener(document, 'scroll', (e: Event) => {
    if (e.target !== document) session.layoutChanged();
    else session.scrolled();
  }, { capture: true, passive: true });
  ctx.addEventListener(document, 'click', (e: MouseEvent) => safely('click', () => session.click(e))());
  ctx.addEventListener(document, 'keydown', (e: KeyboardEvent) => safely('key', () => session.escape(e))());
  ctx.addEventListener(window, 'wxt:locationchange', safely('navigation', () => {
    session.navigated();
    ctx.setTimeout(() => void session.run(false), NAVIGATION_SETTLE_MS);
  }));

  const onMessage = (message: unknown, _sender: unknown, sendResponse: (r: unknown) => void) => {
    const m = message as { type?: string; payload?: { force?: boolean; id?: string } } | null;
    if (m?.type === 'showQuote') {
      let ok = false;
      safely('show quote', () => {
        ok = session.showQuote(String(m.payload?.id ?? ''));
      })();
      sendResponse({ ok });
      return true;
    }
    if (!m || m.type !== 'runOnPage') return false;
    session.run(m.payload?.force !== false).then(sendResponse, (err) => sendResponse({ error: String(err) }));
    return true;
  };
  browser.runtime.onMessage.addListener(onMessage as never);

  ctx.onInvalidated(() => {
    try {
      browser.runtime.onMessage.removeListener(onMessage as never);
    } catch {
      // the extension context is already gone
    }
    session.dispose();
    tasks.close();
    (globalThis as unknown as { __verbatimContent?: boolean }).__verbatimContent = false;
  });

  // The first run starts in a task of its own: the task that evaluated this script (compiling it and
  // building its modules) is long enough without creating the overlay and calling the background too.
  void tasks.next().then(() => session.run(false));
}
