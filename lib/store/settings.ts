// The settings table: the global and per-site pause.
import type { Settings } from '../types';
import type { VerbatimDb } from './db';


const GLOBAL_PAUSED = 'globalPaused';
const PAUSED_SITES = 'pausedSites';

export async function getSettings(db: VerbatimDb): Promise<Settings> {
  const rows = await db.settings.bulkGet([GLOBAL_PAUSED, PAUSED_SITES]);
  const globalPaused = rows[0]?.value === true;
  const sites = rows[1]?.value;
  const pausedSites = Array.isArray(sites) ? sites.filter((s): s is string => typeof s === 'string') : [];
  return { globalPaused, pausedSites };
}

export async function setGlobalPaused(db: VerbatimDb, paused: boolean): Promise<Settings> {
  await db.settings.put({ key: GLOBAL_PAUSED, value: paused });
  return getSettings(db);
}

export async function setSitePaused(db: VerbatimDb, host: string, paused: boolean): Promise<Settings> {
  const site = host.trim().toLowerCase();
  await db.transaction('rw', db.settings, async () => {
    const row = await db.settings.get(PAUSED_SITES);
    const current = Array.isArray(row?.value) ? (row.value as string[]) : [];
    const next = current.filter((s) => s !== site);
    if (paused && site) next.push(site);
    next.sort();
    await db.settings.put({ key: PAUSED_SITES, value: next });
  });
  return getSettings(db);
}
