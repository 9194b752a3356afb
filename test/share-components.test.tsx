// @vitest-environment jsdom
// Who shared a version, in the card's and the log's version lists: shown as text, only when known.
import { describe, it, expect, afterEach } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import type { GroupVersion, QuoteGroup, Variant } from '../lib/types';
import { VariantList } from '../components/VariantList';
import { GroupDetail } from '../components/GroupDetail';
import { diffView } from '../lib/matching/diff-view';

let root: HTMLElement | null = null;
function mount(node: preact.ComponentChild): HTMLElement {
  root = document.createElement('div');
  document.body.appendChild(root);
  act(() => render(node, root as HTMLElement));
  return root;
}
afterEach(() => {
  if (root) render(null, root);
  document.body.textContent = '';
});

const TEXT = 'we will do it alone';
const HOSTILE = '<img src=x onerror="alert(1)">';

function variant(extra: Partial<Variant>): Variant {
  return {
    quoteId: 1, text: TEXT, speaker: 'Jane Doe', speakerKey: 'jane doe', outlet: 'Paper A', url: 'https://a.test/story', title: 'A story',
    published: '2024-03-22T10:00:00Z', firstSeen: 1, relation: 'verbatim', score: 1, diff: [{ value: TEXT }], view: diffView(TEXT, TEXT),
    speakerConflict: false, earliest: false, ...extra,
  };
}

function version(extra: Partial<GroupVersion>): GroupVersion {
  return {
    quoteId: 1, quoteIds: [1], articleId: 1, statement: 0, kind: 'statement', seenAt: 1, text: TEXT, speaker: 'Jane Doe', speakerKey: 'jane doe',
    outlet: 'Paper A', url: 'https://a.test/story', title: 'A story', published: '2024-03-22T10:00:00Z', firstSeen: 1, relation: null, score: null,
    diff: [], view: diffView(TEXT, TEXT), speakerConflict: false, ...extra,
  };
}

const sharers = (el: HTMLElement, row: string) =>
  [...el.querySelectorAll(row)].map((r) => r.querySelector('.vb-shared-by')?.textContent ?? null);

describe('who shared a version', () => {
  it('the card names the colleague who shared a version, and nothing for a version read here', () => {
    const el = mount(<VariantList variants={[variant({ quoteId: 1, earliest: true, sharedBy: 'Desk 1' }), variant({ quoteId: 2, outlet: 'Paper B', firstSeen: 2 })]} />);
    expect(sharers(el, '.vb-variant')).toEqual(['shared by Desk 1', null]);
  });

  it('the log lists each version with who shared it', () => {
    const earliest = version({ quoteId: 1, sharedBy: 'Desk 2' });
    const later = version({ quoteId: 2, articleId: 2, firstSeen: 2, outlet: 'Paper B', url: 'https://b.test/story', relation: 'verbatim' });
    const group: QuoteGroup = { groupId: 'g', versions: [earliest, later], earliest, latestSeenAt: 2 };
    const el = mount(<GroupDetail group={group} onClose={() => {}} onDeleteArticle={() => {}} />);
    expect(sharers(el, '.vb-version')).toEqual(['shared by Desk 2', null]);
  });

  it('shows a name as text, never as markup', () => {
    const el = mount(<VariantList variants={[variant({ sharedBy: HOSTILE })]} />);
    expect(el.querySelector('.vb-shared-by')?.textContent).toBe(`shared by ${HOSTILE}`);
    expect(el.querySelector('img')).toBeNull();
  });

  it('both lists link a version only through a web address', () => {
    const bad = { url: 'javascript:alert(1)', title: 'Bad' };
    const card = mount(<VariantList variants={[variant(bad)]} />);
    expect(card.querySelector('a')).toBeNull();
    expect(card.querySelector('.vb-link-missing')?.textContent).toBe('Bad');
    render(null, card);
    const v = version(bad);
    const log = mount(<GroupDetail group={{ groupId: 'g', versions: [v], earliest: v, latestSeenAt: 1 }} onClose={() => {}} onDeleteArticle={() => {}} />);
    expect(log.querySelector('a.vb-link')).toBeNull();
    expect(log.querySelector('.vb-link-missing')?.textContent).toBe('Bad');
  });
});
