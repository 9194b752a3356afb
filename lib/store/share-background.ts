// [browser] The background's side of sharing: it reads the sharing settings from extension storage
// and replicates only while sharing is on, the address is acceptable and the user granted host
// permission for that one origin. While off, PouchDB is not even loaded and nothing is sent.
import { browser } from 'wxt/browser';
import type { VerbatimDb } from './db';
import { shareSync, skippedDocs, type ShareSync } from './share-sync';
import { parseShareConfig, SHARE_CONFIG_KEY, shareTarget, type ShareConfig } from '../share/share-config';
import type { ShareView } from '../messages';

async function readConfig(): Promise<ShareConfig> {
  const stored = await browser.storage.local.get(SHARE_CONFIG_KEY);
  return parseShareConfig(stored[SHARE_CONFIG_KEY]);
}

/** Start, restart or stop replication as the settings say; `pushSoon` after a page was stored. */
export function backgroundSharing(db: VerbatimDb, now: () => number) {
  let sync: ShareSync | null = null;
  let running = '';
  let enabled = false;
  let problem: string | null = null;
  let applying: Promise<void> = Promise.resolve();

  async function apply(): Promise<void> {
    const config = await readConfig();
    enabled = config.enabled;
    const target = shareTarget(config.url);
    let wanted = '';
    problem = null;
    if (config.enabled && !target.ok) problem = target.error;
    else if (config.enabled && target.ok) {
      const granted = await browser.permissions.contains({ origins: [target.permission] });
      if (granted) wanted = JSON.stringify([target.dbUrl, config.username, config.password, config.sharedBy]);
      else problem = `Verbatim may not reach ${target.permission}: turn sharing on again in the options to allow it`;
    }
    if (wanted === running) return;
    await sync?.stop();
    sync = null;
    running = wanted;
    if (!wanted || !target.ok) return;
    const { openSharePouch } = await import('./share-pouch');
    const { mirror, remote } = openSharePouch(target.dbUrl, config.username, config.password);
    sync = shareSync({ db, mirror, remote, now, sharedBy: config.sharedBy || undefined, target: target.dbUrl });
    await sync.start();
  }

  const reapply = () => {
    applying = applying.then(apply).catch((err: unknown) => {
      problem = `Sharing could not start: ${(err as Error)?.message ?? err}`;
    });
    return applying;
  };

  browser.storage.onChanged.addListener((changes: Record<string, unknown>, area: string) => {
    if (area === 'local' && SHARE_CONFIG_KEY in changes) void reapply();
  });
  // Back online: try the server at once instead of waiting out the retry back-off.
  globalThis.addEventListener?.('online', () => void sync?.reconnect());
  void reapply();

  return {
    pushSoon(): void {
      void sync?.pushNow();
    },
    async view(): Promise<ShareView> {
      return { enabled, status: sync?.status() ?? null, skipped: await skippedDocs(db), problem };
    },
  };
}
