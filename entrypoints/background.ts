// The background: the only owner of the quote store. A table of message handlers, one per
// MessageMap type; replies are plain data and failures travel back as { error }.
// No network request is made from here unless the user turns on sharing with a team's CouchDB
// database (lib/store/share-background.ts).
import { browser } from 'wxt/browser';
import { openDb, type VerbatimDb } from '@/lib/store/db';
import { getSettings, setGlobalPaused, setSitePaused } from '@/lib/store/settings';
import { MATCH_BUDGET_MS, analyzePage, getPageResult, revisitPage, type MatchBudget } from '@/lib/store/analyze-page';
import { ATTRIBUTION_BUDGET_MS, extractPage } from '@/lib/extract';
import { backgroundSharing } from '@/lib/store/share-background';
import { envelope, isErrorReply, type Envelope, type ErrorReply, type MessageType, type PageRunState, type Reply, type Request } from '@/lib/messages';
import { PartStore, SendAgainError } from '@/lib/message-parts';
import { ReplyStore } from '@/lib/reply-parts';
import { summaryWriter, type SummaryWriter } from '@/lib/store/pending-groups';
import type { PagePayload } from '@/lib/types';

type Sender = { tab?: { id?: number; url?: string }; url?: string; frameId?: number };
type Handler<T extends MessageType> = (req: Request<T>, sender: Sender) => Promise<Reply<T>>;
type HandlerTable = { [T in MessageType]?: Handler<T> };

/** The content script's file as built by WXT, injected on demand into tabs opened before install. */
const CONTENT_SCRIPT_FILE = '/content-scripts/content.js';

/** A handler's failure as data for the wire. */
export function errorReply(err: unknown): ErrorReply {
  const error = err instanceof Error ? err.message : String(err);
  return err instanceof SendAgainError ? { error, sendAgain: true } : { error };
}

/** Ask a tab's content script to analyse its page now; inject the script first if it is not there. */
async function runInTab(tabId: number): Promise<PageRunState> {
  const ask = () => browser.tabs.sendMessage(tabId, envelope('runOnPage', { force: true })) as Promise<unknown>;
  let reply: unknown;
  try {
    reply = await ask();
  } catch {
    const scripting = (browser as unknown as { scripting?: { executeScript(o: unknown): Promise<unknown> } }).scripting;
    if (scripting) {
      await scripting.executeScript({ target: { tabId }, files: [CONTENT_SCRIPT_FILE] });
    } else {
      await browser.tabs.executeScript(tabId, { file: CONTENT_SCRIPT_FILE });
    }
    reply = await ask();
  }
  if (isErrorReply(reply)) throw new Error(reply.error);
  if (!reply || typeof reply !== 'object') throw new Error('The page did not answer.');
  return reply as PageRunState;
}

/** Remembered pages at most: a long session must not grow the map without end. */
const MAX_REMEMBERED_TABS = 500;

/** Page URL → tab, learned from the content scripts' own messages: without the "tabs" permission
 *  the tabs API hides other tabs' URLs, but a content script's sender always carries its page. */
export function tabDirectory() {
  const tabOfUrl = new Map<string, number>();
  return {
    remember(sender: Sender): void {
      const id = sender.tab?.id;
      const url = sender.url ?? sender.tab?.url;
      if (typeof id !== 'number' || !url || (sender.frameId ?? 0) !== 0) return;
      tabOfUrl.delete(url);
      tabOfUrl.set(url, id);
      if (tabOfUrl.size > MAX_REMEMBERED_TABS) tabOfUrl.delete(tabOfUrl.keys().next().value as string);
    },
    async find(req: { tabId?: number; url?: string }): Promise<number> {
      if (typeof req.tabId === 'number') return req.tabId;
      const known = req.url ? tabOfUrl.get(req.url) : undefined;
      if (known !== undefined) return known;
      const tabs = await browser.tabs.query({});
      const tab = tabs.find((t) => t.url === req.url) ?? tabs.find((t) => !!req.url && !!t.url && t.url.split('#')[0] === req.url.split('#')[0]);
      if (tab?.id === undefined) throw new Error('No open tab shows that page.');
      return tab.id;
    },
  };
}

type TabDirectory = ReturnType<typeof tabDirectory>;

/** The sending page: its tab and frame. */
const pageKey = (sender: Sender) => `${sender.tab?.id ?? -1}/${sender.frameId ?? 0}`;

/** A transfer's key: the sending page with the name it gave the transfer. */
const transferKey = (sender: Sender, transfer: string) => `${pageKey(sender)}/${transfer}`;

/** `summaries`: writes the quote log's group summaries after each page's answer; without it a
 *  page's transaction writes them (pending-groups.ts). */
export function makeHandlers(db: VerbatimDb, now: () => number, tabs: TabDirectory = tabDirectory(), parts = new PartStore(), replies = new ReplyStore(), summaries?: SummaryWriter): HandlerTable {
  // Matches as far as the page's time budget allows, on every visit: a page's statements cannot
  // hold the background that every other tab waits for.
  const matching: MatchBudget = { now: () => performance.now(), budgetMs: MATCH_BUDGET_MS };
  const analyzeNew = (payload: PagePayload) => {
    // Speakers as far as the page's time budget allows: a hostile page cannot hold the worker.
    const page = extractPage(payload.text, { now: () => performance.now(), budgetMs: ATTRIBUTION_BUDGET_MS });
    const options = { ...matching, groupSummaries: summaries ? ('later' as const) : true };
    return analyzePage(db, { ...payload, partial: payload.partial || page.partial }, now(), page.quotes, options);
  };
  const analyze = async (payload: PagePayload, sender: Sender) => {
    const ended = summaries?.pageStarted();
    try {
      const result = (await revisitPage(db, payload, now(), matching)) ?? (await analyzeNew(payload));
      return replies.answer(pageKey(sender), result, now());
    } finally {
      ended?.();
    }
  };
  return {
    analyzePage: analyze,
    pageTextPart: async ({ transfer, index, count, text }, sender) => {
      parts.add(transferKey(sender, String(transfer)), { index, count, text }, now());
      return { ok: true };
    },
    analyzePageParts: async ({ page, transfer, count, length }, sender) => {
      const text = parts.take(transferKey(sender, String(transfer)), count, length, now());
      return analyze({ ...page, text }, sender);
    },
    pageResultPart: async ({ reply, index }, sender) => {
      const part = replies.part(pageKey(sender), String(reply), index, now());
      if (!part) throw new SendAgainError(`part ${index} of the page's result is not here: send the page again`);
      return part;
    },
    getPageResult: ({ url }) => getPageResult(db, url, matching),
    getSettings: () => getSettings(db),
    setSitePaused: ({ host, paused }) => setSitePaused(db, host, paused),
    setGlobalPaused: ({ paused }) => setGlobalPaused(db, paused),
    analyzeTab: async (req) => runInTab(await tabs.find(req)),
    showQuote: async (req) => {
      const reply = (await browser.tabs.sendMessage(await tabs.find(req), envelope('showQuote', { id: req.id }))) as unknown;
      if (isErrorReply(reply)) throw new Error(reply.error);
      return { ok: !!(reply as { ok?: boolean } | null)?.ok };
    },
    reportProblem: async ({ where, message }, sender) => {
      console.warn(`[verbatim] ${where}: ${message}`, sender.tab?.url ?? '');
      return { ok: true };
    },
  };
}

function isEnvelope(value: unknown): value is Envelope {
  return typeof value === 'object' && value !== null && typeof (value as Envelope).type === 'string';
}

export default defineBackground(() => {
  const db = openDb();
  const tabs = tabDirectory();
  const summaries = summaryWriter(db, { now: () => Date.now(), report: (err) => console.warn('[verbatim] group summaries:', (err as Error)?.message ?? err) });
  const handlers = makeHandlers(db, () => Date.now(), tabs, new PartStore(), new ReplyStore(), summaries);
  const sharing = backgroundSharing(db, () => Date.now());
  // A page just stored goes to the team's server soon (when sharing is on), however it was sent.
  const thenPush = <T extends MessageType>(handle: Handler<T>): Handler<T> => async (req, sender) => {
    const result = await handle(req, sender);
    sharing.pushSoon();
    return result;
  };
  handlers.analyzePage = thenPush(handlers.analyzePage as Handler<'analyzePage'>);
  handlers.analyzePageParts = thenPush(handlers.analyzePageParts as Handler<'analyzePageParts'>);
  handlers.getShareView = () => sharing.view();

  browser.runtime.onMessage.addListener((message: unknown, sender: Sender, sendResponse: (r: unknown) => void) => {
    if (!isEnvelope(message)) return false;
    tabs.remember(sender);
    const handler = handlers[message.type] as Handler<MessageType> | undefined;
    if (!handler) return false;
    Promise.resolve()
      .then(() => handler(message.payload ?? ({} as never), sender))
      .then((reply) => sendResponse(reply ?? null), (err) => sendResponse(errorReply(err)));
    // Keep the channel open for the asynchronous reply (Chrome and the fake browser in tests).
    return true;
  });
});
