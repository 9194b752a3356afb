// @vitest-environment jsdom
// Components render in jsdom with Preact: what the user reads, and that page text stays text.
import { describe, it, expect, afterEach, vi } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import type { PageQuote, QuoteStatus, Variant } from '../lib/types';
import { statementsOf } from '../lib/status';
import { QuoteCard } from '../components/QuoteCard';
import { QuoteDiff } from '../components/QuoteDiff';
import { Timeline, type TimelinePoint } from '../components/Timeline';
import { GroupDetail } from '../components/GroupDetail';
import { diffView } from '../lib/matching/diff-view';
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
    groups: [], hasMore: false, loading: false, filters: EMPTY_FILTERS, selected: null, importResult: null, importLimit: '128 MB', status: null,
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

describe('QuoteDiff', () => {
  const AP_FULL =
    'We have no way to defeat Hamas without entering Rafah and eliminating the remaining battalions there. I told him that I hope we would do this with U.S. support but if necessary – we will do it alone.';
  const WAPO = 'we’ll do it by ourselves.';

  it('shows a short version in its window: context muted, the rest folded, only differing words marked', () => {
    const el = mount(<QuoteDiff view={diffView(AP_FULL, WAPO, 'minor')} referenceName="Earliest" versionName="Washington Post" label="diff" />);
    const box = el.querySelector('.vb-qd')!;
    expect(box.getAttribute('role')).toBe('group');
    expect(box.getAttribute('aria-label')).toBe('diff');
    expect(box.querySelector('.vb-qd-summary')!.textContent).toBe('excerpt: 5 of 37 words, 2 words changed');
    expect([...box.querySelectorAll('del')].map((d) => d.textContent)).toEqual(['alone.']);
    expect([...box.querySelectorAll('ins')].map((d) => d.textContent)).toEqual(['by ourselves.']);
    expect(box.querySelector('.vb-qd-context')!.textContent).toBe('with U.S. support but if necessary –');
    expect(box.querySelector('.vb-qd-fold')!.getAttribute('aria-label')).toBe('26 words not shown');
    expect(box.querySelector('.vb-qd-text')!.textContent).toBe('… with U.S. support but if necessary – we’ll do it alone. by ourselves.');
  });

  it('shows a rewording side by side under both versions’ names, shared words on the same line', () => {
    const a = 'It risks causing more civilian deaths. It risks causing greater damage to the provision of humanitarian assistance.';
    const b = 'It risks killing more civilians. It risks wreaking greater havoc with the provision of humanitarian assistance.';
    const el = mount(<QuoteDiff view={diffView(a, b, 'reworded')} referenceName="This page" versionName="Reuters" label="diff" />);
    expect([...el.querySelectorAll('th')].map((t) => t.textContent)).toEqual(['This page', 'Reuters']);
    const rows = [...el.querySelectorAll('tbody tr')];
    expect(rows.length).toBeGreaterThan(1);
    expect(rows[0].querySelectorAll('td')[0].querySelector('del')!.textContent).toBe('causing');
    expect(rows[0].querySelectorAll('td')[1].querySelector('ins')!.textContent).toBe('killing');
    expect(el.querySelector('.vb-qd-text')).toBeNull();
  });

  it('form-only differences show the version plainly', () => {
    const el = mount(<QuoteDiff view={diffView('“We’ll do it,” he said.', "we'll do it, he said")} referenceName="a" versionName="b" label="diff" />);
    expect(el.querySelectorAll('ins, del, .vb-qd-fold')).toHaveLength(0);
    expect(el.querySelector('.vb-qd-summary')!.textContent).toBe('same words');
    expect(el.querySelector('.vb-qd-text')!.textContent).toBe("we'll do it, he said");
  });
});

describe('Timeline', () => {
  const point = (key: string, outlet: string, when: number | null, relation: TimelinePoint['relation'], extra: Partial<TimelinePoint> = {}): TimelinePoint => ({
    key, outlet, when, dated: 'published', relation, reference: false, earliest: false, ...extra,
  });
  const H = 3_600_000;
  const T = Date.UTC(2024, 2, 22, 12);
  const points = [
    point('3', 'Reuters', T + 30 * H, 'altered'),
    point('1', 'AP News', T, null, { reference: true, earliest: true }),
    point('2', 'Washington Post', T + 5 * H, 'excerpt'),
    point('4', 'Blog', null, 'reworded', { dated: 'first seen' }),
  ];

  it('puts versions in time order with the time between them, each labelled with outlet, date and relation', () => {
    const el = mount(<Timeline points={points} label="History" />);
    const fig = el.querySelector('figure.vb-timeline')!;
    expect(fig.getAttribute('aria-label')).toBe('History');
    const items = [...fig.querySelectorAll('.vb-tl-point')];
    expect(items.map((i) => i.getAttribute('data-key'))).toEqual(['1', '2', '3', '4']);
    expect(items.map((i) => i.getAttribute('data-relation'))).toEqual(['reference', 'excerpt', 'altered', 'reworded']);
    expect(items.map((i) => i.querySelector('.vb-tl-gap')?.textContent ?? null)).toEqual([null, '+5 h', '+25 h', null]);
    expect(items.map((i) => i.querySelector('.vb-tl-dot')!.textContent)).toEqual(['★', '=', '!', '~']);
    const label = items[0].querySelector('button')!.getAttribute('aria-label')!;
    expect(label).toBe(`AP News, ${formatDate(T)} (published), earliest, the others are compared with it`);
    expect(items[3].querySelector('button')!.getAttribute('aria-label')).toBe('Blog, date unknown, reworded');
    expect(fig.querySelector('figcaption')!.textContent).toBe(`First: AP News, ${formatDate(T)} · 2 of 3 other versions changed the words · 1 altered the meaning`);
  });

  it('arrow keys move between points; Enter or a click selects one', () => {
    const onSelect = vi.fn();
    const el = mount(<Timeline points={points} label="History" onSelect={onSelect} />);
    const buttons = [...el.querySelectorAll<HTMLButtonElement>('.vb-tl-point button')];
    buttons[0].focus();
    act(() => {
      buttons[0].dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    });
    expect(document.activeElement).toBe(buttons[1]);
    act(() => {
      buttons[1].dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true }));
    });
    expect(document.activeElement).toBe(buttons[0]);
    act(() => buttons[2].click());
    expect(onSelect).toHaveBeenCalledWith('3');
  });

  it('one version is no history: nothing drawn', () => {
    const el = mount(<Timeline points={[points[1]]} label="History" />);
    expect(el.querySelector('.vb-timeline')).toBeNull();
  });

  it('hostile outlet names stay text', () => {
    const el = mount(<Timeline points={[points[1], point('9', '<img src=x onerror="alert(1)">', T + H, 'minor')]} label="History" />);
    expect(el.querySelector('img')).toBeNull();
    expect(el.querySelectorAll('.vb-tl-outlet')[1].textContent).toBe('<img src=x onerror="alert(1)">');
  });
});

describe('the same diff in the card, the popup and the log', () => {
  const AP_FULL =
    'We have no way to defeat Hamas without entering Rafah and eliminating the remaining battalions there. I told him that I hope we would do this with U.S. support but if necessary – we will do it alone.';
  const WAPO = 'we’ll do it by ourselves.';
  const ap = variant({ text: AP_FULL, relation: 'minor', view: diffView(WAPO, AP_FULL, 'minor'), published: '2024-03-22T10:00:00Z' });
  const page = quote('q1', 'reworded', { text: WAPO, variants: [ap] });

  it('the card: the timeline puts AP first and this page after it; AP’s version shows its window', () => {
    const s = statementsOf([page])[0];
    const el = mount(<QuoteCard statement={s} page={{ outlet: 'Washington Post', published: '2024-03-22T16:00:00Z', firstSeen: 1 }} onClose={() => {}} />);
    const points = [...el.querySelectorAll('.vb-tl-point')];
    expect(points.map((p) => p.querySelector('.vb-tl-outlet')!.textContent)).toEqual(['AP News', 'This page']);
    expect(points[1].querySelector('.vb-tl-gap')!.textContent).toBe('+6 h');
    const diff = el.querySelector('.vb-variant .vb-qd')!;
    expect(diff.querySelector('.vb-qd-summary')!.textContent).toBe('longer: 37 words against 5, 2 words changed');
    expect([...diff.querySelectorAll('ins')].map((x) => x.textContent)).toEqual(['alone.']);
    expect([...diff.querySelectorAll('del')].map((x) => x.textContent)).toEqual(['by ourselves.']);
    // choosing a point on the timeline moves focus to that version
    act(() => (points[0].querySelector('button') as HTMLButtonElement).click());
    expect(document.activeElement?.getAttribute('data-variant-id')).toBe(String(ap.quoteId));
  });

  it('the card without a page date still places this page, as first seen', () => {
    const s = statementsOf([page])[0];
    const el = mount(<QuoteCard statement={s} onClose={() => {}} />);
    const points = [...el.querySelectorAll('.vb-tl-point')];
    expect(points.map((p) => p.getAttribute('data-key'))).toEqual([String(ap.quoteId), 'this']);
    expect(points[1].querySelector('button')!.getAttribute('aria-label')).toBe('This page, date unknown, the others are compared with it');
  });

  it('the popup: a flagged statement shows its most changed version through the same component', () => {
    const result = { url: 'https://x.test/a', outlet: 'Washington Post', title: 'A', partial: false, quotes: [page] };
    const el = mount(
      <Popup
        url="https://x.test/a" host="x.test" loading={false} globalPaused={false} sitePaused={false} message={null} busy={false}
        logHref="quotes.html" onToggleSite={() => {}} onToggleAll={() => {}} onAnalyze={() => {}} result={result}
      />,
    );
    const diff = el.querySelector('.vb-popup-quote .vb-popup-diff')!;
    expect(diff.querySelector('.vb-outlet')!.textContent).toBe('AP News');
    expect(diff.querySelector('.vb-qd-summary')!.textContent).toBe('longer: 37 words against 5, 2 words changed');
    // the diff is not inside the quote's button (a table or paragraph cannot be)
    expect(diff.closest('button')).toBeNull();
  });

  it('the log detail: a timeline of the versions and each later version against the earliest', () => {
    const base = {
      quoteIds: [], statement: 0, kind: 'statement' as const, speaker: 'Benjamin Netanyahu', speakerKey: 'benjamin netanyahu',
      title: null, seenAt: 0, score: null, diff: [], speakerConflict: false,
    };
    const earliest = { ...base, quoteId: 1, articleId: 1, text: AP_FULL, outlet: 'AP News', url: 'https://apnews.com/a', published: '2024-03-22T10:00:00Z', firstSeen: 1, relation: null, view: diffView(AP_FULL, AP_FULL) };
    const later = { ...base, quoteId: 2, articleId: 2, text: WAPO, outlet: 'Washington Post', url: 'https://wapo.test/b', published: '2024-03-22T16:00:00Z', firstSeen: 2, relation: 'minor' as const, view: diffView(AP_FULL, WAPO, 'minor') };
    const group: QuoteGroup = { groupId: 'g', versions: [earliest, later], earliest, latestSeenAt: 2 };
    const el = mount(<GroupDetail group={group} onClose={() => {}} onDeleteArticle={() => {}} />);
    expect([...el.querySelectorAll('.vb-tl-point')].map((p) => p.getAttribute('data-relation'))).toEqual(['reference', 'minor']);
    const versions = [...el.querySelectorAll('.vb-version')];
    expect(versions[0].querySelector('.vb-qd')).toBeNull();
    expect(versions[0].querySelector('.vb-variant-text')!.textContent).toBe(AP_FULL);
    expect(versions[1].querySelector('.vb-qd-summary')!.textContent).toBe('excerpt: 5 of 37 words, 2 words changed');
    expect(versions[1].querySelector('th')).toBeNull();
    expect([...versions[1].querySelectorAll('del')].map((x) => x.textContent)).toEqual(['alone.']);
  });
});

describe('QuoteLog import', () => {
  it('states the largest file it takes next to the file picker', () => {
    const el = document.createElement('div');
    render(<QuoteLog groups={[]} hasMore={false} loading={false} filters={EMPTY_FILTERS} selected={null} importResult={null} importLimit="128 MB" status={null}
      onFilters={() => {}} onNearEnd={() => {}} onSelect={() => {}} onExport={() => {}} onImport={() => {}} onDeleteArticle={() => {}} onDeleteAll={() => {}} />, el);
    expect(el.querySelector('#vb-import-limit')?.textContent).toBe('files up to 128 MB');
    expect(el.querySelector('#vb-import')?.getAttribute('aria-describedby')).toBe('vb-import-limit');
  });
});
