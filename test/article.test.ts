import { describe, it, expect } from 'vitest';
import { JSDOM } from 'jsdom';
import fs from 'node:fs';
import path from 'node:path';
import { readArticleInSteps, rangeFor, isArticleLike, MAX_TEXT_CHARS, framesLoaded } from '../lib/page/article';
import { readArticle, readerParts } from '../lib/page/reader-parts';

const PAGES = path.resolve(__dirname, 'fixtures/pages');
const manifest = JSON.parse(fs.readFileSync(path.join(PAGES, 'manifest.json'), 'utf8')) as {
  pages: Array<{ file: string; seed: string; outlet: string; title: string; published: string; canonicalUrl: string; byline: string; articleLines: string[] }>;
  boilerplate: string[];
};

function load(file: string, base = 'http://127.0.0.1:8000/') {
  const url = base + file;
  const dom = new JSDOM(fs.readFileSync(path.join(PAGES, file), 'utf8'), { url });
  return { doc: dom.window.document, url, dom };
}

function domFrom(html: string, url = 'https://example.org/story') {
  const dom = new JSDOM(html, { url });
  return { doc: dom.window.document, url };
}

const collapse = (s: string) => s.replace(/\s+/g, ' ');

/** Every “…” or "…" span in a text, as [start, end) of the words inside the marks. */
function curlyQuotes(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const m of text.matchAll(/“([^”\n]+)”|"([^"\n]+)"/g)) {
    const inner = m[1] ?? m[2];
    out.push([m.index! + 1, m.index! + 1 + inner.length]);
  }
  return out;
}

describe('readArticle on the seed pages', () => {
  for (const page of manifest.pages) {
    describe(page.file.split('/')[0], () => {
      const { doc, url } = load(page.file);
      const result = readArticle(doc, url);

      it('reads an article', () => {
        expect(result).not.toBeNull();
      });

      it('keeps every seed paragraph as its own block, verbatim', () => {
        const blocks = result!.payload.text.split('\n');
        const seedText = fs.readFileSync(path.resolve(__dirname, 'fixtures/seeds', page.seed), 'utf8');
        for (const line of page.articleLines) {
          expect(seedText.includes(line)).toBe(true); // the fixture's lines really are the seed's
          expect(blocks).toContain(line);
        }
        // and in the seed's order
        let at = -1;
        for (const line of page.articleLines) {
          const next = blocks.indexOf(line, at + 1);
          expect(next, line).toBeGreaterThan(at);
          at = next;
        }
      });

      it('leaves the page furniture out', () => {
        const text = result!.payload.text;
        for (const junk of manifest.boilerplate) expect(text).not.toContain(junk);
        expect(text).not.toContain('Share on X');
        expect(text).not.toContain('Manage preferences');
      });

      it('reads the page metadata', () => {
        const p = result!.payload;
        expect(p.outlet).toBe(page.outlet);
        expect(p.title).toBe(page.title);
        expect(p.published).toBe(page.published);
        expect(p.canonicalUrl).toBe(page.canonicalUrl);
        expect(p.byline).toBe(page.byline);
        expect(p.url).toBe(url);
        expect(p.partial).toBe(false);
      });

      it('maps every quote back to the exact words on the live page', () => {
        const { payload, map } = result!;
        const spans = curlyQuotes(payload.text);
        expect(spans.length).toBeGreaterThan(0);
        for (const [s, e] of spans) {
          const range = rangeFor(map, s, e, doc);
          expect(range, payload.text.slice(s, e)).not.toBeNull();
          // the page source wraps lines; the reader sees one space where the source has a newline
          expect(collapse(range!.toString())).toBe(payload.text.slice(s, e));
          // the range's ends sit on the page's own text nodes
          expect(doc.body.contains(range!.startContainer)).toBe(true);
        }
      });

      it('maps single words exactly, including across inline links', () => {
        const { payload, map } = result!;
        const words = [...payload.text.matchAll(/\S+/g)];
        const step = Math.max(1, Math.floor(words.length / 97));
        for (let k = 0; k < words.length; k += step) {
          const w = words[k];
          const range = rangeFor(map, w.index!, w.index! + w[0].length, doc);
          expect(range?.toString()).toBe(w[0]);
        }
      });
    });
  }

  it('gives each seed page a distinct outlet', () => {
    const outlets = manifest.pages.map((p) => p.outlet);
    expect(new Set(outlets).size).toBe(outlets.length);
  });
});

describe('rangeFor refuses what it cannot map', () => {
  const page = manifest.pages[0];

  it.each([
    ['negative start', -1, 5],
    ['empty span', 10, 10],
    ['reversed span', 20, 10],
    ['past the end', 0, 10_000_000],
  ])('%s → null', (_name, s, e) => {
    const { doc, url } = load(page.file);
    const r = readArticle(doc, url)!;
    expect(rangeFor(r.map, s as number, e as number, doc)).toBeNull();
  });

  it('returns null once the page changed the words under the span', () => {
    const { doc, url } = load(page.file);
    const r = readArticle(doc, url)!;
    const [s, e] = curlyQuotes(r.payload.text)[0];
    expect(rangeFor(r.map, s, e, doc)).not.toBeNull();
    const node = r.map.segments.find((seg) => seg.start <= s && s < seg.end)!.node;
    node.data = node.data.replace(/\S/g, 'x');
    expect(rangeFor(r.map, s, e, doc)).toBeNull();
  });

  it('returns null once the node left the page', () => {
    const { doc, url } = load(page.file);
    const r = readArticle(doc, url)!;
    const [s, e] = curlyQuotes(r.payload.text)[0];
    r.map.segments.find((seg) => seg.start <= s && s < seg.end)!.node.parentNode!.removeChild(
      r.map.segments.find((seg) => seg.start <= s && s < seg.end)!.node,
    );
    expect(rangeFor(r.map, s, e, doc)).toBeNull();
  });

  it('maps a span that starts on the line break between blocks to the next block', () => {
    const { doc, url } = load(page.file);
    const r = readArticle(doc, url)!;
    const nl = r.payload.text.indexOf('\n');
    const range = rangeFor(r.map, nl, nl + 6, doc);
    expect(range?.toString()).toBe(r.payload.text.slice(nl + 1, nl + 6));
  });
});

describe('isArticleLike', () => {
  const shortNav = '<nav><a href="/">Home</a><a href="/a">A</a></nav><p>Log in to continue.</p>';
  it.each([
    ['og:type article', `<meta property="og:type" content="article">${shortNav}`, true],
    ['JSON-LD NewsArticle', `<script type="application/ld+json">{"@type":"NewsArticle","headline":"x"}</script>${shortNav}`, true],
    ['JSON-LD in @graph', `<script type="application/ld+json">{"@graph":[{"@type":"WebPage"},{"@type":["ReportageNewsArticle"]}]}</script>${shortNav}`, true],
    ['long readable text', `<article>${'<p>' + 'The council met on Monday to discuss the budget and the plans for the coming year. '.repeat(12) + '</p>'.repeat(1)}${'<p>' + 'Members disagreed on how much to spend on roads, parks and the new library downtown. '.repeat(12) + '</p>'}</article>`, true],
    ['a login page', `<form><input name="u"><input type="password"></form>${shortNav}`, false],
    ['og:type website', `<meta property="og:type" content="website">${shortNav}`, false],
    ['JSON-LD WebSite only', `<script type="application/ld+json">{"@type":"WebSite","name":"x"}</script>${shortNav}`, false],
    ['broken JSON-LD', `<script type="application/ld+json">{ nope </script>${shortNav}`, false],
  ])('%s → %s', (_name, html, expected) => {
    expect(isArticleLike(domFrom(`<!doctype html><html><head></head><body>${html}</body></html>`).doc)).toBe(expected);
  });

  it('is true for every seed page', () => {
    for (const page of manifest.pages) expect(isArticleLike(load(page.file).doc)).toBe(true);
  });
});

describe('readArticle on hostile and odd pages', () => {
  it('reads markup inside quotes as text and changes nothing on the page', () => {
    const { doc, url } = load('hostile.example/markup-in-quotes.html');
    const before = doc.documentElement.outerHTML;
    const r = readArticle(doc, url);
    expect(r).not.toBeNull();
    expect(r!.payload.text).toContain('<img src=x onerror=alert(1)> is what he said,');
    expect(r!.payload.text).toContain('<script>alert(document.cookie)</script> was sitting');
    expect(r!.payload.text).toContain('Whitfield added that “even a single unescaped field is enough');
    expect(doc.documentElement.outerHTML).toBe(before);
    expect(doc.querySelectorAll('img').length).toBe(0);
    // JSON-LD is read as data: the headline keeps its text, the broken block is skipped
    expect(r!.payload.title).toContain('</script><script>alert(2)</script>');
    const [s, e] = curlyQuotes(r!.payload.text)[0];
    expect(collapse(rangeFor(r!.map, s, e, doc)!.toString())).toBe(r!.payload.text.slice(s, e));
  });

  // jsdom is far slower than a browser, so the bulk of the 5 MB is markup (attributes, nesting)
  // rather than text; a chain of divs deeper than a browser's parser builds is in it too.
  it('does not throw on 5 MB of nested divs', () => {
    const deep = '<div>'.repeat(600) + 'bottom' + '</div>'.repeat(600);
    const junk = 'x'.repeat(4000);
    const nest = `<div class="wrap" data-junk="${junk}">`.repeat(8) + 'ipsum dolor sit amet “quoted words” '.repeat(20) + '</div>'.repeat(8);
    const html = `<!doctype html><html><body><article><p>${'A short lead paragraph for the page. '.repeat(20)}</p>${deep}${nest.repeat(Math.ceil(5e6 / nest.length))}</article></body></html>`;
    expect(html.length).toBeGreaterThan(5e6);
    const { doc, url } = domFrom(html);
    let r: ReturnType<typeof readArticle> | undefined;
    expect(() => { r = readArticle(doc, url); }).not.toThrow();
    expect(r?.payload.text).toContain('quoted words');
    expect(isArticleLike(doc)).toBeTypeOf('boolean');
  }, 120_000);

  it('reads at most the text cap from a page with more text than that', () => {
    const para = '<p>' + 'The committee heard from witnesses all day and will vote next week on the plan. '.repeat(12) + '</p>';
    const count = Math.ceil((MAX_TEXT_CHARS * 1.2) / (para.length - 7));
    const { doc, url } = domFrom(`<!doctype html><html><body><article>${para.repeat(count)}</article></body></html>`);
    let r: ReturnType<typeof readArticle> | undefined;
    expect(() => { r = readArticle(doc, url); }).not.toThrow();
    expect(r!.payload.text.length).toBeLessThanOrEqual(MAX_TEXT_CHARS);
    expect(r!.payload.partial).toBe(true);
  }, 120_000);

  it('cuts text past the cap at a block boundary and marks it partial', () => {
    // the default cap (MAX_TEXT_CHARS) is 2 M characters; the same cut is exercised on a lower cap
    const cap = 50_000;
    expect(MAX_TEXT_CHARS).toBeGreaterThanOrEqual(1_000_000);
    const para = '<p>' + 'Officials said the plan would be announced later this week, after more talks. '.repeat(10) + '</p>';
    const count = Math.ceil((cap * 1.5) / (para.length - 7));
    const { doc, url } = domFrom(`<!doctype html><html><body><article>${para.repeat(count)}</article></body></html>`);
    const r = readArticle(doc, url, { maxTextChars: cap });
    expect(r).not.toBeNull();
    expect(r!.payload.text.length).toBeLessThanOrEqual(cap);
    expect(r!.payload.text.length).toBeGreaterThan(cap * 0.9);
    expect(r!.payload.text.endsWith('more talks.')).toBe(true);
    expect(r!.payload.partial).toBe(true);
    const whole = readArticle(doc, url);
    expect(whole!.payload.partial).toBe(false);
    expect(whole!.payload.text.length).toBeGreaterThan(cap * 1.4);
  });

  it('marks a paywalled story partial and still maps its short text', () => {
    const { doc, url } = load('paywalled.example/metered-story.html');
    const r = readArticle(doc, url);
    expect(r).not.toBeNull();
    expect(r!.payload.partial).toBe(true);
    expect(r!.payload.outlet).toBe('Paywalled Example');
    expect(r!.payload.text).not.toContain('Subscribe to continue reading');
    const [s, e] = curlyQuotes(r!.payload.text)[0];
    expect(collapse(rangeFor(r!.map, s, e, doc)!.toString())).toBe(r!.payload.text.slice(s, e));
  });

  it('falls back to the host name for the outlet and reads <time> for the date', () => {
    const body = '<p>' + 'The mayor said the new bridge would open in the spring, a year later than planned. '.repeat(8) + '</p>';
    const { doc } = domFrom(`<!doctype html><html><head><title>Bridge</title></head><body><article><time datetime="2024-03-01T10:00:00Z">March 1</time>${body}${body}</article></body></html>`);
    const r = readArticle(doc, 'https://www.localnews.example/bridge');
    expect(r!.payload.outlet).toBe('localnews.example');
    expect(r!.payload.published).toBe('2024-03-01T10:00:00.000Z');
    expect(r!.payload.canonicalUrl).toBeNull();
  });

  it.each([
    ['an empty body', '<!doctype html><html><head></head><body></body></html>'],
    ['only navigation', '<!doctype html><html><body><nav><a href="/">Home</a></nav></body></html>'],
  ])('returns null for %s', (_name, html) => {
    const { doc, url } = domFrom(html);
    expect(readArticle(doc, url)).toBeNull();
  });

  it('returns null instead of throwing on a document without a root', () => {
    const { doc, url } = domFrom('<p>x</p>');
    doc.removeChild(doc.documentElement);
    expect(readArticle(doc, url)).toBeNull();
    expect(isArticleLike(doc)).toBe(false);
  });
});

describe('readArticleInSteps', () => {
  const mapOf = (r: ReturnType<typeof readArticle>) =>
    r && { payload: r.payload, segments: r.map.segments.map((g) => [g.start, g.end, g.nodeStart, g.node.data]) };

  const readability = { reader: 'readability' } as const;
  const parts = async () => readerParts;
  for (const page of manifest.pages) {
    it(`${page.file.split('/')[0]}: same payload and map as readArticle, pausing twice`, async () => {
      const a = load(page.file);
      const b = load(page.file);
      let pauses = 0;
      const stepped = await readArticleInSteps(b.doc, b.url, async () => { pauses += 1; }, parts, readability);
      expect(pauses).toBe(2);
      expect(stepped).not.toBeNull();
      expect(mapOf(stepped)).toEqual(mapOf(readArticle(a.doc, a.url, readability)));
      // the map points at the live page's own nodes
      expect(stepped!.map.segments.every((g) => g.node.ownerDocument === b.doc)).toBe(true);
    });
  }

  it('gives null for a page with no article, and when a pause fails', async () => {
    const { doc, url } = domFrom('<html><body><nav><a href="/">Home</a></nav></body></html>');
    expect(await readArticleInSteps(doc, url, async () => {}, parts)).toBeNull();
    const page = load(manifest.pages[0].file);
    expect(await readArticleInSteps(page.doc, page.url, async () => { throw new Error('gone'); }, parts, readability)).toBeNull();
  });

  it('asks for the reader\'s parts only when the page needs them, and fails when they cannot be had', async () => {
    let asked = 0;
    const counted = async () => {
      asked += 1;
      return readerParts;
    };
    // a marked body the walk read whole: neither Readability nor the quote finder
    const plain = domFrom(`<html><head><meta property="og:type" content="article"></head><body><article><p>${'The council met on Tuesday and voted on the budget for next year. '.repeat(4)}</p><p>"We will build the bridge," the mayor said.</p></article></body></html>`);
    expect(await readArticleInSteps(plain.doc, plain.url, async () => {}, counted)).not.toBeNull();
    expect(asked).toBe(0);
    // a marked body whose filter left a box out between its words: the quote finder may put one back
    const boxed = domFrom(`<html><head><meta property="og:type" content="article"></head><body><article><p>${'The council met on Tuesday and voted on the budget for next year. '.repeat(4)}</p><div class="newsletter-signup">Sign up</div><p>"We will build the bridge," the mayor said.</p></article></body></html>`);
    expect(await readArticleInSteps(boxed.doc, boxed.url, async () => {}, counted)).not.toBeNull();
    expect(asked).toBe(1);
    // no marked body: Readability
    const page = load(manifest.pages[0].file);
    expect(await readArticleInSteps(page.doc, page.url, async () => {}, counted, readability)).not.toBeNull();
    expect(asked).toBe(2);
    const again = load(manifest.pages[0].file);
    const gone = new Error('the extension was reloaded');
    await expect(readArticleInSteps(again.doc, again.url, async () => {}, async () => { throw gone; }, readability)).rejects.toBe(gone);
  });

  /** A clock that moves on 20 ms each time it is read: every look at it ends a slice of work. */
  const fastClock = () => {
    let t = 0;
    return () => (t += 20);
  };

  for (const page of manifest.pages) {
    it(`${page.file.split('/')[0]}: its marked body walked in slices gives readArticle's payload and map`, async () => {
      const a = load(page.file);
      const b = load(page.file);
      const stepped = await readArticleInSteps(b.doc, b.url, async () => {}, parts, { now: fastClock() });
      expect(stepped).not.toBeNull();
      expect(mapOf(stepped)).toEqual(mapOf(readArticle(a.doc, a.url)));
      expect(stepped!.map.segments.every((g) => g.node.ownerDocument === b.doc)).toBe(true);
    });
  }

  const longPage = (n: number) => domFrom(`<html><head><title>Long story</title><meta property="og:type" content="article"></head>
    <body><nav><a href="/">Home</a></nav><article>${Array.from({ length: n }, (_, i) => `<p>Paragraph ${i} of the story, with <a href="/x">a link</a> and “a quote ${i},” she said.</p>`).join('')}</article></body></html>`);

  it('walks a long marked body in many slices, to the same text as in one go', async () => {
    const a = longPage(400);
    const b = longPage(400);
    let pauses = 0;
    const stepped = await readArticleInSteps(b.doc, b.url, async () => { pauses += 1; }, parts, { now: fastClock() });
    // 400 paragraphs of 6 nodes: a slice ends at each look at the clock, one look per 64 nodes
    expect(pauses).toBeGreaterThan(20);
    expect(mapOf(stepped)).toEqual(mapOf(readArticle(a.doc, a.url)));
    expect(stepped!.payload.text.split('\n')).toHaveLength(400);
  });

  it('gives null when a pause fails while a marked body is walked in slices', async () => {
    const { doc, url } = longPage(400);
    expect(await readArticleInSteps(doc, url, async () => { throw new Error('gone'); }, parts, { now: fastClock() })).toBeNull();
  });
});

describe('readArticle reads text a native clone misses', () => {
  const PARAS = [
    'The ferry service resumed on Monday after a week of storms along the coast, the operator said.',
    'Crews checked every vessel before the first sailing, and the timetable is back to normal.',
    'Passengers queued from early morning at the harbour, many of them commuters who had missed work.',
  ];
  const SHADOW_QUOTE = 'We will not sail until every check is done';
  const FRAME_QUOTE = 'The harbour is open again and the boats are full';

  function pageWith(extra: (doc: Document, article: Element) => void) {
    const { doc, url } = domFrom(`<!doctype html><html><head><title>Ferries resume</title><meta property="og:type" content="article"></head>
      <body><article><h1>Ferries resume</h1>${PARAS.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`);
    extra(doc, doc.querySelector('article')!);
    return { doc, url };
  }

  it('reads a quote inside an open shadow root, slotted text included, and maps it to the live shadow text', () => {
    const { doc, url } = pageWith((d, article) => {
      const host = d.createElement('div');
      const root = host.attachShadow({ mode: 'open' });
      root.innerHTML = `<p>“${SHADOW_QUOTE},” the harbour master, Ines Costa, said. <slot></slot></p>`;
      host.innerHTML = '<span>She spoke at the quay.</span>';
      article.appendChild(host);
    });
    const read = readArticle(doc, url)!;
    expect(read.payload.text).toContain(SHADOW_QUOTE);
    expect(read.payload.text).toContain('She spoke at the quay.');
    const start = read.payload.text.indexOf(SHADOW_QUOTE);
    const range = rangeFor(read.map, start, start + SHADOW_QUOTE.length, doc)!;
    expect(range.toString()).toBe(SHADOW_QUOTE);
    expect(range.startContainer.getRootNode()).not.toBe(doc);
    // the page itself is untouched
    expect(doc.querySelectorAll('verbatim-root, mark').length).toBe(0);
  });

  it('reads a same-origin frame’s text, and does not try to draw it from the top document', () => {
    const { doc, url } = pageWith((d, article) => {
      const frame = d.createElement('iframe');
      article.appendChild(frame);
      frame.contentDocument!.body.innerHTML = `<p>“${FRAME_QUOTE},” the operator’s spokesman, Rui Alves, said.</p>`;
    });
    const read = readArticle(doc, url)!;
    expect(read.payload.text).toContain(FRAME_QUOTE);
    for (const p of PARAS) expect(read.payload.text).toContain(p);
    const start = read.payload.text.indexOf(FRAME_QUOTE);
    expect(rangeFor(read.map, start, start + FRAME_QUOTE.length, doc)).toBeNull();
  });

  it('reads a page without shadow roots or frames as before', () => {
    const { doc, url } = pageWith(() => {});
    const read = readArticle(doc, url)!;
    expect(read.payload.text.split('\n').filter((b) => PARAS.includes(b))).toEqual(PARAS);
  });
});

describe('framesLoaded', () => {
  it('waits for a same-origin frame still on its blank document, and no longer than its limit', async () => {
    const { window } = new JSDOM('<!doctype html><body><p>text</p></body>');
    const doc = window.document;
    const frame = doc.createElement('iframe');
    frame.setAttribute('srcdoc', '<p>“Quoted words inside the frame,” she said.</p>');
    doc.body.appendChild(frame);
    let done = false;
    const waiting = framesLoaded(doc, 5_000).then(() => (done = true));
    await new Promise((r) => setTimeout(r, 20));
    // jsdom leaves a srcdoc frame on its initial blank document: the state of a frame still loading.
    expect(frame.contentDocument?.URL).toBe('about:blank');
    expect(done).toBe(false);
    frame.dispatchEvent(new window.Event('load'));
    await waiting;
    expect(done).toBe(true);
    await framesLoaded(doc, 10); // a frame that never loads is not waited for past the limit
  });
  it('resolves at once when there is no frame', async () => {
    const { window } = new JSDOM('<!doctype html><body><p>text</p></body>');
    await expect(framesLoaded(window.document, 60_000)).resolves.toBeUndefined();
  });
});

describe('readArticle recovers quote paragraphs Readability drops', () => {
  const AP = 'apnews.com/article/israel-hamas-war-blinken-rafah-netanyahu.html';
  const AFTER = '<p>Hamas is recognized as a terrorist organization by the US, Canada, and EU.</p>';
  const QUOTE = '“Nobody will decide this for us,” Gantz told the cabinet.';
  /** The AP seed page with `html` put into its story right after one paragraph. */
  function apWith(html: string) {
    const page = fs.readFileSync(path.join(PAGES, AP), 'utf8');
    expect(page).toContain(AFTER);
    return domFrom(page.replace(AFTER, AFTER + html), 'https://apnews.com/article/x');
  }
  const blocksOf = (r: ReturnType<typeof readArticle>) => r!.payload.text.split('\n');

  it.each([
    ['a pull quote in an aside', `<aside class="pull-quote"><script>window.x = "“a tracker reads this line”";</script><p>${QUOTE}</p></aside>`],
    ['a blockquote in an aside', `<aside><blockquote><p>${QUOTE}</p></blockquote></aside>`],
    ['a quote in a media box', `<div class="media-embed"><img src="a.jpg" alt=""><p>${QUOTE}</p></div>`],
    ['a standalone quote between two halves of the story', `</div><p>“Nobody will decide this for us.”</p><div class="article-body">`],
  ])('%s: kept at its place, mapped to the live words', (_name, html) => {
    const { doc, url } = apWith(html);
    const read = readArticle(doc, url)!;
    const blocks = blocksOf(read);
    const at = blocks.findIndex((b) => b.includes('Nobody will decide this for us'));
    expect(at).toBeGreaterThan(0);
    expect(blocks[at - 1]).toBe(collapse(AFTER.replace(/<\/?p>/g, '')));
    const start = read.payload.text.indexOf('Nobody will decide');
    const range = rangeFor(read.map, start, start + 'Nobody will decide this for us'.length, doc)!;
    expect(range.toString()).toBe('Nobody will decide this for us');
    expect(read.payload.text).not.toContain('tracker');
    // every seed paragraph is still there, once
    for (const line of manifest.pages.find((p) => p.file === AP)!.articleLines) expect(blocks.filter((b) => b === line)).toHaveLength(1);
  });

  it.each([
    ['a related-links box', `<div class="related-stories"><ul><li><a href="/r/1">“Nobody will decide this for us,” Gantz says</a></li></ul></div>`],
    ['a newsletter box', `<div class="newsletter-inline"><p>${QUOTE} Sign up for the morning briefing.</p></div>`],
    ['a comment', `<section id="comments"><p>${QUOTE}</p></section>`],
    ['a footer inside the story', `<footer class="story-note"><p>${QUOTE}</p></footer>`],
    ['a hidden box', `<aside hidden><p>${QUOTE}</p></aside>`],
    ['a list of links', `<aside><p><a href="/a">“Nobody will decide this for us,”</a> <a href="/b">Gantz told the cabinet</a>.</p></aside>`],
    ['a pull quote repeating the story', `<aside class="pull-quote"><p>“I told him that I hope we would do this with U.S. support”</p></aside>`],
    ['scare quotes', `<aside class="pull-quote"><p>The “plan” was discussed.</p></aside>`],
  ])('leaves out %s', (_name, html) => {
    const { doc, url } = apWith(html);
    const read = readArticle(doc, url)!;
    expect(read.payload.text).not.toContain('Nobody will decide');
    expect(read.payload.text).not.toContain('The “plan” was discussed');
    expect(read.payload.text.match(/I told him that I hope/g)).toHaveLength(1);
  });

  it('recovers nothing past the story’s last kept words', () => {
    const { doc, url } = apWith('');
    const read = readArticle(doc, url)!;
    // the newsletter box after the story quotes its readers
    expect(read.payload.text).not.toContain('The best way to start the morning');
  });
});
