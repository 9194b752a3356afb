// Popup wiring: find the page (active tab, or ?url= when opened as a tab), ask the background for
// its result and the pause settings, and run the analysis on demand.
import { render } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import '@/components/base.css';
import './style.css';
import { Popup } from '@/components/Popup';
import { envelope, isErrorReply, type MessageType, type PauseSettings, type Reply, type Request } from '@/lib/messages';
import type { PageResult } from '@/lib/types';

async function send<T extends MessageType>(type: T, payload: Request<T>): Promise<Reply<T>> {
  const reply = (await browser.runtime.sendMessage(envelope(type, payload))) as unknown;
  if (isErrorReply(reply)) throw new Error(reply.error);
  return reply as Reply<T>;
}

function hostOf(url: string | null): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.hostname.toLowerCase() : null;
  } catch {
    return null;
  }
}

async function findPage(): Promise<{ url: string | null; tabId?: number }> {
  const given = new URLSearchParams(location.search).get('url');
  if (given) return { url: given };
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return { url: tab?.url ?? null, tabId: tab?.id };
}

function App() {
  const [page, setPage] = useState<{ url: string | null; tabId?: number }>({ url: null });
  const [result, setResult] = useState<PageResult | null>(null);
  const [settings, setSettings] = useState<PauseSettings>({ globalPaused: false, pausedSites: [] });
  const [loading, setLoading] = useState(true);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const host = hostOf(page.url);

  const load = useCallback(async (url: string | null) => {
    const [r, s] = await Promise.all([url ? send('getPageResult', { url }) : Promise.resolve(null), send('getSettings', {})]);
    setResult(r);
    setSettings(s);
  }, []);

  useEffect(() => {
    findPage()
      .then(async (p) => {
        setPage(p);
        await load(p.url);
      })
      .catch((err) => setMessage(`Could not load: ${err instanceof Error ? err.message : String(err)}`))
      .finally(() => setLoading(false));
  }, [load]);

  const analyze = async () => {
    setBusy(true);
    setMessage('Analysing…');
    try {
      const run = await send('analyzeTab', { tabId: page.tabId, url: page.url ?? undefined });
      setMessage(
        run.state === 'done'
          ? `Found ${run.quoteCount} quote${run.quoteCount === 1 ? '' : 's'}.`
          : run.state === 'skipped'
            ? 'No article text found on this page.'
            : run.state === 'error'
              ? 'The analysis failed on this page.'
              : `State: ${run.state}`,
      );
      await load(page.url);
    } catch (err) {
      setMessage(`Could not analyse this page: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      setBusy(false);
    }
  };

  const guard = (p: Promise<PauseSettings>) =>
    p.then(setSettings).catch((err) => setMessage(`Could not save: ${err instanceof Error ? err.message : String(err)}`));

  return (
    <Popup
      url={page.url}
      host={host}
      result={result}
      loading={loading}
      globalPaused={settings.globalPaused}
      sitePaused={!!host && settings.pausedSites.includes(host)}
      message={message}
      busy={busy}
      logHref={browser.runtime.getURL('/quotes.html')}
      onToggleSite={(paused) => host && guard(send('setSitePaused', { host, paused }))}
      onToggleAll={(paused) => guard(send('setGlobalPaused', { paused }))}
      onAnalyze={analyze}
      onShowQuote={(id) => {
        send('showQuote', { tabId: page.tabId, url: page.url ?? undefined, id })
          .then((r) => {
            if (!r.ok) setMessage('That quote is not on the page any more.');
            // The toolbar popup gets out of the way; a popup opened in a tab (?url=) stays.
            else if (new URLSearchParams(location.search).has('url')) setMessage('Shown on the page.');
            else window.close();
          })
          .catch((err) => setMessage(`Could not show it: ${err instanceof Error ? err.message : String(err)}`));
      }}
    />
  );
}

render(<App />, document.getElementById('app')!);
