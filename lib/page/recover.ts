// [dom] Quote paragraphs Readability drops, recovered from the live page. Readability removes
// asides, boxes it scores as media or promotion, and short siblings of the story's main block that
// do not end like a sentence (“We will do it alone.” ends in a mark, not a full stop), and with
// them quotes the story prints. Such paragraphs are taken back when they lie between the first
// and last words Readability kept, hold a statement in quote marks that the kept text does not
// already have (a pull quote repeats the story), and stand in no navigation, list of links,
// comment or promotion box. Reads no globals: the page's own nodes are walked.
import { findQuotes } from '../quotes/find-quotes';
import type { BuiltText, TextSegment } from './text-blocks';

/** The live page's text nodes in reading order, with each one's place in that order. */
export interface LiveTexts {
  liveTexts: Text[];
  cloneIndex: Map<Text, number>;
}

/** Elements that hold one paragraph of text: the unit recovered. */
const PARAGRAPH = 'p, blockquote, li, dd, figcaption, div, aside, section';

/** Elements never read as the story, wherever they stand. */
const NEVER = new Set(['nav', 'header', 'footer', 'form', 'button', 'select', 'option', 'textarea', 'script', 'style', 'noscript', 'template', 'menu', 'dialog', 'verbatim-root']);
const NEVER_ROLES = /^(?:navigation|banner|contentinfo|search|dialog|menu|menubar|alert)$/i;

/** class/id/aria-label of boxes inside a story that are not the story: recirculation, sharing,
 *  comments, sign-up and promotion boxes, tags, bylines. */
const NOT_STORY = /related|recommend|comment|share|social|promo|newsletter|subscri|signup|sign-up|nav|menu|breadcrumb|more-stor|read-?more|most-?read|trending|recirc|outbrain|taboola|sponsor|advert|(?:^|[\s_-])ads?(?:$|[\s_-])|cookie|consent|byline|author|tags|teaser|paywall/i;

/** NodeFilter.SHOW_TEXT, spelled out so this module never reads the global NodeFilter. */
const SHOW_TEXT = 0x4;

/** Share of a paragraph's characters inside links above which it is a list of links, not prose. */
const MAX_LINK_SHARE = 0.25;

/** Letters and digits only, lower-cased: a quote found again whatever its marks and spacing. */
const wordsOf = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/** Whether an element, or an ancestor below `stop`, is not the story or is hidden. */
function outsideStory(el: Element, stop: Node): boolean {
  for (let e: Element | null = el; e && e !== stop; e = e.parentElement) {
    if (NEVER.has(e.localName)) return true;
    if (NEVER_ROLES.test(e.getAttribute('role') ?? '')) return true;
    if (e.hasAttribute('hidden') || e.getAttribute('aria-hidden') === 'true') return true;
    if (/display\s*:\s*none|visibility\s*:\s*hidden/i.test(e.getAttribute('style') ?? '')) return true;
    if (NOT_STORY.test(`${e.getAttribute('class') ?? ''} ${e.id} ${e.getAttribute('aria-label') ?? ''}`)) return true;
  }
  const check = (el as Element & { checkVisibility?: (o: object) => boolean }).checkVisibility;
  return typeof check === 'function' && !check.call(el, { checkOpacity: true, checkVisibilityCSS: true });
}

function linkShare(el: Element, text: string): number {
  let linked = 0;
  for (const a of Array.from(el.querySelectorAll('a'))) linked += (a.textContent ?? '').replace(/\s+/g, '').length;
  return linked / Math.max(1, text.replace(/\s+/g, '').length);
}

/** Whether a paragraph's text holds a statement the article text (as letters) does not. */
function holdsNewStatement(text: string, articleWords: string): boolean {
  return findQuotes(text).some((q) => q.kind === 'statement' && !articleWords.includes(wordsOf(q.text)));
}

/** Whether any text node under `el` is one of `nodes`. */
function holdsAny(el: Element, nodes: ReadonlySet<Text>): boolean {
  const walker = el.ownerDocument.createTreeWalker(el, SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) if (nodes.has(n as Text)) return true;
  return false;
}

/** The common ancestor of two nodes. */
function commonAncestor(a: Node, b: Node): Node | null {
  const above = new Set<Node>();
  for (let n: Node | null = a; n; n = n.parentNode) above.add(n);
  for (let n: Node | null = b; n; n = n.parentNode) if (above.has(n)) return n;
  return null;
}

/** Paragraphs of the live page between the kept text's first and last words whose words Readability
 *  left out, in reading order, with the reading position of their first text node. */
function droppedParagraphs(built: BuiltText, live: LiveTexts): Array<{ el: Element; at: number }> {
  const kept = new Set<Text>(built.segments.map((s) => s.node));
  let first = Infinity;
  let last = -1;
  for (const node of kept) {
    const i = live.cloneIndex.get(node);
    if (i === undefined) continue;
    first = Math.min(first, i);
    last = Math.max(last, i);
  }
  if (last < 0) return [];
  const story = commonAncestor(live.liveTexts[first], live.liveTexts[last]);
  const out: Array<{ el: Element; at: number }> = [];
  const seen = new Set<Element>();
  for (let i = first + 1; i < last; i++) {
    const node = live.liveTexts[i];
    if (kept.has(node) || !/\S/.test(node.data)) continue;
    const el = node.parentElement?.closest(PARAGRAPH);
    if (!el || seen.has(el) || !story || !story.contains(el) || el === story) continue;
    seen.add(el);
    if (holdsAny(el, kept)) continue;
    out.push({ el, at: i });
  }
  return out;
}

/**
 * `built` with the quote paragraphs Readability dropped put back at their place in reading order.
 * `blockText` reads one live element the way the article's text is read. Nothing is added past
 * `maxChars`.
 */
export function recoverQuoteBlocks(built: BuiltText, live: LiveTexts, blockText: (el: Element) => BuiltText, maxChars: number): BuiltText {
  const dropped = droppedParagraphs(built, live);
  if (dropped.length === 0) return built;
  const story = commonAncestor(built.segments[0].node, built.segments[built.segments.length - 1].node)!;
  const articleWords = wordsOf(built.text);
  const found: Array<{ block: BuiltText; at: number }> = [];
  let length = built.text.length;
  for (const { el, at } of dropped) {
    const block = blockText(el);
    if (!block.text || outsideStory(el, story) || linkShare(el, block.text) > MAX_LINK_SHARE) continue;
    if (!holdsNewStatement(block.text, articleWords) || length + block.text.length + 1 > maxChars) continue;
    found.push({ block, at });
    length += block.text.length + 1;
  }
  return found.length ? insertBlocks(built, found, live) : built;
}

/** The built text split at its block breaks, each block with the reading position of its first text. */
function blocksOf(built: BuiltText, live: LiveTexts): Array<{ block: BuiltText; at: number }> {
  const out: Array<{ block: BuiltText; at: number }> = [];
  let start = 0;
  let seg = 0;
  let at = -1;
  while (start <= built.text.length) {
    const nl = built.text.indexOf('\n', start);
    const end = nl < 0 ? built.text.length : nl;
    const segments: TextSegment[] = [];
    for (; seg < built.segments.length && built.segments[seg].start < end; seg++) {
      const s = built.segments[seg];
      segments.push({ ...s, start: s.start - start, end: s.end - start });
    }
    at = Math.max(at, segments.length ? (live.cloneIndex.get(segments[0].node) ?? at) : at);
    out.push({ block: { text: built.text.slice(start, end), segments, truncated: false }, at });
    if (nl < 0) break;
    start = nl + 1;
  }
  return out;
}

/** Recovered blocks put among the built ones by reading position, the text and map rebuilt. */
function insertBlocks(built: BuiltText, found: Array<{ block: BuiltText; at: number }>, live: LiveTexts): BuiltText {
  const blocks = blocksOf(built, live);
  const all = [...blocks, ...found].map((b, order) => ({ ...b, order }));
  // stable: by reading position; a kept block before a recovered one at the same position
  all.sort((x, y) => x.at - y.at || x.order - y.order);
  const parts: string[] = [];
  const segments: TextSegment[] = [];
  let offset = 0;
  for (const { block } of all) {
    if (parts.length) {
      parts.push('\n');
      offset += 1;
    }
    parts.push(block.text);
    for (const s of block.segments) segments.push({ ...s, start: s.start + offset, end: s.end + offset });
    offset += block.text.length;
  }
  return { text: parts.join(''), segments, truncated: built.truncated };
}
