// The reader's pause switches, as plain data; stored by lib/store/settings.ts.
import type { Settings } from './types';

/** Whether Verbatim should read pages on this host. */
export function isPaused(settings: Settings, host: string): boolean {
  return settings.globalPaused || settings.pausedSites.includes(host.trim().toLowerCase());
}
