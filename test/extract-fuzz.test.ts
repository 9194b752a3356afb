// Fuzzed HTML through the whole reading of a page as the command line does it (jsdom, the
// article reader, quote finding, attribution): random tags left open, hidden and skipped content,
// entities, every quotation mark, right-to-left and astral text, inherited names as words. Nothing
// throws, every quote is a span of the text read, and the time stays linear in the page's size.
import { describe, expect, it } from 'vitest';
import { JSDOM, VirtualConsole } from 'jsdom';
import { readArticle } from '../lib/page/reader-parts';
import { extractPage } from '../lib/extract';
import { leastCpuMs } from './support/cpu-time';
import { seededRandom as rng } from './support/seeded-random';


const WORDS = ['the', 'plan', 'said', 'Jane Smith', 'he', 'told reporters', 'constructor', '__proto__', 'toString', 'قال', 'אמר', '他说', '𝐀𝐁', '😀', '\u200b', '\u202e', 'Mr.', 'U.S.', 'according to', '—', ',', '.', ':', '\n'];
const MARKS = ['“', '”', '"', "'", '‘', '’', '«', '»', '„', '‹', '›', '「', '」', '＂', '〝', '〟', "''", '&ldquo;', '&rdquo;', '&quot;', '&#8220;', '&#x201D;', '&laquo;'];
/** Mark pairs a quotation is written in, so that pages hold quotes among the random marks. */
const PAIRS = [['“', '”'], ['"', '"'], ['«', '»'], ['„', '“'], ['「', '」'], ['＂', '＂'], ['&ldquo;', '&rdquo;'], ['‘', '’']];
const OPEN = ['<p>', '<div>', '<article>', '<span>', '<blockquote>', '<em>', '<b>', '<li>', '<table><tr><td>', '<p hidden>', '<div style="display:none">', '<svg><text>', '<h1>', '<figure><figcaption>', '<a href="javascript:alert(1)">', '<bdo dir="rtl">'];
const CLOSE = ['</p>', '</div>', '</article>', '</span>', '</blockquote>', '</em>', '</b>', '</li>', '</td></tr></table>', '</text></svg>', '</h1>', '</a>', '</bdo>'];
/** Elements whose content is no page text, whole: left open, each would swallow the rest of the page. */
const WHOLE = ['<script>document.title = "“x”"</script>', '<style>p::before{content:"“"}</style>', '<template><p>“words in a template”</p></template>', '<noscript>“words without script”</noscript>', '<iframe srcdoc="&lt;p&gt;“framed words”"></iframe>', '<textarea>“typed words”</textarea>'];

function randomPage(random: () => number, pieces: number): string {
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
  let body = '';
  for (let i = 0; i < pieces; i++) {
    const r = random();
    if (r < 0.05) {
      const [open, close] = pick(PAIRS);
      body += `${open}${Array.from({ length: 3 + Math.floor(random() * 8) }, () => pick(WORDS)).join(' ')}${close} `;
    } else if (r < 0.5) body += `${pick(WORDS)} `;
    else if (r < 0.7) body += pick(MARKS);
    else if (r < 0.72) body += pick(WHOLE);
    else if (r < 0.85) body += pick(OPEN);
    else body += pick(CLOSE);
  }
  return `<!doctype html><html><head><title>Story</title><meta property="og:type" content="article"></head><body><article><h1>Story</h1>${body}</article></body></html>`;
}

/** jsdom's window.close() throws when an iframe sits inside <svg> (jsdom counts the frame, which
 *  has no window): a fault of jsdom's teardown, after the reading under test is done. */
function closeWindow(dom: JSDOM): void {
  try {
    dom.window.close();
  } catch (err) {
    if (!/reading 'close'/.test((err as Error).message)) throw err;
  }
}

/** The command line's reading of an HTML page: jsdom without scripts, the article, its quotes. */
function readPage(html: string) {
  const dom = new JSDOM(html, { url: 'https://fuzz.test/story', virtualConsole: new VirtualConsole() });
  try {
    const read = readArticle(dom.window.document, 'https://fuzz.test/story');
    if (!read) return null;
    return { text: read.payload.text, page: extractPage(read.payload.text) };
  } finally {
    closeWindow(dom);
  }
}

describe('fuzzed HTML pages', () => {
  it('100 random pages are read without an error, each quote a span of the text read', () => {
    const random = rng(2026);
    let withQuotes = 0;
    let read = 0;
    for (let n = 0; n < 100; n++) {
      const result = readPage(randomPage(random, 50 + Math.floor(random() * 400)));
      if (!result) continue;
      read++;
      const { text, page } = result;
      expect(page.partial).toBe(false);
      if (page.quotes.length) withQuotes++;
      for (const q of page.quotes) {
        expect(text.slice(q.start, q.end)).toBe(q.text);
        expect(q.speaker === null || typeof q.speaker === 'string').toBe(true);
      }
      expect(new Set(page.quotes.map((q) => q.id)).size).toBe(page.quotes.length);
    }
    // Most pages reach quote finding with quotes in them: the run tests the reading, not its refusal.
    expect(read).toBeGreaterThan(50);
    expect(withQuotes).toBeGreaterThan(read / 2);
  });

  it('reading a random page grows linearly with its size', () => {
    /** The least of three runs over the same page: a busy machine only ever adds time. */
    const ms = (html: string) => leastCpuMs(() => readPage(html), 3);
    const STEP = 8;
    /** Pieces of the small page: about a second of reading, so fixed costs do not hide the growth. */
    const SMALL = 1000;
    const small = ms(randomPage(rng(7), SMALL));
    const large = ms(randomPage(rng(7), SMALL * STEP));
    // Linear growth gives about STEP, quadratic its square; the bound leaves room for a noisy machine.
    expect(large / Math.max(small, 1)).toBeLessThan(4 * STEP);
  }, 120_000);
});
