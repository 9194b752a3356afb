// lib/message-parts.ts: a long page's text sent in parts and put back together by the background,
// with its bounds, and a background that restarts in the middle of a transfer.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { makeHandlers } from '../entrypoints/background';
import { openDb } from '../lib/store/db';
import { HandlerError, type MessageType } from '../lib/messages';
import { MAX_TRANSFER_CHARS, PartStore, SendAgainError, sendPage, textParts, TEXT_PART_CHARS, type PageSend } from '../lib/message-parts';
import { MAX_TEXT_CHARS } from '../lib/page/article';
import { PageSession, RETRY_DELAYS_MS } from '../lib/page/page-session';
import { createOverlayHost } from '../lib/page/overlay-host';
import { readerParts } from '../lib/page/reader-parts';
import type { PagePayload, PageResult } from '../lib/types';
import { SENDER, wire } from './support/background-wire';

const SPEAKERS = ['Maria Lopez', 'James Chen', 'Aisha Bello'];
const TEXT = Array.from({ length: 60 }, (_, i) => `“We counted ${i + 1} boxes at the depot before noon,” ${SPEAKERS[i % 3]} said.`).join('\n');
const payload = (url: string, text = TEXT): PagePayload => ({ url, canonicalUrl: null, title: 'Depot', outlet: 'Example', byline: null, published: null, text, partial: false });

describe('textParts', () => {
  it('cuts text into parts of at most the size that join back to it', () => {
    const text = 'abcdefghij'.repeat(100);
    for (const size of [2, 7, 64, 999, 1000, 5000]) {
      const parts = textParts(text, size);
      expect(parts.join('')).toBe(text);
      expect(parts.every((p) => p.length > 0 && p.length <= size)).toBe(true);
      expect(parts.length).toBe(Math.ceil(text.length / size));
    }
    expect(textParts('', 8)).toEqual([]);
  });

  it('never cuts between the halves of a surrogate pair', () => {
    const text = 'ab😀cd😀😀e'.repeat(50);
    for (const size of [2, 3, 4, 5, 16]) {
      const parts = textParts(text, size);
      expect(parts.join('')).toBe(text);
      for (const p of parts) {
        expect(p.length).toBeLessThanOrEqual(size);
        // a part neither ends with a high half nor starts with a low half
        expect(/[\uD800-\uDBFF]$/.test(p) || /^[\uDC00-\uDFFF]/.test(p), JSON.stringify(p)).toBe(false);
      }
    }
  });

  it('holds the reader\'s longest text', () => {
    expect(MAX_TRANSFER_CHARS).toBeGreaterThanOrEqual(MAX_TEXT_CHARS);
  });
});

describe('PartStore', () => {
  const parts = (text: string, size: number) => textParts(text, size).map((t, index, all) => ({ index, count: all.length, text: t }));

  it('puts parts back together in any order, a repeated part counted once', () => {
    const store = new PartStore({ maxPartChars: 100 });
    const sent = parts(TEXT, 100);
    const order = [...sent].reverse();
    order.splice(3, 0, sent[5], sent[0]);
    for (const p of order) store.add('k', p, 1000);
    expect(store.take('k', sent.length, TEXT.length, 1001)).toBe(TEXT);
    expect(store.size()).toEqual({ transfers: 0, chars: 0 });
  });

  it('asks to be sent again when a part is missing, and then forgets the transfer', () => {
    const store = new PartStore({ maxPartChars: 100 });
    const sent = parts(TEXT, 100);
    for (const p of sent.slice(1)) store.add('k', p, 0);
    expect(() => store.take('k', sent.length, TEXT.length, 0)).toThrow(SendAgainError);
    expect(store.size()).toEqual({ transfers: 0, chars: 0 });
    expect(() => store.take('never', 1, 5, 0)).toThrow(SendAgainError);
  });

  it('keeps transfers apart by key', () => {
    const store = new PartStore({ maxPartChars: 100 });
    const a = parts('a'.repeat(300), 100);
    const b = parts('b'.repeat(300), 100);
    for (let i = 0; i < 3; i++) {
      store.add('tab1', a[i], 0);
      store.add('tab2', b[i], 0);
    }
    expect(store.take('tab2', 3, 300, 0)).toBe('b'.repeat(300));
    expect(store.take('tab1', 3, 300, 0)).toBe('a'.repeat(300));
  });

  it('refuses parts out of range, too long, or of another count, dropping their transfer', () => {
    const store = new PartStore({ maxPartChars: 10 });
    store.add('k', { index: 0, count: 2, text: 'x' }, 0);
    expect(() => store.add('k', { index: 2, count: 2, text: 'x' }, 0)).toThrow(/out of range/);
    expect(store.size().transfers).toBe(0);
    expect(() => store.add('k', { index: -1, count: 2, text: 'x' }, 0)).toThrow(/out of range/);
    expect(() => store.add('k', { index: 0, count: 1e9, text: 'x' }, 0)).toThrow(/out of range/);
    expect(() => store.add('k', { index: 0, count: 1, text: 'x'.repeat(11) }, 0)).toThrow(/longer than/);
    store.add('k', { index: 0, count: 2, text: 'x' }, 0);
    expect(() => store.add('k', { index: 1, count: 3, text: 'x' }, 0)).toThrow(/not 3/);
    expect(store.size()).toEqual({ transfers: 0, chars: 0 });
  });

  it('refuses a transfer longer than its bound', () => {
    const store = new PartStore({ maxTransferChars: 250, maxPartChars: 100 });
    store.add('k', { index: 0, count: 3, text: 'x'.repeat(100) }, 0);
    store.add('k', { index: 1, count: 3, text: 'x'.repeat(100) }, 0);
    expect(() => store.add('k', { index: 2, count: 3, text: 'x'.repeat(100) }, 0)).toThrow(/more than 250/);
    expect(store.size()).toEqual({ transfers: 0, chars: 0 });
  });

  it('drops the oldest transfers to keep the number and the characters under way bounded', () => {
    const store = new PartStore({ maxTransfers: 2, maxPendingChars: 250, maxPartChars: 100 });
    store.add('a', { index: 0, count: 2, text: 'a'.repeat(100) }, 1);
    store.add('b', { index: 0, count: 2, text: 'b'.repeat(100) }, 2);
    store.add('c', { index: 0, count: 2, text: 'c'.repeat(10) }, 3);
    expect(store.size()).toEqual({ transfers: 2, chars: 110 });
    expect(() => store.take('a', 2, 200, 4)).toThrow(SendAgainError);
    store.add('b', { index: 1, count: 2, text: 'b'.repeat(100) }, 5);
    // 'c' is older than 'b' now: it makes room
    store.add('d', { index: 0, count: 1, text: 'd'.repeat(30) }, 6);
    expect(store.size()).toEqual({ transfers: 2, chars: 230 });
    expect(() => store.take('c', 2, 20, 7)).toThrow(SendAgainError);
    expect(store.take('b', 2, 200, 7)).toBe('b'.repeat(200));
    expect(store.take('d', 1, 30, 7)).toBe('d'.repeat(30));
  });

  it('drops the oldest transfers when the characters under way pass their bound, and refuses a transfer that alone does', () => {
    const store = new PartStore({ maxTransfers: 10, maxPendingChars: 250, maxPartChars: 100 });
    store.add('a', { index: 0, count: 1, text: 'a'.repeat(100) }, 1);
    store.add('b', { index: 0, count: 1, text: 'b'.repeat(100) }, 2);
    store.add('c', { index: 0, count: 1, text: 'c'.repeat(100) }, 3);
    expect(store.size()).toEqual({ transfers: 2, chars: 200 });
    expect(() => store.take('a', 1, 100, 4)).toThrow(SendAgainError);
    expect(store.take('c', 1, 100, 4)).toBe('c'.repeat(100));
    expect(store.take('b', 1, 100, 4)).toBe('b'.repeat(100));
    store.add('big', { index: 0, count: 3, text: 'x'.repeat(100) }, 5);
    store.add('big', { index: 1, count: 3, text: 'x'.repeat(100) }, 5);
    expect(() => store.add('big', { index: 2, count: 3, text: 'x'.repeat(100) }, 5)).toThrow(/too much/);
    expect(store.size()).toEqual({ transfers: 0, chars: 0 });
  });

  it('forgets a transfer abandoned for longer than the idle time', () => {
    const store = new PartStore({ idleMs: 1000 });
    store.add('gone', { index: 0, count: 2, text: 'xy' }, 0);
    store.add('live', { index: 0, count: 2, text: 'ab' }, 0);
    store.add('live', { index: 1, count: 2, text: 'cd' }, 900);
    store.add('other', { index: 0, count: 2, text: 'zz' }, 1500);
    expect(store.size()).toEqual({ transfers: 2, chars: 6 });
    expect(store.take('live', 2, 4, 1600)).toBe('abcd');
    expect(() => store.take('gone', 2, 4, 1600)).toThrow(SendAgainError);
  });
});

describe('sendPage through the background', () => {
  it('sends a short page in one message, a long one in parts, with the same result', async () => {
    const handlers = makeHandlers(openDb('parts-1'), () => 1000);
    const log: string[] = [];
    const send = wire(() => handlers, SENDER, log);
    const one = await sendPage(payload('https://news.example/one'), 'x', send);
    expect(log).toEqual(['analyzePage']);
    log.length = 0;
    const parted = await sendPage(payload('https://news.example/parts'), 'y', send, { size: 256 });
    expect(log.filter((t) => t === 'pageTextPart')).toHaveLength(Math.ceil(TEXT.length / 256));
    // the second page's quotes come with the first's as variants: its result may come back in parts
    expect(log.filter((t) => t !== 'pageResultPart').at(-1)).toBe('analyzePageParts');
    const view = (r: PageResult) => r.quotes.map((q) => [q.start, q.end, q.text, q.speaker]);
    expect(view(parted)).toEqual(view(one));
    expect(TEXT.length).toBeLessThan(TEXT_PART_CHARS);
  });

  it('a page cannot finish another page\'s transfer', async () => {
    const handlers = makeHandlers(openDb('parts-2'), () => 1000);
    const mine = wire(() => handlers, SENDER);
    const theirs = wire(() => handlers, { tab: { id: 4 }, frameId: 0 });
    await mine('pageTextPart', { transfer: 't', index: 0, count: 1, text: 'Hello there.' });
    await expect(theirs('analyzePageParts', { page: payload('https://other.example/'), transfer: 't', count: 1, length: 12 })).rejects.toThrow(/send it again/);
  });

  it('a background restarted mid-transfer asks for the page again, and the retry ends done', async () => {
    const db = openDb('parts-3');
    let handlers = makeHandlers(db, () => 1000);
    let parts = 0;
    let restarts = 0;
    const send = wire(() => handlers);
    const restarting: PageSend = (async (type: MessageType, req: never) => {
      const reply = await send(type as 'pageTextPart', req);
      // the worker stops after the first transfer's second part: a new one starts with nothing kept
      if (type === 'pageTextPart' && ++parts === 2 && restarts++ === 0) handlers = makeHandlers(db, () => 2000);
      return reply;
    }) as PageSend;
    const dom = new JSDOM(`<!doctype html><html><head><title>Depot</title><meta property="og:type" content="article"></head><body><article>${TEXT.split('\n').map((p) => `<p>${p}</p>`).join('')}</article></body></html>`, { url: 'https://news.example/depot' });
    const waits: number[] = [];
    let names = 0;
    const session = new PageSession({
      doc: dom.window.document,
      createOverlay: () => createOverlayHost(dom.window.document, { css: '' }),
      render: () => {},
      readerParts: async () => readerParts,
      getSettings: async () => ({ globalPaused: false, pausedSites: [] }),
      analyzePage: (p) => sendPage(p, `n${++names}`, restarting, { size: 512 }),
      report: () => {},
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    const st = await session.run(false);
    expect(restarts).toBe(1);
    expect(st.state).toBe('done');
    expect(st.quoteCount).toBe(60);
    expect(waits).toEqual(RETRY_DELAYS_MS.slice(0, 1));
    expect(names).toBe(2);
  });

  it('an answer that failed is still not retried', async () => {
    const send = wire(() => ({ analyzePage: async () => { throw new Error('QuotaExceededError'); } }) as never);
    await expect(sendPage(payload('https://news.example/q'), 'z', send)).rejects.toBeInstanceOf(HandlerError);
  });
});
