// The content script: only what starts Verbatim on a page. Everything that reads and draws the page
// is the content script's main part (entrypoints/page-main.ts), imported into this world by its URL
// (lib/page/late-parts.ts): the browser parses an imported script away from the page's main thread,
// while a content script is compiled on it, in the page's own time (20–90 ms for the whole of it on
// a 2-core machine). This file stays a few kilobytes: WXT's context and the extension API it brings,
// which the main part is handed rather than building its own.
// the page's own highlight styles (::highlight) go in with the content script, as its stylesheet
import '@/components/page-highlights.css';
import { browser } from 'wxt/browser';
import { partLoader } from '@/lib/page/late-parts';
import { problemReport } from '@/lib/messages';
import type { StartPage } from './page-main';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  main(ctx) {
    const g = globalThis as unknown as { __verbatimContent?: boolean };
    // Injected again on demand into a tab that already runs it: the live instance answers.
    if (g.__verbatimContent) return;
    g.__verbatimContent = true;
    partLoader<StartPage>('main', () => import(/* @vite-ignore */ browser.runtime.getURL('/page-main.js')))().then(
      (start) => start(ctx, browser),
      (err: unknown) => {
        g.__verbatimContent = false;
        report(err);
      },
    );
  },
});

/** The main part could not be had (the extension was updated or removed meanwhile): told to the background, if it is there. */
function report(err: unknown): void {
  try {
    browser.runtime.sendMessage(problemReport('start', err)).catch(() => {});
  } catch {
    // the extension's context is gone: nothing to tell
  }
}
