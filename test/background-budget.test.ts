// The background holds every page to the attribution time budget: a page that would keep the
// worker busy past it is stored with every quote found, speakers as far as time allowed, and
// marked partial; the next page is analysed in full.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeHandlers } from '../entrypoints/background';
import { openDb } from '../lib/store/db';
import { ATTRIBUTION_BUDGET_MS } from '../lib/extract';
import { wholeResult } from '../lib/reply-parts';
import type { PagePayload, PageResult } from '../lib/types';

const SPEAKERS = ['Maria Lopez', 'James Chen', 'Aisha Bello', 'Tom Novak', 'Priya Raman'];
const text = Array.from({ length: 400 }, (_, i) => `“We counted ${i + 1} boxes at the depot before noon,” ${SPEAKERS[i % SPEAKERS.length]} said.`).join('\n');
const payload = (url: string): PagePayload => ({ url, canonicalUrl: null, title: 'Depot', outlet: 'Example', byline: null, published: null, text, partial: false });

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the background\'s time budget per page', () => {
  it('stores a page that runs past the budget as partial, every quote found, the later ones without a speaker', async () => {
    const handlers = makeHandlers(openDb('budget-1'), () => 1000);
    // a long result comes in parts (lib/reply-parts.ts), joined as the page joins them
    const analyze = async (url: string): Promise<PageResult> => wholeResult(await handlers.analyzePage!(payload(url), {} as never), (req) => handlers.pageResultPart!(req, {} as never));
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
    const full = await analyze('https://news.example/full');
    expect(full.partial).toBe(false);
    expect(full.quotes.every((q) => q.speaker)).toBe(true);
  });
});
