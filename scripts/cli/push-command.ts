// `verbatim push <database-url> --store FILE`: the store's article versions into a team's CouchDB
// database as the extension shares them (the same documents, built by sharedDocsAfter), so a team
// can seed its shared log from an archive. The extension's members then pull them like any
// colleague's. A version already on the server, or withdrawn there (a tombstone), is left as it is:
// documents never change once written.
import type { Writable } from 'node:stream';
import { Option, type Command } from 'commander';
import type { VerbatimDb } from '../../lib/store/db';
import { sharedDocsAfter } from '../../lib/store/share-merge';
import { SHARE_BATCH } from '../../lib/store/share-sync';
import { authHeader, describeConnection, shareTarget } from '../../lib/share/share-config';
import type { SharedDoc } from '../../lib/share/shared-doc';
import { openScanStore } from './store';

/** The environment variable the password is read from: a password on the command line would show
 *  in the process list and the shell's history. */
export const PASSWORD_ENV = 'VERBATIM_COUCH_PASSWORD';

/** Rejections listed before "and N more". */
const MAX_LISTED = 10;

export interface PushOptions {
  url: string;
  username?: string;
  password?: string;
  /** The name each pushed document carries (an archive's desk, say); none when empty. */
  sharedBy?: string;
  err: Writable;
}

export interface PushReport {
  pushed: number;
  /** On the server already (written by a member, an earlier push, or withdrawn). */
  present: number;
  refused: { id: string; reason: string }[];
}

export class PushError extends Error {}

type Fetcher = (path: string, init?: { method?: string; body?: unknown }) => Promise<{ status: number; body: unknown }>;

/** Requests to the database at `dbUrl`, as JSON, with the user's credentials. */
function couch(dbUrl: string, auth: Record<string, string>): Fetcher {
  return async (path, init = {}) => {
    let res: Response;
    try {
      res = await fetch(`${dbUrl}${path}`, {
        method: init.method ?? 'GET',
        headers: { Accept: 'application/json', 'Content-Type': 'application/json', ...auth },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
    } catch (e) {
      throw new PushError(`${dbUrl}: the server could not be reached (${(e as Error).cause ?? (e as Error).message})`);
    }
    return { status: res.status, body: await res.json().catch(() => null) };
  };
}

/** The ids of `docs` the server has (as documents or as tombstones). */
async function presentOnServer(request: Fetcher, docs: SharedDoc[]): Promise<Set<string>> {
  const res = await request('/_all_docs', { method: 'POST', body: { keys: docs.map((d) => d._id) } });
  const rows = (res.body as { rows?: { key: string; value?: unknown }[] } | null)?.rows;
  if (res.status !== 200 || !Array.isArray(rows)) throw new PushError(`the server answered ${res.status} when asked which documents it has`);
  return new Set(rows.filter((r) => r.value).map((r) => r.key));
}

/** Write `docs`; a conflict means another member wrote the same version meanwhile. */
async function writeDocs(request: Fetcher, docs: SharedDoc[], report: PushReport): Promise<void> {
  const res = await request('/_bulk_docs', { method: 'POST', body: { docs } });
  const results = res.body as { id: string; ok?: boolean; error?: string; reason?: string }[] | null;
  if (res.status !== 201 && res.status !== 200) throw new PushError(`the server refused the documents (status ${res.status}${res.status === 401 || res.status === 403 ? ': this user may not write to that database' : ''})`);
  for (const r of Array.isArray(results) ? results : []) {
    if (r.ok) report.pushed++;
    else if (r.error === 'conflict') report.present++;
    else report.refused.push({ id: r.id, reason: `${r.error ?? 'error'}${r.reason ? `: ${r.reason}` : ''}` });
  }
}

/** Push every stored version the server lacks, a batch at a time, in the store's id order. */
export async function pushCommand(db: VerbatimDb, options: PushOptions): Promise<PushReport> {
  const target = shareTarget(options.url);
  if (!target.ok) throw new PushError(target.error);
  const request = couch(target.dbUrl, authHeader({ username: options.username ?? '', password: options.password ?? '' }));
  const info = await request('');
  const connection = describeConnection(info.status, info.body);
  if (!connection.ok) throw new PushError(`${target.dbUrl}: ${connection.message}`);
  const report: PushReport = { pushed: 0, present: 0, refused: [] };
  for (let after = 0; ; ) {
    const { docs, throughId } = await sharedDocsAfter(db, after, SHARE_BATCH, options.sharedBy);
    if (!docs.length) break;
    const present = await presentOnServer(request, docs);
    report.present += present.size;
    const fresh = docs.filter((d) => !present.has(d._id));
    if (fresh.length) await writeDocs(request, fresh, report);
    after = throughId;
  }
  const listed = report.refused.slice(0, MAX_LISTED).map((r) => `\n  ${r.id}: ${r.reason}`).join('');
  const more = report.refused.length > MAX_LISTED ? `\n  … and ${report.refused.length - MAX_LISTED} more` : '';
  options.err.write(
    `${target.dbUrl}: ${report.pushed} article version${report.pushed === 1 ? '' : 's'} pushed, ${report.present} already there` +
      (report.refused.length ? `, ${report.refused.length} refused:${listed}${more}` : '') + '\n',
  );
  return report;
}

/** `verbatim push`, added to the program with its store option. */
export function addPushCommand(cli: Command, storeOption: () => Option): void {
  cli
    .command('push')
    .description(`share the store's article versions with a team: write them to its CouchDB database as the extension does (password from ${PASSWORD_ENV})`)
    .argument('<database-url>', 'the team database, like https://couch.example.org/newsroom (plain http only on this machine)')
    .addOption(storeOption().makeOptionMandatory())
    .option('-u, --user <name>', 'CouchDB user name')
    .addOption(new Option('--shared-by <name>', 'the name each document carries (your desk, the archive)'))
    .action(async (url: string, opts: { store: string; user?: string; sharedBy?: string }) => {
      const store = await openScanStore(opts.store);
      try {
        const report = await pushCommand(store.db, { url, username: opts.user, password: process.env[PASSWORD_ENV], sharedBy: opts.sharedBy, err: process.stderr });
        if (report.refused.length) process.exitCode = 1;
      } catch (e) {
        if (!(e instanceof PushError)) throw e;
        console.error(`error: ${e.message}`);
        process.exitCode = 1;
      } finally {
        store.close();
      }
    });
}
