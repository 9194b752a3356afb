// [dom] The article body a page marks up itself, read straight from the live page: no clone of the
// document, no Readability pass (on a long article that pass alone is a long task). A body counts
// as marked when it is the page's one schema.org articleBody, or the one <article> of a page that
// says it is an article (og:type or schema.org JSON-LD), and it holds most of the text of
// the page's paragraphs. Inside it, what is left out follows what Readability leaves out of such a body:
// hidden boxes, furniture by tag, role and class name, share boxes, the byline and the heading that
// repeats the title, link lists. Pages without such a body, or whose body shows text from shadow
// roots or frames, are read by Readability as before. test/marked-body.test.ts compares both
// readers on every fixture page that marks its body.

/** Share of the text in the page's paragraphs (<p>) the marked body must hold: below it the element
 *  is a teaser, a card or one part of the story, and Readability finds the story better. */
export const MARKED_BODY_TEXT_SHARE = 2 / 3;

/** Readability's class/id patterns (@mozilla/readability 0.6, REGEXPS), so that both readers drop
 *  the same boxes: furniture unless the name also says content, negative and positive weights,
 *  share boxes, the byline. */
const UNLIKELY = /-ad-|ai2html|banner|breadcrumbs|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote/i;
const MAYBE_CONTENT = /and|article|body|column|content|main|shadow/i;
const NEGATIVE = /-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget/i;
const POSITIVE = /article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story/i;
const SHARE = /(\b|_)(share|sharedaddy)(\b|_)/i;
const BYLINE = /byline|author|dateline|writtenby|p-author/i;
/** Roles Readability drops with their content. */
const UNLIKELY_ROLES = new Set(['menu', 'menubar', 'complementary', 'navigation', 'alert', 'alertdialog', 'dialog']);
/** Tags Readability drops from the article it keeps (forms and fieldsets hold no story text). */
const DROPPED_TAGS = new Set(['footer', 'aside', 'form', 'fieldset', 'button', 'input', 'link', 'object', 'embed', 'iframe', 'select', 'textarea']);
/** Share boxes longer than this are kept: Readability's own bound (DEFAULT_CHAR_THRESHOLD). */
const SHARE_BOX_MAX_CHARS = 500;
/** A byline is shorter than this (Readability's bound). */
const BYLINE_MAX_CHARS = 100;
/** A heading this similar to the title (share of its words found in the title) is the title. */
const TITLE_SIMILARITY = 0.75;
/** Boxes with fewer commas than this are checked for link lists (Readability's bound: prose has commas). */
const PROSE_MIN_COMMAS = 10;
/** Share of a box's text inside links above which it is a list of links (Readability's, for boxes without a content name). */
const MAX_LINK_DENSITY = 0.2;
/** The same for boxes whose name says content (Readability's weight ≥ 25). */
const MAX_LINK_DENSITY_CONTENT = 0.5;

/** Meta tags that give Readability its byline, in which case it keeps the byline box in the text. */
const META_BYLINE = 'meta[name="author" i],meta[name="dc:creator" i],meta[name="dcterm:creator" i],meta[name="parsely-author" i],meta[property="dc:creator" i],meta[property="author" i]';

const classWeight = (el: Element): number => {
  let w = 0;
  for (const name of [el.getAttribute('class') ?? '', el.id]) {
    if (!name) continue;
    if (NEGATIVE.test(name)) w -= 25;
    if (POSITIVE.test(name)) w += 25;
  }
  return w;
};

/** Whether an element holds a same-origin frame, whose text a walk of its own nodes misses. (Open
 *  shadow roots are met by the walk itself: see BodyFilter.composed.) */
function framesInside(el: Element): boolean {
  for (const frame of Array.from(el.getElementsByTagName('iframe'))) {
    try {
      if ((frame as HTMLIFrameElement).contentDocument?.body) return true;
    } catch {
      // cross-origin: never read
    }
  }
  return false;
}

const hasShadow = (el: Element) => !!(el as Element & { shadowRoot?: ShadowRoot | null }).shadowRoot;

/** Whether `el` holds most of the text of `body`'s paragraphs. Counting them is cheap and settles
 *  most pages; their text (a string per paragraph) is read only when the count does not. */
function holdsMostParagraphs(el: Element, body: Element): boolean {
  const inside = el.getElementsByTagName('p').length;
  if (inside === 0) return false;
  if (inside >= MARKED_BODY_TEXT_SHARE * body.getElementsByTagName('p').length) return true;
  return paragraphText(el) >= MARKED_BODY_TEXT_SHARE * paragraphText(body);
}

/** Characters of text in the paragraphs under an element. */
function paragraphText(root: Element): number {
  const ps = root.getElementsByTagName('p');
  let n = 0;
  for (let i = 0; i < ps.length; i++) n += ps[i].textContent?.length ?? 0;
  return n;
}

/** The page's own marked article body, or null (then Readability reads the page). `declaresArticle`:
 *  the page says it is an article (og:type or schema.org JSON-LD), which a lone <article> needs. */
export function markedBody(doc: Document, declaresArticle: boolean): Element | null {
  const body = doc.body;
  if (!body) return null;
  const marked = doc.querySelectorAll('[itemprop~="articleBody"]');
  let el: Element | null = marked.length === 1 ? marked[0] : null;
  if (!el && marked.length === 0) {
    const articles = doc.getElementsByTagName('article');
    if (articles.length === 1 && declaresArticle) el = articles[0];
  }
  if (!el) return null;
  return holdsMostParagraphs(el, body) && !framesInside(el) && !hasShadow(el) ? el : null;
}

/** Words of a text as Readability tokenises them (lower case, split at non-word characters). */
const tokens = (s: string) => s.toLowerCase().split(/\W+/).filter(Boolean);

/** Share of a heading's words (by length) that the title has: Readability's text similarity. */
function similarity(title: string, heading: string): number {
  const titleWords = new Set(tokens(title));
  const words = tokens(heading);
  if (words.length === 0) return 0;
  const unseen = words.filter((w) => !titleWords.has(w)).join(' ').length;
  return 1 - unseen / words.join(' ').length;
}

/** Elements that make a div a box rather than a paragraph (Readability turns the others into paragraphs). */
const BLOCK_INSIDE = 'blockquote, dl, div, img, ol, p, pre, table, ul';

const holdsBlocks = (el: Element): boolean => el.querySelector(BLOCK_INSIDE) !== null;

function linkDensity(el: Element, textLength: number): number {
  let linked = 0;
  for (const a of Array.from(el.getElementsByTagName('a'))) {
    const href = a.getAttribute('href');
    // in-page links count for little, as in Readability
    const share = href && /^#.+/.test(href) ? 0.3 : 1;
    linked += (a.textContent ?? '').trim().length * share;
  }
  return textLength ? linked / textLength : 0;
}

/** Whether the text under an element has at least `n` commas. Read node by node and no further
 *  than the n-th: a box of prose answers within its first lines, without its whole text copied out
 *  (each of the nested boxes around a long story would copy all of it). */
function hasCommas(el: Element, n: number): boolean {
  const walker = el.ownerDocument.createTreeWalker(el, SHOW_TEXT);
  let seen = 0;
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    const data = (t as Text).data;
    for (let at = data.indexOf(','); at >= 0; at = data.indexOf(',', at + 1)) if (++seen >= n) return true;
  }
  return false;
}

/** NodeFilter.SHOW_TEXT, spelled out so this module never reads the global NodeFilter. */
const SHOW_TEXT = 0x4;

/** Share of a box's text in lists above which it is a list (Readability's bound). */
const LIST_SHARE = 0.9;

/** Whether a box is a list, or all but made of lists. */
function isList(el: Element, textLength: number): boolean {
  if (el.localName === 'ul' || el.localName === 'ol') return true;
  let listed = 0;
  for (const list of Array.from(el.querySelectorAll('ul, ol'))) listed += (list.textContent ?? '').trim().length;
  return textLength > 0 && listed / textLength > LIST_SHARE;
}

/** A box Readability cleans away: a named non-story box, or a short or link-heavy one that is no list. */
function linkBox(el: Element): boolean {
  if (hasCommas(el, PROSE_MIN_COMMAS)) return false;
  const text = (el.textContent ?? '').trim().replace(/\s{2,}/g, ' ');
  const weight = classWeight(el);
  if (weight < 0) return true;
  const density = linkDensity(el, text.length);
  if (weight >= 25) return density > MAX_LINK_DENSITY_CONTENT;
  if (isList(el, text.length)) return false;
  return (text.length < 25 && density > 0) || density > MAX_LINK_DENSITY;
}

/** An inline style that hides its element (read from the attribute: a style object per element costs). */
const HIDING_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\s*(?:!important\s*)?(?:;|$)/i;

function hidden(el: Element): boolean {
  const style = el.getAttribute('style');
  if (style && HIDING_STYLE.test(style)) return true;
  if (el.hasAttribute('hidden')) return true;
  return el.getAttribute('aria-hidden') === 'true' && !(el.getAttribute('class') ?? '').includes('fallback-image');
}

/** Whether an element's class, id or role name it a box Readability leaves out of a story. */
function namedAway(el: Element, name: string, label: string): boolean {
  if (UNLIKELY.test(label) && !MAYBE_CONTENT.test(label) && name !== 'a' && !el.closest('table, code')) return true;
  if (UNLIKELY_ROLES.has(el.getAttribute('role') ?? '')) return true;
  if (SHARE.test(label) && (el.textContent?.length ?? 0) < SHARE_BOX_MAX_CHARS) return true;
  return (name === 'h1' || name === 'h2') && classWeight(el) < 0;
}

/** What the walk of a marked body leaves out, and the byline it met there. */
export interface BodyFilter {
  /** Whether the walk leaves this element out; asked of each element met, in reading order (the
   *  byline and the title heading are the first that look like one). */
  leave: (el: Element) => boolean;
  /** The byline box's words, when the walk left one out. */
  byline: () => string | null;
  /** Whether the walk met an open shadow root: text a walk of the page's own nodes misses, so
   *  Readability's read (which reads shadow roots in place) is wanted after all. */
  composed: () => boolean;
}

/** The filter for a marked body's walk. `title` is what the page calls the story. */
export function bodyFilter(doc: Document, title: string): BodyFilter {
  // Readability takes the byline from the page's meta tags when they give one, and then keeps the box.
  let bylineFound = doc.querySelector(META_BYLINE) !== null;
  let byline: string | null = null;
  let titleFound = false;
  const isByline = (el: Element, label: string): boolean => {
    if (bylineFound) return false;
    if (el.getAttribute('rel') !== 'author' && !(el.getAttribute('itemprop') ?? '').includes('author') && !BYLINE.test(label)) return false;
    const length = (el.textContent ?? '').trim().length;
    if (length === 0 || length >= BYLINE_MAX_CHARS) return false;
    bylineFound = true;
    // a name marked inside the box is the more exact byline, as Readability reads it
    byline = ((el.querySelector('[itemprop*="name"]') ?? el).textContent ?? '').trim();
    return true;
  };
  let composed = false;
  const leave = (el: Element): boolean => {
    if (hasShadow(el)) composed = true;
    const name = el.localName;
    if (DROPPED_TAGS.has(name)) return true;
    // Most of a story's paragraphs have no attributes, and then none of the boxes named by them.
    const named = el.hasAttributes();
    if (named && (hidden(el) || (el.getAttribute('aria-modal') === 'true' && el.getAttribute('role') === 'dialog'))) return true;
    const label = named ? `${el.getAttribute('class') ?? ''} ${el.id}` : '';
    if (named && isByline(el, label)) return true;
    if ((name === 'h1' || name === 'h2') && !titleFound && similarity(title, el.textContent ?? '') > TITLE_SIMILARITY) {
      titleFound = true;
      return true;
    }
    if (named && namedAway(el, name, label)) return true;
    if (name === 'ul' || name === 'table' || (name === 'div' && holdsBlocks(el))) return linkBox(el);
    return false;
  };
  return { leave, byline: () => byline, composed: () => composed };
}
