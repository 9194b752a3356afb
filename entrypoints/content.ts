// The content script: only what starts Verbatim on a page. Everything that reads and draws the page
// is the content script's main part (entrypoints/page-main.ts), imported into this world by its URL
// (lib/page/late-parts.ts): the browser parses an imported script away from the page's main thread,
// while a content script is compiled on it, in the page's own time (20–90 ms for the whole of it on
// a 2-core machine). This file stays a few kilobytes, and reaches the extension's API without the
// polyfill, which comes with the main part.
// the page's own highlight styles (::highlight) go in with the content script, as its stylesheet
import '@/components/page-highlights.css';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { partLoader } from '@/lib/page/late-parts';
import { envelope } from '@/lib/messages';

type Runtime = { getURL(path: string): string; sendMessage(message: unknown): Promise<unknown> | void };

/** The extension's runtime API: `browser` in Firefox, `chrome` in Chromium (both answer with promises here). */
const runtime = (): Runtime => {
  const g = globalThis as unknown as { browser?: { runtime: Runtime }; chrome?: { runtime: Runtime } };
  return (g.browser ?? g.chrome)!.runtime;
};

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  main(ctx) {
    const g = globalThis as unknown as { __verbatimContent?: boolean };
    // Injected again on demand into a tab that already runs it: the live instance answers.
    if (g.__verbatimContent) return;
    g.__verbatimContent = true;
    partLoader<(ctx: ContentScriptContext) => void>('main', () => import(/* @vite-ignore */ runtime().getURL('/page-main.js')))().then(
      (start) => start(ctx),
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
    const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    void Promise.resolve(runtime().sendMessage(envelope('reportProblem', { where: 'start', message }))).catch(() => {});
  } catch {
    // the extension's context is gone: nothing to tell
  }
}
