// Options wiring: the team's CouchDB database, credentials and the sharing switch (off by default).
// Settings go to extension storage, where the background watches them; host permission is asked
// for the database's one origin, from the click that tests the connection or turns sharing on.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import '@/components/base.css';
import '@/components/page-buttons.css';
import './style.css';
import { envelope, isErrorReply, type ShareView } from '@/lib/messages';
import { authHeader, describeConnection, parseShareConfig, SHARE_CONFIG_KEY, shareTarget, type ShareConfig } from '@/lib/share/share-config';
import { MAX_SHARED_BY, sharerName } from '@/lib/share/shared-doc';

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

type Message = { ok: boolean; text: string } | null;

/** The sharing settings (null until read) and a message if they could not be read. */
type ConfigSetter = (next: ShareConfig | null | ((c: ShareConfig | null) => ShareConfig | null)) => void;

function useStoredConfig(): [ShareConfig | null, ConfigSetter, Message, (m: Message) => void] {
  const [config, setConfig] = useState<ShareConfig | null>(null);
  const [message, setMessage] = useState<Message>(null);
  useEffect(() => {
    loadConfig().then(setConfig, (err) => setMessage({ ok: false, text: `Could not read the settings: ${String(err)}` }));
  }, []);
  return [config, setConfig, message, setMessage];
}

/** How sharing goes, asked of the background every VIEW_POLL_MS; `refresh` asks at once. */
function useShareView(): [ShareView | null, () => void] {
  const [view, setView] = useState<ShareView | null>(null);
  const refresh = () => void loadView().then(setView, () => undefined);
  useEffect(() => {
    refresh();
    const timer = setInterval(refresh, VIEW_POLL_MS);
    return () => clearInterval(timer);
  }, []);
  return [view, refresh];
}

/** The settings as they are saved: the address normalised when it is acceptable, the name as it
 *  will go out with each document. */
function settled(config: ShareConfig, enabled = config.enabled): ShareConfig {
  const target = shareTarget(config.url);
  return { ...config, url: target.ok ? target.dbUrl : config.url, sharedBy: sharerName(config.sharedBy), enabled };
}

/** Turn sharing on (asking for the server's origin first, from the click) or off, and say so. */
async function switchSharing(config: ShareConfig, enabled: boolean): Promise<{ next: ShareConfig | null; message: Message }> {
  const target = shareTarget(config.url);
  if (enabled) {
    if (!target.ok) return { next: null, message: { ok: false, text: target.error } };
    if (!(await allow(target.permission))) return { next: null, message: { ok: false, text: `Sharing stays off: Verbatim was not allowed to reach ${target.permission}.` } };
  }
  const next = settled(config, enabled);
  await saveConfig(next);
  return { next, message: { ok: true, text: enabled ? 'Sharing is on.' : 'Sharing is off: nothing leaves this browser.' } };
}

/** Save the settings without switching: refused while the address is not acceptable. */
async function saveSettings(config: ShareConfig): Promise<{ next: ShareConfig | null; message: Message }> {
  const target = shareTarget(config.url);
  if (config.url && !target.ok) return { next: null, message: { ok: false, text: target.error } };
  const next = settled(config);
  await saveConfig(next);
  return { next, message: { ok: true, text: 'Saved.' } };
}

/** The server's address, the credentials and the name documents carry; locked while sharing is on. */
function ShareFields({ config, onChange }: { config: ShareConfig; onChange: (update: (c: ShareConfig) => ShareConfig) => void }) {
  // An update of the latest settings, not of those this render saw: a password manager fills the
  // user name and the password in one go, before the page renders again.
  const edit = (field: keyof ShareConfig) => (e: Event) => {
    const value = (e.currentTarget as HTMLInputElement).value;
    onChange((c) => ({ ...c, [field]: value }));
  };
  return (
    <>
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
        <input id="vb-share-by" type="text" maxLength={MAX_SHARED_BY} placeholder="Your name or desk" value={config.sharedBy} onInput={edit('sharedBy')} disabled={config.enabled} />
      </label>
      <p class="vb-hint">Your colleagues see this name with each article version you share. The password is kept in this browser's extension storage and sent only to that server.</p>
    </>
  );
}

function App() {
  const [config, setConfig, message, setMessage] = useStoredConfig();
  const [view, refreshView] = useShareView();
  const [busy, setBusy] = useState(false);

  if (!config) return <main id="vb-options" class="vb-theme">{message && <p class="vb-note vb-bad">{message.text}</p>}</main>;

  /** Run one action of the page: buttons wait for it, its message is shown, its settings kept. */
  const act = (action: () => Promise<{ next?: ShareConfig | null; message: Message }>) => async () => {
    setBusy(true);
    try {
      const { next, message: said } = await action();
      if (next) setConfig(next);
      setMessage(said);
    } finally {
      setBusy(false);
    }
  };
  const test = act(async () => {
    const found = await testConnection(config);
    return { message: found };
  });
  const toggle = act(async () => {
    const done = await switchSharing(config, !config.enabled);
    if (done.next) setTimeout(refreshView, 300);
    return done;
  });

  return (
    <main id="vb-options" class="vb-theme">
      <h1>Verbatim</h1>
      <p class="vb-hint">Everything Verbatim learns stays in this browser unless you turn on sharing below.</p>
      <h2>Share the quote log with a team</h2>
      <p class="vb-hint">
        With sharing on, the article versions and quotes this browser reads are copied to your team's CouchDB database, and the
        ones your colleagues read are copied here, so their versions show up in your cards and quote log.
      </p>
      <ShareFields config={config} onChange={(update) => setConfig((c) => (c ? update(c) : c))} />
      <div class="vb-row">
        <button id="vb-share-save" type="button" onClick={act(() => saveSettings(config))} disabled={busy || config.enabled}>Save</button>
        <button id="vb-share-test" type="button" onClick={test} disabled={busy || !config.url}>Test connection</button>
        <button id="vb-share-toggle" class="vb-primary" type="button" onClick={toggle} disabled={busy || (!config.enabled && !config.url)}>
          {config.enabled ? 'Turn sharing off' : 'Turn sharing on'}
        </button>
      </div>
      {message && <p id="vb-share-message" class={`vb-note${message.ok ? '' : ' vb-bad'}`} role="status">{message.text}</p>}
      <ShareStatus view={view} />
    </main>
  );
}

render(<App />, document.getElementById('app') as HTMLElement);
