// [dom] Document → article text blocks, page metadata, and a map from text offsets back to the
// LIVE page's text nodes. Takes the Document as a parameter and never reads globals (no window,
// no document, no location), so it runs the same in a content script and under jsdom in Node.
//
// How: a page that marks its article body (marked-body.ts) has that element's text walked in
// place. Any other page is cloned by hand (recording clone text node → live text node), the clone
// is given to @mozilla/readability (which mutates what it gets), and the text nodes of the article
// element it returns are walked in order into blocks (text-blocks.ts). Each character of the
// output text remembers the live text node and offset it came from, so (start, end) in
// payload.text becomes a DOM Range on the page the reader sees.
import isProbablyReaderable from '@mozilla/readability/Readability-readerable.js';
import type { Readability } from '@mozilla/readability';
import type { PagePayload } from '../types';
import { countLeading } from '../text/sorted';
import { bodyFilter, markedBody, type BodyFilter } from './marked-body';
import type { LiveTexts, recoverQuoteBlocks } from './recover';
import { SLICE_MS, type Pause } from './slices';
import { buildText, SKIP_TAGS, TextWalk, type BuiltText, type Resolve, type TextMap, type TextSegment } from './text-blocks';

export type { Pause, TextMap, TextSegment };

/** Text longer than this is cut at a block boundary and marked partial: 2 M characters is ~300k
 *  words, far beyond any article; past it the page is a dump or an attack, and the message to the
 *  background and the matching cost grow with it. */
export const MAX_TEXT_CHARS = 2_000_000;

/** Nodes cloned at most. News pages have 2k–20k nodes; 150k keeps hostile pages (megabytes of
 *  markup) to a bounded cost, at the price of missing an article placed after that many nodes. */
export const MAX_CLONE_NODES = 60_000;

/** Deeper subtrees are not cloned. Real pages nest < 60 levels; this stops "nested div bombs"
 *  from costing time in Readability's ancestor walks. */
export const MAX_CLONE_DEPTH = 120;

/** Less text than this is not an article (a nav bar, a login box): no room for a quote with its
 *  attribution. A short wire brief (~300 characters) still passes. */
export const MIN_ARTICLE_CHARS = 140;

/** Readability's own limit on elements it scores (it gives up past it). Same bound as the clone. */
const READABILITY_MAX_ELEMS = MAX_CLONE_NODES;

/** class/id/aria-label of page furniture Readability does not know (it already drops nav, share,
 *  related, comment, footer...): newsletter and push-notification boxes, cookie/consent banners. */
const FURNITURE = /newsletter|subscri|signup|sign-up|cookie|consent|gdpr|push-prompt|notification|promo|paywall|piano|recirc|most-read|mostread|trending|outbrain|taboola/i;
/** ...unless the name also says it holds the story (a wrapper like "article-body-with-newsletter"). */
const STORY = /article|story|body|content|main|post-text/i;
/** Furniture boxes are short; a longer block with such a name is more likely the story itself. */
const FURNITURE_MAX_CHARS = 600;

/** Paywall boxes as publishers mark them up (class/id names seen across news sites). */
const PAYWALL_SELECTOR = [
  '[class*="paywall" i]', '[id*="paywall" i]', '[data-paywall]', '.piano-offer', '.tp-modal',
  '.subscriber-only', '.subscription-required', '.article-locked', '.meteredContent-gate',
  '[data-testid="paywall"]',
].join(',');

/** schema.org types that mean "this page is an article". */
const ARTICLE_TYPE = /(?:Article|BlogPosting|Report)$/;

/** What reading needs beyond this file, loaded only when a page needs it (reader-parts.ts). */
export interface ReaderParts {
  Readability: typeof Readability;
  recoverQuoteBlocks: typeof recoverQuoteBlocks;
}

export interface ReadResult {
  payload: PagePayload;
  map: TextMap;
}

interface JsonLdArticle {
  headline: string | null;
  datePublished: string | null;
  publisher: string | null;
  author: string | null;
  freeAccess: boolean | null;
}

/** Reads the article on a page with the reader's parts at hand (reader-parts.ts readArticle gives
 *  them). null when the page has no article (or it cannot be read). */
export function readArticleWith(parts: ReaderParts, doc: Document, url: string, options: ReadOptions = {}): ReadResult | null {
  try {
    const maxTextChars = options.maxTextChars ?? MAX_TEXT_CHARS;
    const marked = options.reader === 'readability' ? null : startMarked(doc, maxTextChars);
    if (marked) {
      marked.walk.run();
      const read = finishMarked(doc, url, marked, maxTextChars, parts);
      if (read || options.reader === 'marked') return read;
    }
    if (options.reader === 'marked') return null;
    const cloned = cloneStep(doc);
    const parsed = cloned && parseStep(cloned, parts);
    return cloned && parsed ? finishStep(doc, url, cloned, parsed, maxTextChars, parts) : null;
  } catch {
    // A hostile or broken page must never break the caller; no article is the honest answer.
    return null;
  }
}

/**
 * readArticleWith with `pause()` between its steps, so no single task on the page's main thread
 * does all of it: a marked body is walked in slices of SLICE_MS (given `options.now`); Readability's
 * read is three steps (clone; Readability; text map and metadata). The reader's parts are asked for
 * only when the page needs them (`parts`: most pages with a marked body need neither Readability nor
 * the quote finder). Same result as readArticleWith for a page that does not change in between; the
 * text map points at live nodes, and rangeFor() already refuses a range whose text has changed since.
 * A page that cannot be read gives null; parts that cannot be had reject (the page was not read).
 */
export async function readArticleInSteps(doc: Document, url: string, pause: Pause, parts: () => Promise<ReaderParts>, options: ReadOptions = {}): Promise<ReadResult | null> {
  // the parts' failure is the extension's, not the page's: it must not read as "no article"
  const failures: unknown[] = [];
  const needed = () => parts().catch((err: unknown) => {
    failures.push(err);
    throw err;
  });
  try {
    return await readInSteps(doc, url, pause, needed, options);
  } catch {
    if (failures.length > 0) throw failures[0];
    // A hostile or broken page must never break the caller; no article is the honest answer.
    return null;
  }
}

async function readInSteps(doc: Document, url: string, pause: Pause, parts: () => Promise<ReaderParts>, options: ReadOptions): Promise<ReadResult | null> {
  const maxTextChars = options.maxTextChars ?? MAX_TEXT_CHARS;
  // finding the marked body is part of the first slice
  const sliceStart = options.now?.();
  const marked = options.reader === 'readability' ? null : startMarked(doc, maxTextChars);
  if (marked) {
    await walkInSlices(marked.walk, pause, options.now, sliceStart);
    // the walk's last slice may have used its time: recovering paragraphs and metadata get their own
    // (the parts, once loaded, come back without a task in between)
    const loaded = needsRecovery(marked) ? await parts() : null;
    if (options.now) await pause();
    const read = finishMarked(doc, url, marked, maxTextChars, loaded);
    if (read || options.reader === 'marked') return read;
    await pause();
  }
  if (options.reader === 'marked') return null;
  // Readability loads while the page is cloned
  const loading = parts();
  loading.catch(() => {});
  const cloned = cloneStep(doc);
  if (!cloned) return null;
  const loaded = await loading;
  await pause();
  const parsed = parseStep(cloned, loaded);
  if (!parsed) return null;
  await pause();
  return finishStep(doc, url, cloned, parsed, maxTextChars, loaded);
}

export interface ReadOptions {
  /** Text cap (default MAX_TEXT_CHARS); tests lower it to exercise the cut cheaply. */
  maxTextChars?: number;
  /** Which reader: the page's marked body when it has one, else Readability (the default); or
   *  only one of them (tests compare the two). */
  reader?: 'any' | 'marked' | 'readability';
  /** A clock in ms: with it, readArticleInSteps walks a marked body in slices of SLICE_MS. */
  now?: () => number;
}

/** A marked body's walk under way, with its filter (which keeps the byline it left out). */
interface MarkedRead {
  body: Element;
  walk: TextWalk;
  filter: BodyFilter;
}

function startMarked(doc: Document, maxTextChars: number): MarkedRead | null {
  if (!doc?.documentElement || !doc.body) return null;
  const body = markedBody(doc, declaresArticle(doc));
  if (!body) return null;
  const title = doc.querySelector('meta[property="og:title"]')?.getAttribute('content') ?? doc.title ?? '';
  const filter = bodyFilter(doc, title);
  // furniture first: Readability never sees it (the clone leaves it out)
  const leave = (el: Element) => isFurniture(el) || filter.leave(el);
  return { body, filter, walk: new TextWalk(body, (t) => t, maxTextChars, leave) };
}

/** Runs a walk to its end, pausing whenever a slice (the first one begun at `firstStart`) has taken
 *  SLICE_MS (in one go without a clock). */
async function walkInSlices(walk: TextWalk, pause: Pause, now: (() => number) | undefined, firstStart?: number): Promise<void> {
  if (!now) {
    walk.run();
    return;
  }
  for (let start = firstStart ?? now(); ; start = now()) {
    if (walk.run(() => now() - start >= SLICE_MS)) return;
    await pause();
  }
}

/** Whether the marked body's walk left out paragraphs where quotes may be put back: between the
 *  first and last words read, where the walk left nothing out on most pages. */
function needsRecovery(marked: MarkedRead): boolean {
  return !marked.filter.composed() && !marked.walk.overCap && marked.walk.leftOutAfterText;
}

/** The marked body's text, with the quote paragraphs its filter left out put back as after
 *  Readability (`parts` are there whenever needsRecovery). */
function finishMarked(doc: Document, url: string, marked: MarkedRead, maxTextChars: number, parts: ReaderParts | null): ReadResult | null {
  if (marked.filter.composed()) return null;
  const read = marked.walk.result();
  const built = parts && needsRecovery(marked)
    ? parts.recoverQuoteBlocks(read, liveTextsOf(marked.body), (el) => buildText(el, (t) => t, maxTextChars), maxTextChars)
    : read;
  if (built.text.trim().length < MIN_ARTICLE_CHARS) return null;
  return withMetadata(doc, url, built, built.truncated, { byline: marked.filter.byline() });
}

/** The text nodes under an element in reading order, each with its place in that order. */
function liveTextsOf(root: Element): LiveTexts {
  const liveTexts: Text[] = [];
  const cloneIndex = new Map<Text, number>();
  const walker = root.ownerDocument.createTreeWalker(root, SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    cloneIndex.set(n as Text, liveTexts.length);
    liveTexts.push(n as Text);
  }
  return { liveTexts, cloneIndex };
}

type Parsed = NonNullable<ReturnType<Readability<Element>['parse']>> & { content: Element };

function cloneStep(doc: Document): Cloned | null {
  if (!doc?.documentElement || !doc.body) return null;
  return cloneDocument(doc) ?? null;
}

function parseStep(cloned: Cloned, parts: ReaderParts): Parsed | null {
  const reader = new parts.Readability<Element>(cloned.clone, {
    serializer: (el) => el as Element,
    maxElemsToParse: READABILITY_MAX_ELEMS,
    // metadata is read from the live page below; classes are never serialized, so skip stripping them
    disableJSONLD: true,
    keepClasses: true,
  });
  const parsed = reader.parse();
  return parsed?.content ? (parsed as Parsed) : null;
}

function finishStep(doc: Document, url: string, cloned: Cloned, parsed: Parsed, maxTextChars: number, parts: ReaderParts): ReadResult | null {
  const content = parsed.content;
  const read = buildText(content, cloneResolver(cloned), maxTextChars);
  const built = read.truncated ? read : parts.recoverQuoteBlocks(read, cloned, (el) => buildText(el, (t) => t, maxTextChars), maxTextChars);
  if (built.text.trim().length < MIN_ARTICLE_CHARS) return null;
  return withMetadata(doc, url, built, built.truncated || cloned.truncated, parsed);
}

/** What Readability found of a page's metadata: the last resort after the page's own tags. */
interface ReaderMeta {
  siteName?: string | null;
  title?: string | null;
  byline?: string | null;
  publishedTime?: string | null;
}

/** The article's payload: its text and map, with the page's metadata read from its tags. */
function withMetadata(doc: Document, url: string, built: BuiltText, truncated: boolean, found: ReaderMeta): ReadResult {
  const ld = readJsonLd(doc);
  const meta = (sel: string) => doc.querySelector(sel)?.getAttribute('content')?.trim() || null;
  const canonicalUrl = absoluteUrl(doc.querySelector('link[rel~="canonical" i]')?.getAttribute('href'), url)
    ?? absoluteUrl(meta('meta[property="og:url"]'), url);
  const outlet = meta('meta[property="og:site_name"]') ?? ld?.publisher ?? clean(found.siteName) ?? hostOf(url);
  const title = meta('meta[property="og:title"]') ?? ld?.headline ?? clean(found.title) ?? clean(doc.title);
  const byline = meta('meta[name="author"]') ?? ld?.author ?? clean(found.byline);
  const published = isoDate(meta('meta[property="article:published_time"]'))
    ?? isoDate(ld?.datePublished)
    ?? isoDate(doc.querySelector('time[datetime]')?.getAttribute('datetime'))
    ?? isoDate(found.publishedTime);
  const paywalled = ld?.freeAccess === false || hasPaywallBox(doc);

  return {
    payload: {
      url,
      canonicalUrl,
      title,
      outlet,
      byline,
      published,
      text: built.text,
      partial: paywalled || truncated,
    },
    map: { text: built.text, segments: built.segments },
  };
}

/** Whether the page says it is an article: og:type article, or schema.org article JSON-LD. */
function declaresArticle(doc: Document): boolean {
  const ogType = doc.querySelector('meta[property="og:type"]')?.getAttribute('content')?.trim().toLowerCase();
  return ogType === 'article' || readJsonLd(doc) !== null;
}

/** True when the page looks like an article: Readability's quick check, schema.org article JSON-LD,
 *  or og:type article. Never throws. */
export function isArticleLike(doc: Document): boolean {
  try {
    if (!doc?.documentElement) return false;
    return declaresArticle(doc) || isProbablyReaderable(doc);
  } catch {
    return false;
  }
}

/** A Range over the live page's text for payload.text.slice(start, end), or null when the offsets
 *  are out of bounds, fall outside mapped text, or the page has changed under them (the range's
 *  text no longer matches, so the caller should re-anchor). */
export function rangeFor(map: TextMap, start: number, end: number, doc: Document): Range | null {
  try {
    const { segments, text } = map;
    if (!(start >= 0 && end <= text.length && start < end) || segments.length === 0) return null;
    // first segment that ends after `start`
    const i = firstSegmentEndingAfter(segments, start);
    if (i >= segments.length || segments[i].start >= end) return null;
    const a = segments[i];
    const startNode = a.node;
    const startOffset = a.nodeStart + Math.max(0, start - a.start);
    // last segment that starts before `end`: a quote spans few segments, found by reading on from `i`
    let j = i;
    while (j + 1 < segments.length && segments[j + 1].start < end) j++;
    const b = segments[j];
    const endNode = b.node;
    const endOffset = b.nodeStart + (Math.min(end, b.end) - b.start);
    if (!startNode.isConnected || !endNode.isConnected) return null;
    // Text read from a frame is another document's: it cannot be drawn from this one.
    if (startNode.ownerDocument !== doc || endNode.ownerDocument !== doc) return null;
    if (startOffset > startNode.length || endOffset > endNode.length) return null;
    const range = doc.createRange();
    range.setStart(startNode, startOffset);
    range.setEnd(endNode, endOffset);
    // a range within one text node reads as that node's characters, without the Range's own reading
    const found = startNode === endNode ? startNode.data.slice(startOffset, endOffset) : range.toString();
    const expected = text.slice(start, end);
    // most quotes read exactly as the page has them; only the others need their whitespace set aside
    if (found !== expected && squash(found) !== squash(expected)) return null;
    return range;
  } catch {
    return null;
  }
}

const firstSegmentEndingAfter = (segs: TextSegment[], pos: number): number => countLeading(segs, (s) => s.end <= pos);

const squash = (s: string) => s.replace(/\s+/g, '');

interface Cloned {
  clone: Document;
  /** clone text node → live text node */
  liveOf: Map<Text, Text>;
  /** live text nodes in document order, for re-finding text nodes Readability recreated */
  liveTexts: Text[];
  /** live text node → its index in liveTexts */
  cloneIndex: Map<Text, number>;
  truncated: boolean;
}

/** Pages up to this many elements are cloned natively in one call (fast: ~0.5 ms for a news page)
 *  and paired with the live page by walking both trees; bigger ones take the capped clone below. */
export const NATIVE_CLONE_MAX_ELEMENTS = 30_000;

const SKIP_SELECTOR = [...SKIP_TAGS].join(',');
/** NodeFilter.SHOW_TEXT, spelled out so this module never reads the global NodeFilter. */
const SHOW_TEXT = 0x4;

function cloneDocument(doc: Document): Cloned {
  // Readability's cost grows with the text it scores: a page with more text than the cap is
  // cloned only up to the cap (the rest could not be sent anyway).
  const textLength = doc.body?.textContent?.length ?? 0;
  if (textLength > MAX_TEXT_CHARS) return cloneCapped(doc, MAX_TEXT_CHARS);
  // A native clone copies neither shadow roots nor frames: such pages take the walk, which reads
  // them in place (the text a reader sees there is part of the story).
  if (hasComposedContent(doc)) return cloneCapped(doc, MAX_TEXT_CHARS);
  if (doc.getElementsByTagName('*').length <= NATIVE_CLONE_MAX_ELEMENTS) {
    try {
      return cloneNative(doc);
    } catch {
      // a DOM too deep for a recursive clone (possible outside browsers): take the capped walk
    }
  }
  return cloneCapped(doc, MAX_TEXT_CHARS);
}

/** Native deep clone; text nodes paired with the live ones by walking both trees in step
 *  (right after cloning they are the same shape), then furniture removed from the clone. */
function cloneNative(doc: Document): Cloned {
  const clone = doc.implementation.createHTMLDocument('');
  const rootLive = doc.documentElement;
  const rootClone = clone.importNode(rootLive, true) as Element;
  const liveOf = new Map<Text, Text>();
  const liveTexts: Text[] = [];
  const cloneIndex = new Map<Text, number>();
  const lw = doc.createTreeWalker(rootLive, SHOW_TEXT);
  const cw = clone.createTreeWalker(rootClone, SHOW_TEXT);
  for (;;) {
    const l = lw.nextNode() as Text | null;
    const c = cw.nextNode() as Text | null;
    if (!l || !c) break;
    liveOf.set(c, l);
    cloneIndex.set(l, liveTexts.length);
    liveTexts.push(l);
  }
  clone.replaceChild(rootClone, clone.documentElement);
  for (const el of Array.from(rootClone.querySelectorAll(SKIP_SELECTOR))) el.remove();
  for (const el of Array.from(rootClone.querySelectorAll('[class],[id],[aria-label]'))) {
    if (el.isConnected && isFurniture(el)) el.remove();
  }
  return { clone, liveOf, liveTexts, cloneIndex, truncated: false };
}

/** Longest wait for same-origin frames still loading before the page is read: their text arrives
 *  with their load, and a frame that never loads must not hold the page. */
export const FRAME_LOAD_WAIT_MS = 1500;

/** Whether a frame of this origin has yet to show its own document (still on the initial blank one
 *  while its srcdoc or src loads). Cross-origin frames are never read, so never waited for. */
function frameLoading(frame: HTMLIFrameElement): boolean {
  let inner: Document | null;
  try {
    inner = frame.contentDocument;
  } catch {
    return false;
  }
  if (!inner) return false;
  const src = frame.getAttribute('src') ?? '';
  const wantsContent = frame.hasAttribute('srcdoc') || (src !== '' && src !== 'about:blank');
  return inner.readyState !== 'complete' || (inner.URL === 'about:blank' && wantsContent);
}

/** Resolves once every same-origin frame still loading has loaded, or after `maxMs`. */
export function framesLoaded(doc: Document, maxMs = FRAME_LOAD_WAIT_MS): Promise<void> {
  const loading = [...doc.getElementsByTagName('iframe')].filter(frameLoading);
  const win = doc.defaultView;
  if (loading.length === 0 || !win) return Promise.resolve();
  return new Promise((resolve) => {
    let left = loading.length;
    const timer = win.setTimeout(resolve, maxMs);
    for (const f of loading) {
      f.addEventListener('load', () => {
        if (--left === 0) {
          win.clearTimeout(timer);
          resolve();
        }
      }, { once: true });
    }
  });
}

/** The document of a same-origin frame, or null (cross-origin, not loaded, or no body). */
function frameBody(frame: Element): HTMLElement | null {
  try {
    return (frame as HTMLIFrameElement).contentDocument?.body ?? null;
  } catch {
    return null;
  }
}

function openShadowRoot(el: Element): ShadowRoot | null {
  return (el as Element & { shadowRoot?: ShadowRoot | null }).shadowRoot ?? null;
}

/** Whether the page shows text a native clone would miss: open shadow roots or same-origin frames. */
function hasComposedContent(doc: Document): boolean {
  const frames = doc.getElementsByTagName('iframe');
  for (let i = 0; i < frames.length; i++) if (frameBody(frames[i])) return true;
  const all = doc.getElementsByTagName('*');
  for (let i = 0; i < all.length; i++) if (openShadowRoot(all[i])) return true;
  return false;
}

/** A node's children as the reader sees them: an open shadow root's content instead of the host's
 *  light children (which it places through its slots), a slot's assigned nodes, a same-origin
 *  frame's body. */
function composedChildren(node: Node): ArrayLike<Node> {
  if (node.nodeType !== 1) return node.childNodes;
  const el = node as Element;
  const root = openShadowRoot(el);
  if (root) return root.childNodes;
  if (el.localName === 'slot') {
    const assigned = (el as HTMLSlotElement).assignedNodes?.() ?? [];
    return assigned.length ? assigned : el.childNodes;
  }
  if (el.localName === 'iframe') {
    return frameBody(el)?.childNodes ?? [];
  }
  return node.childNodes;
}

/** Iterative clone (no recursion: hostile pages nest deeper than the call stack), bounded in
 *  nodes, depth and characters of text; reads open shadow roots and same-origin frames in place. */
function cloneCapped(doc: Document, maxTextChars: number): Cloned {
  const clone = doc.implementation.createHTMLDocument('');
  const liveOf = new Map<Text, Text>();
  const liveTexts: Text[] = [];
  const cloneIndex = new Map<Text, number>();
  const rootLive = doc.documentElement;
  const rootClone = clone.importNode(rootLive, false) as Element;
  clone.replaceChild(rootClone, clone.documentElement);
  let count = 1;
  let textChars = 0;
  let truncated = false;
  const stack: Array<[Node, Node, number]> = [[rootLive, rootClone, 0]];
  while (stack.length && !truncated) {
    const [live, copy, depth] = stack.pop()!;
    // children pushed in reverse below so they are visited in document order
    const kids: Array<[Node, Node, number]> = [];
    const children = composedChildren(live);
    for (let i = 0; i < children.length; i++) {
      const child = children[i];
      if (count >= MAX_CLONE_NODES || textChars > maxTextChars) { truncated = true; break; }
      const type = child.nodeType;
      if (type === 3) {
        textChars += (child as Text).length;
        const c = clone.importNode(child, false) as Text;
        copy.appendChild(c);
        liveOf.set(c, child as Text);
        cloneIndex.set(child as Text, liveTexts.length);
        liveTexts.push(child as Text);
        count++;
      } else if (type === 1) {
        const name = (child as Element).localName;
        const frame = name === 'iframe' && frameBody(child as Element) !== null;
        if (SKIP_TAGS.has(name) && !frame) continue;
        if (isFurniture(child as Element)) continue;
        if (depth + 1 > MAX_CLONE_DEPTH) { truncated = true; continue; }
        // a frame's text goes in a plain block: Readability drops iframes
        const c = frame ? clone.createElement('div') : clone.importNode(child, false);
        copy.appendChild(c);
        count++;
        kids.push([child, c, depth + 1]);
      }
    }
    for (let k = kids.length - 1; k >= 0; k--) stack.push(kids[k]);
  }
  return { clone, liveOf, liveTexts, cloneIndex, truncated };
}

function isFurniture(el: Element): boolean {
  if (!el.hasAttributes()) return false;
  const label = `${el.getAttribute('class') ?? ''} ${el.id} ${el.getAttribute('aria-label') ?? ''}`;
  if (!FURNITURE.test(label) || STORY.test(label)) return false;
  return (el.textContent?.length ?? 0) <= FURNITURE_MAX_CHARS;
}

/** Clone text node → live text node. A node Readability rebuilt (it re-parses when its first pass
 *  finds too little text) is found again as the next live text node, in document order, with the
 *  same characters. */
function cloneResolver(cloned: Cloned): Resolve {
  let cursor = 0; // next live text index expected (document order)
  return (t) => {
    const direct = cloned.liveOf.get(t);
    if (direct) {
      const idx = cloned.cloneIndex.get(direct);
      if (idx !== undefined && idx >= cursor) cursor = idx + 1;
      return direct;
    }
    for (let k = cursor; k < cloned.liveTexts.length; k++) {
      if (cloned.liveTexts[k].data === t.data) {
        cursor = k + 1;
        return cloned.liveTexts[k];
      }
    }
    return null;
  };
}

function readJsonLd(doc: Document): JsonLdArticle | null {
  const scripts = doc.querySelectorAll('script[type="application/ld+json" i]');
  for (const script of Array.from(scripts)) {
    let data: unknown;
    try {
      data = JSON.parse(script.textContent ?? '');
    } catch {
      continue;
    }
    const found = findArticleObject(data, 0);
    if (found) return found;
  }
  return null;
}

/** JSON-LD nesting depth searched (@graph, arrays, mainEntity): real pages use 2–3 levels. */
const JSONLD_MAX_DEPTH = 5;

function findArticleObject(data: unknown, depth: number): JsonLdArticle | null {
  if (depth > JSONLD_MAX_DEPTH || !data || typeof data !== 'object') return null;
  if (Array.isArray(data)) {
    for (const item of data) {
      const r = findArticleObject(item, depth + 1);
      if (r) return r;
    }
    return null;
  }
  const obj = data as Record<string, unknown>;
  const types = ([] as unknown[]).concat(obj['@type'] ?? []).filter((t): t is string => typeof t === 'string');
  if (types.some((t) => ARTICLE_TYPE.test(t))) {
    const parts = ([] as unknown[]).concat(obj.hasPart ?? []);
    const freeFlags = [obj.isAccessibleForFree, ...parts.map((p) => (p as Record<string, unknown> | null)?.isAccessibleForFree)];
    const notFree = freeFlags.some((f) => f === false || (typeof f === 'string' && f.trim().toLowerCase() === 'false'));
    const free = freeFlags.some((f) => f === true || (typeof f === 'string' && f.trim().toLowerCase() === 'true'));
    return {
      headline: str(obj.headline) ?? str(obj.name),
      datePublished: str(obj.datePublished),
      publisher: nameOf(obj.publisher),
      author: namesOf(obj.author),
      freeAccess: notFree ? false : free ? true : null,
    };
  }
  for (const key of ['@graph', 'mainEntity', 'mainEntityOfPage']) {
    const r = findArticleObject(obj[key], depth + 1);
    if (r) return r;
  }
  return null;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);
const clean = (v: string | null | undefined): string | null => (v && v.trim() ? v.trim() : null);

function nameOf(v: unknown): string | null {
  if (typeof v === 'string') return str(v);
  if (Array.isArray(v)) return nameOf(v[0]);
  if (v && typeof v === 'object') return str((v as Record<string, unknown>).name);
  return null;
}

function namesOf(v: unknown): string | null {
  const list = ([] as unknown[]).concat(v ?? []).map(nameOf).filter((n): n is string => !!n);
  return list.length ? list.join(', ') : null;
}

function hasPaywallBox(doc: Document): boolean {
  return doc.querySelector(PAYWALL_SELECTOR) !== null;
}

function isoDate(v: string | null | undefined): string | null {
  if (!v) return null;
  const t = Date.parse(v.trim());
  return Number.isFinite(t) ? new Date(t).toISOString() : null;
}

function absoluteUrl(href: string | null | undefined, base: string): string | null {
  if (!href || !href.trim()) return null;
  try {
    return new URL(href.trim(), base).href;
  } catch {
    return null;
  }
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.replace(/^www\./, '') || null;
  } catch {
    return null;
  }
}
