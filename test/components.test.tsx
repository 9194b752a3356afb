// @vitest-environment jsdom
// Components render in jsdom with Preact: what the user reads, and that page text stays text.
import { describe, it, expect, afterEach, vi } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import type { PageQuote, QuoteStatus, Variant } from '../lib/types';
import { statementsOf } from '../lib/status';
import { QuoteCard } from '../components/QuoteCard';
import { WordDiff } from '../components/WordDiff';
import { PageOverlay } from '../components/PageOverlay';
import { Popup, type PopupProps } from '../components/Popup';
import { QuoteLog, EMPTY_FILTERS, type QuoteLogProps } from '../components/QuoteLog';
import { safeHref, formatDate } from '../components/format';
import type { QuoteGroup } from '../lib/types';

let root: HTMLElement;
function mount(node: preact.ComponentChild): HTMLElement {
  root = document.createElement('div');
  document.body.appendChild(root);
  act(() => render(node, root));
  return root;
}
afterEach(() => {
  if (root) render(null, root);
  document.body.textContent = '';
});

function variant(extra: Partial<Variant> = {}): Variant {
  return {
    quoteId: 1, text: 'we will do it alone', speaker: 'Benjamin Netanyahu', speakerKey: 'benjamin netanyahu',
    outlet: 'AP News', url: 'https://apnews.com/a', title: 'AP story', published: '2024-03-22T18:00:00Z',
    firstSeen: 1711130000000, relation: 'reworded', score: 0.7,
    diff: [{ value: 'we ' }, { value: 'will', removed: true }, { value: "'ll", added: true }, { value: ' do it alone' }],
    view: { layout: 'inline', summary: '1 word changed', segments: [{ text: 'we', mark: 'same' }, { text: 'will', mark: 'removed' }, { text: "'ll", mark: 'added' }, { text: 'do it alone', mark: 'same' }], rows: [] },
    speakerConflict: false, earliest: true, ...extra,
  };
}

function quote(id: string, status: QuoteStatus, extra: Partial<PageQuote> = {}): PageQuote {
  return {
    id, start: Number(id.slice(1)) * 100, end: Number(id.slice(1)) * 100 + 20, text: `words of ${id}`, kind: 'statement',
    statement: Number(id.slice(1)), speaker: 'Benjamin Netanyahu', speakerKey: 'benjamin netanyahu', cue: 'said',
    status, variants: [], ...extra,
  };
}

describe('QuoteCard', () => {
  const statement = statementsOf([
    quote('q3', 'reworded', {
      text: "we'll do it alone",
      variants: [
        variant(),
        variant({ quoteId: 2, outlet: 'Washington Post', relation: 'minor', earliest: false, published: '2024-03-23T00:00:00Z', diff: [{ value: "we'll do it alone" }], view: { layout: 'same', summary: 'same words', segments: [{ text: "we'll do it alone", mark: 'same' }], rows: [] } }),
      ],
    }),
  ])[0];

  it('shows speaker, this outlet\'s words and each other version with outlet, date, link, relation and diff', () => {
    const el = mount(<QuoteCard statement={statement} onClose={() => {}} />);
    const card = el.querySelector('.vb-card')!;
    expect(card.getAttribute('role')).toBe('dialog');
    expect(card.querySelector('.vb-speaker')!.textContent).toBe('Benjamin Netanyahu');
    expect(card.querySelector('.vb-this')!.textContent).toBe("we'll do it alone");
    const vs = [...card.querySelectorAll('.vb-variant')];
    expect(vs).toHaveLength(2);
    expect(vs.map((v) => v.querySelector('.vb-outlet')!.textContent)).toEqual(['AP News', 'Washington Post']);
    expect(vs.map((v) => v.querySelector('.vb-relation')!.textContent)).toEqual(['reworded', 'minor change']);
    expect(vs[0].querySelector('.vb-date')!.textContent).toBe(formatDate('2024-03-22T18:00:00Z'));
    expect(vs[0].querySelector('a.vb-link')!.getAttribute('href')).toBe('https://apnews.com/a');
    expect(vs[0].querySelector('.vb-earliest')).not.toBeNull();
    expect(vs[1].querySelector('.vb-earliest')).toBeNull();
    expect(vs[0].querySelector('.vb-diff del')!.textContent).toBe('will');
    expect(vs[0].querySelector('.vb-diff ins')!.textContent).toBe("'ll");
    // an unchanged version shows its words without diff marks
    expect(vs[1].querySelectorAll('ins, del')).toHaveLength(0);
  });

  it('Esc and the close button close it', () => {
    const onClose = vi.fn();
    const el = mount(<QuoteCard statement={statement} onClose={onClose} />);
    act(() => {
      el.querySelector('.vb-card')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    });
    act(() => (el.querySelector('.vb-close') as HTMLButtonElement).click());
    expect(onClose).toHaveBeenCalledTimes(2);
  });

  it('renders hostile page text as text and never links javascript: URLs', () => {
    const evil = '<img src=x onerror="alert(1)"><script>alert(2)</script>';
    const s = statementsOf([
      quote('q1', 'reworded', {
        text: evil, speaker: '<b>Mallory</b>',
        variants: [variant({
          text: evil, outlet: '<i>Evil</i>', url: 'javascript:alert(3)', title: evil, diff: [{ value: evil, added: true }],
          view: { layout: 'columns', summary: evil, segments: [], rows: [{ reference: [{ text: evil, mark: 'removed' }], version: [{ text: evil, mark: 'added' }] }] },
        }),
        variant({
          quoteId: 2, text: evil, outlet: evil, url: 'javascript:alert(4)', title: evil,
          view: { layout: 'inline', summary: evil, segments: [{ text: evil, mark: 'context' }, { text: '…', mark: 'fold', hidden: 3 }, { text: evil, mark: 'added' }], rows: [] },
        })],
      }),
    ])[0];
    const el = mount(<QuoteCard statement={s} onClose={() => {}} />);
    expect(el.querySelector('img, script, b, i')).toBeNull();
    expect(el.querySelector('.vb-this')!.textContent).toBe(evil);
    expect(el.querySelector('.vb-speaker')!.textContent).toBe('<b>Mallory</b>');
    expect(el.querySelector('a[href^="javascript"]')).toBeNull();
    expect(el.querySelector('a.vb-link')).toBeNull();
  });
});

describe('format helpers', () => {
  it.each([
    ['https://example.com/a?b=1', 'https://example.com/a?b=1'],
    ['http://example.com/', 'http://example.com/'],
    ['javascript:alert(1)', undefined],
    ['data:text/html,hi', undefined],
    ['not a url', undefined],
    [null, undefined],
  ])('safeHref(%s) → %s', (input, expected) => {
    expect(safeHref(input)).toBe(expected);
  });
  it('formatDate gives "" for nothing or nonsense', () => {
    expect(formatDate(null)).toBe('');
    expect(formatDate('yesterday-ish')).toBe('');
    expect(formatDate('2024-03-22')).toMatch(/2024/);
  });
});

describe('WordDiff', () => {
  it('marks added and removed words, keeps the rest as text', () => {
    const el = mount(<WordDiff parts={[{ value: 'a ' }, { value: 'b', removed: true }, { value: 'c', added: true }]} />);
    expect(el.querySelector('.vb-diff')!.textContent).toBe('a bc');
    expect(el.querySelector('del')!.textContent).toBe('b');
    expect(el.querySelector('ins')!.textContent).toBe('c');
  });
});

describe('PageOverlay markers', () => {
  it('one Tab-reachable button per statement with status and an accessible name; Enter opens by keyboard', () => {
    const onOpen = vi.fn();
    const el = mount(
      <PageOverlay
        markers={[
          { id: 'q3', status: 'reworded', speaker: 'Benjamin Netanyahu', at: { top: 10, left: 20 } },
          { id: 'q5', status: 'new', speaker: null, at: { top: 40, left: 20 } },
          { id: 'q7', status: 'same', speaker: null, at: null },
        ]}
        open={null}
        onOpen={onOpen}
        onClose={() => {}}
      />,
    );
    const buttons = [...el.querySelectorAll<HTMLButtonElement>('button.vb-marker')];
    expect(buttons.map((b) => [b.dataset.quoteId, b.dataset.status])).toEqual([['q3', 'reworded'], ['q5', 'new']]);
    expect(buttons[0].getAttribute('aria-label')).toBe('Quote by Benjamin Netanyahu: reworded elsewhere');
    expect(buttons.every((b) => b.tabIndex >= 0)).toBe(true);
    // keyboard activation fires click with detail 0
    act(() => { buttons[0].dispatchEvent(new MouseEvent('click', { bubbles: true, detail: 0 })); });
    act(() => { buttons[1].dispatchEvent(new MouseEvent('click', { bubbles: true, detail: 1 })); });
    expect(onOpen.mock.calls).toEqual([['q3', true], ['q5', false]]);
  });
});

describe('Popup', () => {
  const base: PopupProps = {
    url: 'https://apnews.com/a', host: 'apnews.com', loading: false, globalPaused: false, sitePaused: true, message: null,
    busy: false, logHref: 'quotes.html', onToggleSite: () => {}, onToggleAll: () => {}, onAnalyze: () => {},
    result: {
      url: 'https://apnews.com/a', outlet: 'AP News', title: 'Story', partial: false,
      quotes: [
        quote('q1', 'new'), quote('q2', 'same'), quote('q3', 'altered'), quote('q4', 'reworded'),
        quote('q5', 'term', { kind: 'term' }), quote('q6', 'reworded'),
      ],
    },
  };
  it('counts statuses, lists flagged statements first, reflects the switches', () => {
    const el = mount(<Popup {...base} />);
    expect(el.querySelector('#vb-popup')).not.toBeNull();
    const counts = Object.fromEntries([...el.querySelectorAll<HTMLElement>('[data-count-status]')].map((c) => [c.dataset.countStatus, c.textContent]));
    expect(counts).toEqual({ altered: '1', conflict: '0', reworded: '2', same: '1', new: '1', term: '1' });
    expect([...el.querySelectorAll<HTMLElement>('.vb-popup-quote')].map((q) => q.dataset.quoteId)).toEqual(['q3', 'q4', 'q6', 'q2', 'q1']);
    expect((el.querySelector('#vb-pause-site') as HTMLInputElement).checked).toBe(true);
    expect((el.querySelector('#vb-pause-all') as HTMLInputElement).checked).toBe(false);
    expect(el.querySelector('a#vb-open-log')!.getAttribute('href')).toBe('quotes.html');
  });
  it('sends events out', () => {
    const onAnalyze = vi.fn();
    const onToggleAll = vi.fn();
    const el = mount(<Popup {...base} onAnalyze={onAnalyze} onToggleAll={onToggleAll} />);
    act(() => (el.querySelector('#vb-analyze') as HTMLButtonElement).click());
    act(() => (el.querySelector('#vb-pause-all') as HTMLInputElement).click());
    expect(onAnalyze).toHaveBeenCalledTimes(1);
    expect(onToggleAll).toHaveBeenCalledWith(true);
  });
  it('an unanalysed page shows zeros and no list; a non-web page cannot be analysed', () => {
    const el = mount(<Popup {...base} result={null} url="about:blank" host={null} />);
    expect([...el.querySelectorAll('[data-count-status]')].every((c) => c.textContent === '0')).toBe(true);
    expect(el.querySelectorAll('.vb-popup-quote')).toHaveLength(0);
    expect((el.querySelector('#vb-analyze') as HTMLButtonElement).disabled).toBe(true);
  });
});

describe('QuoteLog', () => {
  function group(i: number): QuoteGroup {
    const v = {
      quoteId: i, quoteIds: [i], articleId: i, statement: 0, text: `statement number ${i}`, kind: 'statement' as const,
      speaker: 'Antony Blinken', speakerKey: 'antony blinken', outlet: 'AP News', url: `https://apnews.com/${i}`,
      title: null, published: null, firstSeen: i, seenAt: i, relation: null, score: null, diff: [], speakerConflict: false,
      view: { layout: 'same' as const, summary: 'same words', segments: [{ text: `statement number ${i}`, mark: 'same' as const }], rows: [] },
    };
    return { groupId: `g${i}`, versions: [v], earliest: v, latestSeenAt: i };
  }
  const props = (extra: Partial<QuoteLogProps> = {}): QuoteLogProps => ({
    groups: [], hasMore: false, loading: false, filters: EMPTY_FILTERS, selected: null, importResult: null, status: null,
    onFilters: () => {}, onNearEnd: () => {}, onSelect: () => {}, onExport: () => {}, onImport: () => {},
    onDeleteArticle: () => {}, onDeleteAll: () => {}, ...extra,
  });

  it('renders only the visible rows of 100 000 groups', () => {
    const groups = Array.from({ length: 100_000 }, (_, i) => group(i));
    const t0 = performance.now();
    const el = mount(<QuoteLog {...props({ groups })} />);
    const ms = performance.now() - t0;
    const rows = el.querySelectorAll('.vb-group').length;
    expect(rows).toBeGreaterThan(0);
    expect(rows).toBeLessThan(60);
    expect(el.querySelector('#vb-group-count')!.textContent).toBe('100000');
    expect(ms).toBeLessThan(1000);
  });

  it('selecting a group shows the detail with a delete button per article', () => {
    const onSelect = vi.fn();
    const g = group(1);
    const el = mount(<QuoteLog {...props({ groups: [g], selected: g, onSelect })} />);
    expect(el.querySelector('.vb-detail')!.getAttribute('data-group-id')).toBe('g1');
    expect(el.querySelectorAll('.vb-delete-article')).toHaveLength(1);
    act(() => (el.querySelector('.vb-group') as HTMLButtonElement).click());
    expect(onSelect).toHaveBeenCalledWith(g);
  });

  it('search and filters report the new filter values; export buttons say which format', () => {
    const onFilters = vi.fn();
    const onExport = vi.fn();
    const el = mount(<QuoteLog {...props({ onFilters, onExport })} />);
    const search = el.querySelector('#vb-search') as HTMLInputElement;
    search.value = 'Rafah';
    act(() => { search.dispatchEvent(new Event('input', { bubbles: true })); });
    const relation = el.querySelector('#vb-filter-relation') as HTMLSelectElement;
    relation.value = 'altered';
    act(() => { relation.dispatchEvent(new Event('change', { bubbles: true })); });
    expect(onFilters.mock.calls[0][0]).toMatchObject({ text: 'Rafah' });
    expect(onFilters.mock.calls[1][0]).toMatchObject({ relation: 'altered' });
    for (const f of ['json', 'csv', 'markdown']) act(() => (el.querySelector(`button[data-export="${f}"]`) as HTMLButtonElement).click());
    expect(onExport.mock.calls.map((c) => c[0])).toEqual(['json', 'csv', 'markdown']);
    for (const id of ['#vb-filter-speaker', '#vb-filter-outlet', '#vb-filter-from', '#vb-filter-to', '#vb-import', '#vb-import-result', '#vb-delete-all']) {
      expect(el.querySelector(id), id).not.toBeNull();
    }
  });
});

describe('VirtualList keyboard', () => {
  it('ArrowDown, End and Home move focus between rows, rendering rows that were off screen', async () => {
    const { VirtualList } = await import('../components/VirtualList');
    const items = Array.from({ length: 1000 }, (_, i) => `row ${i}`);
    const el = mount(
      <VirtualList items={items} rowHeight={40} keyOf={(x) => x} label="rows" renderRow={(x) => <button type="button">{x}</button>} />,
    );
    const focused = () => (document.activeElement as HTMLElement | null)?.textContent;
    const key = (k: string) =>
      act(() => {
        document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));
      });
    act(() => el.querySelector<HTMLButtonElement>('[data-index="0"] button')!.focus());
    key('ArrowDown');
    expect(focused()).toBe('row 1');
    key('End');
    expect(focused()).toBe('row 999');
    expect(el.querySelector('[data-index="0"]')).toBeNull();
    key('Home');
    expect(focused()).toBe('row 0');
    key('ArrowUp');
    expect(focused()).toBe('row 0');
  });
});
