// @vitest-environment jsdom
// The page overlay draws thousands of markers a group at a time: a render redraws only the groups
// whose markers changed, so adding markers costs the markers added, not all those drawn so far.
import { describe, it, expect, afterEach } from 'vitest';
import { options, render } from 'preact';
import { act } from 'preact/test-utils';
import type { QuoteStatus } from '../lib/types';
import { statementsOf } from '../lib/status';
import { PageOverlay, MARKER_GROUP_SIZE, type MarkerView, type OverlayProps } from '../components/PageOverlay';

let root: HTMLElement | null = null;
afterEach(() => {
  if (root) render(null, root);
  root?.remove();
  root = null;
});

function draw(props: OverlayProps): HTMLElement {
  root ??= document.body.appendChild(document.createElement('div'));
  act(() => render(<PageOverlay {...props} />, root!));
  return root;
}

const marker = (i: number, top = i * 30, status: QuoteStatus = 'new'): MarkerView => ({ id: `q${i}`, status, speaker: null, at: { top, left: 8 } });
const onOpen = () => {};
const onClose = () => {};
const buttons = (el: HTMLElement) => [...el.querySelectorAll<HTMLButtonElement>('button.vb-marker')];

describe('PageOverlay draws markers in groups', () => {
  const n = MARKER_GROUP_SIZE * 3 + 17;
  const all = Array.from({ length: n }, (_, i) => marker(i));

  it('draws every marker with a place, in order, and none for a marker without one', () => {
    const markers = all.map((m, i) => (i === 5 ? { ...m, at: null } : m));
    const el = draw({ markers, open: null, onOpen, onClose });
    expect(buttons(el).map((b) => b.dataset.quoteId)).toEqual(markers.filter((m) => m.at).map((m) => m.id));
  });

  /** Buttons Preact renders (diffs) while `fn` runs. */
  function buttonsRendered(fn: () => void): number {
    let count = 0;
    const before = options.diffed;
    options.diffed = (vnode) => {
      if (vnode.type === 'button') count += 1;
      before?.(vnode);
    };
    try {
      fn();
    } finally {
      options.diffed = before;
    }
    return count;
  }

  it('renders again only the groups whose markers changed', () => {
    let el = draw({ markers: all.slice(0, MARKER_GROUP_SIZE + 10), open: null, onOpen, onClose });
    const first = buttons(el);
    // adding markers renders the new ones and the group they complete, not the full group before
    expect(buttonsRendered(() => (el = draw({ markers: all, open: null, onOpen, onClose })))).toBe(n - MARKER_GROUP_SIZE);
    const after = buttons(el);
    expect(after).toHaveLength(n);
    expect(after.slice(0, first.length)).toEqual(first);
    // the same markers again: nothing to render
    expect(buttonsRendered(() => draw({ markers: [...all], open: null, onOpen, onClose }))).toBe(0);
    // a marker that moves is redrawn, with its group only
    const moved = all.map((m, i) => (i === 1 ? marker(1, 999) : m));
    expect(buttonsRendered(() => (el = draw({ markers: moved, open: null, onOpen, onClose })))).toBe(MARKER_GROUP_SIZE);
    expect(buttons(el)[1].style.top).toBe('999px');
  });

  it('marks the open statement’s marker expanded, and no other, across groups', () => {
    const statement = statementsOf([{ id: `q${MARKER_GROUP_SIZE + 2}`, kind: 'statement', statement: 0, text: 'words', start: 0, end: 5, status: 'new', speaker: null, variants: [] } as never])[0];
    const open = { statement, position: { top: 0, left: 0, above: false }, autoFocus: false };
    let el = draw({ markers: all, open: null, onOpen, onClose });
    el = draw({ markers: all, open, onOpen, onClose });
    const expanded = buttons(el).filter((b) => b.getAttribute('aria-expanded') === 'true').map((b) => b.dataset.quoteId);
    expect(expanded).toEqual([`q${MARKER_GROUP_SIZE + 2}`]);
    el = draw({ markers: all, open: null, onOpen, onClose });
    expect(buttons(el).filter((b) => b.getAttribute('aria-expanded') === 'true')).toHaveLength(0);
  });
});
