// @vitest-environment jsdom
// The page overlay: markers as plain buttons in text order (Tab follows the reading), drawn again
// only where they changed (a move of the band costs the markers that enter, move or leave), and
// the card rendered only once one opens.
import { describe, it, expect, afterEach, vi } from 'vitest';
import type { QuoteStatus } from '../lib/types';
import { statementsOf } from '../lib/status';
import { createOverlayRenderer, type MarkerView, type OverlayProps } from '../components/PageOverlay';
import { renderCard } from '../components/card-part';

let root: HTMLElement | null = null;
let cardLoads = 0;
const reports: string[] = [];
const renderOverlay = createOverlayRenderer({
  card: async () => {
    cardLoads += 1;
    return renderCard;
  },
  report: (where, err) => reports.push(`${where}: ${String(err)}`),
});
afterEach(() => {
  root?.remove();
  root = null;
});

function draw(props: Partial<OverlayProps> & { markers: readonly MarkerView[] }): HTMLElement {
  root ??= document.body.appendChild(document.createElement('div'));
  renderOverlay({ open: null, onOpen: () => {}, onClose: () => {}, ...props }, root);
  return root;
}

const marker = (i: number, top = i * 30, status: QuoteStatus = 'new'): MarkerView => ({ id: `q${i}`, status, speaker: null, at: { top, left: 8 } });
const buttons = (el: HTMLElement) => [...el.querySelectorAll<HTMLButtonElement>('button.vb-marker')];
const ids = (el: HTMLElement) => buttons(el).map((b) => b.dataset.quoteId);

/** Nodes added to or removed from the overlay, and attributes set, while `fn` runs. */
async function changes(el: HTMLElement, fn: () => void): Promise<{ added: number; removed: number; attributes: number }> {
  const seen = { added: 0, removed: 0, attributes: 0 };
  const observer = new MutationObserver(() => {});
  observer.observe(el, { subtree: true, childList: true, attributes: true });
  fn();
  for (const r of observer.takeRecords()) {
    seen.added += r.addedNodes.length;
    seen.removed += r.removedNodes.length;
    if (r.type === 'attributes') seen.attributes += 1;
  }
  observer.disconnect();
  return seen;
}

function statement(id: string) {
  return statementsOf([{ id, kind: 'statement', statement: 0, text: 'words', start: 0, end: 5, status: 'reworded', speaker: null, variants: [] } as never])[0];
}

describe('the overlay: markers', () => {
  it('one Tab-reachable button per statement with a place, with status and an accessible name; Enter opens by keyboard', () => {
    const onOpen = vi.fn();
    const el = draw({
      markers: [
        { id: 'q3', status: 'reworded', speaker: 'Benjamin Netanyahu', at: { top: 10, left: 20 } },
        { id: 'q5', status: 'new', speaker: null, at: { top: 40, left: 20 } },
        { id: 'q7', status: 'same', speaker: null, at: null },
      ],
      onOpen,
    });
    const [a, b] = buttons(el);
    expect(buttons(el).map((x) => [x.dataset.quoteId, x.dataset.status])).toEqual([['q3', 'reworded'], ['q5', 'new']]);
    expect(a.getAttribute('aria-label')).toBe('Quote by Benjamin Netanyahu: reworded elsewhere');
    expect(a.title).toBe('Quote by Benjamin Netanyahu: reworded elsewhere');
    expect(a.className).toBe('vb-marker vb-status-reworded');
    expect([a.style.top, a.style.left]).toEqual(['10px', '20px']);
    expect(a.textContent).toBe('~');
    expect(buttons(el).every((x) => x.tabIndex >= 0 && x.type === 'button')).toBe(true);
    // keyboard activation fires click with detail 0; a click on the glyph is a click on its marker
    a.dispatchEvent(new MouseEvent('click', { bubbles: true, detail: 0 }));
    b.firstElementChild!.dispatchEvent(new MouseEvent('click', { bubbles: true, detail: 1 }));
    expect(onOpen.mock.calls).toEqual([['q3', true], ['q5', false]]);
  });

  it('a speaker named with markup is text, never markup', () => {
    const el = draw({ markers: [{ id: 'q1', status: 'new', speaker: '<img src=x onerror=alert(1)>', at: { top: 0, left: 0 } }] });
    expect(el.querySelector('img')).toBeNull();
    expect(buttons(el)[0].getAttribute('aria-label')).toContain('<img src=x onerror=alert(1)>');
  });

  it('draws again only the markers that entered, moved or left, and keeps text order', async () => {
    const all = Array.from({ length: 50 }, (_, i) => marker(i));
    const el = draw({ markers: all.slice(10, 30) });
    const kept = buttons(el);
    // the same marker objects: nothing changes
    expect(await changes(el, () => draw({ markers: all.slice(10, 30) }))).toEqual({ added: 0, removed: 0, attributes: 0 });
    // the band moves up: ten enter above, ten leave below, the others stay the same buttons
    const moved = await changes(el, () => draw({ markers: all.slice(0, 20) }));
    expect(moved).toMatchObject({ added: 10, removed: 10 });
    expect(ids(el)).toEqual(all.slice(0, 20).map((m) => m.id));
    expect(buttons(el).slice(10)).toEqual(kept.slice(0, 10));
    // one marker moves: only its place is written
    const shifted = all.slice(0, 20).map((m, i) => (i === 3 ? marker(3, 999) : m));
    expect(await changes(el, () => draw({ markers: shifted }))).toEqual({ added: 0, removed: 0, attributes: 1 });
    expect(buttons(el)[3].style.top).toBe('999px');
  });

  it('a marker that loses its place is removed, and one that comes back takes its place in order', () => {
    const all = Array.from({ length: 5 }, (_, i) => marker(i));
    const el = draw({ markers: all });
    draw({ markers: all.map((m, i) => (i === 2 ? { ...m, at: null } : m)) });
    expect(ids(el)).toEqual(['q0', 'q1', 'q3', 'q4']);
    draw({ markers: all.map((m) => ({ ...m })) });
    expect(ids(el)).toEqual(['q0', 'q1', 'q2', 'q3', 'q4']);
  });

  it('a status that changes redraws its glyph, class and name', () => {
    const el = draw({ markers: [marker(1)] });
    draw({ markers: [{ ...marker(1), status: 'altered', speaker: 'Ann Lee' }] });
    const [b] = buttons(el);
    expect([b.className, b.dataset.status, b.textContent, b.getAttribute('aria-label')]).toEqual([
      'vb-marker vb-status-altered', 'altered', '!', 'Quote by Ann Lee: meaning altered elsewhere',
    ]);
  });
});

describe('the overlay: the card', () => {
  const open = (id: string) => ({ statement: statement(id), position: { top: 0, left: 0, above: false }, autoFocus: false });

  it('marks the open statement’s marker expanded, and no other, also when it comes back into the band', () => {
    const all = Array.from({ length: 30 }, (_, i) => marker(i));
    const expanded = (el: HTMLElement) => buttons(el).filter((b) => b.getAttribute('aria-expanded') === 'true').map((b) => b.dataset.quoteId);
    let el = draw({ markers: all, open: open('q12') });
    expect(expanded(el)).toEqual(['q12']);
    el = draw({ markers: all, open: open('q4') });
    expect(expanded(el)).toEqual(['q4']);
    // its marker leaves the band and comes back while the card stays open
    el = draw({ markers: all.slice(10), open: open('q4') });
    el = draw({ markers: all, open: open('q4') });
    expect(expanded(el)).toEqual(['q4']);
    el = draw({ markers: all, open: null });
    expect(expanded(el)).toEqual([]);
  });

  it('renders the card after the markers only while one is open', async () => {
    const el = draw({ markers: [marker(1)] });
    expect(el.querySelector('.vb-card')).toBeNull();
    draw({ markers: [marker(1)], open: open('q1') });
    const card = await vi.waitFor(() => el.querySelector('.vb-card') ?? Promise.reject(new Error('no card yet')));
    expect(buttons(el)[0].compareDocumentPosition(card) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    draw({ markers: [marker(1)] });
    expect(el.querySelector('.vb-card')).toBeNull();
  });

  it('loads the card\'s renderer when a card first opens, once, and draws the card open by then', async () => {
    const before = cardLoads;
    const el = draw({ markers: [marker(1), marker(2)] });
    expect(cardLoads).toBe(before);
    // opened, then another opened before the renderer arrived: the latest is drawn
    draw({ markers: [marker(1), marker(2)], open: open('q1') });
    draw({ markers: [marker(1), marker(2)], open: open('q2') });
    await vi.waitFor(() => expect(el.querySelector('.vb-card')).not.toBeNull());
    expect(cardLoads).toBe(before + 1);
    expect(el.querySelector('.vb-card')?.getAttribute('data-quote-id')).toBe('q2');
  });

  it('a card closed before its renderer arrived is never drawn; a renderer that cannot load is reported, and tried again', async () => {
    let fail = true;
    const seen: string[] = [];
    const render = createOverlayRenderer({
      card: async () => {
        if (fail) throw new Error('extension reloaded');
        return renderCard;
      },
      report: (where, err) => seen.push(`${where}: ${err instanceof Error ? err.message : String(err)}`),
    });
    root ??= document.body.appendChild(document.createElement('div'));
    const props = { markers: [marker(1)], onOpen: () => {}, onClose: () => {} };
    render({ ...props, open: open('q1') }, root);
    await vi.waitFor(() => expect(seen).toEqual(['card: extension reloaded']));
    expect(root.querySelector('.vb-card')).toBeNull();
    fail = false;
    render({ ...props, open: open('q1') }, root);
    render({ ...props, open: null }, root);
    await new Promise((r) => setTimeout(r, 0));
    expect(root.querySelector('.vb-card')).toBeNull();
    render({ ...props, open: open('q1') }, root);
    await vi.waitFor(() => expect(root!.querySelector('.vb-card')).not.toBeNull());
  });
});
