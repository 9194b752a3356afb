// Options wiring: the team's CouchDB database, credentials and the sharing switch (off by default).
// Settings go to extension storage, where the background watches them; host permission is asked
// for the database's one origin, from the click that tests the connection or turns sharing on.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import '@/components/base.css';
import './style.css';
import { envelope, isErrorReply, type ShareView } from '@/lib/messages';
import { authHeader, describeConnection, parseShareConfig, SHARE_CONFIG_KEY, shareTarget, type ShareConfig } from '@/lib/share/share-config';

/** How often the page asks the background how sharing goes: often enough to watch a pull. */
const VIEW_POLL_MS = 2000;

async function loadConfig(): Promise<ShareConfig> {
  return parseShareConfig((await browser.storage.local.get(SHARE_CONFIG_KEY))[SHARE_CONFIG_KEY]);
}

async function saveConfig(config: ShareConfig): Promise<void> {
  await browser.storage.local.set({ [SHARE_CONFIG_KEY]: config });
}

async function loadView(): Promise<ShareView | null> {
  const reply = (await browser.runtime.sendMessage(envelope('getShareView', {}))) as unknown;
  return isErrorReply(reply) || !reply ? null : (reply as ShareView);
}

/** Ask for the one origin; called first in a click handler, as browsers require. */
async function allow(permission: string): Promise<boolean> {
  return browser.permissions.request({ origins: [permission] });
}

function stateText(view: ShareView | null): string {
  if (!view?.enabled) return 'Sharing is off: nothing leaves this browser.';
  if (view.problem) return view.problem;
  const s = view.status;
  if (!s) return 'Starting…';
  const when = s.lastSync ? `, last in step ${new Date(s.lastSync).toLocaleTimeString()}` : '';
  const what = { starting: 'Starting', active: 'Exchanging', idle: 'In step with the team', offline: 'Cannot reach the server; retrying', stopped: 'Stopped' }[s.state];
  return `${what}${when}. Shared ${s.pushed}, received ${s.merged} article version${s.merged === 1 ? '' : 's'} since the browser started.${s.lastError ? ` Last problem: ${s.lastError}` : ''}`;
}

/** Ask for the database's origin, then read the database itself: what the reader is told. */
async function testConnection(config: ShareConfig): Promise<{ ok: boolean; text: string }> {
  const target = shareTarget(config.url);
  if (!target.ok) return { ok: false, text: target.error };
  if (!(await allow(target.permission))) return { ok: false, text: `Verbatim was not allowed to reach ${target.permission}.` };
  try {
    const res = await fetch(target.dbUrl, { headers: { Accept: 'application/json', ...authHeader(config) }, credentials: 'omit' });
    const body = await res.json().catch(() => null);
    const found = describeConnection(res.status, body);
    return { ok: found.ok, text: found.message };
  } catch (err) {
    return { ok: false, text: `The server could not be reached (${err instanceof Error ? err.message : String(err)}).` };
  }
}

/** How sharing goes, and the server's documents that were skipped, with why (as text only). */
function ShareStatus({ view }: { view: ShareView | null }) {
  return (
    <>
      <h2>Status</h2>
      <p id="vb-share-state" class="vb-note">{stateText(view)}</p>
      {view && view.skipped.length > 0 && (
        <>
          <p class="vb-hint">Documents from the server that were not taken in (the rest were):</p>
          <ul id="vb-share-skipped" class="vb-skipped">
            {view.skipped.map((s) => (
              <li key={s.id}>
                <code>{s.id}</code>: {s.reason}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

function App() {
  const [config, setConfig] = useState<ShareConfig | null>(null);
  const [view, setView] = useState<ShareView | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    loadConfig().then(setConfig, (err) => setMessage({ ok: false, text: `Could not read the settings: ${String(err)}` }));
    const poll = () => loadView().then(setView, () => undefined);
    void poll();
    const timer = setInterval(poll, VIEW_POLL_MS);
    return () => clearInterval(timer);
  }, []);

  if (!config) return <main id="vb-options">{message && <p class="vb-note vb-bad">{message.text}</p>}</main>;
  const target = shareTarget(config.url);
  const edit = (field: keyof ShareConfig) => (e: Event) => setConfig({ ...config, [field]: (e.currentTarget as HTMLInputElement).value });

  const test = async () => {
    setBusy(true);
    try {
      setMessage(await testConnection(config));
    } finally {
      setBusy(false);
    }
  };

  const switchTo = async (enabled: boolean) => {
    if (enabled) {
      if (!target.ok) return setMessage({ ok: false, text: target.error });
      if (!(await allow(target.permission))) return setMessage({ ok: false, text: `Sharing stays off: Verbatim was not allowed to reach ${target.permission}.` });
    }
    const next = { ...config, url: target.ok ? target.dbUrl : config.url, enabled };
    await saveConfig(next);
    setConfig(next);
    setMessage({ ok: true, text: enabled ? 'Sharing is on.' : 'Sharing is off: nothing leaves this browser.' });
    setTimeout(() => void loadView().then(setView), 300);
  };

  const save = async () => {
    if (config.url && !target.ok) return setMessage({ ok: false, text: target.error });
    const next = { ...config, url: target.ok ? target.dbUrl : config.url };
    await saveConfig(next);
    setConfig(next);
    setMessage({ ok: true, text: 'Saved.' });
  };

  return (
    <main id="vb-options">
      <h1>Verbatim</h1>
      <p class="vb-hint">Everything Verbatim learns stays in this browser unless you turn on sharing below.</p>
      <h2>Share the quote log with a team</h2>
      <p class="vb-hint">
        With sharing on, the article versions and quotes this browser reads are copied to your team's CouchDB database, and the
        ones your colleagues read are copied here, so their versions show up in your cards and quote log.
      </p>
      <label class="vb-field">
        <span>Database address</span>
        <input id="vb-share-url" type="url" placeholder="https://couch.example.org/newsroom" value={config.url} onInput={edit('url')} disabled={config.enabled} />
      </label>
      <label class="vb-field">
        <span>User name</span>
        <input id="vb-share-user" type="text" autocomplete="username" value={config.username} onInput={edit('username')} disabled={config.enabled} />
      </label>
      <label class="vb-field">
        <span>Password</span>
        <input id="vb-share-password" type="password" autocomplete="current-password" value={config.password} onInput={edit('password')} disabled={config.enabled} />
      </label>
      <label class="vb-field">
        <span>Shared by (optional)</span>
        <input id="vb-share-by" type="text" maxLength={80} placeholder="Your name or desk" value={config.sharedBy} onInput={edit('sharedBy')} disabled={config.enabled} />
      </label>
      <p class="vb-hint">The password is kept in this browser's extension storage and sent only to that server.</p>
      <div class="vb-row">
        <button id="vb-share-save" type="button" onClick={() => void save()} disabled={busy || config.enabled}>Save</button>
        <button id="vb-share-test" type="button" onClick={() => void test()} disabled={busy || !config.url}>Test connection</button>
        <button id="vb-share-toggle" class="vb-primary" type="button" onClick={() => void switchTo(!config.enabled)} disabled={busy || (!config.enabled && !config.url)}>
          {config.enabled ? 'Turn sharing off' : 'Turn sharing on'}
        </button>
      </div>
      {message && <p id="vb-share-message" class={`vb-note${message.ok ? '' : ' vb-bad'}`} role="status">{message.text}</p>}
      <ShareStatus view={view} />
    </main>
  );
}

render(<App />, document.getElementById('app') as HTMLElement);
