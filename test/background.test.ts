// The background's message table, driven through the fake browser's runtime messaging (WxtVitest).
import 'fake-indexeddb/auto';
import { describe, it, expect, beforeAll } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '../entrypoints/background';
import { envelope, isErrorReply, type MessageType, type Reply, type Request } from '../lib/messages';
import type { PagePayload, PageResult } from '../lib/types';

async function send<T extends MessageType>(type: T, payload: Request<T>): Promise<Reply<T> | { error: string }> {
  return (await fakeBrowser.runtime.sendMessage(envelope(type, payload))) as Reply<T> | { error: string };
}

const PAGE: PagePayload = {
  url: 'https://news.example/rafah',
  canonicalUrl: null,
  title: 'Talks end',
  outlet: 'Example News',
  byline: null,
  published: '2024-03-22T10:00:00Z',
  text:
    'Blinken left the region on Friday.\n' +
    '“I told him that I hope we would do this with U.S. support, but if necessary we will do it alone,” Netanyahu said.\n' +
    'Talks continue next week.',
  partial: false,
};

describe('background message handlers', () => {
  beforeAll(() => {
    background.main();
  });

  it('keeps the store to itself: nothing on the global object for another script to reach', () => {
    expect((globalThis as { __verbatimDb?: unknown }).__verbatimDb).toBeUndefined();
    expect(Object.keys(globalThis).filter((k) => /verbatim/i.test(k))).toEqual([]);
  });

  it('analyses a page and returns its quotes, then finds the result again by URL', async () => {
    const result = (await send('analyzePage', PAGE)) as PageResult;
    expect(isErrorReply(result)).toBe(false);
    expect(result.quotes.length).toBeGreaterThan(0);
    const q = result.quotes.find((x) => x.text.includes('we will do it alone'));
    expect(q).toBeTruthy();
    expect(PAGE.text.slice(q!.start, q!.end)).toBe(q!.text);
    const again = (await send('getPageResult', { url: PAGE.url })) as PageResult | null;
    expect(again?.quotes.map((x) => x.text)).toEqual(result.quotes.map((x) => x.text));
  });

  it('a page never analysed answers null, not an error', async () => {
    expect(await send('getPageResult', { url: 'https://news.example/never' })).toBeNull();
  });

  it('reads and writes the pause settings', async () => {
    expect(await send('getSettings', {})).toEqual({ globalPaused: false, pausedSites: [] });
    expect(await send('setSitePaused', { host: 'News.Example', paused: true })).toEqual({ globalPaused: false, pausedSites: ['news.example'] });
    expect(await send('setGlobalPaused', { paused: true })).toMatchObject({ globalPaused: true });
    expect(await send('setSitePaused', { host: 'news.example', paused: false })).toEqual({ globalPaused: true, pausedSites: [] });
    await send('setGlobalPaused', { paused: false });
  });

  it('failures come back as { error } data', async () => {
    const reply = await send('analyzeTab', { url: 'https://no.such/tab' });
    expect(isErrorReply(reply)).toBe(true);
    const bad = await send('getPageResult', null as never);
    expect(isErrorReply(bad)).toBe(true);
  });

  it('ignores messages that are not in the map', async () => {
    await expect(fakeBrowser.runtime.sendMessage({ type: 'noSuchMessage', payload: {} })).resolves.toBeUndefined();
  });
});

describe('tabDirectory', () => {
  it('finds a tab by the page URL its content script reported, ignoring sub-frames', async () => {
    const { tabDirectory } = await import('../entrypoints/background');
    const tabs = tabDirectory();
    tabs.remember({ tab: { id: 7 }, url: 'https://a.example/story', frameId: 0 });
    tabs.remember({ tab: { id: 9 }, url: 'https://ads.example/frame', frameId: 3 });
    expect(await tabs.find({ url: 'https://a.example/story' })).toBe(7);
    expect(await tabs.find({ tabId: 4, url: 'https://a.example/story' })).toBe(4);
    await expect(tabs.find({ url: 'https://ads.example/frame' })).rejects.toThrow(/No open tab/);
  });
});
