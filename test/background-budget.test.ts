// The background holds every page to the attribution time budget: a page that would keep the
// worker busy past it is stored with every quote found, speakers as far as time allowed, and
// marked partial; the next page is analysed in full. Matching has a budget of its own on every
// visit (test/analyze-page-budget.test.ts), on the same clock.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeHandlers } from '../entrypoints/background';
import { openDb } from '../lib/store/db';
import { ATTRIBUTION_BUDGET_MS } from '../lib/extract';
import { MATCH_BUDGET_MS } from '../lib/store/analyze-page';
import { wholeResult } from '../lib/reply-parts';
import type { PagePayload, PageResult } from '../lib/types';

const SPEAKERS = ['Maria Lopez', 'James Chen', 'Aisha Bello', 'Tom Novak', 'Priya Raman'];
const page = (words: (i: number) => string) => Array.from({ length: 400 }, (_, i) => `“${words(i + 1)},” ${SPEAKERS[i % SPEAKERS.length]} said.`).join('\n');
const text = page((i) => `We counted ${i} boxes at the depot before noon`);
// Other words: the next page is not 400 near-copies of the stored ones to grade (MATCH_BUDGET_MS).
const otherText = page((i) => `Crew ${i} loaded the last crates onto the ferry after dark`);
const payload = (url: string, body = text): PagePayload => ({ url, canonicalUrl: null, title: 'Depot', outlet: 'Example', byline: null, published: null, text: body, partial: false });

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the background\'s time budget per page', () => {
  it('stores a page that runs past the budget as partial, every quote found, the later ones without a speaker', async () => {
    const handlers = makeHandlers(openDb('budget-1'), () => 1000);
    // a long result comes in parts (lib/reply-parts.ts), joined as the page joins them
    const analyze = async (url: string, body = text): Promise<PageResult> => wholeResult(await handlers.analyzePage!(payload(url, body), {} as never), (req) => handlers.pageResultPart!(req, {} as never));
    // A clock on which every reading costs a tenth of the budget: the budget ends a few quotes in.
    let t = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => (t += ATTRIBUTION_BUDGET_MS / 10));
    const slow = await analyze('https://news.example/slow');
    expect(slow.partial).toBe(true);
    expect(slow.quotes).toHaveLength(400);
    const named = slow.quotes.filter((q) => q.speaker).length;
    expect(named).toBeGreaterThan(0);
    expect(named).toBeLessThan(40);
    vi.restoreAllMocks();
    const full = await analyze('https://news.example/full', otherText);
    expect(full.partial).toBe(false);
    expect(full.quotes.every((q) => q.speaker)).toBe(true);
  });
});

describe('the background\'s matching budget', () => {
  const few = page((i) => `We counted ${i} boxes at the depot before noon`).split('\n').slice(0, 24).join('\n');
  it('gives the background\'s clock to matching on every visit: a revisit and the popup\'s getPageResult past the budget are partial', async () => {
    const handlers = makeHandlers(openDb('budget-2'), () => 1000);
    const analyze = async (url: string): Promise<PageResult> => wholeResult(await handlers.analyzePage!(payload(url, few), {} as never), (req) => handlers.pageResultPart!(req, {} as never));
    await analyze('https://other.example/depot');
    const first = await analyze('https://news.example/depot');
    expect(first.partial).toBe(false);
    expect(first.quotes.every((q) => q.status !== 'new')).toBe(true);
    // Every reading of the clock costs a tenth of the budget: it runs out within the first statement.
    let t = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => (t += MATCH_BUDGET_MS / 10));
    const again = await analyze('https://news.example/depot');
    const shown = await handlers.getPageResult!({ url: 'https://news.example/depot' }, {} as never);
    vi.restoreAllMocks();
    for (const r of [again, shown]) {
      expect(r?.partial).toBe(true);
      expect(r?.quotes).toHaveLength(24);
      expect(r?.quotes.every((q) => q.status === 'new')).toBe(true);
    }
    expect(await handlers.getPageResult!({ url: 'https://news.example/depot' }, {} as never)).toEqual(first);
  });
});
