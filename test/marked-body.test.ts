import { describe, it, expect } from 'vitest';
import { JSDOM } from 'jsdom';
import fs from 'node:fs';
import path from 'node:path';
import { readArticleInSteps } from '../lib/page/article';
import { readArticle, readerParts } from '../lib/page/reader-parts';
import { markedBody, bodyFilter } from '../lib/page/marked-body';
import { TextWalk } from '../lib/page/text-blocks';
import { hostilePages, manyQuotesPage } from './e2e/hostile-pages.mjs';
import { buildLongArticle } from '../scripts/bench/page-cost.mjs';

const PAGES = path.resolve(__dirname, 'fixtures/pages');
const manifest = JSON.parse(fs.readFileSync(path.join(PAGES, 'manifest.json'), 'utf8')) as { pages: Array<{ file: string }> };
const fixtureFiles = (fs.readdirSync(PAGES, { recursive: true }) as string[]).filter((f) => f.endsWith('.html')).sort();

const domOf = (html: string, url = 'https://example.org/story') => new JSDOM(html, { url }).window.document;

/** Each page read twice, on two copies of it: by its marked body, and by Readability. */
function bothReaders(html: string, url: string) {
  const a = domOf(html, url);
  const b = domOf(html, url);
  return { marked: readArticle(a, url, { reader: 'marked' }), readability: readArticle(b, url, { reader: 'readability' }) };
}

const blocks = (r: ReturnType<typeof readArticle>) => r?.payload.text.split('\n') ?? null;
/** Whether each mapped run of the text is the live node's characters there (any space for any space). */
const spaced = (s: string) => s.replace(/\s/g, ' ');
const mapped = (r: ReturnType<typeof readArticle>) =>
  r?.map.segments.map((s) => spaced(r.map.text.slice(s.start, s.end)) === spaced(s.node.data.slice(s.nodeStart, s.nodeStart + s.end - s.start)));

/** The hostile pages of the browser suite (the big and busy ones are the same markup as the many-quotes page, smaller here). */
const generated: Array<[string, string]> = [
  ...Object.entries(hostilePages()).filter(([p]) => !/^(big|busy|many-quotes)\./.test(p)),
  ['many-quotes.example/300', manyQuotesPage(300)],
  // the story inside boxes within boxes, some of them link lists and share bars
  ['nested.example/story', manyQuotesPage(40).replace(/<article>([\s\S]*)<\/article>/, (_m, inner: string) =>
    `<article>${'<div class="wrap">'.repeat(30)}<div class="share"><a href="/s">Share</a></div>${inner}<ul><li><a href="/a">More</a></li></ul>${'</div>'.repeat(30)}</article>`)],
];

describe('the marked-body reader gives the text blocks Readability gives', () => {
  for (const file of fixtureFiles) {
    it(`fixture ${file.split('/')[0]}`, () => {
      const url = `http://127.0.0.1:8000/${file}`;
      const { marked, readability } = bothReaders(fs.readFileSync(path.join(PAGES, file), 'utf8'), url);
      // every fixture page marks its body: the fast reader must be the one that reads it
      expect(marked).not.toBeNull();
      expect(blocks(marked)).toEqual(blocks(readability));
      expect(marked!.payload).toEqual(readability!.payload);
      expect(mapped(marked)!.every(Boolean)).toBe(true);
    });
  }

  for (const [name, html] of generated) {
    it(`generated page ${name}`, () => {
      const { marked, readability } = bothReaders(html, `https://${name}`);
      if (!marked) return; // no marked body here (a frame): Readability alone reads it, checked below
      expect(blocks(marked)).toEqual(blocks(readability));
      expect(marked.payload).toEqual(readability!.payload);
    });
  }

  const long = buildLongArticle();
  it.skipIf('skipped' in long)(`the page-cost bench's 10,000-word article${'skipped' in long ? ` (skipped: ${long.skipped})` : ''}`, () => {
    if ('skipped' in long) return;
    const { marked, readability } = bothReaders(long.html, 'https://bench.example/long-read');
    expect(marked).not.toBeNull();
    expect(blocks(marked)).toEqual(blocks(readability));
  });

  it('reads every seed page by its marked body by default', () => {
    for (const page of manifest.pages) {
      const url = `http://127.0.0.1:8000/${page.file}`;
      const html = fs.readFileSync(path.join(PAGES, page.file), 'utf8');
      expect(readArticle(domOf(html, url), url)?.payload).toEqual(readArticle(domOf(html, url), url, { reader: 'marked' })?.payload);
    }
  });
});

const page = (head: string, body: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>Harbour plan approved | Daily</title>${head}</head><body>${body}</body></html>`;
const OG = '<meta property="og:type" content="article">';
const story = (n: number, word = 'harbour') =>
  Array.from({ length: n }, (_, i) => `<p>The ${word} board met for the ${i}th time on Thursday, and “the work starts in spring,” its chair, Lena Vogt, said.</p>`).join('');

describe('markedBody: which element is the marked article body', () => {
  it.each([
    ['the one <article> of a page that says it is an article', page(OG, `<nav><a href="/">Home</a></nav><article>${story(8)}</article>`), 'article'],
    ['the one schema.org articleBody', page('', `<main><div itemprop="articleBody">${story(8)}</div></main>`), 'div'],
    ['articleBody inside one of several articles', page('', `<article>${story(1)}</article><article><div itemprop="articleBody">${story(8)}</div></article>`), 'div'],
  ])('finds %s', (_what, html, tag) => {
    expect(markedBody(domOf(html), true)?.localName).toBe(tag);
  });

  it.each([
    ['an <article> on a page that does not say it is an article', page('', `<article>${story(8)}</article>`), false],
    ['two <article> elements', page(OG, `<article>${story(8)}</article><article>${story(8)}</article>`), true],
    ['two articleBody elements', page('', `<div itemprop="articleBody">${story(4)}</div><div itemprop="articleBody">${story(4)}</div>`), true],
    ['an <article> teaser beside the story', page(OG, `<article>${story(1)}</article><div class="story">${story(8)}</div>`), true],
    ['an <article> without paragraphs', page(OG, `<article><div>${'Some words here. '.repeat(40)}</div></article>`), true],
    ['an <article> holding a same-origin frame', page(OG, `<article>${story(8)}<iframe srcdoc="<p>x</p>"></iframe></article>`), true],
  ])('finds none in %s', (_what, html, declares) => {
    const doc = domOf(html);
    const frame = doc.querySelector('iframe');
    // jsdom gives a srcdoc frame its own document: a same-origin frame with a body
    if (frame) expect((frame as HTMLIFrameElement).contentDocument?.body).toBeTruthy();
    expect(markedBody(doc, declares)).toBeNull();
  });

  it('hands a body with an open shadow root inside back to Readability, which reads the shadow text', () => {
    const doc = domOf(page(OG, `<article>${story(4)}<div id="more"></div></article>`));
    doc.getElementById('more')!.attachShadow({ mode: 'open' }).innerHTML = '<p>“This line will carry ten thousand people a day,” the transport chief, Marta Ruiz, said.</p>';
    expect(readArticle(doc, doc.URL, { reader: 'marked' })).toBeNull();
    expect(readArticle(doc, doc.URL)?.payload.text).toContain('This line will carry ten thousand people a day');
  });
});

describe('bodyFilter: what a marked body’s walk leaves out', () => {
  const left = (inner: string, head = '') => {
    const doc = domOf(page(OG + head, `<article>${inner}${story(6)}</article>`));
    const filter = bodyFilter(doc, doc.title);
    const article = doc.querySelector('article')!;
    return { out: [...article.querySelectorAll('[data-t]')].filter((el) => filter.leave(el)).map((el) => el.getAttribute('data-t')), filter };
  };

  it.each([
    ['a hidden box', '<div data-t="x" hidden><p>Hidden words.</p></div>'],
    ['an inline display:none', '<div data-t="x" style="color: red; display: none"><p>Hidden words.</p></div>'],
    ['an aria-hidden box', '<p data-t="x" aria-hidden="true">Hidden words.</p>'],
    ['an aside', '<aside data-t="x"><p>Read more.</p></aside>'],
    ['a share box', '<div data-t="x" class="share-tools"><a href="#">Share</a></div>'],
    ['a related-stories box', '<section data-t="x" class="related-links"><p>Other stories.</p></section>'],
    ['a navigation role', '<div data-t="x" role="navigation"><p>Menu.</p></div>'],
    ['the heading that repeats the title', '<h1 data-t="x">Harbour plan approved</h1>'],
    ['a box of links', '<div data-t="x"><p><a href="/a">One story</a></p><p><a href="/b">Another story</a></p></div>'],
    ['a list of links named as a widget', '<ul data-t="x" class="widget"><li><a href="/a">One story</a></li></ul>'],
    ['a footer', '<footer data-t="x"><p>© Daily</p></footer>'],
  ])('leaves out %s', (_what, inner) => {
    expect(left(inner).out).toEqual(['x']);
  });

  it.each([
    ['a paragraph', '<p data-t="x">“We will do it alone,” he said.</p>'],
    ['a subheading', '<h2 data-t="x">Rafah tensions rising</h2>'],
    ['a blockquote', '<blockquote data-t="x">“We need the quay open in summer.”</blockquote>'],
    ['a box of prose with a link', '<div data-t="x"><p>The board, which met on Thursday, approved the plan, the budget, the timetable, the staff, the quay, the cranes, the sheds, the roads, the lights and <a href="/x">the fees</a>.</p></div>'],
    ['a visible inline style', '<p data-t="x" style="display: block">Shown words.</p>'],
    ['a plain list, links and all (Readability keeps lists)', '<ul data-t="x"><li><a href="/a">One story</a></li><li><a href="/b">Another story</a></li></ul>'],
  ])('keeps %s', (_what, inner) => {
    expect(left(inner).out).toEqual([]);
  });

  it('judges an element without attributes by its tag and words alone', () => {
    const doc = domOf(page(OG, `<article><h1>Harbour plan approved</h1><aside><p>Read more.</p></aside><div><p><a href="/a">One story</a></p><p><a href="/b">Another story</a></p></div><p>“We will do it alone,” he said.</p><h2>Rafah tensions rising</h2>${story(6)}</article>`));
    const filter = bodyFilter(doc, doc.title);
    const [title, aside, links, quote, subheading] = [...doc.querySelector('article')!.children];
    expect([title, aside, links, quote, subheading].map((el) => filter.leave(el))).toEqual([true, true, true, false, false]);
  });

  it('leaves out the first byline and keeps its words as the byline, unless the meta tags give one', () => {
    const a = left('<div data-t="a" class="byline">By <span itemprop="name">Lena Vogt</span></div><div data-t="b" class="byline">By Ole Dahl</div>');
    expect(a.out).toEqual(['a']);
    expect(a.filter.byline()).toBe('Lena Vogt');
    const b = left('<div data-t="a" class="byline">By Lena Vogt</div>', '<meta name="author" content="Lena Vogt">');
    expect(b.out).toEqual([]);
    expect(b.filter.byline()).toBeNull();
  });
});

describe('TextWalk.leftOutAfterText', () => {
  const walked = (inner: string) => {
    const doc = domOf(page(OG, `<article>${inner}</article>`));
    const filter = bodyFilter(doc, doc.title);
    const walk = new TextWalk(doc.querySelector('article')!, (t) => t, 1e6, filter.leave);
    walk.run();
    return walk.leftOutAfterText;
  };

  it('is set by an element left out after the first words read, not before them, nor by script or style', () => {
    expect(walked('<div class="byline">By Lena Vogt</div><p>First words.</p><script>var a = 1;</script><p>Last words.</p>')).toBe(false);
    expect(walked('<p>First words.</p><aside><p>“We will do it alone,” he said.</p></aside><p>Last words.</p>')).toBe(true);
  });
});

describe('reading a marked body in slices', () => {
  it('gives the page’s text and map as in one go, whatever the slice', async () => {
    const html = page(OG, `<article>${story(300)}</article>`);
    const whole = readArticle(domOf(html), 'https://example.org/story')!;
    for (const step of [1, 7, 20]) {
      let t = 0;
      const doc = domOf(html);
      const read = await readArticleInSteps(doc, 'https://example.org/story', async () => {}, async () => readerParts, { now: () => (t += step) });
      expect(read!.payload).toEqual(whole.payload);
      expect(read!.map.segments.map((s) => [s.start, s.end, s.nodeStart, s.node.data])).toEqual(whole.map.segments.map((s) => [s.start, s.end, s.nodeStart, s.node.data]));
    }
  });
});
