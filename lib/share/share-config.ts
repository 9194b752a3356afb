// What the user sets up to share: the team's CouchDB database, credentials, and the on/off switch
// (off until the user turns it on). Kept in extension storage, never in the quote store or a page.
import { sharerName } from './shared-doc';

/** The extension storage key of the sharing settings. */
export const SHARE_CONFIG_KEY = 'verbatimShare';

export interface ShareConfig {
  /** The team's database, e.g. https://couch.example.org/newsroom (no credentials in it). */
  url: string;
  username: string;
  password: string;
  /** Shown with each version this browser shares (as sharerName makes it); empty to say nothing. */
  sharedBy: string;
  enabled: boolean;
}

export const DEFAULT_SHARE_CONFIG: ShareConfig = { url: '', username: '', password: '', sharedBy: '', enabled: false };

/** The settings as stored, or the defaults for anything missing or malformed. */
export function parseShareConfig(value: unknown): ShareConfig {
  if (typeof value !== 'object' || value === null) return { ...DEFAULT_SHARE_CONFIG };
  const v = value as Record<string, unknown>;
  const str = (k: keyof ShareConfig) => (typeof v[k] === 'string' ? (v[k] as string) : '');
  return { url: str('url').trim(), username: str('username'), password: str('password'), sharedBy: sharerName(str('sharedBy')), enabled: v.enabled === true };
}

/** Hosts where plain http is allowed: the server runs on this machine, nothing crosses a network. */
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export type ShareTarget =
  | { ok: true; /** The database URL, normalised. */ dbUrl: string; /** The host permission to ask for: this one origin. */ permission: string }
  | { ok: false; error: string };

/** Check a database URL the user typed: https (http only on this machine), a database name in the
 *  path, no credentials in the URL (they have fields of their own and stay out of logs). */
export function shareTarget(url: string): ShareTarget {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    return { ok: false, error: 'Enter the full address of the database, like https://couch.example.org/newsroom' };
  }
  const local = LOCAL_HOSTS.has(u.hostname);
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && local)) {
    return { ok: false, error: 'The server must use https (plain http only for a server on this machine, localhost)' };
  }
  if (u.username || u.password) return { ok: false, error: 'Put the user name and password in their own fields, not in the address' };
  if (u.search || u.hash) return { ok: false, error: 'The address must not have a query (?…) or fragment (#…)' };
  const path = u.pathname.replace(/\/+$/, '');
  if (!path || path === '/') return { ok: false, error: 'Add the database name to the address, like https://couch.example.org/newsroom' };
  // A match pattern names scheme and host; it matches every port of that host.
  return { ok: true, dbUrl: `${u.origin}${path}`, permission: `${u.protocol}//${u.hostname}/*` };
}

/** Basic authentication for CouchDB, or nothing without a user name. */
export function authHeader(config: Pick<ShareConfig, 'username' | 'password'>): Record<string, string> {
  if (!config.username) return {};
  const bytes = new TextEncoder().encode(`${config.username}:${config.password}`);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return { Authorization: `Basic ${btoa(binary)}` };
}

/** What a test of the connection found, from the server's answer to GET on the database. */
export function describeConnection(status: number, body: unknown): { ok: boolean; message: string } {
  const b = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  if (status === 200 && typeof b.db_name === 'string') {
    const count = typeof b.doc_count === 'number' ? `, ${b.doc_count} document${b.doc_count === 1 ? '' : 's'}` : '';
    return { ok: true, message: `Connected to database “${b.db_name}”${count}.` };
  }
  if (status === 200) return { ok: false, message: 'The server answered, but not as a CouchDB database does. Check the address.' };
  if (status === 401) return { ok: false, message: 'The server refused the user name or password.' };
  if (status === 403) return { ok: false, message: 'This user may not read that database.' };
  if (status === 404) return { ok: false, message: 'There is no such database on the server: ask its administrator to create it.' };
  return { ok: false, message: `The server answered with status ${status}.` };
}
