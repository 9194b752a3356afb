// Hostile pages for the shipped build, generated at run time and served from memory
// (startServer's `extra`): a page that snoops on the extension, one that wipes itself after load,
// and pages of awkward shape and size. Each says what a run on it must end in.
import fs from 'node:fs';
import path from 'node:path';
import { PAGES_DIR, seedPages } from './server.mjs';

/** Seed page whose Netanyahu quote rewords the AP's (flow.mjs CARD_PAGES): the snooper reads it. */
const SNOOPED_SEED = 2;

/**
 * The snooper: once the extension says it is done, it reads everything a page script can reach
 * (the host, its shadow root, the highlight registry), clicks every highlighted quote and the
 * host itself, presses Enter and Escape, and reads it all again. Its findings go to
 * window.__snoop as JSON, for the test to compare with what the extension knows.
 */
const SNOOPER = `<script>
(() => {
  const look = () => {
    const host = document.querySelector('verbatim-root');
    const seen = { attributes: {}, shadow: null, highlights: {}, hostChildren: host ? host.childNodes.length : -1 };
    if (host) for (const a of host.attributes) seen.attributes[a.name] = a.value;
    try { seen.shadow = host && host.shadowRoot ? host.shadowRoot.innerHTML : null; } catch (e) { seen.shadow = 'error: ' + e.message; }
    if (globalThis.CSS && CSS.highlights) for (const [name, hl] of CSS.highlights) seen.highlights[name] = [...hl].map((r) => r.toString().slice(0, 80));
    seen.bodyText = document.body.innerText.length;
    return seen;
  };
  const poke = () => {
    const host = document.querySelector('verbatim-root');
    if (globalThis.CSS && CSS.highlights) {
      for (const hl of CSS.highlights.values()) {
        for (const r of hl) {
          const rect = r.getClientRects()[0];
          if (!rect) continue;
          const x = rect.left + 2, y = rect.top + rect.height / 2;
          const target = document.elementFromPoint(x, y) || document.body;
          target.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, clientX: x, clientY: y, button: 0 }));
        }
      }
    }
    if (host) {
      host.click();
      host.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
      try { host.attachShadow({ mode: 'open' }); } catch (e) { /* already has one */ }
    }
  };
  const wait = () => {
    const host = document.querySelector('verbatim-root');
    if (!host || host.getAttribute('data-state') !== 'done') { setTimeout(wait, 200); return; }
    setTimeout(() => {
      const before = look();
      poke();
      setTimeout(() => { window.__snoop = JSON.stringify({ before, after: look() }); }, 500);
    }, 500);
  };
  wait();
})();
</script>`;

/** Empties the body shortly after load, as some single-page apps do before rendering elsewhere. */
const WIPER = `<script>addEventListener('load', () => setTimeout(() => { document.body.textContent = ''; }, 50));</script>`;

function withScript(html, script) {
  return html.includes('</body>') ? html.replace('</body>', `${script}</body>`) : html + script;
}

function article(title, paragraphs, { lang = 'en', dir = 'ltr', head = '' } = {}) {
  return `<!doctype html><html lang="${lang}" dir="${dir}"><head><meta charset="utf-8"><title>${title}</title>
<meta property="og:type" content="article"><meta property="og:site_name" content="Hostile Example">${head}
<style>body{font:18px/1.15 Georgia,serif;margin:24px auto;max-width:720px}</style></head>
<body><article><h1>${title}</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}</article></body></html>`;
}

/** A page with `n` short attributed quotes, one per paragraph (also measured by the page-cost bench). */
export function manyQuotesPage(n, { title = 'Depot count runs late', words = (i) => `We counted ${i} boxes at the depot before noon` } = {}) {
  const names = ['Maria Lopez', 'James Chen', 'Aisha Bello', 'Tom Novak', 'Priya Raman'];
  const paragraphs = Array.from({ length: n }, (_, i) => `“${words(i + 1)},” ${names[i % names.length]} said.`);
  return article(title, paragraphs);
}

/** A page that keeps the background busy for a few seconds, with words no other page has. */
export const BUSY_PAGE = 'busy.example/story.html';

/** About `bytes` of ordinary article HTML: plain paragraphs with a quote now and then (also measured by the page-cost bench). */
export function bigPage(bytes) {
  const paragraphs = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const p = i % 7 === 0
      ? `“The council will meet again on day ${i} to review the budget,” the mayor, Ellen Park, said.`
      : `The committee reviewed item ${i} of the plan, which covers roads, schools and the water works across the district's ${i % 40} wards.`;
    paragraphs.push(p);
    size += p.length + 7;
  }
  return article('Council budget review', paragraphs);
}

/**
 * @returns {Record<string, string>} path → HTML, for startServer({ extra })
 */
export function hostilePages() {
  const seed = seedPages()[SNOOPED_SEED];
  const seedHtml = fs.readFileSync(path.join(PAGES_DIR, seed.file), 'utf8');
  return {
    [`snoop/${seed.file}`]: withScript(seedHtml, SNOOPER),
    'wipe.example/story.html': withScript(seedHtml, WIPER),
    'many-quotes.example/story.html': manyQuotesPage(5000),
    [BUSY_PAGE]: manyQuotesPage(2000, { title: 'Pier crews work late', words: (i) => `Crew ${i} loaded the last crates onto the ferry after dark` }),
    'big.example/story.html': bigPage(3_000_000),
    'rtl.example/story.html': article('المجلس يناقش الميزانية', [
      'قال رئيس المجلس أحمد سالم للصحفيين يوم الثلاثاء إن النقاش سيستمر.',
      '«سنواصل العمل حتى نصل إلى اتفاق يرضي الجميع»، قال أحمد سالم.',
      'ואמר דני כהן: "אנחנו נמשיך לעבוד עד שנגיע להסכם".',
      'The session ended late, and the council will meet again next week to vote on the plan.',
    ], { lang: 'ar', dir: 'rtl' }),
    'fullwidth.example/story.html': article('Port talks resume', [
      'Officials met at the port on Monday to resume talks over the new schedule for the container terminal.',
      '＂We will not accept a delay of another month,＂ the union leader, Kenji Mori, said after the meeting.',
      '“The schedule is fair to everyone involved,” the port director, Anna Berg, said in a statement.',
    ]),
    // Tight lines, quotes starting mid-line: a marker must find room without covering a letter.
    'tight.example/story.html': article('Harbour plan approved', [
      'The harbour board approved the plan on Thursday after a long meeting, and its chair, Lena Vogt, said “the work starts in spring and ends before the season,” adding that the cost would be shared.',
      'Fishermen had asked for a delay. “We need the quay open in summer,” their spokesman, Ole Dahl, said, “or we lose the best months of the year.”',
      'The council will review the budget in May, when the first contracts are due to be signed.',
    ], { head: '<style>body{line-height:1 !important;margin:24px 4px!important}</style>' }),
    // The page's own script keeps the article hidden (a "loading" state that never ends here).
    'hidden.example/story.html': article('Bridge reopens after repairs', [
      'The old bridge reopened to traffic on Sunday after eight months of repairs, the city said in a statement.',
      '“It is stronger now than when it was built,” the city engineer, Paula Reyes, told reporters at the opening.',
      '“We will inspect it every year from now on,” the mayor, Tom Hale, said.',
    ], { head: '<style>article{visibility:hidden}</style>' }),
    // Half of the story is rendered into an open shadow root by the page's own script.
    'shadow.example/story.html': withScript(article('Tram line extended', [
      'The city opened the extended tram line on Saturday, adding six stops between the station and the university.',
      'Riders crowded the first trams of the morning, and the operator added extra services at noon.',
      '<span id="more"></span>',
    ]), `<script>document.getElementById('more').attachShadow({ mode: 'open' }).innerHTML =
      '<p>“This line will carry ten thousand people a day,” the transport chief, Marta Ruiz, said at the opening.</p>' +
      '<p>“We built it on time and under budget,” the project lead, Karl Berg, told reporters.</p>';</script>`),
    // The quotes are in a same-origin frame.
    'frame.example/story.html': article('Orchestra returns to the hall', [
      'The city orchestra played its first concert in the restored hall on Friday night, to a full house.',
      'Tickets for the season sold out within hours, the hall said, and extra dates are planned for the spring.',
      `<iframe style="width:100%;height:160px;border:0" srcdoc="${'<p>“The sound in this hall is better than ever,” the conductor, Eva Lind, said after the concert.</p><p>“We waited three years for this night,” the first violinist, Jonas Frisk, said.</p>'.replace(/"/g, '&quot;')}"></iframe>`,
    ]),
    'csp.example/story.html': article('Library hours extended', [
      'The city library will open on Sundays from next month, the council said on Tuesday after a long debate.',
      '“Reading rooms should be open when people are free to use them,” the head librarian, Sara Holm, said.',
      '“We found the money by sharing staff between branches,” the councillor, Ben Adler, told reporters.',
    ], { head: `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src 'self'">` }),
  };
}

/**
 * What each hostile page must end in on the shipped build. `state` is the final data-state;
 * `minQuotes` a floor on data-quote-count (terms and statements); `statements`, if set, the number
 * of statements the popup counts (a quote classed as a term gets no marker and no match); `look`:
 * what the page itself checks of the extension's drawing ('letters': no letter of the page lies
 * under it; 'viewport': nothing of it shows); `jump`: once settled, the page jumps to a quote far
 * down (as a key or the scrollbar does) and its marker must show there.
 */
export const HOSTILE_EXPECTATIONS = [
  { path: 'tight.example/story.html', what: 'markers on tight lines cover no letter', state: ['done'], minQuotes: 3, look: 'letters' },
  { path: 'hidden.example/story.html', what: 'no marker over an article the page keeps hidden', state: ['done', 'skipped'], minQuotes: 0, look: 'viewport' },
  { path: 'wipe.example/story.html', what: 'a page that wipes itself after load shows no stale "done"', state: ['skipped'], minQuotes: 0 },
  { path: 'many-quotes.example/story.html', what: 'the 5,000-quote page is analysed', state: ['done'], minQuotes: 1000 },
  { path: 'big.example/story.html', what: 'the 3 MB page is analysed, and a jump far down the page finds markers there', state: ['done'], minQuotes: 100, jump: true },
  { path: 'rtl.example/story.html', what: 'the right-to-left page: its Arabic and Hebrew quotes are statements', state: ['done'], minQuotes: 2, statements: 2 },
  { path: 'fullwidth.example/story.html', what: 'the fullwidth-marks page is analysed, both its quotes statements, its markers cover no letter', state: ['done'], minQuotes: 2, statements: 2, look: 'letters' },
  { path: 'shadow.example/story.html', what: 'quotes in an open shadow root are read', state: ['done'], minQuotes: 2 },
  { path: 'frame.example/story.html', what: 'quotes in a same-origin frame are read', state: ['done'], minQuotes: 2 },
  { path: 'csp.example/story.html', what: 'the strict-CSP page is analysed, its markers cover no letter', state: ['done'], minQuotes: 2, look: 'letters' },
];
