// The one typed protocol between content script, background and extension pages.
// Every message has one plain-data request object and a plain-data reply.
import type { PagePayload, PageResult } from './types';
import type { PageAnswer, ReplyPart } from './reply-parts';

export interface MessageMap {
  /** content → background: analyse the article text, store it, return each quote with its variants
   *  (a long result in parts: lib/reply-parts.ts). */
  analyzePage: { req: PagePayload; res: PageAnswer };
  /** content → background: one part of a long page's text (lib/message-parts.ts), kept until analyzePageParts. */
  pageTextPart: { req: { transfer: string; index: number; count: number; text: string }; res: { ok: true } };
  /** content → background: analyse a page whose text was sent in parts, as analyzePage does. */
  analyzePageParts: { req: { page: Omit<PagePayload, 'text'>; transfer: string; count: number; length: number }; res: PageAnswer };
  /** content → background: the next part of a long result that analyzePage answered with its head. */
  pageResultPart: { req: { reply: string; index: number }; res: ReplyPart };
  /** popup → background: the last result for a tab's URL, or null if the page was not analysed. */
  getPageResult: { req: { url: string }; res: PageResult | null };
  /** content/popup → background: the pause settings (content checks them before reading a page). */
  getSettings: { req: Record<string, never>; res: PauseSettings };
  /** popup → background: pause or resume reading pages on one host. */
  setSitePaused: { req: { host: string; paused: boolean }; res: PauseSettings };
  /** popup → background: pause or resume reading pages everywhere. */
  setGlobalPaused: { req: { paused: boolean }; res: PauseSettings };
  /** popup → background: analyse a tab's page now (on demand), found by tab id or else by URL. */
  analyzeTab: { req: { tabId?: number; url?: string }; res: PageRunState };
  /** background → content script: read and analyse this page now, even if it does not look like an article. */
  runOnPage: { req: { force: boolean }; res: PageRunState };
  /** popup → background → content script: scroll to one statement on its page and open its card. */
  showQuote: { req: { tabId?: number; url?: string; id: string }; res: { ok: boolean } };
  /** content → background: a problem on the page, logged by the background instead of the page's console. */
  reportProblem: { req: { where: string; message: string }; res: { ok: true } };
  /** options → background: how sharing with the team is going (settings live in extension storage). */
  getShareView: { req: Record<string, never>; res: ShareView };
}

/** Sharing as the options page shows it. */
export interface ShareView {
  enabled: boolean;
  /** The running replication, null while sharing is off or waiting for permission. */
  status: {
    state: 'starting' | 'active' | 'idle' | 'offline' | 'stopped';
    pushed: number;
    merged: number;
    lastError: string | null;
    lastSync: number | null;
  } | null;
  /** Pulled documents that were not merged, with the reason, latest last. */
  skipped: { id: string; reason: string }[];
  /** Why sharing is on but not running (no permission, a bad address), else null. */
  problem: string | null;
}

/** Pause settings as stored (lib/db.ts Settings). */
export interface PauseSettings {
  globalPaused: boolean;
  /** Lower-case host names where Verbatim does not read pages. */
  pausedSites: string[];
}

/** What the content script did on a page (mirrors the host element's data-state). */
export interface PageRunState {
  state: 'done' | 'error' | 'skipped' | 'paused' | 'waiting';
  quoteCount: number;
}

export type MessageType = keyof MessageMap;
export type Request<T extends MessageType> = MessageMap[T]['req'];
export type Reply<T extends MessageType> = MessageMap[T]['res'];

/** The envelope on the wire. */
export interface Envelope<T extends MessageType = MessageType> {
  type: T;
  payload: Request<T>;
}

/** A reply that failed in the handler travels as data, never as a thrown error across the boundary. */
export interface ErrorReply {
  error: string;
  /** The handler lacked state it had been given (a restarted service worker): sending again may work. */
  sendAgain?: true;
}

/** Thrown on the calling side when a handler answered with an ErrorReply: the other side is there
 *  and failed, unlike a message that found no one to answer it. */
export class HandlerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HandlerError';
  }
}

export function isErrorReply(value: unknown): value is ErrorReply {
  return typeof value === 'object' && value !== null && typeof (value as ErrorReply).error === 'string';
}

/** A handler's reply as its caller takes it: an ErrorReply is thrown as a HandlerError (the handler
 *  failed), or as a plain Error when it asks to be sent again, which callers retry as they retry a
 *  background that was away. */
export function replyOrThrow<T>(reply: unknown): T {
  if (isErrorReply(reply)) throw reply.sendAgain ? new Error(reply.error) : new HandlerError(reply.error);
  return reply as T;
}

export function envelope<T extends MessageType>(type: T, payload: Request<T>): Envelope<T> {
  return { type, payload };
}

/** A problem of a page's script told to the background: where it happened and the error's name and message. */
export function problemReport(where: string, err: unknown): Envelope<'reportProblem'> {
  const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return envelope('reportProblem', { where, message });
}
