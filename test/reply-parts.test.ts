// lib/reply-parts.ts: a long result sent back to its page in parts and joined there, the
// background's bounds on what it keeps, refused requests, and a background that restarts while the
// page fetches the parts.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { makeHandlers, tabDirectory } from '../entrypoints/background';
import { openDb } from '../lib/store/db';
import { HandlerError, type MessageType } from '../lib/messages';
import { PartStore, sendPage, type PageSend } from '../lib/message-parts';
import { REPLY_PART_CHARS, ReplyStore, wholeResult, type PageAnswer, type ReplyPart } from '../lib/reply-parts';
import { PageSession, RETRY_DELAYS_MS } from '../lib/page/page-session';
import { createOverlayHost } from '../lib/page/overlay-host';
import { readerParts } from '../lib/page/reader-parts';
import type { PagePayload, PageQuote, PageResult } from '../lib/types';
import { SENDER, wire, type Crossed } from './support/background-wire';

const SPEAKERS = ['Maria Lopez', 'James Chen', 'Aisha Bello'];
const lines = (n: number) => Array.from({ length: n }, (_, i) => `“We counted ${i + 1} boxes at the depot before noon,” ${SPEAKERS[i % 3]} said.`);
const payload = (url: string, text: string): PagePayload => ({ url, canonicalUrl: null, title: 'Depot', outlet: 'Example', byline: null, published: null, text, partial: false });
/** Handlers whose results are cut in parts of `partChars` characters of JSON. */
const handlersFor = (name: string, partChars?: number) => makeHandlers(openDb(name), () => 1000, tabDirectory(), new PartStore(), new ReplyStore({ partChars }));

/** A result of `n` quotes of about 200 characters of JSON each. */
function result(n: number, url = 'https://news.example/a'): PageResult {
  const quotes: PageQuote[] = lines(n).map((text, i) => ({
    id: `q${i}`, start: i * 80, end: i * 80 + 45, text, kind: 'statement', statement: i, speaker: SPEAKERS[i % 3], speakerKey: null, cue: 'said', status: 'new', variants: [],
  }));
  return { url, outlet: 'Example', title: 'Depot', partial: false, published: null, firstSeen: 1000, quotes };
}

/** Every remaining part of an answer, fetched from `store` as `owner`. */
function fetchAll(store: ReplyStore, owner: string, answer: PageAnswer, now = 0): ReplyPart[] {
  const got: ReplyPart[] = [];
  for (let i = 1; i < (answer.rest?.count ?? 0); i++) got.push(store.part(owner, answer.rest!.reply, i, now)!);
  return got;
}

describe('a long result through the background', () => {
  it('comes in messages of at most REPLY_PART_CHARS, joined equal to the result sent whole', async () => {
    const text = lines(600).join('\n');
    const whole = (await handlersFor('reply-1', Infinity).analyzePage!(payload('https://news.example/w', text), SENDER)) as PageResult;
    expect(JSON.stringify(whole).length).toBeGreaterThan(REPLY_PART_CHARS);
    const handlers = makeHandlers(openDb('reply-2'), () => 1000);
    const log: string[] = [];
    const crossed: Crossed[] = [];
    let pauses = 0;
    const pause = async () => void pauses++;
    const parted = await sendPage(payload('https://news.example/w', text), 't', wire(() => handlers, SENDER, log, crossed), { pause });
    expect(parted).toEqual(whole);
    expect(log[0]).toBe('analyzePage');
    expect(log.length).toBeGreaterThanOrEqual(2);
    expect(log.slice(1).every((t) => t === 'pageResultPart')).toBe(true);
    expect(pauses).toBe(log.length - 1);
    for (const c of crossed) expect(c.replyChars, c.type).toBeLessThanOrEqual(REPLY_PART_CHARS);
  });

  it('a short result stays one message, as it was', async () => {
    const handlers = makeHandlers(openDb('reply-3'), () => 1000);
    const log: string[] = [];
    const got = await sendPage(payload('https://news.example/s', lines(20).join('\n')), 't', wire(() => handlers, SENDER, log));
    expect(log).toEqual(['analyzePage']);
    expect(got.quotes).toHaveLength(20);
    expect('rest' in got).toBe(false);
  });

  it('a page text sent in parts gets its long result in parts too', async () => {
    const text = lines(60).join('\n');
    const whole = (await handlersFor('reply-4', Infinity).analyzePage!(payload('https://news.example/p', text), SENDER)) as PageResult;
    const handlers = handlersFor('reply-5', 2000);
    const log: string[] = [];
    const parted = await sendPage(payload('https://news.example/p', text), 't', wire(() => handlers, SENDER, log), { size: 1000 });
    expect(parted).toEqual(whole);
    expect(log.indexOf('analyzePageParts')).toBeGreaterThan(0);
    expect(log.filter((t) => t === 'pageResultPart').length).toBeGreaterThan(2);
  });

  it('another page cannot fetch a result\'s parts, and asking for them does not spoil them', async () => {
    const handlers = handlersFor('reply-6', 2000);
    const mine = wire(() => handlers);
    const theirs = wire(() => handlers, { tab: { id: 4 }, frameId: 0 });
    const answer = await mine('analyzePage', payload('https://news.example/o', lines(40).join('\n')));
    const reply = answer.rest!.reply;
    await expect(theirs('pageResultPart', { reply, index: 1 })).rejects.toThrow(/not here: send the page again/);
    await expect(wire(() => handlers, { tab: { id: 3 }, frameId: 1 })('pageResultPart', { reply, index: 1 })).rejects.not.toBeInstanceOf(HandlerError);
    const got = await wholeResult(answer, (req) => mine('pageResultPart', req));
    expect(got.quotes).toHaveLength(40);
  });

  it('a part asked for out of order or twice is refused as a failure (not sent again), and the reply dropped', async () => {
    const handlers = handlersFor('reply-7', 2000);
    const send = wire(() => handlers);
    const first = await send('analyzePage', payload('https://news.example/x', lines(40).join('\n')));
    await expect(send('pageResultPart', { reply: first.rest!.reply, index: 2 })).rejects.toBeInstanceOf(HandlerError);
    await expect(send('pageResultPart', { reply: first.rest!.reply, index: 1 })).rejects.toThrow(/not here/);
    const second = await send('analyzePage', payload('https://news.example/x', lines(40).join('\n')));
    expect(second.rest!.reply).not.toBe(first.rest!.reply);
    await send('pageResultPart', { reply: second.rest!.reply, index: 1 });
    await expect(send('pageResultPart', { reply: second.rest!.reply, index: 1 })).rejects.toThrow(/part 1 .* where part 2 of \d+ comes next/);
  });

  it('a background restarted while the page fetches the parts makes the page send itself again, and the retry ends done with every quote', async () => {
    const db = openDb('reply-8');
    const fresh = () => makeHandlers(db, () => 1000, tabDirectory(), new PartStore(), new ReplyStore({ partChars: 2000 }));
    let handlers = fresh();
    let fetched = 0;
    let restarts = 0;
    const log: string[] = [];
    const send = wire(() => handlers, SENDER, log);
    const restarting: PageSend = (async (type: MessageType, req: never) => {
      const reply = await send(type as 'pageResultPart', req);
      // the worker stops after the first answer's second part: a new one starts with nothing kept
      if (type === 'pageResultPart' && ++fetched === 2 && restarts++ === 0) handlers = fresh();
      return reply;
    }) as PageSend;
    const text = lines(60);
    const dom = new JSDOM(`<!doctype html><html><head><title>Depot</title><meta property="og:type" content="article"></head><body><article>${text.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`, { url: 'https://news.example/depot' });
    const waits: number[] = [];
    const drawn: number[] = [];
    const session = new PageSession({
      doc: dom.window.document,
      createOverlay: () => createOverlayHost(dom.window.document, { css: '' }),
      render: (model) => void drawn.push(model.markers.length),
      readerParts: async () => readerParts,
      getSettings: async () => ({ globalPaused: false, pausedSites: [] }),
      analyzePage: (p) => sendPage(p, 'n', restarting),
      report: () => {},
      sleep: async (ms) => void waits.push(ms),
    });
    const st = await session.run(false);
    expect(restarts).toBe(1);
    expect(st).toEqual({ state: 'done', quoteCount: 60 });
    expect(waits).toEqual(RETRY_DELAYS_MS.slice(0, 1));
    expect(log.filter((t) => t === 'analyzePage')).toHaveLength(2);
    expect(drawn.every((n) => n === 0 || n === 60)).toBe(true);
  });
});

describe('wholeResult', () => {
  const store = () => new ReplyStore({ partChars: 1000, idPrefix: 'r' });

  it('joins the parts in order, each asked for after a pause', async () => {
    const s = store();
    const full = result(30);
    const answer = s.answer('o', full, 0);
    const order: string[] = [];
    const got = await wholeResult(answer, async ({ reply, index }) => (order.push(`part ${index}`), s.part('o', reply, index, 0)!), async () => void order.push('pause'));
    expect(got).toEqual(full);
    expect(order.length).toBe(2 * (answer.rest!.count - 1));
    expect(order.every((o, i) => o === (i % 2 ? `part ${(i + 1) / 2}` : 'pause'))).toBe(true);
    expect(s.size()).toEqual({ replies: 0, chars: 0 });
  });

  it('refuses a part that is not the one asked for, or a total that is not the one announced', async () => {
    const full = result(30);
    const cases: [string, (p: ReplyPart) => ReplyPart][] = [
      ['another index', (p) => ({ ...p, index: p.index + 1 })],
      ['another count', (p) => ({ ...p, count: p.count + 1 })],
      ['another reply', (p) => ({ ...p, reply: 'forged' })],
      ['no quotes', (p) => ({ ...p, quotes: null as never })],
    ];
    for (const [what, spoil] of cases) {
      const s = store();
      const answer = s.answer('o', full, 0);
      await expect(wholeResult(answer, async (req) => spoil(s.part('o', req.reply, req.index, 0)!)), what).rejects.toThrow(/part 1 of \d+ of the page's result r-1 came as/);
    }
    const s = store();
    const answer = s.answer('o', full, 0);
    const short = wholeResult(answer, async (req) => {
      const p = s.part('o', req.reply, req.index, 0)!;
      return { ...p, quotes: p.quotes.slice(1) };
    });
    await expect(short).rejects.toThrow(/came with \d+ of its 30 quotes/);
    await expect(wholeResult({ ...full, rest: { reply: 'r', count: 1, quotes: 30 } }, async () => ({}) as ReplyPart)).rejects.toThrow(/broken list of parts/);
  });
});

describe('ReplyStore', () => {
  it('answers a result no longer than a part whole, and cuts a longer one at quote bounds', () => {
    const s = new ReplyStore({ partChars: 1000 });
    const short = result(3);
    expect(s.answer('o', short, 0)).toBe(short);
    const long = result(30);
    const answer = s.answer('o', long, 0);
    const parts = fetchAll(s, 'o', answer);
    expect(answer.rest).toMatchObject({ count: parts.length + 1, quotes: 30 });
    expect([answer.quotes, ...parts.map((p) => p.quotes)].flat()).toEqual(long.quotes);
    expect(JSON.stringify(answer).length).toBeLessThanOrEqual(1000);
    for (const p of parts) expect(JSON.stringify(p).length).toBeLessThanOrEqual(1000);
  });

  it('sends a quote longer than a part alone in its part', () => {
    const s = new ReplyStore({ partChars: 1000 });
    const long = result(6);
    long.quotes[2] = { ...long.quotes[2], text: 'x'.repeat(3000) };
    const answer = s.answer('o', long, 0);
    const parts = fetchAll(s, 'o', answer);
    expect(parts.find((p) => p.quotes.some((q) => q.text.length === 3000))?.quotes).toHaveLength(1);
    expect([answer.quotes, ...parts.map((p) => p.quotes)].flat()).toEqual(long.quotes);
  });

  it('forgets a reply once its last part is fetched', () => {
    const s = new ReplyStore({ partChars: 1000 });
    const answer = s.answer('o', result(30), 0);
    const parts = fetchAll(s, 'o', answer);
    expect(parts.every(Boolean)).toBe(true);
    expect(s.size()).toEqual({ replies: 0, chars: 0 });
    expect(s.part('o', answer.rest!.reply, 1, 0)).toBeNull();
  });

  it('keeps replies apart by owner and by id, with ids that differ between stores', () => {
    const s = new ReplyStore({ partChars: 1000 });
    const a = s.answer('tab1', result(30), 0);
    const b = s.answer('tab2', result(30), 0);
    expect(a.rest!.reply).not.toBe(b.rest!.reply);
    expect(s.part('tab2', a.rest!.reply, 1, 0)).toBeNull();
    expect(s.part('tab1', 'made-up', 1, 0)).toBeNull();
    expect(fetchAll(s, 'tab1', a).every(Boolean)).toBe(true);
    expect(fetchAll(s, 'tab2', b).every(Boolean)).toBe(true);
    const ids = new Set(Array.from({ length: 20 }, () => new ReplyStore({ partChars: 1000 }).answer('o', result(30), 0).rest!.reply));
    expect(ids.size).toBe(20);
  });

  it('drops the replies touched longest ago to keep their number bounded', () => {
    const s = new ReplyStore({ partChars: 1000, maxReplies: 2 });
    const a = s.answer('o', result(30), 1);
    const b = s.answer('o', result(30), 2);
    expect(s.part('o', a.rest!.reply, 1, 3)).not.toBeNull();
    // b is now the one touched longest ago
    const c = s.answer('o', result(30), 4);
    expect(s.size().replies).toBe(2);
    expect(s.part('o', b.rest!.reply, 1, 5)).toBeNull();
    expect(s.part('o', a.rest!.reply, 2, 5)).not.toBeNull();
    expect(s.part('o', c.rest!.reply, 1, 5)).not.toBeNull();
  });

  it('drops the oldest replies to keep the characters kept bounded, but never the newest, however long', () => {
    const one = (() => {
      const s = new ReplyStore({ partChars: 1000 });
      s.answer('o', result(30), 0);
      return s.size().chars;
    })();
    const s = new ReplyStore({ partChars: 1000, maxPendingChars: one * 2 });
    const a = s.answer('o', result(30), 1);
    const b = s.answer('o', result(30), 2);
    expect(s.size()).toEqual({ replies: 2, chars: 2 * one });
    const c = s.answer('o', result(30), 3);
    expect(s.size()).toEqual({ replies: 2, chars: 2 * one });
    expect(s.part('o', a.rest!.reply, 1, 4)).toBeNull();
    const huge = s.answer('o', result(300), 5);
    expect(s.size().replies).toBe(1);
    expect(s.size().chars).toBeGreaterThan(2 * one);
    expect(s.part('o', b.rest!.reply, 1, 6)).toBeNull();
    expect(s.part('o', c.rest!.reply, 1, 6)).toBeNull();
    expect(fetchAll(s, 'o', huge, 7).every(Boolean)).toBe(true);
    expect(s.size()).toEqual({ replies: 0, chars: 0 });
  });

  it('forgets a reply left for longer than the idle time', () => {
    const s = new ReplyStore({ partChars: 1000, idleMs: 1000 });
    const gone = s.answer('o', result(30), 0);
    const live = s.answer('o', result(30), 0);
    expect(s.part('o', live.rest!.reply, 1, 900)).not.toBeNull();
    expect(s.part('o', live.rest!.reply, 2, 1500)).not.toBeNull();
    expect(s.part('o', gone.rest!.reply, 1, 1500)).toBeNull();
    expect(s.size().replies).toBe(1);
    s.answer('o', result(3), 5000);
    expect(s.size()).toEqual({ replies: 0, chars: 0 });
  });

  it('refuses a part out of order, twice or of no number, and drops its reply', () => {
    for (const index of [2, 0, -1, 1.5, Number.NaN, '1' as never]) {
      const s = new ReplyStore({ partChars: 1000 });
      const answer = s.answer('o', result(30), 0);
      expect(() => s.part('o', answer.rest!.reply, index, 0), String(index)).toThrow(/comes next/);
      expect(s.size()).toEqual({ replies: 0, chars: 0 });
    }
    const s = new ReplyStore({ partChars: 1000 });
    const answer = s.answer('o', result(30), 0);
    s.part('o', answer.rest!.reply, 1, 0);
    expect(() => s.part('o', answer.rest!.reply, 1, 0)).toThrow(/part 1 .* where part 2/);
    expect(s.part('o', answer.rest!.reply, 2, 0)).toBeNull();
  });
});
