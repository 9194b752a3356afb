// A page's text sent to the background in parts. Sending a message copies it on the page's main
// thread (the browser serialises it there), about 30 µs per thousand characters in Chromium: a
// 2 M-character article in one message holds the page for some 60–90 ms, a long task. In parts
// of TEXT_PART_CHARS, each sent in its own task, no step is long. The background keeps the parts
// of each transfer until the last message asks for the analysis; what it keeps is bounded in
// size, count and age, and a transfer it lost (its service worker restarted meanwhile) is refused
// with a request to send again, which the page's retry does with a fresh transfer.
import type { PagePayload, PageResult } from './types';
import type { Reply, Request } from './messages';
import { wholeResult } from './reply-parts';
import { KeptByKey } from './kept-by-key';

/** Characters per part: about 2 ms of copying on the page's main thread, so a part stays far
 *  from a long task even on a slow machine, at the price of one round trip per part. */
export const TEXT_PART_CHARS = 65_536;

/** Text in one transfer at most: the reader's own cap (MAX_TEXT_CHARS, lib/page/article.ts),
 *  which test/message-parts.test.ts checks is not above it. */
export const MAX_TRANSFER_CHARS = 2_000_000;

/** Transfers kept at once: more than the pages one browser reads at the same moment. */
export const MAX_TRANSFERS = 8;

/** Characters kept over all transfers under way: a few of the largest pages at once. */
export const MAX_PENDING_CHARS = 3 * MAX_TRANSFER_CHARS;

/** A transfer with no new part for this long was abandoned (its tab closed, its page navigated). */
export const TRANSFER_IDLE_MS = 60_000;

/** Thrown by the background when a transfer it should hold is not there (or not whole): the
 *  sender should send the page again. Travels as an ErrorReply with `sendAgain`. */
export class SendAgainError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SendAgainError';
  }
}

/**
 * `text` cut into parts of at most `size` characters, in order. A cut never falls between the two
 * halves of a surrogate pair: a lone half would not survive the message's encoding.
 */
export function textParts(text: string, size = TEXT_PART_CHARS): string[] {
  if (size < 2) throw new Error(`textParts: a part of ${size} characters cannot hold a surrogate pair`);
  const parts: string[] = [];
  for (let start = 0; start < text.length; ) {
    let end = Math.min(text.length, start + size);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    parts.push(text.slice(start, end));
    start = end;
  }
  return parts;
}

/** The messages a page is sent with, as the content script sends them. */
export type PageSend = <T extends 'analyzePage' | 'pageTextPart' | 'analyzePageParts' | 'pageResultPart'>(type: T, payload: Request<T>) => Promise<Reply<T>>;

export interface SendPageOptions {
  /** Characters of text per part (default TEXT_PART_CHARS). */
  size?: number;
  /** Lets the page run between the parts of a long result (default: none). */
  pause?: () => Promise<void>;
}

/**
 * Asks the background to analyse a page: in one message when its text fits in one part, else part
 * by part (each sent after the last one's reply, so each copy is its own task and a background that
 * went away stops the transfer at once), then the analysis. A long result comes back in parts too
 * (lib/reply-parts.ts), put back together here. `transfer` names this attempt among the sender's
 * transfers: a new one for every attempt.
 */
export async function sendPage(payload: PagePayload, transfer: string, send: PageSend, options: SendPageOptions = {}): Promise<PageResult> {
  const { size = TEXT_PART_CHARS, pause } = options;
  const fetchPart = (req: { reply: string; index: number }) => send('pageResultPart', req);
  const { text, ...page } = payload;
  if (text.length <= size) return wholeResult(await send('analyzePage', payload), fetchPart, pause);
  const parts = textParts(text, size);
  for (let index = 0; index < parts.length; index++) {
    await send('pageTextPart', { transfer, index, count: parts.length, text: parts[index] });
  }
  return wholeResult(await send('analyzePageParts', { page, transfer, count: parts.length, length: text.length }), fetchPart, pause);
}

interface Transfer {
  parts: (string | undefined)[];
  received: number;
  chars: number;
}

export interface PartStoreOptions {
  maxTransferChars?: number;
  maxPartChars?: number;
  maxTransfers?: number;
  maxPendingChars?: number;
  idleMs?: number;
}

/**
 * The background's parts of transfers under way, by key (the sender's tab and frame with its
 * transfer name, so one page cannot touch another's). Out-of-order and repeated parts are taken
 * as they come; a part that breaks a bound is refused and its transfer dropped. Time is a
 * parameter: `now` in ms.
 */
export class PartStore {
  private readonly transfers: KeptByKey<Transfer>;
  private readonly maxTransferChars: number;
  private readonly maxPartChars: number;
  /** Parts in one transfer at most, so that a page cannot announce millions of them (a cut before
   *  a surrogate pair makes a part one character shorter). */
  private readonly maxParts: number;

  constructor(options: PartStoreOptions = {}) {
    this.maxTransferChars = options.maxTransferChars ?? MAX_TRANSFER_CHARS;
    this.maxPartChars = options.maxPartChars ?? TEXT_PART_CHARS;
    this.transfers = new KeptByKey({
      maxEntries: options.maxTransfers ?? MAX_TRANSFERS,
      maxChars: options.maxPendingChars ?? MAX_PENDING_CHARS,
      idleMs: options.idleMs ?? TRANSFER_IDLE_MS,
    });
    this.maxParts = Math.ceil(this.maxTransferChars / Math.max(1, this.maxPartChars - 1));
  }

  /** Keeps one part; throws (dropping the transfer) when it breaks a bound. */
  add(key: string, part: { index: number; count: number; text: string }, now: number): void {
    const { index, count, text } = part;
    if (!Number.isInteger(count) || count < 1 || count > this.maxParts || !Number.isInteger(index) || index < 0 || index >= count) {
      this.refuse(key, `text part ${index} of ${count}: out of range`);
    }
    if (typeof text !== 'string' || text.length > this.maxPartChars) this.refuse(key, `text part ${index}: longer than ${this.maxPartChars} characters`);
    let t = this.transfers.get(key, now);
    if (t && t.parts.length !== count) this.refuse(key, `text part ${index}: the transfer has ${t.parts.length} parts, not ${count}`);
    if (!t) {
      t = { parts: new Array<string | undefined>(count), received: 0, chars: 0 };
      this.transfers.set(key, t, 0, now);
    }
    const before = t.parts[index];
    const grows = text.length - (before?.length ?? 0);
    if (t.chars + grows > this.maxTransferChars) this.refuse(key, `text of more than ${this.maxTransferChars} characters`);
    if (before === undefined) t.received += 1;
    t.parts[index] = text;
    t.chars += grows;
    this.transfers.weigh(key, t.chars, now);
    this.transfers.makeRoom(key);
    if (this.transfers.overweight) this.refuse(key, 'too much page text under way');
  }

  /** The whole text of a transfer, which is then forgotten; throws SendAgainError when it is not
   *  all there (never sent, dropped, or lost with a restarted background). */
  take(key: string, count: number, length: number, now: number): string {
    const t = this.transfers.get(key, now);
    this.transfers.drop(key);
    if (!t || t.parts.length !== count || t.received !== count || t.chars !== length) {
      throw new SendAgainError(`the page's text is not all here (${t?.received ?? 0} of ${count} parts): send it again`);
    }
    return t.parts.join('');
  }

  /** Transfers and characters kept (for tests). */
  size(): { transfers: number; chars: number } {
    const { entries, chars } = this.transfers.size();
    return { transfers: entries, chars };
  }

  private refuse(key: string, why: string): never {
    this.transfers.drop(key);
    throw new Error(why);
  }
}
